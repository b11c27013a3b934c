"""Exit codes that tell the truth whatever the streams are (issue 21, items 7 and 8): a standard output that
cannot take Vietnamese gets what it can take, escaped; a reader that left (`| head`) never turns a refusal into
success, and never makes a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TINY_SELF, CaseWriter

ASCII = {"PYTHONIOENCODING": "ascii"}
C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
SHUTDOWN_NOISE = ("Traceback", "Exception ignored", "BrokenPipeError")


def dti(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environment = {k: v for k, v in environment.items() if v != ""}
    return subprocess.run([sys.executable, "-m", "ranking", *args], cwd=ROOT, capture_output=True, check=False,
                          env=environment)


def bad_case(make_case: CaseWriter) -> tuple[Path, Path]:
    """The tiny case with one value that is not a number (one error) and 300 rows of unknown units."""
    rows = [*TINY_SELF, ("a3", "K.1", "ba", "", ""), *((f"ai{i}", "Y", "có", "", "") for i in range(300))]
    return make_case(self_rows=rows)


@pytest.mark.parametrize("env", [ASCII, C_LOCALE], ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"])
def test_a_stream_without_vietnamese_gets_escapes_and_the_exit_code_of_the_work(
        env: dict[str, str], make_case: CaseWriter, tmp_path: Path) -> None:
    clean = dti("validate", "--criteria", "criteria/hanoi-2025.yaml", "--inputs", "inputs/2025", env=env)
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.decode("ascii") == "Kh\\xf4ng c\\xf3 l\\u1ed7i: criteria/hanoi-2025.yaml, inputs/2025\n"
    criteria, inputs = bad_case(make_case)
    bad = dti("validate", "--criteria", str(criteria), "--inputs", str(inputs), env=env)
    assert bad.returncode == 2
    assert "d\\xf2ng 27, c\\u1ed9t value: c\\u1ea7n m\\u1ed9t s\\u1ed1, g\\u1eb7p 'ba'" in bad.stderr.decode("ascii")
    assert not any(noise in bad.stderr.decode("ascii") for noise in SHUTDOWN_NOISE)
    english = dti("validate", "--criteria", str(criteria), "--inputs", str(inputs), "--json", "--lang", "en", env=env)
    assert english.returncode == 2
    found = json.loads(english.stdout.decode("ascii"))  # \u escapes: still JSON, with the exact text
    assert "line 27, column value: expected a number, found 'ba'" in found["problems"][0]["message"]
    out = tmp_path / "out"
    ranked = dti("rank", "--criteria", str(criteria), "--inputs", str(make_case()[1]), "--out", str(out), env=env)
    assert ranked.returncode == 0, ranked.stderr
    assert "S\\u1edf M\\u1ed9t" in ranked.stdout.decode("ascii")  # the top units, named as the stream can
    assert (out / "results.csv").read_text(encoding="utf-8").count("Sở") == 3  # the files stay UTF-8


def closed_reader(*args: str) -> tuple[int, str]:
    """Run dti with a standard output whose reader has already left (`| head -0`): exit code, stderr."""
    process = subprocess.Popen([sys.executable, "-m", "ranking", *args], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout is not None
    process.stdout.close()  # before dti has written anything: every write to it fails with EPIPE
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode("utf-8")


def test_a_refusal_to_a_reader_that_left_is_still_a_refusal(make_case: CaseWriter) -> None:
    """Old behaviour: exit 0 (the refusal became a success) or 120 with a traceback at shutdown."""
    criteria, inputs = bad_case(make_case)
    for more in ((), ("--json",)):
        code, err = closed_reader("validate", "--criteria", str(criteria), "--inputs", str(inputs), *more)
        assert code == 2, err
        assert not any(noise in err for noise in SHUTDOWN_NOISE), err


def test_a_clean_validation_to_a_reader_that_left_stays_clean() -> None:
    code, err = closed_reader("validate", "--criteria", "criteria/hanoi-2025.yaml", "--inputs", "inputs/2025")
    assert (code, err) == (0, "")


def test_head_takes_the_first_line_and_the_shell_sees_the_refusal(make_case: CaseWriter) -> None:
    """The real pipe: `dti validate … --json | head -1` with many problems, under bash's pipefail."""
    criteria, inputs = bad_case(make_case)
    command = (f"{sys.executable} -m ranking validate --criteria {criteria} --inputs {inputs} --json | head -1; "
               "echo \"status ${PIPESTATUS[0]}\" >&2")
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout == "{\n"
    assert done.stderr.endswith("status 2\n"), done.stderr
    assert not any(noise in done.stderr for noise in SHUTDOWN_NOISE), done.stderr


def test_work_cut_short_by_a_reader_that_left_exits_141() -> None:
    """`dti schema`'s work is its output: cut short, it reports what a shell reports for a closed pipe."""
    assert closed_reader("schema") == (141, "")
