"""dti diff: what changed between the draft run and the final one, per unit and per indicator."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from ranking.cli import main
from ranking.diff import (
    IndicatorChange,
    RunDiff,
    UnitChange,
    comparable,
    diff_rows,
    diff_runs,
    diff_tables,
    render,
    shared_ranks,
    tables_of,
    write_diff,
)
from ranking.errors import DataError
from ranking.objections import read_draft
from ranking.pipeline import build, load
from ranking.tables import indicator_rows, objection_rows, result_rows, write_csv_tables
from tests.conftest import ROOT, TINY_APPRAISAL, TINY_SELF, TINY_UNITS, CaseWriter, write_csv


@pytest.fixture
def runs(make_case: CaseWriter, tmp_path: Path) -> tuple[Path, Path]:
    """The tiny case ranked twice: the draft, then after the council lowered a1's K.2 from 5 to 3 and b2 left."""
    criteria, inputs = make_case()
    assert main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(tmp_path / "draft")]) == 0
    write_csv(inputs / "appraisal.csv", ("unit", "indicator", "value", "denominator", "note"),
              [("a1", "K.2", "3", "", "Hội đồng: chấm lại"), *TINY_APPRAISAL[1:]])
    write_csv(inputs / "units.csv", ("id", "name", "group", "tags", "predecessors"),
              [u for u in TINY_UNITS if u[0] != "b2"])
    write_csv(inputs / "self_assessment.csv", ("unit", "indicator", "value", "denominator", "evidence"),
              [r for r in TINY_SELF if r[0] != "b2"])
    assert main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(tmp_path / "final")]) == 0
    return tmp_path / "draft", tmp_path / "final"


def test_diff_by_hand(runs: tuple[Path, Path]) -> None:
    # a1: 76 → 74 points (K.2 5 → 3), index 0.76 → 0.74, rank 1 → 2; a2 (75) moves up to 1; b2 is gone.
    diff = diff_runs(*runs)
    assert diff.units == (
        UnitChange("A", "a2", "Sở Hai", 0.75, 0.75, 75.0, 75.0, 2, 1),
        UnitChange("A", "a1", "Sở Một", 0.76, 0.74, 76.0, 74.0, 1, 2),
        UnitChange("B", "b2", "Xã Hai", 0.75, None, 15.0, None, 2, None),
    )
    assert [u.rank_change for u in diff.units] == [1, -1, None]
    assert diff.indicators == (
        IndicatorChange("A", "a1", "K.2", "5", "3", 5.0, 3.0, "ok", "ok"),
        IndicatorChange("B", "b2", "Y", "có", None, 10.0, None, "ok", None),
        IndicatorChange("B", "b2", "R", "50%", None, 5.0, None, "ok", None),
    )
    assert diff.for_unit("a1") == (diff.units[1], (diff.indicators[0],))
    assert diff.for_unit("a3") == (None, ())


def test_a_run_against_itself_has_no_changes(runs: tuple[Path, Path]) -> None:
    diff = diff_runs(runs[0], runs[0])
    assert diff == RunDiff((), ())
    assert render(diff, "vi") == "Không có thay đổi giữa hai lần chạy."


