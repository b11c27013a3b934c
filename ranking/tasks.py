"""The year's tasks (issue 19): the register of the plan's tasks per unit (tasks.csv), the completion that a
`source: tasks` indicator scores, and the progress at any date that `dti tasks` reports (terminal, workbook,
PDF). Read and checked by inputs.py like every input; this module only counts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ranking.criteria import Criteria, Indicator, Period
from ranking.errors import Lang

if TYPE_CHECKING:
    from ranking.i18n import Words
    from ranking.inputs import Inputs
    from ranking.tables import Sheet

SOON = 30  # days: "due soon" in the progress report
REGISTER = "tasks.csv"  # the register's file name, shown as the source of a computed value


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


def by_unit(tasks: Iterable[Task]) -> dict[str, list[Task]]:
    out: dict[str, list[Task]] = {}
    for t in tasks:
        out.setdefault(t.unit, []).append(t)
    return out


# --- progress at a date (dti tasks) ---------------------------------------------------------------------
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


def _by_deadline(t: Task) -> tuple[date, str]:
    return t.deadline, t.task


def unit_progress(group: str, unit: str, name: str, tasks: Sequence[Task], as_of: date) -> UnitProgress:
    done = [(t, t.done_by(as_of)) for t in tasks]
    overdue = tuple(sorted((t for t, d in done if d is None and t.deadline < as_of), key=_by_deadline))
    soon = tuple(sorted((t for t, d in done if d is None and as_of <= t.deadline <= as_of + timedelta(days=SOON)),
                        key=_by_deadline))
    return UnitProgress(group, unit, name, len(tasks), sum(t.deadline <= as_of for t in tasks),
                        sum(d is not None and d <= t.deadline for t, d in done),
                        sum(d is not None and d > t.deadline for t, d in done), overdue, soon)


def progress(criteria: Criteria, inputs: Inputs, as_of: date) -> Progress:
    """Every unit's progress on `as_of` (a unit with no task too: it shows zeros)."""
    tasks = by_unit(inputs.tasks)
    order = {g.id: i for i, g in enumerate(criteria.groups)}
    units = [unit_progress(u.group, u.id, u.name, tasks.get(u.id, []), as_of) for u in inputs.units]
    units.sort(key=lambda p: (-len(p.overdue), order.get(p.group, 0), p.name.casefold(), p.unit))
    return Progress(as_of, tuple(units), inputs.sample, criteria)


def day_text(day: date, w: Words) -> str:
    """30/6/2025 (vi), 2025-06-30 (en)."""
    return f"{day.day}/{day.month}/{day.year}" if w.lang == "vi" else day.isoformat()


COLUMNS = ("tasks.unit", "tasks.assigned", "tasks.due", "tasks.on_time", "tasks.late", "tasks.overdue", "tasks.soon")


def _counts(p: UnitProgress) -> tuple[int, ...]:
    return p.assigned, p.due, p.on_time, p.late, len(p.overdue), len(p.soon)


def render(report: Progress, lang: Lang) -> str:
    """The terminal view: the title, a table of every unit, then each overdue task with its deadline."""
    from ranking.i18n import Words  # i18n reads inputs, which reads this module

    w = Words(lang)
    lines = [w("tasks.title", date=day_text(report.as_of, w))]
    if report.sample:
        lines.append(w("sample"))
    width = max([len(w(COLUMNS[0])), *(len(p.name) for p in report.units)])
    heads = [w(c) for c in COLUMNS[1:]]
    lines += ["", "  ".join([w(COLUMNS[0]).ljust(width), *(h.rjust(max(len(h), 5)) for h in heads)])]
    for p in report.units:
        lines.append("  ".join([p.name.ljust(width), *(w.count(n).rjust(max(len(h), 5))
                                                       for n, h in zip(_counts(p), heads, strict=True))]))
    late = [p for p in report.units if p.overdue]
    lines += ["", w("tasks.overdue_list", n=sum(len(p.overdue) for p in late))]
    for p in late:
        lines.append(f"{p.name}:")
        for t in p.overdue:
            lines.append("  " + w("tasks.overdue_line", task=t.task, title=t.title, deadline=day_text(t.deadline, w),
                                  days=w.count((report.as_of - t.deadline).days)))
    return "\n".join(lines)


