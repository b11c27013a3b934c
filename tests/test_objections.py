"""Objections to the draft (README, "Objections to the draft"): the register and its checks, the objection
forms from a draft and their collection (through LibreOffice too), the final run that refuses undecided
objections and warns where the books do not balance, and what is published (the register in the run's folder,
the workbook's sheet, `dti diff` naming the objection behind each change)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ranking.collect import collect
from ranking.contracts import OBJECTIONS
from ranking.criteria import load_criteria
from ranking.errors import CriteriaError, DataError, Problems
from ranking.forms import DATE_CELL, DRAFT_KEY, OBJECTION
from ranking.i18n import Words
from ranking.inputs import load_inputs, load_objections, load_units
from ranking.objections import Tally, outcomes, read_draft, tallies
from ranking.ranking import rank
from ranking.scoring import score
from ranking.views import objection_row
from tests.conftest import ROOT, TINY_CRITERIA, CaseWriter, write_csv
from tests.formkit import SOFFICE, libreoffice_roundtrip

TODAY = dt.date(2025, 12, 20)
UNTIL = TINY_CRITERIA.replace("decimals: 4\n", 'decimals: 4\nobjections_until: "2025-12-10"\n')


def dti(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ranking", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def register(folder: Path, rows: list[tuple[str, ...]]) -> Path:
    return write_csv(folder / "objections.csv", OBJECTIONS.names, rows)


def problems_of(make_case: CaseWriter, rows: list[tuple[str, ...]], criteria: str = UNTIL) -> Problems:
    criteria_path, folder = make_case(criteria=criteria)
    c = load_criteria(criteria_path)
    found = Problems()
    load_objections(c, load_units(c, folder / "units.csv"), register(folder, rows), found, TODAY)
    return found


def messages(found: Problems, lang: str = "en") -> list[str]:
    return [p.message(lang) for p in found.items]  # type: ignore[arg-type]


GOOD = ("KN-1", "a1", "R", "2025-12-05", "The council missed our report", "80%", "Report 5", "accepted",
        "Checked: the report is valid", "2025-12-08")


def test_a_decided_register_loads_with_its_late_objection_marked(make_case: CaseWriter) -> None:
    late = ("KN-2", "a2", "T", "2025-12-12", "Five meetings, not seven", "", "", "", "", "")
    pending = ("KN-3", "b2", "R", "2025-12-01", "Wrong denominator", "", "", "", "", "")
    criteria_path, folder = make_case(criteria=UNTIL)
    register(folder, [GOOD, late, pending])
    inputs = load_inputs(load_criteria(criteria_path), folder, today=TODAY)
    assert [(o.id, o.decision, o.late, o.line) for o in inputs.objections] == [
        ("KN-1", "accepted", False, 2), ("KN-2", "", True, 3), ("KN-3", "", False, 4)]
    assert [(p.reason, p.line) for p in inputs.warnings if p.reason.startswith("objection")] == [("objection_late", 3)]
    assert str(folder / "objections.csv") in inputs.files


def test_every_problem_of_a_register_is_listed_with_its_line_and_column(make_case: CaseWriter) -> None:
    rows = [
        GOOD,
        ("KN-1", "a9", "R", "2025-12-05", "x", "", "", "", "", ""),  # id used twice, unknown unit
        ("KN-3", "a1", "K", "2025-12-05", "x", "", "", "", "", ""),  # a composite
        ("KN-4", "a3", "B", "2025-12-05", "x", "", "", "", "", ""),  # does not apply to a3
        ("KN-5", "a1", "R", "2025-12-06", "again", "", "", "", "", ""),  # a1 R contested on line 2
        ("KN-6", "a2", "Y", "05/12/2025", "x", "maybe", "", "granted", "", ""),  # date, asked value, decision
        ("KN-7", "a2", "T", "2026-01-05", "x", "", "", "rejected", "", ""),  # future; no answer, no date
        ("KN-8", "a2", "C", "2025-12-05", "x", "", "", "", "We looked", "2025-12-06"),  # answer, no decision
        ("KN-9", "a2", "M", "2025-12-05", "", "", "", "partly", "ok", "2025-12-01"),  # no claim; decided before
        ("KN-10", "b1", "ZZ", "2025-12-05", "x", "", "", "", "", ""),  # unknown indicator of group B
    ]
    found = messages(problems_of(make_case, rows))
    expected = [
        (3, "column objection", "the objection id 'KN-1' is already used on line 2"),
        (3, "column unit", "unit 'a9' is not in units.csv"),
        (4, "column indicator", "'K' is a composite; enter values for its children: K.1, K.2"),
        (5, "column indicator", "does not apply to the unit 'a3'"),
        (6, "column indicator", "already objects to 'R' on line 2"),
        (7, "column received_on", "expected a real day written \"YYYY-MM-DD\" (e.g. \"2025-03-31\"), found 05/12/2025"),
        (7, "column asked_value", "expected có/không (yes/no, true/false, 1/0), found 'maybe'"),
        (7, "column decision", "the decision 'granted' is not one of: accepted, partly, rejected"),
        (7, "column answer", "'KN-6' has a decision but no answer"),
        (7, "column decided_on", "'KN-6' has a decision but no decided_on date"),
        (8, "column received_on", "the day '2026-01-05' is after today (2025-12-20)"),
        (8, "column answer", "has a decision but no answer"),
        (8, "column decided_on", "has a decision but no decided_on date"),
        (9, "column decision", "has an answer or a decided_on date but no decision"),
        (10, "column claim", "claim is empty"),
        (10, "column decided_on", "decided on 2025-12-01, before the objection was received on 2025-12-05"),
        (11, "column indicator", "indicator 'ZZ' is not in group B"),
    ]
    for line, column, text in expected:
        assert any(f"line {line}, {column}:" in m and text in m for m in found), (line, column, text, found)
    assert len(found) == len(expected), found


def test_the_objections_deadline_must_be_a_date(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = textwrap.dedent(TINY_CRITERIA).replace("decimals: 4\n", 'decimals: 4\nobjections_until: "10/12/2025"\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"dòng 7, objections_until: cần một ngày có thật dạng \"YYYY-MM-DD\" "
                                            r"\(ví dụ \"2025-03-31\"\), gặp '10/12/2025'") as info:
        load_criteria(path)
    assert info.value.problems[0].reason == "bad_date"


# --- through the command ---------------------------------------------------------------------------------
@pytest.fixture
def year(tmp_path: Path, make_case: CaseWriter) -> tuple[Path, Path, Path]:
    """The tiny case's criteria, inputs and a draft ranked from them."""
    criteria_path, folder = make_case(criteria=UNTIL)
    draft = tmp_path / "draft"
    result = dti("--lang", "en", "rank", "--stage", "draft", "--criteria", criteria_path, "--inputs", folder,
                 "--out", draft)
    assert result.returncode == 0, result.stderr
    return criteria_path, folder, draft