def test_cli_prints_the_table_and_writes_diff_csv(runs: tuple[Path, Path], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    draft, final = runs
    before = {p: p.read_bytes() for p in [*draft.rglob("*"), *final.rglob("*")] if p.is_file()}
    assert main(["diff", str(draft), str(final)]) == 0
    # a run's folder holds exactly its run's files: without --out, diff writes nothing anywhere
    assert {p: p.read_bytes() for p in [*draft.rglob("*"), *final.rglob("*")] if p.is_file()} == before
    out = capsys.readouterr().out
    assert "Đã ghi" not in out
    assert "Đơn vị thay đổi: 3" in out
    assert "Sở Một (a1)  0,7600 → 0,7400  76 → 74  1 → 2" in out  # the Vietnamese number style
    assert re.search(r"a1 +K\.2 +5 → 3 +5 → 3 +\(không đổi\)\n", out)  # not "có số liệu → có số liệu"
    assert "có số liệu → có số liệu" not in out
    assert "Chỉ số thành phần thay đổi: 3" in out
    assert "b2      Y                  có → —" in out
    assert main(["diff", str(draft), str(final), "--out", str(tmp_path / "diff.csv")]) == 0
    assert f"Đã ghi {tmp_path / 'diff.csv'}" in capsys.readouterr().out
    with (tmp_path / "diff.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["group", "unit", "name", "indicator"]
    assert rows[2] == ["A", "a1", "Sở Một", "", "0.76", "0.74", "1", "2", "", "", "", "", "76", "74", "", ""]
    assert rows[4] == ["A", "a1", "Sở Một", "K.2", "", "", "", "", "5", "3", "ok", "ok", "5", "3", "", ""]
    assert main(["diff", str(draft), str(final), "--out", str(tmp_path / "d.csv"), "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "Units that changed: 3" in english and "Sở Một (a1)  0.7600 → 0.7400  76 → 74  1 → 2" in english
    assert (tmp_path / "d.csv").read_bytes() == (tmp_path / "diff.csv").read_bytes()


def test_render_keeps_shared_ranks_and_writes_numbers_one_way() -> None:
    """'54= → 44' keeps the '=' of a shared rank; values, points and minus signs in the language's
    style; an unchanged status is said once."""
    diff = RunDiff((UnitChange("A", "u", "Xã Một", 0.5, 0.4, 1234.5, -2.0, 54, 44, old_tied=True),),
                   (IndicatorChange("A", "u", "M", "0.502", "65.3%", -1.25, 0.0, "missing", "missing"),))
    vi, en = render(diff, "vi"), render(diff, "en")
    assert "0,5000 → 0,4000  1.234,5 → −2  54= → 44" in vi
    assert "0.5000 → 0.4000  1,234.5 → −2  54= → 44" in en
    assert "0,502 → 65,3\u00a0%  −1,25 → 0  (không đổi)" in vi
    assert "0.502 → 65.3%  −1.25 → 0  (unchanged)" in en


def test_diff_csv_is_neutralised_and_keeps_negative_numbers(tmp_path: Path) -> None:
    diff = RunDiff((UnitChange("A", "u", "=HYPERLINK(\"x\")", 0.5, 0.4, -3.5, 2.0, 1, 2),),
                   (IndicatorChange("A", "u", "M", "-x", "@y", -1.25, 0.0, "ok", "ok"),))
    _header, rows = diff_rows(diff)
    assert rows[0][2] == "=HYPERLINK(\"x\")"
    path = tmp_path / "diff.csv"
    write_diff(diff, path)
    with path.open(encoding="utf-8") as f:
        lines = list(csv.reader(f))
    assert lines[1][2] == "'=HYPERLINK(\"x\")"
    assert lines[1][12:] == ["-3.5", "2", "", ""]
    assert lines[2][8:10] == ["'-x", "'@y"]
    assert lines[2][12] == "-1.25"


def test_not_a_run_folder(tmp_path: Path, runs: tuple[Path, Path]) -> None:
    with pytest.raises(DataError, match=r"results\.csv: không tìm thấy tệp\n.*indicator_scores\.csv: không tìm"):
        diff_runs(tmp_path / "nowhere", runs[1])
    (runs[1] / "results.csv").write_text("unit,index\nx,1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"results\.csv, dòng 1: thiếu cột group, name, points, rank; đây không"):
        diff_runs(runs[0], runs[1])
    with pytest.raises(DataError, match=r"results\.csv, dòng 1: thiếu cột") as info:
        diff_runs(runs[0], runs[1])
    assert info.value.render("en").endswith(
        "results.csv, line 1: missing columns group, name, points, rank; this is not a results file written by dti")
    (runs[1] / "results.csv").write_text("group,unit,name,points,index,rank\nA,a1,Sở Một,76,0.76,một\n",
                                         encoding="utf-8")
    with pytest.raises(DataError, match=r"results\.csv, dòng 2, cột rank: cần một số, gặp 'một'"):
        diff_runs(runs[0], runs[1])


# --- runs of other criteria (issue 21, item 5) ----------------------------------------------------------------
def _other_edition(criteria: Path, tmp_path: Path, text: str = "edition: 2024") -> Path:
    other = tmp_path / "criteria-other.yaml"
    other.write_text(criteria.read_text(encoding="utf-8").replace("edition: 2025", text), encoding="utf-8")
    return other


def test_a_draft_of_another_edition_is_refused_naming_both(make_case: CaseWriter, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Last year's folder as --draft would publish last year's values as 'changes since the draft'."""
    criteria, inputs = make_case()
    last_year = tmp_path / "last-year"  # not reports/2024: no default --previous
    assert main(["rank", "--criteria", str(_other_edition(criteria, tmp_path)), "--inputs", str(inputs),
                 "--out", str(last_year)]) == 0
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["run", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out), "--draft",
                 str(last_year), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(rf"{re.escape(str(last_year / 'run.json'))}: is a run of the criteria tiny 2024 "
                        r"\([0-9a-f]{12}\), not tiny 2025 \([0-9a-f]{12}\): name this year's draft\n", err)
    assert not out.exists()
    assert main(["report", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out), "--draft",
                 str(last_year)]) == 2
    assert "run.json: là kết quả của bộ tiêu chí tiny 2024 (" in capsys.readouterr().err


def test_a_draft_of_a_changed_criteria_file_is_refused(make_case: CaseWriter, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    criteria, inputs = make_case()
    draft = tmp_path / "draft"
    changed = _other_edition(criteria, tmp_path, "edition: 2025\n# points revised after the draft")
    assert main(["rank", "--criteria", str(changed), "--inputs", str(inputs), "--out", str(draft)]) == 0
    capsys.readouterr()
    assert main(["report", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(tmp_path / "out"),
                 "--draft", str(draft), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(rf"{re.escape(str(draft / 'run.json'))}: is a run of the criteria tiny 2025 "
                        r"\(([0-9a-f]{12})\), not tiny 2025 \((?!\1)[0-9a-f]{12}\): name this year's draft\n", err)


def test_diff_refuses_runs_of_another_edition_and_says_when_the_criteria_file_changed(
        runs: tuple[Path, Path], make_case: CaseWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft, final = runs
    criteria, inputs = tmp_path / "criteria.yaml", tmp_path / "inputs"
    last_year = tmp_path / "last-year"  # not reports/2024: no default --previous
    assert main(["rank", "--criteria", str(_other_edition(criteria, tmp_path)), "--inputs", str(inputs),
                 "--out", str(last_year)]) == 0
    capsys.readouterr()
    assert main(["diff", str(last_year), str(final), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (f"{final / 'run.json'}: the two runs used different criteria: tiny 2024 and "
                                       "tiny 2025; only runs of the same criteria id and edition can be compared\n")
    revised = tmp_path / "revised"
    changed = _other_edition(criteria, tmp_path, "edition: 2025\n# a comment")
    assert main(["rank", "--criteria", str(changed), "--inputs", str(inputs), "--out", str(revised)]) == 0
    capsys.readouterr()
    assert main(["diff", str(draft), str(revised)]) == 0
    out = capsys.readouterr().out
    assert re.match(r"Lưu ý: tệp bộ chỉ số đã thay đổi giữa hai lần chạy \(cùng mã tiny, năm 2025; SHA-256 "
                    r"trước [0-9a-f]{12}, sau [0-9a-f]{12}\): thay đổi dưới đây có thể đến từ bộ chỉ số", out)
    assert "Đơn vị thay đổi: 3" in out
    assert main(["diff", str(draft), str(final)]) == 0
    assert "Lưu ý" not in capsys.readouterr().out
    (revised / "run.json").write_text("{\"criteria\": {\"id\": \"tiny\"}}", encoding="utf-8")
    with pytest.raises(DataError, match=r"run\.json: run\.json không đọc được \(criteria: id, edition, sha256\); đây "
                                        r"không phải thư mục kết quả do dti ghi"):
        comparable(draft, revised)


def test_a_run_file_with_a_cell_over_the_csv_limit_is_listed(runs: tuple[Path, Path]) -> None:
    draft, final = runs
    text = (final / "results.csv").read_text(encoding="utf-8")
    (final / "results.csv").write_text(text.replace("Sở Một", "x" * 131_073), encoding="utf-8")
    with pytest.raises(DataError) as info:
        diff_runs(draft, final)
    assert info.value.render("en") == (f"{final / 'results.csv'}, line 3: a cell is longer than the 131,072-character "
                                       "limit (often a quotation mark left open); the file is not read further")


def test_a_draft_and_a_run_of_another_criteria_id_are_refused_naming_both(
        make_case: CaseWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 21 item 5 names three keys (id, edition, file hash): the same edition of another index's id."""
    criteria, inputs = make_case()
    other = tmp_path / "criteria-other.yaml"
    other.write_text(criteria.read_text(encoding="utf-8").replace("id: tiny\n", "id: another-index\n", 1),
                     encoding="utf-8")
    theirs, ours = tmp_path / "theirs", tmp_path / "ours"
    assert main(["rank", "--criteria", str(other), "--inputs", str(inputs), "--out", str(theirs)]) == 0
    assert main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(ours)]) == 0
    capsys.readouterr()
    assert main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(tmp_path / "out"),
                 "--draft", str(theirs), "--lang", "en"]) == 2
    assert re.fullmatch(rf"{re.escape(str(theirs / 'run.json'))}: is a run of the criteria another-index 2025 "
                        r"\([0-9a-f]{12}\), not tiny 2025 \([0-9a-f]{12}\): name this year's draft\n",
                        capsys.readouterr().err)
    assert not (tmp_path / "out").exists()
    assert main(["diff", str(theirs), str(ours), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (f"{ours / 'run.json'}: the two runs used different criteria: another-index "
                                       "2025 and tiny 2025; only runs of the same criteria id and edition can be "
                                       "compared\n")


def test_a_run_compares_itself_with_its_draft_in_memory_as_dti_diff_reads_the_files(tmp_path: Path) -> None:
    """`dti run --draft` computes the changes from the ranking it is publishing and the draft it read once
    (issue 17): the same as `dti diff` reading both folders, on the sample's draft and final (ten objections,
    values, points and ranks)."""
    criteria = ROOT / "criteria" / "hanoi-2025.yaml"
    for name, inputs in (("draft", "2025-draft"), ("final", "2025")):
        (tmp_path / name).mkdir()
        ranking = build(*load(criteria, ROOT / "inputs" / inputs))
        write_csv_tables(ranking, tmp_path / name, {})
    draft = read_draft(tmp_path / "draft", ranking.criteria)
    in_memory = diff_tables(draft.tables, tables_of(result_rows(ranking), indicator_rows(ranking),
                                                    objection_rows(ranking)))
    assert in_memory == diff_runs(tmp_path / "draft", tmp_path / "final")
    assert len(in_memory.indicators) == 6  # three accepted and three partly accepted objections moved a value
    assert all(i.objection for i in in_memory.indicators)
    assert any(u.old_rank != u.new_rank for u in in_memory.units)


def test_shared_ranks_are_the_group_and_rank_pairs_held_twice() -> None:
    assert shared_ranks([("A", 1), ("A", 1), ("A", 2), ("B", 1), ("B", 2), ("B", 2), ("B", 2)]) == {("A", 1), ("B", 2)}
