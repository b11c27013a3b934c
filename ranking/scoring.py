"""Stage 3 — scoring: each rule's numpy kernel turns values into points, and the unit's index is the
weighted sum of indicator achievement. Each group's matrices are kept (GroupScores) for the later stages;
the per-unit and per-indicator records are views of them. scikit-criteria is the reference the tests hold
the weighted sum to (tests/oracles.py)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

from ranking.criteria import (
    Best,
    Choice,
    Council,
    Count,
    Criteria,
    Deadline,
    Indicator,
    MinMax,
    Node,
    Penalty,
    Pillar,
    Ratio,
    Rule,
    Tiers,
    YesNo,
)
from ranking.inputs import Inputs, Values

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Status = Literal["ok", "missing", "not_applicable", "pending", "unmeasured", "unscored", "no_evidence"]
AT_THRESHOLD = 1e-12  # a fraction this close below a threshold reaches it (4/5 and 80% are the same 0.8)
Source = Literal["self", "measured", "tasks", "appraised", ""]
Method = Literal["weighted_sum", "weighted_product", "topsis"]


# --- kernels (no checks: inputs.py has validated every value) -----------------------------------------
def rule_points(rule: Rule, points: float, v: Array) -> Array:
    """Points for the values of the units that have one; relative rules compare within `v`."""
    match rule:
        case YesNo() | Choice():
            return points * v
        case Ratio(target=target, threshold=threshold):
            earned = points * np.minimum(v / target, 1.0)
            return np.asarray(np.where(v < threshold - AT_THRESHOLD, 0.0, earned), dtype=np.float64)
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
        case Deadline(steps=steps):
            days = np.array([datetime.date.fromisoformat(day).toordinal() for day, _ in steps], dtype=np.float64)
            shares = np.array([*(share for _, share in steps), 0.0])  # past the last deadline → the appended 0
            return np.asarray(points * shares[np.searchsorted(days, v, side="left")], dtype=np.float64)
        case Penalty(per_item=per_item):
            return -points * v if per_item is None else -np.minimum(points, v * per_item)
    raise AssertionError(rule)  # pragma: no cover - the union is exhaustive


def weighted_sum(achievement: Array, weights: Array) -> Array:
    """Σ w·a per row; weights are per unit (rows) so that non-applicable indicators drop out."""
    return np.asarray(np.einsum("ij,ij->i", np.nan_to_num(achievement), weights), dtype=np.float64)


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
    """Where `value` comes from: the unit's self-assessment, a measurement, the task register or the council
    ('' when none)."""
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


_FIELDS = tuple(f.name for f in fields(IndicatorScore))


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

    def column(self, name: str) -> tuple[Any, ...]:
        """One field of every IndicatorScore, by the field's name."""
        return self.columns[_FIELDS.index(name)]


