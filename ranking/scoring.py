"""Stage 3 — scoring: each rule's numpy kernel turns values into points, and the unit's index is the
weighted sum of indicator achievement. This is the one module that imports scikit-criteria (lazily:
it costs seconds at import), which serves as the reference and the alternative aggregations."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

from ranking.criteria import (
    Best,
    Choice,
    Council,
    Count,
    Criteria,
    Indicator,
    MinMax,
    Ratio,
    Rule,
    Tiers,
    YesNo,
)
from ranking.inputs import Inputs, Key, Value

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
class IndicatorScores(Sequence[IndicatorScore]):
    """Every unit's IndicatorScore, in order, kept as one column per field: each IndicatorScore is made when
    it is read. A national case has some 175,000 of them; as objects they would be scanned again and again
    by Python's garbage collector while the run lasts, as columns of plain values they are not."""

    columns: tuple[tuple[Any, ...], ...] = tuple(() for _ in fields(IndicatorScore))

    def __len__(self) -> int:
        return len(self.columns[0])

    @overload
    def __getitem__(self, index: int) -> IndicatorScore: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[IndicatorScore, ...]: ...

    def __getitem__(self, index: int | slice) -> IndicatorScore | tuple[IndicatorScore, ...]:
        if isinstance(index, slice):
            return tuple(map(IndicatorScore, *(c[index] for c in self.columns)))
        return IndicatorScore(*(c[index] for c in self.columns))

    def __iter__(self) -> Iterator[IndicatorScore]:
        return map(IndicatorScore, *self.columns)


@dataclass(frozen=True)
class Scores:
    criteria: Criteria
    inputs: Inputs
    units: tuple[UnitScore, ...]
    indicators: IndicatorScores


def _column(rule: Rule, points: float, numbers: Array, applicable: npt.NDArray[np.bool_]) -> Array:
    """Points of one indicator for every unit: 0 where no value or not applicable."""
    has = applicable & ~np.isnan(numbers)
    out = np.zeros_like(numbers)
    out[has] = rule_points(rule, points, numbers[has])
    return out


Cell = Value | None
Grid = list[list[Cell]]


def _grid(values: Mapping[Key, Value], rows: Mapping[str, int], columns: Mapping[str, int]) -> Grid:
    """The values of units (rows) × indicators (columns), None where there is none: one pass over the
    values instead of a look-up per cell."""
    grid: Grid = [[None] * len(columns) for _ in rows]
    for (unit_id, indicator_id), value in values.items():
        i = rows.get(unit_id)
        j = columns.get(indicator_id)
        if i is not None and j is not None:
            grid[i][j] = value
    return grid


def _matrix(grid: Grid, applies: list[list[bool]]) -> tuple[Array, Array]:
    """Numbers (NaN = no value) and applicability (1/0) of units × indicators, from the value that scores
    in each cell and whether the indicator applies to the unit."""
    numbers: list[list[float]] = []
    applicable: list[list[bool]] = []
    nan = math.nan
    for row, applies_row in zip(grid, applies, strict=True):
        app = [a and (v is None or v.applicable) for a, v in zip(applies_row, row, strict=True)]
        numbers.append([v.number if a and v is not None and v.number is not None else nan
                        for a, v in zip(app, row, strict=True)])
        applicable.append(app)
    shape = (len(grid), len(grid[0]) if grid else 0)
    return (np.array(numbers, dtype=np.float64).reshape(shape),
            np.array(applicable, dtype=np.float64).reshape(shape))


def _points(indicators: tuple[Indicator, ...], numbers: Array, applicable: Array) -> Array:
    mask = applicable.astype(bool)
    cols = [_column(ind.rule, ind.points, numbers[:, j], mask[:, j]) for j, ind in enumerate(indicators)]
    return np.column_stack(cols) if cols else np.zeros(numbers.shape)


def _index(points: Array, maxima: Array, scale: float) -> Array:
    """index = Σ points / Σ max × scale, computed as the weighted sum of indicator achievement."""
    totals = maxima.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        achievement = np.where(maxima > 0, points / maxima, 0.0)
        weights = np.where(totals > 0, maxima / totals, 0.0)
    return weighted_sum(achievement, weights) * scale


SELF, MEASURED, COUNCIL = 0, 1, 2


def _policy(indicator: Indicator) -> int:
    """Which value scores (used_value): the council's where there is one; a `council` indicator has no
    other (the unit's own value is only its proposal); a measured indicator has the measurement (a unit
    cannot self-assess it); else the unit's self-assessment."""
    if isinstance(indicator.rule, Council):
        return COUNCIL
    return MEASURED if indicator.source == "measured" else SELF


def used_value(policy: int, own: Cell, appraised: Cell, measured: Cell) -> Cell:
    """The value that scores, by the indicator's _policy."""
    if appraised is not None:
        return appraised
    if policy == COUNCIL:
        return None
    return measured if policy == MEASURED else own


