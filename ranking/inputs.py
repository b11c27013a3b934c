"""Stage 2 — the inputs of one year: units, self-assessment and appraisal CSVs, checked against the
criteria. Every value is parsed by its indicator's rule here, so that scoring never sees bad data."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from ranking import csvio
from ranking.contracts import APPRAISAL, MEASURED, OBJECTIONS, SELF_ASSESSMENT, UNITS
from ranking.criteria import (
    Best,
    Choice,
    Composite,
    Council,
    Count,
    Criteria,
    Deadline,
    Indicator,
    MinMax,
    Node,
    Penalty,
    Ratio,
    Rule,
    Tiers,
    YesNo,
    rule_name,
)
from ranking.csvio import decode_text, file_problem, read_bytes, read_csv, sha256
from ranking.errors import DataError, Problem, Problems, nearest
from ranking.register import REGISTER, Completion, Task, by_unit, completion
from ranking.syntax import NUMBER, control_problem, id_params, id_problem

TASKS_COLUMNS = ("task", "unit", "title", "plan", "deadline", "done_on", "evidence", "note")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")  # DD/MM/YYYY, as Vietnamese offices write a day
_COMMA_NUMBER = re.compile(r"^[+-]?[0-9]{1,3}([.,\s][0-9]{3})*([.,][0-9]+)?$|^[+-]?[0-9]+,[0-9]+$")
# Every number in the inputs is finite and within this range (README, "Limits"): what a count, an amount
# or a share can be, with the digits a float holds exactly enough to read back what a spreadsheet wrote.
MAX_ABS = 1e12
MAX_DIGITS = 17
YES = frozenset({"có", "yes", "true", "1", "đạt"})
NO = frozenset({"không", "no", "false", "0", "không đạt"})


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    group: str
    tags: frozenset[str]
    predecessors: tuple[str, ...]
    line: int = 0
    """Where units.csv declares the unit, for messages about it (0 when not read from a file)."""


@dataclass(frozen=True)
class Value:
    """One entered value: the text as written (NFC) and the number its rule consumes.

    `number` is None when the value field is empty; `applicable` is False when a ratio's
    denominator is 0, which makes the indicator not applicable to the unit."""

    text: str
    number: float | None
    comment: str
    line: int
    applicable: bool = True
    system: str = ""
    """For a measurement: the system it was exported from, and the day it was taken (YYYY-MM-DD)."""
    measured_at: str = ""


Key = tuple[str, str]


@dataclass(frozen=True, eq=False)
class Values(Mapping[Key, Value]):
    """One file's values by (unit, indicator), kept as one column per field of Value: each Value is made
    when it is read. A national case has some 186,000; as objects, Python's garbage collector would scan
    them again and again while the run lasts (seconds), as columns of plain values it does not. Compares
    equal to any mapping with the same items, a dict too."""

    rows: Mapping[Key, int] = field(default_factory=dict)
    """Where each key's value is in the columns."""
    text: tuple[str, ...] = ()
    number: tuple[float | None, ...] = ()
    comment: tuple[str, ...] = ()
    line: tuple[int, ...] = ()
    applicable: tuple[bool, ...] = ()
    system: tuple[str, ...] = ()
    measured_at: tuple[str, ...] = ()

    @classmethod
    def of(cls, values: Mapping[Key, Value]) -> Values:
        """`values` as columns (itself when it already is)."""
        if isinstance(values, Values):
            return values
        items = list(values.values())
        return cls({key: i for i, key in enumerate(values)}, *(tuple(getattr(v, f.name) for v in items)
                                                               for f in fields(Value)))

    def value(self, row: int) -> Value:
        return Value(self.text[row], self.number[row], self.comment[row], self.line[row], self.applicable[row],
                     self.system[row], self.measured_at[row])

    def __getitem__(self, key: Key) -> Value:
        return self.value(self.rows[key])

    def __iter__(self) -> Iterator[Key]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, key: object) -> bool:
        return key in self.rows


@dataclass(frozen=True)
class Inputs:
    folder: str
    units: tuple[Unit, ...]
    self_assessed: Mapping[Key, Value]
    appraised: Mapping[Key, Value]
    files: Mapping[str, str]
    sample: str
    warnings: tuple[Problem, ...]
    absent: tuple[str, ...] = ()
    """The files a partial load (validate) did not find yet, e.g. self_assessment.csv before the forms."""
    measured: Mapping[Key, Value] = field(default_factory=dict)
    """Values of `source: measured` indicators, from measured.csv (exported from the measuring systems)."""
    objections: tuple[Objection, ...] = ()
    """The units' objections to the draft and the department's decisions (objections.csv, optional)."""
    tasks: tuple[Task, ...] = ()
    """The task register (tasks.csv), in file order; empty without one."""
    as_of: date | None = None
    """The day the register is seen on: a task done after it was not yet done (default: the day of the run)."""
    completions: Mapping[Key, Completion] = field(default_factory=dict)
    """The counts behind each `source: tasks` value, by (unit, indicator)."""
    task_values: Mapping[Key, Value] = field(default_factory=dict)
    """Values of `source: tasks` indicators, computed from tasks.csv (their `system` is 'tasks.csv' and their
    `measured_at` the day they were counted at); scoring takes them as measurements."""

    def unit(self, unit_id: str) -> Unit:
        return next(u for u in self.units if u.id == unit_id)


