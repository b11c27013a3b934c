"""Stage 4b — how firm is each rank: a seeded Monte Carlo uncertainty analysis (the OECD/JRC handbook's,
as in COINr). Each draw perturbs the pillar weights around the published ones (Dirichlet), picks the
aggregation (weighted sum, weighted geometric mean or TOPSIS over the pillar achievement matrix) and may
leave one pillar out; every draw is ranked like the official ranking. The draws are computed with numpy a
chunk at a time (a few matrix products and one sort per chunk) and each unit's ranks counted (a rank
histogram, or for a large group a radix selection of the percentiles), so that memory does not grow with
the number of draws, and only linearly with the units: 10,000 draws of the sample take well under a second,
of 3,321 communes a few seconds. scikit-criteria is the reference the tests hold these kernels to
(tests/oracles.py)."""

from __future__ import annotations

import functools
import math
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from ranking.criteria import Group, RobustnessSpec
from ranking.ranking import (
    GroupRobustness,
    MethodAgreement,
    Ranking,
    Robustness,
    UnitResult,
    competition_ranks,
    descending_ranks,
)
from ranking.scoring import GroupScores, Method
from ranking.system import cores

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

METHODS: tuple[Method, ...] = ("weighted_sum", "weighted_product", "topsis")
# The geometric mean of a unit with an empty pillar would be 0 whatever its other pillars: an empty pillar
# counts as 1 % achievement instead, so that such units are still ordered among themselves.
GEOMETRIC_FLOOR = 0.01
LOW_PERCENT, HIGH_PERCENT = 5, 95
BLOCK = 256
SINGLE_THREAD = 1 << 18  # OpenBLAS multiplies on one thread up to 4 × 65,536 multiply-adds
CHUNK_CELLS = 1 << 20  # draws × units computed at once (8 MB a matrix): memory flat in the number of draws
HISTOGRAM_CELLS = 1 << 24  # rank counts a thread keeps (64 MB): every rank counted at once up to 4,096 units
MIN_BUCKETS = 16  # buckets a unit's ranks are counted in, at the least: memory linear in the units beyond


@dataclass(frozen=True)
class Pillars:
    """A group's pillar achievement matrix, the input of every aggregation.

    `achievement` (units × pillars): pillar points / pillar max points of the unit, 0 where nothing applies;
    `share`: the share of the pillar's points that apply to the unit (0 for a pillar that does not apply,
    e.g. the digital economy for a department without the tag); `weights`: the published pillar weights
    (pillar points / group points). A unit's weights are renormalised over what applies to it, so at the
    published weights the weighted sum is exactly the official index (points / max points)."""

    achievement: Array
    share: Array
    weights: Array


@dataclass(frozen=True)
class Draws:
    """The sampled inputs: `weights` (draws × pillars, rows sum to 1, a dropped pillar weighs 0), `methods`
    (an index into METHODS per draw) and `dropped` (the pillar left out, -1 for none)."""

    weights: Array
    methods: IntArray
    dropped: IntArray


