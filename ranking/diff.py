"""What changed between two runs (the draft ranking and the final one after the units' objections): per
unit the index, points and rank, per indicator the value, points and status. Read from the run folders'
results.csv and indicator_scores.csv, so any two runs can be compared, old runs included; a run that compares
itself with its draft gives its own tables in memory, as text exactly as its files will hold them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ranking.contracts import INDICATOR_SCORES, PUBLISHED_OBJECTIONS, RESULTS
from ranking.csvio import Cell, cell_text, read_csv, write_csv_atomic
from ranking.errors import DataError, Lang, Problem, Problems
from ranking.i18n import Words, t
from ranking.syntax import NUMBER
from ranking.words import DECISION, STATUS

UNIT_COLUMNS = RESULTS.pick("group", "unit", "name", "points", "index", "rank")
INDICATOR_COLUMNS = INDICATOR_SCORES.pick("group", "unit", "indicator", "status", "value", "points")
DIFF_COLUMNS = (
    "group", "unit", "name", "indicator", "old_index", "new_index", "old_rank", "new_rank", "old_value", "new_value",
    "old_status", "new_status", "old_points", "new_points", "objection", "decision",
)


@dataclass(frozen=True)
class UnitChange:
    """A unit whose index, points or rank differ; None on the side where the unit is absent."""

    group: str
    unit: str
    name: str
    old_index: float | None
    new_index: float | None
    old_points: float | None
    new_points: float | None
    old_rank: int | None
    new_rank: int | None
    old_tied: bool = False
    new_tied: bool = False
    """The rank is shared with another unit of the group in that run (printed '15=')."""

    @property
    def rank_change(self) -> int | None:
        """Places gained (positive = up), where the unit is in both runs."""
        return None if self.old_rank is None or self.new_rank is None else self.old_rank - self.new_rank


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator of a unit whose value, points or status differ; None where the row is absent."""

    group: str
    unit: str
    indicator: str
    old_value: str | None
    new_value: str | None
    old_points: float | None
    new_points: float | None
    old_status: str | None
    new_status: str | None
    objection: str = ""
    """The objection behind the change, as the new run's register published it ('' when none), and its decision."""
    decision: str = ""


@dataclass(frozen=True)
class RunDiff:
    """Only what changed, in the new run's order; units and indicators found in the old run only come last."""

    units: tuple[UnitChange, ...]
    indicators: tuple[IndicatorChange, ...]

    def for_unit(self, unit_id: str) -> tuple[UnitChange | None, tuple[IndicatorChange, ...]]:
        """One unit's changes: what a unit's breakdown shows next to its final score."""
        change = next((u for u in self.units if u.unit == unit_id), None)
        return change, tuple(i for i in self.indicators if i.unit == unit_id)


@dataclass(frozen=True)
class _UnitRow:
    group: str
    name: str
    index: float
    points: float
    rank: int


@dataclass(frozen=True)
class _IndicatorRow:
    group: str
    value: str
    points: float
    status: str


def _number(file: str, line: int, column: str, text: str, problems: Problems) -> float:
    if NUMBER.match(text):
        return float(text)
    problems.add(Problem(file, "not_number", {"found": text}, line=line, column=column))
    return 0.0


Rows = Iterable[tuple[int, Mapping[str, str]]]
"""A table's rows as text by column name, each with its line (read_csv's, or the row's number in memory)."""


def _units(file: str, rows: Rows, problems: Problems) -> dict[str, _UnitRow]:
    units: dict[str, _UnitRow] = {}
    for line, row in rows:
        numbers = [_number(file, line, c, row[c], problems) for c in ("index", "points", "rank")]
        units[row["unit"]] = _UnitRow(row["group"], row["name"], numbers[0], numbers[1], int(numbers[2]))
    return units


def _indicators(file: str, rows: Rows, problems: Problems) -> dict[tuple[str, str], _IndicatorRow]:
    out: dict[tuple[str, str], _IndicatorRow] = {}
    for line, row in rows:
        points = _number(file, line, "points", row["points"], problems)
        out[(row["unit"], row["indicator"])] = _IndicatorRow(row["group"], row["value"], points, row["status"])
    return out


def _objections(rows: Rows) -> dict[tuple[str, str], tuple[str, str]]:
    """(unit, indicator) → (objection id, decision) from the register a run published."""
    return {(row["unit"], row["indicator"]): (row["objection"], row["decision"]) for _, row in rows}


@dataclass(frozen=True)
class Tables:
    """A run's published tables, as text exactly as its CSV files hold them: results.csv, indicator_scores.csv
    and the objections register (empty when the run had none)."""

    units: dict[str, _UnitRow]
    indicators: dict[tuple[str, str], _IndicatorRow]
    objections: dict[tuple[str, str], tuple[str, str]]