def test_a_final_run_refuses_while_an_objection_is_undecided_and_a_draft_run_does_not(
        year: tuple[Path, Path, Path], tmp_path: Path) -> None:
    criteria_path, folder, _ = year
    register(folder, [GOOD, ("KN-2", "a2", "T", "2025-12-05", "Five meetings", "5", "", "", "", "")])
    out = tmp_path / "final"
    refused = dti("--lang", "en", "rank", "--criteria", criteria_path, "--inputs", folder, "--out", out)
    assert refused.returncode == 2
    assert "objections.csv, line 3, column decision: the objection 'KN-2' of 'a2' on 'T' has no decision yet" \
        in refused.stderr
    assert "1 objection(s) have no decision" in refused.stderr
    assert "Traceback" not in refused.stderr and not out.exists()
    draft = dti("--lang", "en", "rank", "--stage", "draft", "--criteria", criteria_path, "--inputs", folder,
                "--out", out)
    assert draft.returncode == 0, draft.stderr


def test_the_final_run_warns_where_the_books_do_not_balance(year: tuple[Path, Path, Path], tmp_path: Path) -> None:
    criteria_path, folder, draft = year
    # KN-1 is accepted but a1's R stays 60%; a2's T moves 7 → 3 with no objection and no council note;
    # a3's R moves with a council note: explained.
    register(folder, [GOOD])
    rows = [r for r in (folder / "self_assessment.csv").read_text(encoding="utf-8").splitlines()]
    text = "\n".join(r.replace("a2,T,7", "a2,T,3") for r in rows) + "\n"
    (folder / "self_assessment.csv").write_text(text, encoding="utf-8")
    with (folder / "appraisal.csv").open("a", encoding="utf-8") as f:
        f.write("a3,R,0.6,,Hội đồng: đối chiếu lại\n")
    result = dti("--lang", "en", "rank", "--criteria", criteria_path, "--inputs", folder, "--out",
                 tmp_path / "final", "--draft", draft)
    assert result.returncode == 0, result.stderr
    assert "line 2: warning: the objection 'KN-1' (a1, R) is accepted but the value is still the draft's (60%)" \
        in result.stderr
    assert "a2, T: the value changed from 7 (draft) to 3 with neither an objection nor a council note" \
        in result.stderr
    assert "a3, R" not in result.stderr