def pillars(group: Group, scores: GroupScores, units: Sequence[str]) -> Pillars:
    """The achievement matrix of the group's `units` (at least one, in this order), read from the pillar
    sums that scoring keeps."""
    full = np.array([p.points for p in group.pillars], dtype=float)
    rows = [scores.positions[unit] for unit in units]
    points, maxima = scores.pillar_points[rows], scores.pillar_maxima[rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        achievement = np.where(maxima > 0, points / maxima, 0.0)
    return Pillars(achievement, maxima / full, full / full.sum())


def sample(weights: Array, spec: RobustnessSpec, rng: np.random.Generator,
           methods: Sequence[Method] = METHODS) -> Draws:
    """spec.draws draws of weights ~ Dirichlet(concentration × published weights), a method drawn uniformly
    from `methods`, and (with leave_one_out, when there are 2 pillars or more) one pillar or none dropped
    uniformly. An infinite concentration is the limit: the published weights in every draw."""
    m = len(weights)
    if math.isinf(spec.concentration):
        w = np.tile(weights, (spec.draws, 1))
    else:
        w = rng.dirichlet(spec.concentration * weights, size=spec.draws)
    allowed = np.array([METHODS.index(method) for method in methods], dtype=np.int64)
    chosen = allowed[rng.integers(len(allowed), size=spec.draws)]
    dropped = (rng.integers(-1, m, size=spec.draws) if spec.leave_one_out and m > 1
               else np.full(spec.draws, -1, dtype=np.int64))
    rows = np.flatnonzero(dropped >= 0)
    w[rows, dropped[rows]] = 0.0
    w /= w.sum(axis=1, keepdims=True)
    return Draws(w, chosen.astype(np.int64), dropped.astype(np.int64))


def _combine(weights: Array, per_unit: Array) -> Array:
    """Σ_k weights[d, k] · per_unit[u, k] for every draw d and unit u: a matrix product, in blocks of rows
    small enough (at most SINGLE_THREAD products) that OpenBLAS runs each on one thread. A threaded BLAS on
    products this thin spends its time waking threads: 5–50× slower on a busy 2-core machine."""
    out = np.empty((len(weights), len(per_unit)))
    rows = max(1, min(BLOCK, SINGLE_THREAD // max(per_unit.size, 1)))
    for start in range(0, len(weights), rows):
        np.matmul(weights[start:start + rows], per_unit.T, out=out[start:start + rows])
    return out


def _mean(numerator: Array, denominator: Array, empty: float) -> Array:
    """The per-unit weighted mean; `empty` where no weight is left (every applicable pillar dropped)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, empty)


def weighted_sum(p: Pillars, weights: Array) -> Array:
    """Σ w·a / Σ w over the unit's applicable pillars, for every row of weights: draws × units."""
    return _mean(_combine(weights, p.share * p.achievement), _combine(weights, p.share), 0.0)


def weighted_geometric(p: Pillars, weights: Array) -> Array:
    """Π a^w with the unit's weights renormalised: exp of the weighted mean of the logarithms."""
    logs = np.log(np.maximum(p.achievement, GEOMETRIC_FLOOR))
    return np.exp(_mean(_combine(weights, p.share * logs), _combine(weights, p.share), -np.inf))


def topsis(p: Pillars, weights: Array) -> Array:
    """Closeness d⁻ / (d⁺ + d⁻) to the best and worst achievement of each pillar (over the units it applies
    to), with weighted Euclidean distances. Renormalising a unit's weights scales d⁺ and d⁻ alike, so a
    pillar that does not apply to a unit simply drops out of its distances. d⁺ = d⁻ = 0 gives 0.5."""
    applies = p.share > 0
    any_unit = applies.any(axis=0)
    best = np.where(any_unit, np.where(applies, p.achievement, -np.inf).max(axis=0, initial=-np.inf), 0.0)
    worst = np.where(any_unit, np.where(applies, p.achievement, np.inf).min(axis=0, initial=np.inf), 0.0)
    squared = weights**2
    to_best = np.sqrt(_combine(squared, (p.share * (p.achievement - best)) ** 2))
    to_worst = np.sqrt(_combine(squared, (p.share * (p.achievement - worst)) ** 2))
    return _mean(to_worst, to_best + to_worst, 0.5)


SCORERS = {"weighted_sum": weighted_sum, "weighted_product": weighted_geometric, "topsis": topsis}


def draw_scores(p: Pillars, draws: Draws) -> Array:
    """The score of every unit in every draw (draws × units), each draw by its own method."""
    out = np.empty((len(draws.methods), len(p.achievement)))
    for k, method in enumerate(METHODS):
        rows = draws.methods == k
        if rows.any():
            out[rows] = SCORERS[method](p, draws.weights[rows])
    return out




def kendall_tau_b(x: npt.ArrayLike, y: npt.ArrayLike) -> float | None:
    """Kendall's τ-b (ties in either ranking accounted for); None when a ranking is constant. Knight's
    O(n log n) count: concordant − discordant = all pairs − pairs tied in x − tied in y + tied in both − 2 ×
    the pairs that y orders the other way once sorted by x then y; every count a whole number, exact."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    pairs = len(a) * (len(a) - 1) // 2
    tied_a, tied_b = _tied_pairs(a), _tied_pairs(b)
    if pairs in (tied_a, tied_b):
        return None
    order = np.lexsort((b, a))
    joint = _tied_pairs(np.unique(np.stack([a[order], b[order]]), axis=1, return_inverse=True)[1])
    codes = np.unique(b, return_inverse=True)[1][order]
    agree = 2 * (pairs - tied_a - tied_b + joint - 2 * _inversions(codes))  # over ordered pairs, as τ-b sums
    return agree / math.sqrt(2 * (pairs - tied_a) * 2 * (pairs - tied_b))


def _tied_pairs(values: npt.NDArray[np.generic]) -> int:
    """The pairs of equal values."""
    counts = np.unique(values, return_counts=True)[1].astype(np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _inversions(codes: IntArray) -> int:
    """The pairs i < j with codes[i] > codes[j] (whole numbers ≥ 0): sorted runs of doubling width are
    merged, and each element of a right half counts the greater ones of its left half."""
    n = len(codes)
    runs = np.asarray(codes, dtype=np.int64)
    span = int(runs.max()) + 1 if n else 1
    position = np.arange(n)
    found = 0
    width = 1
    while width < n:
        block = position // (2 * width)
        keys = runs + block * span  # blocks apart: one sorted array holds every left half in order
        right = (position // width) % 2 == 1
        left = keys[~right]
        ends = np.searchsorted(left, (block[right] + 1) * span)  # past the end of the block's left half
        found += int((ends - np.searchsorted(left, keys[right], side="right")).sum())
        runs = np.sort(keys) - block * span
        width *= 2
    return found


def _average_ranks(values: Array) -> Array:
    """1-based ranks with ties given their average rank (what Spearman's ρ correlates)."""
    ordered = np.sort(values)
    below = np.searchsorted(ordered, values, side="left")
    equal = np.searchsorted(ordered, values, side="right") - below
    return np.asarray(below + (equal + 1) / 2, dtype=float)


def spearman_rho(x: npt.ArrayLike, y: npt.ArrayLike) -> float | None:
    """Spearman's ρ: Pearson's correlation of the average ranks; None when a ranking is constant."""
    a = _average_ranks(np.asarray(x, dtype=float))
    b = _average_ranks(np.asarray(y, dtype=float))
    a, b = a - a.mean(), b - b.mean()
    scale = math.sqrt(float((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / scale) if scale > 0 else None


def _summary(group: str, p: Pillars, official: IntArray, draws: Draws, found: tuple[Array, IntArray, IntArray],
             shifts: Array, spec: RobustnessSpec) -> tuple[tuple[Robustness, ...], GroupRobustness]:
    """Each unit's interval (median, low, high) and the group's statistics: mean absolute rank shift (given
    per draw), overall and per method, and each method's agreement with the official ranking at the
    published weights."""
    median, low, high = found
    units = tuple(Robustness(float(m), int(lo), int(hi)) for m, lo, hi in zip(median, low, high, strict=True))
    agreements = []
    for k, method in enumerate(METHODS):
        rows = draws.methods == k
        published = competition_ranks(SCORERS[method](p, p.weights[None, :])[0])
        agreements.append(MethodAgreement(method, kendall_tau_b(published, official),
                                          spearman_rho(published, official),
                                          float(shifts[rows].mean()) if rows.any() else 0.0, int(rows.sum())))
    stats = GroupRobustness(group, len(shifts), spec.seed, spec.concentration, spec.leave_one_out,
                            float(shifts.mean()), tuple(agreements))
    return units, stats


def group_rng(seed: int, group: str) -> np.random.Generator:
    """One stream per group, keyed by its id: adding a group never changes another group's draws."""
    return np.random.default_rng([seed, zlib.crc32(group.encode("utf-8"))])


def _positions(d: int) -> IntArray:
    """The places in a unit's sorted ranks that `interval` reads (0-based): the two middle ones (the same
    for an odd number of draws) and the 5th and 95th percentiles (numpy's inverted_cdf)."""
    return np.array([(d - 1) // 2, d // 2, -(-d * LOW_PERCENT // 100) - 1, -(-d * HIGH_PERCENT // 100) - 1],
                    dtype=np.int64)


@dataclass(frozen=True)
class _Search:
    """Where each wanted order statistic of each unit lies (targets × units): among the 0-based ranks
    `lo` … `lo + width − 1`, the `k`-th smallest (0-based) of the unit's draws that fall there."""

    lo: IntArray
    k: IntArray
    width: int


def _narrow(search: _Search, step: int, counts: dict[int, npt.NDArray[Any]], groups: IntArray) -> _Search:
    """The search one level down: each target's window becomes the bucket of `step` ranks holding its k-th
    draw (counts: per distinct window, units × buckets), and k what is left of it in that bucket."""
    lo, k = search.lo.copy(), search.k.copy()
    for g, found in counts.items():
        cumulative = np.cumsum(found, axis=1, dtype=found.dtype)
        for t in np.flatnonzero(groups == g):
            bucket = (cumulative <= k[t][:, None]).sum(axis=1)
            k[t] -= np.where(bucket > 0, np.take_along_axis(cumulative, np.maximum(bucket - 1, 0)[:, None], 1)[:, 0], 0)
            lo[t] += bucket * step
    return _Search(lo, k, step)


def analyse_group(group: str, p: Pillars, official: IntArray, spec: RobustnessSpec, rng: np.random.Generator,
                  methods: Sequence[Method] = METHODS, cells: int = CHUNK_CELLS, workers: int | None = None,
                  histogram_cells: int = HISTOGRAM_CELLS) -> tuple[tuple[Robustness, ...], GroupRobustness]:
    """Every draw ranked and summarised a chunk of draws at a time, with the results of ranking every draw at
    once (tests/oracles.py), in memory linear in the units and flat in the draws.

    Each unit's median and percentile ranks are order statistics of its ranks over the draws, found by
    counting (a radix selection): a pass over the draws counts each unit's ranks in buckets (units ×
    buckets, at most `histogram_cells` counts a thread), which tells the bucket of each wanted order
    statistic; the next pass counts within that bucket only, in narrower buckets, until a bucket is one rank.
    Up to `histogram_cells` units² (4,096 units by default) one pass counts every rank: the rank histogram.
    A larger group draws every chunk again in each further pass (two passes for 20,000 units, three for
    60,000): the same draws, chunked alike, rank alike.

    The chunks are shared among `workers` threads (one per core by default; numpy lets go of the
    interpreter while it sorts and counts), each with its own counts: counts add up the same in any order,
    so the results do not depend on how many there are."""
    draws = sample(p.weights, spec, rng, methods)
    n, d = len(p.achievement), len(draws.methods)
    shifts = np.empty(d)
    rows = max(1, cells // max(n, 1))
    rows = rows // BLOCK * BLOCK if rows >= BLOCK else rows
    starts = range(0, d, rows)
    workers = max(1, min(len(starts), workers or cores()))
    count = np.int32 if d <= np.iinfo(np.int32).max else np.int64  # half the memory of int64
    positions = _positions(d)
    search = _Search(np.zeros((len(positions), n), dtype=np.int64), np.repeat(positions[:, None], n, axis=1), n)
    first = True
    while search.width > 1 or first:
        windows, groups = np.unique(search.lo, axis=0, return_inverse=True)
        groups = groups.reshape(-1)
        buckets = min(search.width, max(MIN_BUCKETS, histogram_cells // (n * len(windows))))
        step = -(-search.width // buckets)
        buckets = -(-search.width // step)

        def fold(share: range, windows: IntArray = windows, step: int = step, buckets: int = buckets,
                 width: int = search.width, shift: bool = first) -> dict[int, npt.NDArray[Any]]:
            counts = {w: np.zeros(n * buckets, dtype=count) for w in range(len(windows))}
            for start in share:
                part = slice(start, start + rows)
                # each draw's units from the best to the worst and their ranks: never put back in unit order
                order, ranked = descending_ranks(draw_scores(p, Draws(draws.weights[part], draws.methods[part],
                                                                      draws.dropped[part])))
                if shift:
                    shifts[part] = np.abs(ranked - official[order]).mean(axis=1)  # whole numbers: exact
                for w, lo in enumerate(windows):
                    offset = ranked - 1  # rank r of unit u is bucket (r − 1 − lo) // step of row u
                    if width == n:  # the first pass: every rank is in the window, which starts at 0
                        cell = order * buckets
                        cell += offset // step if step > 1 else offset
                        np.add.at(counts[w], cell.ravel(), count(1))
                        continue
                    offset -= lo[order]
                    inside = (offset >= 0) & (offset < width)
                    np.add.at(counts[w], order[inside] * buckets + offset[inside] // step, count(1))
            return counts

        if workers == 1:
            counts = fold(starts)
        else:
            with ThreadPoolExecutor(workers) as pool:
                counts = functools.reduce(
                    lambda total, more: {w: np.add(total[w], more[w], out=total[w]) for w in total},
                    pool.map(fold, (starts[w::workers] for w in range(workers))))
        search = _narrow(search, step, {w: c.reshape(n, buckets) for w, c in counts.items()}, groups)
        first = False
    found = search.lo + 1
    return _summary(group, p, official, draws, ((found[0] + found[1]) / 2, found[2], found[3]), shifts, spec)


def analyse(ranking: Ranking, spec: RobustnessSpec | None = None, methods: Sequence[Method] = METHODS) -> Ranking:
    """A new Ranking with every unit's Robustness and every group's statistics (criteria.robustness unless
    `spec` is given). A group of one pillar has none: varying the weights of a single pillar, or combining it
    another way, cannot change a rank, so every rank would read as firm for no reason."""
    spec = spec or ranking.criteria.robustness
    found: dict[str, Robustness] = {}
    stats: list[GroupRobustness] = []
    for group in ranking.criteria.groups:
        members = [u for u in ranking.units if u.score.group == group.id]
        if not members or len(group.pillars) < 2:
            continue
        p = pillars(group, ranking.matrix(group.id), [u.score.unit for u in members])
        official = np.array([u.rank for u in members], dtype=np.int64)
        units, group_stats = analyse_group(group.id, p, official, spec, group_rng(spec.seed, group.id), methods)
        found.update((u.score.unit, r) for u, r in zip(members, units, strict=True))
        stats.append(group_stats)

    def with_robustness(u: UnitResult) -> UnitResult:
        return replace(u, robustness=found.get(u.score.unit))

    return replace(ranking, units=tuple(map(with_robustness, ranking.units)), analysis=tuple(stats), analysed=True)