def _source(policy: int, value: Cell, appraised: Cell) -> Source:
    """Where the value that scores comes from ('' when there is none)."""
    if value is None:
        return ""
    if appraised is not None:
        return "appraised"
    return "measured" if policy == MEASURED else "self"


def _statuses(indicators: tuple[Indicator, ...]) -> list[Status]:
    """The status of each indicator where it applies but has no number."""
    return ["pending" if isinstance(ind.rule, Council) else "unmeasured" if ind.source == "measured" else "missing"
            for ind in indicators]


def _sums(matrix: Array, columns: npt.NDArray[np.bool_]) -> list[float]:
    """Each row's sum over `columns`: numpy's pairwise sum of each row, as a 1-D sum of that row would give."""
    return [float(x) for x in np.ascontiguousarray(matrix[:, columns]).sum(axis=1)]


def score(criteria: Criteria, inputs: Inputs) -> Scores:
    """Self-assessed and final points of every unit on every indicator, pillar and in total."""
    unit_scores: list[UnitScore] = []
    table: list[list[Any]] = [[] for _ in fields(IndicatorScore)]
    scale = criteria.scale
    for group in criteria.groups:
        units = [u for u in inputs.units if u.group == group.id]
        if not units:
            continue
        indicators = group.indicators
        rows = {u.id: i for i, u in enumerate(units)}
        columns = {ind.id: j for j, ind in enumerate(indicators)}
        own, appraised, measured = (_grid(values, rows, columns)
                                    for values in (inputs.self_assessed, inputs.appraised, inputs.measured))
        policies = [_policy(ind) for ind in indicators]
        used = [[used_value(*cell) for cell in zip(policies, *cells, strict=True)]
                for cells in zip(own, appraised, measured, strict=True)]
        applies = [[ind.applies(u.id, u.tags) for ind in indicators] for u in units]
        # the self-assessed score takes the measurements as they are: the unit cannot change them
        self_numbers, self_app = _matrix([[m if m is not None else o for o, m in zip(*cells, strict=True)]
                                          for cells in zip(own, measured, strict=True)], applies)
        numbers, app = _matrix(used, applies)
        self_points = _points(indicators, self_numbers, self_app)
        points = _points(indicators, numbers, app)
        full = np.array([ind.points for ind in indicators])
        self_max, maxima = self_app * full, app * full
        self_index = _index(self_points, self_max, scale).tolist()
        index = _index(points, maxima, scale).tolist()
        pillar_of = np.array([ind.pillar for ind in indicators])
        every = np.ones(len(indicators), dtype=bool)
        totals = [_sums(m, every) for m in (points, maxima, self_points, self_max)]
        by_pillar = [(pillar.id, _sums(points, cols), _sums(maxima, cols), _sums(self_points, cols))
                     for pillar in group.pillars for cols in [pillar_of == pillar.id]]
        for i, unit in enumerate(units):
            pillars = tuple(PillarScore(pid, p[i], m[i], sp[i], p[i] / m[i] * scale if m[i] > 0 else None)
                            for pid, p, m, sp in by_pillar)
            unit_scores.append(UnitScore(
                group.id, unit.id, unit.name, totals[0][i], totals[1][i], index[i],
                totals[2][i], totals[3][i], self_index[i], pillars))
        values = [v for row in used for v in row]
        own_cells = [o for row in own for o in row]
        appraised_cells = [a for row in appraised for a in row]
        measured_cells = [m for row in measured for m in row]
        statuses = _statuses(indicators) * len(units)
        for column, cells in zip(table, (
                [group.id] * len(values),
                [u.id for u in units for _ in indicators],
                [ind.id for ind in indicators] * len(units),
                [ind.pillar for ind in indicators] * len(units),
                ["not_applicable" if not a else "ok" if has else status
                 for a, has, status in zip(app.ravel().tolist(), (~np.isnan(numbers)).ravel().tolist(), statuses,
                                           strict=True)],
                [o.text if o else "" for o in own_cells],
                [a.text if a else "" for a in appraised_cells],
                [v.text if v else "" for v in values],
                self_points.ravel().tolist(),
                points.ravel().tolist(),
                maxima.ravel().tolist(),
                [o.comment if o else "" for o in own_cells],
                [a.comment if a else "" for a in appraised_cells],
                [_source(policy, value, a) if value is not None and value.number is not None else ""
                 for value, a, policy in zip(values, appraised_cells, policies * len(units), strict=True)],
                [m.text if m else "" for m in measured_cells],
                [m.system if m else "" for m in measured_cells],
                [m.measured_at if m else "" for m in measured_cells]), strict=True):
            column.extend(cells)
    return Scores(criteria, inputs, tuple(unit_scores), IndicatorScores(tuple(tuple(c) for c in table)))
