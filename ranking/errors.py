"""The one errors module: every problem with the user's files carries where it is, a stable reason
code and a message in Vietnamese (default) or English, so that all problems can be listed at once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

# reason code -> (Vietnamese, English); {placeholders} come from Problem.params.
MESSAGES: Mapping[str, tuple[str, str]] = {
    # files
    "file_missing": ("không tìm thấy tệp", "file not found"),
    "file_unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "not_utf8": (
        "tệp không phải UTF-8 (byte {found} ở vị trí {offset}); hãy lưu lại dưới dạng CSV UTF-8",
        "the file is not UTF-8 (byte {found} at offset {offset}); save it as CSV UTF-8",
    ),
    "csv_syntax": ("lỗi cú pháp CSV: {detail}", "CSV syntax error: {detail}"),
    "csv_header": (
        "tiêu đề cột là {found}; cần đúng {accepted}",
        "the header is {found}; expected exactly {accepted}",
    ),
    "csv_fields": (
        "dòng có {found} trường; cần {accepted} (dấu phẩy trong nội dung phải nằm trong ngoặc kép)",
        "the row has {found} fields; expected {accepted} (a comma inside a value must be quoted)",
    ),
    "empty_field": ("trường {column} đang trống", "{column} is empty"),
    # criteria
    "yaml_syntax": ("lỗi cú pháp YAML: {detail}", "YAML syntax error: {detail}"),
    "yaml_duplicate_key": (
        "khóa {found!r} xuất hiện hai lần trong cùng một mục",
        "the key {found!r} appears twice in the same mapping",
    ),
    "not_mapping": ("cần một ánh xạ (khóa: giá trị), gặp {found}", "expected a mapping (key: value), found {found}"),
    "not_list": ("cần một danh sách, gặp {found}", "expected a list, found {found}"),
    "missing_key": ("thiếu khóa bắt buộc {found!r}", "the required key {found!r} is missing"),
    "unknown_key": ("khóa không hợp lệ {found!r}; chấp nhận: {accepted}",
                    "unknown key {found!r}; accepted: {accepted}"),
    "not_text": ("cần một chuỗi không rỗng, gặp {found}", "expected non-empty text, found {found}"),
    "unknown_rule": ("quy tắc chấm điểm không hợp lệ {found!r}; chấp nhận: {accepted}",
                     "unknown scoring rule {found!r}; accepted: {accepted}"),
    "rule_needs_params": ("quy tắc {found!r} cần tham số: {accepted}",
                          "the rule {found!r} needs parameters: {accepted}"),
    "rule_no_params": ("quy tắc {found!r} không có tham số", "the rule {found!r} takes no parameters"),
    "tier_shape": ("mỗi bậc phải là [ngưỡng, điểm], gặp {found}",
                   "each tier must be [threshold, points], found {found}"),
    "tier_repeated": ("ngưỡng {found} lặp lại", "the threshold {found} is repeated"),
    "tier_above_points": ("bậc cho {found} điểm, vượt quá {accepted} điểm của chỉ số",
                          "a tier gives {found} points, more than the indicator's {accepted}"),
    "duplicate_id": ("mã {found!r} đã dùng ở {accepted}", "the id {found!r} is already used at {accepted}"),
    "composite_with_points": ("chỉ số tổng hợp (có 'indicators') không được có 'points', 'rule', 'source' hay "
                              "'system' (gặp {found}); điểm của nó là tổng điểm các chỉ số con",
                              "a composite (with 'indicators') cannot have 'points', 'rule', 'source' or 'system' "
                              "(found {found}); its points are the sum of its children"),
    "leaf_incomplete": ("chỉ số cần 'points' và 'rule', hoặc 'indicators'",
                        "an indicator needs 'points' and 'rule', or 'indicators'"),
    "bands_order": ("các mức xếp loại phải xếp từ cao xuống thấp và mức cuối có min 0, gặp {found}",
                    "bands must be listed highest first and the last must have min 0, found {found}"),
    "applies_to_unknown": ("applies_to của {accepted} nêu {found!r}, không phải mã đơn vị hay nhãn nào",
                           "applies_to of {accepted} names {found!r}, which is neither a unit id nor a tag"),
    # criteria: the declared format, YAML as plain data, ids, limits (H1 criteria, issues 8 and 13)
    "criteria_not_utf8": ("tệp không phải UTF-8: byte {found} ở ký tự thứ {column} của dòng; hãy lưu lại tệp với "
                          "mã hóa UTF-8",
                          "the file is not UTF-8: byte {found} at character {column} of the line; save the file "
                          "as UTF-8"),
    "criteria_too_large": ("tệp tiêu chí lớn hơn giới hạn {accepted} byte",
                           "the criteria file is larger than the {accepted}-byte limit"),
    "control_char": ("có ký tự điều khiển hoặc ký tự đảo chiều văn bản {found} (ở vị trí {offset}); hãy xóa ký tự "
                     "này", "a control or bidirectional character {found} (at position {offset}); delete it"),
    "yaml_alias": ("không dùng bí danh YAML (*{found}); hãy viết đầy đủ giá trị",
                   "YAML aliases (*{found}) are not accepted; write the value out"),
    "yaml_anchor": ("không dùng neo YAML (&{found}); hãy viết đầy đủ giá trị",
                    "YAML anchors (&{found}) are not accepted; write the value out"),
    "yaml_tag": ("không dùng thẻ YAML ({found}); tệp tiêu chí chỉ chứa dữ liệu thuần",
                 "YAML tags ({found}) are not accepted; a criteria file holds plain data only"),
    "yaml_complex_key": ("khóa phải là một chuỗi, không phải danh sách hay ánh xạ",
                         "a key must be text, not a list or a mapping"),
    "key_not_text": ("khóa {found} phải là chuỗi; hãy đặt trong ngoặc kép",
                     "the key {found} must be text; put it in quotes"),
    "yaml_too_deep": ("lồng nhau quá {accepted} cấp", "nested deeper than {accepted} levels"),
    "yaml_documents": ("tệp có nhiều tài liệu YAML (---); chỉ được có một",
                       "the file holds several YAML documents (---); one only"),
    "number_too_long": ("số viết bằng {found} ký tự; tối đa {accepted}",
                        "a number written with {found} characters; at most {accepted}"),
    "expected_number": ("cần một số ({accepted}), gặp {found}", "expected a number ({accepted}), found {found}"),
    "expected_whole": ("cần một số nguyên ({accepted}), gặp {found}",
                       "expected a whole number ({accepted}), found {found}"),
    "expected_bool": ("cần true hoặc false, gặp {found}", "expected true or false, found {found}"),
    "expected_text": ("cần văn bản, gặp {found}; hãy đặt giá trị trong ngoặc kép",
                      "expected text, found {found}; put the value in quotes"),
    "not_finite": ("cần một số hữu hạn ({accepted}), gặp {found}",
                   "expected a finite number ({accepted}), found {found}"),
    "out_of_range": ("cần một số trong khoảng {accepted}, gặp {found}",
                     "expected a number in the range {accepted}, found {found}"),
    "text_too_long": ("văn bản dài {found} ký tự, vượt quá {accepted}",
                      "the text is {found} characters long, more than {accepted}"),
    "empty_list": ("danh sách trống; cần ít nhất {accepted} mục", "the list is empty; at least {accepted} needed"),
    "too_many_items": ("danh sách có {found} mục, vượt quá {accepted}",
                       "the list has {found} items, more than {accepted}"),
    "not_one_of": ("cần một trong {accepted}, gặp {found}", "expected one of {accepted}, found {found}"),
    "invalid_value": ("giá trị không hợp lệ {found}: {detail}", "invalid value {found}: {detail}"),
    "choice_label_repeated": ("nhãn {found!r} trùng với {accepted!r} (không phân biệt chữ hoa, chữ thường và khoảng "
                              "trắng ở hai đầu)",
                              "the label {found!r} is the same as {accepted!r} (case and surrounding spaces are "
                              "ignored)"),
    "system_without_measured": ("'system' chỉ dùng cho chỉ số đo tự động (source: measured)",
                                "'system' is only for a measured indicator (source: measured)"),
    "measured_council": ("chỉ số do Hội đồng chấm (rule: council) không thể là chỉ số đo tự động (source: measured)",
                         "an indicator scored by the council (rule: council) cannot be measured (source: measured)"),
    "composite_too_deep": ("chỉ số tổng hợp lồng quá {accepted} cấp dưới một chỉ số chính",
                           "composites nested more than {accepted} levels under a pillar"),
    # ids: one rule for unit, group, pillar, indicator ids and tags (criteria.id_problem)
    "bad_id": ("mã {found} không hợp lệ: cần 1–80 ký tự A–Z, a–z, 0–9, '.', '_', '-' (mã đơn vị chỉ dùng chữ "
               "thường a–z), bắt đầu bằng chữ hoặc số, không kết thúc bằng '.'",
               "the id {found} is invalid: use 1–80 characters A–Z, a–z, 0–9, '.', '_', '-' (a unit id lower-case "
               "a–z only), starting with a letter or digit, not ending in '.'"),
    "id_too_long": ("mã dài {length} ký tự; tối đa 80", "the id is {length} characters long; at most 80"),
    "id_reserved": ("mã {found} là tên thiết bị dành riêng của Windows (con, prn, aux, nul, com0–9, lpt0–9, kể cả "
                    "khi có phần mở rộng); tệp mang tên này không mở được trên Windows",
                    "the id {found} is a device name reserved by Windows (con, prn, aux, nul, com0–9, lpt0–9, "
                    "also with an extension); a file of that name cannot be opened on Windows"),
    # inputs
    "unknown_unit": ("đơn vị {found!r} không có trong units.csv{hint}", "unit {found!r} is not in units.csv{hint}"),
    "unknown_group": ("nhóm {found!r} không có trong bộ tiêu chí; chấp nhận: {accepted}",
                      "group {found!r} is not in the criteria; accepted: {accepted}"),
    "unknown_indicator": ("chỉ số {found!r} không có trong nhóm {group}{hint}",
                          "indicator {found!r} is not in group {group}{hint}"),
    "not_leaf": ("{found!r} là chỉ số tổng hợp; hãy nhập giá trị cho các chỉ số con: {accepted}",
                 "{found!r} is a composite; enter values for its children: {accepted}"),
    "duplicate_unit": ("đơn vị {found!r} đã khai báo ở dòng {accepted}",
                       "unit {found!r} is already declared on line {accepted}"),
    "unit_two_groups": ("đơn vị {found!r} đã thuộc nhóm {accepted} (dòng {line0}); một đơn vị chỉ thuộc một nhóm",
                        "unit {found!r} is already in group {accepted} (line {line0}); a unit is in one group only"),
    "duplicate_row": ("đơn vị {found!r}, chỉ số {indicator!r} đã có ở dòng {accepted}",
                      "unit {found!r}, indicator {indicator!r} already appears on line {accepted}"),
    "not_fraction": ("{found!r} không phải một tỷ lệ từ 0 đến 1; hãy viết {pct!r} hoặc {frac!r}",
                     "{found!r} is not a fraction from 0 to 1; write {pct!r} or {frac!r}"),
    "fraction_range": ("tỷ lệ {found!r} nằm ngoài 0–100%", "the fraction {found!r} is outside 0–100%"),
    "decimal_comma": ("{found!r}: dùng dấu chấm thập phân và không dùng dấu phân cách hàng nghìn, ví dụ {accepted!r}",
                      "{found!r}: use '.' as the decimal mark and no thousands separators, e.g. {accepted!r}"),
    "not_number": ("cần một số, gặp {found!r}", "expected a number, found {found!r}"),
    "not_yes_no": ("cần có/không (yes/no, true/false, 1/0), gặp {found!r}",
                   "expected có/không (yes/no, true/false, 1/0), found {found!r}"),
    "bad_choice": ("{found!r} không phải một lựa chọn; chấp nhận: {accepted}",
                   "{found!r} is not one of the choices; accepted: {accepted}"),
    "negative_value": ("giá trị phải ≥ 0, gặp {found!r}", "the value must be ≥ 0, found {found!r}"),
    "negative_count": ("số lượng phải là số nguyên ≥ 0, gặp {found!r}",
                       "a count must be a whole number ≥ 0, found {found!r}"),
    "council_above": ("điểm hội đồng {found!r} vượt quá {accepted} điểm của chỉ số",
                      "the council's {found!r} points exceed the indicator's {accepted}"),
    "denominator_unused": ("quy tắc {accepted} không dùng mẫu số, gặp {found!r}",
                           "the rule {accepted} takes no denominator, found {found!r}"),
    "value_above_denominator": ("tử số {found!r} lớn hơn mẫu số {accepted!r}",
                                "the count {found!r} is larger than the denominator {accepted!r}"),
    "empty_appraisal": ("dòng thẩm định không có giá trị; hãy nhập giá trị thẩm định hoặc xóa dòng",
                        "an appraisal row without a value; enter the appraised value or delete the row"),
    "not_applicable_value": ("chỉ số {indicator!r} không áp dụng cho đơn vị {found!r}; giá trị không được chấm",
                             "indicator {indicator!r} does not apply to unit {found!r}; the value is not scored"),
    "predecessor_unknown": ("đơn vị tiền thân {found!r} của {unit!r} không có trong kết quả năm trước {accepted}",
                            "predecessor {found!r} of {unit!r} is not in the previous results {accepted}"),
    "previous_columns": ("kết quả năm trước thiếu cột {missing}; tiêu đề là {found}",
                         "the previous results lack the column(s) {missing}; the header is {found}"),
    "bad_rank": ("cần một thứ hạng (số nguyên ≥ 1), gặp {found!r}",
                 "expected a rank (a whole number ≥ 1), found {found!r}"),
    "no_sample": ("không tìm thấy dữ liệu mẫu: {found}", "no bundled sample found: {found}"),
    "no_criteria_for_year": ("không có bộ tiêu chí cho năm {found} trong {accepted}",
                             "no criteria file for {found} in {accepted}"),
    # workbooks: dti collect (issue 4)
    "form_xls": ("tệp Excel 97–2003 (.xls) hoặc sổ làm việc có đặt mật khẩu; hãy mở, bỏ mật khẩu và lưu lại "
                 "dưới dạng Sổ làm việc Excel (.xlsx)",
                 "an Excel 97–2003 file (.xls) or a password-protected workbook; open it, remove the password and "
                 "save it as an Excel Workbook (.xlsx)"),
    "form_ods": ("tệp OpenDocument (.ods); hãy lưu lại dưới dạng Sổ làm việc Excel (.xlsx)",
                 "an OpenDocument spreadsheet (.ods); save it as an Excel Workbook (.xlsx)"),
    "form_not_workbook": ("không phải sổ làm việc Excel (.xlsx){detail}", "not an Excel workbook (.xlsx){detail}"),
    "form_unpacked_too_large": ("nội dung giải nén lớn {found}, vượt giới hạn {accepted} (tệp hỏng hoặc độc hại)",
                                "unpacked, the contents are {found}, over the {accepted} limit (a damaged or "
                                "malicious file)"),
    "form_no_metadata": ("không phải phiếu do dti tạo (thiếu trang ẩn {found!r} hoặc thông tin phiếu); hãy dùng "
                         "phiếu đã phát hành",
                         "not a form made by dti (the hidden sheet {found!r} or the form's details are missing); "
                         "use the form as issued"),
    "form_no_meta_sheet": ("thiếu trang ẩn {found!r} của phiếu (thuộc tính tài liệu ghi đây là phiếu của {owner!r}); "
                           "hãy dùng phiếu đã phát hành",
                           "the form's hidden sheet {found!r} is missing (its document properties say it is the "
                           "form of {owner!r}); use the form as issued"),
    "form_identity_mismatch": ("hai bản thông tin của phiếu không khớp: {key} là {found!r} ở trang ẩn nhưng "
                               "{accepted!r} trong thuộc tính tài liệu; hãy dùng phiếu đã phát hành cho đơn vị",
                               "the form's two copies of its details disagree: {key} is {found!r} in the hidden "
                               "sheet but {accepted!r} in the document properties; use the form as issued to the "
                               "unit"),
    "form_is_appraisal": ("đây là phiếu thẩm định của Hội đồng; hãy dùng dti collect --appraisal",
                          "this is an appraisal council workbook; use dti collect --appraisal"),
    "form_is_self": ("đây là phiếu tự đánh giá của đơn vị; hãy bỏ --appraisal",
                     "this is a unit's self-assessment form; leave out --appraisal"),
    "form_other_criteria": ("phiếu lập theo bộ chỉ số {found}, không phải {accepted}",
                            "the form was made for the criteria {found}, not {accepted}"),
    "form_criteria_changed": ("tệp tiêu chí đã thay đổi sau khi lập phiếu (SHA-256 {found}…, nay {accepted}…); "
                              "các dòng được đối chiếu với tệp hiện tại",
                              "the criteria file changed after the form was made (SHA-256 {found}…, now "
                              "{accepted}…); the rows are checked against the current file"),
    "form_other_unit": ("tệp mang tên đơn vị {accepted!r} nhưng là phiếu của đơn vị {found!r}",
                        "the file is named after unit {accepted!r} but holds the form of unit {found!r}"),
    "form_duplicate": ("phiếu của {found!r} có cả trong {accepted}; mỗi đơn vị (khối) chỉ nộp một phiếu",
                       "the form of {found!r} is also in {accepted}; one form per unit (group)"),
    "form_no_sheet": ("thiếu trang {found!r}", "the sheet {found!r} is missing"),
    "form_row_added": ("dòng thêm vào ({found!r}); không thêm dòng vào phiếu",
                       "an added row ({found!r}); do not add rows to the form"),
    "form_row_removed": ("thiếu dòng {found!r} (cần ở ô {accepted}); không xóa dòng",
                         "the row {found!r} is missing (expected at {accepted}); do not delete rows"),
    "form_row_moved": ("dòng {found!r} bị chuyển chỗ (cần ở ô {accepted}); không đổi thứ tự dòng",
                       "the row {found!r} was moved (expected at {accepted}); do not reorder rows"),
    "form_formula_no_value": ("ô chứa công thức {found!r} nhưng không có giá trị đã tính; hãy nhập giá trị, hoặc "
                              "mở và lưu lại tệp bằng Excel",
                              "the cell holds the formula {found!r} without a computed value; type the value, or "
                              "open and save the file in Excel"),
    "form_denominator_without_value": ("có mẫu số nhưng ô giá trị {accepted} đang trống",
                                       "a denominator is given but the value cell {accepted} is empty"),
    "form_note_without_value": ("có ghi chú của Hội đồng nhưng ô giá trị thẩm định {accepted} đang trống; nếu giữ "
                                "nguyên, hãy nhập lại giá trị tự đánh giá",
                                "the council's note is filled but the appraised value {accepted} is empty; to "
                                "confirm the self-assessed value, enter it again"),
    "form_missing": ("không có phiếu của {found!r} ({name})", "no form for {found!r} ({name})"),
    "form_empty": ("phiếu của {found!r} không có giá trị nào; mọi chỉ số của đơn vị sẽ bị tính là thiếu",
                   "the form of {found!r} holds no values; every indicator of the unit will count as missing"),
    "form_none": ("không có phiếu nào để đọc", "no forms to read"),
    # H4 sample: council and measured indicators (issues 8 and 11)
    "council_pending": ("đơn vị {unit!r} ({name}), chỉ số {indicator!r}: chờ Hội đồng chấm — chỉ số do Hội đồng "
                        "thẩm định chấm điểm, chưa có điểm của Hội đồng nên được tính 0 điểm",
                        "unit {unit!r} ({name}), indicator {indicator!r}: awaiting the council — the appraisal "
                        "council scores this indicator and has not yet, so it scores 0"),
    "measured_missing": ("đơn vị {unit!r} ({name}), chỉ số {indicator!r}: chưa có số liệu đo (đo tự động từ {system}) "
                         "— tính 0 điểm cho đến khi có số liệu trong measured.csv",
                         "unit {unit!r} ({name}), indicator {indicator!r}: no measurement yet (measured by "
                         "{system}) — it scores 0 until measured.csv holds one"),
    "measured_self_value": ("chỉ số {indicator!r} được đo tự động từ {system}, đơn vị {unit!r} không tự đánh giá: "
                            "hãy để trống ô giá trị; số liệu lấy từ measured.csv, chỉ Hội đồng thẩm định được "
                            "hiệu chỉnh (kèm ghi chú)",
                            "indicator {indicator!r} is measured by {system}; unit {unit!r} cannot self-assess it: "
                            "leave the value empty; the value comes from measured.csv and only the appraisal "
                            "council may correct it (with a note)"),
    "measured_correction_note": ("Hội đồng hiệu chỉnh số liệu đo tự động của {indicator!r}: cần ghi chú lý do",
                                 "the council corrects the measured value of {indicator!r}: a note must say why"),
    "not_measured": ("chỉ số {found!r} không phải chỉ số đo tự động (source: measured) trong bộ tiêu chí; "
                     "giá trị của nó do đơn vị tự đánh giá",
                     "indicator {found!r} is not measured (source: measured) in the criteria; the unit "
                     "self-assesses it"),
    "bad_measured_at": ("ngày đo phải viết dạng YYYY-MM-DD (ví dụ 2025-11-30), gặp {found!r}",
                        "the measurement date must be written YYYY-MM-DD (e.g. 2025-11-30), found {found!r}"),
    # H2 inputs: hostile and broken inputs (issues 8 and 13)
    "csv_delimiter": ("các cột được phân cách bằng {found} (Excel ghi như vậy khi máy đặt vùng Việt Nam); dti cần "
                      "dấu phẩy: hãy lưu lại dạng CSV UTF-8 phân cách bằng dấu phẩy",
                      "the columns are separated by {found} (as Excel writes them under a Vietnamese locale); dti "
                      "needs commas: save it again as CSV UTF-8, comma-separated"),
    "utf16": ("tệp mã hóa UTF-16 (Excel gọi là 'Unicode Text'); hãy lưu lại dạng CSV UTF-8",
              "the file is UTF-16 (Excel's 'Unicode Text'); save it as CSV UTF-8"),
    "nul_byte": ("tệp chứa byte NUL (0x00), không phải tệp văn bản CSV", "the file holds a NUL byte (0x00); it is not "
                 "a CSV text file"),
    "file_too_large": ("tệp lớn {found}, vượt giới hạn {accepted}", "the file is {found}, over the {accepted} limit"),
    "csv_too_many_rows": ("tệp có {found} dòng, vượt giới hạn {accepted} dòng; không đọc tiếp",
                          "the file has {found} lines, over the {accepted}-line limit; not read further"),
    "bad_timezone": ("không có múi giờ {found!r}; hãy đặt tên múi giờ IANA (ví dụ {accepted}) hoặc bỏ biến này",
                     "there is no time zone {found!r}; set an IANA zone name (e.g. {accepted}) or unset it"),
    "run_json_bad": ("run.json không phải tệp do dti ghi ({detail}); hãy chỉ tới một thư mục kết quả của dti",
                     "run.json is not as dti writes it ({detail}); name an output folder of dti"),
    "draft_other_criteria": ("bản dự thảo này được chấm theo bộ chỉ số {found}, không phải {accepted} của lần chạy "
                             "này; --draft cần kết quả của cùng bộ chỉ số (cùng mã, năm và tệp)",
                             "this draft was scored with the criteria {found}, not this run's {accepted}; --draft "
                             "needs a run of the same criteria (id, edition and file)"),
    "diff_other_criteria": ("hai lần chạy theo hai bộ chỉ số khác nhau: {found} và {accepted}; chỉ so sánh được hai "
                            "lần chạy cùng mã và cùng năm của bộ chỉ số",
                            "the two runs used different criteria: {found} and {accepted}; only runs of the same "
                            "criteria id and edition can be compared"),
    "csv_field_too_large": ("một ô dài hơn giới hạn {accepted} ký tự (thường do một dấu ngoặc kép không được đóng); "
                            "không đọc tiếp tệp",
                            "a cell is longer than the {accepted}-character limit (often a quotation mark left "
                            "open); the file is not read further"),
    "problems_cut": ("… và ít nhất {found} lỗi khác (chỉ liệt kê {accepted} lỗi đầu tiên)",
                     "… and at least {found} more problems (only the first {accepted} are listed)"),
    "number_range": ("số {found} nằm ngoài phạm vi nhận: giá trị tuyệt đối tối đa {accepted}, tối đa 17 chữ số có "
                     "nghĩa", "the number {found} is outside the accepted range: at most {accepted} in absolute "
                     "value, at most 17 significant digits"),
    "file_symlink": ("là một liên kết tượng trưng (symlink); dti chỉ đọc tệp thật nằm trong thư mục đầu vào và "
                     "không theo liên kết", "is a symbolic link; dti reads only real files inside the inputs "
                     "folder and never follows a link"),
    "not_regular_file": ("không phải một tệp thông thường (thư mục, thiết bị hay ống dẫn)",
                         "is not a regular file (a folder, a device or a pipe)"),
    "duplicate_name": ("tên {found!r} đã dùng cho đơn vị {accepted!r} (dòng {line0}) trong cùng nhóm",
                       "the name {found!r} is already used by unit {accepted!r} (line {line0}) in the same group"),
    "no_units": ("units.csv không có đơn vị nào", "units.csv lists no unit"),
    "form_is_text": ("tệp văn bản (CSV?) mang đuôi .xlsx, không phải sổ làm việc Excel; hãy nộp phiếu .xlsx đã phát "
                     "hành", "a text (CSV?) file named .xlsx, not an Excel workbook; send the form as issued"),
    "form_macro": ("sổ làm việc chứa macro (.xlsm, vbaProject.bin); dti không nhận tệp có macro: hãy lưu lại dưới "
                   "dạng Sổ làm việc Excel (.xlsx)",
                   "a macro-enabled workbook (.xlsm, vbaProject.bin); dti does not accept macros: save it as an "
                   "Excel Workbook (.xlsx)"),
    "form_unsafe_xml": ("sổ làm việc chứa khai báo DTD/thực thể XML, điều Excel không bao giờ ghi; từ chối vì không "
                        "an toàn", "the workbook holds XML DTD or entity declarations, which Excel never writes; "
                        "refused as unsafe"),
    "form_too_many_parts": ("sổ làm việc có {found} phần, vượt giới hạn {accepted} (tệp hỏng hoặc độc hại)",
                            "the workbook has {found} parts, over the {accepted} limit (a damaged or malicious file)"),
    "form_too_many_rows": ("trang có dữ liệu đến dòng {found}, vượt giới hạn {accepted} dòng của một phiếu",
                           "the sheet has data down to row {found}, over the {accepted}-row limit for a form"),
    # runs: dti diff
    "run_columns": ("thiếu cột {found}; đây không phải tệp kết quả do dti ghi",
                    "missing columns {found}; this is not a results file written by dti"),
    # --- H3 run: where the output goes (--out), and the final stage ---
    "out_not_folder": ("là một tệp, không phải thư mục; --out cần một thư mục, được thay toàn bộ bằng kết quả",
                       "is a file, not a folder; --out needs a folder, which the output replaces as a whole"),
    "out_below_file": ("{found} là một tệp nên không thể chứa {accepted}",
                       "{found} is a file, so it cannot hold {accepted}"),
    "out_is_cwd": ("thư mục kết quả được thay toàn bộ mỗi lần chạy nên không thể là thư mục hiện tại hay thư mục "
                   "cha của nó; hãy chọn một thư mục riêng, ví dụ reports/2025",
                   "the output folder is replaced as a whole on every run, so it cannot be the current folder or "
                   "one above it; choose a folder of its own, e.g. reports/2025"),
    "out_holds_inputs": ("thư mục kết quả được thay toàn bộ mỗi lần chạy nên không thể chứa {found}; hãy chọn một "
                         "thư mục riêng, ví dụ reports/2025",
                         "the output folder is replaced as a whole on every run, so it cannot hold {found}; "
                         "choose a folder of its own, e.g. reports/2025"),
    "out_not_empty": ("thư mục đã có {found}; dti forms chỉ ghi vào thư mục trống để không bao giờ thay mất phiếu đã "
                      "phát hành hay đã điền: hãy chọn thư mục mới, hoặc tự chuyển các tệp cũ đi",
                      "the folder already holds {found}; dti forms writes only into an empty folder so that it never "
                      "replaces forms already issued or filled in: choose a new folder, or move the old files away"),
    "out_not_dti": ("thư mục đã có {found}, không do dti ghi; thư mục kết quả được thay toàn bộ mỗi lần chạy: hãy "
                    "chọn một thư mục trống, hoặc thư mục kết quả cũ của dti",
                    "the folder already holds {found}, not written by dti; the output folder is replaced as a whole "
                    "on every run: choose an empty folder, or an earlier dti output folder"),
    "out_read_only": ("không có quyền ghi vào {found}", "no permission to write in {found}"),
    "out_is_folder": ("là một thư mục; --out cần tên tệp cần ghi, ví dụ {accepted}",
                      "is a folder; --out needs the name of the file to write, e.g. {accepted}"),
    "final_pending": ("bản chính thức chưa lập được: còn {found} điểm Hội đồng chưa chấm (liệt kê ở trên); hãy "
                      "nhập đủ vào appraisal.csv, hoặc chạy --stage draft để lập bản dự thảo",
                      "the final ranking cannot be made: {found} council score(s) are missing (listed above); "
                      "enter them in appraisal.csv, or run with --stage draft for a draft"),
}


# The characters no free text may hold (criteria strings, CSV and workbook cells): control characters (C0
# but tab, line feed and carriage return; DEL; C1) and the invisible ones that reorder or break text
# (bidirectional marks, embeddings, overrides and isolates; line and paragraph separators; a stray BOM).
CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0x061C, 0x061C), (0x200E, 0x200F),
                  (0x2028, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF))
# What a terminal must never receive raw from an input: the same, and tab and line breaks too (escape
# sequences can rewrite the screen or the window title; a line break can forge a message line).
_UNSAFE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ((0x00, 0x1F), *(r for r in CONTROL_RANGES
                                                                                    if r[0] > 0x1F))) + "]")
MAX_FOUND = 80  # a found value longer than this is shown cut, so that a 400-digit number stays one line
MAX_PROBLEMS = 200  # problems listed; the rest are counted (README, "Limits")


def printable(text: str) -> str:
    """`text` with every control or bidirectional character written as an escape (\\x1b, \\u202e)."""
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)


def _shown(value: object) -> object:
    return f"{value[:MAX_FOUND - 20]}…{value[-10:]}" if isinstance(value, str) and len(value) > MAX_FOUND else value


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one file; `reason` is a stable code, `params` fill its message."""

    file: str
    reason: str
    params: Mapping[str, object] = field(default_factory=dict)
    line: int | None = None
    column: str | None = None
    path: str | None = None
    sheet: str | None = None
    cell: str | None = None
    severity: Literal["error", "warning"] = "error"

    def where(self, lang: Lang = "vi") -> str:
        parts = [self.file]
        vi = lang == "vi"
        if self.line is not None:
            parts.append(f"{'dòng' if vi else 'line'} {self.line}")
        if self.column is not None:
            parts.append(f"{'cột' if vi else 'column'} {self.column}")
        if self.sheet is not None:
            parts.append(f"{'trang' if vi else 'sheet'} {self.sheet!r}")
        if self.cell is not None:
            parts.append(f"{'ô' if vi else 'cell'} {self.cell}")
        if self.path is not None:
            parts.append(self.path)
        return ", ".join(parts)

    def message(self, lang: Lang = "vi") -> str:
        template = MESSAGES[self.reason][LANGS.index(lang)]
        near = self.params.get("nearest")
        hint = (f" (gần nhất: {near!r})" if lang == "vi" else f" (did you mean {near!r}?)") if near else ""
        params = {**self.params, "found": _shown(self.params.get("found")), "hint": hint}
        text = template.format(**params)
        tag = ("cảnh báo" if lang == "vi" else "warning") + ": " if self.severity == "warning" else ""
        where = self.where(lang)
        return printable(f"{where}: {tag}{text}" if where else f"{tag}{text}")

    def as_dict(self, lang: Lang = "vi") -> dict[str, object]:
        return {
            "file": self.file, "line": self.line, "column": self.column, "path": self.path,
            "sheet": self.sheet, "cell": self.cell, "severity": self.severity, "reason": self.reason,
            "message": self.message(lang),
        }


