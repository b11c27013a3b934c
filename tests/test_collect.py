"""dti collect: filled workbooks back to CSV, the round trip through the sample year, and one test per
problem a returned workbook can have (each message checked)."""

from __future__ import annotations

import csv
import math
import re
import shutil
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ranking import forms
from ranking.cli import main
from ranking.collect import (
    collect,
    form_paths,
    fraction_text,
    number_text,
    value_text,
)
from ranking.criteria import Criteria, Indicator, Ratio, YesNo, load_criteria
from ranking.csvio import write_csv_atomic
from ranking.errors import DataError, FormError
from ranking.forms import Kind, unit_form, write_council_forms, write_unit_forms
from ranking.inputs import Unit, ValueProblem, load_inputs, load_measured, load_units
from ranking.ranking import rank
from ranking.scoring import Scores, score
from ranking.syntax import NUMBER
from tests.conftest import ROOT, TINY_SELF, TINY_UNITS, CaseWriter, write_csv
from tests.formkit import SOFFICE, entries, fill, libreoffice_roundtrip

YEAR = "2025"


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[1:]


# --- values ------------------------------------------------------------------------------------------
def test_number_and_fraction_texts() -> None:
    assert number_text(12.0) == "12"
    assert number_text(3) == "3"
    assert number_text(0.1 + 0.2) == "0.30000000000000004"
    assert number_text(1e-7) == "0.0000001"
    assert fraction_text(0.85) == "85%"
    assert fraction_text(0.013) == "1.3%"
    assert fraction_text(1.0) == "100%"
    assert fraction_text(0.0) == "0%"
    assert fraction_text(1e-7) == "0.00001%"


@given(st.floats(min_value=0, max_value=1))
def test_a_fraction_reads_back_within_one_rounding(x: float) -> None:
    """What the cell holds comes back as the percent the cell shows: the same number up to float rounding."""
    text = fraction_text(x)
    assert text.endswith("%") and NUMBER.match(text[:-1])
    assert math.isclose(float(text[:-1]) / 100, x, rel_tol=1e-15, abs_tol=1e-300)


@pytest.mark.parametrize(("rule", "value", "denominator", "expected"), [
    (YesNo(), True, None, ("có", "")),
    (YesNo(), "Yes", None, ("có", "")),
    (YesNo(), "KHÔNG", None, ("không", "")),
    (Ratio(), 0.85, None, ("85%", "")),
    (Ratio(), 17, 28, ("17", "28")),
    (Ratio(), "85%", None, ("85%", "")),
    (Ratio(), None, None, ("", "")),
])
def test_value_text_gives_the_formats_load_inputs_reads(rule: YesNo | Ratio, value: object, denominator: object,
                                                       expected: tuple[str, str]) -> None:
    indicator = Indicator("X", "x", 10, rule, "P")
    assert value_text(indicator, value, denominator) == expected


def test_value_text_rejects_text_in_a_number_cell() -> None:
    with pytest.raises(ValueProblem, match="not_number"):
        value_text(Indicator("X", "x", 10, Ratio(), "P"), "mười", None)


# --- the round trip ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_criteria() -> Criteria:
    return load_criteria(ROOT / "criteria" / f"hanoi-{YEAR}.yaml")


@pytest.fixture(scope="module")
def sample_units(sample_criteria: Criteria) -> tuple[Unit, ...]:
    return load_units(sample_criteria, ROOT / "inputs" / YEAR / "units.csv")


def assert_same_scores(a: Scores, b: Scores) -> None:
    """Equal up to float rounding (a spreadsheet stores 45.8% as 0.458, the CSV reads 45.8 / 100), and the
    same ranks: the engine's tie tolerance is 1e-9, far above a last-digit difference."""
    assert [(u.unit, u.max_points) for u in a.units] == [(u.unit, u.max_points) for u in b.units]
    for x, y in zip(a.units, b.units, strict=True):
        assert (y.points, y.index, y.self_points, y.self_index) == pytest.approx(
            (x.points, x.index, x.self_points, x.self_index), rel=1e-12, abs=1e-12), x.unit
    assert [(i.unit, i.indicator, i.status, i.evidence, i.note) for i in a.indicators] == \
        [(i.unit, i.indicator, i.status, i.evidence, i.note) for i in b.indicators]
    for i, j in zip(a.indicators, b.indicators, strict=True):
        assert (j.points, j.self_points) == pytest.approx((i.points, i.self_points), rel=1e-12, abs=1e-12)
    assert [(u.score.unit, u.rank) for u in rank(a).units] == [(u.score.unit, u.rank) for u in rank(b).units]


