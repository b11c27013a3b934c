"""Words for people in Vietnamese (default) and English: terminal output and report headings.
Messages about problems in the user's files live with their reason codes in errors.py."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ranking.criteria import Best, Choice, Council, Count, MinMax, Ratio, Rule, Tiers, YesNo, rule_name
from ranking.errors import LANGS, Lang
from ranking.inputs import NUMBER

LABELS: Mapping[str, tuple[str, str]] = {
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
    "internal": ("Lỗi nội bộ của dti (hãy báo cáo): {detail}", "Internal dti error (please report it): {detail}"),
    # H7 speed: the render cache's summary line
    "diff.criteria_changed": ("Lưu ý: tệp bộ chỉ số đã thay đổi giữa hai lần chạy (cùng mã {id}, năm {edition}; "
                              "SHA-256 trước {old}, sau {new}): thay đổi dưới đây có thể đến từ bộ chỉ số, không chỉ "
                              "từ số liệu.",
                              "Note: the criteria file changed between the two runs (same id {id}, edition {edition}; "
                              "SHA-256 before {old}, after {new}): the changes below may come from the criteria, not "
                              "only from the values."),
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
    "report.contents": ("Mục lục", "Contents"),
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
    "report.count": ("Số đơn vị", "Units"),
    "report.ranking_of": ("Bảng xếp hạng: {title}", "Ranking: {title}"),
    "report.change": ("So với năm trước", "Change vs last year"),
    "report.new_unit": ("mới", "new"),
    "report.merged": ("hợp nhất", "merged"),
    "report.pillars_legend": ("Chỉ số thành phần", "Pillars"),
    "report.bar_chart": ("Chỉ số của các đơn vị, từ cao xuống thấp", "Index of every unit, highest first"),
    "report.robustness": ("Độ vững của thứ hạng", "How firm the ranks are"),
    "report.robustness_note": (  # the site's methodology page (H5)
        "Thứ hạng được tính lại khi trọng số các chỉ số thành phần thay đổi ngẫu nhiên quanh trọng số công bố; "
        "đoạn thẳng là khoảng thứ hạng có thể có, chấm tròn là thứ hạng trung vị, vạch đỏ là thứ hạng chính thức.",
        "Ranks recomputed while the pillar weights vary at random around the published ones; the line is the "
        "range of likely ranks, the dot the median rank, the red tick the official rank.",
    ),
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
    "report.legend_change": ("±: so với năm trước —", "±: compared with last year —"),
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
        "Giá trị do Hội đồng thẩm định xác định thay thế giá trị đơn vị tự đánh giá. Chỉ số do Hội đồng chấm chỉ "
        "lấy điểm của Hội đồng (giá trị đơn vị tự chấm chỉ là đề xuất); chỉ số đo tự động lấy số liệu từ hệ thống "
        "của Thành phố, Hội đồng có thể hiệu chỉnh kèm ghi chú. Điểm tự đánh giá được tính bằng cùng quy tắc trên "
        "các giá trị tự đánh giá.",
        "The value set by the appraisal council replaces the self-assessed one. An indicator scored by the council "
        "takes the council's points only (the unit's own value is a proposal); a measured indicator takes the "
        "value measured by the city's systems, which the council may correct with a note. The self-assessed "
        "score uses the same rules on the self-assessed values.",
    ),
    "report.method_missing": (
        "Chỉ số áp dụng cho đơn vị nhưng không có số liệu được tính 0 điểm (thiếu số liệu). Chỉ số không áp dụng "
        "cho đơn vị (theo bộ chỉ số, hoặc tỷ lệ có mẫu số bằng 0) không được tính vào điểm tối đa.",
        "An indicator that applies but has no value scores 0 (missing). An indicator that does not apply (by the "
        "criteria, or a ratio whose denominator is 0) is left out of the maximum points.",
    ),
    "report.method_previous": (
        "So sánh với năm trước: đơn vị giữ nguyên được so với chính nó; đơn vị hợp nhất được so với trung bình cộng "
        "các giá trị của các đơn vị tiền thân, cho chỉ số và cho từng nhóm chỉ số có cùng mã ở hai bộ chỉ số (quy "
        "tắc của Bộ chỉ số DTI quốc gia với các tỉnh hợp nhất năm 2025), không so thứ hạng; đơn vị mới (như xã, "
        "phường sau sắp xếp năm 2025) không được so sánh.",
        "Compared with last year: a unit that continues is compared with itself; a merged unit with the plain mean "
        "of its predecessors' values, for the index and for every pillar with the same id in both editions (the "
        "national DTI's rule for the provinces merged in 2025), without a rank change; a new unit (such as the "
        "communes and wards after the 2025 reform) is not compared.",
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
    "form.no": ("không", "no"),
    "rule.entry.yes_no": ("Chọn có/không.", "Choose yes/no."),
    "rule.entry.ratio": ("Tỷ lệ (ví dụ 85%), hoặc tử số ở cột Giá trị và mẫu số ở cột Mẫu số.",
                         "A fraction (e.g. 85%), or a count in Value and its denominator in Denominator."),
    "rule.entry.tiers": ("Nhập một số.", "A number."),
    "rule.entry.choice": ("Chọn trong danh sách.", "Choose from the list."),
    "rule.entry.best": ("Một số ≥ 0.", "A number ≥ 0."),
    "rule.entry.minmax": ("Nhập một số.", "A number."),
    "rule.entry.count": ("Số nguyên ≥ 0.", "A whole number ≥ 0."),
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
        "1. Mỗi dòng là một chỉ số thành phần áp dụng cho đơn vị; chỉ nhập vào các ô nền vàng (Giá trị, Mẫu số, "
        "Minh chứng).|2. Có/không và các lựa chọn: chọn trong danh sách thả xuống.|3. Tỷ lệ: nhập 85% (hoặc 0,85 "
        "theo định dạng số của máy), hoặc nhập tử số ở cột Giá trị và mẫu số ở cột Mẫu số; mẫu số 0 nghĩa là chỉ "
        "số không áp dụng.|4. Số lượng, số lần, số ngày: nhập một số; không nhập chữ hay đơn vị đo.|5. Minh chứng: "
        "ghi số, ký hiệu, ngày văn bản hoặc đường dẫn tới tài liệu.|6. Không thêm, xóa, đổi thứ tự dòng hay đổi "
        "tên trang; không nhập công thức.|7. Lưu dưới dạng Sổ làm việc Excel (.xlsx) và gửi lại đúng tệp này.",
        "1. Each row is an indicator that applies to the unit; enter data only in the yellow cells (Value, "
        "Denominator, Evidence).|2. Yes/no and choices: pick from the drop-down list.|3. Fractions: enter 85%, or "
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
    "forms.written": ("Đã ghi {n} phiếu vào {out}", "Wrote {n} workbooks to {out}"),
    "collect.written": ("Đã ghi {rows} từ {forms} phiếu vào {out}", "Wrote {rows} from {forms} forms to {out}"),
    "collect.rows": ("{n} dòng", "{n} rows"),
    "collect.rows.one": ("{n} dòng", "{n} row"),
    "collect.rejected": ("{n} phiếu bị loại, chưa ghi: {files}", "{n} forms rejected, not written: {files}"),
    "collect.rejected.one": ("{n} phiếu bị loại, chưa ghi: {files}", "{n} form rejected, not written: {files}"),
    "collect.written.one": ("Đã ghi {rows} từ {forms} phiếu vào {out}", "Wrote {rows} from 1 form to {out}"),
    "forms.written.one": ("Đã ghi {n} phiếu vào {out}", "Wrote {n} workbook to {out}"),
    "diff.none": ("Không có thay đổi giữa hai lần chạy.", "Nothing changed between the two runs."),
    "diff.units": ("Đơn vị thay đổi: {n}", "Units that changed: {n}"),
    "diff.indicators": ("Chỉ số thành phần thay đổi: {n}", "Indicators that changed: {n}"),
    "diff.indicator": ("Chỉ số thành phần", "Indicator"),
    "diff.value": ("Giá trị", "Value"),
    "diff.status": ("Trạng thái", "Status"),
    "diff.status.ok": ("có số liệu", "ok"),
    "diff.status.missing": ("thiếu số liệu", "missing"),
    "diff.status.not_applicable": ("không áp dụng", "not applicable"),
    "diff.status.pending": ("chờ Hội đồng chấm", "awaiting the council"),
    "diff.status.unmeasured": ("chưa có số liệu đo", "not measured"),
    "diff.same": ("(không đổi)", "(unchanged)"),
    # results.xlsx (the CSV files keep the machine names)
    "xlsx.sheet.results": ("Kết quả", "Results"),
    "xlsx.sheet.indicators": ("Điểm từng chỉ số", "Indicator scores"),
    "xlsx.sheet.run": ("Thông tin lần chạy", "Run"),
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
    "site.firm": (
        "Thứ hạng vững: khi trọng số thay đổi, đơn vị {span}; khoảng này không rộng quá {limit} bậc.",
        "The rank is firm: as the weights vary the unit {span}, a range no wider than {limit} places."),
    "site.not_firm": (
        "Thứ hạng chưa vững: khi trọng số thay đổi, đơn vị {span}, rộng hơn {limit} bậc.",
        "The rank is not firm: as the weights vary the unit {span}, wider than {limit} places."),
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
}


def t(key: str, lang: Lang, **params: object) -> str:
    """The label in `lang`; its `.one` form (a singular, where the language has one) when the count is 1."""
    count = params.get("forms", params.get("n"))
    if count == 1 and f"{key}.one" in LABELS:
        key = f"{key}.one"
    return LABELS[key][LANGS.index(lang)].format(**params)


MINUS = "\u2212"  # a real minus sign, not the hyphen
NBSP = "\u00a0"  # keeps "65,3 %" and "1.000 điểm" on one line
SEPARATORS: Mapping[Lang, tuple[str, str]] = {"vi": (".", ","), "en": (",", ".")}
"""(thousands, decimal) marks: Vietnamese writes 1.000 and 0,85, English 1,000 and 0.85."""


@dataclass(frozen=True)
class Words:
    """One language for people: labels, and THE number formatter of that language (every number a person
    reads — PDFs, console, `dti diff`, forms — is written by `num` and the helpers built on it)."""

    lang: Lang

    def __call__(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def num(self, value: float | None, decimals: int = 4, fixed: bool = True, sign: bool = False) -> str:
        """`decimals` places (trailing zeros dropped unless `fixed`), grouped thousands, the language's
        decimal mark and a real minus; `sign` writes + before a positive value; '—' for none."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        text = f"{abs(value):,.{decimals}f}"
        if not fixed and "." in text:
            text = text.rstrip("0").rstrip(".")
        zero = text.strip("0.,") == ""
        thousands, decimal = SEPARATORS[self.lang]
        text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
        if zero:
            return text
        return (MINUS if value < 0 else "+" if sign else "") + text

    def count(self, value: int) -> str:
        """A whole number: 10.000 (vi), 10,000 (en)."""
        return self.num(value, 0)

    def points(self, value: float | None) -> str:
        return self.num(value, 2, fixed=False)

    def share(self, value: float, decimals: int = 1) -> str:
        """A fraction as a percentage: 65,3 % (vi, with a space) or 65.3% (en)."""
        text = self.num(value * 100, decimals, fixed=False)
        return f"{text}{NBSP}%" if self.lang == "vi" else f"{text}%"

    def value(self, text: str) -> str:
        """A value as entered (CSV text, '.' decimals): numbers, percentages and 'a/b' in the language's style,
        anything else (yes/no, a choice) as it is."""
        parts = text.split("/")
        if len(parts) == 2 and all(NUMBER.match(p.strip()) for p in parts):
            return "/".join(self.num(float(p), 6, fixed=False) for p in parts)
        if text.endswith("%") and NUMBER.match(text[:-1].strip()):
            return self.share(float(text[:-1]) / 100, 6)
        return self.num(float(text), 6, fixed=False) if NUMBER.match(text) else text

    def span(self, low: int, high: int) -> str:
        """Where a unit ranks in 90 % of the robustness recomputations, as the verb of a sentence: 'xếp từ
        hạng 3 đến hạng 7', or 'giữ hạng 1' when the interval is one rank (not 'từ hạng 1 đến hạng 1')."""
        return self("rank.span.one" if low == high else "rank.span", low=low, high=high)

    def rank(self, value: int | None, tied: bool = False) -> str:
        """A competition rank, '15=' where it is shared; '—' for none."""
        return "—" if value is None else f"{value}=" if tied else str(value)


