"""The hostile-input corpus: every case under tests/corpus/<area>/<case>/ is the valid base case with some
files replaced (or written by the case's make.py), run through the real `dti` command in a subprocess.
Each must exit 2 with its reason code, a message naming where the problem is, no traceback, no raw
control or escape bytes on the terminal, nothing written and the previous outputs untouched, within a
bounded time and memory."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ranking.words import WORDS

CORPUS = Path(__file__).resolve().parent / "corpus"
BASE = CORPUS / "base"
AREAS = ("criteria", "inputs", "forms", "output")
COMMANDS = ("validate", "rank", "collect", "collect-appraisal")
CASE_FILES = {"case.json", "make.py", "__pycache__"}
SECONDS = 10.0  # "a few seconds" on a busy 2-core machine; a case may ask for less or more
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else ""
MEMORY_MB = 1024  # peak resident memory of the dti process
# Raw C0 controls (but newline and tab), DEL and C1 controls: none may reach a terminal from an input.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Case:
    folder: Path
    reasons: tuple[str, ...]
    command: str
    where: str
    note: str
    seconds: float
    memory_mb: int
    remove: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.folder.parent.name}/{self.folder.name}"


def read_case(folder: Path) -> Case:
    spec = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    reasons = spec["reason"] if isinstance(spec["reason"], list) else [spec["reason"]]
    return Case(folder, tuple(reasons), spec["command"], spec["where"], spec.get("note", ""),
                float(spec.get("seconds", SECONDS)), int(spec.get("memory_mb", MEMORY_MB)),
                tuple(spec.get("remove", ())))


def all_cases() -> list[Case]:
    return [read_case(case) for area in AREAS if (CORPUS / area).is_dir()
            for case in sorted((CORPUS / area).iterdir()) if (case / "case.json").is_file()]


CASES = all_cases()


def dti() -> list[str]:
    """The installed `dti` of this interpreter's environment (the worktree's venv), else `python -m ranking`."""
    script = Path(sys.executable).parent / "dti"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "ranking"]


def _make(case: Case, folder: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"corpus_make_{case.folder.name}", case.folder / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make(folder)


def prepare(case: Case, root: Path) -> Path:
    """Base + the case's files (symlinks kept as links), then the case's make.py, in a fresh folder."""
    folder = root / "case"
    shutil.copytree(BASE, folder, symlinks=True)
    shutil.copytree(case.folder, folder, symlinks=True, dirs_exist_ok=True,
                    ignore=lambda _, names: [n for n in names if n in CASE_FILES])
    for name in case.remove:
        (folder / name).unlink()
    if (case.folder / "make.py").is_file():
        _make(case, folder)
    return folder


def command_line(case: Case) -> list[str]:
    """The command run inside the case folder; rank and collect write into out/, which holds a previous output."""
    base = ["--criteria", "criteria.yaml"]
    match case.command:
        case "validate":
            return [*dti(), "validate", *base, "--inputs", "inputs", "--json"]
        case "rank":
            return [*dti(), "rank", *base, "--inputs", "inputs", "--out", "out"]
        case "collect":
            return [*dti(), "collect", *base, "--units", "inputs/units.csv", "inputs/forms",
                    "--out", "out/self_assessment.csv"]
        case "collect-appraisal":
            return [*dti(), "collect", "--appraisal", *base, "--units", "inputs/units.csv", "inputs/forms",
                    "--out", "out/appraisal.csv"]
    raise AssertionError(f"{case.name}: unknown command {case.command!r}; accepted: {', '.join(COMMANDS)}")


@dataclass(frozen=True)
class Result:
    code: int
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_mb: float


def run(argv: list[str], cwd: Path, timeout: float = 120) -> Result:
    """Run and wait with os.wait4, killed after `timeout`. The peak memory is dti's own: through GNU time where
    it is installed, since a process that Python starts with vfork inherits the test process's high-water
    mark (Linux keeps it across exec), which grows with the tests that ran before; else wait4's."""
    out, err, peak_file = cwd.parent / "stdout", cwd.parent / "stderr", cwd.parent / "peak"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    peak_file.unlink(missing_ok=True)
    timed = [GNU_TIME, "-f", "%M", "-o", str(peak_file), *argv] if GNU_TIME else argv
    start = time.perf_counter()
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(timed, cwd=cwd, stdout=o, stderr=e, stdin=subprocess.DEVNULL, env=env)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    if GNU_TIME and peak_file.is_file():
        peak = int(peak_file.read_text().split()[-1]) / 1024
    return Result(proc.returncode, out.read_bytes(), err.read_bytes(), seconds, peak)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (links not followed): what it is and its content's hash."""
    entries: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            entries[rel] = f"link {os.readlink(path)}"
        elif path.is_dir():
            entries[rel] = "dir"
        else:
            entries[rel] = "file " + hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def message_pattern(reason: str) -> re.Pattern[str]:
    """A message of `reason` in either language, its {placeholders} matching anything."""
    def one(template: str) -> str:
        return ".*?".join(re.escape(part) for part in re.split(r"\{[^}]*\}", template))
    return re.compile("|".join(f"(?:{one(t)})" for t in WORDS["problem." + reason]))


