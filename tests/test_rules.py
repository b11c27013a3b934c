"""Every rule of DESIGN.md, computed by hand, including its edge cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ranking.criteria import Best, Choice, Council, Count, MinMax, Ratio, Rule, Tiers, YesNo, load_criteria
from ranking.pipeline import build, load
from ranking.ranking import Ranking
from ranking.scoring import rule_points
from tests.conftest import TINY_APPRAISAL, TINY_CRITERIA, TINY_EXPECTED, CaseWriter

MEETINGS = Tiers(((1, 5), (2, 10), (3, 15), (4, 20)))


def points(rule: Rule, full: float, *values: float) -> list[float]:
    return [round(float(p), 9) for p in rule_points(rule, full, np.array(values, dtype=float))]


def test_yes_no_gives_full_points_or_none() -> None:
    assert points(YesNo(), 10, 1, 0) == [10, 0]


def test_ratio_scales_to_the_target_and_caps_at_full() -> None:
    assert points(Ratio(0.8), 20, 0.6, 0.8, 1.0, 0) == [15, 20, 20, 0]
    assert points(Ratio(), 10, 0.85) == [8.5]


@pytest.mark.parametrize(("meetings", "expected"), [(4, 20), (5, 20), (3, 15), (3.5, 15), (2, 10), (1, 5), (0, 0)])
def test_tiers_take_the_largest_threshold_reached(meetings: float, expected: float) -> None:
    assert points(MEETINGS, 20, meetings) == [expected]


def test_tiers_in_any_order_give_the_same_points(tmp_path: Path) -> None:
    """Tiers written in any order in the criteria file score as published (the loader orders them)."""
    text = TINY_CRITERIA.replace("[[4, 20], [3, 15], [2, 10], [1, 5]]", "[[3, 15], [1, 5], [4, 20], [2, 10]]")
    assert text != TINY_CRITERIA
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    tiers = next(i for i in load_criteria(tmp_path / "c.yaml").group("A").indicators if i.id == "T").rule
    assert points(tiers, 20, 0, 1, 2.5, 3, 9) == [0, 5, 10, 15, 20]


def test_tiers_lower_is_better_takes_the_smallest_threshold_not_below() -> None:
    days = Tiers(((2, 10), (5, 5), (10, 2)), better="lower")
    assert points(days, 10, 1, 2, 3, 5, 7, 10, 11) == [10, 10, 5, 5, 2, 2, 0]


def test_choice_gives_the_share_of_the_label() -> None:
    rule = Choice((("Chủ tịch", 1.0), ("Phó Chủ tịch", 0.5)))
    assert points(rule, 10, 1.0, 0.5) == [10, 5]


def test_best_higher_is_relative_to_the_maximum() -> None:
    assert points(Best("higher"), 10, 200, 100, 0) == [10, 5, 0]


def test_best_higher_with_maximum_zero_gives_zero() -> None:
    assert points(Best("higher"), 10, 0, 0) == [0, 0]


def test_best_lower_is_relative_to_the_minimum_and_zero_is_full() -> None:
    assert points(Best("lower"), 10, 2, 4, 8) == [10, 5, 2.5]
    assert points(Best("lower"), 10, 0, 4) == [10, 0]


def test_minmax_scales_between_the_extremes() -> None:
    assert points(MinMax("higher"), 10, 5, 10, 15) == [0, 5, 10]
    assert points(MinMax("lower"), 10, 5, 10, 15) == [10, 5, 0]


def test_minmax_all_equal_gives_full_points() -> None:
    assert points(MinMax("lower"), 10, 7, 7, 7) == [10, 10, 10]


def test_count_gives_per_item_up_to_the_points() -> None:
    assert points(Count(2), 10, 0, 3, 5, 8) == [0, 6, 10, 10]


def test_council_awards_the_value() -> None:
    assert points(Council(), 15, 0, 7.5, 15) == [0, 7.5, 15]


def test_tiny_case_matches_the_hand_computation(tiny: Ranking) -> None:
    got = {u.score.unit: (u.score.points, u.score.max_points) for u in tiny.units}
    assert got == TINY_EXPECTED


def test_denominator_zero_makes_the_indicator_not_applicable(tiny: Ranking) -> None:
    row = next(i for i in tiny.indicators if (i.unit, i.indicator) == ("b1", "R"))
    assert (row.status, row.points, row.max_points) == ("not_applicable", 0, 0)


def test_missing_value_scores_zero_and_is_marked(tiny: Ranking) -> None:
    row = next(i for i in tiny.indicators if (i.unit, i.indicator) == ("a3", "C"))
    assert (row.status, row.points, row.max_points) == ("missing", 0, 10)


def test_indicator_outside_applies_to_is_not_applicable(tiny: Ranking) -> None:
    row = next(i for i in tiny.indicators if (i.unit, i.indicator) == ("a3", "B"))
    assert (row.status, row.max_points) == ("not_applicable", 0)


def test_appraised_value_replaces_the_self_assessed_one(tiny: Ranking) -> None:
    row = next(i for i in tiny.indicators if (i.unit, i.indicator) == ("a1", "K.2"))
    assert (row.self_value, row.appraised_value, row.value) == ("7", "5", "5")
    assert (row.self_points, row.points) == (7, 5)
    assert row.note == "Hội đồng: minh chứng chưa đầy đủ"
    unit = next(u for u in tiny.units if u.score.unit == "a1")
    assert (unit.score.self_points, unit.score.points) == (78, 76)
    assert unit.score.self_index == pytest.approx(0.78)


def test_pillar_index_is_its_points_over_its_maximum(tiny: Ranking) -> None:
    a3 = next(u for u in tiny.units if u.score.unit == "a3")
    by_id = {p.pillar: p for p in a3.score.pillars}
    assert (by_id["P1"].points, by_id["P1"].max_points) == (20, 50)
    assert by_id["P1"].index == pytest.approx(0.4)
    assert (by_id["P2"].points, by_id["P2"].max_points) == (9, 40)


def test_relative_rules_compare_self_assessed_values_among_themselves(make_case: CaseWriter) -> None:
    # a2's self-assessed M is 15 but the council sets it to 5: its final M is full, a1's drops to full too
    # (both 5), while the self-assessed scoring still compares 5 with 15.
    criteria_path, folder = make_case(appraisal=[*TINY_APPRAISAL, ("a2", "M", "5", "", "sửa")])
    ranking = build(*load(criteria_path, folder))
    rows = {i.unit: i for i in ranking.indicators if i.indicator == "M"}
    assert (rows["a1"].self_points, rows["a1"].points) == (10, 10)
    assert (rows["a2"].self_points, rows["a2"].points) == (0, 10)
    assert (rows["a3"].self_points, rows["a3"].points) == (5, 0)