def test_a_draft_of_other_criteria_is_refused(year: tuple[Path, Path, Path], tmp_path: Path) -> None:
    criteria_path, folder, draft = year
    other = tmp_path / "other.yaml"
    other.write_text(criteria_path.read_text(encoding="utf-8").replace("edition: 2025", "edition: 2024"),
                     encoding="utf-8")
    with pytest.raises(DataError, match=r"run.json: là kết quả của bộ tiêu chí tiny 2025 \(\w+\), không phải tiny "
                                        r"2024"):
        read_draft(draft, load_criteria(other))
    result = dti("--lang", "en", "forms", "--objections", "--draft", draft, "--criteria", other, "--units",
                 folder / "units.csv", "--out", tmp_path / "forms")
    assert result.returncode == 2 and "not tiny 2024" in result.stderr
    assert not (tmp_path / "forms").exists()


def test_objection_forms_come_from_a_draft_only(year: tuple[Path, Path, Path], tmp_path: Path) -> None:
    criteria_path, folder, _ = year
    final = tmp_path / "final-run"
    assert dti("rank", "--criteria", criteria_path, "--inputs", folder, "--out", final).returncode == 0
    result = dti("--lang", "en", "forms", "--objections", "--draft", final, "--criteria", criteria_path, "--units",
                 folder / "units.csv", "--out", tmp_path / "forms")
    assert result.returncode == 2 and "is a final run, not a draft" in result.stderr
    missing = dti("--lang", "en", "forms", "--objections", "--criteria", criteria_path, "--units",
                  folder / "units.csv", "--out", tmp_path / "forms")
    assert missing.returncode == 2 and "--objections needs --draft" in missing.stderr


def fill_objection(path: Path, rows: dict[str, tuple[object, object, object]], sent: object) -> None:
    """Type claims, asked values and evidence on the rows of these indicators, and the date sent."""
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    for r in range(7, ws.max_row + 1):
        if ws.cell(r, 1).value in rows:
            claim, asked, evidence = rows[str(ws.cell(r, 1).value)]
            ws.cell(r, OBJECTION.claim).value = claim  # type: ignore[assignment]
            ws.cell(r, OBJECTION.value).value = asked  # type: ignore[assignment]
            ws.cell(r, OBJECTION.text).value = evidence  # type: ignore[assignment]
    ws[DATE_CELL].value = sent  # type: ignore[assignment]
    wb.save(path)