def sheets(report: Progress, lang: Lang) -> dict[str, Sheet]:
    """The workbook: the table per unit, the overdue tasks, the tasks due soon."""
    from ranking.i18n import Words
    from ranking.tables import Sheet

    w = Words(lang)
    groups = {g.id: g.title for g in report.criteria.groups}
    table = Sheet([w("tasks.group"), w("tasks.unit_id"), *(w(c) for c in COLUMNS)],
                  [[groups.get(p.group, p.group), p.unit, p.name, *_counts(p)] for p in report.units],
                  ["", "", "", *["0"] * 6])

    def listing(pick: str) -> Sheet:
        rows = [[p.unit, p.name, t.task, t.title, t.plan, t.deadline.isoformat(), (report.as_of - t.deadline).days]
                for p in report.units for t in getattr(p, pick)]
        return Sheet([w("tasks.unit_id"), w("tasks.unit"), w("tasks.task"), w("tasks.task_title"), w("tasks.plan"),
                      w("tasks.deadline"), w("tasks.days_over" if pick == "overdue" else "tasks.days_since")],
                     rows, ["", "", "", "", "", "", "0"])

    return {w("tasks.sheet.progress"): table, w("tasks.sheet.overdue"): listing("overdue"),
            w("tasks.sheet.soon"): listing("soon")}


def html(report: Progress, lang: Lang) -> str:
    """The PDF's HTML: per group, the table of its units and their overdue tasks."""
    from ranking import __version__
    from ranking.i18n import Words  # i18n reads inputs, which reads this module
    from ranking.report import environment, report_date

    w = Words(lang)
    views = [(g, [p for p in report.units if p.group == g.id]) for g in report.criteria.groups]
    return environment().get_template("tasks.html").render(
        w=w, criteria=report.criteria, version=__version__, created=report_date().strftime("%Y-%m-%dT%H:%M:%SZ"),
        draft_mark="", sample=bool(report.sample), report=report, views=[v for v in views if v[1]],
        title=w("tasks.title", date=day_text(report.as_of, w)), day=lambda d: day_text(d, w), counts=_counts,
        columns=COLUMNS[1:])


WORKBOOK, PDF = "tasks.xlsx", "tasks.pdf"


def write(report: Progress, folder: Path, lang: Lang) -> list[Path]:
    """The workbook and the PDF into `folder` (a staged folder: the caller swaps it into place)."""
    from ranking.i18n import Words  # i18n reads inputs, which reads this module
    from ranking.report import pdf_bytes
    from ranking.tables import write_xlsx

    w = Words(lang)
    banner = w("sample") if report.sample else None
    write_xlsx(folder / WORKBOOK, sheets(report, lang), banner)
    (folder / PDF).write_bytes(pdf_bytes(html(report, lang)))
    return [folder / WORKBOOK, folder / PDF]


def task_notes(inputs: Inputs, unit: str, indicator: str, w: Words) -> list[str]:
    """What a breakdown says under a `source: tasks` indicator: where the value comes from, the counts
    behind it ('18/20 done on time, 1 late, 1 not done'), then each late and undone task with its deadline."""
    done = inputs.completions.get((unit, indicator))
    value = inputs.task_values.get((unit, indicator))
    if done is None or value is None:
        return []
    notes = [w("tasks.from_register", date=day_text(date.fromisoformat(value.measured_at), w))]
    if done.due:
        notes.append(w("tasks.counts", on_time=w.count(done.on_time), due=w.count(done.due),
                       late=w.count(done.late), undone=w.count(done.undone)))
    notes += [w("tasks.late_item", task=t.task, title=t.title, deadline=day_text(t.deadline, w),
                done=day_text(t.done_on, w)) for t in done.late_tasks if t.done_on is not None]
    notes += [w("tasks.undone_item", task=t.task, title=t.title, deadline=day_text(t.deadline, w))
              for t in done.undone_tasks]
    return notes