@dataclass(frozen=True, eq=False)
class GroupScores:
    """The matrices scoring computes for one group, kept for every later stage (ranking, robustness, the
    tables) to read: rows are the group's units in inputs order (`units`), columns its indicators in file
    order (`indicators`); pillar columns follow `pillars`. Arrays are not to be written to."""

    group: str
    units: tuple[str, ...]
    indicators: tuple[str, ...]
    pillars: tuple[str, ...]
    positions: Mapping[str, int]
    """The row of each unit."""
    pillar_of: IntArray
    """The pillar (an index into `pillars`) of each indicator."""
    applicable: BoolArray
    """units × indicators: the indicator applies to the unit and, for a ratio, its denominator is not 0."""
    points: Array
    """units × indicators: the points that count (0 where nothing scores)."""
    maxima: Array
    """units × indicators: the indicator's points where it applies, else 0."""
    self_points: Array
    self_maxima: Array
    """The same two on the self-assessed values alone."""
    totals: Array
    """units × 4: each unit's points, maximum, self-assessed points and their maximum (its pillars' sums)."""
    pillar_points: Array
    pillar_maxima: Array
    pillar_self_points: Array
    """units × pillars: each pillar's points, maximum and self-assessed points (its children combined as the
    criteria say, deductions applied, never below 0)."""
    index: Array
    self_index: Array
    """Per unit: points / maxima × scale, final and self-assessed (unrounded)."""

    def pillar_index(self, scale: float) -> Array:
        """units × pillars: each pillar's index, NaN where none of its indicators applies to the unit."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.pillar_maxima > 0, self.pillar_points / self.pillar_maxima * scale, np.nan)


@dataclass(frozen=True)
class Scores:
    criteria: Criteria
    inputs: Inputs
    units: tuple[UnitScore, ...]
    indicators: IndicatorScores
    groups: tuple[GroupScores, ...] = field(default=(), compare=False)
    """The matrices of every group that has units, in criteria order (equality compares the views made from
    them, `units` and `indicators`: arrays have no single truth value)."""

    def group(self, group_id: str) -> GroupScores:
        return next(g for g in self.groups if g.group == group_id)


def _column(rule: Rule, points: float, numbers: Array, applicable: npt.NDArray[np.bool_]) -> Array:
    """Points of one indicator for every unit: 0 where no value or not applicable."""
    has = applicable & ~np.isnan(numbers)
    out = np.zeros_like(numbers)
    out[has] = rule_points(rule, points, numbers[has])
    return out


def _rows(values: Values, rows: Mapping[str, int], columns: Mapping[str, int]) -> list[int]:
    """Where the value of each cell of units (rows) × indicators (columns) is in `values`, -1 where there is
    none, cell by cell (unit after unit): one pass over the values instead of a look-up per cell."""
    width = len(columns)
    cells = [-1] * (len(rows) * width)
    for (unit_id, indicator_id), row in values.rows.items():
        i = rows.get(unit_id)
        j = columns.get(indicator_id)
        if i is not None and j is not None:
            cells[i * width + j] = row
    return cells


# Where a cell's value comes from: an index into _tables and SOURCES
NONE, OWN, MEASURED, APPRAISED = 0, 1, 2, 3
SOURCES: tuple[Source, ...] = ("", "self", "measured", "appraised")


def _tables(inputs: Inputs) -> tuple[Values, Values, Values, Values]:
    """The values by source (NONE has none), as columns."""
    measured = {**inputs.measured, **inputs.task_values} if inputs.task_values else inputs.measured  # tasks: computed
    return Values(), Values.of(inputs.self_assessed), Values.of(measured), Values.of(inputs.appraised)


def _cells(tables: tuple[Values, ...], sources: list[int], rows: list[int], name: str, empty: Any) -> list[Any]:
    """Field `name` of the value of every cell (`empty` where there is none)."""
    columns = [getattr(t, name) for t in tables]
    return [columns[s][r] if s else empty for s, r in zip(sources, rows, strict=True)]


def _matrix(tables: tuple[Values, ...], sources: list[int], rows: list[int], applies: list[bool],
            shape: tuple[int, int]) -> tuple[Array, Array]:
    """Numbers (NaN = no value) and applicability (1/0) of units × indicators, from the value that scores
    in each cell and whether the indicator applies to the unit."""
    app = [a and ok for a, ok in zip(applies, _cells(tables, sources, rows, "applicable", True), strict=True)]
    nan = math.nan
    numbers = [x if a and x is not None else nan
               for a, x in zip(app, _cells(tables, sources, rows, "number", None), strict=True)]
    return (np.array(numbers, dtype=np.float64).reshape(shape),
            np.array(app, dtype=np.float64).reshape(shape))


def _points(indicators: tuple[Indicator, ...], numbers: Array, applicable: Array,
            unsupported: npt.NDArray[np.bool_]) -> Array:
    """Every leaf's points (negative for a deduction; 0 for an unscored indicator and where a value that needs
    evidence has none: `unsupported`)."""
    mask = applicable.astype(bool) & ~unsupported
    cols = [_column(ind.rule, ind.points, numbers[:, j], mask[:, j]) if ind.scored else np.zeros(len(numbers))
            for j, ind in enumerate(indicators)]
    return np.column_stack(cols) if cols else np.zeros(numbers.shape)


def _node(node: Node, column: Mapping[str, int], points: Array, maxima: Array) -> tuple[Array, Array]:
    """A node's points and maximum for every unit: a leaf's own; a composite's children summed (never below
    0) or the best of them (`combine: max`), at most its cap."""
    if isinstance(node, Indicator):
        j = column[node.id]
        return points[:, j], maxima[:, j]
    return _combine(node.combine, node.cap, [_node(c, column, points, maxima) for c in node.children])


def _combine(combine: str, cap: float | None, parts: list[tuple[Array, Array]]) -> tuple[Array, Array]:
    ps = np.column_stack([p for p, _ in parts])
    ms = np.column_stack([m for _, m in parts])
    if combine == "max":
        total, maximum = ps.max(axis=1), ms.max(axis=1)
    else:
        total, maximum = ps.sum(axis=1), ms.sum(axis=1)
    total = np.maximum(total, 0.0)  # deductions never take a parent below 0
    if cap is not None:
        total, maximum = np.minimum(total, cap), np.minimum(maximum, cap)
    return total, maximum


def _pillars(group_pillars: tuple[Pillar, ...], column: Mapping[str, int], points: Array,
             maxima: Array) -> tuple[Array, Array]:
    """Every pillar's points and maximum (units × pillars): its children summed, never below 0."""
    pairs = [_combine("sum", None, [_node(c, column, points, maxima) for c in p.children]) for p in group_pillars]
    return np.column_stack([p for p, _ in pairs]), np.column_stack([m for _, m in pairs])


