"""Words for people in Vietnamese (default) and English: terminal output and report headings.
Messages about problems in the user's files live with their reason codes in errors.py."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ranking.criteria import Best, Choice, Council, Count, MinMax, Ratio, Rule, Tiers, YesNo, rule_name
from ranking.errors import LANGS, Lang

LABELS: Mapping[str, tuple[str, str]] = {
    "rank": ("Hạng", "Rank"),
    "unit": ("Đơn vị", "Unit"),
    "index": ("Chỉ số", "Index"),
    "points": ("Điểm", "Points"),
    "band": ("Xếp loại", "Band"),
    "sample": ("DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)", "SAMPLE DATA (synthetic, not real figures)"),
    "valid": ("Không có lỗi: {files}", "No problems: {files}"),
    "validate.absent": ("Chưa có (chưa kiểm tra): {files}", "Not there yet (not checked): {files}"),
    "problems": ("{n} lỗi, {w} cảnh báo", "{n} errors, {w} warnings"),
    "written": ("Đã ghi {out}", "Written to {out}"),
    "top": ("{title} — {n} đơn vị", "{title} — {n} units"),
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
    "report.robustness_note": (
        "Thứ hạng được tính lại khi trọng số các chỉ số thành phần thay đổi ngẫu nhiên quanh trọng số công bố; "
        "đoạn thẳng là khoảng thứ hạng có thể có, chấm tròn là thứ hạng trung vị.",
        "Ranks recomputed while the pillar weights vary at random around the published ones; the line is the "
        "range of likely ranks, the dot the median rank.",
    ),
    "report.not_firm": (
        "{n} trong {total} đơn vị có thứ hạng chưa vững (khoảng thứ hạng 5–95 % rộng hơn {limit} bậc; "
        "trong ngoặc là khoảng đó): {units}.",
        "{n} of {total} units have a rank that is not firm (a 5–95 % rank interval wider than {limit} places; "
        "the interval in brackets): {units}.",
    ),
    "method.weighted_sum": ("Tổng có trọng số (chính thức)", "Weighted sum (official)"),
    "method.weighted_product": ("Trung bình nhân có trọng số", "Weighted geometric mean"),
    "method.topsis": ("TOPSIS", "TOPSIS"),
    "report.robustness_stats": (
        "{draws} lần lấy mẫu, độ tập trung {concentration}; thứ hạng xê dịch trung bình {shift} bậc.",
        "{draws} draws, concentration {concentration}; ranks move by {shift} places on average.",
    ),
    "report.method": ("Phương pháp tổng hợp", "Aggregation method"),
    "report.shift": ("Xê dịch trung bình", "Mean shift"),
    "report.all_firm": ("Thứ hạng của mọi đơn vị đều ổn định.", "Every unit's rank is firm."),
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
        "(chênh lệch dưới 10⁻⁹) đồng hạng, ký hiệu “=”, và thứ hạng kế tiếp được bỏ qua (15=, 15=, 17).",
        "Ranks within each group follow the unrounded index, highest first. Units whose indices are equal (differ "
        "by less than 10⁻⁹) share a rank, marked “=”, and the next rank is skipped (15=, 15=, 17).",
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
    "collect.written": ("Đã ghi {rows} dòng từ {forms} phiếu vào {out}",
                        "Wrote {rows} rows from {forms} forms to {out}"),
    "collect.rejected": ("{n} phiếu bị loại, chưa ghi: {files}", "{n} forms rejected, not written: {files}"),
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
    "diff.status.unmeasured": ("chưa có số liệu đo", "not yet measured"),
    # --- the web site (H5 site, issue 10: ranking/site.py and ranking/templates/site/) ---
    "progress.site": ("Ghi trang web", "Writing the web site"),
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
        "Thứ hạng vững: khi trọng số thay đổi, đơn vị xếp trong khoảng {low}–{high}, không rộng quá {limit} bậc.",
        "The rank is firm: as the weights vary the unit ranks {low}–{high}, no wider than {limit} places."),
    "site.not_firm": (
        "Thứ hạng chưa vững: khi trọng số thay đổi, đơn vị có thể xếp từ {low} đến {high}, rộng hơn {limit} bậc.",
        "The rank is not firm: as the weights vary the unit may rank anywhere from {low} to {high}, wider than "
        "{limit} places."),
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
    return LABELS[key][LANGS.index(lang)].format(**params)


@dataclass(frozen=True)
class Words:
    """One language for people: labels and number formats (Vietnamese uses a decimal comma)."""

    lang: Lang

    def __call__(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def num(self, value: float | None, decimals: int = 4, fixed: bool = True) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        text = f"{value:.{decimals}f}"
        if not fixed and "." in text:
            text = text.rstrip("0").rstrip(".")
        text = "0" if text.strip("-0.") == "" and not fixed else text
        return text.replace(".", ",") if self.lang == "vi" else text

    def points(self, value: float | None) -> str:
        return self.num(value, 2, fixed=False)

    def share(self, value: float) -> str:
        return f"{self.num(value * 100, 1, fixed=False)}%"


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
