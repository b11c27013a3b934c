"""The Monte Carlo robustness analysis: reproducible, exact in the limit, right on hand-made cases, and the
vectorised kernels held to scikit-criteria's models and rank comparison."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranking.criteria import RobustnessSpec
from ranking.ranking import Ranking, Robustness, competition_ranks, competition_ranks_rows
from ranking.robustness import (
    GEOMETRIC_FLOOR,
    METHODS,
    Pillars,
    analyse,
    analyse_group,
    draw_scores,
    kendall_tau_b,
    pillars,
    sample,
    spearman_rho,
    topsis,
    weighted_geometric,
    weighted_sum,
)
from ranking.scoring import Method
from tests.conftest import ROOT, Sample
from tests.oracles import interval, simulate, skcriteria_scores, summarise

FAST = RobustnessSpec(concentration=50, draws=400, seed=7)
EXACT = RobustnessSpec(concentration=math.inf, draws=50, seed=1)


def _full(achievement: list[list[float]], weights: list[float]) -> Pillars:
    a = np.array(achievement, dtype=float)
    return Pillars(a, np.ones_like(a), np.array(weights) / sum(weights))


# --- reproducible ---------------------------------------------------------------------------------------
def test_seeded_runs_give_identical_intervals(tiny: Ranking) -> None:
    spec = replace(FAST, leave_one_out=True)
    first, second = analyse(tiny, spec), analyse(tiny, spec)
    assert [u.robustness for u in first.units] == [u.robustness for u in second.units]
    assert first.analysis == second.analysis
    assert all((u.robustness is not None) == (u.score.group == "A") for u in first.units)  # B: one pillar


def test_another_seed_draws_differently() -> None:
    p = _full([[0.9, 0.2], [0.2, 0.88], [0.5, 0.5]], [1, 1])
    a, _ = simulate(p, FAST, np.random.default_rng(1))
    b, _ = simulate(p, FAST, np.random.default_rng(2))
    assert not np.array_equal(a.weights, b.weights)


def test_the_analysis_uses_the_criteria_settings(tiny: Ranking) -> None:
    criteria = replace(tiny.criteria, robustness=RobustnessSpec(concentration=20, draws=123, seed=5))
    done = analyse(replace(tiny, criteria=criteria))
    assert {(g.draws, g.concentration, g.seed) for g in done.analysis} == {(123, 20, 5)}
    assert [g.group for g in done.analysis] == ["A"]
    assert done.robustness("A") is done.analysis[0] and done.robustness("nope") is None


def test_a_group_of_one_pillar_has_no_analysis(tiny: Ranking) -> None:
    """Tiny group B has one pillar: no weights to vary, so no interval and no statistics; group A (two
    pillars) is analysed as it would be alone (each group draws from its own seed)."""
    assert [len(g.pillars) for g in tiny.criteria.groups] == [2, 1]
    done = analyse(tiny, FAST)
    assert done.analysed and not tiny.analysed
    assert done.robustness("B") is None and [g.group for g in done.analysis] == ["A"]
    assert [u.robustness for u in done.group("B")] == [None, None]
    alone = analyse(replace(tiny, units=tiny.group("A")), FAST)
    assert [u.robustness for u in done.group("A")] == [u.robustness for u in alone.group("A")]
    assert all(u.robustness is not None for u in alone.units) and done.analysis == alone.analysis


# --- exact in the limit -----------------------------------------------------------------------------------
def test_published_weights_give_the_official_index(tiny: Ranking) -> None:
    """Renormalising over the applicable pillars reproduces points / max points, a3's partial P2 included."""
    for group in tiny.criteria.groups:
        members = [u.score for u in tiny.group(group.id)]
        p = pillars(group, tiny.matrix(group.id), [u.unit for u in members])
        assert weighted_sum(p, p.weights[None, :])[0] == pytest.approx([u.index for u in members], abs=1e-12)
    a3 = next(u.score for u in tiny.units if u.score.unit == "a3")
    assert a3.max_points == 90  # B does not apply: P2 is 40 of its 50 points


def test_no_perturbation_every_interval_is_the_nominal_rank(tiny: Ranking) -> None:
    done = analyse(tiny, EXACT, methods=("weighted_sum",))
    for u in done.group("A"):
        assert u.robustness == Robustness(float(u.rank), u.rank, u.rank)
    assert all(g.shift == 0 for g in done.analysis)


def test_shrunk_perturbation_on_the_sample_keeps_every_rank() -> None:
    """The 2025 sample: 143 units, ties, a pillar for 8 departments only, ratios with denominator 0."""
    if not (ROOT / "inputs" / "2025").is_dir():
        pytest.skip("the sample inputs are not generated")
    ranking = Sample("2025").ranking()
    for spec in (replace(EXACT, draws=20), RobustnessSpec(concentration=1e12, draws=20, seed=3)):
        done = analyse(ranking, spec, methods=("weighted_sum",))
        off = [(u.score.unit, u.rank, u.robustness) for u in done.units
               if u.robustness != Robustness(float(u.rank), u.rank, u.rank)]
        assert off == []


