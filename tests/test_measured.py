"""Measured indicators (README, "The criteria file" and "Inputs"): values exported from the city's systems
into measured.csv, never self-assessed; the council may correct them with a note; a missing measurement is
`unmeasured`. Through the real `dti` command, and through forms saved by LibreOffice."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ranking import contracts
from ranking.collect import collect
from ranking.criteria import load_criteria
from ranking.errors import DataError
from ranking.forms import write_council_forms, write_unit_forms
from ranking.inputs import Inputs, load_inputs, load_measured
from ranking.ranking import rank
from ranking.report import breakdown_html, pdf_bytes
from ranking.scoring import IndicatorScore, Scores, score
from ranking.views import present
from tests.conftest import ROOT, TINY_APPRAISAL, TINY_CRITERIA, TINY_SELF, write_case, write_csv
from tests.formkit import SOFFICE, fill, libreoffice_roundtrip

SYSTEM = "Hệ thống một cửa điện tử"
# R of group A is measured by the city's one-stop system; its self-assessed rows go.
CRITERIA = TINY_CRITERIA.replace('{id: R, title: "Tỷ lệ hồ sơ", points: 20, rule: {ratio: {target: 0.8}}}',
                                 '{id: R, title: "Tỷ lệ hồ sơ", points: 20, rule: {ratio: {target: 0.8}}, '
                                 f'source: measured, system: "{SYSTEM}"}}')
SELF = [r for r in TINY_SELF if not (r[1] == "R" and r[0].startswith("a"))]
# a1 60% (the same as it self-assessed in the tiny case), a2 90 of 100; a3 not measured.
MEASURED = [("a1", "R", "60%", "", SYSTEM, "2025-11-28"), ("a2", "R", "90", "100", SYSTEM, "2025-11-28")]


def case(root: Path, measured: list[tuple[str, ...]] | None = MEASURED, self_rows: list[tuple[str, ...]] = SELF,
         appraisal: list[tuple[str, ...]] = TINY_APPRAISAL) -> tuple[Path, Path]:
    assert CRITERIA != TINY_CRITERIA
    criteria, folder = write_case(root, criteria=CRITERIA, self_rows=self_rows, appraisal=appraisal)
    if measured is not None:
        write_csv(folder / "measured.csv", contracts.MEASURED.names, measured)
    return criteria, folder


def loaded(root: Path, **parts: list[tuple[str, ...]]) -> Inputs:
    criteria_path, folder = case(root, **parts)
    return load_inputs(load_criteria(criteria_path), folder)


def scored(root: Path, **parts: list[tuple[str, ...]]) -> Scores:
    inputs = loaded(root, **parts)
    return score(load_criteria(root / "criteria.yaml"), inputs)


def line(s: Scores, unit: str, indicator: str) -> IndicatorScore:
    return next(i for i in s.indicators if (i.unit, i.indicator) == (unit, indicator))


def dti(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ranking", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_measurement_scores_and_a_missing_one_is_unmeasured(tmp_path: Path) -> None:
    s = scored(tmp_path)
    # by hand: a1 and a2 as in the tiny case (R 15 and 20: 76 and 75 of 100); a3's R was 0.4 → 10, now
    # unmeasured → 0: 29 − 10 = 19 of 90
    got = {u.unit: (round(u.points, 9), u.max_points) for u in s.units if u.group == "A"}
    assert got == {"a1": (76, 100), "a2": (75, 100), "a3": (19, 90)}
    a1, a2, a3 = (line(s, u, "R") for u in ("a1", "a2", "a3"))
    assert (a1.status, a1.self_value, a1.value, round(a1.points, 9), a1.source, a1.system, a1.measured_at) == (
        "ok", "", "60%", 15, "measured", SYSTEM, "2025-11-28")
    assert (a2.value, a2.points, a2.source) == ("90/100", 20, "measured")
    assert (a3.status, a3.value, a3.points, a3.max_points, a3.source) == ("unmeasured", "", 0, 20, "")
    # the self-assessed score takes the measurement as it is (only the council can change it); 78 = 76 − the
    # council's 5 + the proposed 7 of K.2
    assert (round(a1.self_points, 9), round(next(u for u in s.units if u.unit == "a1").self_points, 9)) == (15, 78)
    assert {i.source for i in s.indicators if i.indicator != "R" and i.status == "ok"} == {"self", "appraised"}


def test_the_council_corrects_a_measurement_with_a_note(tmp_path: Path) -> None:
    s = scored(tmp_path, appraisal=[*TINY_APPRAISAL, ("a1", "R", "50%", "", "Hội đồng: hệ thống đếm trùng hồ sơ")])
    a1 = line(s, "a1", "R")
    # 20 × min(0.5 / 0.8, 1) = 12.5; a1 = 76 − 15 + 12.5
    assert (a1.value, a1.appraised_value, a1.measured_value, round(a1.points, 9), round(a1.self_points, 9),
            a1.source, a1.note) == (
        "50%", "50%", "60%", 12.5, 15, "appraised", "Hội đồng: hệ thống đếm trùng hồ sơ")
    assert next(u for u in s.units if u.unit == "a1").points == pytest.approx(73.5, abs=1e-9)
    with pytest.raises(DataError, match=r"appraisal\.csv, dòng 5, cột note: Hội đồng hiệu chỉnh số liệu đo tự động "
                                        r"của 'R': cần ghi chú lý do"):
        loaded(tmp_path / "no-note", appraisal=[*TINY_APPRAISAL, ("a1", "R", "50%", "", "")])


def test_a_self_assessed_measured_value_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        loaded(tmp_path, self_rows=TINY_SELF)
    messages = [p.message("en") for p in err.value.problems]
    assert [p.reason for p in err.value.problems] == ["measured_self_value"] * 3
    assert messages[0] == (
        f"{tmp_path / 'inputs' / 'self_assessment.csv'}, line 3, column value: indicator 'R' is measured by {SYSTEM}; "
        "unit 'a1' cannot self-assess it: leave the value empty; the value comes from measured.csv and only the "
        "appraisal council may correct it (with a note)")
    # an empty value with its evidence is no self-assessment: accepted
    inputs = loaded(tmp_path / "empty", self_rows=[*SELF, ("a1", "R", "", "", "QĐ 2")])
    assert inputs.measured[("a1", "R")].text == "60%"


def test_validate_and_rank_through_the_real_command(tmp_path: Path) -> None:
    criteria, folder = case(tmp_path)
    result = dti("validate", "--criteria", criteria, "--inputs", folder, "--json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)["problems"]
    missing = [p for p in problems if p["reason"] == "measured_missing"]
    assert [(p["severity"], p["file"]) for p in missing] == [("warning", str(folder / "measured.csv"))]
    assert missing[0]["message"].endswith(f"unit 'a3' (Sở Ba), indicator 'R': no measurement yet (measured by "
                                          f"{SYSTEM}) — it scores 0 until measured.csv holds one")
    out = tmp_path / "out"
    result = dti("rank", "--criteria", criteria, "--inputs", folder, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "chỉ số 'R': chưa có số liệu đo (đo tự động từ Hệ thống một cửa điện tử)" in result.stderr
    with (out / "indicator_scores.csv").open(encoding="utf-8") as f:
        rows = {(r["unit"], r["indicator"]): r for r in csv.DictReader(f)}
    assert [(rows[u, "R"]["status"], rows[u, "R"]["source"], rows[u, "R"]["value"]) for u in ("a1", "a2", "a3")] == [
        ("ok", "measured", "60%"), ("ok", "measured", "90/100"), ("unmeasured", "", "")]
    assert (rows["a1", "Y"]["source"], rows["a1", "K.2"]["source"], rows["a1", "C"]["source"]) == (
        "self", "appraised", "self")
    sheet = load_workbook(out / "results.xlsx")["Điểm từng chỉ số"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "Nguồn của giá trị"
    assert "đo tự động" in [r[-1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert any(name.endswith("measured.csv") for name in run["inputs"])


def test_the_command_refuses_a_self_assessed_measurement(tmp_path: Path) -> None:
    criteria, folder = case(tmp_path, self_rows=TINY_SELF)
    for command in ("validate", "rank"):
        extra = ("--out", tmp_path / "out") if command == "rank" else ()
        result = dti(command, "--criteria", criteria, "--inputs", folder, *extra)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert ("self_assessment.csv, dòng 3, cột value: chỉ số 'R' được đo tự động từ Hệ thống một cửa điện tử, "
                "đơn vị 'a1' không tự đánh giá") in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("row", "message"), [
    (("a1", "Y", "có", "", SYSTEM, "2025-11-28"), r"dòng 2, cột indicator: chỉ số 'Y' không phải chỉ số đo tự động"),
    (("a1", "R", "60%", "", SYSTEM, "28/11/2025"), r"dòng 2, cột measured_at: ngày đo phải viết dạng YYYY-MM-DD"),
    (("a1", "R", "", "", SYSTEM, "2025-11-28"), r"dòng 2, cột value: trường value đang trống"),
    (("a1", "R", "120%", "", SYSTEM, "2025-11-28"), r"dòng 2, cột value: tỷ lệ '120%' nằm ngoài 0–100%"),
])
def test_bad_measurements(tmp_path: Path, row: tuple[str, ...], message: str) -> None:
    with pytest.raises(DataError, match=r"measured\.csv, " + message):
        loaded(tmp_path, measured=[row])


def test_without_measured_csv_every_measured_indicator_is_unmeasured(tmp_path: Path) -> None:
    inputs = loaded(tmp_path, measured=None)
    assert [w.params["unit"] for w in inputs.warnings if w.reason == "measured_missing"] == ["a1", "a2", "a3"]


def test_forms_show_the_measurement_locked_and_collect_refuses_a_typed_value(tmp_path: Path) -> None:
    criteria_path, folder = case(tmp_path)
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder)
    assert load_measured(criteria, inputs.units, folder / "measured.csv") == inputs.measured
    result = subprocess.run([sys.executable, "-m", "ranking", "forms", "--criteria", str(criteria_path), "--units",
                             str(folder / "units.csv"), "--out", str(tmp_path / "forms")], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    paths = {p.stem: p for p in (tmp_path / "forms").iterdir()}
    ws = load_workbook(paths["a1"])["Tự đánh giá"]
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 1).value == "R")
    assert (ws.cell(row, 6).value, ws.cell(row, 8).value) == (
        "60%", "đo tự động từ Hệ thống một cửa điện tử, ngày 28/11/2025")
    assert all(ws.cell(row, c).protection.locked for c in (6, 7, 8))
    ws3 = load_workbook(paths["a3"])["Tự đánh giá"]
    row3 = next(r for r in range(7, ws3.max_row + 1) if ws3.cell(r, 1).value == "R")
    assert (ws3.cell(row3, 6).value, ws3.cell(row3, 8).value) == (
        None, "đo tự động từ Hệ thống một cửa điện tử; chưa có số liệu đo")
    units = inputs.units
    # as issued, the measured rows are no self-assessment: collect writes none
    clean = collect(criteria, units, [paths["a1"]])
    assert clean.errors == () and [r[1] for r in clean.rows] == []
    # a value typed over the measurement (the sheet unprotected) is refused, with its cell
    fill(paths["a1"], {("a1", "R"): ("80%", "", ""), ("a1", "Y"): ("có", "", "")})
    typed = collect(criteria, units, [paths["a1"]])
    assert [(p.reason, p.cell) for p in typed.errors] == [("measured_self_value", f"F{row}")]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: make office")
def test_forms_saved_by_libreoffice_keep_the_measurement(tmp_path: Path) -> None:
    criteria_path, folder = case(tmp_path)
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder)
    units = [u for u in inputs.units if u.id in ("a1", "a2")]
    forms = write_unit_forms(criteria, units, tmp_path / "forms", measured=inputs.measured)
    for path in forms:
        fill(path, {(path.stem, "Y"): ("có", "", "QĐ 9")})
    forms[1] = _override(forms[1], "R", "95")
    saved = [libreoffice_roundtrip(p, tmp_path / "saved") for p in forms]
    result = collect(criteria, units, saved)
    assert [(p.file.rsplit("/", 1)[-1], p.reason) for p in result.errors] == [("a2.xlsx", "measured_self_value")]
    assert ("a1", "Y", "có", "", "QĐ 9") in collect(criteria, units, saved[:1]).rows
    council = write_council_forms(criteria, inputs, tmp_path / "council")
    fill(council[0], {("a1", "R"): ("0.5", "", "Hội đồng: hệ thống đếm trùng")}, "appraisal")
    council_saved = libreoffice_roundtrip(council[0], tmp_path / "council-saved")
    appraised = collect(criteria, inputs.units, [council_saved], "appraisal")
    assert ("a1", "R", "50%", "", "Hội đồng: hệ thống đếm trùng") in appraised.rows


def _override(path: Path, indicator: str, value: str) -> Path:
    wb = load_workbook(path)
    ws = wb["Tự đánh giá"]
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 1).value == indicator)
    ws.cell(row, 6).value = value
    wb.save(path)
    return path


def test_council_workbook_shows_the_measurement_and_the_task(tmp_path: Path) -> None:
    criteria_path, folder = case(tmp_path)
    criteria = load_criteria(criteria_path)
    (path, _) = write_council_forms(criteria, load_inputs(criteria, folder), tmp_path / "council")
    ws = load_workbook(path)["Thẩm định"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 3).value): r for r in range(7, ws.max_row + 1)}
    r = rows["a1", "R"]
    assert [ws.cell(r, c).value for c in (7, 8, 12)] == [
        "60%", "đo tự động từ Hệ thống một cửa điện tử, ngày 28/11/2025",
        "Số liệu đo tự động; chỉ nhập khi Hội đồng hiệu chỉnh, kèm ghi chú"]
    assert not ws.cell(r, 9).protection.locked
    fill(path, {("a1", "R"): ("50%", "", "")}, "appraisal")
    result = collect(criteria, load_inputs(criteria, folder).units, [path], "appraisal")
    assert [(p.reason, p.cell) for p in result.errors] == [("measured_correction_note", f"K{r}")]


def test_the_breakdown_says_where_the_measurement_comes_from(tmp_path: Path) -> None:
    s = scored(tmp_path, appraisal=[*TINY_APPRAISAL, ("a2", "R", "80", "100", "Hội đồng: hiệu chỉnh")])
    shown = present(rank(s), {}, "vi")
    texts = {}
    for row in shown.group("A").rows:
        pdf = tmp_path / f"{row.unit}.pdf"
        pdf.write_bytes(pdf_bytes(breakdown_html(shown, row.unit)))
        texts[row.unit] = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "đo tự động từ Hệ thống một cửa điện tử, ngày 28/11/2025: 60 %" in texts["a1"]  # the Vietnamese way
    assert "đo tự động từ Hệ thống một cửa điện tử, ngày 28/11/2025: 90/100" in texts["a2"]
    assert "Ý kiến Hội đồng: hiệu chỉnh" in texts["a2"]  # no "Hội đồng: Hội đồng:" stutter
    assert "đo tự động từ Hệ thống một cửa điện tử; chưa có số liệu đo" in texts["a3"]
    assert "Chưa có số liệu đo" in texts["a3"]


def test_the_2025_sample_measures_the_systems_indicators() -> None:
    criteria = load_criteria(ROOT / "criteria" / "hanoi-2025.yaml")
    measured = {g.id: {i.id: i.system for i in g.indicators if i.source == "measured"} for g in criteria.groups}
    assert set(measured["departments"]) == {"CQS.1", "CQS.2", "CQS.3", "CQS.6", "CQS.7", "XHS.1", "XHS.2"}
    assert set(measured["communes"]) == {"CQS.1", "CQS.2", "CQS.3", "CQS.4", "CQS.5", "CQS.6", "XHS.1", "XHS.3",
                                         "XHS.4"}
    systems = {s for group in measured.values() for s in group.values()}
    assert any("iHanoi" in s for s in systems) and any("Đề án 06" in s for s in systems)
    inputs = load_inputs(criteria, ROOT / "inputs" / "2025")
    applicable = sum(1 for g in criteria.groups for u in inputs.units if u.group == g.id
                     for i in g.indicators if i.source == "measured" and i.applies(u.id, u.tags))
    assert len(inputs.measured) == applicable  # every measured indicator measured: a final year
    assert not any(key in inputs.measured for key, v in inputs.self_assessed.items() if v.text)
    assert sum(1 for key in inputs.appraised if key in inputs.measured) > 10  # council corrections