def describe_rule(rule: Rule, points: float, w: Words) -> str:
    """The scoring rule in plain words: the methodology prints it, and every form beside its input cell."""
    p = w.points(points)
    match rule:
        case YesNo():
            return w("rule.yes_no", points=p)
        case Ratio(target=target):
            return w("rule.ratio", points=p, target=w.share(target))
        case Tiers(levels=levels, better=better):
            key = "rule.tier_higher" if better == "higher" else "rule.tier_lower"
            ordered = sorted(levels, reverse=better == "higher")
            text = "; ".join(w(key, x=w.points(x), p=w.points(pts)) for x, pts in ordered)
            return w("rule.tiers" if better == "higher" else "rule.tiers_lower", levels=text)
        case Choice(shares=shares):
            text = "; ".join(w("rule.share", label=label, p=w.points(points * s)) for label, s in shares)
            return w("rule.choice", shares=text)
        case Best(better=better):
            return w(f"rule.best_{better}", points=p)
        case MinMax(better=better):
            return w(f"rule.minmax_{better}", points=p)
        case Count(per_item=per_item):
            return w("rule.count", per_item=w.points(per_item), points=p)
        case Council():
            return w("rule.council", points=p)
    raise AssertionError(rule)  # pragma: no cover - the union is exhaustive


def measurement_note(system: str, measured_at: str, w: Words) -> str:
    """Where a measured value comes from, for forms and breakdowns: 'đo tự động từ <system>, ngày …'."""
    if not measured_at:
        return w("measured.none", system=system or "—")
    year, month, day = measured_at.split("-")
    date = f"{int(day)}/{int(month)}/{year}" if w.lang == "vi" else measured_at
    return w("measured.from", system=system or "—", date=date)


def entry_and_rule(rule: Rule, points: float, w: Words) -> str:
    """What to enter, then how it scores: the text of a form's rule column."""
    return f"{w('rule.entry.' + rule_name(rule))} {describe_rule(rule, points, w)}"