# --- hand-made fragile and firm ranks ---------------------------------------------------------------------
def test_a_close_pair_is_fragile_and_the_ends_are_firm() -> None:
    """A leads every pillar, D trails every pillar; B (strong on pillar 1) and C (on pillar 2) are 0.01 apart,
    so a small shift of weight between the pillars swaps them."""
    p = _full([[0.95, 0.95], [0.9, 0.2], [0.2, 0.88], [0.1, 0.1]], [1, 1])
    official = competition_ranks(weighted_sum(p, p.weights[None, :])[0])
    assert official.tolist() == [1, 2, 3, 4]
    spec = RobustnessSpec(concentration=20, draws=2000, seed=11)
    draws, ranks = simulate(p, spec, np.random.default_rng(0))
    units, stats = summarise("g", p, official, draws, ranks, spec)
    a, b, c, d = units
    assert (a.low, a.high, d.low, d.high) == (1, 1, 4, 4)
    assert (b.low, b.high, c.low, c.high) == (2, 3, 2, 3)
    assert 0 < stats.shift < 1
    assert {m.method: m.draws for m in stats.methods}.keys() == set(METHODS)
    assert sum(m.draws for m in stats.methods) == 2000


def test_leaving_a_pillar_out_exposes_a_one_pillar_unit() -> None:
    """S excels on pillar 3 only; it ranks 1st with it, last without it."""
    p = _full([[0.3, 0.3, 1.0], [0.6, 0.6, 0.4], [0.5, 0.5, 0.5]], [1, 1, 2])
    base = RobustnessSpec(concentration=math.inf, draws=3000, seed=2)
    _, firm = simulate(p, base, np.random.default_rng(0), methods=("weighted_sum",))
    draws, loo = simulate(p, replace(base, leave_one_out=True), np.random.default_rng(0), methods=("weighted_sum",))
    assert set(firm[:, 0].tolist()) == {1}
    assert set(loo[:, 0].tolist()) == {1, 3}
    assert (loo[draws.dropped == 2, 0] == 3).all()
    rows = np.flatnonzero(draws.dropped >= 0)
    assert (draws.weights[rows, draws.dropped[rows]] == 0).all()
    assert np.allclose(draws.weights.sum(axis=1), 1)
    assert set(np.unique(draws.dropped).tolist()) == {-1, 0, 1, 2}


def test_firmness_scales_with_the_group() -> None:
    r = Robustness(10.0, 8, 12)
    assert r.spread == 4
    assert not r.is_firm(17) and r.is_firm(126)
    assert Robustness(3.0, 2, 4).is_firm(5)


def test_a_single_pillar_is_never_left_out() -> None:
    draws = sample(np.array([1.0]), RobustnessSpec(draws=20, leave_one_out=True), np.random.default_rng(0))
    assert (draws.dropped == -1).all() and (draws.weights == 1).all()