def tables_from(results: tuple[str, Rows], indicators: tuple[str, Rows], objections: Rows,
                problems: Problems) -> Tables:
    """A run's tables from the rows of its results and indicator scores (each with its file's name for the
    messages) and of its objections register; extra columns are ignored."""
    return Tables(_units(*results, problems), _indicators(*indicators, problems), _objections(objections))


def read_tables(folder: Path, problems: Problems) -> Tables:
    """A run's tables from its folder (any run, old ones included)."""
    results, scores = folder / "results.csv", folder / "indicator_scores.csv"
    register = folder / PUBLISHED_OBJECTIONS.file
    needed = PUBLISHED_OBJECTIONS.pick("objection", "unit", "indicator", "decision")
    return tables_from((str(results), read_csv(results, UNIT_COLUMNS, problems, missing="run_columns")),
                       (str(scores), read_csv(scores, INDICATOR_COLUMNS, problems, missing="run_columns")),
                       read_csv(register, needed, problems, missing="run_columns") if register.is_file() else (),
                       problems)


Table = tuple[Sequence[str], Sequence[Sequence[Cell]]]
"""A table as a run writes it: its header and its typed cells (tables.result_rows and the like)."""


def tables_of(results: Table, indicators: Table, objections: Table) -> Tables:
    """The tables a run is about to publish, as text cell by cell as its CSV files will hold them (csvio's
    cell_text): compared with an earlier run's files exactly as if they had been written and read back."""
    def rows(table: Table) -> Rows:
        header, cells = table
        return ((n, dict(zip(header, map(cell_text, row), strict=True))) for n, row in enumerate(cells, start=2))

    problems = Problems()
    made = tables_from((RESULTS.file, rows(results)), (INDICATOR_SCORES.file, rows(indicators)), rows(objections),
                       problems)
    problems.raise_if_errors(DataError)
    return made


