"""Words for people in Vietnamese (default) and English: terminal output and report headings.
Messages about problems in the user's files live with their reason codes in errors.py."""

from __future__ import annotations

from collections.abc import Mapping

from ranking.errors import LANGS, Lang

LABELS: Mapping[str, tuple[str, str]] = {
    "rank": ("Hạng", "Rank"),
    "unit": ("Đơn vị", "Unit"),
    "index": ("Chỉ số", "Index"),
    "points": ("Điểm", "Points"),
    "band": ("Xếp loại", "Band"),
    "sample": ("DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)", "SAMPLE DATA (synthetic, not real figures)"),
    "valid": ("Không có lỗi: {criteria}, {inputs}", "No problems: {criteria}, {inputs}"),
    "problems": ("{n} lỗi, {w} cảnh báo", "{n} errors, {w} warnings"),
    "written": ("Đã ghi {out}", "Written to {out}"),
    "top": ("{title} — {n} đơn vị", "{title} — {n} units"),
    "internal": ("Lỗi nội bộ của dti (hãy báo cáo): {detail}", "Internal dti error (please report it): {detail}"),
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
        "Thứ hạng chưa chắc chắn (khoảng thứ hạng rộng từ {width} bậc trở lên): {units}.",
        "Ranks that are not firm (a range of {width} places or more): {units}.",
    ),
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
        "Giá trị do Hội đồng thẩm định xác định thay thế giá trị đơn vị tự đánh giá. Điểm tự đánh giá được tính "
        "bằng cùng quy tắc trên các giá trị tự đánh giá.",
        "The value set by the appraisal council replaces the self-assessed one. The self-assessed score uses the "
        "same rules on the self-assessed values.",
    ),
    "report.method_missing": (
        "Chỉ số áp dụng cho đơn vị nhưng không có số liệu được tính 0 điểm (thiếu số liệu). Chỉ số không áp dụng "
        "cho đơn vị (theo bộ chỉ số, hoặc tỷ lệ có mẫu số bằng 0) không được tính vào điểm tối đa.",
        "An indicator that applies but has no value scores 0 (missing). An indicator that does not apply (by the "
        "criteria, or a ratio whose denominator is 0) is left out of the maximum points.",
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
    "report.rule.yes_no": ("Có: {points} điểm; không: 0 điểm.", "Yes: {points} points; no: 0 points."),
    "report.rule.ratio": (
        "Tỷ lệ đạt được: {points} điểm × tỷ lệ / {target}, tối đa {points} điểm khi tỷ lệ đạt {target}.",
        "The share achieved: {points} points × share / {target}, at most {points} points from {target}.",
    ),
    "report.rule.tier_higher": ("từ {x} trở lên: {p} điểm", "{x} or more: {p} points"),
    "report.rule.tier_lower": ("không quá {x}: {p} điểm", "at most {x}: {p} points"),
    "report.rule.tiers": ("Theo mức: {levels}; thấp hơn: 0 điểm.", "By level: {levels}; otherwise 0 points."),
    "report.rule.tiers_lower": ("Theo mức: {levels}; cao hơn: 0 điểm.", "By level: {levels}; otherwise 0 points."),
    "report.rule.choice": ("Theo lựa chọn: {shares}.", "By choice: {shares}."),
    "report.rule.share": ("“{label}”: {p} điểm", "“{label}”: {p} points"),
    "report.rule.best_higher": (
        "So với đơn vị cao nhất trong khối: {points} điểm × giá trị / giá trị cao nhất.",
        "Against the best unit of the group: {points} points × value / highest value.",
    ),
    "report.rule.best_lower": (
        "So với đơn vị tốt nhất trong khối (giá trị thấp là tốt): {points} điểm × giá trị thấp nhất / giá trị.",
        "Against the best unit of the group (lower is better): {points} points × lowest value / value.",
    ),
    "report.rule.minmax_higher": (
        "Chuẩn hóa trong khối: {points} điểm × (giá trị − thấp nhất) / (cao nhất − thấp nhất); "
        "mọi giá trị bằng nhau: đủ điểm.",
        "Scaled within the group: {points} points × (value − lowest) / (highest − lowest); all equal: full points.",
    ),
    "report.rule.minmax_lower": (
        "Chuẩn hóa trong khối (giá trị thấp là tốt): {points} điểm × (cao nhất − giá trị) / (cao nhất − thấp nhất); "
        "mọi giá trị bằng nhau: đủ điểm.",
        "Scaled within the group (lower is better): {points} points × (highest − value) / (highest − lowest); "
        "all equal: full points.",
    ),
    "report.rule.count": (
        "{per_item} điểm cho mỗi mục, tối đa {points} điểm.", "{per_item} points per item, at most {points} points."
    ),
    "report.rule.council": (
        "Hội đồng thẩm định chấm điểm, từ 0 đến {points} điểm.", "Points awarded by the appraisal council, 0 to {points}."
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
    "report.evidence": ("Minh chứng", "Evidence"),
    "report.council_note": ("Ý kiến Hội đồng", "Council's note"),
    "report.draft_changes": ("Thay đổi so với bản dự thảo", "Changes since the draft"),
    "report.draft_none": ("Không có thay đổi so với bản dự thảo.", "Nothing changed since the draft."),
    "report.old": ("Dự thảo", "Draft"),
    "report.new": ("Chính thức", "Final"),
    "report.lineage.merged": ("hợp nhất từ đơn vị cũ", "merged from earlier units"),
    "report.lineage.new": ("đơn vị mới", "new unit"),
}


def t(key: str, lang: Lang, **params: object) -> str:
    return LABELS[key][LANGS.index(lang)].format(**params)