def test_a_pillar_not_applicable_drops_out_of_every_method() -> None:
    """U2 lacks pillar 2: its scores are those of its pillar 1 alone (TOPSIS: its distances on pillar 1)."""
    a = np.array([[0.8, 0.4], [0.6, 0.0], [0.2, 0.9]])
    share = np.array([[1.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    p = Pillars(a, share, np.array([0.5, 0.5]))
    w = np.array([[0.3, 0.7]])
    assert weighted_sum(p, w)[0, 1] == pytest.approx(0.6)
    assert weighted_geometric(p, w)[0, 1] == pytest.approx(0.6)
    # pillar 1: best 0.8, worst 0.2 → U2 (0.6) is 0.3·0.2 from the best, 0.3·0.4 from the worst
    assert topsis(p, w)[0, 1] == pytest.approx(0.12 / 0.18)
    # U1 by hand: d+ = 0.7·(0.9 − 0.4) = 0.35, d− = sqrt((0.3·0.6)² + (0.7·0)²) = 0.18
    assert topsis(p, w)[0, 0] == pytest.approx(0.18 / (0.35 + 0.18))


def test_an_empty_pillar_is_floored_in_the_geometric_mean() -> None:
    p = _full([[0.0, 1.0], [0.5, 0.5]], [1, 1])
    assert weighted_geometric(p, p.weights[None, :])[0] == pytest.approx([math.sqrt(GEOMETRIC_FLOOR), 0.5])


# --- the vectorised kernels against scikit-criteria ------------------------------------------------------
@pytest.mark.parametrize("method", METHODS)
def test_vectorised_methods_match_scikit_criteria(method: Method) -> None:
    rng = np.random.default_rng(42)
    matrix = rng.uniform(0.05, 1.0, size=(15, 6))  # no zero: the product model takes logarithms
    p = _full(matrix.tolist(), [1] * 6)
    draws = sample(p.weights, RobustnessSpec(concentration=10, draws=25, seed=0), rng, methods=(method,))
    ours = draw_scores(p, draws)
    ranks = competition_ranks_rows(ours)
    for row, w in enumerate(draws.weights):
        theirs = skcriteria_scores(method, matrix, w)
        if method == "weighted_product":  # Σ w·log10(a), with Σ w = 1
            assert np.log10(ours[row]) == pytest.approx(theirs, abs=1e-12)
        else:
            assert ours[row] == pytest.approx(theirs, abs=1e-12)
        assert ranks[row].tolist() == competition_ranks(theirs).tolist()


def test_rank_correlations_match_scikit_criteria_comparator() -> None:
    from skcriteria.agg import RankResult
    from skcriteria.cmp import mkrank_cmp

    official = np.array([1, 2, 2, 4, 5, 6, 6, 8])  # competition ranks, ours
    other = np.array([2, 1, 3, 3, 5, 8, 6, 7])

    def dense(ranks: np.ndarray) -> np.ndarray:  # skcriteria accepts dense ranks only; the order is the same
        return np.unique(ranks, return_inverse=True)[1] + 1

    names = [f"u{i}" for i in range(len(official))]
    cmp = mkrank_cmp(RankResult("official", names, dense(official), {}), RankResult("other", names, dense(other), {}))
    assert kendall_tau_b(official, other) == pytest.approx(cmp.corr(method="kendall").iloc[0, 1], abs=1e-12)
    assert spearman_rho(official, other) == pytest.approx(cmp.corr(method="spearman").iloc[0, 1], abs=1e-12)
    assert kendall_tau_b([1, 1], [1, 2]) is None and spearman_rho([1, 2], [3, 3]) is None


def test_method_agreement_on_the_tiny_case(tiny: Ranking) -> None:
    stats = analyse(tiny, FAST).robustness("A")
    assert stats is not None
    ws = stats.methods[0]
    assert (ws.method, ws.kendall, ws.spearman) == ("weighted_sum", 1.0, 1.0)


# --- per-draw ranking and percentiles ----------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=60))
def test_interval_is_the_median_and_inverted_cdf_percentiles(column: list[int]) -> None:
    ranks = np.array(column, dtype=np.int64)[:, None]
    median, low, high = interval(ranks)
    assert median[0] == np.median(ranks)
    assert low[0] == np.quantile(ranks, 0.05, method="inverted_cdf")
    assert high[0] == np.quantile(ranks, 0.95, method="inverted_cdf")


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 70), st.integers(100, 700), st.sampled_from([1, 17, 64, 300, 5_000]), st.integers(0, 99))
def test_the_counted_percentiles_are_the_sorted_ones(units: int, draws: int, histogram_cells: int,
                                                     seed: int) -> None:
    """However few counts a pass may keep (one rank histogram, or a radix selection in two passes), the
    median and percentile ranks are exactly `interval` of every draw's ranks; ties included."""
    rng = np.random.default_rng(seed)
    p = _full(np.round(rng.uniform(0.2, 1, size=(units, 3)), 1).tolist(), [1, 2, 3])
    official = competition_ranks(p.achievement @ p.weights)
    spec = RobustnessSpec(concentration=20, draws=draws, seed=seed, leave_one_out=True)
    drawn, ranks = simulate(p, spec, np.random.default_rng(seed))
    whole = summarise("g", p, official, drawn, ranks, spec)
    assert analyse_group("g", p, official, spec, np.random.default_rng(seed), cells=4_096,
                         histogram_cells=histogram_cells) == whole


# --- chunked: the same draws, the same results, memory bounded ------------------------------------------------------
@pytest.mark.parametrize("leave_one_out", [False, True])
def test_chunked_analysis_is_identical_to_all_draws_at_once(leave_one_out: bool) -> None:
    """Chunks of 256 draws (the last one short) against every draw at once: identical intervals, shifts and
    method statistics, on 300 units with partly applicable pillars and ties."""
    rng = np.random.default_rng(3)
    achievement = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], size=(300, 5)) * rng.uniform(0.9, 1, size=(300, 1))
    achievement[:20] = achievement[20:40]  # exact ties
    share = np.where(rng.uniform(size=(300, 5)) < 0.1, 0.0, 1.0)
    share[:, 0] = 1.0
    p = Pillars(achievement * share, share, np.array([3.0, 1, 2, 2, 2]) / 10)
    official = competition_ranks((achievement * share * share).sum(axis=1))
    spec = RobustnessSpec(concentration=30, draws=1_000, seed=11, leave_one_out=leave_one_out)
    draws, ranks = simulate(p, spec, np.random.default_rng(5))
    whole = summarise("g", p, official, draws, ranks, spec)
    chunked = analyse_group("g", p, official, spec, np.random.default_rng(5), cells=256 * 300)
    assert chunked == whole
    selected = analyse_group("g", p, official, spec, np.random.default_rng(5), cells=256 * 300, histogram_cells=1)
    assert selected == whole  # 16 buckets a pass, the fewest: three passes for 300 units


