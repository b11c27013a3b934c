"""The inputs loader: each problem with file, line and column, all at once; values parsed by their rule."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ranking.criteria import load_criteria
from ranking.errors import DataError
from ranking.inputs import Inputs, load_inputs
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
    assert "mã đơn vị '../etc' không hợp lệ" in text
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