def _index(points: Array, maxima: Array, scale: float) -> Array:
    """index = Σ points / Σ max × scale, computed as the weighted sum of pillar achievement (points after
    deductions)."""
    totals = maxima.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        achievement = np.where(maxima > 0, points / maxima, 0.0)
        weights = np.where(totals > 0, maxima / totals, 0.0)
    return weighted_sum(achievement, weights) * scale


def _used(indicator: Indicator, own: list[int], appraised: list[int], measured: list[int]) -> list[int]:
    """The source of the value that scores in each of the indicator's cells: the council's where there is
    one; a `council` indicator has no other (the unit's own value is only its proposal); a measured indicator
    has the measurement (a unit cannot self-assess it); else the unit's self-assessment."""
    if isinstance(indicator.rule, Council):
        return [APPRAISED if a >= 0 else NONE for a in appraised]
    if indicator.source in ("measured", "tasks"):  # tasks: computed from the register, carried as measured
        return [APPRAISED if a >= 0 else MEASURED if m >= 0 else NONE for a, m in zip(appraised, measured, strict=True)]
    return [APPRAISED if a >= 0 else OWN if o >= 0 else NONE for a, o in zip(appraised, own, strict=True)]


def _statuses(indicators: tuple[Indicator, ...]) -> list[Status]:
    """The status of each indicator where it applies but has no number."""
    return ["pending" if isinstance(ind.rule, Council) else "unmeasured" if ind.source in ("measured", "tasks")
            else "missing"
            for ind in indicators]


def _status(applies: float, has: bool, missing: Status, scored: bool, unsupported: bool) -> Status:
    if not applies:
        return "not_applicable"
    if not scored:
        return "unscored"
    if unsupported:
        return "no_evidence"
    return "ok" if has else missing


def _unsupported(indicators: tuple[Indicator, ...], sources: list[int], evidence: list[str], numbers: Array
                 ) -> npt.NDArray[np.bool_]:
    """The cells whose value scores nothing for want of evidence: a unit's own value, with no evidence, of an
    indicator that requires it (a council's value or a measurement stands)."""
    needs = [ind.evidence_required for ind in indicators] * numbers.shape[0]
    cells = [n and s == OWN and not e for n, s, e in zip(needs, sources, evidence, strict=True)]
    return np.array(cells, dtype=bool).reshape(numbers.shape) & ~np.isnan(numbers)


def _sums(matrix: Array, columns: npt.NDArray[np.bool_]) -> Array:
    """Each row's sum over `columns`: numpy's pairwise sum of each row, as a 1-D sum of that row would give."""
    return np.asarray(np.ascontiguousarray(matrix[:, columns]).sum(axis=1), dtype=np.float64)


