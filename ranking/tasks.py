"""`dti tasks` (issue 19): the progress of the plan's tasks per unit at any date, from the register that
inputs.py reads: on the terminal, and as a workbook and a PDF. Imported by the command line only when the
command runs (it loads the report stack)."""

from __future__ import annotations

from pathlib import Path

from ranking import __version__
from ranking.clock import report_date
from ranking.errors import Lang
from ranking.i18n import Words, day_text
from ranking.register import REGISTER, Progress, UnitProgress, progress
from ranking.report import BASE_URL, environment, pdf_bytes
from ranking.tables import Sheet, write_xlsx
from ranking.views import TASK_COLUMNS, tasks_tables

__all__ = ["REGISTER", "Progress", "UnitProgress", "html", "progress", "render", "sheets", "write"]


COLUMNS = ("tasks.unit", *TASK_COLUMNS)


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
    """The PDF's HTML: per group, the table of its units and their overdue tasks (the tables the web site's
    task pages show)."""
    w = Words(lang)
    return environment().get_template("tasks.html").render(
        w=w, criteria=report.criteria, version=__version__, created=report_date().strftime("%Y-%m-%dT%H:%M:%SZ"),
        draft_mark="", sample=bool(report.sample), tables=tasks_tables(report, w),
        title=w("tasks.title", date=day_text(report.as_of, w)), base_url=BASE_URL)


WORKBOOK, PDF = "tasks.xlsx", "tasks.pdf"


def write(report: Progress, folder: Path, lang: Lang) -> list[Path]:
    """The workbook and the PDF into `folder` (a staged folder: the caller swaps it into place)."""
    w = Words(lang)
    banner = w("sample") if report.sample else None
    write_xlsx(folder / WORKBOOK, sheets(report, lang), banner)
    (folder / PDF).write_bytes(pdf_bytes(html(report, lang)))
    return [folder / WORKBOOK, folder / PDF]
