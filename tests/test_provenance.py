"""What is published is what was scored: every input is read once and the hash in run.json is of the bytes
that were parsed, even when a file is replaced while the command runs (issue 21, item 4)."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ranking.history
import ranking.inputs
from ranking import cli
from tests.conftest import TINY_SELF, CaseWriter, write_csv

SELF_HEADER = ("unit", "indicator", "value", "denominator", "evidence")


def _results(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8", newline="") as f:
        return {row["unit"]: row for row in csv.DictReader(f)}


def test_an_input_replaced_after_it_was_parsed_publishes_the_hash_of_what_was_parsed(
        make_case: CaseWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague saves a corrected self_assessment.csv while the run loads the others: run.json names the
    version that was scored (b2 scored 15 of 20 on R = 50 %), not the one on disk at the end."""
    criteria, inputs = make_case()
    path = inputs / "self_assessment.csv"
    scored = path.read_bytes()
    corrected = [row if row[:2] != ("b2", "R") else ("b2", "R", "100%", "", "") for row in TINY_SELF]
    real = ranking.inputs.council_pending

    def replaced_meanwhile(*args: object, **kwargs: object) -> object:
        write_csv(path, SELF_HEADER, corrected)  # after every file was parsed, before the run publishes
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ranking.inputs, "council_pending", replaced_meanwhile)
    out = tmp_path / "out"
    assert cli.main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out)]) == 0
    assert path.read_bytes() != scored
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["inputs"]["self_assessment.csv"] == hashlib.sha256(scored).hexdigest()
    assert _results(out)["b2"]["points"] == "15"
    for name in ("units.csv", "appraisal.csv"):
        assert record["inputs"][name] == hashlib.sha256((inputs / name).read_bytes()).hexdigest()


def test_previous_results_replaced_while_read_publish_the_hash_of_what_was_compared(
        make_case: CaseWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The previous results are hashed and parsed from one read: replacing the file after its header was
    looked at changes neither the comparison nor the hash published."""
    criteria, inputs = make_case()
    previous = tmp_path / "previous.csv"
    header = ("group", "unit", "name", "index", "rank", "band")
    others = [("A", unit, unit.upper(), "0.5", "2", "Tốt") for unit in ("x", "y", "z")]  # a2's, a3's predecessors
    write_csv(previous, header, [("A", "a1", "Sở Một", "0.7", "1", "Tốt"), *others])
    compared = previous.read_bytes()
    real = ranking.history.read_csv

    def replaced_meanwhile(*args: Any, **kwargs: Any) -> Iterator[tuple[int, dict[str, str]]]:
        write_csv(previous, header, [("A", "a1", "Sở Một", "0.1", "1", "Tốt"), *others])
        return real(*args, **kwargs)

    monkeypatch.setattr(ranking.history, "read_csv", replaced_meanwhile)
    out = tmp_path / "out"
    assert cli.main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out),
                     "--previous", str(previous)]) == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["inputs"]["previous.csv"] == hashlib.sha256(compared).hexdigest()
    assert _results(out)["a1"]["previous_index"] == "0.7"


def test_the_sample_mark_is_hashed_as_read(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria, inputs = make_case()
    (inputs / "SAMPLE").write_text("Dữ liệu mẫu\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out)]) == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["inputs"]["SAMPLE"] == hashlib.sha256("Dữ liệu mẫu\n".encode()).hexdigest()
    assert sorted(record["inputs"]) == ["SAMPLE", "appraisal.csv", "self_assessment.csv", "units.csv"]