def test_round_trip_of_every_sample_unit_gives_the_same_scores(
        tmp_path: Path, sample_criteria: Criteria, sample_units: tuple[Unit, ...]) -> None:
    """Forms for all units, typed in from self_assessment.csv, collected; then the council's workbooks,
    typed in from appraisal.csv, collected: the scores equal those of the original CSVs."""
    source = ROOT / "inputs" / YEAR
    measured = load_measured(sample_criteria, sample_units, source / "measured.csv")  # shown, locked
    forms = write_unit_forms(sample_criteria, sample_units, tmp_path / "forms", measured=measured)
    assert len(forms) == len(sample_units) == 143
    typed = entries(read_rows(source / "self_assessment.csv"))
    for path in forms:
        fill(path, typed)
    collected = collect(sample_criteria, sample_units, forms)
    assert collected.problems == ()
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in ("units.csv", "measured.csv", "tasks.csv"):
        shutil.copy(source / name, folder / name)
    write_csv_atomic(folder / "self_assessment.csv", collected.header, collected.rows)

    inputs = load_inputs(sample_criteria, folder)
    council = write_council_forms(sample_criteria, inputs, tmp_path / "council")
    appraised = entries(read_rows(source / "appraisal.csv"))
    for path in council:
        fill(path, appraised, "appraisal")
    collected_appraisal = collect(sample_criteria, sample_units, council, "appraisal")
    assert collected_appraisal.problems == ()
    write_csv_atomic(folder / "appraisal.csv", collected_appraisal.header, collected_appraisal.rows)

    assert_same_scores(score(sample_criteria, load_inputs(sample_criteria, source)),
                       score(sample_criteria, load_inputs(sample_criteria, folder)))
    # the CSVs keep their formats: yes/no as có/không, fractions as 85% where exact, labels as written
    values = {(r[0], r[1]): r[2] for r in read_rows(folder / "self_assessment.csv")}
    assert values[("an-khanh", "HTS.2")] == "có"
    assert values[("an-khanh", "NTS.5")] == "không"  # typed "no"
    assert values[("an-khanh", "HTS.1")] == "76.5%"
    assert values[("an-khanh", "NTS.2")] == "Chủ tịch"
    assert values[("an-khanh", "NLS.3")] == "15"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install -y --no-install-recommends libreoffice-calc-nogui")
def test_a_form_saved_by_libreoffice_still_collects(tmp_path: Path, sample_criteria: Criteria,
                                                    sample_units: tuple[Unit, ...]) -> None:
    unit = next(u for u in sample_units if u.group == "departments" and "kinh-te-so" in u.tags)
    path = tmp_path / f"{unit.id}.xlsx"
    unit_form(sample_criteria, unit, path)
    rows = [r for r in read_rows(ROOT / "inputs" / YEAR / "self_assessment.csv") if r[0] == unit.id]
    fill(path, entries(rows))
    saved = libreoffice_roundtrip(path, tmp_path / "lo")
    wb = load_workbook(saved)
    assert wb["_dti"].sheet_state == "hidden"
    assert {p.name: p.value for p in wb.custom_doc_props}["dti.owner"] == unit.id
    direct = collect(sample_criteria, sample_units, [path])
    through = collect(sample_criteria, sample_units, [saved])
    assert through.errors == ()
    assert len(through.rows) == len(direct.rows) == len(rows)
    for a, b in zip(direct.rows, through.rows, strict=True):
        assert (a[:2], a[3:]) == (b[:2], b[3:])
        if a[2] != b[2]:  # LibreOffice keeps 15 significant digits: 0.8440000000000001 is saved as 0.844
            assert float(a[2].rstrip("%")) == pytest.approx(float(b[2].rstrip("%")), rel=1e-13)


# --- the tiny case: problems -------------------------------------------------------------------------
@pytest.fixture
def tiny_forms(make_case: CaseWriter, tmp_path: Path) -> tuple[Criteria, tuple[Unit, ...], dict[str, Path]]:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    units = load_units(criteria, folder / "units.csv")
    paths = write_unit_forms(criteria, units, tmp_path / "forms")
    typed = entries(TINY_SELF)
    for path in paths:
        fill(path, typed)
    return criteria, units, {p.stem: p for p in paths}


def rejected(criteria: Criteria, units: Sequence[Unit], paths: Sequence[Path], match: str,
             kind: Kind = "self", **limits: int) -> list[str]:
    """Collect, expecting FormError whose (Vietnamese) text matches; the problems in English."""
    with pytest.raises(FormError, match=match) as info:
        collect(criteria, units, paths, kind, **limits).raise_if_errors()
    return [p.message("en") for p in info.value.problems]


