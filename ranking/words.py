"""The one catalogue of words for people: every text dti shows a person (terminal, help, problems, forms,
tables, reports, site) is declared here once, in Vietnamese (default) and English, and read with `t`.

The convention, which tests/test_words.py relies on to list every key used:
- a key is written whole, as one string literal: `t("diff.none", lang)`, `w("report.page")`, `h("help.out")`
  in Python, `{{ w('report.page') }}` or `t('…')` in a template; never built from pieces (no f-string, `+` or
  `~`), so that a search for the literal finds every use. A key chosen at run time comes from a table whose
  values are such literals (`{"ok": "diff.status.ok", …}`);
- a problem's message is `problem.` + its reason code, the code passed to `Problem` as a literal;
- `KEY.one` is the singular of `KEY`, chosen by `t` when the count (`n` or `forms`) is 1; it is used with KEY.
A missing key is a defect in dti: `t` raises, it never prints the raw key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

# key -> (Vietnamese, English); {placeholders} are filled by `t`'s parameters, the same in both languages.
WORDS: Mapping[str, tuple[str, str]] = {
    # --- terminal output, reports, site, forms, tables (what were i18n.LABELS) ---
    "rank": ("Hạng", "Rank"),
    "unit": ("Đơn vị", "Unit"),
    "index": ("Chỉ số", "Index"),
    "points": ("Điểm", "Points"),
    "band": ("Xếp loại", "Band"),
    "sample": ("DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)", "SAMPLE DATA (synthetic, not real figures)"),
    "valid": ("Không có lỗi: {files}", "No problems: {files}"),
    "validate.absent": ("Chưa có (chưa kiểm tra): {files}", "Not there yet (not checked): {files}"),
    "problems": ("{n} lỗi, {w} cảnh báo", "errors: {n}, warnings: {w}"),
    "written": ("Đã ghi {out}", "Written to {out}"),
    "top": ("{title} — {n} đơn vị", "{title} — {n} units"),
    # H7 speed: the render cache's summary line
    "jobs.bounded": ("--jobs {asked}: dùng {n} tiến trình tạo PDF (số lõi CPU dùng được: {cores}; bộ nhớ còn trống: "
                     "{memory}, mỗi tiến trình cần tới 300 MB)",
                     "--jobs {asked}: {n} render processes ({cores} available cores; {memory} of available memory, "
                     "up to 300 MB per process)"),
    "pdf.rendered": ("PDF: {rendered} tệp được tạo mới, {reused} tệp lấy lại từ bộ nhớ đệm (nội dung không đổi)",
                     "PDFs: {rendered} rendered, {reused} reused from the render cache (content unchanged)"),
    # --- the PDF reports (report.py and ranking/templates/) ---
    "report.sample_short": ("DỮ LIỆU MẪU", "SAMPLE DATA"),
    "report.page": ("Trang", "Page"),
    "report.of": ("/", "of"),
    "report.results": ("Kết quả đánh giá, xếp hạng năm {edition}", "Ranking results {edition}"),
    "report.edition": ("Ấn bản {edition}", "Edition {edition}"),
    "report.operator": ("Đơn vị thực hiện", "Published by"),
    "report.date": ("Ngày lập", "Date"),
    "report.units_total": ("{n} đơn vị trong {g} khối", "{n} units in {g} groups"),
    "report.summary": ("Tóm tắt", "Summary"),
    "report.group": ("Khối", "Group"),
    "report.units": ("Số đơn vị", "Units"),
    "report.mean": ("Trung bình", "Mean"),
    "report.sd": ("Độ lệch chuẩn", "Std. dev."),
    "report.min": ("Thấp nhất", "Lowest"),
    "report.max": ("Cao nhất", "Highest"),
    "report.top": ("Dẫn đầu", "Top"),
    "report.bottom": ("Cuối bảng", "Bottom"),
    "report.distribution": ("Phân bố chỉ số theo khối", "Distribution of the index by group"),
    "report.ranking_of": ("Bảng xếp hạng: {title}", "Ranking: {title}"),
    "report.change": ("So với năm trước", "Change vs last year"),
    "report.new_unit": ("mới", "new"),
    "report.merged": ("hợp nhất", "merged"),
    "report.pillars_legend": ("Chỉ số thành phần", "Pillars"),
    "report.bar_chart": ("Chỉ số của các đơn vị, từ cao xuống thấp", "Index of every unit, highest first"),
    "report.robustness": ("Độ vững của thứ hạng", "How firm the ranks are"),
    "report.robustness_of": ("Độ vững của thứ hạng: {title}", "How firm the ranks are: {title}"),
    "report.box_title": ("Khoảng thứ hạng: thứ hạng có phụ thuộc vào cách tính không?",
                         "Rank intervals: does a rank depend on how the index is computed?"),
    "report.box_what": (
        "Mỗi bảng xếp hạng dựa trên một cách tính: trọng số đã công bố của các chỉ số thành phần và phép cộng "
        "điểm có trọng số. Khoảng thứ hạng cho biết thứ hạng của một đơn vị thay đổi đến đâu nếu cách tính "
        "hợp lý khác đi một chút.",
        "Every ranking rests on one way of computing it: the published weights of the pillars and a weighted "
        "sum of points. A rank interval shows how far a unit's rank moves if that reasonable choice is made a "
        "little differently.",
    ),
    "report.box_how": (
        "Cách làm: bảng xếp hạng của mỗi khối được tính lại {draws} lần. Mỗi lần, trọng số các chỉ số thành "
        "phần thay đổi ngẫu nhiên quanh trọng số công bố, và điểm được gộp theo một trong ba cách: cộng có trọng "
        "số (cách chính thức), nhân có trọng số (ưu tiên đơn vị phát triển đều), hoặc so khoảng cách tới đơn vị "
        "tốt nhất và kém nhất. Chi tiết ở phần Phương pháp đánh giá.",
        "How: each group's ranking is computed again {draws} times. Each time the pillar weights vary at random "
        "around the published ones, and the points are combined in one of three ways: a weighted sum (the "
        "official way), a weighted product (which favours units that are strong on every pillar), or the "
        "distance to the best and the worst unit. The methodology gives the details.",
    ),
    "report.box_read": (
        "Cách đọc: đoạn thẳng là các thứ hạng đơn vị đạt trong 90 % số lần tính lại (bỏ 5 % tốt nhất và 5 % kém "
        "nhất), chấm đen là thứ hạng ở giữa, vạch đỏ là thứ hạng chính thức. Đoạn ngắn: thứ hạng vững, hầu như "
        "không phụ thuộc vào cách tính. Đoạn dài: thứ hạng chưa vững; các đơn vị có khoảng chồng lên nhau gần "
        "như ngang nhau. Kết quả chính thức vẫn là bảng xếp hạng.",
        "Reading it: the line spans the ranks the unit reached in 90 % of the recomputations (the best 5 % and "
        "the worst 5 % left out), the black dot is the middle rank, the red tick the official rank. A short "
        "line: a firm rank, hardly dependent on the method. A long line: a rank that is not firm; units whose "
        "lines overlap are nearly level. The official result is still the ranking table.",
    ),
    "report.interval_line": ("thứ hạng trong 90 % số lần tính", "ranks in 90 % of the recomputations"),
    "report.interval_median": ("thứ hạng ở giữa (trung vị)", "middle (median) rank"),
    "report.interval_official": ("thứ hạng chính thức", "official rank"),
    "report.firm_limit": (
        "Trong khối này, một thứ hạng là vững khi khoảng thứ hạng rộng không quá {limit} bậc. Trung bình qua "
        "các lần tính lại, thứ hạng của một đơn vị xê dịch {shift} bậc so với thứ hạng chính thức.",
        "In this group a rank is firm when its interval spans at most {limit} places. On average over the "
        "recomputations, a unit's rank is {shift} places away from its official rank.",
    ),
    "report.not_firm": (
        "{n} trong {total} đơn vị có thứ hạng chưa vững (khoảng thứ hạng rộng hơn {limit} bậc):",
        "{n} of {total} units have a rank that is not firm (an interval wider than {limit} places):",
    ),
    "report.not_firm.one": (
        "{n} trong {total} đơn vị có thứ hạng chưa vững (khoảng thứ hạng rộng hơn {limit} bậc):",
        "{n} of {total} units has a rank that is not firm (an interval wider than {limit} places):",
    ),
    "report.loose_item": ("hạng {rank}, khoảng {low}–{high}", "rank {rank}, interval {low}–{high}"),
    "report.all_firm": ("Thứ hạng của mọi đơn vị trong khối đều vững.", "Every unit's rank in this group is firm."),
    "report.firm_yes": (
        "Thứ hạng {rank} là thứ hạng vững. Khi bảng xếp hạng được tính lại với trọng số và cách gộp điểm khác "
        "(xem bản công bố, phần Phương pháp), đơn vị {span} trong 90 % số lần tính: "
        "khoảng này không rộng quá {limit} bậc, nên thứ hạng hầu như không phụ thuộc vào cách tính.",
        "Rank {rank} is firm. When the ranking is computed again with other weights and other ways of combining "
        "points (see the publication's methodology), the unit {span} in 90 % of the "
        "recomputations: no more than {limit} places, so its rank hardly depends on the method.",
    ),
    "report.firm_no": (
        "Thứ hạng {rank} chưa vững. Khi bảng xếp hạng được tính lại với trọng số và cách gộp điểm khác (xem bản "
        "công bố, phần Phương pháp), đơn vị {span} trong 90 % số lần tính: rộng hơn "
        "{limit} bậc, nên đơn vị gần như ngang với các đơn vị xếp trong khoảng này; thứ hạng chính thức vẫn là "
        "{rank}.",
        "Rank {rank} is not firm. When the ranking is computed again with other weights and other ways of "
        "combining points (see the publication's methodology), the unit {span} in 90 % of "
        "the recomputations: more than {limit} places, so the unit is nearly level with the units ranked in "
        "that range; its official rank remains {rank}.",
    ),
    "method.weighted_sum": ("Cộng có trọng số (cách chính thức)", "Weighted sum (the official way)"),
    "method.weighted_product": ("Nhân có trọng số (trung bình nhân)", "Weighted product (geometric mean)"),
    "method.topsis": ("TOPSIS (khoảng cách tới tốt nhất, kém nhất)", "TOPSIS (distance to the best and worst)"),
    "method.all": ("Mọi lần tính lại", "All recomputations"),
    "report.method_robustness": ("Độ vững của thứ hạng", "How firm the ranks are"),
    "report.method_rob_draws": (
        "Bảng xếp hạng của mỗi khối được tính lại {draws} lần (phương pháp Monte Carlo; số ngẫu nhiên khởi tạo "
        "từ hạt giống {seed}, nên lần chạy nào cũng cho cùng kết quả). Mỗi lần, trọng số các chỉ số thành phần "
        "được rút ngẫu nhiên theo phân phối Dirichlet quanh trọng số công bố (điểm tối đa của chỉ số thành phần "
        "chia cho tổng điểm của khối). Độ tập trung {concentration} của phân phối này quyết định trọng số lệch "
        "bao xa: càng lớn thì càng gần trọng số công bố; với {concentration}, một chỉ số thành phần có trọng số "
        "10 % thường nhận trọng số trong khoảng 10 % ± {spread}.",
        "Each group's ranking is computed again {draws} times (a Monte Carlo analysis; the random numbers start "
        "from seed {seed}, so every run gives the same result). Each time the pillar weights are drawn at random "
        "from a Dirichlet distribution around the published weights (a pillar's maximum points over the group's "
        "total). Its concentration, {concentration}, sets how far the weights stray: the higher, the closer to "
        "the published weights; at {concentration} a pillar weighing 10 % typically gets 10 % ± {spread}.",
    ),
    "report.rob_single": (
        "Khối “{title}” chỉ có một chỉ số thành phần nên không phân tích độ vững của thứ hạng theo trọng số "
        "(thay đổi trọng số không làm thay đổi thứ hạng).",
        "The group “{title}” has a single pillar, so the robustness of its ranks to the weights is not analysed "
        "(changing the weights cannot change the ranks).",
    ),
    "report.method_rob_drop": (
        "Mỗi lần tính còn có thể bỏ hẳn một chỉ số thành phần (chọn ngẫu nhiên).",
        "Each recomputation may also leave one pillar out altogether (chosen at random).",
    ),
    "report.method_rob_methods": (
        "Mỗi lần tính, điểm các chỉ số thành phần được gộp theo một trong ba cách, chọn ngẫu nhiên: cộng có "
        "trọng số (cách tính chính thức); nhân có trọng số, tức trung bình nhân (một chỉ số thành phần thấp kéo "
        "điểm xuống nhiều hơn, nên đơn vị phát triển đều được lợi); TOPSIS (đơn vị được xếp theo mức gần đơn vị "
        "tốt nhất và xa đơn vị kém nhất trên từng chỉ số thành phần).",
        "Each recomputation combines the pillar scores in one of three ways, chosen at random: the weighted sum "
        "(the official way); the weighted product, i.e. the geometric mean (one weak pillar pulls the score down "
        "more, which favours balanced units); TOPSIS (units are ordered by how close they are to the best unit "
        "and how far from the worst on each pillar).",
    ),
    "report.method_rob_interval": (
        "Khoảng thứ hạng của một đơn vị đi từ phân vị 5 % đến phân vị 95 % của các thứ hạng nó nhận được qua "
        "các lần tính lại; chấm giữa là trung vị. Thứ hạng là vững khi khoảng này rộng không quá 10 % số đơn vị "
        "của khối, và ít nhất 2 bậc.",
        "A unit's rank interval runs from the 5th to the 95th percentile of the ranks it gets over the "
        "recomputations; the dot is the median. A rank is firm when the interval spans at most 10 % of the "
        "group's units, and at least 2 places.",
    ),
    "report.method_rob_table": (
        "Bảng dưới so sánh từng cách gộp điểm với bảng xếp hạng chính thức. Hệ số Kendall và hệ số Spearman đo "
        "mức giống nhau của hai bảng xếp hạng khi dùng đúng trọng số công bố (1: giống hệt; 0: không liên quan; "
        "−1: ngược hẳn): hệ số Kendall dựa trên tỷ lệ cặp đơn vị được xếp cùng thứ tự, hệ số Spearman dựa trên "
        "chênh lệch thứ hạng. Cột xê dịch là chênh lệch trung bình, tính bằng bậc, giữa thứ hạng trong các lần "
        "tính lại dùng cách đó (trọng số đã thay đổi) và thứ hạng chính thức; dòng cuối tính trên mọi lần. Vì "
        "vậy cách cộng có trọng số có hệ số 1 (cùng công thức, cùng trọng số) nhưng vẫn xê dịch khi trọng số "
        "thay đổi.",
        "The table compares each way of combining points with the official ranking. The Kendall and Spearman "
        "coefficients measure how alike two rankings are at the published weights (1: identical; 0: unrelated; "
        "−1: reversed): Kendall's counts the pairs of units put in the same order, Spearman's the differences "
        "in rank. The shift is the mean difference, in places, between the rank in the recomputations that used "
        "that way (with varied weights) and the official rank; the last row covers every recomputation. That is "
        "why the weighted sum has coefficients of 1 (same formula, same weights) and still shifts when the "
        "weights vary.",
    ),
    "report.method": ("Cách gộp điểm", "Way of combining"),
    "report.kendall": ("Hệ số Kendall, trọng số công bố", "Kendall, published weights"),
    "report.spearman": ("Hệ số Spearman, trọng số công bố", "Spearman, published weights"),
    "report.shift": ("Xê dịch trung bình khi trọng số thay đổi (bậc)", "Mean shift with varied weights (places)"),
    "report.draws": ("Số lần tính", "Recomputations"),
    "report.legend_change": ("So với năm trước:", "Change vs last year:"),
    "report.legend_up": ("lên (số bậc),", "up (places),"),
    "report.legend_down": ("xuống,", "down,"),
    "report.legend_rest": (
        "= giữ nguyên thứ hạng; dòng dưới: chỉ số tăng (+) hoặc giảm (−). “mới”: đơn vị mới, không có kết quả năm "
        "trước. “hợp nhất”: đơn vị hợp nhất từ nhiều đơn vị cũ, so với trung bình chỉ số của các đơn vị đó (không "
        "so thứ hạng).",
        "= same rank; second line: the index rose (+) or fell (−). “new”: a new unit, with no result last year. "
        "“merged”: a unit merged from several earlier units, compared with the mean of their indices (ranks are "
        "not compared).",
    ),
    "report.legend_heat": ("Màu nền các cột chỉ số thành phần:", "Background of the pillar columns:"),
    "report.legend_na": ("—: không áp dụng cho đơn vị.", "—: does not apply to the unit."),
    "report.legend_bands": ("Xếp loại:", "Bands:"),
    "report.split_note": (
        "Một số chỉ số được ghi thêm chữ số thập phân: làm tròn {decimals} chữ số thì chúng trông bằng nhau, "
        "nhưng thứ hạng khác nhau vì xếp hạng dùng chỉ số chưa làm tròn.",
        "Some indices carry extra decimals: rounded to {decimals} decimals they look equal, but their ranks "
        "differ because the ranking uses the unrounded index.",
    ),
    "report.more": ("+{n} đơn vị khác cùng {value}", "+{n} more at {value}"),
    "report.tie_legend": (
        "“=”: đơn vị có cùng giá trị (làm tròn 3 chữ số) với đơn vị khác; danh sách kể đủ các đơn vị bằng nhau ở "
        "cuối danh sách.",
        "“=”: the unit has the same value (to 3 decimals) as another; a list includes every unit tied at its end.",
    ),
    "report.relative_note": (
        "† Điểm của chỉ số này được tính so với giá trị của các đơn vị khác trong khối (so với đơn vị tốt nhất, "
        "hoặc chuẩn hóa giữa giá trị thấp nhất và cao nhất). Vì vậy điểm có thể thay đổi khi giá trị của đơn vị "
        "khác thay đổi, kể cả khi giá trị của đơn vị này không được thẩm định lại: điểm tự chấm so với các giá "
        "trị tự đánh giá, điểm chính thức so với các giá trị sau thẩm định.",
        "† This indicator's points are set against the other units' values in the group (against the best unit, "
        "or scaled between the lowest and the highest value). They can change when other units' values change, "
        "even if this unit's value was not appraised: self points compare the self-assessed values, final points "
        "the values after appraisal.",
    ),
    "report.moved": (
        "Điểm khác điểm tự chấm vì giá trị của các đơn vị khác đã thay đổi sau thẩm định.",
        "The points differ from the self points because other units' values changed at appraisal.",
    ),
    "report.not_applicable": ("không áp dụng", "not applicable"),
    "report.relative_method": (
        "Với các chỉ số so sánh trong khối (so với đơn vị tốt nhất, hoặc chuẩn hóa giữa thấp nhất và cao nhất), "
        "điểm của một đơn vị phụ thuộc vào giá trị của các đơn vị khác: khi giá trị của đơn vị khác thay đổi "
        "sau thẩm định, điểm của đơn vị này cũng có thể thay đổi.",
        "For the indicators compared within the group (against the best unit, or scaled between the lowest and "
        "the highest value), a unit's points depend on the other units' values: when those change at appraisal, "
        "this unit's points can change too.",
    ),
    "option.command": ("Lệnh", "Command"),
    "option.criteria": ("Bộ chỉ số", "Criteria file"),
    "option.inputs": ("Thư mục dữ liệu", "Inputs folder"),
    "option.out": ("Thư mục kết quả", "Output folder"),
    "option.previous": ("Kết quả năm trước", "Last year's results"),
    "option.lang": ("Ngôn ngữ", "Language"),
    "option.lang.vi": ("tiếng Việt", "Vietnamese"),
    "option.lang.en": ("tiếng Anh", "English"),
    "option.draft": ("Bản dự thảo để so sánh", "Draft compared with"),
    "option.stage": ("Giai đoạn", "Stage"),
    "option.stage.draft": ("dự thảo", "draft"),
    "option.stage.final": ("chính thức", "final"),
    "option.command.run": ("dti run (chạy toàn bộ)", "dti run (everything)"),
    "option.command.report": ("dti report (các báo cáo PDF)", "dti report (the PDF reports)"),
    "option.command.rank": ("dti rank (các bảng kết quả)", "dti rank (the result tables)"),
    "report.by_pillar": ("Theo chỉ số thành phần", "By pillar"),
    "report.pillar": ("Chỉ số thành phần", "Pillar"),
    "report.leaders": ("Dẫn đầu", "Leaders"),
    "report.trailers": ("Thấp nhất", "Trailing"),
    "report.methodology": ("Phương pháp đánh giá", "Methodology"),
    "report.method_index": (
        "Mỗi chỉ số thành phần được chấm điểm theo quy tắc dưới đây. Chỉ số của một đơn vị bằng tổng điểm đạt "
        "được chia cho tổng điểm tối đa của các chỉ số áp dụng cho đơn vị đó, nhân với {scale}, làm tròn {decimals} "
        "chữ số thập phân; chỉ số của từng chỉ số thành phần chính được tính tương tự.",
        "Each indicator is scored by the rule below. A unit's index is the points it obtained divided by the "
        "maximum points of the indicators that apply to it, times {scale}, rounded to {decimals} decimals; each "
        "pillar's index is computed the same way.",
    ),
    "report.method_appraisal": (
        "Giá trị do Hội đồng thẩm định xác định thay thế giá trị đơn vị tự đánh giá. Điểm tự đánh giá được tính "
        "bằng cùng quy tắc trên các giá trị tự đánh giá.",
        "The value set by the appraisal council replaces the self-assessed one. The self-assessed score uses the "
        "same rules on the self-assessed values.",
    ),
    "report.method_council": (
        "Chỉ số do Hội đồng chấm chỉ lấy điểm của Hội đồng (giá trị đơn vị tự chấm chỉ là đề xuất).",
        "An indicator scored by the council takes the council's points only (the unit's own value is a proposal).",
    ),
    "report.method_measured": (
        "Chỉ số đo tự động lấy số liệu do hệ thống thông tin đo được ({systems}), đơn vị không tự đánh giá; Hội "
        "đồng thẩm định có thể hiệu chỉnh kèm ghi chú.",
        "A measured indicator takes the value measured by an information system ({systems}), not a self-assessed "
        "one; the appraisal council may correct it with a note.",
    ),
    "report.method_systems": (
        "hệ thống thông tin của {operator}",
        "the information systems of {operator}",
    ),
    "report.method_tasks": (
        "Chỉ số tính từ sổ theo dõi nhiệm vụ (tasks.csv) lấy tỷ lệ nhiệm vụ đã hoàn thành trên số nhiệm vụ đến hạn "
        "trong kỳ đánh giá (nhiệm vụ hoàn thành trễ hạn chỉ được tính khi chỉ số quy định), đơn vị không tự đánh "
        "giá; Hội đồng thẩm định có thể hiệu chỉnh kèm ghi chú.",
        "An indicator computed from the task register (tasks.csv) takes the share of the tasks due within the "
        "period that were done (a task done late counts only where the indicator says so), not a self-assessed "
        "value; the appraisal council may correct it with a note.",
    ),
    "report.method_missing": (
        "Chỉ số áp dụng cho đơn vị nhưng không có số liệu được tính 0 điểm (thiếu số liệu). Chỉ số không áp dụng "
        "cho đơn vị (theo bộ chỉ số, hoặc tỷ lệ có mẫu số bằng 0) không được tính vào điểm tối đa.",
        "An indicator that applies but has no value scores 0 (missing). An indicator that does not apply (by the "
        "criteria, or a ratio whose denominator is 0) is left out of the maximum points.",
    ),
    "report.method_previous": (
        "So sánh với năm trước: đơn vị giữ nguyên được so với chính nó, cả chỉ số và thứ hạng.",
        "Compared with last year: a unit that continues is compared with itself, its index and its rank.",
    ),
    "report.method_previous_merged": (
        "Đơn vị hợp nhất được so với trung bình cộng các giá trị của các đơn vị tiền thân, cho chỉ số và cho từng "
        "chỉ số thành phần có cùng mã ở hai bộ chỉ số (quy tắc của Bộ chỉ số DTI quốc gia với các tỉnh hợp nhất năm "
        "2025), không so thứ hạng.",
        "A merged unit is compared with the plain mean of its predecessors' values, for the index and for every "
        "pillar with the same id in both editions (the national DTI's rule for the provinces merged in 2025), "
        "without a rank change.",
    ),
    "report.method_previous_new": (
        "Đơn vị mới (không có kết quả năm trước) không được so sánh.",
        "A new unit (with no result last year) is not compared.",
    ),
    "report.method_ties": (
        "Xếp hạng trong từng khối theo chỉ số chưa làm tròn, từ cao xuống thấp. Các đơn vị có chỉ số bằng nhau "
        "(chênh lệch dưới một phần tỷ) đồng hạng, ký hiệu “=”, và thứ hạng kế tiếp được bỏ qua (15=, 15=, 17). "
        "Khi hai đơn vị khác hạng có chỉ số trông bằng nhau sau khi làm tròn, bảng ghi thêm chữ số thập phân "
        "cho đến khi thấy được khác biệt.",
        "Ranks within each group follow the unrounded index, highest first. Units whose indices are equal (differ "
        "by less than one billionth) share a rank, marked “=”, and the next rank is skipped (15=, 15=, 17). Where "
        "two units of different ranks show the same index once rounded, the tables print more decimals until "
        "the difference shows.",
    ),
    "report.method_bands": ("Xếp loại theo chỉ số", "Bands by index"),
    "report.band_from": ("từ {min}", "from {min}"),
    "report.indicator": ("Chỉ số thành phần", "Indicator"),
    "report.max_points": ("Tối đa", "Max"),
    "report.rule": ("Cách tính điểm", "How it is scored"),
    "report.applies": ("Áp dụng", "Applies to"),
    "report.applies_all": ("Tất cả", "All"),
    "report.evidence_required": ("Minh chứng", "Evidence"),
    "rule.yes_no": ("Có: {points} điểm; không: 0 điểm.", "Yes: {points} points; no: 0 points."),
    "rule.ratio": (
        "Tỷ lệ đạt được: {points} điểm × tỷ lệ / {target}, tối đa {points} điểm khi tỷ lệ đạt {target}.",
        "The share achieved: {points} points × share / {target}, at most {points} points from {target}.",
    ),
    "rule.tier_higher": ("từ {x} trở lên: {p} điểm", "{x} or more: {p} points"),
    "rule.tier_lower": ("không quá {x}: {p} điểm", "at most {x}: {p} points"),
    "rule.tiers": ("Theo mức: {levels}; thấp hơn: 0 điểm.", "By level: {levels}; otherwise 0 points."),
    "rule.tiers_lower": ("Theo mức: {levels}; cao hơn: 0 điểm.", "By level: {levels}; otherwise 0 points."),
    "rule.choice": ("Theo lựa chọn: {shares}.", "By choice: {shares}."),
    "rule.share": ("“{label}”: {p} điểm", "“{label}”: {p} points"),
    "rule.best_higher": (
        "So với đơn vị cao nhất trong khối: {points} điểm × giá trị / giá trị cao nhất.",
        "Against the best unit of the group: {points} points × value / highest value.",
    ),
    "rule.best_lower": (
        "So với đơn vị tốt nhất trong khối (giá trị thấp là tốt): {points} điểm × giá trị thấp nhất / giá trị.",
        "Against the best unit of the group (lower is better): {points} points × lowest value / value.",
    ),
    "rule.minmax_higher": (
        "Chuẩn hóa trong khối: {points} điểm × (giá trị − thấp nhất) / (cao nhất − thấp nhất); "
        "mọi giá trị bằng nhau: đủ điểm.",
        "Scaled within the group: {points} points × (value − lowest) / (highest − lowest); all equal: full points.",
    ),
    "rule.minmax_lower": (
        "Chuẩn hóa trong khối (giá trị thấp là tốt): {points} điểm × (cao nhất − giá trị) / (cao nhất − thấp nhất); "
        "mọi giá trị bằng nhau: đủ điểm.",
        "Scaled within the group (lower is better): {points} points × (highest − value) / (highest − lowest); "
        "all equal: full points.",
    ),
    "rule.count": (
        "{per_item} điểm cho mỗi mục, tối đa {points} điểm.", "{per_item} points per item, at most {points} points."
    ),
    "rule.council": (
        "Hội đồng thẩm định chấm điểm, từ 0 đến {points} điểm.",
        "Points awarded by the appraisal council, 0 to {points}.",
    ),
    # the rules of the published indices (issue 18)
    "rule.threshold": ("Dưới {threshold}: 0 điểm.", "Below {threshold}: 0 points."),
    "rule.whole": ("Giá trị là số nguyên.", "The value is a whole number."),
    "rule.deadline": ("Theo ngày hoàn thành: {steps}; sau {last} hoặc chưa thực hiện: 0 điểm.",
                      "By the day it was done: {steps}; after {last}, or not done: 0 points."),
    "rule.deadline_step": ("đến hết ngày {day}: {p} điểm", "by {day}: {p} points"),
    "rule.penalty": ("Điểm trừ: có: trừ {points} điểm; không: không trừ.",
                     "Deduction: yes: {points} points deducted; no: nothing deducted."),
    "rule.penalty_count": ("Điểm trừ: trừ {per_item} điểm cho mỗi lần, tối đa trừ {points} điểm.",
                           "Deduction: {per_item} points deducted per occurrence, at most {points} points."),
    "rule.share_minus": ("“{label}”: trừ {p} điểm", "“{label}”: {p} points deducted"),
    "rule.unscored": ("Không tính điểm: giá trị được thu thập và công bố.",
                      "Not scored: the value is collected and published."),
    "rule.evidence_required": ("Chỉ tính điểm khi có minh chứng.", "Scores only with evidence."),
    "rule.deducts_from": ("Điểm trừ được trừ vào điểm của nhóm, không làm nhóm xuống dưới 0.",
                          "Deducted from its group's points, which never fall below 0."),
    "rule.sum": ("Tổng điểm các chỉ số con.", "The sum of its indicators' points."),
    "rule.combine_max": ("Lấy điểm cao nhất trong các chỉ số con.", "The best of its indicators' points."),
    "rule.cap": ("Tối đa {cap} điểm.", "At most {cap} points."),
    "report.deductions": ("Điểm trừ", "Deductions"),
    "report.reason": ("Lý do", "Reason"),
    "report.colophon": ("Thông tin phát hành", "Colophon"),
    "report.version": ("Phiên bản dti", "dti version"),
    "report.criteria_file": ("Bộ chỉ số", "Criteria file"),
    "report.input_files": ("Tệp dữ liệu đầu vào (SHA-256)", "Input files (SHA-256)"),
    "report.options": ("Tùy chọn khi chạy", "Run options"),
    "report.file": ("Tệp", "File"),
    "report.option": ("Tùy chọn", "Option"),
    "report.value": ("Giá trị", "Value"),
    "report.breakdown": ("Chi tiết điểm của đơn vị", "Score breakdown"),
    "report.key_figures": ("Kết quả chung", "Overall result"),
    "report.rank_of": ("{rank} / {n}", "{rank} of {n}"),
    "report.points_of": ("{points} / {max} điểm", "{points} of {max} points"),
    "report.self_index": ("Chỉ số tự đánh giá", "Self-assessed index"),
    "report.previous": ("Năm trước", "Last year"),
    "report.rank_up": ("tăng {n} bậc", "up {n} places"),
    "report.rank_down": ("giảm {n} bậc", "down {n} places"),
    "report.rank_same": ("giữ nguyên thứ hạng", "same rank"),
    "report.rank_range": ("Khoảng thứ hạng", "Likely ranks"),
    "rank.span": ("xếp từ hạng {low} đến hạng {high}", "ranks from {low} to {high}"),
    "rank.span.one": ("giữ hạng {low}", "holds rank {low}"),
    "report.pillars": ("Điểm theo chỉ số thành phần", "Points by pillar"),
    "report.this_unit": ("Đơn vị", "This unit"),
    "report.group_mean": ("Trung bình khối", "Group mean"),
    "report.group_best": ("Cao nhất khối", "Group best"),
    "report.lost": ("Điểm còn thiếu", "Where points were lost"),
    "report.points_left": ("Còn thiếu", "Points left"),
    "report.lift": (
        "Để lên hạng {rank} (ngang {unit}, chỉ số {index}), đơn vị cần thêm khoảng {points} điểm.",
        "To move up to rank {rank} (level with {unit}, index {index}) the unit needs about {points} more points.",
    ),
    "report.first": ("Đơn vị đang đứng đầu khối.", "The unit ranks first in its group."),
    "report.nothing_lost": ("Đơn vị đạt điểm tối đa ở mọi chỉ số.", "The unit has full points on every indicator."),
    "report.indicators": ("Điểm từng chỉ số", "Every indicator"),
    "report.self_value": ("Tự đánh giá", "Self-assessed"),
    "report.appraised_value": ("Thẩm định", "Appraised"),
    "report.self_points": ("Điểm tự chấm", "Self points"),
    "report.final_points": ("Điểm", "Points"),
    "report.status": ("Trạng thái", "Status"),
    "report.status.ok": ("", ""),
    "report.status.missing": ("Thiếu số liệu", "Missing"),
    "report.status.not_applicable": ("Không áp dụng", "Not applicable"),
    "report.status.pending": ("Chờ Hội đồng chấm", "Awaiting the council"),
    "report.status.unmeasured": ("Chưa có số liệu đo", "Not yet measured"),
    "report.status.unscored": ("Không tính điểm", "Not scored"),
    "report.status.no_evidence": ("Thiếu minh chứng", "No evidence"),
    "report.evidence": ("Minh chứng", "Evidence"),
    "report.council_note": ("Ý kiến Hội đồng", "Council's note"),
    "report.draft_changes": ("Thay đổi so với bản dự thảo", "Changes since the draft"),
    "report.draft_none": ("Không có thay đổi so với bản dự thảo.", "Nothing changed since the draft."),
    "report.old": ("Dự thảo", "Draft"),
    "report.new": ("Chính thức", "Final"),
    "report.lineage.merged": ("hợp nhất từ đơn vị cũ", "merged from earlier units"),
    "report.lineage.new": ("đơn vị mới", "new unit"),
    "report.merged_rule": ("So với trung bình cộng của các đơn vị tiền thân, cho chỉ số và từng nhóm có cùng mã ở "
                           "hai bộ chỉ số (như Bộ chỉ số DTI quốc gia với các tỉnh hợp nhất năm 2025).",
                           "Compared with the plain mean of its predecessors, for the index and for every pillar "
                           "with the same id in both editions (as the national DTI does for the provinces merged "
                           "in 2025)."),
    # forms, collect and diff (issue 4)
    "form.help_sheet": ("Hướng dẫn", "Instructions"),
    "form.self_sheet": ("Tự đánh giá", "Self-assessment"),
    "form.appraisal_sheet": ("Thẩm định", "Appraisal"),
    "form.self_title": ("PHIẾU TỰ ĐÁNH GIÁ CHUYỂN ĐỔI SỐ NĂM {edition}",
                        "DIGITAL-TRANSFORMATION SELF-ASSESSMENT {edition}"),
    "form.appraisal_title": ("PHIẾU THẨM ĐỊNH CỦA HỘI ĐỒNG NĂM {edition} — {group}",
                             "APPRAISAL COUNCIL WORKBOOK {edition} — {group}"),
    "form.appraisal_part": ("{title} — PHẦN {part}/{parts}", "{title} — PART {part} OF {parts}"),
    "form.unit": ("Đơn vị: {name} (mã {id}) — {group}", "Unit: {name} (id {id}) — {group}"),
    "form.criteria": ("Bộ chỉ số: {title}, ấn bản {edition} ({operator})",
                      "Criteria: {title}, edition {edition} ({operator})"),
    "form.sample": ("DỮ LIỆU MẪU — phiếu lập từ danh sách đơn vị tổng hợp",
                    "SAMPLE DATA — made from a synthetic list of units"),
    "form.col.id": ("Mã", "Id"),
    "form.col.title": ("Chỉ số thành phần", "Indicator"),
    "form.col.points": ("Điểm tối đa", "Max points"),
    "form.col.rule": ("Cách chấm điểm", "How it is scored"),
    "form.col.asked": ("Tài liệu kiểm chứng cần có", "Evidence asked for"),
    "form.col.value": ("Giá trị", "Value"),
    "form.col.denominator": ("Mẫu số", "Denominator"),
    "form.col.evidence": ("Minh chứng (số, ký hiệu, ngày văn bản; đường dẫn)",
                          "Evidence (document number, date; link)"),
    "form.col.unit": ("Mã đơn vị", "Unit id"),
    "form.col.name": ("Tên đơn vị", "Unit"),
    "form.col.self_value": ("Giá trị tự đánh giá", "Self-assessed value"),
    "form.col.self_evidence": ("Minh chứng của đơn vị", "The unit's evidence"),
    "form.col.appraised": ("Giá trị thẩm định", "Appraised value"),
    "form.col.appraised_denominator": ("Mẫu số thẩm định", "Appraised denominator"),
    "form.col.note": ("Ghi chú của Hội đồng", "Council's note"),
    "form.col.council_task": ("Việc của Hội đồng", "The council's task"),
    "form.measured_task": ("Số liệu đo tự động; chỉ nhập khi Hội đồng hiệu chỉnh, kèm ghi chú",
                           "Measured automatically; enter only a council correction, with a note"),
    "measured.from": ("đo tự động từ {system}, ngày {date}", "measured automatically by {system} on {date}"),
    "measured.none": ("đo tự động từ {system}; chưa có số liệu đo",
                      "measured automatically by {system}; not yet measured"),
    "form.council_must_score": ("Hội đồng phải chấm điểm (bắt buộc)", "The council must score this (required)"),
    "form.yes": ("có", "yes"),
    "value.yes": ("Có", "Yes"),
    "report.objections": ("Kiến nghị của đơn vị về bản dự thảo", "The unit's objections to the draft"),
    "report.objection": ("Kiến nghị", "Objection"),
    "report.objection_claim": ("Chỉ số, nội dung kiến nghị", "Indicator and claim"),
    "report.objection_asked": ("Giá trị đề nghị", "Value asked"),
    "report.objection_answer": ("Trả lời", "Answer"),
    "report.objection_decision": ("Quyết định", "Decision"),
    "report.objection_received": ("Nhận ngày {date}", "Received {date}"),
    "report.objection_decided": ("Trả lời ngày {date}", "Answered {date}"),
    "report.from_to": ("từ {old} thành {new}", "from {old} to {new}"),
    "report.unchanged": ("{value} (không đổi)", "{value} (unchanged)"),
    "report.objection_changed": ("Thay đổi từ dự thảo đến chính thức", "Change from draft to final"),
    "report.objection_final": ("Kết quả chính thức", "Final figures"),
    "report.objection_unit_points": ("Tổng điểm", "Total points"),
    "report.objections_section": ("Kiến nghị về bản dự thảo", "Objections to the draft"),
    "report.objections_intro": (
        "Các đơn vị đã gửi {n} kiến nghị về bản dự thảo. Sở, cùng Hội đồng thẩm định, đã xem xét và trả lời từng "
        "kiến nghị; bảng dưới đây đếm theo khối và theo quyết định, phụ lục cuối báo cáo ghi từng kiến nghị, câu "
        "trả lời và điểm, thứ hạng đã thay đổi.",
        "The units sent {n} objections to the draft. The department, with the appraisal council, examined and "
        "answered each; the table counts them by group and decision, and the annex at the end lists every "
        "objection with its answer and the points and rank it changed."),
    "report.objections_annex": ("Phụ lục: Kiến nghị và trả lời", "Annex: objections and answers"),
    "report.total": ("Tổng", "Total"),
    "report.tally_late": ("Trong đó nộp muộn", "Of which late"),
    "report.tasks": ("Nhiệm vụ trong kế hoạch năm (tính đến {date})", "The year's plan tasks (as of {date})"),
    "tasks.done_on": ("Ngày hoàn thành", "Done on"),
    "tasks.state.on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "tasks.state.late": ("Hoàn thành trễ hạn", "Done late"),
    "tasks.state.overdue": ("Quá hạn, chưa hoàn thành", "Overdue, not done"),
    "tasks.state.due": ("Đến hạn, chưa hoàn thành", "Due, not done"),
    "tasks.state.open": ("Chưa đến hạn", "Not yet due"),
    "site.tasks_of_group": ("Tiến độ nhiệm vụ của khối", "The group's task progress"),
    "site.tasks_title": ("Tiến độ nhiệm vụ — {title} (tính đến {date})", "Task progress — {title} (as of {date})"),
    "value.no": ("Không", "No"),
    "form.no": ("không", "no"),
    "rule.entry.yes_no": ("Chọn có/không.", "Choose yes/no."),
    "rule.entry.ratio": ("Tỷ lệ (ví dụ 85%), hoặc tử số ở cột Giá trị và mẫu số ở cột Mẫu số.",
                         "A fraction (e.g. 85%), or a count in Value and its denominator in Denominator."),
    "rule.entry.tiers": ("Nhập một số.", "A number."),
    "rule.entry.choice": ("Chọn trong danh sách.", "Choose from the list."),
    "rule.entry.best": ("Một số ≥ 0.", "A number ≥ 0."),
    "rule.entry.minmax": ("Nhập một số.", "A number."),
    "rule.entry.count": ("Số nguyên ≥ 0.", "A whole number ≥ 0."),
    "rule.entry.deadline": ("Ngày hoàn thành (YYYY-MM-DD hoặc DD/MM/YYYY), hoặc “không” nếu chưa thực hiện.",
                            "The day it was done (YYYY-MM-DD or DD/MM/YYYY), or “no” if not done."),
    "rule.entry.penalty": ("Chọn có/không (có: bị trừ điểm).", "Choose yes/no (yes: points are deducted)."),
    "rule.entry.penalty_count": ("Số lần (số nguyên ≥ 0); mỗi lần bị trừ điểm.",
                                 "The number of occurrences (a whole number ≥ 0); each deducts points."),
    "rule.entry.unscored": ("Không tính điểm; vẫn nhập giá trị.", "Not scored; enter the value all the same."),
    "form.dv.date": ("Nhập một ngày không muộn hơn hôm nay, hoặc “không”.",
                     "Enter a day no later than today, or “no”."),
    "rule.entry.council": ("Đơn vị ghi điểm tự chấm; Hội đồng thẩm định chấm lại.",
                           "The unit enters its own estimate; the appraisal council awards the points."),
    "form.dv.title": ("Giá trị không hợp lệ", "Invalid value"),
    "form.dv.list": ("Hãy chọn một mục trong danh sách.", "Choose an item from the list."),
    "form.dv.ratio": ("Nhập tỷ lệ từ 0 đến 100%, hoặc tử số không lớn hơn mẫu số.",
                      "Enter a fraction from 0 to 100%, or a count no larger than the denominator."),
    "form.dv.number": ("Nhập một số.", "Enter a number."),
    "form.dv.nonnegative": ("Nhập một số ≥ 0.", "Enter a number ≥ 0."),
    "form.dv.count": ("Nhập một số nguyên ≥ 0.", "Enter a whole number ≥ 0."),
    "form.dv.council": ("Nhập số điểm từ 0 đến {points}.", "Enter points from 0 to {points}."),
    "form.help.self": (
        "1. Mỗi dòng là một chỉ số thành phần áp dụng cho đơn vị (dòng chữ đậm là tên nhóm chỉ số, không nhập); "
        "chỉ nhập vào các ô nền vàng (Giá trị, Mẫu số, Minh chứng).|2. Có/không và các lựa chọn: chọn trong danh "
        "sách thả xuống.|3. Tỷ lệ: nhập 85% (hoặc 0,85 "
        "theo định dạng số của máy), hoặc nhập tử số ở cột Giá trị và mẫu số ở cột Mẫu số; mẫu số 0 nghĩa là chỉ "
        "số không áp dụng.|4. Số lượng, số lần, số ngày: nhập một số; không nhập chữ hay đơn vị đo.|5. Minh chứng: "
        "ghi số, ký hiệu, ngày văn bản hoặc đường dẫn tới tài liệu.|6. Không thêm, xóa, đổi thứ tự dòng hay đổi "
        "tên trang; không nhập công thức.|7. Lưu dưới dạng Sổ làm việc Excel (.xlsx) và gửi lại đúng tệp này.",
        "1. Each row is an indicator that applies to the unit (a bold row is the title of a group of indicators, "
        "nothing to enter); enter data only in the yellow cells (Value, Denominator, Evidence).|2. Yes/no and "
        "choices: pick from the drop-down list.|3. Fractions: enter 85%, or "
        "the count in Value and its denominator in Denominator; a denominator of 0 means the indicator does not "
        "apply.|4. Counts, times, days: enter a number, without words or units.|5. Evidence: the document's "
        "number and date, or a link.|6. Do not add, delete or reorder rows, rename sheets or enter formulas.|"
        "7. Save as an Excel Workbook (.xlsx) and send this very file back."),
    "form.help.appraisal": (
        "1. Mỗi dòng là một chỉ số của một đơn vị, kèm giá trị và minh chứng đơn vị đã tự đánh giá.|2. Chỉ nhập "
        "khi Hội đồng thay đổi hoặc chấm giá trị: ô Giá trị thẩm định (và Mẫu số thẩm định cho tỷ lệ tính theo "
        "tử số/mẫu số), kèm Ghi chú của Hội đồng.|3. Dòng để trống giữ nguyên giá trị tự đánh giá, trừ các dòng "
        "tô màu cam (cột Việc của Hội đồng): Hội đồng phải chấm điểm các chỉ số đó; dòng để trống là chờ Hội đồng "
        "chấm, tính 0 điểm.|4. Không thêm, "
        "xóa, đổi thứ tự dòng hay đổi tên trang; có thể dùng bộ lọc.|5. Lưu dưới dạng Sổ làm việc Excel (.xlsx).",
        "1. Each row is one indicator of one unit, with the unit's self-assessed value and evidence.|2. Enter "
        "only what the council changes or awards: the Appraised value (and Appraised denominator for a count "
        "over a denominator), with the Council's note.|3. An empty row keeps the self-assessed value, except the "
        "orange rows (the council's task column): the council must score those indicators; left empty, they "
        "await the council and score 0.|4. Do not "
        "add, delete or reorder rows or rename sheets; filters are fine.|5. Save as an Excel Workbook (.xlsx)."),
    "form.objection_sheet": ("Kiến nghị", "Objections"),
    "form.objection_title": ("PHIẾU KIẾN NGHỊ VỀ KẾT QUẢ DỰ THẢO CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM {edition}",
                             "OBJECTIONS TO THE DRAFT DIGITAL-TRANSFORMATION RANKING {edition}"),
    "form.objection_draft": ("Bản dự thảo: {name} (mã kiểm tra {sha})", "Draft: {name} (check code {sha})"),
    "form.objection_date": ("Ngày gửi phiếu:", "Date sent:"),
    "form.col.draft_points": ("Điểm dự thảo", "Draft points"),
    "form.col.claim": ("Nội dung kiến nghị", "Objection (what is wrong, and why)"),
    "form.col.asked_value": ("Giá trị đề nghị", "Value asked for"),
    "form.dv.sent_date": ("Nhập một ngày, ví dụ 30/11/2025.", "Enter a date, e.g. 30/11/2025."),
    "form.help.objection": (
        "1. Mỗi dòng là một chỉ số áp dụng cho đơn vị, với giá trị tự đánh giá, giá trị thẩm định và điểm trong bản "
        "dự thảo.|2. Chỉ điền vào dòng có kiến nghị: Nội dung kiến nghị (bắt buộc), Giá trị đề nghị (nếu có, viết như "
        "phiếu tự đánh giá: có/không, 85%, một số, một lựa chọn) và Minh chứng.|3. Điền Ngày gửi phiếu ở ô vàng "
        "phía trên bảng.|4. Không thêm, xóa, đổi thứ tự dòng hay đổi tên trang; không nhập công thức.|5. Lưu dưới "
        "dạng Sổ làm việc Excel (.xlsx) và gửi lại đúng tệp này. Sở tổng hợp, cùng Hội đồng xem xét và trả lời "
        "từng kiến nghị; kết quả trả lời được công bố cùng bảng xếp hạng chính thức.",
        "1. Each row is an indicator that applies to the unit, with its self-assessed value, appraised value and "
        "points in the draft.|2. Fill in only the rows you object to: the Objection (required), the Value asked for "
        "(if any, written as in the self-assessment: yes/no, 85%, a number, a choice) and the Evidence.|3. Enter the "
        "Date sent in the yellow cell above the table.|4. Do not add, delete or reorder rows, rename sheets or "
        "enter formulas.|5. Save as an Excel Workbook (.xlsx) and send this very file back. The department, with "
        "the council, answers each objection; the answers are published with the final ranking."),
    "forms.written": ("Đã ghi {n} phiếu vào {out}", "Wrote {n} workbooks to {out}"),
    "collect.written": ("Đã ghi {rows} từ {forms} phiếu vào {out}", "Wrote {rows} from {forms} forms to {out}"),
    "collect.rows": ("{n} dòng", "{n} rows"),
    "collect.rows.one": ("{n} dòng", "{n} row"),
    "collect.rejected": ("{n} phiếu bị loại, chưa ghi: {files}", "{n} forms rejected, not written: {files}"),
    "collect.rejected.one": ("{n} phiếu bị loại, chưa ghi: {files}", "{n} form rejected, not written: {files}"),
    "collect.written.one": ("Đã ghi {rows} từ {forms} phiếu vào {out}", "Wrote {rows} from {forms} form to {out}"),
    "forms.written.one": ("Đã ghi {n} phiếu vào {out}", "Wrote {n} workbook to {out}"),
    "diff.none": ("Không có thay đổi giữa hai lần chạy.", "Nothing changed between the two runs."),
    "diff.criteria_changed": (
        "Lưu ý: tệp bộ chỉ số đã thay đổi giữa hai lần chạy (cùng mã {id}, năm {edition}; SHA-256 trước {old}, sau "
        "{new}): thay đổi dưới đây có thể đến từ bộ chỉ số, không chỉ từ số liệu.",
        "Note: the criteria file changed between the two runs (same id {id}, edition {edition}; SHA-256 before "
        "{old}, after {new}): the changes below may come from the criteria, not only from the values.",
    ),
    "diff.units": ("Đơn vị thay đổi: {n}", "Units that changed: {n}"),
    "diff.indicators": ("Chỉ số thành phần thay đổi: {n}", "Indicators that changed: {n}"),
    "diff.indicator": ("Chỉ số thành phần", "Indicator"),
    "diff.value": ("Giá trị", "Value"),
    "diff.status": ("Trạng thái", "Status"),
    "diff.status.ok": ("có số liệu", "has a value"),
    "diff.status.missing": ("thiếu số liệu", "missing"),
    "diff.status.not_applicable": ("không áp dụng", "not applicable"),
    "diff.status.pending": ("chờ Hội đồng chấm", "awaiting the council"),
    "diff.status.unmeasured": ("chưa có số liệu đo", "not measured"),
    "diff.status.unscored": ("không tính điểm", "not scored"),
    "diff.status.no_evidence": ("thiếu minh chứng", "no evidence"),
    "diff.same": ("(không đổi)", "(unchanged)"),
    "diff.objection": ("Kiến nghị", "Objection"),
    "diff.objection_of": ("{id} ({decision})", "{id} ({decision})"),
    # results.xlsx (the CSV files keep the machine names)
    "xlsx.sheet.results": ("Kết quả", "Results"),
    "xlsx.sheet.indicators": ("Điểm từng chỉ số", "Indicator scores"),
    "xlsx.sheet.run": ("Thông tin lần chạy", "Run"),
    "xlsx.sheet.objections": ("Kiến nghị", "Objections"),
    "xlsx.objection": ("Mã kiến nghị", "Objection"),
    "xlsx.received_on": ("Ngày nhận", "Received on"),
    "xlsx.claim": ("Nội dung kiến nghị", "Claim"),
    "xlsx.asked_value": ("Giá trị đề nghị", "Value asked for"),
    "xlsx.evidence": ("Minh chứng", "Evidence"),
    "xlsx.decision": ("Quyết định", "Decision"),
    "xlsx.answer": ("Trả lời", "Answer"),
    "xlsx.decided_on": ("Ngày quyết định", "Decided on"),
    "xlsx.late": ("Nộp muộn", "Late"),
    "objection.decision.accepted": ("chấp nhận", "accepted"),
    "objection.decision.partly": ("chấp nhận một phần", "partly accepted"),
    "objection.decision.rejected": ("không chấp nhận", "rejected"),
    "objection.decision.none": ("chưa quyết định", "undecided"),
    "objection.late": ("nộp muộn", "late"),
    "xlsx.group": ("Khối", "Group"),
    "xlsx.unit": ("Mã đơn vị", "Unit id"),
    "xlsx.name": ("Tên đơn vị", "Unit"),
    "xlsx.points": ("Điểm", "Points"),
    "xlsx.max_points": ("Điểm tối đa", "Max points"),
    "xlsx.index": ("Chỉ số", "Index"),
    "xlsx.rank": ("Hạng", "Rank"),
    "xlsx.band": ("Xếp loại", "Band"),
    "xlsx.self_points": ("Điểm tự đánh giá", "Self-assessed points"),
    "xlsx.self_index": ("Chỉ số tự đánh giá", "Self-assessed index"),
    "xlsx.previous_index": ("Chỉ số năm trước", "Last year's index"),
    "xlsx.previous_rank": ("Hạng năm trước", "Last year's rank"),
    "xlsx.rank_low": ("Khoảng thứ hạng: tốt nhất", "Rank interval: best"),
    "xlsx.rank_high": ("Khoảng thứ hạng: kém nhất", "Rank interval: worst"),
    "xlsx.indicator": ("Chỉ số thành phần", "Indicator"),
    "xlsx.status": ("Trạng thái", "Status"),
    "xlsx.self_value": ("Giá trị tự đánh giá", "Self-assessed value"),
    "xlsx.appraised_value": ("Giá trị thẩm định", "Appraised value"),
    "xlsx.value": ("Giá trị dùng để tính", "Value used"),
    "xlsx.source": ("Nguồn của giá trị", "Source of the value"),
    "xlsx.source.self": ("tự đánh giá", "self-assessed"),
    "xlsx.source.measured": ("đo tự động", "measured"),
    "xlsx.source.appraised": ("thẩm định", "appraised"),
    "xlsx.run.key": ("Mục", "Item"),
    "xlsx.run.value": ("Giá trị", "Value"),
    "xlsx.run.sample": ("Dữ liệu mẫu", "Sample data"),
    "xlsx.run.no": ("không", "no"),
    "xlsx.run.criteria": ("Bộ chỉ số", "Criteria"),
    "xlsx.run.criteria_sha256": ("SHA-256 của bộ chỉ số", "SHA-256 of the criteria"),
    "xlsx.run.criteria_file": ("Tệp bộ chỉ số", "Criteria file"),
    "xlsx.run.stage": ("Giai đoạn", "Stage"),
    "xlsx.run.dti": ("Phiên bản dti", "dti version"),
    # --- the web site (H5 site, issue 10: ranking/site.py and ranking/templates/site/) ---
    "site.skip": ("Bỏ qua, tới nội dung chính", "Skip to the main content"),
    "site.nav": ("Điều hướng", "Navigation"),
    "site.rankings": ("Bảng xếp hạng", "Rankings"),
    "site.downloads": ("Tải về", "Downloads"),
    "site.draft_short": ("DỰ THẢO", "DRAFT"),
    "site.filter_name": ("Lọc theo tên đơn vị", "Filter by unit name"),
    "site.all_bands": ("Tất cả xếp loại", "All bands"),
    "site.shown": ("Đang hiện {n} / {total} đơn vị.", "Showing {n} of {total} units."),
    "site.sort_hint": ("Bấm vào tiêu đề cột để sắp xếp; bấm lần nữa để đảo chiều.",
                       "Select a column heading to sort by it; select it again to reverse."),
    "site.swipe": ("Vuốt ngang bảng để xem các cột khác.", "Swipe the table sideways for more columns."),
    "site.not_firm_short": ("chưa vững", "not firm"),
    "site.interval_note": (
        "Khoảng thứ hạng: thứ hạng 5–95 % khi trọng số các chỉ số thành phần thay đổi (xem Phương pháp đánh giá).",
        "Likely ranks: the 5–95 % rank interval when the pillar weights vary (see Methodology)."),
    "site.chart_of": ("Chỉ số của các đơn vị: {title}", "Index of every unit: {title}"),
    "site.chart_data": ("Số liệu của biểu đồ có trong bảng xếp hạng ở trên.",
                        "The chart's figures are in the ranking table above."),
    "site.publication_pdf": ("Báo cáo kết quả (PDF)", "The published report (PDF)"),
    "site.breakdown_pdf": ("Bản chi tiết điểm của đơn vị (PDF)", "This unit's score breakdown (PDF)"),
    "site.results_xlsx": ("Bảng kết quả (Excel)", "Result tables (Excel)"),
    "site.results_csv": ("Kết quả theo đơn vị (CSV)", "Results by unit (CSV)"),
    "site.indicators_csv": ("Điểm từng chỉ số của mọi đơn vị (CSV)", "Every unit's indicator scores (CSV)"),
    "site.run_json": ("Thông tin lần chạy và mã SHA-256 của dữ liệu (JSON)", "Run record with input SHA-256 (JSON)"),
    "site.no_downloads": ("Lần chạy này chưa ghi tệp nào để tải về.", "This run wrote no files to download."),
    "site.unit_pages": ("Chi tiết điểm của từng đơn vị: bấm vào tên đơn vị trong bảng xếp hạng.",
                        "Each unit's score breakdown: select its name in a ranking table."),
    # --- the year's tasks (issue 19): dti tasks, the breakdown, the forms' tasks sheet, collect's claims ---
    "form.tasks_sheet": ("Nhiệm vụ", "Tasks"),
    "form.tasks_help": (
        "Các nhiệm vụ của đơn vị theo sổ theo dõi nhiệm vụ (không sửa được). Nhiệm vụ đơn vị đã hoàn thành mà sổ "
        "chưa ghi nhận: nhập ngày hoàn thành (YYYY-MM-DD) và minh chứng vào hai cột cuối; Sở xem xét, đề nghị "
        "không tự thay đổi sổ.",
        "The unit's tasks in the task register (locked). A task the unit has done that the register does not show "
        "as done: enter the day it was done (YYYY-MM-DD) and the evidence in the last two columns; the department "
        "reviews the claim, which never changes the register by itself.",
    ),
    "form.tasks_row": (
        "Tính từ sổ theo dõi nhiệm vụ (tasks.csv), không tự đánh giá; xem trang Nhiệm vụ",
        "Computed from the task register (tasks.csv), not self-assessed; see the Tasks sheet",
    ),
    "form.tasks_row_council": (
        "Tính từ sổ theo dõi nhiệm vụ (tasks.csv): nhiệm vụ đúng hạn / đến hạn",
        "Computed from the task register (tasks.csv): tasks on time / tasks due",
    ),
    "form.col.task": ("Mã nhiệm vụ", "Task"),
    "form.col.task_title": ("Nhiệm vụ", "Title"),
    "form.col.plan": ("Kế hoạch", "Plan"),
    "form.col.deadline": ("Hạn hoàn thành", "Deadline"),
    "form.col.done_on": ("Ngày hoàn thành (theo sổ)", "Done on (register)"),
    "form.col.claim_day": ("Đơn vị báo đã hoàn thành ngày", "Done on, says the unit"),
    "form.col.claim_evidence": ("Minh chứng hoàn thành", "Evidence it was done"),
    "form.tasks_task": (
        "Tính từ sổ theo dõi nhiệm vụ; chỉ nhập khi Hội đồng hiệu chỉnh, kèm ghi chú",
        "Computed from the task register; enter only a council correction, with a note",
    ),
    "xlsx.source.tasks": ("tính từ sổ theo dõi nhiệm vụ", "task register"),
    "tasks.title": (
        "Tiến độ thực hiện nhiệm vụ chuyển đổi số đến ngày {date}",
        "Progress of the digital-transformation tasks as of {date}",
    ),
    "tasks.group": ("Khối", "Group"),
    "tasks.unit_id": ("Mã đơn vị", "Unit id"),
    "tasks.unit": ("Đơn vị", "Unit"),
    "tasks.assigned": ("Được giao", "Assigned"),
    "tasks.due": ("Đến hạn", "Due"),
    "tasks.on_time": ("Đúng hạn", "On time"),
    "tasks.late": ("Trễ hạn", "Late"),
    "tasks.overdue": ("Quá hạn", "Overdue"),
    "tasks.soon": ("Đến hạn trong 30 ngày", "Due in 30 days"),
    "tasks.task": ("Mã nhiệm vụ", "Task"),
    "tasks.task_title": ("Nhiệm vụ", "Title"),
    "tasks.plan": ("Kế hoạch", "Plan"),
    "tasks.deadline": ("Hạn hoàn thành", "Deadline"),
    "tasks.days_over": ("Số ngày quá hạn", "Days overdue"),
    "tasks.days_since": ("Số ngày (âm: còn lại)", "Days (negative: left)"),
    "tasks.sheet.progress": ("Tiến độ", "Progress"),
    "tasks.sheet.overdue": ("Quá hạn", "Overdue"),
    "tasks.sheet.soon": ("Sắp đến hạn", "Due soon"),
    "tasks.overdue_list": ("Nhiệm vụ quá hạn: {n}", "Overdue tasks: {n}"),
    "tasks.overdue_line": (
        "{task} — {title} (hạn {deadline}, quá {days} ngày)",
        "{task} — {title} (due {deadline}, {days} days overdue)",
    ),
    "tasks.none_overdue": ("Không có nhiệm vụ quá hạn.", "No task is overdue."),
    "tasks.counts": (
        "{on_time}/{due} nhiệm vụ hoàn thành đúng hạn, {late} trễ hạn, {undone} chưa hoàn thành trong kỳ",
        "{on_time} of {due} tasks done on time, {late} late, {undone} not done within the period",
    ),
    "tasks.from_register": (
        "tính từ sổ theo dõi nhiệm vụ (tasks.csv) đến ngày {date}",
        "computed from the task register (tasks.csv) as of {date}",
    ),
    "tasks.late_item": (
        "trễ hạn: {task} — {title} (hạn {deadline}, xong {done})",
        "late: {task} — {title} (due {deadline}, done {done})",
    ),
    "tasks.undone_item": (
        "chưa hoàn thành: {task} — {title} (hạn {deadline})",
        "not done: {task} — {title} (due {deadline})",
    ),
    "collect.claims": (
        "{n} đề nghị ghi nhận nhiệm vụ đã hoàn thành, ghi vào {out} để Sở xem xét (sổ theo dõi nhiệm vụ không đổi)",
        "{n} claim(s) that tasks were done, written to {out} for the department to review (the task register is "
        "unchanged)",
    ),
    # --- H3 run: the stage of a run, progress, stops and defects (cli.py, progress.py) ---
    "stage.draft": ("DỰ THẢO — chưa phải kết quả chính thức", "DRAFT — not the official result"),
    "stopped": ("Đã dừng ({signal}): không ghi gì, thư mục kết quả trước đó giữ nguyên.",
                "Stopped ({signal}): nothing written; the previous output is untouched."),
    "defect": ("Lỗi của chương trình dti, không phải của dữ liệu ({detail}); chi tiết ở {log} — hãy gửi tệp "
               "này khi báo lỗi.",
               "A defect in dti, not in your data ({detail}); the details are in {log} — please send that "
               "file with your report."),
    "progress.load": ("Đọc bộ chỉ số và dữ liệu", "Reading the criteria and inputs"),
    "progress.score": ("Chấm điểm, xếp hạng, phân tích độ vững", "Scoring, ranking, robustness"),
    "progress.tables": ("Ghi bảng kết quả", "Writing the tables"),
    "progress.pdf": ("Tạo PDF", "Rendering PDFs"),
    "progress.forms": ("Ghi phiếu", "Writing workbooks"),
    "progress.collect": ("Đọc phiếu", "Reading workbooks"),
    "progress.count": ("{stage}: {done} / {total} ({elapsed})", "{stage}: {done} / {total} ({elapsed})"),
    "progress.done": ("Xong sau {elapsed}", "Done in {elapsed}"),
    "progress.done_pdf": ("Xong: {n} PDF sau {elapsed}", "Done: {n} PDFs in {elapsed}"),
    # --- the command line's help (what was cli.HELP) ---
    "help.description": (
        "Đánh giá, xếp hạng chuyển đổi số (DTI): bộ chỉ số YAML + dữ liệu CSV → điểm, thứ hạng, độ vững, bảng kết quả "
        "và báo cáo PDF.",
        "Digital-transformation ranking (DTI): YAML criteria + CSV inputs → scores, ranks, robustness, result tables "
        "and PDF reports.",
    ),
    "help.epilog": (
        "Mã thoát: 0 xong; 2 dữ liệu hoặc tùy chọn sai (liệt kê mọi lỗi, không ghi gì); 1 lỗi của dti; 130/143 bị "
        "dừng. Tiếng Anh: dti --lang en …, hoặc biến môi trường DTI_LANG=en.",
        "Exit codes: 0 done; 2 bad input or options (every problem listed, nothing written); 1 a defect in dti; "
        "130/143 stopped. Vietnamese is the default: dti --lang vi …, or DTI_LANG=vi.",
    ),
    "help.usage": ("Cách dùng: ", "Usage: "),
    "help.positionals": ("đối số", "arguments"),
    "help.optionals": ("tùy chọn", "options"),
    "help.commands": ("lệnh", "commands"),
    "help.meta.command": ("LỆNH", "COMMAND"),
    "help.meta.file": ("TỆP", "FILE"),
    "help.meta.dir": ("THƯ_MỤC", "DIR"),
    "help.meta.forms": ("PHIẾU", "FORMS"),
    "help.meta.old": ("CŨ", "OLD"),
    "help.meta.new": ("MỚI", "NEW"),
    "help.error": ("lỗi", "error"),
    "help.help": ("hiện trợ giúp này rồi thoát", "show this help and exit"),
    "help.lang": (
        "ngôn ngữ của thông báo, trợ giúp và báo cáo (mặc định vi, hoặc theo DTI_LANG)",
        "language of messages, help and reports (default vi, or DTI_LANG)",
    ),
    "help.quiet": ("không hiện tiến độ, chỉ một dòng cuối", "no progress, only one final line"),
    "help.debug": ("in đầy đủ traceback khi dti gặp lỗi nội bộ", "print the full traceback of a defect in dti"),
    "help.criteria": ("tệp bộ chỉ số YAML", "criteria YAML file"),
    "help.inputs": ("thư mục dữ liệu inputs/NĂM", "inputs/YEAR folder"),
    "help.out": ("thư mục kết quả (được thay toàn bộ khi chạy xong)", "output folder (replaced as a whole when done)"),
    "help.previous": (
        "results.csv của kỳ trước (mặc định reports/NĂM-1/results.csv)",
        "results.csv of the previous edition (default reports/YEAR-1/results.csv)",
    ),
    "help.stage": (
        "draft: bản dự thảo, đánh dấu trên mọi trang; final (mặc định): bản chính thức, từ chối khi còn điểm Hội đồng "
        "chưa chấm",
        "draft: marked as a draft on every page; final (default): the official result, refused while a council score "
        "is missing",
    ),
    "help.draft": (
        "thư mục kết quả của lần chạy trước (bản dự thảo): mỗi báo cáo đơn vị nêu điều đã thay đổi",
        "an earlier run's output folder (the draft): every breakdown shows what changed",
    ),
    "help.jobs": (
        "số tiến trình tạo PDF (mặc định và tối đa: số lõi CPU dùng được, và một tiến trình cho mỗi 300 MB bộ nhớ "
        "còn trống)",
        "PDF render processes (default and most: the available cores, and one per 300 MB of available memory)",
    ),
    "help.cache": (
        "thư mục bộ nhớ đệm PDF (mặc định: .TÊN-cache cạnh thư mục kết quả TÊN)",
        "render cache folder (default: .NAME-cache beside the output folder NAME)",
    ),
    "help.no_cache": ("tạo lại mọi PDF, không đọc và không ghi bộ nhớ đệm", "render every PDF; no render cache"),
    "help.no_site": ("không ghi trang web (site/ bên cạnh các PDF)", "skip the web site (site/ beside the PDFs)"),
    "help.json": ("in các vấn đề dưới dạng JSON", "print the problems as JSON"),
    "help.units": ("tệp units.csv", "units.csv"),
    "help.forms.units": (
        "tệp units.csv (với --appraisal: thư mục của nó có cả self_assessment.csv)",
        "units.csv (with --appraisal: its folder also holds self_assessment.csv)",
    ),
    "help.forms.out": ("thư mục để thêm các phiếu vào (không xóa, không thay tệp nào đã có)",
                       "folder to add the workbooks into (nothing there is removed or replaced)"),
    "help.forms.appraisal": ("phiếu thẩm định của Hội đồng", "the appraisal council's workbooks"),
    "help.forms.objections": ("mỗi đơn vị một phiếu kiến nghị về bản dự thảo (cần --draft)",
                         "one objection form per unit on the draft (needs --draft)"),
    "help.forms.draft": ("thư mục kết quả bản dự thảo (có run.json) mà đơn vị kiến nghị",
                    "the draft run's output folder (with run.json) that the units object to"),
    "help.collect.objections": ("đọc phiếu kiến nghị vào objections.csv (cần --draft)",
                           "read objection forms into objections.csv (needs --draft)"),
    "help.collect.forms": ("các phiếu, hoặc thư mục chứa phiếu", "workbooks, or folders of workbooks"),
    "help.collect.out": ("tệp CSV cần ghi", "the CSV to write"),
    "help.collect.appraisal": ("đọc phiếu Hội đồng vào appraisal.csv", "read council workbooks into appraisal.csv"),
    "help.collect.partial": (
        "ghi các phiếu hợp lệ, liệt kê phần còn lại (thoát 2)",
        "write the clean forms and list the rest (exit 2)",
    ),
    "help.diff.old": ("thư mục kết quả lần chạy trước (bản dự thảo)", "the earlier run's output folder (the draft)"),
    "help.diff.new": ("thư mục kết quả lần chạy sau", "the later run's output folder"),
    "help.diff.out": (
        "ghi thêm các thay đổi vào tệp CSV này (mặc định: chỉ in ra)",
        "also write the changes to this CSV file (default: print them only)",
    ),
    "help.cmd.validate": (
        "liệt kê mọi vấn đề của những gì đã có: chỉ bộ chỉ số, kèm units.csv, hoặc kèm thư mục dữ liệu với những tệp "
        "đã có",
        "list every problem of what is given: the criteria alone, with units.csv, or with an inputs folder, whatever "
        "it holds so far",
    ),
    "help.validate.units": ("tệp units.csv (trước khi có số liệu)", "units.csv (before any value exists)"),
    "help.validate.inputs": (
        "thư mục inputs/NĂM (các tệp chưa có được liệt kê)",
        "inputs/YEAR folder (files not there yet are listed)",
    ),
    "help.cmd.rank": ("bảng kết quả, không có PDF", "the result tables, no PDF"),
    "help.cmd.run": (
        "kiểm tra, chấm điểm, xếp hạng và ghi mọi kết quả (không tùy chọn: dữ liệu mẫu, năm mới nhất)",
        "validate, score, rank and write every output (no options: the bundled sample, newest year)",
    ),
    "help.cmd.report": (
        "bảng kết quả và các báo cáo PDF: ấn phẩm và báo cáo từng đơn vị",
        "the result tables and the PDFs: the publication and one breakdown per unit",
    ),
    "help.cmd.forms": (
        "mỗi đơn vị một phiếu tự đánh giá; --appraisal: mỗi khối một phiếu Hội đồng",
        "one self-assessment workbook per unit; --appraisal: one council workbook per group",
    ),
    "help.cmd.collect": (
        "đọc các phiếu đã điền vào self_assessment.csv (appraisal.csv)",
        "filled-in workbooks back to self_assessment.csv (appraisal.csv)",
    ),
    "help.cmd.schema": (
        "JSON Schema của định dạng bộ chỉ số, cho trình soạn thảo",
        "the JSON Schema of the criteria format, for editors",
    ),
    "help.schema.out": ("tệp cần ghi (mặc định: in ra màn hình)", "the file to write (default: standard output)"),
    "help.cmd.diff": (
        "điều đã thay đổi giữa hai lần chạy, theo đơn vị và chỉ số",
        "what changed between two runs, per unit and per indicator",
    ),
    "help.positive": (
        "cần một số nguyên từ 1 trở lên, gặp {found}",
        "expected a whole number of at least 1, found {found}",
    ),
    "help.cmd.tasks": (
        "tiến độ các nhiệm vụ của kế hoạch theo từng đơn vị đến một ngày (đến hạn, đúng hạn, trễ hạn, quá hạn, sắp "
        "đến hạn)",
        "progress of the plan's tasks per unit at a date (due, on time, late, overdue, due soon)",
    ),
    "help.tasks.as_of": (
        "ngày xem tiến độ, YYYY-MM-DD (mặc định hôm nay): nhiệm vụ hoàn thành sau ngày này coi như chưa xong",
        "the day to view, YYYY-MM-DD (default today): a task done after it was not yet done",
    ),
    "help.tasks.out": (
        "thư mục ghi tasks.xlsx và tasks.pdf (được thay toàn bộ); mặc định chỉ in ra",
        "folder for tasks.xlsx and tasks.pdf (replaced as a whole); default: print only",
    ),
    "help.meta.date": ("NGÀY", "DATE"),
    "help.day": ("cần một ngày dạng YYYY-MM-DD, gặp {found}", "expected a day written YYYY-MM-DD, found {found}"),
    # argparse's own messages: re.sub replacements of the English ones (cli.ARGPARSE)
    "argparse.required": ("thiếu tùy chọn bắt buộc: ", "the following arguments are required: "),
    "argparse.unrecognized": ("tùy chọn không nhận ra: ", "unrecognized arguments: "),
    "argparse.choice": (r"\1: lựa chọn không hợp lệ \2 (chọn một trong \3)",
                        r"argument \1: invalid choice: \2 (choose from \3)"),
    "argparse.one_value": (r"\1: cần một giá trị", r"argument \1: expected one argument"),
    "argparse.ambiguous": ("tùy chọn không rõ: ", "ambiguous option: "),
    # --- where a problem is, and its marks (errors.Problem) ---
    "where.line": ("dòng {line}", "line {line}"),
    "where.column": ("cột {column}", "column {column}"),
    "where.sheet": ("trang {sheet}", "sheet {sheet}"),
    "where.cell": ("ô {cell}", "cell {cell}"),
    "where.nearest": (" (gần nhất: {nearest})", " (did you mean {nearest}?)"),
    "where.warning": ("cảnh báo: ", "warning: "),
    # --- problems with the user's files: 'problem.' + the reason code of errors.Problem (what were errors.MESSAGES) ---
    # files
    "problem.file_missing": ("không tìm thấy tệp", "file not found"),
    "problem.file_unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "problem.not_utf8": (
        "tệp không phải UTF-8 (byte {found} ở vị trí {offset}); hãy lưu lại dưới dạng CSV UTF-8",
        "the file is not UTF-8 (byte {found} at offset {offset}); save it as CSV UTF-8",
    ),
    "problem.csv_syntax": ("lỗi cú pháp CSV: {detail}", "CSV syntax error: {detail}"),
    "problem.csv_header": (
        "tiêu đề cột là {found}; cần đúng {accepted}",
        "the header is {found}; expected exactly {accepted}",
    ),
    "problem.csv_fields": (
        "dòng có {found} trường; cần {accepted} (dấu phẩy trong nội dung phải nằm trong ngoặc kép)",
        "the row has {found} fields; expected {accepted} (a comma inside a value must be quoted)",
    ),
    "problem.empty_field": ("trường {column} đang trống", "{column} is empty"),
    # criteria
    "problem.yaml_syntax": ("lỗi cú pháp YAML: {detail}", "YAML syntax error: {detail}"),
    "problem.yaml_duplicate_key": (
        "khóa {found!r} xuất hiện hai lần trong cùng một mục",
        "the key {found!r} appears twice in the same mapping",
    ),
    "problem.not_mapping": (
        "cần một ánh xạ (khóa: giá trị), gặp {found}",
        "expected a mapping (key: value), found {found}",
    ),
    "problem.not_list": ("cần một danh sách, gặp {found}", "expected a list, found {found}"),
    "problem.missing_key": ("thiếu khóa bắt buộc {found!r}", "the required key {found!r} is missing"),
    "problem.unknown_key": (
        "khóa không hợp lệ {found!r}; chấp nhận: {accepted}",
        "unknown key {found!r}; accepted: {accepted}",
    ),
    "problem.not_text": ("cần một chuỗi không rỗng, gặp {found}", "expected non-empty text, found {found}"),
    "problem.unknown_rule": (
        "quy tắc chấm điểm không hợp lệ {found!r}; chấp nhận: {accepted}",
        "unknown scoring rule {found!r}; accepted: {accepted}",
    ),
    "problem.rule_needs_params": (
        "quy tắc {found!r} cần tham số: {accepted}",
        "the rule {found!r} needs parameters: {accepted}",
    ),
    "problem.rule_no_params": ("quy tắc {found!r} không có tham số", "the rule {found!r} takes no parameters"),
    "problem.tier_shape": (
        "mỗi bậc phải là [ngưỡng, điểm], gặp {found}",
        "each tier must be [threshold, points], found {found}",
    ),
    "problem.tier_repeated": ("ngưỡng {found} lặp lại", "the threshold {found} is repeated"),
    "problem.tier_above_points": (
        "bậc cho {found} điểm, vượt quá {accepted} điểm của chỉ số",
        "a tier gives {found} points, more than the indicator's {accepted}",
    ),
    "problem.duplicate_id": ("mã {found!r} đã dùng ở {accepted}", "the id {found!r} is already used at {accepted}"),
    "problem.composite_with_points": (
        "chỉ số tổng hợp (có 'indicators') không được có 'rule', 'source', 'system', 'scored' hay "
        "'evidence_required' (gặp {found}); điểm của nó tính từ các chỉ số con ('points' nếu có là tổng điểm công "
        "bố)",
        "a composite (with 'indicators') cannot have 'rule', 'source', 'system', 'scored' or 'evidence_required' "
        "(found {found}); its points come from its children ('points', if given, is the published total)",
    ),
    # the rules of the published indices (issue 18)
    "problem.threshold_above_target": (
        "ngưỡng {found} lớn hơn mục tiêu {accepted}; cần 0 ≤ ngưỡng ≤ mục tiêu",
        "the threshold {found} is above the target {accepted}; accepted: 0 ≤ threshold ≤ target",
    ),
    "problem.bad_date": (
        "cần một ngày có thật dạng \"YYYY-MM-DD\" (ví dụ \"2025-03-31\"), gặp {found}",
        "expected a real day written \"YYYY-MM-DD\" (e.g. \"2025-03-31\"), found {found}",
    ),
    "problem.deadline_shape": (
        "mỗi mốc hạn phải là [\"YYYY-MM-DD\", tỷ lệ điểm 0–1], gặp {found}",
        "each deadline must be [\"YYYY-MM-DD\", share 0–1], found {found}",
    ),
    "problem.deadline_repeated": ("mốc hạn {found} lặp lại", "the deadline {found} is repeated"),
    "problem.composite_only": (
        "{found!r} chỉ dùng cho chỉ số tổng hợp (có 'indicators')",
        "{found!r} is accepted only on a composite (with 'indicators')",
    ),
    "problem.cap_above_sum": (
        "mức trần {found} lớn hơn tổng điểm các chỉ số con ({accepted}); cần cap ≤ {accepted}",
        "the cap {found} is above the sum of the children's points ({accepted}); accepted: cap ≤ {accepted}",
    ),
    "problem.declared_total": (
        "tổng điểm khai báo {found} khác điểm tối đa tính từ các chỉ số con: {accepted}",
        "the declared total {found} differs from the maximum computed from the children: {accepted}",
    ),
    "problem.unscored_points": (
        "chỉ số không tính điểm (scored: false) không có 'points' (gặp {found})",
        "an unscored indicator (scored: false) has no 'points' (found {found})",
    ),
    "problem.penalty_under_max": (
        "chỉ số trừ điểm {found!r} không thể nằm trong chỉ số lấy điểm cao nhất (combine: max); hãy đặt nó trong "
        "nhóm cộng điểm",
        "the deduction {found!r} cannot sit under a best-of composite (combine: max); put it where points are summed",
    ),
    "problem.future_date": (
        "ngày {found!r} ở sau hôm nay ({accepted}); cần ngày đã thực hiện",
        "the day {found!r} is after today ({accepted}); expected the day it was done",
    ),
    "problem.not_date": (
        "cần ngày thực hiện dạng YYYY-MM-DD hoặc DD/MM/YYYY (ví dụ 2025-03-31 hoặc 31/03/2025), hoặc \"không\" nếu "
        "chưa thực hiện; gặp {found!r}",
        "expected the day it was done, YYYY-MM-DD or DD/MM/YYYY (e.g. 2025-03-31 or 31/03/2025), or \"không\" (no) if "
        "not done; found {found!r}",
    ),
    "problem.not_whole": ("cần một số nguyên, gặp {found!r}", "expected a whole number, found {found!r}"),
    "problem.no_evidence": (
        "đơn vị {unit!r} ({name}), chỉ số {indicator!r}: giá trị tự đánh giá không có minh chứng — chỉ số yêu cầu "
        "minh chứng nên tính 0 điểm",
        "unit {unit!r} ({name}), indicator {indicator!r}: a self-assessed value without evidence — the indicator "
        "requires evidence, so it scores 0",
    ),
    "problem.leaf_incomplete": (
        "chỉ số cần 'points' và 'rule', hoặc 'indicators'",
        "an indicator needs 'points' and 'rule', or 'indicators'",
    ),
    "problem.bands_order": (
        "các mức xếp loại phải xếp từ cao xuống thấp và mức cuối có min 0, gặp {found}",
        "bands must be listed highest first and the last must have min 0, found {found}",
    ),
    "problem.applies_to_unknown": (
        "applies_to của {accepted} nêu {found!r}, không phải mã đơn vị hay nhãn nào",
        "applies_to of {accepted} names {found!r}, which is neither a unit id nor a tag",
    ),
    # criteria: the declared format, YAML as plain data, ids, limits (H1 criteria, issues 8 and 13)
    "problem.criteria_not_utf8": (
        "tệp không phải UTF-8: byte {found} ở ký tự thứ {column} của dòng; hãy lưu lại tệp với mã hóa UTF-8",
        "the file is not UTF-8: byte {found} at character {column} of the line; save the file as UTF-8",
    ),
    "problem.criteria_too_large": (
        "tệp tiêu chí lớn hơn giới hạn {accepted} byte",
        "the criteria file is larger than the {accepted}-byte limit",
    ),
    "problem.control_char": (
        "có ký tự điều khiển hoặc ký tự đảo chiều văn bản {found} (ở vị trí {offset}); hãy xóa ký tự này",
        "a control or bidirectional character {found} (at position {offset}); delete it",
    ),
    "problem.yaml_alias": (
        "không dùng bí danh YAML (*{found}); hãy viết đầy đủ giá trị",
        "YAML aliases (*{found}) are not accepted; write the value out",
    ),
    "problem.yaml_anchor": (
        "không dùng neo YAML (&{found}); hãy viết đầy đủ giá trị",
        "YAML anchors (&{found}) are not accepted; write the value out",
    ),
    "problem.yaml_tag": (
        "không dùng thẻ YAML ({found}); tệp tiêu chí chỉ chứa dữ liệu thuần",
        "YAML tags ({found}) are not accepted; a criteria file holds plain data only",
    ),
    "problem.yaml_complex_key": (
        "khóa phải là một chuỗi, không phải danh sách hay ánh xạ",
        "a key must be text, not a list or a mapping",
    ),
    "problem.key_not_text": (
        "khóa {found} phải là chuỗi; hãy đặt trong ngoặc kép",
        "the key {found} must be text; put it in quotes",
    ),
    "problem.yaml_too_deep": ("lồng nhau quá {accepted} cấp", "nested deeper than {accepted} levels"),
    "problem.yaml_documents": (
        "tệp có nhiều tài liệu YAML (---); chỉ được có một",
        "the file holds several YAML documents (---); one only",
    ),
    "problem.number_too_long": (
        "số viết bằng {found} ký tự; tối đa {accepted}",
        "a number written with {found} characters; at most {accepted}",
    ),
    "problem.expected_number": (
        "cần một số ({accepted}), gặp {found}",
        "expected a number ({accepted}), found {found}",
    ),
    "problem.expected_whole": (
        "cần một số nguyên ({accepted}), gặp {found}",
        "expected a whole number ({accepted}), found {found}",
    ),
    "problem.expected_bool": ("cần true hoặc false, gặp {found}", "expected true or false, found {found}"),
    "problem.expected_text": (
        "cần văn bản, gặp {found}; hãy đặt giá trị trong ngoặc kép",
        "expected text, found {found}; put the value in quotes",
    ),
    "problem.not_finite": (
        "cần một số hữu hạn ({accepted}), gặp {found}",
        "expected a finite number ({accepted}), found {found}",
    ),
    "problem.out_of_range": (
        "cần một số trong khoảng {accepted}, gặp {found}",
        "expected a number in the range {accepted}, found {found}",
    ),
    "problem.text_too_long": (
        "văn bản dài {found} ký tự, vượt quá {accepted}",
        "the text is {found} characters long, more than {accepted}",
    ),
    "problem.empty_list": (
        "danh sách trống; cần ít nhất {accepted} mục",
        "the list is empty; at least {accepted} needed",
    ),
    "problem.too_many_items": (
        "danh sách có {found} mục, vượt quá {accepted}",
        "the list has {found} items, more than {accepted}",
    ),
    "problem.not_one_of": ("cần một trong {accepted}, gặp {found}", "expected one of {accepted}, found {found}"),
    "problem.invalid_value": ("giá trị không hợp lệ {found}: {detail}", "invalid value {found}: {detail}"),
    "problem.choice_label_repeated": (
        "nhãn {found!r} trùng với {accepted!r} (không phân biệt chữ hoa, chữ thường và khoảng trắng ở hai đầu)",
        "the label {found!r} is the same as {accepted!r} (case and surrounding spaces are ignored)",
    ),
    "problem.system_without_measured": (
        "'system' chỉ dùng cho chỉ số đo tự động (source: measured)",
        "'system' is only for a measured indicator (source: measured)",
    ),
    "problem.measured_council": (
        "chỉ số do Hội đồng chấm (rule: council) không thể là chỉ số đo tự động (source: measured)",
        "an indicator scored by the council (rule: council) cannot be measured (source: measured)",
    ),
    "problem.composite_too_deep": (
        "chỉ số tổng hợp lồng quá {accepted} cấp dưới một chỉ số chính",
        "composites nested more than {accepted} levels under a pillar",
    ),
    # ids: one rule for unit, group, pillar, indicator ids and tags (syntax.id_problem)
    "problem.bad_id": (
        "mã {found} không hợp lệ: cần 1–80 ký tự A–Z, a–z, 0–9, '.', '_', '-' (mã đơn vị chỉ dùng chữ thường a–z), bắt "
        "đầu bằng chữ hoặc số, không kết thúc bằng '.'",
        "the id {found} is invalid: use 1–80 characters A–Z, a–z, 0–9, '.', '_', '-' (a unit id lower-case a–z only), "
        "starting with a letter or digit, not ending in '.'",
    ),
    "problem.id_too_long": ("mã dài {length} ký tự; tối đa 80", "the id is {length} characters long; at most 80"),
    "problem.id_reserved": (
        "mã {found} là tên thiết bị dành riêng của Windows (con, prn, aux, nul, com0–9, lpt0–9, kể cả khi có phần mở "
        "rộng); tệp mang tên này không mở được trên Windows",
        "the id {found} is a device name reserved by Windows (con, prn, aux, nul, com0–9, lpt0–9, also with an "
        "extension); a file of that name cannot be opened on Windows",
    ),
    # inputs
    "problem.unknown_unit": (
        "đơn vị {found!r} không có trong units.csv{hint}",
        "unit {found!r} is not in units.csv{hint}",
    ),
    "problem.unknown_group": (
        "nhóm {found!r} không có trong bộ tiêu chí; chấp nhận: {accepted}",
        "group {found!r} is not in the criteria; accepted: {accepted}",
    ),
    "problem.unknown_indicator": (
        "chỉ số {found!r} không có trong nhóm {group}{hint}",
        "indicator {found!r} is not in group {group}{hint}",
    ),
    "problem.not_leaf": (
        "{found!r} là chỉ số tổng hợp; hãy nhập giá trị cho các chỉ số con: {accepted}",
        "{found!r} is a composite; enter values for its children: {accepted}",
    ),
    "problem.duplicate_unit": (
        "đơn vị {found!r} đã khai báo ở dòng {accepted}",
        "unit {found!r} is already declared on line {accepted}",
    ),
    "problem.unit_two_groups": (
        "đơn vị {found!r} đã thuộc nhóm {accepted} (dòng {line0}); một đơn vị chỉ thuộc một nhóm",
        "unit {found!r} is already in group {accepted} (line {line0}); a unit is in one group only",
    ),
    "problem.duplicate_row": (
        "đơn vị {found!r}, chỉ số {indicator!r} đã có ở dòng {accepted}",
        "unit {found!r}, indicator {indicator!r} already appears on line {accepted}",
    ),
    "problem.not_fraction": (
        "{found!r} không phải một tỷ lệ từ 0 đến 1; hãy viết {pct!r} hoặc {frac!r}",
        "{found!r} is not a fraction from 0 to 1; write {pct!r} or {frac!r}",
    ),
    "problem.fraction_range": ("tỷ lệ {found!r} nằm ngoài 0–100%", "the fraction {found!r} is outside 0–100%"),
    "problem.decimal_comma": (
        "{found!r}: dùng dấu chấm thập phân và không dùng dấu phân cách hàng nghìn, ví dụ {accepted!r}",
        "{found!r}: use '.' as the decimal mark and no thousands separators, e.g. {accepted!r}",
    ),
    "problem.not_number": ("cần một số, gặp {found!r}", "expected a number, found {found!r}"),
    "problem.not_yes_no": (
        "cần có/không (yes/no, true/false, 1/0), gặp {found!r}",
        "expected có/không (yes/no, true/false, 1/0), found {found!r}",
    ),
    "problem.bad_choice": (
        "{found!r} không phải một lựa chọn; chấp nhận: {accepted}",
        "{found!r} is not one of the choices; accepted: {accepted}",
    ),
    "problem.negative_value": ("giá trị phải ≥ 0, gặp {found!r}", "the value must be ≥ 0, found {found!r}"),
    "problem.negative_count": (
        "số lượng phải là số nguyên ≥ 0, gặp {found!r}",
        "a count must be a whole number ≥ 0, found {found!r}",
    ),
    "problem.council_above": (
        "điểm hội đồng {found!r} vượt quá {accepted} điểm của chỉ số",
        "the council's {found!r} points exceed the indicator's {accepted}",
    ),
    "problem.denominator_unused": (
        "quy tắc {accepted} không dùng mẫu số, gặp {found!r}",
        "the rule {accepted} takes no denominator, found {found!r}",
    ),
    "problem.value_above_denominator": (
        "tử số {found!r} lớn hơn mẫu số {accepted!r}",
        "the count {found!r} is larger than the denominator {accepted!r}",
    ),
    "problem.empty_appraisal": (
        "dòng thẩm định không có giá trị; hãy nhập giá trị thẩm định hoặc xóa dòng",
        "an appraisal row without a value; enter the appraised value or delete the row",
    ),
    "problem.not_applicable_value": (
        "chỉ số {indicator!r} không áp dụng cho đơn vị {found!r}; giá trị không được chấm",
        "indicator {indicator!r} does not apply to unit {found!r}; the value is not scored",
    ),
    "problem.predecessor_unknown": (
        "đơn vị tiền thân {found!r} của {unit!r} không có trong kết quả năm trước {accepted}",
        "predecessor {found!r} of {unit!r} is not in the previous results {accepted}",
    ),
    "problem.previous_columns": (
        "kết quả năm trước thiếu cột {missing}; tiêu đề là {found}",
        "the previous results lack the column(s) {missing}; the header is {found}",
    ),
    "problem.bad_rank": (
        "cần một thứ hạng (số nguyên ≥ 1), gặp {found!r}",
        "expected a rank (a whole number ≥ 1), found {found!r}",
    ),
    "problem.no_sample": ("không tìm thấy dữ liệu mẫu: {found}", "no bundled sample found: {found}"),
    "problem.no_criteria_for_year": (
        "không có bộ tiêu chí cho năm {found} trong {accepted}",
        "no criteria file for {found} in {accepted}",
    ),
    # workbooks: dti collect (issue 4)
    "problem.form_xls": (
        "tệp Excel 97–2003 (.xls) hoặc sổ làm việc có đặt mật khẩu; hãy mở, bỏ mật khẩu và lưu lại dưới dạng Sổ làm "
        "việc Excel (.xlsx)",
        "an Excel 97–2003 file (.xls) or a password-protected workbook; open it, remove the password and save it as an "
        "Excel Workbook (.xlsx)",
    ),
    "problem.form_ods": (
        "tệp OpenDocument (.ods); hãy lưu lại dưới dạng Sổ làm việc Excel (.xlsx)",
        "an OpenDocument spreadsheet (.ods); save it as an Excel Workbook (.xlsx)",
    ),
    "problem.form_not_workbook": (
        "không phải sổ làm việc Excel (.xlsx){detail}",
        "not an Excel workbook (.xlsx){detail}",
    ),
    "problem.form_unpacked_too_large": (
        "nội dung giải nén lớn {found}, vượt giới hạn {accepted} (tệp hỏng hoặc độc hại)",
        "unpacked, the contents are {found}, over the {accepted} limit (a damaged or malicious file)",
    ),
    "problem.form_no_metadata": (
        "không phải phiếu do dti tạo (thiếu trang ẩn {found!r} hoặc thông tin phiếu); hãy dùng phiếu đã phát hành",
        "not a form made by dti (the hidden sheet {found!r} or the form's details are missing); use the form as issued",
    ),
    "problem.form_no_meta_sheet": (
        "thiếu trang ẩn {found!r} của phiếu (thuộc tính tài liệu ghi đây là phiếu của {owner!r}); hãy dùng phiếu đã "
        "phát hành",
        "the form's hidden sheet {found!r} is missing (its document properties say it is the form of {owner!r}); use "
        "the form as issued",
    ),
    "problem.form_identity_mismatch": (
        "hai bản thông tin của phiếu không khớp: {field} là {found!r} ở trang ẩn nhưng {accepted!r} trong thuộc tính "
        "tài liệu; hãy dùng phiếu đã phát hành cho đơn vị",
        "the form's two copies of its details disagree: {field} is {found!r} in the hidden sheet but {accepted!r} in "
        "the document properties; use the form as issued to the unit",
    ),
    "problem.form_is_appraisal": (
        "đây là phiếu thẩm định của Hội đồng; hãy dùng dti collect --appraisal",
        "this is an appraisal council workbook; use dti collect --appraisal",
    ),
    "problem.form_is_self": (
        "đây là phiếu tự đánh giá của đơn vị; hãy bỏ --appraisal",
        "this is a unit's self-assessment form; leave out --appraisal",
    ),
    "problem.form_is_objection": ("đây là phiếu kiến nghị về bản dự thảo; hãy dùng dti collect --objections --draft …",
                          "this is an objection form to the draft; use dti collect --objections --draft …"),
    "problem.form_not_objection": ("đây không phải phiếu kiến nghị (là phiếu loại {found!r}); hãy bỏ --objections",
                           "this is not an objection form (it is a {found!r} form); leave out --objections"),
    "problem.form_other_draft": ("phiếu kiến nghị lập từ bản dự thảo khác (mã kiểm tra {found}…, bản dự thảo đã chỉ là "
                         "{accepted}…); hãy gửi lại phiếu của bản dự thảo này",
                         "the objection form was made from another draft (check code {found}…, the draft given is "
                         "{accepted}…); send the form of this draft"),
    "problem.objection_claim_missing": (
        "có giá trị đề nghị hoặc minh chứng nhưng ô Nội dung kiến nghị {accepted} đang trống",
        "a value asked for or evidence is given but the objection cell {accepted} is empty",
    ),
    "problem.objection_form_no_date": ("phiếu có kiến nghị nhưng chưa điền Ngày gửi phiếu",
                               "the form holds objections but no date sent"),
    "problem.option_needs": ("{found} cần kèm {accepted}", "{found} needs {accepted}"),
    "problem.objections_decided": (
        "sổ kiến nghị đã có {found} quyết định; thu lại phiếu sẽ xóa mất: hãy ghi ra tệp khác và chép các "
        "dòng mới sang",
        "the register already holds {found} decision(s); collecting again would lose them: write to another "
        "file and copy the new rows over",
    ),
    "problem.form_other_criteria": (
        "phiếu lập theo bộ chỉ số {found}, không phải {accepted}",
        "the form was made for the criteria {found}, not {accepted}",
    ),
    "problem.form_criteria_changed": (
        "tệp tiêu chí đã thay đổi sau khi lập phiếu (SHA-256 {found}…, nay {accepted}…); các dòng được đối chiếu với "
        "tệp hiện tại",
        "the criteria file changed after the form was made (SHA-256 {found}…, now {accepted}…); the rows are checked "
        "against the current file",
    ),
    "problem.form_other_unit": (
        "tệp mang tên đơn vị {accepted!r} nhưng là phiếu của đơn vị {found!r}",
        "the file is named after unit {accepted!r} but holds the form of unit {found!r}",
    ),
    "problem.form_duplicate": (
        "phiếu của {found!r} có cả trong {accepted}; mỗi đơn vị (khối) chỉ nộp một phiếu",
        "the form of {found!r} is also in {accepted}; one form per unit (group)",
    ),
    "problem.form_part_unknown": (
        "phiếu là phần {found} của khối, nhưng với danh sách đơn vị hiện tại số phần của khối là {accepted}; hãy "
        "lập lại phiếu Hội đồng (dti forms --appraisal)",
        "the workbook is part {found} of its group, but with the current units the number of parts is {accepted}; "
        "make the council workbooks again (dti forms --appraisal)",
    ),
    "problem.form_no_sheet": ("thiếu trang {found!r}", "the sheet {found!r} is missing"),
    "problem.form_row_added": (
        "dòng thêm vào ({found!r}); không thêm dòng vào phiếu",
        "an added row ({found!r}); do not add rows to the form",
    ),
    "problem.form_row_removed": (
        "thiếu dòng {found!r} (cần ở ô {accepted}); không xóa dòng",
        "the row {found!r} is missing (expected at {accepted}); do not delete rows",
    ),
    "problem.form_row_moved": (
        "dòng {found!r} bị chuyển chỗ (cần ở ô {accepted}); không đổi thứ tự dòng",
        "the row {found!r} was moved (expected at {accepted}); do not reorder rows",
    ),
    "problem.form_formula_no_value": (
        "ô chứa công thức {found!r} nhưng không có giá trị đã tính; hãy nhập giá trị, hoặc mở và lưu lại tệp bằng "
        "Excel",
        "the cell holds the formula {found!r} without a computed value; type the value, or open and save the file in "
        "Excel",
    ),
    "problem.form_denominator_without_value": (
        "có mẫu số nhưng ô giá trị {accepted} đang trống",
        "a denominator is given but the value cell {accepted} is empty",
    ),
    "problem.form_note_without_value": (
        "có ghi chú của Hội đồng nhưng ô giá trị thẩm định {accepted} đang trống; nếu giữ nguyên, hãy nhập lại giá trị "
        "tự đánh giá",
        "the council's note is filled but the appraised value {accepted} is empty; to confirm the self-assessed value, "
        "enter it again",
    ),
    "problem.form_missing": ("không có phiếu của {found!r} ({name})", "no form for {found!r} ({name})"),
    "problem.form_empty": (
        "phiếu của {found!r} không có giá trị nào; mọi chỉ số của đơn vị sẽ bị tính là thiếu",
        "the form of {found!r} holds no values; every indicator of the unit will count as missing",
    ),
    "problem.form_none": ("không có phiếu nào để đọc", "no forms to read"),
    # H4 sample: council and measured indicators (issues 8 and 11)
    "problem.council_pending": (
        "đơn vị {unit!r} ({name}), chỉ số {indicator!r}: chờ Hội đồng chấm — chỉ số do Hội đồng thẩm định chấm điểm, "
        "chưa có điểm của Hội đồng nên được tính 0 điểm",
        "unit {unit!r} ({name}), indicator {indicator!r}: awaiting the council — the appraisal council scores this "
        "indicator and has not yet, so it scores 0",
    ),
    "problem.measured_missing": (
        "đơn vị {unit!r} ({name}), chỉ số {indicator!r}: chưa có số liệu đo (đo tự động từ {system}) — tính 0 điểm cho "
        "đến khi có số liệu trong measured.csv",
        "unit {unit!r} ({name}), indicator {indicator!r}: no measurement yet (measured by {system}) — it scores 0 "
        "until measured.csv holds one",
    ),
    "problem.measured_self_value": (
        "chỉ số {indicator!r} được đo tự động từ {system}, đơn vị {unit!r} không tự đánh giá: hãy để trống ô giá trị; "
        "số liệu lấy từ measured.csv, chỉ Hội đồng thẩm định được hiệu chỉnh (kèm ghi chú)",
        "indicator {indicator!r} is measured by {system}; unit {unit!r} cannot self-assess it: leave the value empty; "
        "the value comes from measured.csv and only the appraisal council may correct it (with a note)",
    ),
    "problem.measured_correction_note": (
        "Hội đồng hiệu chỉnh số liệu đo tự động của {indicator!r}: cần ghi chú lý do",
        "the council corrects the measured value of {indicator!r}: a note must say why",
    ),
    "problem.not_measured": (
        "chỉ số {found!r} không phải chỉ số đo tự động (source: measured) trong bộ tiêu chí; giá trị của nó do đơn vị "
        "tự đánh giá",
        "indicator {found!r} is not measured (source: measured) in the criteria; the unit self-assesses it",
    ),
    "problem.bad_measured_at": (
        "ngày đo phải viết dạng YYYY-MM-DD (ví dụ 2025-11-30), gặp {found!r}",
        "the measurement date must be written YYYY-MM-DD (e.g. 2025-11-30), found {found!r}",
    ),
    # H2 inputs: hostile and broken inputs (issues 8 and 13)
    "problem.csv_delimiter": (
        "các cột được phân cách bằng {found} (Excel ghi như vậy khi máy đặt vùng Việt Nam); dti cần dấu phẩy: hãy lưu "
        "lại dạng CSV UTF-8 phân cách bằng dấu phẩy",
        "the columns are separated by {found} (as Excel writes them under a Vietnamese locale); dti needs commas: save "
        "it again as CSV UTF-8, comma-separated",
    ),
    "problem.utf16": (
        "tệp mã hóa UTF-16 (Excel gọi là 'Unicode Text'); hãy lưu lại dạng CSV UTF-8",
        "the file is UTF-16 (Excel's 'Unicode Text'); save it as CSV UTF-8",
    ),
    "problem.nul_byte": (
        "tệp chứa byte NUL (0x00), không phải tệp văn bản CSV",
        "the file holds a NUL byte (0x00); it is not a CSV text file",
    ),
    "problem.file_too_large": (
        "tệp lớn {found}, vượt giới hạn {accepted}",
        "the file is {found}, over the {accepted} limit",
    ),
    "problem.csv_too_many_rows": (
        "tệp có {found} dòng, vượt giới hạn {accepted} dòng; không đọc tiếp",
        "the file has {found} lines, over the {accepted}-line limit; not read further",
    ),
    "problem.csv_field_too_large": (
        "một ô dài hơn giới hạn {accepted} ký tự (thường do một dấu ngoặc kép không được đóng); không đọc tiếp tệp",
        "a cell is longer than the {accepted}-character limit (often a quotation mark left open); the file is not "
        "read further",
    ),
    "problem.bad_timezone": (
        "không có múi giờ {found!r}; hãy đặt tên múi giờ IANA (ví dụ {accepted}) hoặc bỏ biến này",
        "there is no time zone {found!r}; set an IANA zone name (e.g. {accepted}) or unset it",
    ),
    "problem.diff_other_criteria": (
        "hai lần chạy theo hai bộ chỉ số khác nhau: {found} và {accepted}; chỉ so sánh được hai lần chạy cùng mã và "
        "cùng năm của bộ chỉ số",
        "the two runs used different criteria: {found} and {accepted}; only runs of the same criteria id and "
        "edition can be compared",
    ),
    "problem.problems_cut": (
        "… và ít nhất {found} lỗi khác (chỉ liệt kê {accepted} lỗi đầu tiên)",
        "… and at least {found} more problems (only the first {accepted} are listed)",
    ),
    "problem.number_range": (
        "số {found} nằm ngoài phạm vi nhận: giá trị tuyệt đối tối đa {accepted}, tối đa 17 chữ số có nghĩa",
        "the number {found} is outside the accepted range: at most {accepted} in absolute value, at most 17 "
        "significant digits",
    ),
    "problem.file_symlink": (
        "là một liên kết tượng trưng (symlink); dti chỉ đọc tệp thật nằm trong thư mục đầu vào và không theo liên kết",
        "is a symbolic link; dti reads only real files inside the inputs folder and never follows a link",
    ),
    "problem.not_regular_file": (
        "không phải một tệp thông thường (thư mục, thiết bị hay ống dẫn)",
        "is not a regular file (a folder, a device or a pipe)",
    ),
    "problem.duplicate_name": (
        "tên {found!r} đã dùng cho đơn vị {accepted!r} (dòng {line0}) trong cùng nhóm",
        "the name {found!r} is already used by unit {accepted!r} (line {line0}) in the same group",
    ),
    "problem.no_units": ("units.csv không có đơn vị nào", "units.csv lists no unit"),
    "problem.form_is_text": (
        "tệp văn bản (CSV?) mang đuôi .xlsx, không phải sổ làm việc Excel; hãy nộp phiếu .xlsx đã phát hành",
        "a text (CSV?) file named .xlsx, not an Excel workbook; send the form as issued",
    ),
    "problem.form_macro": (
        "sổ làm việc chứa macro (.xlsm, vbaProject.bin); dti không nhận tệp có macro: hãy lưu lại dưới dạng Sổ làm "
        "việc Excel (.xlsx)",
        "a macro-enabled workbook (.xlsm, vbaProject.bin); dti does not accept macros: save it as an Excel Workbook "
        "(.xlsx)",
    ),
    "problem.form_unsafe_xml": (
        "sổ làm việc chứa khai báo DTD/thực thể XML, điều Excel không bao giờ ghi; từ chối vì không an toàn",
        "the workbook holds XML DTD or entity declarations, which Excel never writes; refused as unsafe",
    ),
    "problem.form_too_many_parts": (
        "sổ làm việc có {found} phần, vượt giới hạn {accepted} (tệp hỏng hoặc độc hại)",
        "the workbook has {found} parts, over the {accepted} limit (a damaged or malicious file)",
    ),
    "problem.form_too_many_cells": (
        "các trang có hơn {accepted} ô (vượt ở phần {part}), vượt giới hạn của một phiếu (tệp hỏng hoặc độc hại)",
        "the sheets hold more than {accepted} cells (reached in {part}), over the limit for a form (a damaged or "
        "malicious file)",
    ),
    "problem.form_too_many_strings": (
        "phần {part} có từ {found} chuỗi trở lên, vượt giới hạn {accepted} của một phiếu (tệp hỏng hoặc độc hại)",
        "{part} holds {found} strings or more, over the {accepted} limit for a form (a damaged or malicious file)",
    ),
    "problem.form_too_many_styles": (
        "phần {part} có từ {found} kiểu định dạng ({what}) trở lên, vượt giới hạn {accepted} của một phiếu (tệp "
        "hỏng hoặc độc hại)",
        "{part} holds {found} styles ({what}) or more, over the {accepted} limit for a form (a damaged or "
        "malicious file)",
    ),
    "problem.form_too_many_xml": (
        "sổ làm việc có hơn {accepted} phần tử XML (đến phần {part}), vượt giới hạn của một phiếu (tệp hỏng hoặc "
        "độc hại)",
        "the workbook holds more than {accepted} XML elements (reached in {part}), over the limit for a form (a "
        "damaged or malicious file)",
    ),
    "problem.form_too_many_rows": (
        "trang có dữ liệu đến dòng {found}, vượt giới hạn {accepted} dòng của một phiếu",
        "the sheet has data down to row {found}, over the {accepted}-row limit for a form",
    ),
    # the year's tasks (issue 19): the criteria's period and source: tasks, the register, the forms' claims
    "problem.period_order": (
        "ngày kết thúc {found} trước ngày bắt đầu {accepted}",
        "the end {found} is before the start {accepted}",
    ),
    "problem.tasks_option_without_source": (
        "{found!r} chỉ dùng cho chỉ số tính từ sổ theo dõi nhiệm vụ (source: tasks)",
        "{found!r} is only for an indicator computed from the task register (source: tasks)",
    ),
    "problem.tasks_rule": (
        "chỉ số tính từ sổ theo dõi nhiệm vụ (source: tasks) là một tỷ lệ: cần rule: ratio",
        "an indicator computed from the task register (source: tasks) is a fraction: it needs rule: ratio",
    ),
    "problem.bad_task_date": (
        "{column} phải là một ngày có thật viết dạng YYYY-MM-DD (ví dụ 2025-06-30), gặp {found!r}",
        "{column} must be a real day written YYYY-MM-DD (e.g. 2025-06-30), found {found!r}",
    ),
    "problem.task_done_future": (
        "ngày hoàn thành {found} sau ngày chạy {accepted}; một nhiệm vụ chưa xong thì để trống done_on",
        "the completion day {found} is after the day of the run {accepted}; leave done_on empty for a task not "
        "done yet",
    ),
    "problem.duplicate_task": (
        "nhiệm vụ {found!r} của đơn vị {unit!r} đã có ở dòng {accepted}",
        "task {found!r} of unit {unit!r} already appears on line {accepted}",
    ),
    "problem.task_outside_period": (
        "nhiệm vụ {task!r} có hạn {found}, ngoài kỳ đánh giá {start} – {end}; không được tính vào tỷ lệ hoàn thành",
        "task {task!r} is due on {found}, outside the period {start} – {end}; it does not count in the completion",
    ),
    "problem.tasks_missing": (
        "không có sổ theo dõi nhiệm vụ tasks.csv: chỉ số {found} tính từ sổ này chưa có số liệu (0 điểm)",
        "no task register tasks.csv: the indicator(s) {found} computed from it have no value (0 points)",
    ),
    "problem.tasks_plan_unknown": (
        "chỉ số {indicator!r} chỉ tính nhiệm vụ của kế hoạch {found!r}, nhưng tasks.csv không có nhiệm vụ nào của "
        "kế hoạch này (không đơn vị nào được tính); các kế hoạch có trong sổ: {accepted}",
        "indicator {indicator!r} counts only the tasks of the plan {found!r}, but tasks.csv holds none (no unit is "
        "counted); the plans in the register: {accepted}",
    ),
    "problem.tasks_self_value": (
        "chỉ số {indicator!r} được tính từ sổ theo dõi nhiệm vụ (tasks.csv), đơn vị {unit!r} không tự đánh giá: "
        "hãy để trống ô giá trị; chỉ Hội đồng thẩm định được hiệu chỉnh (kèm ghi chú)",
        "indicator {indicator!r} is computed from the task register (tasks.csv); unit {unit!r} cannot self-assess "
        "it: leave the value empty; only the appraisal council may correct it (with a note)",
    ),
    "problem.tasks_correction_note": (
        "Hội đồng hiệu chỉnh giá trị tính từ sổ theo dõi nhiệm vụ của {indicator!r}: cần ghi chú lý do",
        "the council corrects the value of {indicator!r} computed from the task register: a note must say why",
    ),
    "problem.claim_no_day": (
        "nhiệm vụ {task!r}: đã nhập minh chứng nhưng chưa nhập ngày hoàn thành (YYYY-MM-DD)",
        "task {task!r}: the evidence is entered but not the day it was done (YYYY-MM-DD)",
    ),
    "problem.claim_bad_day": (
        "nhiệm vụ {task!r}: ngày hoàn thành {found!r} không phải một ngày có thật dạng YYYY-MM-DD hoặc DD/MM/YYYY",
        "task {task!r}: the day {found!r} is not a real day written YYYY-MM-DD or DD/MM/YYYY",
    ),
    "problem.claim_future": (
        "ngày hoàn thành {found} sau hôm nay ({accepted})",
        "the day it was done, {found}, is after today ({accepted})",
    ),
    "problem.claim_no_evidence": (
        "nhiệm vụ {task!r}: đã nhập ngày hoàn thành nhưng chưa có minh chứng",
        "task {task!r}: the day is entered but not the evidence",
    ),
    # runs: dti diff
    "problem.run_columns": (
        "thiếu cột {missing}; đây không phải tệp kết quả do dti ghi",
        "missing columns {missing}; this is not a results file written by dti",
    ),
    # --- H3 run: where the output goes (--out), and the final stage ---
    "problem.out_not_folder": (
        "là một tệp, không phải thư mục; --out cần một thư mục, được thay toàn bộ bằng kết quả",
        "is a file, not a folder; --out needs a folder, which the output replaces as a whole",
    ),
    "problem.out_below_file": (
        "{found} là một tệp nên không thể chứa {accepted}",
        "{found} is a file, so it cannot hold {accepted}",
    ),
    "problem.out_is_cwd": (
        "thư mục kết quả được thay toàn bộ mỗi lần chạy nên không thể là thư mục hiện tại hay thư mục cha của nó; hãy "
        "chọn một thư mục riêng, ví dụ reports/2025",
        "the output folder is replaced as a whole on every run, so it cannot be the current folder or one above it; "
        "choose a folder of its own, e.g. reports/2025",
    ),
    "problem.out_holds_inputs": (
        "thư mục kết quả được thay toàn bộ mỗi lần chạy nên không thể chứa {found}; hãy chọn một thư mục riêng, ví dụ "
        "reports/2025",
        "the output folder is replaced as a whole on every run, so it cannot hold {found}; choose a folder of its own, "
        "e.g. reports/2025",
    ),
    "problem.out_not_dti": (
        "thư mục đã có {found}, không do dti ghi; thư mục kết quả được thay toàn bộ mỗi lần chạy: hãy chọn một thư mục "
        "trống, hoặc thư mục kết quả cũ của dti",
        "the folder already holds {found}, not written by dti; the output folder is replaced as a whole on every run: "
        "choose an empty folder, or an earlier dti output folder",
    ),
    "problem.out_read_only": ("không có quyền ghi vào {found}", "no permission to write in {found}"),
    "problem.out_is_folder": (
        "là một thư mục; --out cần tên tệp cần ghi, ví dụ {accepted}",
        "is a folder; --out needs the name of the file to write, e.g. {accepted}",
    ),
    "problem.out_not_folder_forms": (
        "là một tệp, không phải thư mục; --out cần thư mục để thêm các phiếu vào",
        "is a file, not a folder; --out needs the folder to add the workbooks into",
    ),
    "problem.out_busy": (
        "một lệnh dti khác đang ghi vào đây: {found}; hãy đợi nó xong rồi chạy lại (mỗi thư mục chỉ một lệnh ghi một "
        "lúc)",
        "another dti command is writing here: {found}; wait until it ends, then run again (one writer per folder at a "
        "time)",
    ),
    "problem.out_mount_point": (
        "là một điểm gắn kết (mount point) nên không thể được thay toàn bộ bằng kết quả; hãy dùng một thư mục bên "
        "trong nó, ví dụ {accepted}",
        "is a mount point, so it cannot be replaced as a whole by the output; use a folder inside it, e.g. {accepted}",
    ),
    "problem.out_name_too_long": (
        "tên thư mục dài {found} byte; hệ thống tệp ở đây nhận tối đa {accepted} byte cho tên thư mục kết quả (dti "
        "đặt thư mục tạm bên cạnh với tên dài hơn): hãy chọn tên ngắn hơn",
        "the folder's name is {found} bytes long; the file system here takes at most {accepted} bytes for an output "
        "folder's name (dti stages beside it under a longer name): choose a shorter name",
    ),
    "problem.out_file_exists": (
        "tệp đã có; dti forms chỉ thêm phiếu mới, không bao giờ thay hay xóa tệp đã có (phiếu đã phát hành hay đã "
        "điền): hãy tự chuyển tệp này đi, hoặc chọn thư mục khác",
        "the file already exists; dti forms only adds new workbooks, and never replaces or removes a file there (a "
        "form issued or filled in): move it away yourself, or choose another folder",
    ),
    "problem.out_is_input": (
        "là tệp mà lệnh này đọc ({found}); hãy ghi ra một tệp khác",
        "is a file this command reads ({found}); write to another file",
    ),
    "problem.out_in_input_folder": (
        "nằm trong thư mục {found} mà lệnh này đọc; hãy ghi ra ngoài thư mục đó",
        "lies in the folder {found}, which this command reads; write outside that folder",
    ),
    "problem.out_not_dti_file": (
        "tệp đã có và không do dti ghi (dòng đầu hay mã nhận dạng không phải của {accepted}); dti không ghi đè: hãy "
        "chọn tên khác, hoặc tự chuyển tệp này đi",
        "the file exists and was not written by dti (its first line or id is not that of {accepted}); dti does not "
        "overwrite it: choose another name, or move the file away",
    ),
    "problem.cache_not_dti": (
        "thư mục bộ nhớ đệm đã có {found}, không do dti ghi; dti chỉ xóa mục của chính nó trong thư mục của chính nó: "
        "hãy chọn một thư mục mới hoặc trống cho --cache, hoặc dùng --no-cache",
        "the cache folder already holds {found}, not written by dti; dti deletes only its own entries in a folder of "
        "its own: give --cache a new or empty folder, or use --no-cache",
    ),
    "problem.source_date_epoch": (
        "cần một số giây nguyên từ 1970-01-01 UTC, từ 0 đến {accepted}, gặp {found!r}; hãy sửa hoặc bỏ biến môi "
        "trường này",
        "expected whole seconds since 1970-01-01 UTC, 0 to {accepted}, found {found!r}; correct or unset this "
        "environment variable",
    ),
    "problem.env_no_space": (
        "hết chỗ trên ổ đĩa (hoặc hết hạn mức): {detail}; hãy giải phóng chỗ hoặc ghi ra nơi khác rồi chạy lại — kết "
        "quả cũ vẫn nguyên",
        "no space left on the device (or the quota is used up): {detail}; free some space or write elsewhere, then "
        "run again — the earlier output is untouched",
    ),
    "problem.env_file_too_big": (
        "tệp vượt giới hạn kích thước tệp của tiến trình (ulimit -f): {detail}; hãy nới giới hạn rồi chạy lại — kết "
        "quả cũ vẫn nguyên",
        "the file exceeds the process's file-size limit (ulimit -f): {detail}; raise the limit, then run again — the "
        "earlier output is untouched",
    ),
    "problem.env_denied": (
        "không có quyền truy cập: {detail}; hãy cấp quyền đọc (ghi) cho người chạy dti, hoặc chọn tệp, thư mục khác",
        "permission denied: {detail}; give the user running dti permission to read (write) it, or choose another file "
        "or folder",
    ),
    "problem.env_read_only": (
        "hệ thống tệp chỉ đọc: {detail}; hãy ghi ra nơi khác",
        "a read-only file system: {detail}; write elsewhere",
    ),
    "problem.env_name_too_long": (
        "tên quá dài với hệ thống tệp: {detail}; hãy chọn tên ngắn hơn",
        "a name too long for the file system: {detail}; choose a shorter name",
    ),
    "problem.env_other_device": (
        "không thể chuyển giữa hai hệ thống tệp: {detail}; hãy chọn --out trên cùng hệ thống tệp với thư mục chứa nó",
        "cannot move across file systems: {detail}; choose an --out on the same file system as the folder holding it",
    ),
    "problem.env_busy": (
        "đang được dùng (điểm gắn kết hoặc tiến trình khác giữ): {detail}; hãy dùng một thư mục bên trong nó, hoặc "
        "thư mục khác",
        "in use (a mount point, or held by another process): {detail}; use a folder inside it, or another folder",
    ),
    "problem.env_io": (
        "lỗi vào/ra của ổ đĩa: {detail}; hãy kiểm tra ổ đĩa rồi chạy lại",
        "an input/output error of the device: {detail}; check the device, then run again",
    ),
    "problem.final_pending": (
        "bản chính thức chưa lập được: còn {found} điểm Hội đồng chưa chấm (liệt kê ở trên); hãy nhập đủ vào "
        "appraisal.csv, hoặc chạy --stage draft để lập bản dự thảo",
        "the final ranking cannot be made: {found} council score(s) are missing (listed above); enter them in "
        "appraisal.csv, or run with --stage draft for a draft",
    ),
    # objections to the draft (objections.csv)
    "problem.objection_duplicate": ("mã kiến nghị {found!r} đã dùng ở dòng {accepted}",
                            "the objection id {found!r} is already used on line {accepted}"),
    "problem.objection_not_applicable": (
        "chỉ số {indicator!r} không áp dụng cho đơn vị {unit!r}: không có điểm để kiến nghị",
        "the indicator {indicator!r} does not apply to the unit {unit!r}: it has no score to object to",
    ),
    "problem.objection_same_indicator": (
        "đơn vị {unit!r} đã có kiến nghị về chỉ số {indicator!r} ở dòng {accepted}; mỗi chỉ số một dòng (gộp "
        "nội dung vào một kiến nghị)",
        "the unit {unit!r} already objects to {indicator!r} on line {accepted}; one row per indicator (merge "
        "the claims into one objection)",
    ),
    "problem.objection_decision": ("quyết định {found!r} không hợp lệ; cần một trong: {accepted}",
                           "the decision {found!r} is not one of: {accepted}"),
    "problem.objection_no_answer": (
        "kiến nghị {found!r} đã có quyết định nhưng chưa có trả lời (answer): mỗi quyết định phải kèm lý do",
        "the objection {found!r} has a decision but no answer: every decision needs its reason",
    ),
    "problem.objection_no_decided_on": (
        "kiến nghị {found!r} đã có quyết định nhưng chưa có ngày quyết định (decided_on)",
        "the objection {found!r} has a decision but no decided_on date",
    ),
    "problem.objection_no_decision": ("kiến nghị {found!r} có trả lời hoặc ngày quyết định nhưng chưa có quyết định "
                              "(accepted, partly, rejected)",
                              "the objection {found!r} has an answer or a decided_on date but no decision "
                              "(accepted, partly, rejected)"),
    "problem.objection_decided_before": ("ngày quyết định {found} trước ngày nhận kiến nghị {accepted}",
                                 "decided on {found}, before the objection was received on {accepted}"),
    "problem.objection_late": (
        "kiến nghị {found!r} nhận sau hạn {accepted}: vẫn được ghi nhận và trả lời, đánh dấu nộp muộn",
        "the objection {found!r} was received after the deadline {accepted}: it is recorded and answered, "
        "marked late",
    ),
    "problem.objection_undecided": (
        "kiến nghị {found!r} của đơn vị {unit!r} về chỉ số {indicator!r} chưa có quyết định",
        "the objection {found!r} of {unit!r} on {indicator!r} has no decision yet",
    ),
    "problem.final_undecided": (
        "bản chính thức chưa lập được: còn {found} kiến nghị chưa có quyết định (liệt kê ở trên); hãy điền "
        "decision, answer và decided_on trong objections.csv, hoặc chạy --stage draft",
        "the final ranking cannot be made: {found} objection(s) have no decision (listed above); fill in "
        "decision, answer and decided_on in objections.csv, or run with --stage draft",
    ),
    "problem.objection_unchanged": (
        "kiến nghị {found!r} ({unit}, {indicator}) được chấp nhận nhưng giá trị vẫn như bản dự thảo "
        "({value}): hãy sửa giá trị trong appraisal.csv, hoặc ghi quyết định là partly/rejected",
        "the objection {found!r} ({unit}, {indicator}) is accepted but the value is still the draft's "
        "({value}): correct it in appraisal.csv, or record the decision as partly/rejected",
    ),
    "problem.draft_change_unexplained": (
        "{unit}, {indicator}: giá trị đổi từ {found} (dự thảo) thành {accepted} mà không có kiến nghị nào hay"
        " ghi chú của Hội đồng giải thích",
        "{unit}, {indicator}: the value changed from {found} (draft) to {accepted} with neither an objection "
        "nor a council note to explain it",
    ),
    "problem.run_json": ("run.json không đọc được ({detail}); đây không phải thư mục kết quả do dti ghi",
                 "run.json cannot be read ({detail}); this is not an output folder written by dti"),
    "problem.draft_other_criteria": (
        "là kết quả của bộ tiêu chí {found}, không phải {accepted}: hãy chỉ đúng bản dự thảo của năm này",
        "is a run of the criteria {found}, not {accepted}: name this year's draft",
    ),
    "problem.draft_not_draft": ("là một bản {found}, không phải bản dự thảo: phiếu kiến nghị lập từ bản dự thảo",
                        "is a {found} run, not a draft: objection forms are made from the draft"),
}

DECISION: Mapping[str, str] = {
    "accepted": "objection.decision.accepted", "partly": "objection.decision.partly",
    "rejected": "objection.decision.rejected", "": "objection.decision.none",
}
"""An objection's decision in words ('' while undecided)."""
STATUS: Mapping[str, str] = {
    "ok": "diff.status.ok", "missing": "diff.status.missing", "not_applicable": "diff.status.not_applicable",
    "pending": "diff.status.pending", "unmeasured": "diff.status.unmeasured", "unscored": "diff.status.unscored",
    "no_evidence": "diff.status.no_evidence",
}
"""The words of an indicator's status (scoring.Status) in a table or a list of changes."""

