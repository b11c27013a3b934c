"""Stage 4 — ranking: competition ranks within each group by the unrounded index, with a tolerance so
that rounding noise never splits a real tie, and the band of each index."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ranking.criteria import Criteria
from ranking.inputs import Inputs
from ranking.scoring import GroupScores, IndicatorScores, Scores, UnitScore

TIE_TOLERANCE = 1e-9


def competition_ranks(values: npt.ArrayLike, tolerance: float = TIE_TOLERANCE) -> npt.NDArray[np.int64]:
    """Rank 1 for the highest; ties share a rank and the next ranks are skipped (1, 1, 3)."""
    ranks: npt.NDArray[np.int64] = competition_ranks_rows(np.asarray(values, dtype=float)[None, :], tolerance)[0]
    return ranks


def competition_ranks_rows(scores: npt.ArrayLike, tolerance: float = TIE_TOLERANCE) -> npt.NDArray[np.int64]:
    """Competition ranks of every row (the official ranking, or every Monte Carlo draw at once).

    Sorted from the highest, a value joins the tie of the one before it when it is less than `tolerance`
    below it; ties chain, so rounding noise can never split a tie nor leave a rank that is not a
    competition rank. A tie's rank is 1 + the number of values before it. One sort per row."""
    s = np.asarray(scores, dtype=float)
    order, ranked = descending_ranks(s, tolerance)
    ranks = np.empty(s.shape, dtype=np.int64)
    ranks.ravel()[order + np.arange(s.shape[0])[:, None] * s.shape[1]] = ranked
    return ranks


