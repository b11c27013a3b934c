"""The year's task register (issue 19): its rows (tasks.csv, read and checked by inputs.py like every input)
and the completion that a `source: tasks` indicator scores, counted from them. Counting only: the command that
reports the progress at a date is ranking/tasks.py."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from ranking.criteria import Criteria, Indicator, Period


class Assignee(Protocol):
    """A unit as the progress report names it (inputs.Unit; a protocol, so that this module, which inputs.py
    reads, does not import inputs.py)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def group(self) -> str: ...

REGISTER = "tasks.csv"  # the register's file name, shown as the source of a computed value
SOON = 30  # days: "due soon" in the progress report


@dataclass(frozen=True)
class Task:
    """One row of the register: one task of one unit (a task given to three units is three rows)."""

    task: str
    unit: str
    title: str
    plan: str
    deadline: date
    done_on: date | None
    evidence: str
    note: str
    line: int = 0

    def done_by(self, day: date) -> date | None:
        """The day it was done, as seen on `day`: a task done later was not yet done then."""
        return self.done_on if self.done_on is not None and self.done_on <= day else None


@dataclass(frozen=True)
class Completion:
    """The counts behind a `source: tasks` value: the unit's tasks due within the period (and by the day of
    the view), done by their deadline, done late within the period, and not done (in the period); the late
    and undone tasks themselves, by deadline, for the breakdown."""

    due: int
    on_time: int
    late: int
    undone: int
    credit: float
    """on_time + late × the indicator's `late` share: the numerator of the value."""
    late_tasks: tuple[Task, ...]
    undone_tasks: tuple[Task, ...]

    @property
    def value(self) -> float | None:
        """credit / due; None when no task is due (the indicator does not apply)."""
        return self.credit / self.due if self.due else None

    @property
    def text(self) -> str:
        """The value as written in the tables: 'credit/due' ('18/20', '18.5/20'); '' when none is due."""
        return f"{self.credit:.6g}/{self.due}" if self.due else ""


def completion(tasks: Iterable[Task], indicator: Indicator, period: Period, as_of: date) -> Completion:
    """(done by the deadline + late × done late within the period) / due, over the tasks of one unit (of the
    indicator's `plan`, when it names one) whose deadline is within `period` and not after `as_of`."""
    due = sorted((t for t in tasks if t.deadline in period and t.deadline <= as_of
                  and (not indicator.plan or t.plan == indicator.plan)), key=_by_deadline)
    on_time: list[Task] = []
    late: list[Task] = []
    undone: list[Task] = []
    for t in due:
        done = t.done_by(as_of)
        if done is not None and done <= t.deadline:
            on_time.append(t)
        elif done is not None and done <= period.end:
            late.append(t)
        else:
            undone.append(t)
    return Completion(len(due), len(on_time), len(late), len(undone), len(on_time) + indicator.late * len(late),
                      tuple(late), tuple(undone))


def _by_deadline(t: Task) -> tuple[date, str]:
    return t.deadline, t.task


def by_unit(tasks: Iterable[Task]) -> dict[str, list[Task]]:
    out: dict[str, list[Task]] = {}
    for t in tasks:
        out.setdefault(t.unit, []).append(t)
    return out


@dataclass(frozen=True)
class UnitProgress:
    """One unit's tasks seen on a day: assigned (all), due by that day, done on time, done late, overdue
    (past the deadline, not done) and due within the next SOON days (not done)."""

    group: str
    unit: str
    name: str
    assigned: int
    due: int
    on_time: int
    late: int
    overdue: tuple[Task, ...]
    soon: tuple[Task, ...]


@dataclass(frozen=True)
class Progress:
    as_of: date
    units: tuple[UnitProgress, ...]
    """Units with the most overdue tasks first, then by group and name."""
    sample: str
    criteria: Criteria


def unit_progress(group: str, unit: str, name: str, tasks: Sequence[Task], as_of: date) -> UnitProgress:
    done = [(t, t.done_by(as_of)) for t in tasks]
    overdue = tuple(sorted((t for t, d in done if d is None and t.deadline < as_of), key=_by_deadline))
    soon = tuple(sorted((t for t, d in done if d is None and as_of <= t.deadline <= as_of + timedelta(days=SOON)),
                        key=_by_deadline))
    return UnitProgress(group, unit, name, len(tasks), sum(t.deadline <= as_of for t in tasks),
                        sum(d is not None and d <= t.deadline for t, d in done),
                        sum(d is not None and d > t.deadline for t, d in done), overdue, soon)


def progress(criteria: Criteria, units: Sequence[Assignee], register: Sequence[Task], sample: str,
             as_of: date) -> Progress:
    """Every unit's progress on `as_of` (a unit with no task too: it shows zeros)."""
    tasks = by_unit(register)
    order = {g.id: i for i, g in enumerate(criteria.groups)}
    rows = [unit_progress(u.group, u.id, u.name, tasks.get(u.id, []), as_of) for u in units]
    rows.sort(key=lambda p: (-len(p.overdue), order.get(p.group, 0), p.name.casefold(), p.unit))
    return Progress(as_of, tuple(rows), sample, criteria)
