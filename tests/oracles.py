"""Reference implementations that the tests (and bench/robustness.py) hold dti's fast kernels to: scikit-
criteria's aggregations, and the robustness analysis done the plain way, every draw's ranks kept at once
instead of folded chunk by chunk into rank histograms. None of this runs in `dti`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import skcriteria as skc
from skcriteria.agg.simple import WeightedProductModel, WeightedSumModel
from skcriteria.agg.topsis import TOPSIS

from ranking.criteria import RobustnessSpec
from ranking.ranking import GroupRobustness, Robustness, competition_ranks_rows
from ranking.robustness import HIGH_PERCENT, LOW_PERCENT, METHODS, Draws, Pillars, _summary, draw_scores, sample
from ranking.scoring import Method

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def skcriteria_scores(method: Method, matrix: Array, weights: Array) -> Array:
    """scikit-criteria's score of each alternative (higher is better) for benefit criteria."""
    dm = skc.mkdm(matrix, [max] * matrix.shape[1], weights=weights)
    if method == "weighted_sum":
        return np.asarray(WeightedSumModel().evaluate(dm).e_.score, dtype=float)
    if method == "weighted_product":
        return np.asarray(WeightedProductModel().evaluate(dm).e_.score, dtype=float)
    return np.asarray(TOPSIS().evaluate(dm).e_.similarity, dtype=float)


def interval(ranks: IntArray) -> tuple[Array, IntArray, IntArray]:
    """Per unit (column): the median rank and the 5th and 95th percentile ranks, each percentile the
    smallest rank reached or bettered in at least that share of the draws (numpy's inverted_cdf)."""
    d = len(ranks)
    ordered = np.sort(ranks, axis=0)
    median = (ordered[(d - 1) // 2] + ordered[d // 2]) / 2
    low = ordered[-(-d * LOW_PERCENT // 100) - 1]
    high = ordered[-(-d * HIGH_PERCENT // 100) - 1]
    return median.astype(float), low, high


def simulate(p: Pillars, spec: RobustnessSpec, rng: np.random.Generator,
             methods: Sequence[Method] = METHODS) -> tuple[Draws, IntArray]:
    """The draws and the rank of every unit in each (draws × units)."""
    draws = sample(p.weights, spec, rng, methods)
    return draws, competition_ranks_rows(draw_scores(p, draws))


def summarise(group: str, p: Pillars, official: IntArray, draws: Draws, ranks: IntArray,
              spec: RobustnessSpec) -> tuple[tuple[Robustness, ...], GroupRobustness]:
    """Each unit's interval and the group's statistics from every draw's ranks (draws × units) at once: what
    robustness.analyse_group must give, chunk by chunk."""
    return _summary(group, p, official, draws, interval(ranks), np.abs(ranks - official[None, :]).mean(axis=1), spec)