def descending_ranks(s: npt.NDArray[np.float64], tolerance: float = TIE_TOLERANCE,
                     ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For every row of `s`: the columns from the highest value to the lowest (`order`), and the competition
    rank of each of those places (`ranked`): the ranks of competition_ranks_rows, in sorted order.

    The bits of a number ≥ 0 sort like the number when read as an integer; each value's lowest bits are
    replaced by its column, so that one sort of integers (several times faster than numpy's argsort) orders
    a row. Values that differ only in those bits (by less than 2⁻⁴⁰ of themselves for 3,321 columns) may
    come out of order, and so do negative numbers and NaN: a row where any does is sorted again with argsort,
    so the ranks are always exactly argsort's."""
    s = np.ascontiguousarray(s, dtype=np.float64)
    rows, n = s.shape
    low = np.int64((1 << max(1, (n - 1).bit_length())) - 1)
    packed = s.view(np.int64) & ~low
    packed |= np.arange(n, dtype=np.int64)
    packed.sort(axis=1)
    order = packed[:, ::-1] & low  # from the highest value
    desc = np.take(s.ravel(), order + np.arange(rows)[:, None] * n)
    wrong = np.flatnonzero(~(desc[:, :-1] >= desc[:, 1:]).all(axis=1))
    if wrong.size:
        order[wrong] = np.argsort(-s[wrong], axis=1)
        desc[wrong] = np.take_along_axis(s[wrong], order[wrong], axis=1)
    tie_starts = np.ones(s.shape, dtype=bool)
    tie_starts[:, 1:] = (desc[:, :-1] - desc[:, 1:]) >= tolerance
    ranked = np.maximum.accumulate(np.where(tie_starts, np.arange(1, n + 1), 0), axis=1)
    return order, ranked


FIRM_SPREAD, FIRM_SHARE = 2, 0.1


@dataclass(frozen=True)
class Robustness:
    """Where the unit's rank falls when the pillar weights and the aggregation method vary (robustness.py).

    Over the Monte Carlo draws: `median` rank (may end in .5), `low` = the 5th percentile rank (the best end
    of the interval) and `high` = the 95th percentile rank (the worst end); ranks are competition ranks
    within the group, so 1 is the best. The nominal rank is `UnitResult.rank`. Written to results.csv as
    rank_low and rank_high."""

    median: float
    low: int
    high: int

    @property
    def spread(self) -> int:
        """Places between the best and the worst end of the 5–95 % interval."""
        return self.high - self.low

    def is_firm(self, group_size: int) -> bool:
        """Firm: the 5–95 % interval spans at most firm_limit(group_size) places. The publication names
        the units whose rank is not firm."""
        return self.spread <= firm_limit(group_size)


def firm_limit(group_size: int) -> int:
    """The widest 5–95 % interval of a firm rank: FIRM_SHARE of the group, and at least FIRM_SPREAD places
    (2 places among 17 departments, 13 among 126 communes)."""
    return max(FIRM_SPREAD, math.ceil(FIRM_SHARE * group_size))


@dataclass(frozen=True)
class MethodAgreement:
    """How one aggregation method ranks the group compared with the official ranking.

    `kendall`, `spearman`: rank correlation (Kendall τ-b, Spearman ρ) of the method's ranking at the
    published weights with the official ranking; None when undefined (fewer than 2 units or all tied).
    `shift`: mean absolute rank shift (places) over the draws that used this method; `draws`: how many."""

    method: str
    kendall: float | None
    spearman: float | None
    shift: float
    draws: int


@dataclass(frozen=True)
class GroupRobustness:
    """The Monte Carlo uncertainty analysis of one group: its settings and its summary statistics.

    `shift` is the mean absolute rank shift (|rank in a draw − official rank|, averaged over draws and
    units); `methods` compare weighted_sum, weighted_product (weighted geometric mean) and topsis with the
    official ranking. `concentration` is the Dirichlet concentration around the published pillar weights
    (higher = weights closer to the published ones); `leave_one_out` tells whether draws also drop one pillar."""

    group: str
    draws: int
    seed: int
    concentration: float
    leave_one_out: bool
    shift: float
    methods: tuple[MethodAgreement, ...]


@dataclass(frozen=True)
class Previous:
    """The unit's standing in the previous edition (history.py).

    `lineage`: "same" — exactly one predecessor, in the same group: `rank` is its rank then, and
    `UnitResult.rank_change` the places gained; "merged" — several predecessors, or one from another
    group: `index` is the plain mean of their indices, `rank` is None; "new" — no predecessor: `index` and
    `rank` are None. `index` is on the published scale, as in the previous results.csv (rounded there).
    `predecessors` are the unit ids of the previous edition that the comparison uses."""

    lineage: str
    index: float | None = None
    rank: int | None = None
    predecessors: tuple[str, ...] = ()
    pillars: Mapping[str, float] = field(default_factory=dict)
    """The previous index of every pillar both editions share by id (for a merged unit, the plain mean of
    its predecessors', where each of them has one)."""


@dataclass(frozen=True)
class UnitResult:
    score: UnitScore
    rank: int
    group_size: int
    band: str
    previous: Previous | None = None
    robustness: Robustness | None = None

    @property
    def rank_change(self) -> int | None:
        """Places gained since last year (positive = up), where the unit has one predecessor."""
        if self.previous is None or self.previous.rank is None:
            return None
        return self.previous.rank - self.rank


@dataclass(frozen=True)
class Ranking:
    criteria: Criteria
    inputs: Inputs
    units: tuple[UnitResult, ...]
    indicators: IndicatorScores
    analysis: tuple[GroupRobustness, ...] = ()
    """The robustness statistics of each ranked group of two pillars or more (empty until robustness.analyse
    has run)."""
    analysed: bool = False
    """Whether robustness.analyse has run: a group of one pillar has no statistics even then."""
    matrices: tuple[GroupScores, ...] = field(default=(), compare=False)
    """Each ranked group's score matrices (scoring.GroupScores), in criteria order."""

    def group(self, group_id: str) -> tuple[UnitResult, ...]:
        """The group's units in rank order (ties by unit id, for a stable listing)."""
        return tuple(sorted((u for u in self.units if u.score.group == group_id),
                            key=lambda u: (u.rank, u.score.unit)))

    def matrix(self, group_id: str) -> GroupScores:
        """The group's score matrices (rows in inputs order, not rank order)."""
        return next(g for g in self.matrices if g.group == group_id)

    def robustness(self, group_id: str) -> GroupRobustness | None:
        """The group's robustness statistics, if the analysis has run."""
        return next((g for g in self.analysis if g.group == group_id), None)


def rank(scores: Scores) -> Ranking:
    """Rank every group by its index array; units are listed group by group in rank order."""
    results: list[UnitResult] = []
    views = {u.unit: u for u in scores.units}
    for g in scores.groups:
        ranks = competition_ranks(g.index).tolist()
        bands = [scores.criteria.band(index, g.group) for index in g.index.tolist()]
        ordered = sorted(zip(g.units, ranks, bands, strict=True), key=lambda row: (row[1], row[0]))
        results.extend(UnitResult(views[unit], r, len(g.units), band) for unit, r, band in ordered)
    return Ranking(scores.criteria, scores.inputs, tuple(results), scores.indicators, matrices=scores.groups)
