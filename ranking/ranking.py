"""Stage 4 — ranking: competition ranks within each group by the unrounded index, with a tolerance so
that rounding noise never splits a real tie, and the band of each index."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ranking.criteria import Criteria
from ranking.inputs import Inputs
from ranking.scoring import IndicatorScore, Scores, UnitScore

TIE_TOLERANCE = 1e-9


def competition_ranks(values: npt.ArrayLike, tolerance: float = TIE_TOLERANCE) -> npt.NDArray[np.int64]:
    """Rank 1 for the highest; ties share a rank and the next ranks are skipped (1, 1, 3).

    A unit's rank is 1 + the number of units whose value exceeds its own by at least `tolerance`."""
    v = np.asarray(values, dtype=float)
    ahead = (v[None, :] - v[:, None]) >= tolerance
    return np.asarray(1 + ahead.sum(axis=1), dtype=np.int64)


@dataclass(frozen=True)
class Robustness:
    """Where the unit's rank falls when weights and method vary (robustness.py)."""

    median: float
    low: int
    high: int


@dataclass(frozen=True)
class Previous:
    """The unit's standing in the previous edition; `lineage` is same, merged or new."""

    lineage: str
    index: float | None = None
    rank: int | None = None


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
    indicators: tuple[IndicatorScore, ...]

    def group(self, group_id: str) -> tuple[UnitResult, ...]:
        """The group's units in rank order (ties by unit id, for a stable listing)."""
        return tuple(sorted((u for u in self.units if u.score.group == group_id),
                            key=lambda u: (u.rank, u.score.unit)))


def rank(scores: Scores) -> Ranking:
    """Rank every group; units are listed group by group in rank order."""
    results: list[UnitResult] = []
    for group in scores.criteria.groups:
        members = [u for u in scores.units if u.group == group.id]
        ranks = competition_ranks([u.index for u in members])
        ordered = sorted(zip(members, ranks, strict=True), key=lambda pair: (pair[1], pair[0].unit))
        results.extend(UnitResult(u, int(r), len(members), scores.criteria.band(u.index)) for u, r in ordered)
    return Ranking(scores.criteria, scores.inputs, tuple(results), scores.indicators)
