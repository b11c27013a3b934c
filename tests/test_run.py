"""One folder, one run: the staged output and its swap, the draft and final stages, no machine path in any
output, where --out may point, progress on stderr, and a real `dti run` stopped by signals while it renders."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ranking import cli
from ranking.errors import DtiError
from ranking.output import STAGE_PREFIX, lock_path, staged_output, writer_lock
from ranking.pipeline import load, stage_problems, write
from ranking.ranking import Ranking
from ranking.system import exchange
from tests.conftest import TINY_APPRAISAL, TINY_SELF, CaseWriter, write_case

DTI = [sys.executable, "-m", "ranking"]
EPOCH = "1767225600"
DRAFT_VI = "DỰ THẢO — chưa phải kết quả chính thức"
TABLES = ["indicator_scores.csv", "results.csv", "results.xlsx", "run.json"]


def dti(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent), **(env or {})}
    return subprocess.run([*DTI, *args], cwd=cwd, capture_output=True, text=True, check=False, env=environment)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rank_args(criteria: Path, inputs: Path, out: Path, *more: str) -> list[str]:
    return ["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out), *more]


# --- the staged folder and its swap ------------------------------------------------------------------------
def test_rank_after_a_run_leaves_no_pdf_of_the_run(make_case: CaseWriter, tmp_path: Path) -> None:
    """Issue 8: after `run` then `rank` on one folder, the folder holds the tables of the rank only."""
    criteria, inputs = make_case()
    out = tmp_path / "reports"
    (out / "units").mkdir(parents=True)
    (out / "units" / "a1.pdf").write_bytes(b"%PDF- stale breakdown")
    (out / "dti-2025.pdf").write_bytes(b"%PDF- stale publication")
    (out / "run.json").write_text("{}", encoding="utf-8")
    assert cli.main(rank_args(criteria, inputs, out)) == 0
    assert sorted(snapshot(out)) == TABLES


def test_the_swap_trades_the_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "new").write_text("new", encoding="utf-8")
    (tmp_path / "b" / "old").write_text("old", encoding="utf-8")
    assert exchange(tmp_path / "a", tmp_path / "b")  # Linux: one renameat2 call
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["new"]
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["old"]


@pytest.mark.parametrize("atomic", [True, False])
def test_staged_output_replaces_the_folder_and_leaves_nothing_beside_it(tmp_path: Path, atomic: bool,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """With renameat2 and with the two-rename fallback: the new folder in place, no stage, no old copy."""
    if not atomic:
        monkeypatch.setattr("ranking.output.exchange", lambda a, b: False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    with staged_output(out) as stage:
        assert stage.parent == tmp_path and re.fullmatch(rf"\.out{re.escape(STAGE_PREFIX)}[0-9a-f]{{8}}", stage.name)
        assert lock_path(out).is_file()  # held for the block, beside the output
        assert list(stage.iterdir()) == []  # fresh: nothing of the earlier run is carried over
        (stage / "new.txt").write_text("new", encoding="utf-8")
    assert snapshot(out) == {"new.txt": b"new"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_leftovers_are_removed_by_the_holder_of_the_lock_and_nothing_else(tmp_path: Path) -> None:
    """Issue 21.10: a staged folder is a killed run's when the lock of its output is free, whatever the pid (PID 1
    in every container); folders of other names, an older dti's (pid in the name) and other outputs' stay."""
    out = tmp_path / "out"
    dead = [tmp_path / f".out{STAGE_PREFIX}0123abcd", tmp_path / f".out{STAGE_PREFIX}89abcdef-old"]
    kept = [tmp_path / ".out.dti-notes", tmp_path / f".out{STAGE_PREFIX}1-0123abcd",
            tmp_path / f".other{STAGE_PREFIX}0123abcd"]
    for folder in (*dead, *kept):
        folder.mkdir()
        (folder / "results.csv").write_text("x", encoding="utf-8")
    with staged_output(out) as stage:
        (stage / "x").write_text("x", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", *(k.name for k in kept)])


def test_a_live_runs_stage_is_never_removed_and_its_output_is_refused(tmp_path: Path) -> None:
    """The lock, not a process id, decides: while one holder writes, a second writer (here in this process,
    as from another PID namespace) is refused naming it, and its staged folder stays."""
    out = tmp_path / "out"
    with staged_output(out, command="dti run") as stage:
        (stage / "x").write_text("x", encoding="utf-8")
        busy = r"out: một lệnh dti khác đang ghi vào đây: dti run \(pid \d+, .+\)"
        with pytest.raises(DtiError, match=busy), staged_output(out):
            pass
        assert (stage / "x").is_file()
    assert snapshot(out) == {"x": b"x"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # the lock file goes with its holder


def test_a_killed_holders_lock_file_never_blocks(tmp_path: Path) -> None:
    """A lock file left by a killed run (its flock released by the kernel) is taken over."""
    out = tmp_path / "out"
    lock_path(out).write_text('{"pid": 1, "command": "dti run"}', encoding="utf-8")
    with writer_lock(lock_path(out), out, "dti rank"):
        assert json.loads(lock_path(out).read_text(encoding="utf-8"))["command"] == "dti rank"
    assert not lock_path(out).exists()


def test_a_failure_inside_removes_the_stage_and_keeps_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "run.json").write_text("{}", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), staged_output(out) as stage:
        (stage / "half.pdf").write_bytes(b"half")
        raise KeyboardInterrupt
    assert snapshot(out) == {"run.json": b"{}"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


# --- draft and final ---------------------------------------------------------------------------------------------
PENDING_APPRAISAL = [row for row in TINY_APPRAISAL if row[0] != "a3"]  # a3's council score not given yet


def test_final_refuses_while_a_council_score_is_missing(make_case: CaseWriter, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    criteria, inputs = make_case(appraisal=PENDING_APPRAISAL)
    out = tmp_path / "reports"
    assert cli.main(rank_args(criteria, inputs, out)) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert re.search(r"appraisal\.csv.*'a3'.*'K\.2'.*chờ Hội đồng chấm", err[0]), err[0]
    assert "cảnh báo" not in err[0]
    assert err[1] == ("--stage final: bản chính thức chưa lập được: còn 1 điểm Hội đồng chưa chấm (liệt kê ở trên); "
                      "hãy nhập đủ vào appraisal.csv, hoặc chạy --stage draft để lập bản dự thảo")
    assert not out.exists()


def test_the_refusal_in_english_keeps_the_reason_codes(make_case: CaseWriter) -> None:
    criteria, inputs = make_case(appraisal=PENDING_APPRAISAL)
    problems = stage_problems(load(criteria, inputs)[1], "final")
    assert [(p.reason, p.severity) for p in problems] == [("council_pending", "error"), ("final_pending", "error")]
    assert problems[-1].message("en") == (
        "--stage final: the final ranking cannot be made: 1 council score(s) are missing (listed above); enter "
        "them in appraisal.csv, or run with --stage draft for a draft")
    assert stage_problems(load(criteria, inputs)[1], "draft") == []


def test_a_draft_says_so_in_the_workbook_and_run_json(make_case: CaseWriter, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    criteria, inputs = make_case(appraisal=PENDING_APPRAISAL)
    out = tmp_path / "reports"
    assert cli.main(rank_args(criteria, inputs, out, "--stage", "draft")) == 0
    assert "cảnh báo: đơn vị 'a3'" in capsys.readouterr().err  # still listed, as a warning
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["stage"] == "draft" and record["options"]["stage"] == "draft"
    wb = load_workbook(out / "results.xlsx")
    for ws in wb.worksheets:
        assert ws["A1"].value == DRAFT_VI and ws.oddHeader.center.text == DRAFT_VI
        assert ws.freeze_panes == "A3"
    results = list(wb["Kết quả"].iter_rows(min_row=2, values_only=True))  # issue 9: the reader's words
    assert results[0][:3] == ("Khối", "Mã đơn vị", "Tên đơn vị") and len(results) == 6
    about = dict(wb["Thông tin lần chạy"].iter_rows(min_row=3, values_only=True))
    assert about["Giai đoạn"] == f"dự thảo — {DRAFT_VI}"
    assert cli.main([*rank_args(criteria, inputs, out, "--stage", "draft"), "--lang", "en"]) == 0
    assert load_workbook(out / "results.xlsx")["Results"]["A1"].value == "DRAFT — not the official result"


def test_a_final_workbook_has_no_banner(tiny: Ranking, tmp_path: Path) -> None:
    write(tiny, tmp_path / "out", {"stage": "final"})
    wb = load_workbook(tmp_path / "out" / "results.xlsx")
    assert wb["Kết quả"]["A1"].value == "Khối" and wb["Kết quả"].freeze_panes == "A2"
    assert dict(wb["Thông tin lần chạy"].iter_rows(min_row=2, values_only=True))["Giai đoạn"] == "chính thức"
    assert json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))["stage"] == "final"


# --- no machine path; the same bytes wherever it runs ---------------------------------------------------------
def _two_places(tmp_path: Path, command: str, *more: str) -> tuple[Path, Path]:
    """The same case written under two different absolute folders, run from two working directories into two
    differently named output folders."""
    outs = []
    for place, cwd_name, out_name in (("first/deep/x", "elsewhere", "reports-one"), ("second", "cwd2", "r2")):
        criteria, inputs = write_case(tmp_path / place)
        cwd = tmp_path / cwd_name
        cwd.mkdir()
        out = tmp_path / place / out_name
        done = dti(command, "--criteria", str(criteria), "--inputs", os.path.relpath(inputs, cwd), "--out", str(out),
                   *more, cwd=cwd, env={"SOURCE_DATE_EPOCH": EPOCH})
        assert done.returncode == 0, done.stderr
        outs.append(out)
    return outs[0], outs[1]


def _no_path_in(folder: Path, tmp_path: Path) -> None:
    for name, data in snapshot(folder).items():
        texts = [data.decode("utf-8", "replace")]
        if name.endswith(".pdf"):
            texts += [page.extract_text() for page in PdfReader(folder / name).pages]
        for text in texts:
            for leak in (str(tmp_path), tmp_path.name, "reports-one", "/first/", "elsewhere"):
                assert leak not in text, (name, leak)


def test_tables_are_byte_identical_wherever_they_are_made(tmp_path: Path) -> None:
    one, two = _two_places(tmp_path, "rank")
    assert snapshot(one) == snapshot(two)
    record = json.loads((one / "run.json").read_text(encoding="utf-8"))
    assert record["criteria"]["file"] == "criteria.yaml"
    assert sorted(record["inputs"]) == ["appraisal.csv", "self_assessment.csv", "units.csv"]
    assert record["options"] == {"command": "rank", "previous": None, "stage": "final"}
    _no_path_in(one, tmp_path)


def test_pdfs_are_byte_identical_wherever_they_are_made(tmp_path: Path) -> None:
    one, two = _two_places(tmp_path, "report")
    assert sorted(snapshot(one)) == ["dti-2025.pdf", "indicator_scores.csv", "results.csv", "results.xlsx",
                                     "run.json", "site/index.html", "site/methodology.html", "site/site.css",
                                     "site/site.js", *(f"site/units/{u}.html" for u in ("a1", "a2", "a3", "b1", "b2")),
                                     *(f"units/{u}.pdf" for u in ("a1", "a2", "a3", "b1", "b2"))]
    assert snapshot(one) == snapshot(two)
    _no_path_in(one, tmp_path)
    colophon = PdfReader(one / "dti-2025.pdf").pages[-1].extract_text()
    assert "Bộ chỉ số criteria.yaml (tiny, Ấn bản 2025)" in colophon and "units.csv" in colophon


def test_every_page_of_a_draft_says_so(tmp_path: Path) -> None:
    criteria, inputs = write_case(tmp_path / "case", appraisal=PENDING_APPRAISAL)
    out = tmp_path / "draft"
    done = dti("report", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out), "--stage",
               "draft", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 6
    for pdf in pdfs:
        pages = [page.extract_text() for page in PdfReader(pdf).pages]
        assert all(DRAFT_VI in text for text in pages), pdf
        assert pages[0].count(DRAFT_VI) == 2, pdf  # the banner on the first page, and its margin
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["stage"] == "draft"
    assert re.fullmatch(r"(.*\n)?Xong: 6 PDF sau \d+,\d s\n", done.stderr, re.S), done.stderr


# --- where the output goes --------------------------------------------------------------------------------------
@pytest.fixture
def case(make_case: CaseWriter) -> tuple[Path, Path]:
    return make_case()


def _refused(args: list[str], capsys: pytest.CaptureFixture[str], message: str, before: dict[str, bytes],
             root: Path) -> None:
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert re.search(message, err), err
    assert "Traceback" not in err
    assert snapshot(root) == before


def test_out_naming_a_file_is_refused(case: tuple[Path, Path], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    _refused(rank_args(*case, tmp_path / "notes.txt"), capsys,
             r"notes\.txt: là một tệp, không phải thư mục; --out cần một thư mục", snapshot(tmp_path), tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_out_below_a_file_is_refused(case: tuple[Path, Path], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    _refused(rank_args(*case, tmp_path / "notes.txt" / "2025"), capsys,
             r"notes\.txt/2025: .*notes\.txt là một tệp nên không thể chứa 2025", snapshot(tmp_path), tmp_path)


@pytest.mark.parametrize("where", [".", ".."])
def test_out_at_the_working_folder_or_above_is_refused(case: tuple[Path, Path], tmp_path: Path, where: str,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    _refused(rank_args(*case, Path(where)), capsys, rf"^{re.escape(where)}: thư mục kết quả được thay toàn bộ mỗi lần "
             r"chạy nên không thể là thư mục hiện tại hay thư mục cha của nó", snapshot(tmp_path), tmp_path)


def test_out_holding_the_inputs_is_refused(case: tuple[Path, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _refused(rank_args(*case, tmp_path), capsys, r"thư mục kết quả được thay toàn bộ mỗi lần chạy nên không thể "
             rf"chứa {re.escape(str(case[0]))}", snapshot(tmp_path), tmp_path)
    _refused(rank_args(*case, case[1], "--lang", "en"), capsys, r"the output folder is replaced as a whole on every "
             r"run, so it cannot hold .*inputs", snapshot(tmp_path), tmp_path)


def test_out_with_other_files_is_refused(case: tuple[Path, Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "Documents"
    docs.mkdir()
    for name in ("a.docx", "b.xlsx", "c.txt", "d.pdf"):
        (docs / name).write_text(name, encoding="utf-8")
    _refused(rank_args(*case, docs), capsys, r"Documents: thư mục đã có a\.docx, b\.xlsx, c\.txt, …, không do dti ghi",
             snapshot(tmp_path), tmp_path)


def test_errors_of_the_output_and_the_inputs_come_together(make_case: CaseWriter, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    criteria, inputs = make_case(self_rows=[*TINY_SELF, ("a3", "K.1", "ba", "", "")])
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(rank_args(criteria, inputs, tmp_path / "notes.txt")) == 2
    err = capsys.readouterr().err
    assert "là một tệp, không phải thư mục" in err and "cần một số, gặp 'ba'" in err


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder nobody may write in: mode 555, or for root (whom modes do not bind) the immutable attribute."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode != 0:
        pytest.skip("running as root without chattr +i: no way to make a folder read-only for root")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_out_is_refused(case: tuple[Path, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / "run.json").write_text("{}", encoding="utf-8")
    with read_only(out):
        where = re.escape(str(out))
        _refused(rank_args(*case, out), capsys, rf"^{where}: không có quyền ghi vào {where}", snapshot(tmp_path),
                 tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["criteria.yaml", "inputs", "reports"]


def test_collect_and_diff_refuse_an_out_that_is_a_folder(case: tuple[Path, Path], tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    criteria, inputs = case
    before = snapshot(tmp_path)
    _refused(["collect", "--criteria", str(criteria), "--units", str(inputs / "units.csv"), str(tmp_path),
              "--out", str(inputs)], capsys,
             r"inputs: là một thư mục; --out cần tên tệp cần ghi, ví dụ self_assessment\.csv", before, tmp_path)
    _refused(["diff", str(inputs), str(inputs), "--out", str(inputs), "--lang", "en"], capsys,
             r"inputs: is a folder; --out needs the name of the file to write, e.g. diff\.csv", before, tmp_path)
    _refused(["schema", "--out", str(inputs)], capsys, r"inputs: là một thư mục", before, tmp_path)


# --- progress on stderr -----------------------------------------------------------------------------------------
def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run dti with stderr on a pseudo-terminal; (exit code, stdout, what the terminal received)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*DTI, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=follower, text=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    os.close(follower)
    received = bytearray()
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: every process holding it has exited
            break
        if not chunk:
            break
        received.extend(chunk)
    stdout = proc.stdout.read() if proc.stdout else ""
    os.close(leader)
    return proc.wait(), stdout, received.decode("utf-8")


def test_progress_on_a_terminal(case: tuple[Path, Path], tmp_path: Path) -> None:
    criteria, inputs = case
    code, stdout, seen = _on_a_terminal(["forms", "--criteria", str(criteria), "--units", str(inputs / "units.csv"),
                                         "--out", str(tmp_path / "forms")], tmp_path)
    assert code == 0, seen
    steps = seen.split("\r\x1b[K")
    assert steps[1] == "Ghi phiếu"
    assert [re.sub(r"\(\d+,\d s\)", "(t)", s) for s in steps[2:7]] == [f"Ghi phiếu: {n} / 5 (t)" for n in range(1, 6)]
    assert re.fullmatch(r"Xong sau \d+,\d s\r?\n", steps[-1])
    assert "Đã ghi 5 phiếu" in stdout


def test_an_error_on_a_terminal_starts_at_the_margin(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria, inputs = make_case(self_rows=[*TINY_SELF, ("a3", "K.1", "ba", "", "")])
    code, _, seen = _on_a_terminal(rank_args(criteria, inputs, tmp_path / "out"), tmp_path)
    assert code == 2
    assert seen.split("\r\x1b[K")[1:] == [
        "Đọc bộ chỉ số và dữ liệu", f"{inputs / 'self_assessment.csv'}, dòng 27, cột value: cần một số, gặp 'ba'\r\n"]


def test_quiet_on_a_terminal_prints_only_the_final_line(case: tuple[Path, Path], tmp_path: Path) -> None:
    code, _, seen = _on_a_terminal(["--quiet", "--lang", "en", *rank_args(*case, tmp_path / "out")], tmp_path)
    assert code == 0, seen
    assert re.fullmatch(r"Done in \d+\.\d s\r?\n", seen), repr(seen)


def test_not_a_terminal_gets_only_the_final_line(case: tuple[Path, Path], tmp_path: Path) -> None:
    done = dti(*rank_args(*case, tmp_path / "out"))
    assert done.returncode == 0
    assert re.fullmatch(r"Xong sau \d+,\d s\n", done.stderr), done.stderr


# --- help in Vietnamese, English on request ---------------------------------------------------------------------
COMMANDS = ["validate", "rank", "run", "report", "forms", "collect", "diff", "schema"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_vietnamese_by_default(command: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main([*([command] if command else []), "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("Cách dùng: dti")
    assert "tùy chọn:" in text and "hiện trợ giúp này rồi thoát" in text
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in text


@pytest.mark.parametrize("how", [["--lang", "en"], ["--lang=en"], "DTI_LANG"])
def test_help_in_english(how: list[str] | str, capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "DTI_LANG":
        monkeypatch.setenv("DTI_LANG", "en")
    with pytest.raises(SystemExit):
        cli.main([*(how if isinstance(how, list) else []), "run", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("Usage: dti run")
    assert "--stage {draft,final}" in text and "show this help and exit" in text


def test_usage_errors_are_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["rank", "--stage", "official"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "dti rank: lỗi: --stage: lựa chọn không hợp lệ 'official' (chọn một trong 'draft', 'final')")


def test_dti_lang_also_sets_the_messages(make_case: CaseWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DTI_LANG", "en")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(rank_args(*make_case(), tmp_path / "notes.txt")) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


# --- a real `dti run`, stopped while it renders -----------------------------------------------------------------
UNITS = 30


def _big_case(root: Path) -> tuple[Path, Path]:
    """The tiny criteria with UNITS departments (a1's values for each): enough breakdowns for the workers."""
    units = [(f"a{i}", f"Sở {i}", "A", "kinh-te-so", "") for i in range(1, UNITS + 1)]
    own = [row[1:] for row in TINY_SELF if row[0] == "a1"]
    rows = [(f"a{i}", *row) for i in range(1, UNITS + 1) for row in own]
    return write_case(root, units=units, self_rows=rows,
                      appraisal=[(f"a{i}", "K.2", str(i % 10), "", "") for i in range(1, UNITS + 1)])


def _group(pgid: int) -> list[int]:
    """Every live process of a process group, read from /proc (/proc/PID/stat: state, ppid, pgid); a zombie
    has ended and only waits for its parent to read its exit status."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def rendering(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path, dict[str, bytes]]]:
    """A `dti run` in its own session over an earlier complete output, caught while its workers render."""
    criteria, inputs = _big_case(tmp_path / "case")
    out = tmp_path / "reports"
    assert dti(*rank_args(criteria, inputs, out)).returncode == 0
    before = snapshot(out)
    proc = subprocess.Popen(
        [*DTI, "run", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})

    def rendered() -> bool:
        return any(len(list(stage.glob("units/*.pdf"))) >= 2 for stage in tmp_path.glob(f".reports{STAGE_PREFIX}*"))

    try:
        assert _wait(rendered, 300), "the run did not start rendering"
        assert proc.poll() is None and len(_group(proc.pid)) >= 3  # dti, its workers (and resource tracker)
        yield proc, out, before
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


@pytest.mark.parametrize(("sig", "to_group", "code"), [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143)])
def test_a_signal_stops_every_process_and_keeps_the_previous_output(
        rendering: tuple[subprocess.Popen[str], Path, dict[str, bytes]], sig: signal.Signals, to_group: bool,
        code: int) -> None:
    """Ctrl-C (SIGINT to the whole group, as a terminal sends it) or `kill` (SIGTERM to dti alone)."""
    proc, out, before = rendering
    stopped = time.monotonic()
    os.killpg(proc.pid, sig) if to_group else os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code
    assert time.monotonic() - stopped < 10
    assert err.splitlines()[-1] == f"Đã dừng ({sig.name}): không ghi gì, thư mục kết quả trước đó giữ nguyên."
    assert "Traceback" not in err
    assert _wait(lambda: not _group(proc.pid), 5), _group(proc.pid)
    assert snapshot(out) == before
    # beside the output, only the render cache (.reports-cache, kept on purpose: the next run reuses its PDFs)
    assert sorted(p.name for p in out.parent.iterdir()) in (["case", "reports"], [".reports-cache", "case", "reports"])


def test_sigkill_leaves_the_previous_output_and_no_worker(
        rendering: tuple[subprocess.Popen[str], Path, dict[str, bytes]]) -> None:
    proc, out, before = rendering
    proc.kill()
    proc.communicate(timeout=30)
    assert _wait(lambda: not _group(proc.pid), 5), _group(proc.pid)  # the workers die with dti
    assert snapshot(out) == before
    leftovers = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".reports{STAGE_PREFIX}"))
    assert len(leftovers) == 2 and lock_path(out).name in leftovers  # the staged folder, and the free lock file
    criteria, inputs = out.parent / "case" / "criteria.yaml", out.parent / "case" / "inputs"
    assert dti(*rank_args(criteria, inputs, out)).returncode == 0  # the next run removes it
    assert sorted(p.name for p in out.parent.iterdir()) in (["case", "reports"], [".reports-cache", "case", "reports"])