def score(criteria: Criteria, inputs: Inputs) -> Scores:
    """Self-assessed and final points of every unit on every indicator, pillar and in total: each group's
    matrices (GroupScores), and the per-unit and per-indicator views made from them."""
    unit_scores: list[UnitScore] = []
    table: dict[str, list[Any]] = {f.name: [] for f in fields(IndicatorScore)}
    groups: list[GroupScores] = []
    scale = criteria.scale
    tables = _tables(inputs)
    _, own_values, measured_values, appraised_values = tables
    for group in criteria.groups:
        units = [u for u in inputs.units if u.group == group.id]
        if not units:
            continue
        indicators = group.indicators
        k = len(indicators)
        shape = (len(units), k)
        positions = {u.id: i for i, u in enumerate(units)}
        columns = {ind.id: j for j, ind in enumerate(indicators)}
        own, appraised, measured = (_rows(values, positions, columns)
                                    for values in (own_values, appraised_values, measured_values))
        # the source of each cell's value, indicator by indicator, then unit after unit like the cells
        by_indicator = [_used(ind, own[j::k], appraised[j::k], measured[j::k]) for j, ind in enumerate(indicators)]
        used = [source for unit_sources in zip(*by_indicator, strict=True) for source in unit_sources]
        used_rows = [(-1, o, m, a)[s] for s, o, m, a in zip(used, own, measured, appraised, strict=True)]
        # the self-assessed score takes the measurements as they are: the unit cannot change them
        own_used = [MEASURED if m >= 0 else OWN if o >= 0 else NONE for o, m in zip(own, measured, strict=True)]
        own_rows = [m if m >= 0 else o for o, m in zip(own, measured, strict=True)]
        applies = [ind.applies(u.id, u.tags) for u in units for ind in indicators]
        self_numbers, self_app = _matrix(tables, own_used, own_rows, applies, shape)
        numbers, app = _matrix(tables, used, used_rows, applies, shape)
        self_unsupported = _unsupported(indicators, own_used, _cells(tables, own_used, own_rows, "comment", ""),
                                        self_numbers)
        unsupported = _unsupported(indicators, used, _cells(tables, used, used_rows, "comment", ""), numbers)
        self_points = _points(indicators, self_numbers, self_app, self_unsupported)
        points = _points(indicators, numbers, app, unsupported)
        full = np.array([ind.maximum for ind in indicators])
        self_max, maxima = self_app * full, app * full
        pillar_ids = tuple(p.id for p in group.pillars)
        pillar_of = np.array([pillar_ids.index(ind.pillar) for ind in indicators], dtype=np.int64)
        pillar_points, pillar_max = _pillars(group.pillars, columns, points, maxima)
        self_pillar_points, self_pillar_max = _pillars(group.pillars, columns, self_points, self_max)
        every = np.ones(len(group.pillars), dtype=bool)
        scores = GroupScores(
            group=group.id, units=tuple(positions), indicators=tuple(columns), pillars=pillar_ids,
            positions=positions, pillar_of=pillar_of, applicable=app.astype(bool),
            points=points, maxima=maxima, self_points=self_points, self_maxima=self_max,
            totals=np.column_stack([_sums(m, every)
                                    for m in (pillar_points, pillar_max, self_pillar_points, self_pillar_max)]),
            pillar_points=pillar_points, pillar_maxima=pillar_max, pillar_self_points=self_pillar_points,
            index=_index(pillar_points, pillar_max, scale),
            self_index=_index(self_pillar_points, self_pillar_max, scale))
        groups.append(scores)
        unit_scores.extend(_unit_views(scores, [u.name for u in units], scale))
        n = len(used)
        own_sources, appraised_sources, measured_sources = (
            [source if r >= 0 else NONE for r in rows]
            for source, rows in ((OWN, own), (APPRAISED, appraised), (MEASURED, measured)))
        used_numbers = _cells(tables, used, used_rows, "number", None)
        cells: dict[str, list[Any]] = {
            "group": [group.id] * n,
            "unit": [u.id for u in units for _ in indicators],
            "indicator": [ind.id for ind in indicators] * len(units),
            "pillar": [ind.pillar for ind in indicators] * len(units),
            "status": [_status(a, has, status, scored, lacking) for a, has, status, scored, lacking in zip(
                app.ravel().tolist(), (~np.isnan(numbers)).ravel().tolist(), _statuses(indicators) * len(units),
                [ind.scored for ind in indicators] * len(units), unsupported.ravel().tolist(), strict=True)],
            "self_value": _cells(tables, own_sources, own, "text", ""),
            "appraised_value": _cells(tables, appraised_sources, appraised, "text", ""),
            "value": _cells(tables, used, used_rows, "text", ""),
            "self_points": self_points.ravel().tolist(),
            "points": points.ravel().tolist(),
            "max_points": maxima.ravel().tolist(),
            "evidence": _cells(tables, own_sources, own, "comment", ""),
            "note": _cells(tables, appraised_sources, appraised, "comment", ""),
            "source": ["tasks" if s == MEASURED and kind == "tasks" else SOURCES[s] if x is not None else ""
                       for s, x, kind in zip(used, used_numbers, [ind.source for ind in indicators] * len(units),
                                             strict=True)],
            "measured_value": _cells(tables, measured_sources, measured, "text", ""),
            "system": _cells(tables, measured_sources, measured, "system", ""),
            "measured_at": _cells(tables, measured_sources, measured, "measured_at", ""),
        }
        if cells.keys() != table.keys():  # every field by its name, none left out, none unknown
            raise AssertionError(sorted(cells.keys() ^ table.keys()))
        for name, column in table.items():
            column.extend(cells[name])
    return Scores(criteria, inputs, tuple(unit_scores), IndicatorScores(tuple(tuple(c) for c in table.values())),
                  tuple(groups))


def _unit_views(g: GroupScores, names: Sequence[str], scale: float) -> list[UnitScore]:
    """The UnitScore of each unit of the group, read from its matrices."""
    totals = g.totals.tolist()
    index, self_index = g.index.tolist(), g.self_index.tolist()
    by_pillar = [(pid, g.pillar_points[:, j].tolist(), g.pillar_maxima[:, j].tolist(),
                  g.pillar_self_points[:, j].tolist()) for j, pid in enumerate(g.pillars)]
    return [UnitScore(g.group, unit, name, totals[i][0], totals[i][1], index[i], totals[i][2], totals[i][3],
                      self_index[i],
                      tuple(PillarScore(pid, p[i], m[i], sp[i], p[i] / m[i] * scale if m[i] > 0 else None)
                            for pid, p, m, sp in by_pillar))
            for i, (unit, name) in enumerate(zip(g.units, names, strict=True))]
