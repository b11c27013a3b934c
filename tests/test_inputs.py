"""The inputs loader: each problem with file, line and column, all at once; values parsed by their rule."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from ranking import csvio
from ranking.cli import main
from ranking.criteria import load_criteria
from ranking.errors import MAX_PROBLEMS, DataError, Problem
from ranking.inputs import Inputs, Value, Values, load_inputs
from ranking.syntax import id_problem
from tests.conftest import TINY_SELF, TINY_UNITS, CaseWriter, Sample


def load(make_case: CaseWriter, **parts: object) -> Inputs:
    criteria_path, folder = make_case(**parts)
    return load_inputs(load_criteria(criteria_path), folder)


def replace_self(unit: str, indicator: str, value: str, denominator: str = "") -> list[tuple[str, ...]]:
    return [(u, i, value, denominator, e) if (u, i) == (unit, indicator) else (u, i, v, d, e)
            for u, i, v, d, e in TINY_SELF]


def bad_value(make_case: CaseWriter, unit: str, indicator: str, value: str, denominator: str = "") -> DataError:
    with pytest.raises(DataError) as err:
        load(make_case, self_rows=replace_self(unit, indicator, value, denominator))
    return err.value


def test_values_are_parsed_by_their_rule(make_case: CaseWriter) -> None:
    inputs = load(make_case)
    assert inputs.self_assessed[("a1", "R")].number == pytest.approx(0.6)
    assert inputs.self_assessed[("a2", "R")].number == pytest.approx(0.9)
    assert inputs.self_assessed[("a2", "R")].text == "90/100"
    assert inputs.self_assessed[("a1", "C")].number == 0.5
    assert inputs.self_assessed[("a3", "Y")].number == 1
    assert inputs.self_assessed[("b1", "R")].applicable is False
    assert inputs.appraised[("a1", "K.2")].number == 5


def test_unknown_unit_with_the_nearest_id(make_case: CaseWriter) -> None:
    rows = [*TINY_SELF, ("a11", "Y", "có", "", "")]
    with pytest.raises(DataError, match=r"self_assessment\.csv, dòng 27, cột unit: đơn vị 'a11' không có trong "
                                        r"units\.csv \(gần nhất: 'a1'\)"):
        load(make_case, self_rows=rows)


def test_unknown_indicator_with_the_nearest_id(make_case: CaseWriter) -> None:
    rows = [*TINY_SELF, ("b2", "K.1", "1", "", "")]
    with pytest.raises(DataError, match=r"dòng 27, cột indicator: chỉ số 'K\.1' không có trong nhóm B"):
        load(make_case, self_rows=rows)
    rows = [*TINY_SELF, ("a3", "KK.1", "1", "", "")]
    with pytest.raises(DataError, match=r"chỉ số 'KK\.1' không có trong nhóm A \(gần nhất: 'K\.1'\)"):
        load(make_case, self_rows=rows)


def test_a_composite_takes_no_value(make_case: CaseWriter) -> None:
    rows = [*TINY_SELF, ("a3", "K", "1", "", "")]
    with pytest.raises(DataError, match=r"'K' là chỉ số tổng hợp; hãy nhập giá trị cho các chỉ số con: K\.1, K\.2"):
        load(make_case, self_rows=rows)


def test_unit_in_two_groups(make_case: CaseWriter) -> None:
    units = [*TINY_UNITS, ("a1", "Sở Một", "B", "", "")]
    with pytest.raises(DataError, match=r"units\.csv, dòng 7, cột group: đơn vị 'a1' đã thuộc nhóm A \(dòng 2\)"):
        load(make_case, units=units)


def test_unit_declared_twice(make_case: CaseWriter) -> None:
    units = [*TINY_UNITS, ("a1", "Sở Một", "A", "", "")]
    with pytest.raises(DataError, match=r"units\.csv, dòng 7, cột id: đơn vị 'a1' đã khai báo ở dòng 2"):
        load(make_case, units=units)


def test_unknown_group_and_unsafe_id(make_case: CaseWriter) -> None:
    units = [*TINY_UNITS, ("../etc", "X", "C", "", "")]
    with pytest.raises(DataError) as err:
        load(make_case, units=units)
    text = str(err.value)
    assert "mã '../etc' không hợp lệ" in text
    assert "nhóm 'C' không có trong bộ tiêu chí; chấp nhận: A, B" in text


def test_same_unit_and_indicator_twice(make_case: CaseWriter) -> None:
    rows = [*TINY_SELF, ("a1", "Y", "không", "", "")]
    with pytest.raises(DataError, match=r"dòng 27, cột indicator: đơn vị 'a1', chỉ số 'Y' đã có ở dòng 2"):
        load(make_case, self_rows=rows)


def test_a_percentage_written_as_a_plain_number(make_case: CaseWriter) -> None:
    err = bad_value(make_case, "a1", "R", "85")
    assert err.problems[0].column == "value"
    with pytest.raises(DataError, match=r"dòng 3, cột value: '85' không phải một tỷ lệ từ 0 đến 1; "
                                        r"hãy viết '85%' hoặc '0\.85'"):
        raise err


def test_decimal_comma(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"'85,5': dùng dấu chấm thập phân .* ví dụ '85\.5'"):
        raise bad_value(make_case, "a1", "M", "85,5")


def test_thousands_separator(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"'1,000': dùng dấu chấm thập phân .* ví dụ '1000'"):
        raise bad_value(make_case, "a1", "B", "1,000")


def test_yes_for_a_number(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"cột value: cần một số, gặp 'yes'"):
        raise bad_value(make_case, "a1", "T", "yes")


def test_not_yes_or_no(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"cần có/không \(yes/no, true/false, 1/0\), gặp 'đã có'"):
        raise bad_value(make_case, "a1", "Y", "đã có")


def test_a_choice_label_that_does_not_exist(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"'Giám đốc' không phải một lựa chọn; chấp nhận: Chủ tịch, Phó Chủ tịch"):
        raise bad_value(make_case, "a1", "C", "Giám đốc")


def test_negative_count(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"số lượng phải là số nguyên ≥ 0, gặp '-2'"):
        raise bad_value(make_case, "a1", "K.1", "-2")
    with pytest.raises(DataError, match=r"số lượng phải là số nguyên ≥ 0, gặp '2\.5'"):
        raise bad_value(make_case, "a1", "K.1", "2.5")


def test_council_score_above_the_points(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"điểm hội đồng '12' vượt quá 10 điểm của chỉ số"):
        raise bad_value(make_case, "a1", "K.2", "12")


def test_fraction_out_of_range_and_count_above_denominator(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"tỷ lệ '120%' nằm ngoài 0–100%"):
        raise bad_value(make_case, "a1", "R", "120%")
    with pytest.raises(DataError, match=r"tử số '12' lớn hơn mẫu số '10'"):
        raise bad_value(make_case, "a1", "R", "12", "10")


def test_denominator_for_a_rule_without_one(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"cột denominator: quy tắc tiers không dùng mẫu số, gặp '4'"):
        raise bad_value(make_case, "a1", "T", "3", "4")


def test_negative_value_for_best(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"giá trị phải ≥ 0, gặp '-5'"):
        raise bad_value(make_case, "a1", "B", "-5")


def test_empty_appraisal_value(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"appraisal\.csv, dòng 2, cột value: dòng thẩm định không có giá trị"):
        load(make_case, appraisal=[("a1", "K.2", "", "", "x")])


def test_value_for_an_indicator_that_does_not_apply_is_a_warning(make_case: CaseWriter) -> None:
    inputs = load(make_case, self_rows=[*TINY_SELF, ("a3", "B", "50", "", "")])
    assert ("a3", "B") not in inputs.self_assessed
    assert len(inputs.warnings) == 1
    assert "cảnh báo: chỉ số 'B' không áp dụng cho đơn vị 'a3'; giá trị không được chấm" in inputs.warnings[0].message()


def test_every_problem_of_every_file_at_once(make_case: CaseWriter) -> None:
    rows = replace_self("a1", "R", "85")
    rows = [*rows, ("zz", "Y", "có", "", ""), ("a2", "Y", "có", "", "")]
    with pytest.raises(DataError) as err:
        load(make_case, self_rows=rows, appraisal=[("a1", "K.2", "11", "", "")])
    assert [p.reason for p in err.value.problems] == ["not_fraction", "unknown_unit", "duplicate_row", "council_above"]


def test_decomposed_vietnamese_is_the_same_label(make_case: CaseWriter) -> None:
    decomposed = unicodedata.normalize("NFD", "Phó Chủ tịch")
    assert decomposed != "Phó Chủ tịch"
    inputs = load(make_case, self_rows=replace_self("a1", "C", decomposed))
    assert inputs.self_assessed[("a1", "C")].number == 0.5
    assert inputs.self_assessed[("a1", "C")].text == "Phó Chủ tịch"


def test_bom_is_accepted_and_other_encodings_are_not(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    path = folder / "units.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_inputs(load_criteria(criteria_path), folder).units) == 5
    path.write_bytes(path.read_bytes()[3:].replace("Sở Một".encode(), b"S\xf4 M\xf4t"))  # a legacy 8-bit encoding
    with pytest.raises(DataError, match=r"units\.csv, dòng 2: tệp không phải UTF-8 \(byte 0x.. ở vị trí \d+\)"):
        load_inputs(load_criteria(criteria_path), folder)


def test_semicolon_separated_file_is_named(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    (folder / "units.csv").write_text("id;name;group;tags;predecessors\na1;Sở Một;A;;\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"units\.csv, dòng 1: các cột được phân cách bằng ';' \(Excel ghi như vậy khi "
                                        r"máy đặt vùng Việt Nam\); dti cần dấu phẩy: hãy lưu lại dạng CSV UTF-8 "
                                        r"phân cách bằng dấu phẩy$") as err:
        load_inputs(load_criteria(criteria_path), folder)
    assert [p.reason for p in err.value.problems] == ["csv_delimiter"]


def test_row_with_too_many_fields(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    with (folder / "self_assessment.csv").open("a", encoding="utf-8") as f:
        f.write("a3,C,Chủ tịch,,QĐ 1, ngày 2\n")
    with pytest.raises(DataError, match=r"dòng 27: dòng có 6 trường; cần 5"):
        load_inputs(load_criteria(criteria_path), folder)


def test_missing_required_file(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case()
    (folder / "self_assessment.csv").unlink()
    with pytest.raises(DataError, match=r"self_assessment\.csv: không tìm thấy tệp"):
        load_inputs(load_criteria(criteria_path), folder)


def test_applies_to_naming_nothing_known(make_case: CaseWriter) -> None:
    units = [(u, n, g, "" if t == "kinh-te-so" else t, p) for u, n, g, t, p in TINY_UNITS]
    with pytest.raises(DataError, match=r"criteria\.yaml, A/B: applies_to của B nêu 'kinh-te-so', không phải mã"):
        load(make_case, units=units, self_rows=[r for r in TINY_SELF if r[1] != "B"])


def test_english_messages(make_case: CaseWriter) -> None:
    err = bad_value(make_case, "a1", "R", "85")
    assert "line 3, column value: '85' is not a fraction from 0 to 1; write '85%' or '0.85'" in err.render("en")


def test_bundled_sample_loads_cleanly(sample: Sample) -> None:
    inputs = sample.inputs()
    assert inputs.sample and not inputs.warnings
    assert len(inputs.units) == {"2024": 52, "2025": 143}[sample.year]


def test_empty_required_field(make_case: CaseWriter) -> None:
    units = [*TINY_UNITS, ("a4", "", "A", "", "")]
    with pytest.raises(DataError, match=r"units\.csv, dòng 7, cột name: trường name đang trống"):
        load(make_case, units=units)


def test_broken_quoting_is_a_csv_syntax_error(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    with (folder / "self_assessment.csv").open("a", encoding="utf-8") as f:
        f.write('a3,C,"Chủ tịch"x,,\n')
    with pytest.raises(DataError, match=r"self_assessment\.csv, dòng 27: lỗi cú pháp CSV: .*"):
        load_inputs(load_criteria(criteria_path), folder)


# --- hostile and broken inputs (issues 8 and 13); the corpus runs the same through `dti` -------------------
def test_crlf_and_bom_load(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    for name in ("units.csv", "self_assessment.csv"):
        path = folder / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    inputs = load_inputs(load_criteria(criteria_path), folder)
    assert len(inputs.units) == 5 and inputs.self_assessed[("a1", "Y")].comment == "QĐ 1"


def test_negative_zero_reads_as_zero(make_case: CaseWriter) -> None:
    inputs = load(make_case, self_rows=replace_self("a1", "K.1", "-0"))
    number = inputs.self_assessed[("a1", "K.1")].number
    assert number == 0 and str(number) == "0.0"


def test_html_and_formula_text_pass_through_unchanged(make_case: CaseWriter) -> None:
    """Free text is data: kept as written here; the writers escape (templates) or neutralise (CSV, xlsx) it."""
    units = [(u, "<b onmouseover=alert(1)>Sở Một</b>" if u == "a1" else n, g, t, p) for u, n, g, t, p in TINY_UNITS]
    evidence = "=HYPERLINK(\"http://x\",\"QĐ\")"
    rows = [(u, i, v, d, evidence if (u, i) == ("a1", "Y") else e) for u, i, v, d, e in TINY_SELF]
    inputs = load(make_case, units=units, self_rows=rows, appraisal=[("a1", "K.2", "5", "", "@SUM(1+1)<script>")])
    assert inputs.unit("a1").name == "<b onmouseover=alert(1)>Sở Một</b>"
    assert inputs.self_assessed[("a1", "Y")].comment == evidence
    assert inputs.appraised[("a1", "K.2")].comment == "@SUM(1+1)<script>"


@pytest.mark.parametrize("value", ["9" * 400, "1000000000001", "0.123456789012345678", "-1000000000001"])
def test_numbers_beyond_the_range(make_case: CaseWriter, value: str) -> None:
    with pytest.raises(DataError, match=r"dòng 7, cột value: số .* nằm ngoài phạm vi nhận: giá trị tuyệt đối tối đa "
                                        r"10\^12, tối đa 17 chữ số có nghĩa$") as err:
        raise bad_value(make_case, "a1", "M", value)
    assert len(err.value.render("en")) < 400  # a 400-digit value is shown cut


def test_the_largest_accepted_numbers(make_case: CaseWriter) -> None:
    inputs = load(make_case, self_rows=replace_self("a1", "M", "-1000000000000"))
    assert inputs.self_assessed[("a1", "M")].number == -1e12
    inputs = load(make_case, self_rows=replace_self("a1", "M", "0.30000000000000004"))
    assert inputs.self_assessed[("a1", "M")].number == 0.1 + 0.2


@pytest.mark.parametrize(("value", "accepted"),
                         [("1 000", "1000"), ("1\u00a0000,5", "1000.5"), ("1.000.000", "1000000")])
def test_thousands_separators(make_case: CaseWriter, value: str, accepted: str) -> None:
    with pytest.raises(DataError, match=rf"dùng dấu chấm thập phân .* ví dụ '{re.escape(accepted)}'"):
        raise bad_value(make_case, "a1", "B", value)


def test_non_ascii_digits_are_not_numbers(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"cần một số, gặp '１２'"):
        raise bad_value(make_case, "a1", "M", "１２")


@pytest.mark.parametrize(("name", "code"), [("\x1b[31mSở\x1b[0m", "U\\+001B"), ("Sở\u009b2J", "U\\+009B"),
                                            ("Sở \u202eBốn", "U\\+202E")])
def test_control_characters_in_a_name(make_case: CaseWriter, name: str, code: str) -> None:
    units = [*TINY_UNITS, ("a4", name, "A", "", "")]
    with pytest.raises(DataError, match=rf"units\.csv, dòng 7, cột name: có ký tự điều khiển hoặc ký tự đảo chiều văn "
                                        rf"bản {code} \(ở vị trí \d\); hãy xóa ký tự này$") as err:
        load(make_case, units=units)
    assert "\x1b" not in err.value.render() and "\u202e" not in err.value.render("en")


def test_line_breaks_in_evidence_are_text(make_case: CaseWriter) -> None:
    rows = [(u, i, v, d, "QĐ 1\r\nQĐ 2\tngày 3" if (u, i) == ("a1", "Y") else e) for u, i, v, d, e in TINY_SELF]
    assert load(make_case, self_rows=rows).self_assessed[("a1", "Y")].comment == "QĐ 1\r\nQĐ 2\tngày 3"


def test_a_message_never_shows_a_raw_control_character() -> None:
    problem = Problem("in\x1b]0;x\x07.csv", "not_number", {"found": "\x1b[2J"}, line=2, column="value")
    assert problem.message("en") == "in\\x1b]0;x\\x07.csv, line 2, column value: expected a number, found '\\x1b[2J'"


@pytest.mark.parametrize(("unit_id", "reason"), [
    ("con", "id_reserved"), ("nul", "id_reserved"), ("aux", "id_reserved"), ("com1", "id_reserved"),
    ("lpt1", "id_reserved"), ("con.txt", "id_reserved"), ("a" * 81, "id_too_long"), ("a.", "bad_id"),
    ("../x", "bad_id"), ("а1", "bad_id"), ("A1", "bad_id"),
])
def test_unit_ids(unit_id: str, reason: str) -> None:
    assert id_problem(unit_id, lower=True) == reason
    assert all(id_problem(x, lower=True) is None for x in ("a" * 80, "console", "com10"))


def test_a_reserved_unit_id(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"units\.csv, dòng 7, cột id: mã 'com1' là tên thiết bị dành riêng của "
                                        r"Windows .*; tệp mang tên này không mở được trên Windows$"):
        load(make_case, units=[*TINY_UNITS, ("com1", "Sở Bốn", "A", "", "")])


def test_the_same_name_twice_in_a_group(make_case: CaseWriter) -> None:
    decomposed = unicodedata.normalize("NFD", "sở  MỘT")
    with pytest.raises(DataError, match=r"units\.csv, dòng 7, cột name: tên 'SỞ  MỘT' đã dùng cho đơn vị 'a1' "
                                        r"\(dòng 2\) trong cùng nhóm$"):
        load(make_case, units=[*TINY_UNITS, ("a4", "SỞ  MỘT", "A", "", "")])
    with pytest.raises(DataError, match="đã dùng cho đơn vị 'a1'"):
        load(make_case, units=[*TINY_UNITS, ("a4", decomposed, "A", "", "")])
    assert len(load(make_case, units=[*TINY_UNITS, ("b3", "Sở Một", "B", "", "")]).units) == 6  # another group


def test_no_units(make_case: CaseWriter) -> None:
    with pytest.raises(DataError, match=r"units\.csv: units\.csv không có đơn vị nào$"):
        load(make_case, units=[])


def test_files_that_are_not_plain_text(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    units = folder / "units.csv"
    text = units.read_text(encoding="utf-8")
    units.write_bytes(text.encode("utf-16"))
    with pytest.raises(DataError, match=r"units\.csv, dòng 1: tệp mã hóa UTF-16 \(Excel gọi là 'Unicode Text'\); "
                                        r"hãy lưu lại dạng CSV UTF-8$"):
        load_inputs(criteria, folder)
    units.write_text(text.replace("Sở Ba", "Sở\x00Ba"), encoding="utf-8")
    with pytest.raises(DataError, match=r"units\.csv, dòng 4: tệp chứa byte NUL \(0x00\), không phải tệp văn bản CSV$"):
        load_inputs(criteria, folder)
    units.write_text(text.replace(",", "\t"), encoding="utf-8")
    with pytest.raises(DataError, match=r"units\.csv, dòng 1: các cột được phân cách bằng tab"):
        load_inputs(criteria, folder)


def test_links_and_folders_are_refused(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    (folder / "units.csv").rename(tmp_path / "elsewhere.csv")
    (folder / "units.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(DataError, match=r"units\.csv: là một liên kết tượng trưng \(symlink\); dti chỉ đọc tệp thật "
                                        r"nằm trong thư mục đầu vào và không theo liên kết$"):
        load_inputs(criteria, folder)
    (folder / "units.csv").unlink()
    (folder / "units.csv").mkdir()
    with pytest.raises(DataError, match=r"units\.csv: không phải một tệp thông thường \(thư mục, thiết bị hay ống "
                                        r"dẫn\)$"):
        load_inputs(criteria, folder)


def test_sample_mark_is_checked(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    marker = folder / "SAMPLE"
    marker.symlink_to("/etc/hostname")
    with pytest.raises(DataError, match=r"SAMPLE: là một liên kết tượng trưng"):
        load_inputs(criteria, folder)
    marker.unlink()
    marker.write_bytes(b"D\xfe li\xe1u m\xe1u\n")
    with pytest.raises(DataError, match=r"SAMPLE, dòng 1: tệp không phải UTF-8"):
        load_inputs(criteria, folder)
    marker.write_text("Mẫu\n\x1b[5mSAMPLE\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"SAMPLE, dòng 2: có ký tự điều khiển .* U\+001B \(ở vị trí 1\)"):
        load_inputs(criteria, folder)
    marker.write_text("mẫu " * 5000, encoding="utf-8")
    with pytest.raises(DataError, match=r"SAMPLE: tệp lớn 0\.0 MB, vượt giới hạn 0\.0 MB$"):
        load_inputs(criteria, folder)
    marker.write_text("Dữ liệu mẫu.\n", encoding="utf-8")
    assert load_inputs(criteria, folder).sample == "Dữ liệu mẫu."


def test_size_and_line_limits(make_case: CaseWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    monkeypatch.setattr(csvio, "MAX_CSV_LINES", 20)
    with pytest.raises(DataError, match=r"self_assessment\.csv: tệp có 26 dòng, vượt giới hạn 20 dòng; không đọc "
                                        r"tiếp$"):
        load_inputs(criteria, folder)
    monkeypatch.setattr(csvio, "MAX_CSV_BYTES", 100)
    with pytest.raises(DataError, match=r"units\.csv: tệp lớn 0\.0 MB, vượt giới hạn 0\.0 MB$"):
        load_inputs(criteria, folder)


def test_problems_past_the_limit_are_counted(make_case: CaseWriter) -> None:
    rows = [*TINY_SELF, *((f"z{i}", "Y", "có", "", "") for i in range(300))]
    with pytest.raises(DataError) as err:
        load(make_case, self_rows=rows)
    problems = err.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message() == (f"… và ít nhất {300 - MAX_PROBLEMS} lỗi khác (chỉ liệt kê {MAX_PROBLEMS} lỗi "
                                      "đầu tiên)")
    assert problems[-1].message("en") == f"… and at least 100 more problems (only the first {MAX_PROBLEMS} are listed)"


def test_partial_inputs_name_what_is_not_there(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case(appraisal=None)
    (folder / "self_assessment.csv").unlink()
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder, partial=True)
    assert inputs.absent == ("self_assessment.csv", "appraisal.csv") and not inputs.self_assessed
    with pytest.raises(DataError, match=r"self_assessment\.csv: không tìm thấy tệp"):
        load_inputs(criteria, folder)


def test_validate_at_every_step_of_the_year(make_case: CaseWriter, capsys: pytest.CaptureFixture[str]) -> None:
    """Criteria alone; with units.csv; with an inputs folder that has no values yet; then with everything."""
    criteria_path, folder = make_case(appraisal=None)
    criteria, units = str(criteria_path), str(folder / "units.csv")
    assert main(["validate", "--criteria", criteria]) == 0
    assert capsys.readouterr().out == f"Không có lỗi: {criteria}\n"
    assert main(["validate", "--criteria", criteria, "--units", units, "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"No problems: {criteria}, {units}\n"
    (folder / "self_assessment.csv").rename(folder / "later.csv")
    assert main(["validate", "--criteria", criteria, "--inputs", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()  # before them: the council's pending scores, as warnings
    assert out[-2:] == ["Chưa có (chưa kiểm tra): self_assessment.csv, appraisal.csv", "0 lỗi, 3 cảnh báo"]
    assert main(["validate", "--criteria", criteria, "--inputs", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["absent"] == ["self_assessment.csv", "appraisal.csv"]
    (folder / "later.csv").rename(folder / "self_assessment.csv")
    assert main(["validate", "--criteria", criteria, "--inputs", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["Chưa có (chưa kiểm tra): appraisal.csv", "0 lỗi, 3 cảnh báo"]
    (folder / "units.csv").write_text("id,name,group,tags,predecessors\ncon,Sở,A,,\n", encoding="utf-8")
    assert main(["validate", "--criteria", criteria, "--units", units]) == 2
    assert "units.csv, dòng 2, cột id: mã 'con' là tên thiết bị dành riêng của Windows" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["validate", "--criteria", criteria, "--units", units, "--inputs", str(folder)])
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_values_read_like_a_dict(make_case: CaseWriter) -> None:
    """Values keeps a file's values as columns; read, it is a mapping like the dict it replaces."""
    values = load(make_case).self_assessed
    as_dict = dict(values.items())
    assert values == as_dict and as_dict == values and values != {**as_dict, ("a1", "Y"): as_dict["a2", "Y"]}
    assert list(values) == [(u, i) for u, i, *_ in TINY_SELF] and len(values) == len(TINY_SELF)
    assert values[("a1", "Y")] == Value("có", 1.0, "QĐ 1", 2)
    assert values.get(("a2", "R")) == Value("90/100", 0.9, "", 11)
    assert values.get(("b1", "R")) == Value("5/0", 0.0, "", 24, applicable=False)
    assert values.get(("a1", "Z")) is None and ("a1", "Y") in values and ("a1", "Z") not in values
    with pytest.raises(KeyError):
        values[("a9", "Y")]
    assert Values.of(as_dict) == values and Values.of(values) is values and not Values()


def test_a_value_parsed_once_is_still_reported_on_every_line(make_case: CaseWriter) -> None:
    """Each distinct value of an indicator is parsed once: a bad one repeated is a problem on each of its
    lines, and a good one repeated is the same number everywhere."""
    rows = [(u, i, "ba" if (u, i) in {("a1", "T"), ("a2", "T")} else v, d, e) for u, i, v, d, e in TINY_SELF]
    with pytest.raises(DataError) as err:
        load(make_case, self_rows=rows)
    assert [(p.reason, p.line, p.column, p.params) for p in err.value.problems] == [
        ("not_number", 4, "value", {"found": "ba"}), ("not_number", 12, "value", {"found": "ba"})]
    rows = [(u, i, "có" if i == "Y" else v, d, e) for u, i, v, d, e in TINY_SELF]
    values = load(make_case, self_rows=rows).self_assessed
    assert [(values[u, "Y"].number, values[u, "Y"].line) for u in ("a1", "a2", "a3")] == [(1.0, 2), (1.0, 10),
                                                                                          (1.0, 18)]
