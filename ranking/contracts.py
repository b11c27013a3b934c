"""Every table dti reads or writes, declared once: its file, its columns in order, what kind of value each
holds and what it means. The inputs' readers (inputs.py), the writer of the results (tables.py), the readers
of earlier results (history.py, diff.py) and the README (a test compares its column lists) all take the
columns from here, so that a column cannot be renamed, added or moved in one place only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

T = TypeVar("T")

Kind = Literal["id", "ids", "text", "value", "number", "whole", "date", "code"]
"""id: an id (syntax.id_problem); ids: ids separated by ';'; text: free text; value: a value as the unit or
the council typed it (its rule reads it); number: a plain decimal; whole: a whole number; date: YYYY-MM-DD;
code: one of a few words fixed by dti (a status, a source)."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    meaning: str


@dataclass(frozen=True)
class Table:
    """A CSV's columns in order; `more` is the prefix of the further columns that follow them, one per id
    (results.csv: `pillar:ID`), '' when there are none."""

    file: str
    meaning: str
    columns: tuple[Column, ...]
    more: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """The declared column `name` (KeyError for a column the table does not have)."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.file} has no column {name!r}")

    def row(self, cells: Mapping[str, T]) -> list[T]:
        """The cells of one row, given by column name, in the table's order: a cell missing or one the table
        does not declare is an error, so that no value lands in another column."""
        self._same(cells)
        return [cells[name] for name in self.names]

    def rows(self, columns: Mapping[str, Sequence[T]]) -> list[tuple[T, ...]]:
        """Rows from whole columns given by name (as `row`, a column at a time)."""
        self._same(columns)
        return list(zip(*(columns[name] for name in self.names), strict=True))

    def _same(self, given: Mapping[str, object]) -> None:
        if given.keys() != set(self.names):
            raise ValueError(f"{self.file}: cells for {sorted(given)}, columns {list(self.names)}")

    def pick(self, *names: str) -> tuple[str, ...]:
        """Some of the table's columns, each checked to be declared: what a reader needs of an older file."""
        return tuple(self.column(name).name for name in names)


def _columns(*items: tuple[str, Kind, str]) -> tuple[Column, ...]:
    return tuple(Column(*item) for item in items)


# --- the inputs (inputs/YEAR/) --------------------------------------------------------------------------
UNITS = Table("units.csv", "the units assessed this year", _columns(
    ("id", "id", "the unit's id (lower case): it names its files, units/ID.pdf"),
    ("name", "text", "the unit's name as published"),
    ("group", "id", "the criteria group the unit is ranked in"),
    ("tags", "ids", "tags that indicators' applies_to may name"),
    ("predecessors", "ids", "the units of the previous edition it continues (several when merged)"),
))
SELF_ASSESSMENT = Table("self_assessment.csv", "each unit's own values", _columns(
    ("unit", "id", "the unit"),
    ("indicator", "id", "the indicator (a leaf) of the unit's group"),
    ("value", "value", "the value the unit reports, read by the indicator's rule (empty: none)"),
    ("denominator", "value", "for a ratio given as a count: the count it is out of"),
    ("evidence", "text", "the evidence the unit attaches"),
))
APPRAISAL = Table("appraisal.csv", "the values the appraisal council sets, which replace the units' own", _columns(
    ("unit", "id", "the unit"),
    ("indicator", "id", "the indicator (a leaf) of the unit's group"),
    ("value", "value", "the council's value, read by the indicator's rule"),
    ("denominator", "value", "for a ratio given as a count: the count it is out of"),
    ("note", "text", "the council's note"),
))
MEASURED = Table("measured.csv", "the values of the measured indicators, exported from the systems", _columns(
    ("unit", "id", "the unit"),
    ("indicator", "id", "a `source: measured` indicator of the unit's group"),
    ("value", "value", "the measurement, read by the indicator's rule"),
    ("denominator", "value", "for a ratio given as a count: the count it is out of"),
    ("system", "text", "the system it comes from (empty: the criteria's)"),
    ("measured_at", "date", "the day it was taken"),
))
OBJECTIONS = Table("objections.csv", "the units' objections to the draft and the department's decisions", _columns(
    ("objection", "id", "the objection's number (KN-001)"),
    ("unit", "id", "the unit that objects"),
    ("indicator", "id", "the contested indicator (a leaf) of the unit's group"),
    ("received_on", "date", "the day the objection was received"),
    ("claim", "text", "what the unit claims"),
    ("asked_value", "value", "the value it asks for, written as the indicator's value would be"),
    ("evidence", "text", "the evidence it attaches"),
    ("decision", "code", "accepted, partly or rejected (empty while undecided)"),
    ("answer", "text", "the department's answer"),
    ("decided_on", "date", "the day of the decision"),
))

# --- the outputs (reports/YEAR/) ------------------------------------------------------------------------
RESULTS = Table("results.csv", "one row per unit, group by group in rank order", _columns(
    ("group", "id", "the unit's group"),
    ("unit", "id", "the unit"),
    ("name", "text", "its name"),
    ("points", "number", "the points it scores (appraised values), 4 decimals"),
    ("max_points", "number", "the points of the indicators that apply to it"),
    ("index", "number", "points / max_points × scale, rounded to the criteria's decimals"),
    ("rank", "whole", "its competition rank within the group (ties share a rank)"),
    ("band", "text", "the band its index reaches ('' without bands)"),
    ("self_points", "number", "the points of its self-assessed values alone"),
    ("self_index", "number", "the index of its self-assessed values alone"),
    ("previous_index", "number", "the index of its predecessor(s) in the previous edition (mean when merged)"),
    ("previous_rank", "whole", "its predecessor's rank, with exactly one predecessor in the same group"),
    ("rank_low", "whole", "the best end of its 5–95 % rank interval when the weights vary (empty in a group "
                          "of one pillar: nothing to vary)"),
    ("rank_high", "whole", "the worst end of that interval"),
), more="pillar:")
INDICATOR_SCORES = Table("indicator_scores.csv", "one row per unit and indicator", _columns(
    ("group", "id", "the unit's group"),
    ("unit", "id", "the unit"),
    ("indicator", "id", "the indicator (a leaf)"),
    ("status", "code", "ok, missing, not_applicable, pending (no council value yet) or unmeasured"),
    ("self_value", "value", "the value the unit reported"),
    ("appraised_value", "value", "the value the council set"),
    ("value", "value", "the value that scores"),
    ("self_points", "number", "the points of the self-assessed value"),
    ("points", "number", "the points that count"),
    ("max_points", "number", "the indicator's points where it applies to the unit, else 0"),
    ("source", "code", "where `value` comes from: self, measured, appraised ('' when none)"),
))
PUBLISHED_OBJECTIONS = Table("objections.csv", "the register of objections as decided, published with the run", (
    *OBJECTIONS.columns,
    Column("late", "code", "yes when received after the criteria's objections_until, else no"),
))
INPUTS = (UNITS, SELF_ASSESSMENT, APPRAISAL, MEASURED, OBJECTIONS)
OUTPUTS = (RESULTS, INDICATOR_SCORES, PUBLISHED_OBJECTIONS)
