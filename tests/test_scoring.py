"""Scoring invariants: the weighted sum equals scikit-criteria's, and properties that must always hold."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from functools import partial
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
from ranking.scoring import IndicatorScore, IndicatorScores, rule_points, score, weighted_sum
from tests.conftest import TINY_APPRAISAL, TINY_CRITERIA, TINY_SELF, TINY_UNITS, Sample, write_csv
from tests.oracles import skcriteria_scores

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


def test_the_group_matrices_by_hand(tiny: Ranking) -> None:
    """Group A of the tiny case (conftest): rows a1, a2, a3; columns in file order; a3's B does not apply."""
    a = tiny.matrix("A")
    assert (a.units, a.indicators, a.pillars) == (("a1", "a2", "a3"), ("Y", "R", "T", "C", "B", "M", "K.1", "K.2"),
                                                  ("P1", "P2"))
    assert a.pillar_of.tolist() == [0, 0, 0, 1, 1, 1, 1, 1]
    close = partial(np.testing.assert_allclose, rtol=0, atol=1e-12)
    close(a.points, [[10, 15, 15, 5, 10, 10, 6, 5], [0, 20, 20, 10, 5, 0, 10, 10], [10, 10, 0, 0, 0, 5, 0, 4]])
    close(a.self_points[0], [10, 15, 15, 5, 10, 10, 6, 7])  # a1 proposed 7 for the council's K.2
    assert a.applicable.tolist()[2] == [True, True, True, True, False, True, True, True]
    close(a.maxima[2], [10, 20, 20, 10, 0, 10, 10, 10])
    close(a.totals, [[76, 100, 78, 100], [75, 100, 75, 100], [29, 90, 29, 90]])
    close(a.pillar_points, [[40, 36], [40, 35], [20, 9]])
    close(a.pillar_maxima, [[50, 50], [50, 50], [50, 40]])
    close(a.index, [0.76, 0.75, 29 / 90])
    assert np.isnan(tiny.matrix("B").pillar_index(1.0)).tolist() == [[False], [False]]
    views = {u.unit: u for u in score(tiny.criteria, tiny.inputs).units}
    assert (views["a1"].points, views["a1"].self_points, views["a3"].pillar_index("P2")) == pytest.approx(
        (76, 78, 9 / 40), abs=1e-12)


def test_an_indicator_score_holds_each_field_under_its_name(tiny: Ranking) -> None:
    """a1's K.2 and Y: every text field differs from the others, so two fields swapped in scoring fail."""
    rows = {(r.unit, r.indicator): r for r in tiny.indicators}
    assert rows[("a1", "K.2")] == IndicatorScore(
        group="A", unit="a1", indicator="K.2", pillar="P2", status="ok", self_value="7", appraised_value="5",
        value="5", self_points=7.0, points=5.0, max_points=10.0, evidence="", note="Hội đồng: minh chứng chưa đầy đủ",
        source="appraised")
    assert (rows[("a1", "Y")].evidence, rows[("a1", "Y")].note, rows[("a1", "Y")].source) == ("QĐ 1", "", "self")
    assert tiny.indicators.column("note")[7] == "Hội đồng: minh chứng chưa đầy đủ"
