"""Scoring invariants: the weighted sum equals scikit-criteria's, and properties that must always hold."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from random import Random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ranking.criteria import Best, Count, MinMax, Ratio, Tiers, load_criteria
from ranking.inputs import Values, load_inputs
from ranking.ranking import Ranking, rank
from ranking.scoring import IndicatorScore, IndicatorScores, rule_points, score, skcriteria_scores, weighted_sum
from tests.conftest import TINY_APPRAISAL, TINY_CRITERIA, TINY_SELF, TINY_UNITS, Sample, write_csv

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.integers(2, 12), st.integers(1, 8), st.data())
def test_weighted_sum_equals_scikit_criteria(units: int, indicators: int, data: st.DataObject) -> None:
    achievement = data.draw(arrays(np.float64, (units, indicators), elements=st.floats(0, 1)))
    points = data.draw(arrays(np.float64, indicators, elements=st.floats(1, 100)))
    weights = points / points.sum()
    ours = weighted_sum(achievement, np.tile(weights, (units, 1)))
    np.testing.assert_allclose(ours, skcriteria_scores("weighted_sum", achievement, weights), atol=1e-12)


def test_unit_index_is_the_weighted_sum_of_achievement(sample: Sample) -> None:
    scores = sample.scores()
    for unit in scores.units:
        assert unit.index == pytest.approx(unit.points / unit.max_points * scores.criteria.scale, abs=1e-12)


def _standings(folder: Path, units: list[tuple[str, ...]], rows: list[tuple[str, ...]]) -> set[tuple[object, ...]]:
    (folder / "c.yaml").write_text(TINY_CRITERIA, encoding="utf-8")
    write_csv(folder / "units.csv", ("id", "name", "group", "tags", "predecessors"), units)
    write_csv(folder / "self_assessment.csv", ("unit", "indicator", "value", "denominator", "evidence"), rows)
    write_csv(folder / "appraisal.csv", ("unit", "indicator", "value", "denominator", "note"), TINY_APPRAISAL)
    criteria = load_criteria(folder / "c.yaml")
    ranking = rank(score(criteria, load_inputs(criteria, folder)))
    return {(u.score.unit, round(u.score.points, 9), round(u.score.self_points, 9), u.rank) for u in ranking.units}


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffling_units_and_rows_changes_nothing(tmp_path_factory: pytest.TempPathFactory, rnd: Random) -> None:
    expected = _standings(tmp_path_factory.mktemp("base"), list(TINY_UNITS), list(TINY_SELF))
    units, rows = list(TINY_UNITS), list(TINY_SELF)
    rnd.shuffle(units)
    rnd.shuffle(rows)
    assert _standings(tmp_path_factory.mktemp("shuffled"), units, rows) == expected


HIGHER_RULES = [Ratio(0.8), Tiers(((1, 5), (2, 10), (4, 20))), Best("higher"), MinMax("higher"), Count(2)]


@SETTINGS
@given(st.sampled_from(HIGHER_RULES), st.lists(st.floats(0, 1e3), min_size=1, max_size=10), st.data())
def test_raising_a_value_never_lowers_that_units_points(rule: object, values: list[float], data: st.DataObject) -> None:
    v = np.array(values)
    if isinstance(rule, Ratio):
        v = v / 1e3
    i = data.draw(st.integers(0, len(v) - 1))
    raised = v.copy()
    raised[i] = data.draw(st.floats(float(v[i]), float(v.max()) * 2 + 1 if not isinstance(rule, Ratio) else 1.0))
    before = rule_points(rule, 20, v)[i]  # type: ignore[arg-type]
    after = rule_points(rule, 20, raised)[i]  # type: ignore[arg-type]
    assert after >= before - 1e-9


@SETTINGS
@given(st.sampled_from(HIGHER_RULES), st.lists(st.floats(0, 1e3), min_size=1, max_size=10))
def test_points_stay_between_zero_and_the_indicators(rule: object, values: list[float]) -> None:
    v = np.array(values) / (1e3 if isinstance(rule, Ratio) else 1)
    got = rule_points(rule, 20, v)  # type: ignore[arg-type]
    assert ((got >= 0) & (got <= 20 + 1e-9)).all()


def test_validate_never_imports_scikit_criteria_or_weasyprint(tmp_path: Path) -> None:
    code = ("import sys; from ranking.cli import main; "
            "rc = main(['validate', '--criteria', 'criteria/hanoi-2025.yaml', '--inputs', 'inputs/2025']); "
            "bad = [m for m in ('skcriteria', 'weasyprint', 'openpyxl', 'matplotlib') if m in sys.modules]; "
            "print(rc, bad)")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def test_the_sample_has_the_promised_features(sample: Sample) -> None:
    ranking = sample.ranking()
    statuses = {i.status for i in ranking.indicators}
    unscored = {"unscored"} if sample.year == "2025" else set()  # CQS.11 (illustrative, issue 18)
    assert statuses == {"ok", "missing", "not_applicable", *unscored}
    assert any(i.appraised_value and i.appraised_value != i.self_value for i in ranking.indicators)
    ranks = [(u.score.group, u.rank) for u in ranking.units]
    assert len(set(ranks)) < len(ranks), "the sample must hold at least one tie"


def test_the_indicator_scores_read_like_a_tuple(tiny: Ranking) -> None:
    """IndicatorScores keeps every unit's indicator scores as columns; read, it is the tuple it replaces."""
    rows = tiny.indicators
    listed = list(rows)
    assert len(rows) == len(listed) > 0
    assert all(isinstance(r, IndicatorScore) for r in listed)
    assert (rows[0], rows[-1], rows[1:3]) == (listed[0], listed[-1], tuple(listed[1:3]))
    assert [(r.unit, r.indicator) for r in listed[:2]] == [("a1", "Y"), ("a1", "R")]
    assert len(IndicatorScores()) == 0 and list(IndicatorScores()) == []


def test_plain_dicts_of_values_score_the_same(tiny: Ranking) -> None:
    """Inputs made in code (dicts of Value) are scored like those loaded from files (Values)."""
    inputs = tiny.inputs
    plain = replace(inputs, self_assessed=dict(inputs.self_assessed), appraised=dict(inputs.appraised),
                    measured=dict(inputs.measured))
    assert isinstance(inputs.self_assessed, Values) and not isinstance(plain.self_assessed, Values)
    assert score(tiny.criteria, plain) == score(tiny.criteria, inputs)
