"""Mutation fuzzing of the inputs loaders: the CSVs of the corpus base case and of the 2025 sample, with
bytes inserted, deleted or flipped and lines swapped or repeated, load either to valid inputs (every
number finite and within range) or to a DataError listing problems, never another exception."""

from __future__ import annotations

import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ranking.criteria import Criteria, load_criteria
from ranking.errors import DataError
from ranking.inputs import MAX_ABS, load_inputs
from tests.conftest import ROOT

FILES = ("units.csv", "self_assessment.csv", "appraisal.csv")
# Bytes that break CSVs and encodings: separators, quotes, line ends, NUL, escape, a UTF-8 lead byte
# without its continuation, a BOM, a decomposed accent, a bidi override, a Cyrillic a.
NASTY = [b",", b";", b'"', b"\n", b"\r", b"\x00", b"\x1b", b"\xc3", b"\xef\xbb\xbf", "\u0301".encode(),
         "\u202e".encode(), "а".encode(), b"9" * 40, b"-0", b"1e309", b"nan", b"con", b"../"]


@dataclass(frozen=True)
class Case:
    criteria: Criteria
    folder: Path


@pytest.fixture(scope="module", params=["base", "sample-2025"])
def case(request: pytest.FixtureRequest) -> Case:
    if request.param == "base":
        criteria_path, folder = ROOT / "tests" / "corpus" / "base" / "criteria.yaml", ROOT / "tests/corpus/base/inputs"
    else:
        criteria_path, folder = ROOT / "criteria" / "hanoi-2025.yaml", ROOT / "inputs" / "2025"
    return Case(load_criteria(criteria_path), folder)


def mutate(data: bytes, draw: st.DrawFn) -> bytes:
    """One to four edits: insert (random or nasty bytes), delete a run, flip a byte, swap or repeat lines."""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "flip", "swap", "repeat"]))
        at = draw(st.integers(0, len(data)))
        if kind == "insert":
            data = data[:at] + draw(st.sampled_from(NASTY) | st.binary(min_size=1, max_size=8)) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)):]
        elif kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1:]
        else:
            lines = data.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(j, lines[i])
            data = b"\n".join(lines)
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_mutated_input_loads_or_is_refused(case: Case, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES), label="file")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "inputs"
        shutil.copytree(case.folder, folder)
        path = folder / name
        path.write_bytes(mutate(path.read_bytes(), data.draw))
        partial = data.draw(st.booleans(), label="partial")
        try:
            inputs = load_inputs(case.criteria, folder, partial=partial)
        except DataError as exc:
            assert exc.problems and all(p.severity == "error" for p in exc.problems)
            assert exc.render("en") and exc.render("vi")
            return
    for value in (*inputs.self_assessed.values(), *inputs.appraised.values()):
        assert value.number is None or (math.isfinite(value.number) and abs(value.number) <= MAX_ABS)
    assert all(unit.id and unit.name for unit in inputs.units)