MAX_SAMPLE_BYTES = 10_000  # the SAMPLE mark is a sentence or two, printed on every page


def split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


# --- values -------------------------------------------------------------------------------------------
class ValueProblem(Exception):
    """A value that its rule does not accept; converted to a Problem with the file's position."""

    def __init__(self, reason: str, column: str = "value", **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.column = column
        self.params = params


def parse_number(text: str, column: str = "value") -> float:
    """A plain decimal within the limits; -0 reads as 0."""
    if NUMBER.match(text):
        digits = text.lstrip("+-").replace(".", "").strip("0")
        if len(digits) > MAX_DIGITS or abs(number := float(text)) > MAX_ABS:
            raise ValueProblem("number_range", column, found=text, accepted="10^12")
        return number + 0.0
    if _COMMA_NUMBER.match(text):
        raise ValueProblem("decimal_comma", column, found=text, accepted=_suggest_decimal(text))
    raise ValueProblem("not_number", column, found=text)


def _suggest_decimal(text: str) -> str:
    """'85,5' → '85.5'; '1.000', '1,000' or '1 000' (thousands) → '1000'."""
    text = re.sub(r"\s", "", text)
    if re.match(r"^[+-]?\d+,\d{1,2}$", text) or re.match(r"^[+-]?\d+,\d{4,}$", text):
        return text.replace(",", ".")
    *whole, last = re.split(r"[.,]", text)
    if not whole:
        return last
    return "".join(whole) + ("." + last if len(last) != 3 else last)


def parse_value(rule: Rule, points: float, text: str, denominator: str,
                today: datetime.date | None = None) -> tuple[float, bool]:
    """The number a rule consumes from a non-empty value, and whether the indicator applies. A deadline's
    number is the day's ordinal (inf: not done); `today` (the run's day) bounds the days accepted."""
    if denominator and not isinstance(rule, Ratio):
        raise ValueProblem("denominator_unused", "denominator", found=denominator, accepted=rule_name(rule))
    match rule:
        case YesNo() | Penalty(per_item=None):
            folded = text.casefold()
            if folded in YES:
                return 1.0, True
            if folded in NO:
                return 0.0, True
            raise ValueProblem("not_yes_no", found=text)
        case Ratio():
            return _parse_ratio(text, denominator)
        case Choice(shares=shares):
            folded = text.casefold()
            for label, share in shares:
                if label.casefold() == folded:
                    return share, True
            raise ValueProblem("bad_choice", found=text, accepted=", ".join(label for label, _ in shares))
        case Count() | Penalty():
            number = parse_number(text)
            if number < 0 or number != int(number):
                raise ValueProblem("negative_count", found=text)
            return number, True
        case Council():
            number = parse_number(text)
            if number < 0:
                raise ValueProblem("negative_value", found=text)
            if number > points:
                raise ValueProblem("council_above", found=text, accepted=f"{points:g}")
            return number, True
        case Best():
            number = _number_or_percent(text)
            if number < 0:
                raise ValueProblem("negative_value", found=text)
            return number, True
        case Tiers(whole=whole):
            number = _number_or_percent(text)
            if whole and number != int(number):
                raise ValueProblem("not_whole", found=text)
            return number, True
        case MinMax():
            return _number_or_percent(text), True
        case Deadline():
            return _parse_day(text, today or datetime.date.today()), True
    raise AssertionError(rule)  # pragma: no cover - the union is exhaustive


def _number_or_percent(text: str) -> float:
    """A number, or a percentage ('30%' is 0.3) as for a ratio."""
    if text.endswith("%"):
        return parse_number(text[:-1].strip()) / 100
    return parse_number(text)


def parse_day(text: str) -> datetime.date | None:
    """The day of a text written YYYY-MM-DD or DD/MM/YYYY, or None (not a date, or no such day)."""
    vn = VN_DATE.match(text)
    try:
        if vn:
            return datetime.date(int(vn.group(3)), int(vn.group(2)), int(vn.group(1)))
        return datetime.date.fromisoformat(text) if ISO_DATE.match(text) else None
    except ValueError:
        return None


def _parse_day(text: str, today: datetime.date) -> float:
    """A deadline's value: the ordinal of the day it was done, or inf for "không" (not done)."""
    if text.casefold() in NO:
        return math.inf
    day = parse_day(text)
    if day is None:
        raise ValueProblem("not_date", found=text)
    if day > today:
        raise ValueProblem("future_date", found=text, accepted=today.isoformat())
    return float(day.toordinal())


def _parse_ratio(text: str, denominator: str) -> tuple[float, bool]:
    if denominator:
        den = parse_number(denominator, "denominator")
        count = parse_number(text)
        if den < 0:
            raise ValueProblem("negative_value", "denominator", found=denominator)
        if count < 0:
            raise ValueProblem("negative_value", found=text)
        if den == 0:
            return 0.0, False
        if count > den:
            raise ValueProblem("value_above_denominator", found=text, accepted=denominator)
        return count / den, True
    if text.endswith("%"):
        fraction = parse_number(text[:-1].strip()) / 100
    else:
        fraction = parse_number(text)
        if 1 < fraction <= 100:
            raise ValueProblem("not_fraction", found=text, pct=f"{text}%", frac=f"{fraction / 100:g}")
    if not 0 <= fraction <= 1:
        raise ValueProblem("fraction_range", found=text)
    return fraction, True


# --- objections to the draft (objections.csv) ---------------------------------------------------
DECISIONS = ("accepted", "partly", "rejected")


@dataclass(frozen=True)
class Objection:
    """One contested indicator of one unit, and the department's decision on it ('' while undecided)."""

    id: str
    unit: str
    indicator: str
    received_on: str
    claim: str
    asked_value: str
    evidence: str
    decision: str
    answer: str
    decided_on: str
    line: int
    late: bool
    """Received after the criteria's `objections_until`: recorded and answered, marked late."""


def parse_date(text: str) -> datetime.date | None:
    """A day written YYYY-MM-DD, as the registers hold them, or None."""
    return parse_day(text) if ISO_DATE.match(text) else None


def load_objections(criteria: Criteria, units: Sequence[Unit], path: Path, problems: Problems,
                    today: datetime.date, data: bytes | None = None) -> tuple[Objection, ...]:
    """The register, every problem noted: unknown unit or indicator, an objection id used twice, a date that
    is not one or lies after `today`, a decision that is not one of DECISIONS, a decision without its answer
    or its date, an asked value its indicator's rule does not accept. An objection received after the
    criteria's `objections_until` is kept and marked late (with a warning while it is undecided)."""
    file = str(path)
    by_id = {u.id: u for u in units}
    nodes = {g.id: {n.id: n for n in g.nodes()} for g in criteria.groups}
    until = parse_date(criteria.objections_until) if criteria.objections_until else None
    seen: dict[str, int] = {}
    contested: dict[Key, int] = {}
    found: list[Objection] = []
    for line, row in read_csv(path, OBJECTIONS.names, problems, data=data):
        row_problems = [Problem(file, reason, params, line=line, column=column)
                        for column, reason, params in _row_problems(row, by_id, nodes, seen, contested, today,
                                                                    problems.full)]
        for problem in row_problems:
            problems.add(problem)
        if row_problems:
            continue
        ident = row["objection"]
        seen[ident] = line
        contested[(row["unit"], row["indicator"])] = line
        received = parse_date(row["received_on"])
        late = until is not None and received is not None and received > until
        found.append(Objection(ident, row["unit"], row["indicator"], row["received_on"], row["claim"],
                               row["asked_value"], row["evidence"], row["decision"], row["answer"], row["decided_on"],
                               line, late))
        if late and not row["decision"]:  # said while it is to be decided; once decided, it is marked late
            problems.add(Problem(file, "objection_late", {"found": ident, "accepted": criteria.objections_until},
                                 line=line, column="received_on", severity="warning"))
    return tuple(found)


RowProblem = tuple[str, str, dict[str, object]]
"""(column, reason, params) of a problem of one row of the register."""


def _row_problems(row: Mapping[str, str], units: Mapping[str, Unit], nodes: Mapping[str, Mapping[str, Node]],
                  seen: Mapping[str, int], contested: Mapping[Key, int], today: datetime.date,
                  full: bool) -> list[RowProblem]:
    found: list[RowProblem] = [(c, "empty_field", {"column": c})
                               for c in ("objection", "unit", "indicator", "received_on", "claim") if not row[c]]
    ident, unit_id, indicator_id = row["objection"], row["unit"], row["indicator"]
    if ident and (reason := id_problem(ident)):
        found.append(("objection", reason, id_params(ident)))
    elif ident in seen:
        found.append(("objection", "objection_duplicate", {"found": ident, "accepted": seen[ident]}))
    unit = units.get(unit_id)
    if unit_id and unit is None:
        found.append(("unit", "unknown_unit", {"found": unit_id, "nearest": "" if full else nearest(unit_id, units)}))
    elif unit is not None and indicator_id:
        group = nodes[unit.group]
        node = group.get(indicator_id)
        if node is None:
            found.append(("indicator", "unknown_indicator", {
                "found": indicator_id, "group": unit.group, "nearest": "" if full else nearest(indicator_id, group)}))
        elif isinstance(node, Composite):
            found.append(("indicator", "not_leaf", {"found": indicator_id,
                                                    "accepted": ", ".join(c.id for c in node.leaves())}))
        elif not node.applies(unit.id, unit.tags):
            found.append(("indicator", "objection_not_applicable", {"unit": unit_id, "indicator": indicator_id}))
        elif (unit_id, indicator_id) in contested:
            found.append(("indicator", "objection_same_indicator", {
                "unit": unit_id, "indicator": indicator_id, "accepted": contested[(unit_id, indicator_id)]}))
        elif row["asked_value"]:
            try:
                parse_value(node.rule, node.points, row["asked_value"], "")
            except ValueProblem as exc:
                found.append(("asked_value", exc.reason, dict(exc.params)))
    received = _date(row, "received_on", today, found)
    decided = _date(row, "decided_on", today, found)
    decision = row["decision"]
    if decision and decision not in DECISIONS:
        found.append(("decision", "objection_decision", {"found": decision, "accepted": ", ".join(DECISIONS)}))
    if decision and not row["answer"]:
        found.append(("answer", "objection_no_answer", {"found": ident}))
    if decision and not row["decided_on"]:
        found.append(("decided_on", "objection_no_decided_on", {"found": ident}))
    if not decision and (row["answer"] or row["decided_on"]):
        found.append(("decision", "objection_no_decision", {"found": ident}))
    if received is not None and decided is not None and decided < received:
        found.append(("decided_on", "objection_decided_before", {"found": row["decided_on"],
                                                                 "accepted": row["received_on"]}))
    return found


def _date(row: Mapping[str, str], column: str, today: datetime.date, found: list[RowProblem]) -> datetime.date | None:
    """The date of a column ('' → None); a malformed or future one is noted in `found`."""
    text = row[column]
    if not text:
        return None
    day = parse_date(text)
    if day is None:
        found.append((column, "bad_date", {"found": text}))
    elif day > today:
        found.append((column, "future_date", {"found": text, "accepted": today.isoformat()}))
        return None
    return day


# --- loading ------------------------------------------------------------------------------------------
def _read_units(path: Path, criteria: Criteria, problems: Problems, data: bytes | None = None) -> tuple[Unit, ...]:
    file = str(path)
    group_ids = [g.id for g in criteria.groups]
    seen: dict[str, tuple[int, str]] = {}
    names: dict[tuple[str, str], tuple[str, int]] = {}
    units: list[Unit] = []
    rows = 0
    for line, row in read_csv(path, UNITS.names, problems, data=data):
        unit_id, group = row["id"], row["group"]
        rows += 1
        ok = True
        for column in ("id", "name", "group"):
            if not row[column]:
                problems.add(Problem(file, "empty_field", {"column": column}, line=line, column=column))
                ok = False
        reason = id_problem(unit_id, lower=True) if unit_id else None
        if reason:
            problems.add(Problem(file, reason, id_params(unit_id), line=line, column="id"))
            ok = False
        for predecessor in split_list(row["predecessors"]):
            if reason := id_problem(predecessor, lower=True):
                problems.add(Problem(file, reason, id_params(predecessor), line=line, column="predecessors"))
                ok = False
        if group and group not in group_ids:
            problems.add(Problem(file, "unknown_group", {"found": group, "accepted": ", ".join(group_ids)},
                                 line=line, column="group"))
            ok = False
        if unit_id in seen:
            line0, group0 = seen[unit_id]
            if group0 != group:
                problems.add(Problem(file, "unit_two_groups", {"found": unit_id, "accepted": group0, "line0": line0},
                                     line=line, column="group"))
            else:
                problems.add(Problem(file, "duplicate_unit", {"found": unit_id, "accepted": line0}, line=line,
                                     column="id"))
            continue
        name_key = (group, " ".join(row["name"].casefold().split()))  # NFC already: composed = decomposed
        if ok and name_key in names:
            other, line0 = names[name_key]
            problems.add(Problem(file, "duplicate_name", {"found": row["name"], "accepted": other, "line0": line0},
                                 line=line, column="name"))
            ok = False
        if ok:
            seen[unit_id] = (line, group)
            names[name_key] = (unit_id, line)
            units.append(Unit(unit_id, row["name"], group, frozenset(split_list(row["tags"])),
                              split_list(row["predecessors"]), line))
    if not rows and not problems.errors:
        problems.add(Problem(file, "no_units"))
    return tuple(units)


def _load_values(path: Path, names: tuple[str, ...], criteria: Criteria, units: Mapping[str, Unit],
                 problems: Problems, appraisal: bool, measured: bool = False,
                 today: datetime.date | None = None, data: bytes | None = None) -> Values:
    file = str(path)
    groups = {g.id: {n.id: n for n in g.nodes()} for g in criteria.groups}
    seen: dict[Key, int] = {}
    rows: dict[Key, int] = {}
    found: list[tuple[str, float | None, str, int, bool, str, str]] = []  # the fields of each Value
    known: Known = {}
    for line, row in read_csv(path, names, problems, data=data):
        unit_id, indicator_id = row["unit"], row["indicator"]
        unit = units.get(unit_id)
        if unit is None:
            hint = "" if problems.full else nearest(unit_id, units)
            problems.add(Problem(file, "unknown_unit", {"found": unit_id, "nearest": hint}, line=line, column="unit"))
            continue
        nodes = groups[unit.group]
        node = nodes.get(indicator_id)
        if node is None:
            problems.add(Problem(file, "unknown_indicator", {"found": indicator_id, "group": unit.group,
                                                             "nearest": "" if problems.full
                                                             else nearest(indicator_id, nodes)},
                                 line=line, column="indicator"))
            continue
        if isinstance(node, Composite):
            problems.add(Problem(file, "not_leaf", {"found": indicator_id,
                                                    "accepted": ", ".join(c.id for c in node.leaves())},
                                 line=line, column="indicator"))
            continue
        key = (unit_id, indicator_id)
        if key in seen:
            problems.add(Problem(file, "duplicate_row", {"found": unit_id, "indicator": indicator_id,
                                                         "accepted": seen[key]}, line=line, column="indicator"))
            continue
        seen[key] = line
        if not node.applies(unit.id, unit.tags):
            problems.add(Problem(file, "not_applicable_value", {"found": unit_id, "indicator": indicator_id},
                                 line=line, column="indicator", severity="warning"))
            continue
        if (measured or node.source in ("measured", "tasks")) and _measured_problem(file, line, row, node, problems,
                                                                         appraisal, measured):
            continue
        value = _parse_row(file, line, row, unit.group, node, problems, appraisal, names[-1], known, today)
        if value is not None:
            rows[key] = len(rows)
            found.append((*value[:2], "", *value[3:], row["system"] or node.system, row["measured_at"]) if measured
                         else (*value, "", ""))
    return Values(rows, *map(tuple, zip(*found, strict=True))) if found else Values()


def _measured_problem(file: str, line: int, row: Mapping[str, str], indicator: Indicator, problems: Problems,
                      appraisal: bool, measured: bool) -> bool:
    """A row that its file may not hold: a measurement of an indicator that is not measured, or a unit's own
    value for one that is (the unit cannot override a measurement; the council may correct it). Only a
    measurement or a row of a measured indicator can be such a row."""
    found = len(problems.items)
    if measured and indicator.source != "measured":
        problems.add(Problem(file, "not_measured", {"found": indicator.id}, line=line, column="indicator"))
    elif measured and not row["value"]:
        problems.add(Problem(file, "empty_field", {"column": "value"}, line=line, column="value"))
    elif measured and not ISO_DATE.match(row["measured_at"]):
        problems.add(Problem(file, "bad_measured_at", {"found": row["measured_at"]}, line=line, column="measured_at"))
    elif appraisal and indicator.source == "tasks" and row["value"] and not row["note"]:
        problems.add(Problem(file, "tasks_correction_note", {"indicator": indicator.id}, line=line, column="note"))
    elif not measured and not appraisal and indicator.source == "tasks" and row["value"]:
        problems.add(Problem(file, "tasks_self_value", {"unit": row["unit"], "indicator": indicator.id},
                             line=line, column="value"))
    elif appraisal and indicator.source == "measured" and row["value"] and not row["note"]:
        problems.add(Problem(file, "measured_correction_note", {"indicator": indicator.id}, line=line, column="note"))
    elif not measured and not appraisal and indicator.source == "measured" and row["value"]:
        problems.add(Problem(file, "measured_self_value", {"unit": row["unit"], "indicator": indicator.id,
                                                           "system": indicator.system or "—"},
                             line=line, column="value"))
    return len(problems.items) > found


Parsed = tuple[str, float | None, str, int, bool]
"""The first fields of a Value (text, number, comment, line, applicable): a plain tuple, which Python's
garbage collector soon stops scanning."""


Known = dict[tuple[str, str, str, str], "tuple[float, bool] | ValueProblem"]
"""What parse_value made of (group, indicator, value, denominator): a column holds the same few values
again and again (yes/no, a choice, a small count), each parsed once."""


def _parse_row(file: str, line: int, row: dict[str, str], group: str, indicator: Indicator, problems: Problems,
               appraisal: bool, comment_column: str, known: Known, today: datetime.date | None) -> Parsed | None:
    text, denominator = row["value"], row["denominator"]
    if not text:
        if appraisal:
            problems.add(Problem(file, "empty_appraisal", line=line, column="value"))
            return None
        return "", None, row[comment_column], line, True
    key = (group, indicator.id, text, denominator)
    parsed = known.get(key)
    if parsed is None:
        try:
            parsed = parse_value(indicator.rule, indicator.points, text, denominator, today)
        except ValueProblem as exc:
            parsed = exc.with_traceback(None)
        known[key] = parsed
    if isinstance(parsed, ValueProblem):
        problems.add(Problem(file, parsed.reason, parsed.params, line=line, column=parsed.column))
        return None
    shown = f"{text}/{denominator}" if denominator else text
    return shown, parsed[0], row[comment_column], line, parsed[1]


def load_units(criteria: Criteria, path: Path) -> tuple[Unit, ...]:
    """units.csv alone (forms are made before any value exists); DataError lists every problem."""
    problems = Problems()
    units = _read_units(path, criteria, problems)
    _check_applies_to(criteria, units, problems)
    problems.raise_if_errors(DataError)
    return units


def _check_applies_to(criteria: Criteria, units: tuple[Unit, ...], problems: Problems) -> None:
    known = {u.id for u in units} | {t for u in units for t in u.tags}
    for group in criteria.groups:
        for indicator in group.indicators:
            for name in sorted((indicator.applies_to or frozenset()) - known):
                problems.add(Problem(criteria.source, "applies_to_unknown",
                                     {"found": name, "accepted": indicator.id}, path=f"{group.id}/{indicator.id}"))


def council_pending(criteria: Criteria, units: tuple[Unit, ...], appraised: Mapping[Key, Value],
                    file: str) -> list[Problem]:
    """A warning for every applicable `council` indicator of every unit that the council has not scored yet:
    it scores 0 until it does (a final run refuses)."""
    return [Problem(file, "council_pending", {"unit": unit.id, "indicator": ind.id, "name": unit.name},
                    severity="warning")
            for group, council in ((g, [i for i in g.indicators if isinstance(i.rule, Council)])
                                   for g in criteria.groups)
            for unit in units if unit.group == group.id for ind in council
            if ind.applies(unit.id, unit.tags) and (unit.id, ind.id) not in appraised]


def evidence_missing(criteria: Criteria, units: tuple[Unit, ...], self_assessed: Mapping[Key, Value],
                     appraised: Mapping[Key, Value], file: str) -> list[Problem]:
    """A warning for every self-assessed value without evidence of an indicator that requires evidence (and
    that the council has not set): it scores 0 (status `no_evidence`)."""
    strict = {g.id: [i.id for i in g.indicators if i.evidence_required] for g in criteria.groups}
    found: list[Problem] = []
    for unit in units:
        for indicator in strict.get(unit.group, []):
            key = (unit.id, indicator)
            value = self_assessed.get(key)
            if value is not None and value.number is not None and not value.comment and key not in appraised:
                found.append(Problem(file, "no_evidence", {"unit": unit.id, "indicator": indicator, "name": unit.name},
                                     line=value.line, column="evidence", severity="warning"))
    return found


def measured_missing(criteria: Criteria, units: tuple[Unit, ...], measured: Mapping[Key, Value],
                     appraised: Mapping[Key, Value], file: str) -> list[Problem]:
    """A warning for every applicable measured indicator of every unit with no measurement (and no council
    value): it is `unmeasured` and scores 0."""
    return [Problem(file, "measured_missing", {"unit": unit.id, "indicator": ind.id, "name": unit.name,
                                               "system": ind.system or "—"}, severity="warning")
            for group, measurable in ((g, [i for i in g.indicators if i.source == "measured"]) for g in criteria.groups)
            for unit in units if unit.group == group.id for ind in measurable
            if ind.applies(unit.id, unit.tags)
            and (unit.id, ind.id) not in measured and (unit.id, ind.id) not in appraised]


def load_measured(criteria: Criteria, units: tuple[Unit, ...], path: Path) -> Mapping[Key, Value]:
    """measured.csv alone, when it exists (the forms show the measurements); DataError lists every problem."""
    problem = file_problem(path)
    if problem is not None:
        if problem.reason == "file_missing":
            return Values()
        raise DataError([problem])
    problems = Problems()
    measured = _load_values(path, MEASURED.names, criteria, {u.id: u for u in units}, problems, False,
                            measured=True)
    problems.raise_if_errors(DataError)
    return measured


def _day(text: str) -> date | None:
    """A day written YYYY-MM-DD that exists, else None."""
    if not ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def read_tasks(path: Path, criteria: Criteria, units: Mapping[str, Unit], today: date,
               problems: Problems, data: bytes | None = None) -> tuple[Task, ...]:
    """The task register: every row checked (an unknown unit, the same task twice for a unit, a malformed
    date, a task done after `today`, the day of the run, are errors; a deadline outside the criteria's
    period is a warning), all at once with their lines. `data`: the file's bytes as read once (else read here)."""
    file = str(path)
    period = criteria.tasks_period()
    seen: dict[tuple[str, str], int] = {}
    tasks: list[Task] = []
    for line, row in read_csv(path, TASKS_COLUMNS, problems, data=data):
        found: list[Problem] = []  # this row's errors
        for column in ("task", "unit", "title", "deadline"):
            if not row[column]:
                found.append(Problem(file, "empty_field", {"column": column}, line=line, column=column))
        unit_id = row["unit"]
        if unit_id and unit_id not in units:
            hint = "" if problems.full else nearest(unit_id, units)
            found.append(Problem(file, "unknown_unit", {"found": unit_id, "nearest": hint}, line=line, column="unit"))
        days: dict[str, date | None] = {}
        for column in ("deadline", "done_on"):
            days[column] = _day(row[column])
            if row[column] and days[column] is None:
                found.append(Problem(file, "bad_task_date", {"found": row[column], "column": column}, line=line,
                                     column=column))
        done, deadline = days["done_on"], days["deadline"]
        if done is not None and done > today:
            found.append(Problem(file, "task_done_future", {"found": row["done_on"], "accepted": today.isoformat()},
                                 line=line, column="done_on"))
        key = (row["task"], unit_id)
        if row["task"] and unit_id and key in seen:
            found.append(Problem(file, "duplicate_task", {"found": row["task"], "unit": unit_id,
                                                          "accepted": seen[key]}, line=line, column="task"))
        for problem in found:
            problems.add(problem)
        if found or deadline is None:
            continue
        seen[key] = line
        if deadline not in period:
            problems.add(Problem(file, "task_outside_period", {"found": row["deadline"], "task": row["task"],
                                                               "start": period.start.isoformat(),
                                                               "end": period.end.isoformat()},
                                 line=line, column="deadline", severity="warning"))
        tasks.append(Task(row["task"], unit_id, row["title"], row["plan"], deadline, done, row["evidence"],
                          row["note"], line))
    return tuple(tasks)


def task_values(criteria: Criteria, units: tuple[Unit, ...], tasks: tuple[Task, ...],
                as_of: date) -> tuple[dict[Key, Value], dict[Key, Completion]]:
    """The value of every applicable `source: tasks` indicator of every unit, computed from the register
    (no task due: not applicable), and the counts behind it. Seen on a day after the period, the register
    is counted at the period's end (the same counts: nothing done after it counts), so that a run gives the
    same figures, and says the same day, whenever it is made."""
    period = criteria.tasks_period()
    as_of = min(as_of, period.end)
    mine = by_unit(tasks)
    values: dict[Key, Value] = {}
    counts: dict[Key, Completion] = {}
    for group in criteria.groups:
        indicators = [i for i in group.indicators if i.source == "tasks"]
        for unit in (u for u in units if u.group == group.id):
            for ind in (i for i in indicators if i.applies(unit.id, unit.tags)):
                done = completion(mine.get(unit.id, ()), ind, period, as_of)
                counts[(unit.id, ind.id)] = done
                values[(unit.id, ind.id)] = Value(done.text, done.value, "", 0, done.due > 0, REGISTER,
                                                  as_of.isoformat())
    return values, counts


def load_tasks(criteria: Criteria, units: tuple[Unit, ...], path: Path) -> tuple[Task, ...] | None:
    """tasks.csv alone, when it exists (the forms list each unit's tasks); None without one; DataError lists
    every problem."""
    problem = file_problem(path)
    if problem is not None:
        if problem.reason == "file_missing":
            return None
        raise DataError([problem])
    problems = Problems()
    tasks = read_tasks(path, criteria, {u.id: u for u in units}, date.today(), problems)
    problems.raise_if_errors(DataError)
    return tasks


OPTIONAL = (APPRAISAL.file,)  # dti run does without it; validate (partial) also without self_assessment.csv


def load_inputs(criteria: Criteria, folder: str | Path, partial: bool = False,
                today: datetime.date | None = None, as_of: datetime.date | None = None) -> Inputs:
    """Read one year's inputs; raise DataError listing every problem of every file. With `partial` (validate,
    at any step of the year) only units.csv is required: the files not there yet are listed in `absent`.
    `today` is the run's day (a day of a deadline after it is an error); the default is the computer's. Each file
    is read once: its hash in `files` is of the very bytes that were parsed. The task register is seen on
    `as_of` (default: `today`)."""
    root = Path(folder)
    problems = Problems()
    files: dict[str, str] = {}

    def take(path: Path, max_bytes: int | None = None) -> bytes | None:
        data = read_bytes(path, problems, csvio.MAX_CSV_BYTES if max_bytes is None else max_bytes)
        if data is not None:
            files[str(path)] = sha256(data)
        return data

    names = (UNITS.file, SELF_ASSESSMENT.file, APPRAISAL.file)
    paths = {name: root / name for name in names}
    found = {name: file_problem(paths[name]) for name in names}
    absent = tuple(n for n in names[1:] if found[n] == Problem(str(paths[n]), "file_missing")
                   and (partial or n in OPTIONAL))
    for name in names:
        if found[name] is not None and name not in absent:
            problems.add(found[name])  # type: ignore[arg-type]
    problems.raise_if_errors(DataError)
    data = take(paths[UNITS.file])
    units = _read_units(paths[UNITS.file], criteria, problems, data) if data is not None else ()
    if not units:  # unreadable: every value would be an unknown unit
        problems.raise_if_errors(DataError)
    _check_applies_to(criteria, units, problems)
    by_id = {u.id: u for u in units}
    self_assessed = appraised = Values()
    if SELF_ASSESSMENT.file not in absent and (data := take(paths[SELF_ASSESSMENT.file])) is not None:
        self_assessed = _load_values(paths[SELF_ASSESSMENT.file], SELF_ASSESSMENT.names, criteria, by_id, problems,
                                     False, today=today, data=data)
    if APPRAISAL.file not in absent and (data := take(paths[APPRAISAL.file])) is not None:
        appraised = _load_values(paths[APPRAISAL.file], APPRAISAL.names, criteria, by_id, problems, True,
                                 today=today, data=data)
    marker = root / "SAMPLE"
    sample = ""
    if file_problem(marker) != Problem(str(marker), "file_missing") and (data := take(marker, MAX_SAMPLE_BYTES)):
        sample = _read_sample(marker, data, problems)
    problems.raise_if_errors(DataError)
    measured_path = root / MEASURED.file  # optional: the values of the measured indicators
    measured = Values()
    if (problem := file_problem(measured_path)) is None:
        if (data := take(measured_path)) is not None:
            measured = _load_values(measured_path, MEASURED.names, criteria, by_id, problems, False, measured=True,
                                    today=today, data=data)
    elif problem.reason != "file_missing":
        problems.add(problem)
    objections_path = root / OBJECTIONS.file  # optional: between the draft and the final ranking
    objections: tuple[Objection, ...] = ()
    if (problem := file_problem(objections_path)) is None:
        if (data := take(objections_path)) is not None:
            objections = load_objections(criteria, units, objections_path, problems, today or datetime.date.today(),
                                         data)
    elif problem.reason != "file_missing":
        problems.add(problem)
    tasks_path = root / REGISTER  # optional: the year's task register
    day = today or datetime.date.today()
    seen_on = as_of or day
    tasks: tuple[Task, ...] = ()
    if (problem := file_problem(tasks_path)) is None:
        if (data := take(tasks_path)) is not None:
            tasks = read_tasks(tasks_path, criteria, by_id, day, problems, data)
    elif problem.reason != "file_missing":
        problems.add(problem)
    elif computed := sorted({i.id for g in criteria.groups for i in g.indicators if i.source == "tasks"}):
        problems.add(Problem(str(tasks_path), "tasks_missing", {"found": ", ".join(computed)}, severity="warning"))
    plans = {t.plan for t in tasks}
    for group in criteria.groups if tasks else ():
        for ind in group.indicators:
            if ind.source == "tasks" and ind.plan and ind.plan not in plans:
                problems.add(Problem(criteria.source, "tasks_plan_unknown",
                                     {"found": ind.plan, "indicator": ind.id,
                                      "accepted": ", ".join(sorted(p for p in plans if p)) or "—"},
                                     path=f"{group.id}/{ind.id}", severity="warning"))
    problems.raise_if_errors(DataError)
    from_tasks, completions = task_values(criteria, units, tasks, seen_on) if tasks else ({}, {})
    for problem in (*council_pending(criteria, units, appraised, str(paths[APPRAISAL.file])),
                    *measured_missing(criteria, units, measured, appraised, str(measured_path)),
                    *evidence_missing(criteria, units, self_assessed, appraised, str(paths[SELF_ASSESSMENT.file]))):
        problems.add(problem)
    return Inputs(
        folder=str(root), units=units, self_assessed=self_assessed, appraised=appraised, files=files,
        sample=sample, warnings=tuple(problems.warnings), absent=absent, measured=measured, objections=objections,
        tasks=tasks, as_of=seen_on, completions=completions, task_values=Values.of(from_tasks),
    )


def _read_sample(path: Path, data: bytes, problems: Problems) -> str:
    """The SAMPLE mark's text: a regular UTF-8 file of a few lines, without control characters."""
    text = decode_text(str(path), data, problems)
    if text is None:
        return ""
    for number, line in enumerate(text.splitlines(), start=1):
        if (found := control_problem(line)) is not None:
            problems.add(Problem(str(path), "control_char", found, line=number))
    return text.strip()
