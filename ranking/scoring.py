"""Stage 3 — scoring: each rule's numpy kernel turns values into points, and the unit's index is the
weighted sum of indicator achievement. This is the one module that imports scikit-criteria (lazily:
it costs seconds at import), which serves as the reference and the alternative aggregations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from ranking.criteria import (
    Best,
    Choice,
    Council,
    Count,
    Criteria,
    Group,
    Indicator,
    MinMax,
    Ratio,
    Rule,
    Tiers,
    YesNo,
)
from ranking.inputs import Inputs, Key, Unit, Value

Array = npt.NDArray[np.float64]
Status = Literal["ok", "missing", "not_applicable", "pending", "unmeasured"]
Source = Literal["self", "measured", "appraised", ""]
Method = Literal["weighted_sum", "weighted_product", "topsis"]


# --- kernels (no checks: inputs.py has validated every value) -----------------------------------------
def rule_points(rule: Rule, points: float, v: Array) -> Array:
    """Points for the values of the units that have one; relative rules compare within `v`."""
    match rule:
        case YesNo() | Choice():
            return points * v
        case Ratio(target=target):
            return points * np.minimum(v / target, 1.0)
        case Tiers(levels=levels, better=better):
            xs = np.array([x for x, _ in levels])
            ps = np.array([*(p for _, p in levels), 0.0])  # index -1 → the appended 0 points
            if better == "higher":
                idx = np.searchsorted(xs, v, side="right") - 1
            else:
                idx = np.searchsorted(xs, v, side="left")
                idx = np.where(idx >= len(xs), -1, idx)
            return np.asarray(ps[idx], dtype=np.float64)
        case Best(better=better):
            if v.size == 0:
                return v
            if better == "higher":
                top = v.max()
                return np.zeros_like(v) if top == 0 else points * v / top
            low = v.min()
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.asarray(np.where(v == 0, points, points * low / v), dtype=np.float64)
        case MinMax(better=better):
            if v.size == 0:
                return v
            lo, hi = v.min(), v.max()
            if hi == lo:
                return np.full_like(v, points)
            share = (v - lo) / (hi - lo) if better == "higher" else (hi - v) / (hi - lo)
            return np.asarray(points * share, dtype=np.float64)
        case Count(per_item=per_item):
            return np.minimum(points, v * per_item)
        case Council():
            return v
    raise AssertionError(rule)  # pragma: no cover - the union is exhaustive


def weighted_sum(achievement: Array, weights: Array) -> Array:
    """Σ w·a per row; weights are per unit (rows) so that non-applicable indicators drop out."""
    return np.asarray(np.einsum("ij,ij->i", np.nan_to_num(achievement), weights), dtype=np.float64)


def skcriteria_scores(method: Method, matrix: Array, weights: Array) -> Array:
    """scikit-criteria's score of each alternative (higher is better) for benefit criteria."""
    import skcriteria as skc
    from skcriteria.agg.simple import WeightedProductModel, WeightedSumModel
    from skcriteria.agg.topsis import TOPSIS

    dm = skc.mkdm(matrix, [max] * matrix.shape[1], weights=weights)
    if method == "weighted_sum":
        return np.asarray(WeightedSumModel().evaluate(dm).e_.score, dtype=float)
    if method == "weighted_product":
        return np.asarray(WeightedProductModel().evaluate(dm).e_.score, dtype=float)
    return np.asarray(TOPSIS().evaluate(dm).e_.similarity, dtype=float)


# --- results ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorScore:
    group: str
    unit: str
    indicator: str
    pillar: str
    status: Status
    self_value: str
    appraised_value: str
    value: str
    self_points: float
    points: float
    max_points: float
    evidence: str
    note: str
    source: Source = ""
    """Where `value` comes from: the unit's self-assessment, a measurement or the council ('' when none)."""
    measured_value: str = ""
    system: str = ""
    """For a measured indicator: the measurement, the system it comes from and the day it was taken."""
    measured_at: str = ""


@dataclass(frozen=True)
class PillarScore:
    pillar: str
    points: float
    max_points: float
    self_points: float
    index: float | None


@dataclass(frozen=True)
class UnitScore:
    group: str
    unit: str
    name: str
    points: float
    max_points: float
    index: float
    self_points: float
    self_max_points: float
    self_index: float
    pillars: tuple[PillarScore, ...]

    def pillar_index(self, pillar_id: str) -> float | None:
        """The pillar's index; None where the pillar is not in the group or does not apply to the unit."""
        return next((p.index for p in self.pillars if p.pillar == pillar_id), None)


@dataclass(frozen=True)
class Scores:
    criteria: Criteria
    inputs: Inputs
    units: tuple[UnitScore, ...]
    indicators: tuple[IndicatorScore, ...]


def _column(rule: Rule, points: float, numbers: Array, applicable: npt.NDArray[np.bool_]) -> Array:
    """Points of one indicator for every unit: 0 where no value or not applicable."""
    has = applicable & ~np.isnan(numbers)
    out = np.zeros_like(numbers)
    out[has] = rule_points(rule, points, numbers[has])
    return out


