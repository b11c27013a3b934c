"""The command line: exit codes 0/2/1, every problem listed, no traceback, outputs untouched on error."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ranking import cli
from tests.conftest import ROOT, TINY_SELF, CaseWriter


def dti(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ranking", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def test_validate_the_bundled_sample() -> None:
    done = dti("validate", "--criteria", "criteria/hanoi-2025.yaml", "--inputs", "inputs/2025")
    assert done.returncode == 0, done.stderr
    assert "Không có lỗi: criteria/hanoi-2025.yaml, inputs/2025" in done.stdout


def test_bad_input_exits_2_with_every_problem_and_no_traceback(make_case: CaseWriter) -> None:
    rows = [*TINY_SELF, ("a1", "Y", "có", "", ""), ("a3", "K.1", "ba", "", "")]
    criteria_path, folder = make_case(self_rows=rows)
    done = dti("validate", "--criteria", str(criteria_path), "--inputs", str(folder))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "dòng 27, cột indicator: đơn vị 'a1', chỉ số 'Y' đã có ở dòng 2" in done.stderr
    assert "dòng 28, cột value: cần một số, gặp 'ba'" in done.stderr
    assert "2 lỗi, 0 cảnh báo" in done.stdout


def test_english_option(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case(self_rows=[*TINY_SELF, ("a3", "K.1", "ba", "", "")])
    done = dti("validate", "--criteria", str(criteria_path), "--inputs", str(folder), "--lang", "en")
    assert done.returncode == 2
    assert "line 27, column value: expected a number, found 'ba'" in done.stderr


def test_validate_json(make_case: CaseWriter, capsys: pytest.CaptureFixture[str]) -> None:
    criteria_path, folder = make_case(self_rows=[*TINY_SELF, ("a3", "K.1", "ba", "", "")])
    assert cli.main(["validate", "--criteria", str(criteria_path), "--inputs", str(folder), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    (problem,) = report["problems"]
    assert (problem["line"], problem["column"], problem["reason"]) == (27, "value", "not_number")
    assert problem["message"].endswith("cột value: cần một số, gặp 'ba'")


def test_rank_writes_the_tables_and_prints_the_top(make_case: CaseWriter, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    criteria_path, folder = make_case()
    out = tmp_path / "reports"
    assert cli.main(["rank", "--criteria", str(criteria_path), "--inputs", str(folder), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["indicator_scores.csv", "results.csv", "results.xlsx", "run.json"]
    printed = capsys.readouterr().out
    assert "    1   0,7600  Tốt            Sở Một" in printed  # README, "The command line": one number style
    assert "DỮ LIỆU MẪU" not in printed
    assert cli.main(["rank", "--criteria", str(criteria_path), "--inputs", str(folder), "--out", str(out),
                     "--lang", "en"]) == 0
    assert "    1   0.7600  Tốt            Sở Một" in capsys.readouterr().out


def test_bad_input_leaves_earlier_outputs_untouched(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case()
    out = tmp_path / "reports"
    args = ["rank", "--criteria", str(criteria_path), "--inputs", str(folder), "--out", str(out)]
    assert cli.main(args) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with (folder / "self_assessment.csv").open("a", encoding="utf-8") as f:
        f.write("a3,C,Giám đốc,,\n")
    assert cli.main(args) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _defect(make_case: CaseWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *flags: str) -> int:
    """A rank whose scoring stage has a bug (a ZeroDivisionError), with the log files going to tmp_path."""
    def broken(*_: object) -> None:
        raise ZeroDivisionError("boom\x1b[31m\nsecond line")

    monkeypatch.setattr(cli, "build", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", None)
    (tmp_path / "tmp").mkdir()
    criteria_path, folder = make_case()
    return cli.main([*flags, "rank", "--criteria", str(criteria_path), "--inputs", str(folder),
                     "--out", str(tmp_path / "o")])


def test_a_defect_exits_1_with_one_line_and_a_log_of_the_traceback(
        make_case: CaseWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert _defect(make_case, tmp_path, monkeypatch) == 1
    err = capsys.readouterr().err
    (log,) = (tmp_path / "tmp").glob("dti-error-*.log")
    assert err == (f"Lỗi của chương trình dti, không phải của dữ liệu (ZeroDivisionError: boom\\x1b[31m second "
                   f"line); chi tiết ở {log} — hãy gửi tệp này khi báo lỗi.\n")
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError: boom" in text and "'rank'" in text
    assert not (tmp_path / "o").exists()


def test_debug_prints_the_traceback(make_case: CaseWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert _defect(make_case, tmp_path, monkeypatch, "--debug", "--lang", "en") == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last)")
    assert re.search(r"in broken\n +raise ZeroDivisionError", err)
    assert err.splitlines()[-1].startswith("A defect in dti, not in your data (ZeroDivisionError: boom")


def test_bad_input_is_not_a_defect(make_case: CaseWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A DtiError exits 2 with its message and writes no log (a defect exits 1: the tests above)."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    criteria_path, folder = make_case(self_rows=[*TINY_SELF, ("a3", "K.1", "ba", "", "")])
    assert cli.main(["rank", "--criteria", str(criteria_path), "--inputs", str(folder),
                     "--out", str(tmp_path / "o")]) == 2
    assert "cần một số, gặp 'ba'" in capsys.readouterr().err
    assert not list(tmp_path.glob("dti-error-*"))


def test_run_without_options_ranks_the_newest_sample_year(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case()
    root = tmp_path / "repo"
    (root / "criteria").mkdir(parents=True)
    shutil.copy(criteria_path, root / "criteria" / "tiny-2025.yaml")
    (root / "criteria" / "tiny-2024.yaml").write_text(criteria_path.read_text(encoding="utf-8").replace(
        "edition: 2025", "edition: 2024"), encoding="utf-8")
    for year in ("2024", "2025"):
        shutil.copytree(folder, root / "inputs" / year)
    (root / "inputs" / "2025" / "SAMPLE").write_text("Dữ liệu mẫu tổng hợp.\n", encoding="utf-8")
    done = dti("run", cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("DỮ LIỆU MẪU")
    assert "Xã, phường — 2 đơn vị" in done.stdout
    out = root / "reports" / "2025"
    assert sorted(p.name for p in out.iterdir()) == ["dti-2025.pdf", "indicator_scores.csv", "results.csv",
                                                     "results.xlsx", "run.json", "site", "units"]
    assert sorted(p.name for p in (out / "units").iterdir()) == ["a1.pdf", "a2.pdf", "a3.pdf", "b1.pdf", "b2.pdf"]
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["criteria"]["file"] == "tiny-2025.yaml" and record["sample"] is True


def test_run_without_a_sample_says_so(tmp_path: Path) -> None:
    done = dti("run", cwd=tmp_path)
    assert done.returncode == 2
    assert "không tìm thấy dữ liệu mẫu: inputs/YEAR" in done.stderr


def test_run_without_criteria_for_the_newest_year_says_so(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "inputs" / "2025", tmp_path / "inputs" / "2026")
    (tmp_path / "criteria").mkdir()
    done = dti("run", cwd=tmp_path)
    assert done.returncode == 2
    assert "criteria: không có bộ tiêu chí cho năm 2026 trong criteria" in done.stderr
