"""Competition ranks with the tie tolerance, and bands."""

from __future__ import annotations

from random import Random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ranking.ranking import Ranking, competition_ranks


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


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_ranks_are_competition_ranks(values: list[float]) -> None:
    ranks = competition_ranks(values)
    v = np.array(values)
    for i in range(len(v)):
        assert ranks[i] == 1 + int(np.sum(v - v[i] >= 1e-9))
    # the number of units ranked before rank r is exactly r - 1 for every rank that occurs
    for r in set(ranks.tolist()):
        assert int(np.sum(ranks < r)) == r - 1
    assert ranks.min() == 1


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