def test_tiny_forms_collect_to_the_tiny_csv(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    result = collect(criteria, units, list(paths.values()))
    assert result.errors == ()
    got = {(r[0], r[1]): r[2:] for r in result.rows}
    assert got[("a1", "R")] == ("60%", "", "")
    assert got[("a1", "Y")] == ("có", "", "QĐ 1")
    assert got[("a2", "R")] == ("90", "100", "")
    assert got[("a3", "Y")] == ("có", "", "")  # 'yes' typed, có written
    assert got[("a3", "R")] == ("40%", "", "")  # 0.4 typed, shown and written as 40%
    assert got[("b1", "R")] == ("5", "0", "")
    assert len(result.rows) == len(TINY_SELF)


Forms = tuple[Criteria, tuple[Unit, ...], dict[str, Path]]
SHEET = "sheet 'Tự đánh giá'"


def test_another_edition(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    other = tmp_path / "other.yaml"
    other.write_text(Path(criteria.source).read_text(encoding="utf-8").replace("edition: 2025", "edition: 2024"),
                     encoding="utf-8")
    assert rejected(load_criteria(other), units, [paths["a1"]],
                    match="a1.xlsx: phiếu lập theo bộ chỉ số tiny 2025, không phải tiny 2024") == [
        f"{paths['a1']}: the form was made for the criteria tiny 2025, not tiny 2024"]


def test_a_changed_criteria_file_is_a_warning(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    changed = tmp_path / "changed.yaml"
    changed.write_text(Path(criteria.source).read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    result = collect(load_criteria(changed), units, [paths["a1"]])
    assert result.errors == ()
    assert result.problems[0].reason == "form_criteria_changed"
    assert "warning: the criteria file changed after the form was made" in result.problems[0].message("en")


def test_another_units_form(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    renamed = tmp_path / "a2.xlsx"
    shutil.copy(paths["a1"], renamed)
    assert rejected(criteria, units, [renamed], match="tệp mang tên đơn vị 'a2' nhưng là phiếu của đơn vị 'a1'") == [
        f"{renamed}: the file is named after unit 'a2' but holds the form of unit 'a1'"]


def test_a_form_of_a_unit_not_in_units_csv(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    assert rejected(criteria, [u for u in units if u.id != "a1"], [paths["a1"]],
                    match="đơn vị 'a1' không có trong units.csv") == [
        f"{paths['a1']}: unit 'a1' is not in units.csv"]


def test_the_same_unit_twice(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    copy = tmp_path / "a1 (1).xlsx"
    shutil.copy(paths["a1"], copy)
    messages = rejected(criteria, units, [paths["a1"], copy, paths["a2"]],
                        match=r"phiếu của 'a1' có cả trong .*a1 \(1\)\.xlsx; mỗi đơn vị \(khối\) chỉ nộp một phiếu")
    assert messages == [f"{paths['a1']}: the form of 'a1' is also in {copy}; one form per unit (group)",
                        f"{copy}: the form of 'a1' is also in {paths['a1']}; one form per unit (group)"]
    result = collect(criteria, units, [paths["a1"], copy, paths["a2"]])
    assert set(result.rejected) == {str(paths["a1"]), str(copy)}
    assert {r[0] for r in result.rows} == {"a2"}


def edit(path: Path, change: Callable[[Worksheet], object]) -> None:
    """Change a form as a person would after lifting the sheet protection."""
    wb = load_workbook(path)
    change(wb["Tự đánh giá"])
    wb.save(path)


def test_a_row_added(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    edit(paths["b2"], lambda ws: ws.append(["R2", "Tỷ lệ khác", 5, "", "", 1]))
    assert rejected(criteria, units, [paths["b2"]], match="ô A10: dòng thêm vào \\('R2'\\)") == [
        f"{paths['b2']}, {SHEET}, cell A10: an added row ('R2'); do not add rows to the form"]


def test_a_row_removed(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    edit(paths["b2"], lambda ws: ws.delete_rows(9))
    assert rejected(criteria, units, [paths["b2"]], match=r"ô A9: thiếu dòng 'R' \(cần ở ô A9\); không xóa dòng") == [
        f"{paths['b2']}, {SHEET}, cell A9: the row 'R' is missing (expected at A9); do not delete rows"]


def test_a_row_moved(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms

    def swap(ws: Worksheet) -> None:
        rows = [[c.value for c in ws[r]] for r in (8, 9)]
        for r, values in zip((9, 8), rows, strict=True):
            for col, value in enumerate(values, start=1):
                ws.cell(r, col).value = value

    edit(paths["b2"], swap)
    messages = rejected(criteria, units, [paths["b2"]], match=r"bị chuyển chỗ \(cần ở ô A\d\); không đổi thứ tự dòng")
    assert messages in (
        [f"{paths['b2']}, {SHEET}, cell A9: the row 'Y' was moved (expected at A8); do not reorder rows"],
        [f"{paths['b2']}, {SHEET}, cell A8: the row 'R' was moved (expected at A9); do not reorder rows"],
    )


def test_a_formula_without_a_cached_value(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["b2"], {}, raw={"F9": "=1/2"})
    assert rejected(criteria, units, [paths["b2"]], match="ô F9: ô chứa công thức '=1/2' nhưng không có giá trị") == [
        f"{paths['b2']}, {SHEET}, cell F9: the cell holds the formula '=1/2' without a computed value; type the "
        "value, or open and save the file in Excel"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_formula_computed_by_a_spreadsheet_is_read(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["b2"], {}, raw={"F9": "=1/2"})
    saved = libreoffice_roundtrip(paths["b2"], tmp_path / "lo")
    result = collect(criteria, units, [saved])
    assert result.errors == ()
    assert ("b2", "R", "50%", "", "") in result.rows


def test_text_in_a_number_cell(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["a1"], {}, raw={"F10": "ba lần", "G9": "40,5"})
    assert rejected(criteria, units, [paths["a1"]], match="ô G9: '40,5': dùng dấu chấm thập phân") == [
        f"{paths['a1']}, {SHEET}, cell G9: '40,5': use '.' as the decimal mark and no thousands separators, "
        "e.g. '40.5'",
        f"{paths['a1']}, {SHEET}, cell F10: expected a number, found 'ba lần'",
    ]


@pytest.mark.parametrize(("ref", "value", "match", "english"), [
    ("F17", 12, "ô F17: điểm hội đồng '12' vượt quá 10 điểm", "the council's '12' points exceed the indicator's 10"),
    ("F16", -1, "ô F16: số lượng phải là số nguyên ≥ 0, gặp '-1'", "a count must be a whole number ≥ 0, found '-1'"),
    ("F9", 1.5, "ô F9: '1.5' không phải một tỷ lệ từ 0 đến 1", "'1.5' is not a fraction from 0 to 1; write '1.5%' "
     "or '0.015'"),
    ("F8", "có lẽ", "ô F8: cần có/không", "expected có/không (yes/no, true/false, 1/0), found 'có lẽ'"),
    ("F12", "Trưởng phòng", "ô F12: 'Trưởng phòng' không phải một lựa chọn",
     "'Trưởng phòng' is not one of the choices; accepted: Chủ tịch, Phó Chủ tịch"),
])
def test_a_value_outside_its_range(tiny_forms: Forms, ref: str, value: object, match: str, english: str) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["a1"], {}, raw={ref: value})
    assert rejected(criteria, units, [paths["a1"]], match=re.escape(match)) == [
        f"{paths['a1']}, {SHEET}, cell {ref}: {english}"]


def test_a_denominator_without_a_value(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["b2"], {}, raw={"F9": None, "G9": 40})
    assert rejected(criteria, units, [paths["b2"]], match="ô G9: có mẫu số nhưng ô giá trị F9 đang trống") == [
        f"{paths['b2']}, {SHEET}, cell G9: a denominator is given but the value cell F9 is empty"]


def test_an_xls_file(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, _ = tiny_forms
    xls = tmp_path / "a1.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert rejected(criteria, units, [xls], match=r"a1\.xls: tệp Excel 97–2003 \(\.xls\)") == [
        f"{xls}: an Excel 97–2003 file (.xls) or a password-protected workbook; open it, remove the password and "
        "save it as an Excel Workbook (.xlsx)"]


def test_a_file_that_is_not_a_workbook(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, _ = tiny_forms
    path = tmp_path / "a1.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert rejected(criteria, units, [path], match=r"không phải sổ làm việc Excel \(\.xlsx\)$") == [
        f"{path}: not an Excel workbook (.xlsx)"]


@pytest.mark.parametrize("content", [b"unit,indicator,value\n", "\ufeffunit;indicator;giá trị\r\n".encode()])
def test_a_csv_renamed_xlsx(tiny_forms: Forms, tmp_path: Path, content: bytes) -> None:
    criteria, units, _ = tiny_forms
    path = tmp_path / "a1.xlsx"
    path.write_bytes(content)
    assert rejected(criteria, units, [path], match=r"tệp văn bản \(CSV\?\) mang đuôi \.xlsx, không phải sổ làm việc "
                    r"Excel; hãy nộp phiếu \.xlsx đã phát hành$") == [
        f"{path}: a text (CSV?) file named .xlsx, not an Excel workbook; send the form as issued"]


def test_a_damaged_workbook(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    damaged = tmp_path / "a1.xlsx"
    data = bytearray(paths["a1"].read_bytes())
    data[2000:2100] = bytes(100)
    damaged.write_bytes(bytes(data))
    truncated = tmp_path / "a2.xlsx"
    truncated.write_bytes(paths["a2"].read_bytes()[:-300])
    messages = rejected(criteria, units, [damaged, truncated], match=r"a1\.xlsx: không phải sổ làm việc Excel")
    assert [m.split(" (", 1)[0] for m in messages] == [f"{damaged}: not an Excel workbook", f"{truncated}: not an "
                                                       "Excel workbook"]


def test_a_zip_that_is_not_a_workbook_and_an_ods(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, _ = tiny_forms
    docx = tmp_path / "a1.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    ods = tmp_path / "a2.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert rejected(criteria, units, [docx, ods], match=r"a2\.ods: tệp OpenDocument \(\.ods\)") == [
        f"{docx}: not an Excel workbook (.xlsx) (xl/workbook.xml)",
        f"{ods}: an OpenDocument spreadsheet (.ods); save it as an Excel Workbook (.xlsx)",
    ]


def test_a_workbook_without_the_forms_details(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, _ = tiny_forms
    plain = tmp_path / "a1.xlsx"
    Workbook().save(plain)
    assert rejected(criteria, units, [plain], match="không phải phiếu do dti tạo") == [
        f"{plain}: not a form made by dti (the hidden sheet '_dti' or the form's details are missing); use the form "
        "as issued"]


def test_a_workbook_larger_than_the_limit(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    big = tmp_path / "a1.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/media/image1.png", bytes(21_000_000))
    assert rejected(criteria, units, [big], match="tệp lớn 21.0 MB, vượt giới hạn 20.0 MB") == [
        f"{big}: the file is 21.0 MB, over the 20.0 MB limit"]
    # the limit is a parameter: the same check on a real form with a small limit
    assert rejected(criteria, units, [paths["a2"]], match="vượt giới hạn 0.0 MB", max_bytes=1000) == [
        f"{paths['a2']}: the file is 0.0 MB, over the 0.0 MB limit"]


def test_a_zip_bomb_is_not_unpacked(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, _ = tiny_forms
    bomb = tmp_path / "a1.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", bytes(150_000_000))
    assert bomb.stat().st_size < 1_000_000
    assert rejected(criteria, units, [bomb], match="nội dung giải nén lớn 150.0 MB, vượt giới hạn 100.0 MB") == [
        f"{bomb}: unpacked, the contents are 150.0 MB, over the 100.0 MB limit (a damaged or malicious file)"]


def test_every_problem_of_every_form_at_once(tiny_forms: Forms,
                                             tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["a1"], {}, raw={"F10": "ba"})
    fill(paths["a2"], {}, raw={"F17": 99})
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook", encoding="utf-8")
    result = collect(criteria, units, [*paths.values(), junk])
    assert sorted((p.file, p.cell) for p in result.errors) == sorted(
        [(str(paths["a1"]), "F10"), (str(paths["a2"]), "F17"), (str(junk), None)])
    assert len(result.forms) == 3


def test_missing_forms_are_warnings(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    result = collect(criteria, units, [paths["a1"]])
    assert result.errors == ()
    assert [p.message("en") for p in result.problems][:1] == ["a2: warning: no form for 'a2' (Sở Hai)"]


def test_a_blank_form_is_a_warning(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    units = load_units(criteria, folder / "units.csv")
    (blank,) = write_unit_forms(criteria, [u for u in units if u.id == "b2"], tmp_path / "forms")
    result = collect(criteria, [u for u in units if u.id == "b2"], [blank])
    assert result.errors == () and result.rows == ()
    (warning,) = result.problems
    assert re.fullmatch(r".*b2\.xlsx, trang 'Tự đánh giá': cảnh báo: phiếu của 'b2' không có giá trị nào; "
                        r"mọi chỉ số của đơn vị sẽ bị tính là thiếu", warning.message())


# --- appraisal ---------------------------------------------------------------------------------------
def test_appraisal_collects_only_entered_values(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case(appraisal=None)
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder)
    council = write_council_forms(criteria, inputs, tmp_path / "council")
    assert [p.name for p in council] == ["appraisal-A.xlsx", "appraisal-B.xlsx"]
    fill(council[0], entries([("a1", "K.2", "5", "", "Hội đồng: minh chứng chưa đầy đủ"),
                              ("a2", "R", "80", "100", "")]), "appraisal")
    result = collect(criteria, inputs.units, council, "appraisal")
    assert result.errors == ()
    assert result.rows == (("a1", "K.2", "5", "", "Hội đồng: minh chứng chưa đầy đủ"), ("a2", "R", "80", "100", ""))


def test_appraisal_problems(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case(appraisal=None)
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder)
    council = write_council_forms(criteria, inputs, tmp_path / "council")
    wb = load_workbook(council[0])
    ws = wb["Thẩm định"]
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 3).value == "Y")
    ws.cell(row, 11).value = "Giữ nguyên"
    wb.save(council[0])
    result = collect(criteria, inputs.units, council, "appraisal")
    assert [p.message("en").split(": ", 1)[1] for p in result.errors] == [
        f"the council's note is filled but the appraised value I{row} is empty; to confirm the self-assessed "
        "value, enter it again"]
    # a unit's form is not a council workbook, and the other way round
    form = tmp_path / "a1.xlsx"
    unit_form(criteria, inputs.units[0], form)
    assert rejected(criteria, inputs.units, [council[1]], match="hãy dùng dti collect --appraisal") == [
        f"{council[1]}: this is an appraisal council workbook; use dti collect --appraisal"]
    assert rejected(criteria, inputs.units, [form], "phiếu tự đánh giá của đơn vị; hãy bỏ --appraisal", "appraisal") \
        == [f"{form}: this is a unit's self-assessment form; leave out --appraisal"]


# --- the command line --------------------------------------------------------------------------------
def test_cli_collect_writes_nothing_unless_every_form_is_clean(
        tiny_forms: Forms, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    criteria, _, paths = tiny_forms
    units_csv = write_csv(tmp_path / "units.csv", ("id", "name", "group", "tags", "predecessors"), TINY_UNITS)
    fill(paths["a3"], {}, raw={"F10": "hai"})
    out = tmp_path / "self_assessment.csv"
    args = ["collect", "--criteria", criteria.source, "--units", str(units_csv), str(tmp_path / "forms"),
            "--out", str(out), "--lang", "en"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{paths['a3']}, sheet 'Tự đánh giá', cell F10: expected a number, found 'hai'" in err
    assert not out.exists()
    assert main([*args, "--partial"]) == 2
    captured = capsys.readouterr()
    assert "1 form rejected, not written: " in captured.err  # English plurals
    assert {r[0] for r in read_rows(out)} == {"a1", "a2", "b1", "b2"}
    fill(paths["a3"], {}, raw={"F10": 2})
    assert main(args) == 0
    assert f"Wrote 25 rows from 5 forms to {out}" in capsys.readouterr().out
    criteria_loaded = load_criteria(criteria.source)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(units_csv, folder / "units.csv")
    shutil.copy(out, folder / "self_assessment.csv")
    assert len(load_inputs(criteria_loaded, folder).self_assessed) == len(TINY_SELF)


def test_collected_csv_is_neutralised(tiny_forms: Forms,
                                      tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["b2"], {}, raw={"H8": "=HYPERLINK(\"http://x\")", "H9": "-5 văn bản"})
    wb = load_workbook(paths["b2"])
    wb["Tự đánh giá"]["H8"].data_type = "s"  # typed as text, as Excel does after an apostrophe
    wb.save(paths["b2"])
    result = collect(criteria, units, [paths["b2"]])
    out = tmp_path / "s.csv"
    write_csv_atomic(out, result.header, result.rows)
    text = out.read_text(encoding="utf-8")
    assert "b2,Y,có,,\"'=HYPERLINK(\"\"http://x\"\")\"" in text
    assert "b2,R,50%,,'-5 văn bản" in text


def test_units_file_problems_are_reported(tmp_path: Path, make_case: CaseWriter) -> None:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    with pytest.raises(DataError, match=r"units\.csv: không tìm thấy tệp"):
        load_units(criteria, tmp_path / "nowhere" / "units.csv")
    (folder / "units.csv").write_text("id,name,group,tags,predecessors\nA B,Sở,A,,\n", encoding="utf-8")
    with pytest.raises(DataError, match="mã 'A B' không hợp lệ"):
        load_units(criteria, folder / "units.csv")


def test_a_folder_without_workbooks(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, _ = tiny_forms
    empty = tmp_path / "empty"
    empty.mkdir()
    assert rejected(criteria, units, form_paths([empty]), match=r"^\.: không có phiếu nào để đọc$") == [
        ".: no forms to read"]


# --- a bug is a bug; hostile workbooks -----------------------------------------------------------------
def test_a_defect_in_dti_is_not_the_workbooks_fault(tiny_forms: Forms, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a bad file makes the readers raise becomes a message; a TypeError or AttributeError from
    dti's own code propagates (the command line reports it as a defect)."""
    criteria, units, paths = tiny_forms
    import ranking.collect as collect_module

    def broken(*args: object, **kwargs: object) -> object:
        raise TypeError("a defect")

    monkeypatch.setattr(collect_module, "load_workbook", broken)
    with pytest.raises(TypeError, match="a defect"):
        collect(criteria, units, [paths["a1"]])
    monkeypatch.undo()

    def wrong(*args: object, **kwargs: object) -> object:
        raise AttributeError("another defect")

    monkeypatch.setattr(collect_module, "cell_text", wrong)
    with pytest.raises(AttributeError, match="another defect"):
        collect(criteria, units, [paths["a1"]])


def test_a_type_error_from_the_files_xml_is_the_files(tiny_forms: Forms, tmp_path: Path) -> None:
    """openpyxl's typed attributes raise TypeError on a bad value in the XML: that one is the file's."""
    criteria, units, paths = tiny_forms
    bad = tmp_path / "a1.xlsx"
    with zipfile.ZipFile(paths["a1"]) as z, zipfile.ZipFile(bad, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            out.writestr(info.filename, data.replace(b'activeTab="0"', b'activeTab="x"') if "workbook" in
                         info.filename else data)
    assert rejected(criteria, units, [bad], match=r"không phải sổ làm việc Excel \(\.xlsx\) \(TypeError: ") == [
        f"{bad}: not an Excel workbook (.xlsx) (TypeError: expected <class 'int'>)"]


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_hostile_workbooks(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    macro = tmp_path / "a1.xlsm"
    shutil.copy(paths["a1"], macro)
    assert rejected(criteria, units, [macro], match=r"sổ làm việc chứa macro \(\.xlsm, vbaProject\.bin\); dti không "
                    r"nhận tệp có macro: hãy lưu lại dưới dạng Sổ làm việc Excel \(\.xlsx\)$") == [
        f"{macro}: a macro-enabled workbook (.xlsm, vbaProject.bin); dti does not accept macros: save it as an Excel "
        "Workbook (.xlsx)"]
    xxe = tmp_path / "a2.xlsx"
    with zipfile.ZipFile(paths["a2"]) as z, zipfile.ZipFile(xxe, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "docProps/custom.xml":
                data = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + data.replace(
                    b"</Properties>", b"<p>&x;</p></Properties>")
            out.writestr(info.filename, data)
    assert rejected(criteria, units, [xxe], match=r"sổ làm việc chứa khai báo DTD/thực thể XML, điều Excel không bao "
                    r"giờ ghi; từ chối vì không an toàn$") == [
        f"{xxe}: the workbook holds XML DTD or entity declarations, which Excel never writes; refused as unsafe"]
    parts = tmp_path / "a3.xlsx"
    shutil.copy(paths["a3"], parts)
    with zipfile.ZipFile(parts, "a") as z:
        for i in range(1001):
            z.writestr(f"xl/media/{i}.bin", b"")
    assert rejected(criteria, units, [parts], match=r"sổ làm việc có 1013 phần, vượt giới hạn 1000") == [
        f"{parts}: the workbook has 1013 parts, over the 1000 limit (a damaged or malicious file)"]
    link = tmp_path / "b1.xlsx"
    link.symlink_to(paths["b1"])
    assert rejected(criteria, units, [link], match=r"b1\.xlsx: là một liên kết tượng trưng") == [
        f"{link}: is a symbolic link; dti reads only real files inside the inputs folder and never follows a link"]


def test_odd_cells(tiny_forms: Forms) -> None:
    criteria, units, paths = tiny_forms
    fill(paths["a1"], {}, raw={"H8": "QĐ\u202e 1", "F1048576": "x"})
    assert rejected(criteria, units, [paths["a1"]], match=r"dữ liệu đến dòng 1048576, vượt giới hạn 10006 dòng") == [
        f"{paths['a1']}, sheet 'Tự đánh giá': the sheet has data down to row 1048576, over the 10006-row limit for a "
        "form"]
    fill(paths["a2"], {}, raw={"H8": "QĐ\u202e 1", "F9": "9" * 400})
    assert rejected(criteria, units, [paths["a2"]], match=r"ô H8: có ký tự điều khiển .* U\+202E \(ở vị trí 3\)") == [
        f"{paths['a2']}, sheet 'Tự đánh giá', cell H8: a control or bidirectional character U+202E (at position 3); "
        "delete it",
        f"{paths['a2']}, sheet 'Tự đánh giá', cell F9: the number {'9' * 60}…{'9' * 10} is outside the accepted "
        "range: at most 10^12 in absolute value, at most 17 significant digits"]


# --- the form's two copies of its identity (issue 21, item 6) ----------------------------------------
@pytest.fixture
def issued(make_case: CaseWriter, tmp_path: Path) -> tuple[list[str], Path]:
    """Forms made by `dti forms`, filled in; the arguments of `dti collect --lang en` on their folder."""
    criteria, folder = make_case()
    forms = tmp_path / "issued"
    assert main(["forms", "--criteria", str(criteria), "--units", str(folder / "units.csv"), "--out", str(forms)]) == 0
    for path in forms.glob("*.xlsx"):
        fill(path, entries(TINY_SELF))
    return ["collect", "--criteria", str(criteria), "--units", str(folder / "units.csv"), str(forms),
            "--out", str(tmp_path / "self_assessment.csv"), "--lang", "en"], forms


def test_a_hidden_sheet_that_names_another_unit_is_listed_with_both_values(
        issued: tuple[list[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """a1's properties say a1, its hidden sheet was edited to say a2: neither is trusted, both are named."""
    args, forms = issued
    wb = load_workbook(forms / "a1.xlsx")
    row = next(r for r in range(1, 20) if wb["_dti"].cell(r, 1).value == "owner")
    wb["_dti"].cell(row, 2).value = "a2"
    wb["_dti"]["B3"].value = "other-criteria"
    wb.save(forms / "a1.xlsx")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert (f"{forms / 'a1.xlsx'}, sheet '_dti', cell B{row}: the form's two copies of its details disagree: owner "
            "is 'a2' in the hidden sheet but 'a1' in the document properties; use the form as issued to the unit"
            ) in err
    assert (f"{forms / 'a1.xlsx'}, sheet '_dti', cell B3: the form's two copies of its details disagree: "
            "criteria_id is 'other-criteria' in the hidden sheet but 'tiny' in the document properties") in err
    assert "is also in" not in err  # a2's own form is not called a duplicate of an untrusted one
    assert not Path(args[args.index("--out") + 1]).exists()
    criteria = load_criteria(args[2])
    with pytest.raises(FormError, match="hai bản thông tin của phiếu không khớp: owner là 'a2' ở trang ẩn nhưng "
                                        "'a1' trong thuộc tính tài liệu"):
        collect(criteria, load_units(criteria, Path(args[4])), [forms / "a1.xlsx"]).raise_if_errors()


def test_a_form_whose_hidden_sheet_was_deleted_is_listed_and_the_others_collect(
        issued: tuple[list[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    args, forms = issued
    wb = load_workbook(forms / "b1.xlsx")
    del wb["_dti"]
    wb.save(forms / "b1.xlsx")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert (f"{forms / 'b1.xlsx'}: the form's hidden sheet '_dti' is missing (its document properties say it is "
            "the form of 'b1'); use the form as issued") in err
    assert "defect" not in err and "Traceback" not in err
    assert main([*args, "--partial"]) == 2
    assert {r[0] for r in read_rows(Path(args[args.index("--out") + 1]))} == {"a1", "a2", "a3", "b2"}
    criteria = load_criteria(args[2])
    with pytest.raises(FormError, match=r"thiếu trang ẩn '_dti' của phiếu \(thuộc tính tài liệu ghi đây là phiếu của "
                                        r"'b1'\); hãy dùng phiếu đã phát hành"):
        collect(criteria, load_units(criteria, Path(args[4])), [forms / "b1.xlsx"]).raise_if_errors()


# --- a group in several council workbooks -------------------------------------------------------------
def test_council_parts_are_collected_together(make_case: CaseWriter, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Group A split in two (16 rows a workbook): the values of both parts are collected; a part not
    returned is named in a warning, a part returned twice is refused, and a part that the current units do
    not give (the workbooks made before units were added or removed) is refused with what they give."""
    monkeypatch.setattr(forms, "MAX_FORM_ROWS", 16)
    criteria_path, folder = make_case(appraisal=None)
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder)
    first, second, group_b = write_council_forms(criteria, inputs, tmp_path / "council")
    fill(first, entries([("a2", "R", "80", "100", "")]), "appraisal")
    fill(second, entries([("a3", "K.2", "5", "", "Hội đồng chấm")]), "appraisal")
    result = collect(criteria, inputs.units, [first, second, group_b], "appraisal")
    assert result.errors == ()
    assert result.rows == (("a2", "R", "80", "100", ""), ("a3", "K.2", "5", "", "Hội đồng chấm"))
    result = collect(criteria, inputs.units, [first, group_b], "appraisal")
    assert result.errors == () and result.rows == (("a2", "R", "80", "100", ""),)
    assert [p.message() for p in result.problems if p.reason == "form_missing"] == [
        "A: cảnh báo: không có phiếu của 'A 2/2' (Sở, ban, ngành)"]
    copy = tmp_path / "copy.xlsx"
    shutil.copy(second, copy)
    result = collect(criteria, inputs.units, [first, second, copy], "appraisal")
    assert [(p.file, p.reason) for p in result.errors] == [(str(second), "form_duplicate"),
                                                           (str(copy), "form_duplicate")]
    assert result.rows == (("a2", "R", "80", "100", ""),)
    monkeypatch.setattr(forms, "MAX_FORM_ROWS", 10_000)
    assert rejected(criteria, inputs.units, [second], r"appraisal-A-2\.xlsx: phiếu là phần 2/2 của khối, nhưng "
                    r"với danh sách đơn vị hiện tại số phần của khối là 1; hãy lập lại phiếu Hội đồng",
                    "appraisal") == [
        f"{second}: the workbook is part 2/2 of its group, but with the current units the number of parts is 1; "
        "make the council workbooks again (dti forms --appraisal)"]


# --- composites' title rows ---------------------------------------------------------------------------
K_TITLE = 15  # a1's form: the composite K's own row, just before K.1 and K.2


def test_a_composite_title_row_is_never_read(tiny_forms: Forms) -> None:
    """Its cells are never values: something typed into them (the sheet's protection lifted) is neither
    collected nor a problem, and the form gives the values it gives without it."""
    criteria, units, paths = tiny_forms
    before = collect(criteria, units, [paths["a1"]])
    ws = load_workbook(paths["a1"])["Tự đánh giá"]
    assert (ws[f"A{K_TITLE}"].value, ws[f"B{K_TITLE}"].value) == ("K", "Tổng hợp")
    fill(paths["a1"], {}, raw={f"F{K_TITLE}": 99, f"H{K_TITLE}": "QĐ 9"})
    after = collect(criteria, units, [paths["a1"]])
    assert after.errors == () and before.errors == () and after.problems == before.problems
    assert after.rows == before.rows
    assert {(r[0], r[1]) for r in after.rows} == {(r[0], r[1]) for r in TINY_SELF if r[0] == "a1"}


def test_a_form_without_composite_title_rows_still_collects(tiny_forms: Forms) -> None:
    """A form made before composites had their own row (sent out by an earlier dti) is no problem."""
    criteria, units, paths = tiny_forms
    before = collect(criteria, units, [paths["a1"]])
    edit(paths["a1"], lambda ws: ws.delete_rows(K_TITLE))
    after = collect(criteria, units, [paths["a1"]])
    assert after.errors == () and after.problems == before.problems
    assert after.rows == before.rows


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install -y --no-install-recommends libreoffice-calc-nogui")
def test_composite_title_rows_after_libreoffice(tiny_forms: Forms, tmp_path: Path) -> None:
    criteria, units, paths = tiny_forms
    direct = collect(criteria, units, [paths["a1"]])
    saved = libreoffice_roundtrip(paths["a1"], tmp_path / "lo")
    assert load_workbook(saved)["Tự đánh giá"][f"A{K_TITLE}"].value == "K"
    through = collect(criteria, units, [saved])
    assert through.errors == () and through.problems == direct.problems
    assert through.rows == direct.rows