class DtiError(Exception):
    """An error about the user's files or options: dti exits with 2 and lists it, no traceback."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.render("vi"))

    def render(self, lang: Lang = "vi") -> str:
        return "\n".join(p.message(lang) for p in self.problems)


class CriteriaError(DtiError):
    """The criteria file is not a valid criteria set."""


class DataError(DtiError):
    """The units, self-assessment or appraisal files are not valid."""


class FormError(DtiError):
    """A self-assessment or appraisal workbook cannot be collected."""


class Problems:
    """Collects problems while a file is checked, so that every problem is reported at once; past `limit`
    they are only counted (a million bad rows must not take a gigabyte and a million lines)."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.items: list[Problem] = []
        self.limit = limit
        self.cut = 0
        self.cut_errors = 0

    def add(self, problem: Problem) -> None:
        if len(self.items) < self.limit:
            self.items.append(problem)
        else:
            self.cut += 1
            self.cut_errors += problem.severity == "error"

    @property
    def full(self) -> bool:
        """Whether a new problem would only be counted: the work of its hint can be skipped."""
        return len(self.items) >= self.limit

    @property
    def errors(self) -> list[Problem]:
        errors = [p for p in self.items if p.severity == "error"]
        if self.cut_errors:
            errors.append(Problem("", "problems_cut", {"found": self.cut, "accepted": self.limit}))
        return errors

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self, kind: type[DtiError]) -> None:
        if self.errors:
            raise kind(self.errors)


def nearest(found: str, known: Iterable[str]) -> str:
    """The closest known id to a mistyped one, or '' when nothing is close: the hint in a message."""
    import difflib

    match = difflib.get_close_matches(found, list(known), n=1, cutoff=0.6)
    return match[0] if match else ""
