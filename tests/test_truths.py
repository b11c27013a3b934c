"""Small truths (issue 21, item 16): the report's day is the operator's, a dumb terminal gets no escape
sequences, an over-long CSV cell is said in the user's language, and --jobs is bounded by cores and memory."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ranking import cli
from ranking.clock import report_date, report_day
from ranking.criteria import load_criteria
from ranking.errors import DataError
from ranking.inputs import load_inputs
from ranking.ranking import rank
from ranking.report import publication_html
from ranking.scoring import score
from ranking.system import RENDERER_BYTES, available_memory, cores, renderers
from ranking.views import present
from tests.conftest import ROOT, TINY_SELF, CaseWriter

HANOI_0215 = datetime(2025, 12, 3, 19, 15, tzinfo=UTC)  # 02:15 on 4 December in Hà Nội


# --- the report's day ---------------------------------------------------------------------------------------
def test_the_day_is_the_operators_not_utcs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("DTI_TZ", raising=False)
    assert report_day(HANOI_0215) == date(2025, 12, 4)
    assert report_date(HANOI_0215) == datetime(2025, 12, 4)
    assert report_day(datetime(2025, 12, 4, 16, 59, tzinfo=UTC)) == date(2025, 12, 4)  # 23:59 in Hà Nội
    assert report_day(datetime(2025, 12, 4, 17, 0, tzinfo=UTC)) == date(2025, 12, 5)
    monkeypatch.setenv("DTI_TZ", "UTC")
    assert report_day(HANOI_0215) == date(2025, 12, 3)
    monkeypatch.setenv("DTI_TZ", "America/New_York")
    assert report_day(HANOI_0215) == date(2025, 12, 3)


def test_source_date_epoch_gives_that_instants_day_where_the_operator_is(
        monkeypatch: pytest.MonkeyPatch, make_case: CaseWriter) -> None:
    """The publication's cover carries the day, reproducibly: the same epoch gives the same HTML."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(HANOI_0215.timestamp())))
    monkeypatch.delenv("DTI_TZ", raising=False)
    assert report_day(datetime(2030, 1, 1, tzinfo=UTC)) == date(2025, 12, 4)  # the epoch, not the clock
    criteria_path, inputs = make_case()
    criteria = load_criteria(criteria_path)
    ranking = rank(score(criteria, load_inputs(criteria, inputs)))
    html = publication_html(present(ranking, {"stage": "final"}, "vi"))
    assert "04/12/2025" in html and "03/12/2025" not in html
    assert publication_html(present(ranking, {"stage": "final"}, "vi")) == html
    assert "2025-12-04" in publication_html(present(ranking, {"stage": "final"}, "en"))