def test_the_analysis_holds_no_draws_by_units_matrix() -> None:
    """Memory flat in the draws: 20× the draws allocate no more at their peak (tracemalloc, numpy's arrays)."""
    import tracemalloc

    rng = np.random.default_rng(1)
    p = _full(rng.uniform(0.2, 1, size=(400, 6)).tolist(), [1, 2, 3, 1, 2, 3])
    official = competition_ranks(p.achievement @ p.weights)

    def peak(draws: int) -> int:
        tracemalloc.start()
        analyse_group("g", p, official, RobustnessSpec(50, draws, 0, True), np.random.default_rng(0), cells=1 << 16)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(1_000), peak(20_000)
    assert large < small * 1.5 + 2_000_000  # the draws' weights (20,000 × 6) are all that grows


def pairwise_kendall(x: list[float], y: list[float]) -> float | None:
    """The reference for the O(n log n) count: τ-b as the sum over every ordered pair, as it was computed."""
    a, b = np.array(x, dtype=float), np.array(y, dtype=float)
    sa, sb = np.sign(a[:, None] - a[None, :]), np.sign(b[:, None] - b[None, :])
    pairs_a, pairs_b = int(np.count_nonzero(sa)), int(np.count_nonzero(sb))
    if pairs_a == 0 or pairs_b == 0:
        return None
    return float((sa * sb).sum()) / math.sqrt(pairs_a * pairs_b)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 50).flatmap(lambda n: st.tuples(st.lists(st.integers(1, 8), min_size=n, max_size=n),
                                                      st.lists(st.integers(1, 8) | st.floats(0, 1),
                                                               min_size=n, max_size=n))))
def test_kendall_counts_exactly_what_every_pair_gives(pair: tuple[list[int], list[float]]) -> None:
    x, y = pair
    assert kendall_tau_b(x, y) == pairwise_kendall(x, y)  # the same float, not just close


def test_kendall_on_a_national_size_group() -> None:
    rng = np.random.default_rng(2)
    x = rng.permutation(3_321) + 1
    y = np.minimum(x + rng.integers(-300, 300, size=3_321), 3_000)  # ties at the bottom
    assert kendall_tau_b(x.tolist(), y.tolist()) == pairwise_kendall(x.tolist(), y.tolist())


def test_memory_grows_linearly_with_the_units() -> None:
    """A group of 20,000 units, whose rank histogram (units²) would hold 1.6 GB, within 250 MB (tracemalloc
    peak of numpy's arrays, at 100 draws so that it runs in seconds); 4× the units of 5,000, less than 2.5×
    the memory: the counts a pass keeps are bounded, what grows is a few arrays of the units."""
    import tracemalloc

    def peak(units: int) -> int:
        rng = np.random.default_rng(4)
        p = _full(rng.uniform(0.2, 1, size=(units, 4)).tolist(), [1, 2, 3, 1])
        official = competition_ranks(p.achievement @ p.weights)
        tracemalloc.start()
        analyse_group("g", p, official, RobustnessSpec(50, 100, 0, True), np.random.default_rng(0), workers=1)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(5_000), peak(20_000)
    assert large < 250_000_000
    assert large < small * 2.5


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_the_threads_do_not_change_the_results(workers: int) -> None:
    """The chunks shared among 1, 2 or 3 threads: the same intervals and statistics as all draws at once."""
    rng = np.random.default_rng(8)
    p = _full(np.round(rng.uniform(0.2, 1, size=(200, 4)), 2).tolist(), [1, 2, 3, 1])
    official = competition_ranks(p.achievement @ p.weights)
    spec = RobustnessSpec(concentration=40, draws=1_300, seed=3, leave_one_out=True)
    draws, ranks = simulate(p, spec, np.random.default_rng(6))
    whole = summarise("g", p, official, draws, ranks, spec)
    assert analyse_group("g", p, official, spec, np.random.default_rng(6), cells=256 * 200, workers=workers) == whole
    assert analyse_group("g", p, official, spec, np.random.default_rng(6), cells=256 * 200, workers=workers,
                         histogram_cells=1_000) == whole  # in two passes
