"""`dti tasks` (issue 19): the progress of the plan's tasks per unit at any date, from the register that
inputs.py reads: on the terminal, and as a workbook and a PDF. Imported by the command line only when the
command runs (it loads the report stack)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ranking import __version__
from ranking.clock import report_date
from ranking.criteria import Criteria
from ranking.errors import Lang
from ranking.i18n import Words
from ranking.inputs import Inputs
from ranking.register import REGISTER, Task, by_unit, day_text
from ranking.report import environment, pdf_bytes
from ranking.tables import Sheet, write_xlsx

__all__ = ["REGISTER", "Progress", "UnitProgress", "html", "progress", "render", "sheets", "write"]
SOON = 30  # days: "due soon" in the progress report


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


COLUMNS = ("tasks.unit", "tasks.assigned", "tasks.due", "tasks.on_time", "tasks.late", "tasks.overdue", "tasks.soon")


def _counts(p: UnitProgress) -> tuple[int, ...]:
    return p.assigned, p.due, p.on_time, p.late, len(p.overdue), len(p.soon)


def render(report: Progress, lang: Lang) -> str:
    """The terminal view: the title, a table of every unit, then each overdue task with its deadline."""
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
    w = Words(lang)
    banner = w("sample") if report.sample else None
    write_xlsx(folder / WORKBOOK, sheets(report, lang), banner)
    (folder / PDF).write_bytes(pdf_bytes(html(report, lang)))
    return [folder / WORKBOOK, folder / PDF]