STATUS_SHORT: Mapping[str, str] = {
    "ok": "report.status.ok", "missing": "report.status.missing", "not_applicable": "report.status.not_applicable",
    "pending": "report.status.pending", "unmeasured": "report.status.unmeasured",
    "unscored": "report.status.unscored", "no_evidence": "report.status.no_evidence",
}
"""The words of an indicator's status in a breakdown's table, where 'ok' goes without saying (blank)."""
OPTIONS: Mapping[str, str] = {
    "command": "option.command", "criteria": "option.criteria", "inputs": "option.inputs", "out": "option.out",
    "previous": "option.previous", "lang": "option.lang", "draft": "option.draft", "stage": "option.stage",
}
"""The words of each option a run records (the reports' run details)."""
OPTION_VALUES: Mapping[tuple[str, str], str] = {
    ("command", "run"): "option.command.run", ("command", "report"): "option.command.report",
    ("command", "rank"): "option.command.rank", ("stage", "draft"): "option.stage.draft",
    ("stage", "final"): "option.stage.final", ("lang", "vi"): "option.lang.vi", ("lang", "en"): "option.lang.en",
}
"""The words of the options' values that are words (the others, file names, are shown as they are)."""

TASK_STATE: Mapping[str, str] = {
    "on_time": "tasks.state.on_time", "late": "tasks.state.late", "overdue": "tasks.state.overdue",
    "due": "tasks.state.due", "open": "tasks.state.open",
}
"""Where a task stands on a day, on a unit's breakdown."""

METHODS: Mapping[str, str] = {"weighted_sum": "method.weighted_sum", "weighted_product": "method.weighted_product",
                              "topsis": "method.topsis"}
"""The words of each way of combining points in the robustness analysis (robustness.METHODS)."""


class MissingWord(LookupError):
    """A key that the catalogue lacks: a defect in dti (tests/test_words.py keeps it from happening)."""


def t(key: str, lang: Lang, **params: object) -> str:
    """The words of `key` in `lang` with `params` filled in; its `.one` form (a singular, where the language
    has one) when the count is 1 (a number, or already written by Words.count)."""
    count = params.get("forms", params.get("n"))
    if count in (1, "1") and f"{key}.one" in WORDS:
        key = f"{key}.one"
    if key not in WORDS:
        raise MissingWord(f"no words for the key {key!r} in ranking/words.py")
    return WORDS[key][LANGS.index(lang)].format(**params)