def test_the_objection_form_shows_the_draft_and_records_its_identity(year: tuple[Path, Path, Path],
                                                                       tmp_path: Path) -> None:
    criteria_path, folder, draft = year
    forms = tmp_path / "forms"
    result = dti("forms", "--objections", "--draft", draft, "--criteria", criteria_path, "--units",
                 folder / "units.csv", "--out", forms)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in forms.iterdir()) == ["a1.xlsx", "a2.xlsx", "a3.xlsx", "b1.xlsx", "b2.xlsx"]
    wb = load_workbook(forms / "a1.xlsx")
    ws = wb["Kiến nghị"]
    rows = {ws.cell(r, 1).value: [c.value for c in ws[r]] for r in range(7, ws.max_row + 1)}
    # id, title, points, self value, appraised value, draft points, then the unit's three cells
    assert rows["R"][:6] == ["R", "Tỷ lệ hồ sơ", 20, "60%", None, 15]
    assert rows["K.2"][:6] == ["K.2", "Hội đồng chấm", 10, "7", "5", 5]
    assert not ws.cell(8, OBJECTION.claim).protection.locked and ws.cell(8, 4).protection.locked
    assert not ws[DATE_CELL].protection.locked
    meta = {r[0]: r[1] for r in wb["_dti"].iter_rows(max_col=2, values_only=True) if r[0]}
    assert meta["kind"] == "objection" and meta["owner"] == "a1"
    assert meta[DRAFT_KEY] == read_draft(draft, load_criteria(criteria_path)).run_sha256