def shared_ranks(ranks: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """The (group, rank) pairs held by more than one unit: the ties of a run, printed '15='."""
    seen: set[tuple[str, int]] = set()
    shared: set[tuple[str, int]] = set()
    for key in ranks:
        (shared if key in seen else seen).add(key)
    return shared


def diff_runs(old: Path, new: Path) -> RunDiff:
    """Every change from the run in `old` to the run in `new`; DataError lists every unreadable file."""
    problems = Problems()
    before, after = read_tables(old, problems), read_tables(new, problems)
    problems.raise_if_errors(DataError)
    return diff_tables(before, after)


def diff_tables(before: Tables, after: Tables) -> RunDiff:
    """Only what changed, in the new run's order; the objection behind each change from the new run's register."""
    old_units, new_units, old_rows, new_rows = before.units, after.units, before.indicators, after.indicators
    objections = after.objections
    old_shared = shared_ranks((row.group, row.rank) for row in old_units.values())
    new_shared = shared_ranks((row.group, row.rank) for row in new_units.values())
    units: list[UnitChange] = []
    for unit_id in [*new_units, *(u for u in old_units if u not in new_units)]:
        a, b = old_units.get(unit_id), new_units.get(unit_id)
        if a is not None and b is not None and (a.index, a.points, a.rank) == (b.index, b.points, b.rank):
            continue
        either = b or a
        assert either is not None
        units.append(UnitChange(
            either.group, unit_id, either.name, a.index if a else None, b.index if b else None,
            a.points if a else None, b.points if b else None, a.rank if a else None, b.rank if b else None,
            (either.group, a.rank if a else None) in old_shared, (either.group, b.rank if b else None) in new_shared,
        ))
    indicators: list[IndicatorChange] = []
    for key in [*new_rows, *(k for k in old_rows if k not in new_rows)]:
        x, y = old_rows.get(key), new_rows.get(key)
        if x is not None and y is not None and x == y:
            continue
        some = y or x
        assert some is not None
        indicators.append(IndicatorChange(
            some.group, key[0], key[1], x.value if x else None, y.value if y else None,
            x.points if x else None, y.points if y else None, x.status if x else None, y.status if y else None,
            *objections.get(key, ("", "")),
        ))
    return RunDiff(tuple(units), tuple(indicators))


@dataclass(frozen=True)
class RunCriteria:
    """The criteria a run was scored with, as its run.json records them."""

    id: str
    edition: int
    sha256: str

    def __str__(self) -> str:
        return f"{self.id} {self.edition} (SHA-256 {self.sha256[:12]})"


def run_criteria(folder: Path, problems: Problems) -> RunCriteria | None:
    """The criteria of the run in `folder` (its run.json), or None with the problem noted."""
    path = folder / "run.json"
    file = str(path)
    if not path.is_file():
        problems.add(Problem(file, "file_missing"))
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.add(Problem(file, "run_json", {"detail": type(exc).__name__}))
        return None
    found = record.get("criteria") if isinstance(record, dict) else None
    if not (isinstance(found, dict) and isinstance(found.get("id"), str) and type(found.get("edition")) is int
            and isinstance(found.get("sha256"), str)):
        problems.add(Problem(file, "run_json", {"detail": "criteria: id, edition, sha256"}))
        return None
    return RunCriteria(found["id"], found["edition"], found["sha256"])


def comparable(old: Path, new: Path) -> tuple[RunCriteria, RunCriteria]:
    """The criteria of two runs that `dti diff` may compare: the same criteria id and edition (a criteria file
    changed in between is said with the changes, not refused); DataError otherwise."""
    problems = Problems()
    a, b = run_criteria(old, problems), run_criteria(new, problems)
    if a is not None and b is not None and (a.id, a.edition) != (b.id, b.edition):
        problems.add(Problem(str(new / "run.json"), "diff_other_criteria", {"found": f"{a.id} {a.edition}",
                                                                           "accepted": f"{b.id} {b.edition}"}))
    problems.raise_if_errors(DataError)
    assert a is not None and b is not None
    return a, b


def diff_rows(diff: RunDiff) -> tuple[list[str], list[list[Cell]]]:
    """diff.csv: one row per changed unit (indicator empty), then one per changed indicator."""
    names = {u.unit: u.name for u in diff.units}
    rows: list[list[Cell]] = [
        [u.group, u.unit, u.name, "", u.old_index, u.new_index, u.old_rank, u.new_rank, None, None, None, None,
         u.old_points, u.new_points, None, None]
        for u in diff.units
    ]
    rows.extend(
        [i.group, i.unit, names.get(i.unit, ""), i.indicator, None, None, None, None, i.old_value, i.new_value,
         i.old_status, i.new_status, i.old_points, i.new_points, i.objection or None, i.decision or None]
        for i in diff.indicators
    )
    return list(DIFF_COLUMNS), rows


def write_diff(diff: RunDiff, path: Path) -> None:
    """diff.csv, neutralised, replacing `path` only once it is complete."""
    write_csv_atomic(path, *diff_rows(diff))


def _pair(old: str, new: str, same: str = "") -> str:
    """'old → new'; where nothing changed, the one value (or `same`)."""
    return (same or old) if old == new else f"{old} → {new}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)
    return lines


def _status(status: str | None, lang: Lang) -> str:
    return "—" if status is None else t(STATUS[status], lang)


def _objection(change: IndicatorChange, lang: Lang) -> str:
    """'KN-003 (chấp nhận)', or '—' for a change no objection asked for."""
    if not change.objection:
        return "—"
    decision = t(DECISION[change.decision], lang)
    return t("diff.objection_of", lang, id=change.objection, decision=decision)


def render(diff: RunDiff, lang: Lang) -> str:
    """The terminal table: changed units, then changed indicators, numbers in the language's style."""
    if not diff.units and not diff.indicators:
        return t("diff.none", lang)
    w = Words(lang)

    def value(text: str | None) -> str:
        return "—" if text is None or text == "" else w.value(text)

    asked = any(i.objection for i in diff.indicators)  # a column only where a register names objections
    lines = [t("diff.units", lang, n=len(diff.units))]
    if diff.units:
        lines += _table(
            [t("unit", lang), t("index", lang), t("points", lang), t("rank", lang)],
            [[f"{u.name} ({u.unit})", _pair(w.num(u.old_index), w.num(u.new_index)),
              _pair(w.points(u.old_points), w.points(u.new_points)),
              _pair(w.rank(u.old_rank, u.old_tied), w.rank(u.new_rank, u.new_tied))] for u in diff.units],
        )
    lines += ["", t("diff.indicators", lang, n=len(diff.indicators))]
    if diff.indicators:
        lines += _table(
            [t("unit", lang), t("diff.indicator", lang), t("diff.value", lang), t("points", lang),
             t("diff.status", lang), *((t("diff.objection", lang),) if asked else ())],
            [[i.unit, i.indicator, _pair(value(i.old_value), value(i.new_value)),
              _pair(w.points(i.old_points), w.points(i.new_points)),
              _pair(_status(i.old_status, lang), _status(i.new_status, lang), t("diff.same", lang)),
              *((_objection(i, lang),) if asked else ())]
             for i in diff.indicators],
        )
    return "\n".join(lines)
