"""The workbooks that units and the appraisal council fill in: one self-assessment form per unit and one
council workbook per group. Both record what they were made from (criteria id, edition and hash; unit or
group) in a hidden, protected sheet and in custom document properties, which survive a save in Excel or
LibreOffice, so that `collect` can tell a form from another edition or another unit."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ranking.criteria import (
    Best,
    Choice,
    Composite,
    Council,
    Count,
    Criteria,
    Deadline,
    Group,
    Indicator,
    MinMax,
    Node,
    Penalty,
    Pillar,
    Ratio,
    Tiers,
    YesNo,
)
from ranking.csvio import neutralise
from ranking.errors import Lang
from ranking.i18n import Words, describe_node, entry_and_node, measurement_note, shown_points, t
from ranking.inputs import Inputs, Key, Unit, Value
from ranking.objections import Draft
from ranking.output import added_files, inside
from ranking.register import Task
from ranking.tables import save_workbook

Kind = Literal["self", "appraisal", "objection"]
FORMAT = 1
META_SHEET = "_dti"
META_KEYS = ("format", "kind", "criteria_id", "edition", "criteria_sha256", "owner", "sheet", "lang")
PART_KEYS = ("part", "parts")  # a council workbook's part of its group (1 of 1 when absent: before parts)
MAX_FORM_ROWS = 10_000  # rows of a form's table that `collect` reads: a council workbook is split to fit
DRAFT_KEY = "draft_sha256"  # an objection form's draft: the SHA-256 of the draft run's run.json
DATE_CELL = "C5"  # an objection form's date of sending, entered by the unit
PREFILLED_COLUMN = 3  # in the hidden sheet: on a measured row's row number, the value the form showed
HEADER_ROW = 6
FIRST_ROW = 7
_INPUT = PatternFill("solid", start_color="FFF2CC")
_COUNCIL = PatternFill("solid", start_color="F8CBAD")  # rows the council must fill: no value, no points
_MEASURED = PatternFill("solid", start_color="DDEBF7")  # measured by an information system: shown, locked
_HEAD = PatternFill("solid", start_color="D9E1F2")
_PILLAR = PatternFill("solid", start_color="EDEDED")
_COMPOSITE = PatternFill("solid", start_color="F5F5F5")  # a composite's title row: a lighter heading
_WRAP = Alignment(wrap_text=True, vertical="top")
LINE_HEIGHT = 15.0  # points per line of 11-pt text


@dataclass(frozen=True)
class Columns:
    """Where a form keeps its row keys and its input cells (1-based column numbers); `headers` are the
    catalogue keys of the column headings."""

    keys: tuple[int, ...]
    value: int
    denominator: int
    """0 where the form has no denominator column (an objection's asked value is a fraction or a number)."""
    text: int
    headers: tuple[str, ...]
    widths: tuple[int, ...]
    claim: int = 0
    """An objection form's claim column (0 on the other forms)."""

    @property
    def width(self) -> int:
        return len(self.headers)

    @property
    def inputs(self) -> tuple[int, ...]:
        """Every column the unit or the council types into."""
        return tuple(c for c in (self.claim, self.value, self.denominator, self.text) if c)


SELF = Columns(
    keys=(1,), value=6, denominator=7, text=8,
    headers=("form.col.id", "form.col.title", "form.col.points", "form.col.rule", "form.col.asked", "form.col.value",
             "form.col.denominator", "form.col.evidence"),
    widths=(10, 60, 9, 42, 40, 16, 12, 45),
)
APPRAISAL = Columns(
    keys=(1, 3), value=9, denominator=10, text=11,
    headers=("form.col.unit", "form.col.name", "form.col.id", "form.col.title", "form.col.points", "form.col.rule",
             "form.col.self_value", "form.col.self_evidence", "form.col.appraised", "form.col.appraised_denominator",
             "form.col.note", "form.col.council_task"),
    widths=(22, 30, 10, 50, 9, 36, 16, 36, 16, 14, 40, 28),
)
OBJECTION = Columns(
    keys=(1,), value=8, denominator=0, text=9, claim=7,
    headers=("form.col.id", "form.col.title", "form.col.points", "form.col.self_value", "form.col.appraised",
             "form.col.draft_points", "form.col.claim", "form.col.asked_value", "form.col.evidence"),
    widths=(10, 50, 9, 16, 16, 12, 50, 16, 40),
)
COLUMNS: Mapping[Kind, Columns] = {"self": SELF, "appraisal": APPRAISAL, "objection": OBJECTION}
# The sheet of the unit's tasks from the register (issue 19): the register's columns locked, then the unit's
# claim for a task it considers done and the register does not: the day, and the evidence.
TASK_HEADERS = ("form.col.task", "form.col.task_title", "form.col.plan", "form.col.deadline", "form.col.done_on",
                "form.col.claim_day", "form.col.claim_evidence")
TASK_WIDTHS = (16, 60, 26, 14, 14, 16, 45)
CLAIM_DAY, CLAIM_EVIDENCE = 6, 7


@dataclass(frozen=True)
class Row:
    """One expected row of a form: a heading (`heading`: a pillar, or a composite before its sub-items;
    indicator None) or an indicator of a unit."""

    key: tuple[str, ...]
    unit: str
    indicator: Indicator | None
    heading: Pillar | Composite | None = None


def self_rows(group: Group, unit: Unit) -> tuple[Row, ...]:
    """A unit's form: each pillar that has an indicator applying to the unit, then those indicators, each
    composite's title just before its sub-items, as the published decision lists them."""
    rows: list[Row] = []
    for pillar in group.pillars:
        body = node_rows(pillar.children, unit)
        if body:
            rows.append(Row((pillar.id,), unit.id, None, pillar))
            rows.extend(body)
    return tuple(rows)


def node_rows(nodes: Sequence[Node], unit: Unit) -> list[Row]:
    """The rows of `nodes` for a unit, in file order: each indicator that applies to it, and each composite
    with some sub-item that applies as a heading before them."""
    rows: list[Row] = []
    for node in nodes:
        if isinstance(node, Composite):
            body = node_rows(node.children, unit)
            if body:
                rows.append(Row((node.id,), unit.id, None, node))
                rows.extend(body)
        elif node.applies(unit.id, unit.tags):
            rows.append(Row((node.id,), unit.id, node))
    return rows


def appraisal_rows(group: Group, units: Iterable[Unit]) -> tuple[Row, ...]:
    """A council workbook: every applicable indicator of every unit of the group, unit by unit."""
    return tuple(Row((u.id, leaf.id), u.id, leaf) for u in units if u.group == group.id
                 for leaf in group.indicators if leaf.applies(u.id, u.tags))


def council_parts(group: Group, units: Iterable[Unit]) -> tuple[tuple[Row, ...], ...]:
    """The rows of a group's council workbooks: its units in order, as many to a workbook as fit in
    MAX_FORM_ROWS rows (a unit's rows kept together, unless they alone are more than a workbook holds)."""
    parts: list[tuple[Row, ...]] = []
    part: list[Row] = []
    for _, found in groupby(appraisal_rows(group, units), key=lambda row: row.unit):
        rows = list(found)
        if part and len(part) + len(rows) > MAX_FORM_ROWS:
            parts.append(tuple(part))
            part = []
        part.extend(rows)
        while len(part) > MAX_FORM_ROWS:
            parts.append(tuple(part[:MAX_FORM_ROWS]))
            part = part[MAX_FORM_ROWS:]
    return (*parts, tuple(part)) if part or not parts else tuple(parts)


def council_name(group: str, part: int, parts: int) -> str:
    """A council workbook's file name without its suffix: appraisal-GROUP, or appraisal-GROUP-2 of several."""
    return f"appraisal-{group}" if parts == 1 else f"appraisal-{group}-{part}"


# --- words -------------------------------------------------------------------------------------------
def _n(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _g(x: float) -> str:
    return f"{x:g}"


def rule_words(indicator: Indicator, lang: Lang) -> str:
    """The rule column of a form: what to enter, then how it scores (the methodology's words)."""
    return entry_and_node(indicator, Words(lang))


def points_cell(indicator: Indicator) -> int | float | None:
    """The points column of a form: the maximum, minus the points of a deduction, empty when unscored."""
    shown = shown_points(indicator)
    return None if shown is None else _n(shown)


# --- validation --------------------------------------------------------------------------------------
class _Validations:
    """Excel data validation, one object per kind of check; the cells of each are noted as rows are written
    and given to it at the end as runs of rows (`finish`), since openpyxl's `DataValidation.add` compares
    each new cell with every range already there: quadratic, 10,000 rows took minutes."""

    def __init__(self, ws: Worksheet, meta: Worksheet, lang: Lang) -> None:
        self.ws = ws
        self.meta = meta
        self.lang = lang
        self.shared: dict[tuple[str, ...], tuple[DataValidation, list[tuple[str, int]]]] = {}
        self.lists: dict[tuple[str, ...], str] = {}

    def _new(self, key: tuple[str, ...], message: str, **kwargs: str) -> list[tuple[str, int]]:
        """The cells of the validation `key` (made on first use): append (column letter, row) to it."""
        if key not in self.shared:
            dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle=t("form.dv.title", self.lang),
                                error=message, **kwargs)
            self.ws.add_data_validation(dv)
            self.shared[key] = (dv, [])
        return self.shared[key][1]

    def _list(self, labels: Sequence[str]) -> str:
        """Drop-down labels live in the hidden sheet, so commas and quotes in a label do no harm."""
        key = tuple(labels)
        if key not in self.lists:
            column = get_column_letter(4 + len(self.lists))
            for i, label in enumerate(labels, start=1):
                self.meta[f"{column}{i}"] = neutralise(label)
            self.lists[key] = f"'{META_SHEET}'!${column}$1:${column}${len(labels)}"
        return self.lists[key]

    def add(self, indicator: Indicator, r: int, value: str, denominator: str) -> None:
        """The checks of an indicator's value (column `value`) and denominator on row r."""
        lang = self.lang
        cell = (value, r)
        match indicator.rule:
            case YesNo() | Penalty(per_item=None):
                yes_no = self._list([t("form.yes", lang), t("form.no", lang)])
                self._new(("list", yes_no), t("form.dv.list", lang), type="list", formula1=yes_no).append(cell)
            case Choice(shares=shares):
                labels = self._list([label for label, _ in shares])
                self._new(("list", labels), t("form.dv.list", lang), type="list", formula1=labels).append(cell)
            case Ratio():
                v = f"{value}{r}"
                formula = f"AND(ISNUMBER({v}),{v}>=0,OR({v}<=1,ISNUMBER({denominator}{r})))"
                self._new(("ratio", v), t("form.dv.ratio", lang), type="custom", formula1=formula,
                          errorStyle="warning").append(cell)
                self._new(("nonnegative",), t("form.dv.nonnegative", lang), type="decimal",
                          operator="greaterThanOrEqual", formula1="0").append((denominator, r))
            case Deadline():
                v = f"{value}{r}"
                no = t("form.no", lang)
                formula = f'OR(AND(ISNUMBER({v}),{v}<=TODAY()),LOWER(TRIM({v}))="{no}")'
                self._new(("date", v), t("form.dv.date", lang), type="custom", formula1=formula).append(cell)
                self.ws[v].number_format = "yyyy-mm-dd"
            case Count() | Penalty():
                self._new(("count",), t("form.dv.count", lang), type="whole", operator="greaterThanOrEqual",
                          formula1="0").append(cell)
            case Best():
                self._new(("nonnegative",), t("form.dv.nonnegative", lang), type="decimal",
                          operator="greaterThanOrEqual", formula1="0").append(cell)
            case Tiers() | MinMax():
                self._new(("number",), t("form.dv.number", lang), type="decimal", operator="between",
                          formula1="-1E+15", formula2="1E+15").append(cell)
            case Council():
                points = _g(indicator.points)
                self._new(("council", points), t("form.dv.council", lang, points=points), type="decimal",
                          operator="between", formula1="0", formula2=points).append(cell)

    def finish(self) -> None:
        """Each validation's cells as ranges of consecutive rows of a column (F7:F9 F12), built at once."""
        for dv, cells in self.shared.values():
            rows: dict[str, list[int]] = {}
            for column, r in cells:
                rows.setdefault(column, []).append(r)
            ranges = [CellRange(f"{column}{run[0][1]}:{column}{run[-1][1]}")
                      for column, found in rows.items()
                      for _, group in groupby(enumerate(sorted(found)), key=lambda at: at[1] - at[0])
                      for run in [list(group)]]
            dv.sqref = MultiCellRange(ranges)


# --- workbooks ---------------------------------------------------------------------------------------
def _metadata(wb: Workbook, criteria: Criteria, kind: Kind, owner: str, sheet: str, lang: Lang,
              part: tuple[int, int] | None = None, draft: str = "") -> Worksheet:
    """The hidden sheet and the custom properties that say what the workbook was made from (a council
    workbook also records which part of its group's it is, `part` of `parts`; an objection form its draft)."""
    values: dict[str, str | int] = {
        "format": FORMAT, "kind": kind, "criteria_id": criteria.id, "edition": criteria.edition,
        "criteria_sha256": criteria.sha256, "owner": owner, "sheet": sheet, "lang": lang,
    }
    if part is not None:
        values.update(zip(PART_KEYS, part, strict=True))
    if draft:
        values[DRAFT_KEY] = draft
    meta = wb.create_sheet(META_SHEET)
    for i, key in enumerate(values, start=1):
        meta.cell(i, 1, key)
        meta.cell(i, 2, neutralise(values[key]))
        value = values[key]
        prop = IntProperty(name=f"dti.{key}", value=value) if isinstance(value, int) else \
            StringProperty(name=f"dti.{key}", value=str(value))
        wb.custom_doc_props.append(prop)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return meta


def _help_sheet(wb: Workbook, lines: Sequence[str]) -> None:
    ws = wb.create_sheet(lines[0][:31])
    ws.column_dimensions["A"].width = 100
    for i, line in enumerate(lines[1:], start=1):
        cell = ws.cell(i, 1, neutralise(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 1:
            cell.font = Font(bold=True, size=14)
    ws.protection.sheet = True
    _print_setup(ws, "portrait")


def _print_setup(ws: Worksheet, orientation: str, title_row: int | None = None) -> None:
    """A4, the whole width on one page (as many pages down as needed), narrow margins and, on a table, its
    header row repeated on every page: settings that Excel and LibreOffice both read."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5, header=0.25, footer=0.25)
    ws.print_options.gridLines = True
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs at `width` (Excel character units, the width of a '0'; text averages
    narrower, so a line holding width − 1 characters errs on the tall side)."""
    per_line = max(int(width - 1), 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _fit_rows(ws: Worksheet) -> None:
    """Row heights that show every wrapped line. A row without a stored height prints at one line in
    LibreOffice, its wrapped text spilling over the rows below; Excel does not grow it on open either."""
    widths = {col: ws.column_dimensions[get_column_letter(col)].width or 8.43 for col in range(1, ws.max_column + 1)}
    for row in ws.iter_rows():
        wrapped = [_lines(str(c.value), widths[c.column]) * (c.font.size or 11) / 11
                   for c in row if c.value is not None and c.alignment.wrap_text]
        if wrapped and max(wrapped) > 1:
            ws.row_dimensions[row[0].row].height = round(max(wrapped) * LINE_HEIGHT + 3, 1)


def _table_sheet(wb: Workbook, title: str, head: Sequence[str], columns: Columns, lang: Lang) -> Worksheet:
    ws = wb.create_sheet(title)
    for i, line in enumerate(head, start=1):
        ws.cell(i, 1, neutralise(line)).font = Font(bold=i == 1, size=13 if i == 1 else 11)
    for col, (key, width) in enumerate(zip(columns.headers, columns.widths, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, col, t(key, lang))
        cell.font = Font(bold=True)
        cell.fill = _HEAD
        cell.alignment = _WRAP
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(FIRST_ROW, columns.keys[-1] + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _print_setup(ws, "landscape", HEADER_ROW)
    return ws


def _write_row(ws: Worksheet, r: int, cells: Sequence[object], columns: Columns, editable: Sequence[int]) -> None:
    for col, value in enumerate(cells, start=1):
        cell = ws.cell(r, col, neutralise(value) if isinstance(value, str) else value)
        cell.alignment = _WRAP
    for col in editable:
        cell = ws.cell(r, col)
        cell.protection = Protection(locked=False)
        cell.fill = _INPUT


def _heading_row(ws: Worksheet, r: int, row: Row, columns: Columns, lang: Lang) -> None:
    """A pillar's or a composite's row: its id and title (a composite's points and how its sub-items add up
    too), bold on a grey band, locked, with no cell to type into; `collect` never reads it."""
    node = row.heading
    assert node is not None
    cells: list[object] = [node.id, node.title] + [None] * (columns.width - 2)
    if isinstance(node, Composite):
        cells[columns.headers.index("form.col.points")] = _n(node.maximum)
        if "form.col.rule" in columns.headers:
            cells[columns.headers.index("form.col.rule")] = describe_node(node, Words(lang))
    _write_row(ws, r, cells, columns, ())
    for col in range(1, columns.width + 1):
        ws.cell(r, col).fill = _PILLAR if isinstance(node, Pillar) else _COMPOSITE
        ws.cell(r, col).font = Font(bold=True)


def council_task(indicator: Indicator, lang: Lang) -> str:
    """What the council must do on a row of its workbook ('' where an empty row keeps the unit's value)."""
    if isinstance(indicator.rule, Council):
        return t("form.council_must_score", lang)
    if indicator.source == "tasks":
        return t("form.tasks_task", lang)
    return t("form.measured_task", lang) if indicator.source == "measured" else ""


def measured_cells(indicator: Indicator, value: Value | None, lang: Lang) -> tuple[str, str]:
    """The value and the note a form shows on a measured row: the measurement and where it comes from."""
    if value is None:
        return "", measurement_note(indicator.system, "", Words(lang))
    return value.text, measurement_note(value.system, value.measured_at, Words(lang))


def _editable(indicator: Indicator, columns: Columns) -> tuple[int, ...]:
    if isinstance(indicator.rule, Ratio):
        return columns.value, columns.denominator, columns.text
    return columns.value, columns.text


def _head(criteria: Criteria, title: str, unit_line: str, sample: bool, lang: Lang) -> list[str]:
    lines = [title, unit_line, t("form.criteria", lang, title=criteria.title, edition=criteria.edition,
                                 operator=criteria.operator)]
    return [*lines, t("form.sample", lang)] if sample else lines


def _finish(wb: Workbook, path: Path) -> None:
    for ws in wb.worksheets:
        if ws.title != META_SHEET:
            _fit_rows(ws)
    wb.security = WorkbookProtection(lockStructure=True)
    save_workbook(wb, path)


def tasks_sheet(wb: Workbook, head: Sequence[str], tasks: Sequence[Task], lang: Lang) -> None:
    """The unit's tasks from the register, locked, with two input cells on each: the day the unit says it
    did a task the register does not show as done, and the evidence. `dti collect` writes these claims to
    task_claims.csv for the department to review; they never change the register."""
    ws = wb.create_sheet(t("form.tasks_sheet", lang))
    for i, line in enumerate([*head, t("form.tasks_help", lang)], start=1):
        ws.cell(i, 1, neutralise(line)).font = Font(bold=i == 1, size=13 if i == 1 else 11)
    for col, (key, width) in enumerate(zip(TASK_HEADERS, TASK_WIDTHS, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, col, t(key, lang))
        cell.font, cell.fill, cell.alignment = Font(bold=True), _HEAD, _WRAP
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, task in enumerate(sorted(tasks, key=lambda x: (x.deadline, x.task)), start=FIRST_ROW):
        cells = [task.task, task.title, task.plan, task.deadline.isoformat(),
                 task.done_on.isoformat() if task.done_on else None]
        for col, value in enumerate(cells, start=1):
            ws.cell(r, col, neutralise(value) if isinstance(value, str) else value).alignment = _WRAP
        if task.done_on is None:  # only a task the register does not show as done can be claimed
            for col in (CLAIM_DAY, CLAIM_EVIDENCE):
                cell = ws.cell(r, col)
                cell.protection = Protection(locked=False)
                cell.fill = _INPUT
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)
    ws.protection.sheet = True
    _print_setup(ws, "landscape", HEADER_ROW)


def unit_form(criteria: Criteria, unit: Unit, path: Path, lang: Lang = "vi", sample: bool = False,
              measured: Mapping[Key, Value] | None = None, tasks: Sequence[Task] | None = None) -> None:
    """One unit's self-assessment workbook: instructions, then one row per applicable indicator; a measured
    indicator's row shows the measurement with its system and date, locked (the hidden sheet keeps what was
    shown, so that `collect` can tell it from a value typed over it). With the register (`tasks`, None
    without one), a sheet lists the unit's tasks; a `source: tasks` row is locked, computed from it."""
    group = criteria.group(unit.group)
    wb = Workbook()
    wb.remove(wb.active)
    unit_line = t("form.unit", lang, name=unit.name, id=unit.id, group=group.title)
    head = _head(criteria, t("form.self_title", lang, edition=criteria.edition), unit_line, sample, lang)
    _help_sheet(wb, [t("form.help_sheet", lang), *head, "", *t("form.help.self", lang).split("|")])
    sheet = t("form.self_sheet", lang)
    ws = _table_sheet(wb, sheet, head, SELF, lang)
    meta = _metadata(wb, criteria, "self", unit.id, sheet, lang)
    validations = _Validations(ws, meta, lang)
    for r, row in enumerate(self_rows(group, unit), start=FIRST_ROW):
        leaf = row.indicator
        if leaf is None:
            _heading_row(ws, r, row, SELF, lang)
            continue
        if leaf.source in ("measured", "tasks"):
            shown, note = (measured_cells(leaf, (measured or {}).get((unit.id, leaf.id)), lang)
                           if leaf.source == "measured" else ("", t("form.tasks_row", lang)))
            _write_row(ws, r, [leaf.id, leaf.title, points_cell(leaf), rule_words(leaf, lang), leaf.evidence,
                               shown or None, None, note], SELF, ())
            for col in range(1, SELF.width + 1):
                ws.cell(r, col).fill = _MEASURED
            meta.cell(r, PREFILLED_COLUMN, neutralise(shown) if shown else None)
            continue
        _write_row(ws, r, [leaf.id, leaf.title, points_cell(leaf), rule_words(leaf, lang), leaf.evidence], SELF,
                   _editable(leaf, SELF))
        validations.add(leaf, r, "F", "G")
    validations.finish()
    if tasks is not None:
        tasks_sheet(wb, head, tasks, lang)
    _finish(wb, path)


def council_form(criteria: Criteria, group: Group, inputs: Inputs, path: Path, lang: Lang = "vi",
                 part: int = 1) -> None:
    """The appraisal council's workbook of a group (its `part`-th of `council_parts`), pre-filled with what
    each unit self-assessed."""
    parts = council_parts(group, inputs.units)
    wb = Workbook()
    wb.remove(wb.active)
    title = t("form.appraisal_title", lang, edition=criteria.edition, group=group.title)
    if len(parts) > 1:
        title = t("form.appraisal_part", lang, title=title, part=part, parts=len(parts))
    head = _head(criteria, title, "", bool(inputs.sample), lang)
    head.pop(1)
    _help_sheet(wb, [t("form.help_sheet", lang), *head, "", *t("form.help.appraisal", lang).split("|")])
    sheet = t("form.appraisal_sheet", lang)
    ws = _table_sheet(wb, sheet, head, APPRAISAL, lang)
    validations = _Validations(ws, _metadata(wb, criteria, "appraisal", group.id, sheet, lang,
                                             (part, len(parts))), lang)
    names = {u.id: u.name for u in inputs.units}
    empty = Value("", None, "", 0)
    r = FIRST_ROW - 1
    for r, row in enumerate(parts[part - 1], start=FIRST_ROW):
        leaf = row.indicator
        assert leaf is not None
        own = inputs.self_assessed.get((row.unit, leaf.id), empty)
        shown, note = (measured_cells(leaf, inputs.measured.get((row.unit, leaf.id)), lang)
                       if leaf.source == "measured" else (own.text, own.comment))
        if leaf.source == "tasks":  # computed from the register: the value and the counts behind it
            computed = inputs.task_values.get((row.unit, leaf.id))
            shown, note = (computed.text if computed else ""), t("form.tasks_row_council", lang)
        task = council_task(leaf, lang)
        _write_row(ws, r, [row.unit, names[row.unit], leaf.id, leaf.title, points_cell(leaf), rule_words(leaf, lang),
                           shown, note, None, None, None, task], APPRAISAL, _editable(leaf, APPRAISAL))
        if isinstance(leaf.rule, Council):  # a row the council must fill: its own colour, and the task in words
            for col in range(1, APPRAISAL.width + 1):
                ws.cell(r, col).fill = _COUNCIL
            ws.cell(r, APPRAISAL.width).font = Font(bold=True)
        validations.add(leaf, r, "I", "J")
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(APPRAISAL.width)}{max(r, FIRST_ROW)}"
    ws.protection.autoFilter = False
    validations.finish()
    _finish(wb, path)


def write_unit_forms(criteria: Criteria, units: Sequence[Unit], out: Path, lang: Lang = "vi",
                     sample: bool = False, progress: Callable[[int, int], None] | None = None,
                     measured: Mapping[Key, Value] | None = None,
                     tasks: Sequence[Task] | None = None) -> list[Path]:
    """One form per unit added into `out` (named after the unit id), all or none, nothing there removed or
    replaced (output.added_files); `progress(done, total)` after each. With the register (`tasks`), each form
    lists the unit's tasks."""
    mine: dict[str, list[Task]] = {}
    for task in tasks or ():
        mine.setdefault(task.unit, []).append(task)
    with added_files(out, [f"{u.id}.xlsx" for u in units]) as stage:
        for done, unit in enumerate(units, start=1):
            unit_form(criteria, unit, inside(stage, unit.id, ".xlsx"), lang, sample, measured,
                      None if tasks is None else mine.get(unit.id, []))
            if progress is not None:
                progress(done, len(units))
    return [out / f"{u.id}.xlsx" for u in units]


def write_council_forms(criteria: Criteria, inputs: Inputs, out: Path, lang: Lang = "vi",
                        progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """One council workbook per group that has units (several for a group of more rows than a workbook
    holds: appraisal-GROUP-1.xlsx, -2, …), added into `out` as write_unit_forms does."""
    groups = [g for g in criteria.groups if any(u.group == g.id for u in inputs.units)]
    names = [(g, part, council_name(g.id, part, parts)) for g in groups
             for parts in [len(council_parts(g, inputs.units))] for part in range(1, parts + 1)]
    with added_files(out, [f"{name}.xlsx" for _, _, name in names], "dti forms --appraisal") as stage:
        for done, (group, part, name) in enumerate(names, start=1):
            council_form(criteria, group, inputs, inside(stage, name, ".xlsx"), lang, part)
            if progress is not None:
                progress(done, len(names))
    return [out / f"{name}.xlsx" for _, _, name in names]


def objection_form(criteria: Criteria, unit: Unit, draft: Draft, path: Path, lang: Lang = "vi",
                   sample: bool = False) -> None:
    """One unit's objection form to the draft: each applicable indicator with what the draft published
    (self-assessed and appraised value, points), and yellow cells for the unit's claim, the value it asks for
    and its evidence; the date it sends the form above the table. The hidden sheet records the draft (its
    run.json's SHA-256), so that a form of another draft is refused."""
    group = criteria.group(unit.group)
    wb = Workbook()
    wb.remove(wb.active)
    unit_line = t("form.unit", lang, name=unit.name, id=unit.id, group=group.title)
    head = _head(criteria, t("form.objection_title", lang, edition=criteria.edition), unit_line, sample, lang)
    head.insert(3, t("form.objection_draft", lang, name=draft.folder, sha=draft.run_sha256[:12]))
    _help_sheet(wb, [t("form.help_sheet", lang), *head, "", *t("form.help.objection", lang).split("|")])
    sheet = t("form.objection_sheet", lang)
    ws = _table_sheet(wb, sheet, head[:4], OBJECTION, lang)
    _metadata(wb, criteria, "objection", unit.id, sheet, lang, draft=draft.run_sha256)
    date = ws[DATE_CELL]
    ws.cell(date.row, date.column - 1, t("form.objection_date", lang)).font = Font(bold=True)
    ws.cell(date.row, date.column - 1).alignment = Alignment(horizontal="right")
    date.protection = Protection(locked=False)
    date.fill = _INPUT
    date.number_format = "DD/MM/YYYY"
    dates = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2200,12,31)",
                           allow_blank=True, showErrorMessage=True, errorTitle=t("form.dv.title", lang),
                           error=t("form.dv.sent_date", lang))
    ws.add_data_validation(dates)
    dates.add(DATE_CELL)
    for r, row in enumerate(self_rows(group, unit), start=FIRST_ROW):
        leaf = row.indicator
        if leaf is None:
            _heading_row(ws, r, row, OBJECTION, lang)
            continue
        key = (unit.id, leaf.id)
        published = draft.rows.get(key)
        points = published.points if published is not None and published.status != "not_applicable" else None
        _write_row(ws, r, [leaf.id, leaf.title, _n(leaf.points), draft.self_values.get(key) or None,
                           draft.appraised_values.get(key) or None, None if points is None else _n(points)],
                   OBJECTION, OBJECTION.inputs)
    _finish(wb, path)


def write_objection_forms(criteria: Criteria, units: Sequence[Unit], draft: Draft, out: Path, lang: Lang = "vi",
                          sample: bool = False, progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """One objection form per unit of the draft added into `out` as write_unit_forms does."""
    with added_files(out, [f"{u.id}.xlsx" for u in units], "dti forms --objections") as stage:
        for done, unit in enumerate(units, start=1):
            objection_form(criteria, unit, draft, inside(stage, unit.id, ".xlsx"), lang, sample)
            if progress is not None:
                progress(done, len(units))
    return [out / f"{u.id}.xlsx" for u in units]