@pytest.fixture(scope="session")
def previous_rank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base case ranked once: the previous output that a refused `rank` must leave untouched."""
    root = tmp_path_factory.mktemp("previous")
    folder = root / "case"
    shutil.copytree(BASE, folder)
    result = run([*dti(), "rank", "--criteria", "criteria.yaml", "--inputs", "inputs", "--out", "out"], folder)
    assert result.code == 0, result.stderr.decode()
    return folder / "out"


def previous_output(case: Case, folder: Path, previous_rank: Path) -> None:
    if case.command == "rank":
        shutil.copytree(previous_rank, folder / "out")
    elif case.command.startswith("collect"):
        (folder / "out").mkdir()
        name = "appraisal.csv" if case.command == "collect-appraisal" else "self_assessment.csv"
        shutil.copy(BASE / "inputs" / name, folder / "out" / name)


def problems_found(case: Case, result: Result, text: str) -> Iterator[str]:
    """What is wrong with the reported problems: a reason missing, or no message of it at the place."""
    where = re.compile(case.where)
    if case.command == "validate":
        problems = json.loads(result.stdout)["problems"]
        reasons = {p["reason"] for p in problems}
        for reason in case.reasons:
            if reason not in reasons:
                yield f"reason {reason!r} not given; given: {sorted(reasons)}"
            elif not any(p["reason"] == reason and where.search(p["message"]) for p in problems):
                yield f"no {reason!r} message matches {case.where!r}: " + \
                    "; ".join(p["message"] for p in problems if p["reason"] == reason)
        return
    lines = text.splitlines()
    for reason in case.reasons:
        pattern = message_pattern(reason)
        if not any(pattern.search(line) and where.search(line) for line in lines):
            yield f"no {reason!r} message at {case.where!r} in:\n{text}"


def test_the_corpus_is_large_enough() -> None:
    """At least 80 cases in all (README, "Limits": every case through the real `dti`); each well formed."""
    assert len(CASES) >= 80
    for case in CASES:
        assert case.command in COMMANDS, case.name
        assert all("problem." + r in WORDS for r in case.reasons), case.name
        assert case.note, case.name
        re.compile(case.where)


def test_the_base_case_is_valid(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    result = run([*dti(), "validate", "--criteria", "criteria.yaml", "--inputs", "inputs", "--json"], folder)
    assert result.code == 0, result.stdout.decode()
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["problems"] == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path: Path, previous_rank: Path) -> None:
    folder = prepare(case, tmp_path)
    previous_output(case, folder, previous_rank)
    before = snapshot(folder)
    result = run(command_line(case), folder)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    text = stdout + stderr
    assert result.code == 2, f"{case.name}: exit {result.code}\n{text[-3000:]}"
    assert "Traceback" not in text
    assert not CONTROL.search(text), f"raw control bytes: {CONTROL.findall(text)[:5]}"
    assert result.seconds < case.seconds, f"{result.seconds:.1f} s"
    assert result.peak_mb < case.memory_mb, f"{result.peak_mb:.0f} MB"
    wrong = list(problems_found(case, result, text))
    assert not wrong, "\n".join(wrong)
    assert snapshot(folder) == before, "something was written or changed"
