"""Competition ranks with the tie tolerance, and bands."""

from __future__ import annotations

from random import Random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ranking.ranking import Ranking, competition_ranks, competition_ranks_rows


def test_ties_share_a_rank_and_skip_the_next() -> None:
    assert competition_ranks([0.9, 0.8, 0.8, 0.7]).tolist() == [1, 2, 2, 4]
    assert competition_ranks([0.5, 0.5, 0.5]).tolist() == [1, 1, 1]


def test_published_example_fifteen_fifteen_seventeen() -> None:
    values = [1 - k / 100 for k in range(14)] + [0.5, 0.5, 0.4]
    assert competition_ranks(values).tolist()[-3:] == [15, 15, 17]


def test_rounding_noise_does_not_split_a_tie() -> None:
    a = 0.1 + 0.2  # 0.30000000000000004
    assert competition_ranks([a, 0.3, 0.3 - 1e-10]).tolist() == [1, 1, 1]
    assert competition_ranks([0.3, 0.3 - 2e-9]).tolist() == [1, 2]


def naive_ranks(values: list[float]) -> list[int]:
    """The rule in plain words: from the highest down, a value less than 1e-9 below the previous one shares
    its rank; otherwise its rank is its position."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0] * len(values)
    for k, i in enumerate(order):
        tied = k > 0 and values[order[k - 1]] - values[i] < 1e-9
        ranks[i] = ranks[order[k - 1]] if tied else k + 1
    return ranks


NEAR = st.sampled_from([0.0, 0.5, 0.5 + 1e-9 / 3, 0.5 + 2e-9 / 3, 0.5 + 2e-9, 0.7, 1.0]) | st.floats(0, 1)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(NEAR, min_size=6, max_size=6), min_size=1, max_size=5))
def test_ranks_of_every_row_follow_the_rule(rows: list[list[float]]) -> None:
    assert competition_ranks_rows(rows).tolist() == [naive_ranks(r) for r in rows]


@settings(max_examples=100, deadline=None)
@given(st.lists(NEAR, min_size=1, max_size=30))
def test_ranks_are_competition_ranks(values: list[float]) -> None:
    ranks = competition_ranks(values)
    for r in set(ranks.tolist()):  # exactly r - 1 units stand before rank r
        assert int(np.sum(ranks < r)) == r - 1
    v = np.array(values)
    for i in range(len(v)):
        assert all(ranks[j] <= ranks[i] for j in range(len(v)) if v[j] > v[i])  # higher never ranks lower
        assert all(ranks[j] == ranks[i] for j in range(len(v)) if abs(v[j] - v[i]) < 1e-9)


def test_a_chain_of_near_values_is_one_tie() -> None:
    # 1e-9 apart end to end, but each less than 1e-9 from its neighbour: one tie, never "1, 1, 2".
    assert competition_ranks([1e-9, 5e-10, 0.0, -1.0]).tolist() == [1, 1, 1, 4]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_ranks_do_not_depend_on_order(values: list[float], rnd: Random) -> None:
    order = list(range(len(values)))
    rnd.shuffle(order)
    ranks = competition_ranks(values)
    shuffled = competition_ranks([values[i] for i in order])
    assert [ranks[i] for i in order] == shuffled.tolist()


def test_tiny_ranks_and_bands(tiny: Ranking) -> None:
    got = [(u.score.group, u.score.unit, u.rank, u.band) for u in tiny.units]
    assert got == [
        ("A", "a1", 1, "Tốt"), ("A", "a2", 2, "Tốt"), ("A", "a3", 3, "Cần cải thiện"),
        ("B", "b1", 1, "Xuất sắc"), ("B", "b2", 2, "Tốt"),
    ]
    assert [u.score.unit for u in tiny.group("B")] == ["b1", "b2"]


def argsort_ranks(scores: np.ndarray) -> np.ndarray:
    """The reference the packed-integer sort is held to: numpy's argsort of every row, as the ranks were
    computed before."""
    order = np.argsort(-scores, axis=1)
    desc = np.take_along_axis(scores, order, axis=1)
    starts = np.ones(scores.shape, dtype=bool)
    starts[:, 1:] = (desc[:, :-1] - desc[:, 1:]) >= 1e-9
    first = np.maximum.accumulate(np.where(starts, np.arange(scores.shape[1]), 0), axis=1)
    ranks = np.empty(scores.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=1)
    return ranks


# values that the packed sort cannot tell apart (the same bits but the lowest 12), and those it must
# hand over to argsort: negative numbers, -0.0, NaN and the infinities
CLOSE = st.sampled_from([0.5, float(np.nextafter(0.5, 1)), 0.5 + 2**-45, 0.5 - 2**-45, 0.5 + 1e-9, 0.5 - 1e-9,
                         0.5 + 1e-9 + 2**-45, 0.0, -0.0, 1.0])
ODD = st.sampled_from([-0.25, -1e-12, float("nan"), float("inf"), float("-inf")])


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5), st.integers(0, 40), st.data())
def test_the_packed_sort_gives_argsorts_ranks(rows: int, columns: int, data: st.DataObject) -> None:
    values = data.draw(st.lists(st.lists(CLOSE | st.floats(0, 1) | ODD, min_size=columns, max_size=columns),
                                min_size=rows, max_size=rows))
    scores = np.array(values, dtype=float).reshape(rows, columns)
    with np.errstate(invalid="ignore"):  # inf - inf, in both
        assert np.array_equal(competition_ranks_rows(scores), argsort_ranks(scores))


def test_the_packed_sort_on_a_national_size_group() -> None:
    """3,321 columns (12 bits for the column), many exact ties, and near-ties of 2e-9 (which the packed sort
    orders) or of 1e-13 (closer than it can tell apart: such a row is sorted again with argsort): the ranks
    are argsort's either way."""
    rng = np.random.default_rng(4)
    base = np.round(rng.uniform(0.4, 0.6, size=(64, 3_321)), 4)
    for gap in (2e-9, 1e-13):
        scores = base.copy()
        scores[:, ::5] += rng.choice([0.0, gap], size=(64, 665))
        assert np.array_equal(competition_ranks_rows(scores), argsort_ranks(scores))