def test_a_time_zone_that_does_not_exist_is_refused_before_any_work(
        monkeypatch: pytest.MonkeyPatch, make_case: CaseWriter, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DTI_TZ", "Asia/Hanoi_City")
    criteria, inputs = make_case()
    out = tmp_path / "out"
    assert cli.main(["run", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out),
                     "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == (
        "DTI_TZ: there is no time zone 'Asia/Hanoi_City'; set an IANA zone name (e.g. Asia/Ho_Chi_Minh) or unset it")
    assert not out.exists()
    with pytest.raises(DataError, match="không có múi giờ 'Asia/Hanoi_City'; hãy đặt tên múi giờ IANA"):
        report_day()


# --- a dumb terminal -----------------------------------------------------------------------------------------
def _stderr_on_a_terminal(term: str, *args: str) -> str:
    """A real dti with its stderr on a pseudo-terminal whose TERM is `term`: what the terminal received."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": term}
    process = subprocess.Popen([sys.executable, "-m", "ranking", *args], stdout=subprocess.DEVNULL, stderr=slave,
                               cwd=ROOT, env=env)
    os.close(slave)
    received = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    assert process.wait(timeout=120) == 0
    return received.decode("utf-8")


def test_term_dumb_gets_no_escape_sequences(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria, inputs = make_case()
    args = ("rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert "\x1b[K" in _stderr_on_a_terminal("xterm-256color", *args)  # the live line, on a real terminal
    dumb = _stderr_on_a_terminal("dumb", *args)
    assert "\x1b" not in dumb and "\r" not in dumb.replace("\r\n", "\n")
    assert dumb.startswith("Xong sau ")  # the one final line only


# --- an over-long CSV cell ---------------------------------------------------------------------------------
def test_a_cell_over_the_csv_field_limit_is_said_in_the_users_language(make_case: CaseWriter) -> None:
    """An unclosed quotation mark swallows the rest of the file into one cell: Python's English 'field larger
    than field limit' becomes a problem with a reason code, in Vietnamese or English."""
    rows = [*TINY_SELF, ("a3", "K.1", "3", "", "x" * 131_073)]
    criteria_path, inputs = make_case(self_rows=rows)
    criteria = load_criteria(criteria_path)
    with pytest.raises(DataError) as info:
        load_inputs(criteria, inputs)
    [problem] = info.value.problems
    assert problem.reason == "csv_field_too_large"
    assert problem.message("vi") == (f"{inputs / 'self_assessment.csv'}, dòng 27: một ô dài hơn giới hạn 131,072 ký "
                                     "tự (thường do một dấu ngoặc kép không được đóng); không đọc tiếp tệp")
    assert problem.message("en").endswith("line 27: a cell is longer than the 131,072-character limit (often a "
                                          "quotation mark left open); the file is not read further")
    at_limit = [*TINY_SELF, ("a3", "K.1", "3", "", "x" * 131_072)]
    criteria_path, inputs = make_case(self_rows=at_limit)
    assert load_inputs(load_criteria(criteria_path), inputs).self_assessed[("a3", "K.1")].comment == "x" * 131_072


# --- --jobs ------------------------------------------------------------------------------------------------
def _machine(root: Path, available_kb: int, cgroup: tuple[str, str] | None = None) -> Path:
    """A /proc/meminfo (and a cgroup's memory files) as Linux writes them, under `root`."""
    (root / "proc").mkdir(parents=True)
    (root / "proc/meminfo").write_text(f"MemTotal:       32000000 kB\nMemFree:        1000 kB\n"
                                       f"MemAvailable:   {available_kb} kB\n", encoding="ascii")
    if cgroup is not None:
        (root / "sys/fs/cgroup").mkdir(parents=True)
        (root / "sys/fs/cgroup/memory.max").write_text(cgroup[0] + "\n", encoding="ascii")
        (root / "sys/fs/cgroup/memory.current").write_text(cgroup[1] + "\n", encoding="ascii")
    return root


def test_jobs_are_bounded_by_the_cores_and_the_memory(tmp_path: Path) -> None:
    plenty = _machine(tmp_path / "plenty", 64_000_000)
    assert renderers(100, plenty) == cores()
    assert renderers(None, plenty) == cores()
    assert renderers(1, plenty) == 1
    small = _machine(tmp_path / "small", 700_000)  # 717 MB: two renderers of 300 MB
    assert available_memory(small) == 700_000 * 1024
    assert renderers(100, small) == min(cores(), 2)
    starved = _machine(tmp_path / "starved", 10_000)
    assert renderers(100, starved) == 1  # always one: the PDFs are made, slowly
    boxed = _machine(tmp_path / "boxed", 64_000_000, (str(RENDERER_BYTES + 1000), "1000"))  # a container's limit
    assert available_memory(boxed) == RENDERER_BYTES
    assert renderers(100, boxed) == 1
    unlimited = _machine(tmp_path / "unlimited", 64_000_000, ("max", "5"))
    assert available_memory(unlimited) == 64_000_000 * 1024
    assert renderers(100, tmp_path / "nothing") == cores()  # no /proc: the cores alone


def test_jobs_100_says_what_it_starts(make_case: CaseWriter, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    criteria, inputs = make_case()
    assert cli.main(["run", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(tmp_path / "out"),
                     "--jobs", "100", "--no-site", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    n = renderers(100)
    assert f"--jobs 100: {n} render processes ({cores()} available cores; " in err
    assert "of available memory, up to 300 MB per process)" in err