def _matrix(group: Group, units: list[Unit], values: Mapping[tuple[str, str], Value]) -> tuple[Array, Array]:
    """Numbers (NaN = no value) and applicability (1/0) of units × indicators."""
    shape = (len(units), len(group.indicators))
    numbers = np.full(shape, np.nan)
    applicable = np.zeros(shape)
    for i, unit in enumerate(units):
        for j, ind in enumerate(group.indicators):
            value = values.get((unit.id, ind.id))
            applies = ind.applies(unit.id, unit.tags) and (value is None or value.applicable)
            applicable[i, j] = applies
            if value is not None and value.number is not None and applies:
                numbers[i, j] = value.number
    return numbers, applicable


def _points(group: Group, numbers: Array, applicable: Array) -> Array:
    mask = applicable.astype(bool)
    cols = [_column(ind.rule, ind.points, numbers[:, j], mask[:, j]) for j, ind in enumerate(group.indicators)]
    return np.column_stack(cols) if cols else np.zeros(numbers.shape)


def _index(points: Array, maxima: Array, scale: float) -> Array:
    """index = Σ points / Σ max × scale, computed as the weighted sum of indicator achievement."""
    totals = maxima.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        achievement = np.where(maxima > 0, points / maxima, 0.0)
        weights = np.where(totals > 0, maxima / totals, 0.0)
    return weighted_sum(achievement, weights) * scale


def used_value(indicator: Indicator, key: Key, inputs: Inputs) -> tuple[Value | None, Source]:
    """The value that scores and where it comes from: the council's where there is one; a `council`
    indicator has no other (the unit's own value is only its proposal); a measured indicator has the
    measurement (a unit cannot self-assess it); else the unit's self-assessment."""
    appraised = inputs.appraised.get(key)
    if appraised is not None:
        return appraised, "appraised"
    if isinstance(indicator.rule, Council):
        return None, ""
    if indicator.source == "measured":
        measured = inputs.measured.get(key)
        return (measured, "measured") if measured is not None else (None, "")
    own = inputs.self_assessed.get(key)
    return (own, "self") if own is not None else (None, "")


def _status(indicator: Indicator, applicable: bool, has_number: bool) -> Status:
    if not applicable:
        return "not_applicable"
    if has_number:
        return "ok"
    if isinstance(indicator.rule, Council):
        return "pending"
    return "unmeasured" if indicator.source == "measured" else "missing"


def score(criteria: Criteria, inputs: Inputs) -> Scores:
    """Self-assessed and final points of every unit on every indicator, pillar and in total."""
    used = {(u.id, ind.id): used_value(ind, (u.id, ind.id), inputs)
            for g in criteria.groups for u in inputs.units if u.group == g.id for ind in g.indicators}
    final = {key: value for key, (value, _) in used.items() if value is not None}
    # the self-assessed score takes the measurements as they are: the unit cannot change them
    own_values = {**inputs.self_assessed, **inputs.measured}
    unit_scores: list[UnitScore] = []
    indicator_scores: list[IndicatorScore] = []
    for group in criteria.groups:
        units = [u for u in inputs.units if u.group == group.id]
        if not units:
            continue
        indicators = group.indicators
        full = np.array([ind.points for ind in indicators])
        self_numbers, self_app = _matrix(group, units, own_values)
        numbers, app = _matrix(group, units, final)
        self_points = _points(group, self_numbers, self_app)
        points = _points(group, numbers, app)
        self_max, maxima = self_app * full, app * full
        self_index = _index(self_points, self_max, criteria.scale)
        index = _index(points, maxima, criteria.scale)
        pillar_of = np.array([ind.pillar for ind in indicators])
        for i, unit in enumerate(units):
            pillars = []
            for pillar in group.pillars:
                cols = pillar_of == pillar.id
                p, m, sp = points[i, cols].sum(), maxima[i, cols].sum(), self_points[i, cols].sum()
                pillars.append(PillarScore(pillar.id, float(p), float(m), float(sp),
                                           float(p / m * criteria.scale) if m > 0 else None))
            unit_scores.append(UnitScore(
                group.id, unit.id, unit.name, float(points[i].sum()), float(maxima[i].sum()), float(index[i]),
                float(self_points[i].sum()), float(self_max[i].sum()), float(self_index[i]), tuple(pillars)))
            for j, ind in enumerate(indicators):
                own = inputs.self_assessed.get((unit.id, ind.id))
                appraised = inputs.appraised.get((unit.id, ind.id))
                measured = inputs.measured.get((unit.id, ind.id))
                value, source = used[(unit.id, ind.id)]
                status = _status(ind, bool(app[i, j]), not np.isnan(numbers[i, j]))
                indicator_scores.append(IndicatorScore(
                    group.id, unit.id, ind.id, ind.pillar, status,
                    own.text if own else "", appraised.text if appraised else "", value.text if value else "",
                    float(self_points[i, j]), float(points[i, j]), float(maxima[i, j]),
                    own.comment if own else "", appraised.comment if appraised else "",
                    source if value is not None and value.number is not None else "",
                    measured.text if measured else "", measured.system if measured else "",
                    measured.measured_at if measured else ""))
    return Scores(criteria, inputs, tuple(unit_scores), tuple(indicator_scores))