def test_filled_forms_are_collected_into_the_register(year: tuple[Path, Path, Path], tmp_path: Path) -> None:
    criteria_path, folder, draft = year
    forms = tmp_path / "forms"
    assert dti("forms", "--objections", "--draft", draft, "--criteria", criteria_path, "--units",
               folder / "units.csv", "--out", forms).returncode == 0
    fill_objection(forms / "a2.xlsx", {"T": ("Biên bản 5 cuộc họp", 5, "BB 1"), "M": ("Sai số ngày", None, None)},
                   dt.datetime(2025, 12, 4))
    fill_objection(forms / "a1.xlsx", {"R": ("Thiếu hồ sơ trực tiếp", 0.85, "BC 9")}, "05/12/2025")
    out = tmp_path / "objections.csv"
    result = dti("collect", "--objections", "--draft", draft, "--criteria", criteria_path, "--units",
                 folder / "units.csv", forms, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines() == [
        ",".join(OBJECTIONS.names),
        "KN-001,a1,R,2025-12-05,Thiếu hồ sơ trực tiếp,85%,BC 9,,,",
        "KN-002,a2,T,2025-12-04,Biên bản 5 cuộc họp,5,BB 1,,,",
        "KN-003,a2,M,2025-12-04,Sai số ngày,,,,,",
    ]
    # the department decides; collecting again would lose the decisions: refused
    out.write_text(out.read_text(encoding="utf-8").replace("BC 9,,,", "BC 9,accepted,Đúng,2025-12-08"),
                   encoding="utf-8")
    again = dti("--lang", "en", "collect", "--objections", "--draft", draft, "--criteria", criteria_path, "--units",
                folder / "units.csv", forms, "--out", out)
    assert again.returncode == 2 and "the register already holds 1 decision(s)" in again.stderr


def test_bad_objection_forms_are_refused_with_their_cells(year: tuple[Path, Path, Path], tmp_path: Path) -> None:
    criteria_path, folder, draft = year
    forms = tmp_path / "forms"
    assert dti("forms", "--objections", "--draft", draft, "--criteria", criteria_path, "--units",
               folder / "units.csv", "--out", forms).returncode == 0
    units = load_units(load_criteria(criteria_path), folder / "units.csv")
    sha = read_draft(draft, load_criteria(criteria_path)).run_sha256
    fill_objection(forms / "a1.xlsx", {"R": (None, 0.9, "BC 1"), "Y": ("Có kế hoạch", "perhaps", None)},
                   dt.date(2025, 12, 5))
    fill_objection(forms / "a2.xlsx", {"T": ("x", 5, None)}, None)
    fill_objection(forms / "a3.xlsx", {"T": ("x", 5, None)}, dt.date(2027, 1, 1))
    found = collect(load_criteria(criteria_path), units, sorted(forms.iterdir()), "objection", draft=sha,
                    today=TODAY)
    got = {(Path(p.file).name, p.cell, p.reason) for p in found.problems}
    assert got == {("a1.xlsx", "G9", "objection_claim_missing"), ("a1.xlsx", "H8", "not_yes_no"),
                   ("a2.xlsx", DATE_CELL, "objection_form_no_date"), ("a3.xlsx", DATE_CELL, "future_date")}
    other = collect(load_criteria(criteria_path), units, [forms / "b1.xlsx"], "objection", draft="0" * 64,
                    today=TODAY)
    assert [p.reason for p in other.problems] == ["form_other_draft"]
    wrong_kind = collect(load_criteria(criteria_path), units, [forms / "b1.xlsx"], "self")
    assert "form_is_objection" in [p.reason for p in wrong_kind.problems]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: `make office` installs it")
def test_a_form_saved_by_libreoffice_is_collected(year: tuple[Path, Path, Path], tmp_path: Path) -> None:
    criteria_path, folder, draft = year
    forms = tmp_path / "forms"
    assert dti("forms", "--objections", "--draft", draft, "--criteria", criteria_path, "--units",
               folder / "units.csv", "--out", forms).returncode == 0
    fill_objection(forms / "a2.xlsx", {"T": ("Biên bản 5 cuộc họp", 5, "BB 1")}, dt.date(2025, 12, 4))
    saved = libreoffice_roundtrip(forms / "a2.xlsx", tmp_path / "saved")
    units = load_units(load_criteria(criteria_path), folder / "units.csv")
    sha = read_draft(draft, load_criteria(criteria_path)).run_sha256
    result = collect(load_criteria(criteria_path), units, [saved], "objection", draft=sha, today=TODAY)
    assert result.problems == ()
    assert result.rows == (("KN-001", "a2", "T", "2025-12-04", "Biên bản 5 cuộc họp", "5", "BB 1", "", "", ""),)


def test_the_register_is_published_with_the_run_and_named_by_diff(year: tuple[Path, Path, Path],
                                                                   tmp_path: Path) -> None:
    criteria_path, folder, draft = year
    register(folder, [GOOD, ("KN-2", "a2", "T", "2025-12-12", "Five meetings", "5", "", "rejected",
                             "The minutes show 7", "2025-12-15")])
    with (folder / "appraisal.csv").open("a", encoding="utf-8") as f:
        f.write("a1,R,80%,,Chấp nhận kiến nghị KN-1\n")
    final = tmp_path / "final"
    result = dti("--lang", "en", "rank", "--criteria", criteria_path, "--inputs", folder, "--out", final,
                 "--draft", draft)
    assert result.returncode == 0, result.stderr
    assert (final / "objections.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "KN-1,a1,R,2025-12-05,The council missed our report,80%,Report 5,accepted,Checked: the report is valid,"
        "2025-12-08,no",
        "KN-2,a2,T,2025-12-12,Five meetings,5,,rejected,The minutes show 7,2025-12-15,yes"]
    wb = load_workbook(final / "results.xlsx", read_only=True)
    sheet = [row for row in wb["Objections"].iter_rows(values_only=True) if any(row)]
    assert sheet[0][:4] == ("Objection", "Unit id", "Indicator", "Received on")
    assert sheet[1][:3] == ("KN-1", "a1", "R") and sheet[1][7] == "accepted" and sheet[2][10] == "late"
    diff = dti("--lang", "en", "diff", draft, final, "--out", tmp_path / "diff.csv")
    assert diff.returncode == 0, diff.stderr
    line = next(x for x in diff.stdout.splitlines() if x.startswith("a1") and " R " in x)
    assert "60% → 80%" in line and line.rstrip().endswith("KN-1 (accepted)")
    rows = (tmp_path / "diff.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].endswith(",objection,decision")
    assert any(r.startswith("A,a1,") and r.endswith(",KN-1,accepted") for r in rows)


def test_the_sample_draft_and_final_keep_the_books(tmp_path: Path) -> None:
    """The bundled 2025 cycle: ten objections (accepted, partly, rejected, one late) between the draft of
    inputs/2025-draft and the final of inputs/2025; every value that changed is explained by an objection."""
    criteria = ROOT / "criteria" / "hanoi-2025.yaml"
    draft, final = tmp_path / "draft", tmp_path / "final"
    assert dti("rank", "--stage", "draft", "--criteria", criteria, "--inputs", ROOT / "inputs" / "2025-draft",
               "--out", draft).returncode == 0
    result = dti("--lang", "en", "rank", "--criteria", criteria, "--inputs", ROOT / "inputs" / "2025", "--out",
                 final, "--draft", draft)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr  # KN-010 is late, and decided: marked, not warned
    inputs = load_inputs(load_criteria(criteria), ROOT / "inputs" / "2025")
    decisions = sorted(o.decision for o in inputs.objections)
    assert decisions == ["accepted"] * 3 + ["partly"] * 3 + ["rejected"] * 4
    assert [o.id for o in inputs.objections if o.late] == ["KN-010"]
    assert (ROOT / "inputs" / "2025-draft" / "SAMPLE").is_file()


def test_each_objection_says_what_it_changed(year: tuple[Path, Path, Path]) -> None:
    """a1's R: the council accepts 80% (draft 60%): 15 → 20 points, a1 76 → 81 (rank 1 both times); a2's T is
    rejected: 20 points before and after, a2 stays 75 and second."""
    criteria_path, folder, draft = year
    register(folder, [GOOD, ("KN-2", "a2", "T", "2025-12-12", "Five meetings", "5", "", "rejected",
                             "The minutes show 7", "2025-12-15")])
    with (folder / "appraisal.csv").open("a", encoding="utf-8") as f:
        f.write("a1,R,80%,,Chấp nhận kiến nghị KN-1\n")
    criteria = load_criteria(criteria_path)
    ranking = rank(score(criteria, load_inputs(criteria, folder)))
    found = outcomes(ranking, read_draft(draft, criteria))
    assert [(o.objection.id, o.old_value, o.new_value, o.old_points, o.new_points, o.old_unit_points,
             o.new_unit_points, o.old_rank, o.new_rank) for o in found] == [
        ("KN-1", "60%", "80%", 15.0, 20.0, 76.0, 81.0, 1, 1),
        ("KN-2", "7", "7", 20.0, 20.0, 75.0, 75.0, 2, 2),
    ]
    assert (found[0].name, found[0].title, found[1].group) == ("Sở Một", "Tỷ lệ hồ sơ", "A")
    assert [(o.old_value, o.old_rank) for o in outcomes(ranking, None)] == [(None, None), (None, None)]
    assert tallies(ranking) == (Tally("A", accepted=1, partly=0, rejected=1, undecided=0, late=1),)
    assert tallies(ranking)[0].total == 2
    assert [(o.old_tied, o.new_tied) for o in found] == [(False, False), (False, False)]  # no shared rank here
    # a shared rank keeps its '=' in what the objection changed, as in every other rank shown
    shared = dataclasses.replace(found[0], old_rank=15, old_tied=True, new_tied=True)
    assert objection_row(shared, criteria, Words("vi")).rank == "từ 15= thành 1="
    assert objection_row(dataclasses.replace(shared, old_rank=1), criteria, Words("en")).rank == "1= (unchanged)"
