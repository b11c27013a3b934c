"""Workbooks back to CSV: the units' forms to self_assessment.csv, the council's to appraisal.csv. Every
problem of every workbook is found in one pass, each with file, sheet and cell, and a value is written
in the format that `load_inputs` reads (có/không, 85%, a choice's exact label), never invented or lost."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.parsers import expat

import numpy as np
from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ranking.contracts import APPRAISAL, OBJECTIONS, SELF_ASSESSMENT
from ranking.criteria import Choice, Composite, Council, Criteria, Deadline, Indicator, Penalty, Ratio, YesNo
from ranking.csvio import FORMULA_START, megabytes, read_bytes
from ranking.errors import LANGS, FormError, Problem, Problems, nearest
from ranking.forms import (
    COLUMNS,
    DATE_CELL,
    DRAFT_KEY,
    FIRST_ROW,
    MAX_FORM_ROWS,
    META_KEYS,
    META_SHEET,
    PART_KEYS,
    PREFILLED_COLUMN,
    TASK_HEADERS,
    Columns,
    Kind,
    Row,
    council_parts,
    self_rows,
)
from ranking.i18n import t
from ranking.inputs import (
    NO,
    YES,
    Unit,
    ValueProblem,
    parse_day,
    parse_value,
)
from ranking.syntax import control_problem

CLAIMS = "task_claims.csv"  # written beside the collected self_assessment.csv
CLAIM_COLUMNS = ("unit", "task", "title", "deadline", "register_done_on", "claimed_done_on", "evidence", "form")

# Limits (README, "Limits"): a form is a few hundred kB with a few hundred rows.
MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 100_000_000
MAX_PARTS = 1_000  # files in the workbook's zip; a form has about 15
# MAX_FORM_ROWS (ranking.forms): rows of the table read below its first row
# What a form may hold, counted in its XML before openpyxl builds anything: dti's largest form (a council
# workbook of 10,000 rows) has 117,000 cells, 10 cell formats and 254,000 XML elements; saved again by Excel,
# its strings become shared strings (at most one a cell).
MAX_CELLS = 300_000  # <c> elements of all the sheets
MAX_STRINGS = 300_000  # shared strings (<si>), and what the table declares (count, uniqueCount)
MAX_STYLES = 20_000  # each list of styles.xml (cell formats, fonts, fills, borders…); Excel's cap: 64,000
MAX_XML_ELEMENTS = 1_000_000  # elements of every XML part together
_STYLE_LISTS = {"cellXfs": "xf", "cellStyleXfs": "xf", "fonts": "font", "fills": "fill", "borders": "border",
                "numFmts": "numFmt", "dxfs": "dxf", "cellStyles": "cellStyle"}
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Form:
    """One workbook read: whose it is ('' when unknown), its CSV rows, and its problems."""

    file: str
    owner: str
    rows: tuple[tuple[str, ...], ...]
    problems: tuple[Problem, ...]
    claims: tuple[tuple[str, ...], ...] = ()
    """The unit's claims that tasks the register does not show as done were done (CLAIM_COLUMNS)."""
    tasks_sheet: bool = False
    """Whether the form has the sheet of the unit's tasks (made when the register existed)."""

    @property
    def clean(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Collected:
    """The CSV of the clean forms; `rejected` lists the files with errors, `problems` every problem."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    forms: tuple[str, ...]
    rejected: tuple[str, ...]
    problems: tuple[Problem, ...]
    claims: tuple[tuple[str, ...], ...] = ()
    """The task claims of the clean forms, for task_claims.csv."""
    tasks_sheets: int = 0
    """How many clean forms have the sheet of the unit's tasks (0: no task_claims.csv to write)."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    def raise_if_errors(self) -> None:
        """FormError listing every error of every form: nothing may be written from a partial set."""
        if self.errors:
            raise FormError(self.errors)


# --- values ------------------------------------------------------------------------------------------
def number_text(x: float) -> str:
    """The shortest plain decimal that reads back as the same float (no exponent, no trailing '.0')."""
    return str(np.format_float_positional(float(x), trim="-"))


def fraction_text(x: float) -> str:
    """0.85 → '85%': the decimal point of the shortest decimal moved by two places, as the cell shows it."""
    percent = Decimal(number_text(x)).scaleb(2).normalize()
    return f"{percent:f}%"


def _unquote(text: str) -> str:
    """Drop the apostrophe that dti's own neutralising put before a formula-like text."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def cell_text(value: object) -> str:
    """Any cell as the text a CSV holds ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return _unquote(unicodedata.normalize("NFC", str(value)).strip())


def value_text(indicator: Indicator, value: object, denominator: object) -> tuple[str, str]:
    """The (value, denominator) texts of one row, as load_inputs reads them; ValueProblem if invalid."""
    den = cell_text(denominator)
    rule = indicator.rule
    yes_no = isinstance(rule, YesNo) or (isinstance(rule, Penalty) and rule.per_item is None)
    if isinstance(value, bool) and yes_no:
        text = "có" if value else "không"
    elif isinstance(value, dt.datetime | dt.date) and isinstance(rule, Deadline):
        text = (value.date() if isinstance(value, dt.datetime) else value).isoformat()  # an Excel date cell
    elif isinstance(value, int | float) and not isinstance(value, bool) and isinstance(rule, Ratio) and not den:
        text = fraction_text(value) if 0 <= value <= 1 else number_text(value)
    else:
        text = cell_text(value)
    if yes_no:
        folded = text.casefold()
        text = "có" if folded in YES else "không" if folded in NO else text
    elif isinstance(rule, Choice):
        text = next((label for label, _ in rule.shares if label.casefold() == text.casefold()), text)
    if text:
        parse_value(rule, indicator.points, text, den)
    return text, den


# --- reading -----------------------------------------------------------------------------------------
def _read_form(path: Path, max_bytes: int) -> bytes | Problem:
    """The workbook's bytes, read once: every check and the parse below see these, never a copy saved over
    it meanwhile."""
    problems = Problems()
    data = read_bytes(path, problems, max_bytes)
    return problems.items[0] if data is None else data


def _open_problem(path: Path, data: bytes, max_unpacked: int) -> Problem | None:
    """What makes a file unsafe or impossible to open as a workbook, checked before openpyxl sees it."""
    file = str(path)
    head = data[:4096]
    if head.startswith(_OLE) or path.suffix.lower() == ".xls":
        return Problem(file, "form_xls")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            mimetype = z.read("mimetype")[:60] if "mimetype" in names else b""
    except (zipfile.BadZipFile, ValueError, EOFError, zlib.error):  # what zipfile raises on a damaged archive
        return Problem(file, "form_is_text") if _is_text(head) else Problem(file, "form_not_workbook", {"detail": ""})
    if b"opendocument" in mimetype:
        return Problem(file, "form_ods")
    if len(infos) > MAX_PARTS:
        return Problem(file, "form_too_many_parts", {"found": len(infos), "accepted": MAX_PARTS})
    if path.suffix.lower() in MACRO_SUFFIXES or any(n.lower().endswith("vbaproject.bin") for n in names):
        return Problem(file, "form_macro")
    if "xl/workbook.xml" not in names:
        return Problem(file, "form_not_workbook", {"detail": " (xl/workbook.xml)"})
    unpacked = sum(i.file_size for i in infos)
    if unpacked > max_unpacked:
        return Problem(file, "form_unpacked_too_large",
                       {"found": megabytes(unpacked), "accepted": megabytes(max_unpacked)})
    return _content_problem(path)


class _Over(Exception):
    """A count of the XML scan went over its limit: the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


class _Counter:
    """Counts, over every XML part of a workbook, what openpyxl would build an object for: cells, shared
    strings, styles, elements; raises _Over at the first count past its limit, and for a DTD entity."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.part = ""
        self.root = ""
        self.counts: dict[str, int] = {}
        self.lists: list[str] = []  # the open style lists (cellXfs …) of styles.xml

    def over(self, reason: str, found: int, accepted: int, what: str = "") -> None:
        raise _Over(Problem(self.file, reason, {"part": self.part, "found": found, "accepted": accepted,
                                                "what": what}))

    def add(self, key: str, limit: int, reason: str, what: str = "") -> None:
        found = self.counts[key] = self.counts.get(key, 0) + 1
        if found > limit:
            self.over(reason, found, limit, what)

    def declared(self, attrs: Mapping[str, str], names: Sequence[str], limit: int, reason: str, what: str) -> None:
        for name in names:
            value = attrs.get(name, "")
            if value.isdigit() and int(value) > limit:
                self.over(reason, int(value), limit, what)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if not self.root:
            self.root = local
            if local == "sst":
                self.declared(attrs, ("count", "uniqueCount"), MAX_STRINGS, "form_too_many_strings", "")
        self.add("", MAX_XML_ELEMENTS, "form_too_many_xml")
        if self.root == "worksheet" and local == "c":
            self.add("c", MAX_CELLS, "form_too_many_cells")
        elif self.root == "sst" and local == "si":
            self.add("si", MAX_STRINGS, "form_too_many_strings")
        elif self.root == "styleSheet":
            if local in _STYLE_LISTS:
                self.declared(attrs, ("count",), MAX_STYLES, "form_too_many_styles", local)
                self.lists.append(local)
            elif self.lists and local == _STYLE_LISTS[self.lists[-1]]:
                self.add(f"{self.part} {self.lists[-1]}", MAX_STYLES, "form_too_many_styles", self.lists[-1])

    def end(self, name: str) -> None:
        if self.lists and name.rpartition(" ")[2] == self.lists[-1]:
            self.lists.pop()

    def entity(self, *_: object) -> None:
        raise _Over(Problem(self.file, "form_unsafe_xml"))


def _content_problem(path: Path) -> Problem | None:
    """What the workbook's XML holds beyond a form's limits (cells, shared strings, styles, elements),
    counted by a streaming parser before openpyxl builds an object for each: a small file can declare
    millions of them. A zip or XML error is left to the reader, which names it (a malformed part still
    ends only its own count: the next parts are counted)."""
    counter = _Counter(str(path))
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _count_part(z, info, counter)
    except _Over as exc:
        return exc.problem
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        return None
    return None


def _count_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, counter: _Counter) -> None:
    counter.part, counter.root, counter.lists = info.filename, "", []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = counter.start
    parser.EndElementHandler = counter.end
    parser.EntityDeclHandler = counter.entity
    try:
        with z.open(info) as f:
            while chunk := f.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return


def _is_text(head: bytes) -> bool:
    """Whether a file starts like a CSV (text, separators in its first line) saved with a workbook's name."""
    try:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        text = head[: exc.start].decode("utf-8")
        if len(head) - exc.start > 4:  # more than a character cut at the end of the 4 kB read
            return False
    first = text.split("\n", 1)[0]
    return any(c in first for c in ",;\t") and all(c.isprintable() or c in "\t\r\n" for c in text)


class _Unreadable(Exception):
    """A workbook that the zip, XML or openpyxl readers refuse: its one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


def _from_openpyxl_types(exc: TypeError) -> bool:
    """Whether openpyxl's typed attributes raised this TypeError on a value in the file's XML (a bad file),
    rather than a call with wrong arguments (a defect, which must propagate)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and f"{os.sep}openpyxl{os.sep}descriptors{os.sep}" in tb.tb_frame.f_code.co_filename


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and those it was raised from (openpyxl re-raises a parse error as a ValueError)."""
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


@contextmanager
def _parsing(file: str) -> Iterator[None]:
    """Around the calls that parse a workbook's zip and XML: what a damaged or hostile file makes them raise
    becomes that file's problem. Nothing else is caught: any other exception is a defect in dti."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, SyntaxError, InvalidFileException) as exc:
        # KeyError: a part the workbook names is not in the zip; ValueError: a value openpyxl refuses, or its
        # wrapping of a parse error; SyntaxError: xml.etree's ParseError (malformed XML); DefusedXmlException
        # (a ValueError): a DTD entity, refused by defusedxml
        if any(isinstance(e, DefusedXmlException) for e in _causes(exc)):
            raise _Unreadable(Problem(file, "form_unsafe_xml")) from None
        raise _Unreadable(_damaged(file, exc)) from None
    except TypeError as exc:
        if not _from_openpyxl_types(exc):
            raise
        raise _Unreadable(_damaged(file, exc)) from None


def _damaged(file: str, exc: BaseException) -> Problem:
    detail = str(exc).split("\n", 1)[0].strip()
    return Problem(file, "form_not_workbook", {"detail": f" ({type(exc).__name__}: {detail})"})


@dataclass(frozen=True)
class _Sheet:
    """The rows of a form's table: row number → cell values (formulas as '=…'), and the formula cells."""

    rows: Mapping[int, tuple[object, ...]]
    formulas: frozenset[tuple[int, int]]


def _read_sheet(file: str, ws: object, width: int, data_only: bool) -> _Sheet:
    """The table's rows, down to MAX_FORM_ROWS below its first row (a form has a few hundred at most)."""
    with _parsing(file):
        raw = list(ws.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_FORM_ROWS - 1,  # type: ignore[attr-defined]
                                max_col=width))
    rows: dict[int, tuple[object, ...]] = {}
    formulas: set[tuple[int, int]] = set()
    for r, cells in enumerate(raw, start=FIRST_ROW):
        values = tuple(getattr(c, "value", None) for c in cells)
        values = values + (None,) * (width - len(values))
        if any(v is not None and str(v).strip() for v in values):
            rows[r] = values
        if not data_only:
            formulas.update((r, col) for col, c in enumerate(cells, start=1) if getattr(c, "data_type", "") == "f")
    return _Sheet(rows, frozenset(formulas))


# what both copies of a form's details hold (an objection form: its draft; a council part: which part)
IDENTITY_KEYS = (*META_KEYS, DRAFT_KEY, *PART_KEYS)


@dataclass(frozen=True)
class _Identity:
    """A form's two copies of its details: the custom document properties, and the hidden sheet's rows (key →
    (row, value)); `hidden` is None when the sheet is gone."""

    props: Mapping[str, str]
    hidden: Mapping[str, tuple[int, str]] | None


def _identity(file: str, wb: object) -> _Identity:
    with _parsing(file):
        props = [(p.name, p.value) for p in wb.custom_doc_props]  # type: ignore[attr-defined]
        names = list(wb.sheetnames)  # type: ignore[attr-defined]
        rows = list(wb[META_SHEET].iter_rows(max_col=2, max_row=len(META_KEYS) + 5,  # type: ignore[index]
                                             values_only=True)) if META_SHEET in names else None
    hidden = None if rows is None else {
        key: (r, cell_text(value)) for r, (key, value, *_) in enumerate(rows, start=1)
        if isinstance(key, str) and key in IDENTITY_KEYS and value is not None}
    return _Identity({name.removeprefix("dti."): cell_text(value) for name, value in props
                      if name.startswith("dti.")}, hidden)


def _prefilled(wb: object) -> dict[int, str]:
    """The measurements a self-assessment form showed, by row (kept in its hidden sheet)."""
    meta = wb[META_SHEET]  # type: ignore[index]
    cells = meta.iter_rows(min_col=PREFILLED_COLUMN, max_col=PREFILLED_COLUMN, values_only=True)
    return {r: cell_text(value) for r, (value, *_) in enumerate(cells, start=1) if value is not None}


def _open(file: str, data: bytes, data_only: bool) -> Any:
    with _parsing(file):
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)


class _FormReader:
    """Reads one workbook against what it should be, noting every problem instead of stopping."""

    def __init__(self, criteria: Criteria, units: Mapping[str, Unit], path: Path, kind: Kind) -> None:
        self.criteria = criteria
        self.units = units
        self.path = path
        self.file = str(path)
        self.kind = kind
        self.columns: Columns = COLUMNS[kind]
        self.problems: list[Problem] = []
        self.sheet = ""
        self.prefilled: Mapping[int, str] = {}
        self.group = ""  # of a council workbook: its group, and which of the group's council_parts it is
        self.part = 1
        self.claims: list[tuple[str, ...]] = []
        self.tasks_sheet = False

    def add(self, reason: str, cell: str | None, params: Mapping[str, object], warning: bool = False) -> None:
        self.problems.append(Problem(self.file, reason, params, sheet=self.sheet or None, cell=cell,
                                     severity="warning" if warning else "error"))

    def fail(self, reason: str, cell: str | None = None, **params: object) -> None:
        self.add(reason, cell, params)

    def read(self, max_bytes: int, max_unpacked: int) -> Form:
        data = _read_form(self.path, max_bytes)
        if isinstance(data, Problem):
            return Form(self.file, "", (), (data,))
        problem = _open_problem(self.path, data, max_unpacked)
        if problem is not None:
            return Form(self.file, "", (), (problem,))
        try:
            return self._read(data)
        except _Unreadable as exc:
            return Form(self.file, "", (), (exc.problem,))

    def _read(self, data: bytes) -> Form:
        wb = _open(self.file, data, data_only=False)
        try:
            meta = self._reconcile(_identity(self.file, wb))
            if meta is None:
                return Form(self.file, "", (), tuple(self.problems))
            owner = self._check_metadata(meta)
            if owner is None:
                return Form(self.file, meta.get("owner", ""), (), tuple(self.problems))
            self.sheet = meta["sheet"]
            if self.sheet not in wb.sheetnames:
                self.fail("form_no_sheet", found=self.sheet)
                return Form(self.file, owner, (), tuple(self.problems))
            ws = wb[self.sheet]
            sheet = _read_sheet(self.file, ws, self.columns.width, data_only=False)
            self.head(ws)
            with _parsing(self.file):
                declared = ws.max_row or 0
            self.prefilled = _prefilled(wb)
            tasks = t("form.tasks_sheet", "en" if meta["lang"] == "en" else "vi") if meta["lang"] in LANGS else ""
            if self.kind == "self" and tasks in wb.sheetnames:
                self._claims(owner, tasks, _read_sheet(self.file, wb[tasks], len(TASK_HEADERS), data_only=False))
        finally:
            wb.close()
        last = FIRST_ROW + MAX_FORM_ROWS - 1
        if declared > last:
            self.fail("form_too_many_rows", found=declared, accepted=last)
            return Form(self.file, owner, (), tuple(self.problems))
        inputs = {(r, c) for r, c in sheet.formulas if c in self.columns.inputs}
        cached: Mapping[int, tuple[object, ...]] = {}
        if inputs:
            wb = _open(self.file, data, data_only=True)
            try:
                cached = _read_sheet(self.file, wb[self.sheet], self.columns.width, data_only=True).rows
            finally:
                wb.close()
        rows = self.finish(self._rows(owner, sheet, inputs, cached))
        if self.kind == "self" and not any(row[2] for row in rows) and not self.claims:  # sent back blank
            self.add("form_empty", None, {"found": owner}, warning=True)
        return Form(self.file, owner, rows, tuple(self.problems), tuple(self.claims), self.tasks_sheet)

    def _claims(self, owner: str, title: str, sheet: _Sheet) -> None:
        """The rows of the tasks sheet where the unit entered a day or evidence: both are needed, the day
        real and not after today; each claim is kept as the unit wrote it, with the register's columns."""
        self.tasks_sheet = True
        today = dt.date.today()
        for r, cells in sorted(sheet.rows.items()):
            task, name, _plan, deadline, done, day, evidence = (cell_text(c) for c in cells[:len(TASK_HEADERS)])
            if not day and not evidence:
                continue
            where = {"day": f"F{r}", "evidence": f"G{r}"}
            bad = [(col, found) for col, text in (("day", day), ("evidence", evidence))
                   if (found := control_problem(text)) is not None]
            for col, found in bad:
                self.problems.append(Problem(self.file, "control_char", found, sheet=title, cell=where[col]))
            claimed = _claim_day(cells[5])
            if bad:
                continue
            if not day:
                self.problems.append(Problem(self.file, "claim_no_day", {"task": task}, sheet=title,
                                             cell=where["day"]))
            elif claimed is None:
                self.problems.append(Problem(self.file, "claim_bad_day", {"found": day, "task": task}, sheet=title,
                                             cell=where["day"]))
            elif claimed > today:
                self.problems.append(Problem(self.file, "claim_future", {"found": claimed.isoformat(),
                                                                         "accepted": today.isoformat()},
                                             sheet=title, cell=where["day"]))
            if not evidence:
                self.problems.append(Problem(self.file, "claim_no_evidence", {"task": task}, sheet=title,
                                             cell=where["evidence"]))
            if claimed is not None and evidence and claimed <= today:
                self.claims.append((owner, task, name, deadline, done, claimed.isoformat(), evidence,
                                    self.path.name))

    def head(self, ws: Any) -> None:
        """Reads what a form holds above its table (nothing, but on an objection form)."""

    def finish(self, rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        """The CSV rows of the form, once every row is read."""
        return rows

    def _reconcile(self, identity: _Identity) -> dict[str, str] | None:
        """The form's details when its two copies agree; every key on which they differ is a problem (a form
        whose hidden sheet names another unit than its properties cannot be trusted for either)."""
        props, hidden = identity.props, identity.hidden
        if hidden is None:
            if props:
                self.fail("form_no_meta_sheet", found=META_SHEET, owner=props.get("owner", "—"))
            else:
                self.fail("form_no_metadata", found=META_SHEET)
            return None
        before = len(self.problems)
        for key in IDENTITY_KEYS:
            if key in props and key in hidden and props[key] != hidden[key][1]:
                self.problems.append(Problem(self.file, "form_identity_mismatch",
                                             {"field": key, "found": hidden[key][1], "accepted": props[key]},
                                             sheet=META_SHEET, cell=f"B{hidden[key][0]}"))
        if len(self.problems) > before:
            return None
        return {**props, **{key: value for key, (_, value) in hidden.items()}}

    def _check_metadata(self, meta: Mapping[str, str]) -> str | None:
        """The owner (unit or group id) when the workbook is a form of this kind and this criteria."""
        c = self.criteria
        if any(key not in meta for key in META_KEYS):
            self.fail("form_no_metadata", found=META_SHEET)
            return None
        if meta["kind"] != self.kind:
            if self.kind == "objection":
                self.fail("form_not_objection", found=meta["kind"])
            else:
                self.fail({"appraisal": "form_is_appraisal", "objection": "form_is_objection"}.get(meta["kind"],
                                                                                                  "form_is_self"))
            return None
        if (meta["criteria_id"], meta["edition"]) != (c.id, str(c.edition)):
            self.fail("form_other_criteria", found=f"{meta['criteria_id']} {meta['edition']}",
                      accepted=f"{c.id} {c.edition}")
            return None
        if meta["criteria_sha256"] != c.sha256:
            self.add("form_criteria_changed", None, {"found": meta["criteria_sha256"][:12],
                                                     "accepted": c.sha256[:12]}, warning=True)
        owner = meta["owner"]
        if self.kind == "appraisal":
            if owner not in {g.id for g in c.groups}:
                self.fail("unknown_group", found=owner, accepted=", ".join(g.id for g in c.groups))
                return None
            return self._part(owner, meta.get("part", "1"), meta.get("parts", "1"))
        unit = self.units.get(owner)
        if unit is None:
            self.fail("unknown_unit", found=owner, nearest=nearest(owner, self.units))
            return None
        stem = self.path.stem
        if stem != owner and stem in self.units:
            self.fail("form_other_unit", found=owner, accepted=stem)
            return None
        return owner

    def _part(self, group: str, part: str, parts: str) -> str | None:
        """A council workbook's owner: its group, with the part ('A 2/3') when the group has several; the
        part must be one that the group's units give now."""
        expected = len(council_parts(self.criteria.group(group), self.units.values()))
        if not (part.isdigit() and parts.isdigit() and 1 <= int(part) <= int(parts) == expected):
            self.fail("form_part_unknown", found=f"{part}/{parts}", accepted=expected)
            return None
        self.group, self.part = group, int(part)
        return group if expected == 1 else f"{group} {part}/{parts}"

    def _expected(self, owner: str) -> tuple[Row, ...]:
        if self.kind == "appraisal":
            return council_parts(self.criteria.group(self.group), self.units.values())[self.part - 1]
        unit = self.units[owner]
        return self_rows(self.criteria.group(unit.group), unit)

    def _layout(self, expected: Sequence[Row], sheet: _Sheet) -> dict[tuple[str, ...], int]:
        """Where each expected row is; every row added, removed or moved is a problem. A composite's title
        row is neither expected nor looked for: it holds no value, and a form made before composites had
        their own row has none."""
        cols = self.columns.keys
        titles = {row.key for row in expected if isinstance(row.heading, Composite)}
        found = [(r, key) for r, v in sorted(sheet.rows.items())
                 if (key := tuple(cell_text(v[c - 1]) for c in cols)) not in titles]
        places = [(FIRST_ROW + i, row.key) for i, row in enumerate(expected) if row.key not in titles]
        want = [key for _, key in places]
        where: dict[tuple[str, ...], int] = {}
        for r, key in found:
            where.setdefault(key, r)
        first = get_column_letter(cols[0])
        matcher = difflib.SequenceMatcher(None, want, [key for _, key in found], autojunk=False)
        removed: dict[tuple[str, ...], int] = {}
        added: list[tuple[int, tuple[str, ...]]] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                removed.update((want[i], places[i][0]) for i in range(i1, i2))
                added.extend(found[j1:j2])
        for key, r0 in removed.items():
            if key in where and where[key] != r0:
                self.fail("form_row_moved", f"{first}{where[key]}", found=" ".join(key), accepted=f"{first}{r0}")
            elif key not in where:
                self.fail("form_row_removed", f"{first}{r0}", found=" ".join(key), accepted=f"{first}{r0}")
        for r, key in added:
            if key not in removed:
                shown = " ".join(k for k in key if k) or next(cell_text(v) for v in sheet.rows[r] if cell_text(v))
                self.fail("form_row_added", f"{first}{r}", found=shown)
        return where

    def _rows(self, owner: str, sheet: _Sheet, formulas: set[tuple[int, int]],
              cached: Mapping[int, tuple[object, ...]]) -> tuple[tuple[str, ...], ...]:
        expected = self._expected(owner)
        where = self._layout(expected, sheet)
        cols = self.columns
        out: list[tuple[str, ...]] = []
        for row in expected:
            r = where.get(row.key)
            if row.indicator is None or r is None:
                continue
            cells = list(sheet.rows[r])
            for col in cols.inputs:
                if (r, col) in formulas:
                    value = cached.get(r, (None,) * cols.width)[col - 1]
                    if value is None:
                        self.fail("form_formula_no_value", f"{get_column_letter(col)}{r}", found=cells[col - 1])
                    cells[col - 1] = value
            line = self._row(row, r, cells)
            if line is not None:
                out.append(line)
        return tuple(out)

    def _row(self, row: Row, r: int, cells: Sequence[object]) -> tuple[str, ...] | None:
        cols = self.columns
        indicator = row.indicator
        assert indicator is not None
        value, denominator, text = (cells[c - 1] for c in (cols.value, cols.denominator, cols.text))
        value_cell = f"{get_column_letter(cols.value)}{r}"
        if self.kind == "self" and indicator.source == "tasks":  # computed from the register: locked, empty
            if cell_text(value) or cell_text(denominator):
                self.fail("tasks_self_value", value_cell, unit=row.unit, indicator=indicator.id)
            return None
        if self.kind == "self" and indicator.source == "measured":  # shown, not the unit's to enter
            if (cell_text(value), cell_text(denominator)) != (self.prefilled.get(r, ""), ""):
                self.fail("measured_self_value", value_cell, unit=row.unit, indicator=indicator.id,
                          system=indicator.system or "—")
            return None
        for column, cell in ((cols.value, value), (cols.denominator, denominator), (cols.text, text)):
            if (bad := control_problem(cell_text(cell))) is not None:
                self.add("control_char", f"{get_column_letter(column)}{r}", bad)
                return None
        try:
            shown, den = value_text(indicator, value, denominator)
        except ValueProblem as exc:
            column = cols.denominator if exc.column == "denominator" else cols.value
            self.add(exc.reason, f"{get_column_letter(column)}{r}", exc.params)
            return None
        note = cell_text(text)
        if shown and not note and self.kind == "appraisal" and indicator.source in ("measured", "tasks"):
            self.fail("measured_correction_note" if indicator.source == "measured" else "tasks_correction_note",
                      f"{get_column_letter(cols.text)}{r}", indicator=indicator.id)
            return None
        if not shown:
            if den:
                self.fail("form_denominator_without_value", f"{get_column_letter(cols.denominator)}{r}",
                          accepted=value_cell)
            elif note and self.kind == "appraisal":
                self.fail("form_note_without_value", f"{get_column_letter(cols.text)}{r}", accepted=value_cell)
            elif self.kind == "appraisal" and isinstance(indicator.rule, Council):  # the council's own to fill
                name = self.units[row.unit].name if row.unit in self.units else ""
                self.add("council_pending", value_cell, {"unit": row.unit, "indicator": indicator.id, "name": name},
                         warning=True)
            if den or self.kind == "appraisal" or not note:
                return None
        return (row.unit, indicator.id, shown, den, note)


def _claim_day(value: object) -> dt.date | None:
    """A claimed day: an Excel date, or text written YYYY-MM-DD or DD/MM/YYYY; None if it is not a real day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class _ObjectionReader(_FormReader):
    """An objection form: the rows a unit contests (a claim, the value it asks for, its evidence), and the date
    it sent the form; a form of another draft is refused."""

    def __init__(self, criteria: Criteria, units: Mapping[str, Unit], path: Path, draft: str, today: dt.date) -> None:
        super().__init__(criteria, units, path, "objection")
        self.draft = draft
        self.today = today
        self.sent: object = None

    def _check_metadata(self, meta: Mapping[str, str]) -> str | None:
        owner = super()._check_metadata(meta)
        if owner is not None and meta.get(DRAFT_KEY, "") != self.draft:
            self.fail("form_other_draft", found=meta.get(DRAFT_KEY, "")[:12] or "—", accepted=self.draft[:12])
            return None
        return owner

    def head(self, ws: Any) -> None:
        with _parsing(self.file):
            self.sent = ws[DATE_CELL].value

    def _row(self, row: Row, r: int, cells: Sequence[object]) -> tuple[str, ...] | None:
        cols = self.columns
        indicator = row.indicator
        assert indicator is not None
        claim, asked, evidence = (cells[c - 1] for c in (cols.claim, cols.value, cols.text))
        for column, cell in ((cols.claim, claim), (cols.value, asked), (cols.text, evidence)):
            if (bad := control_problem(cell_text(cell))) is not None:
                self.add("control_char", f"{get_column_letter(column)}{r}", bad)
                return None
        try:
            shown, _ = value_text(indicator, asked, None)
        except ValueProblem as exc:
            self.add(exc.reason, f"{get_column_letter(cols.value)}{r}", exc.params)
            return None
        if not cell_text(claim):
            if shown or cell_text(evidence):
                self.fail("objection_claim_missing", f"{get_column_letter(cols.claim)}{r}",
                          accepted=f"{get_column_letter(cols.claim)}{r}")
            return None
        return (row.unit, indicator.id, cell_text(claim), shown, cell_text(evidence))

    def finish(self, rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        """Each contested row with the date the form was sent (received_on)."""
        if not rows:
            return rows
        sent = self.sent
        day: dt.date | None = None
        if isinstance(sent, dt.datetime):
            day = sent.date()
        elif isinstance(sent, dt.date):
            day = sent
        elif sent is not None and cell_text(sent):
            day = parse_day(cell_text(sent))
            if day is None:
                self.fail("bad_date", DATE_CELL, found=cell_text(sent))
                return ()
        if day is None:
            self.fail("objection_form_no_date", DATE_CELL)
            return ()
        if day > self.today:
            self.fail("future_date", DATE_CELL, found=day.isoformat(), accepted=self.today.isoformat())
            return ()
        return tuple((unit, indicator, day.isoformat(), claim, asked, evidence)
                     for unit, indicator, claim, asked, evidence in rows)


# --- many forms --------------------------------------------------------------------------------------
def form_paths(items: Iterable[Path]) -> list[Path]:
    """Files as given; a folder gives its files, without hidden files and the lock files of office programs."""
    paths: list[Path] = []
    for item in items:
        if item.is_dir():
            paths.extend(p for p in sorted(item.iterdir())
                         if p.is_file() and not p.name.startswith((".", "~$")))
        else:
            paths.append(item)
    return paths


def collect(criteria: Criteria, units: Sequence[Unit], paths: Sequence[Path], kind: Kind = "self",
            max_bytes: int = MAX_FILE_BYTES, max_unpacked: int = MAX_UNPACKED_BYTES,
            progress: Callable[[int, int], None] | None = None, draft: str = "",
            today: dt.date | None = None) -> Collected:
    """Read every workbook; the rows of the clean ones in units.csv order, and every problem of all;
    `progress(done, total)` after each workbook. Objection forms must be of the draft whose run.json has the
    SHA-256 `draft`, and dated no later than `today`; their rows are numbered KN-001, KN-002… in that order."""
    by_id = {u.id: u for u in units}
    forms = []
    for done, path in enumerate(paths, start=1):
        reader = (_ObjectionReader(criteria, by_id, path, draft, today or dt.date.today()) if kind == "objection"
                  else _FormReader(criteria, by_id, path, kind))
        forms.append(reader.read(max_bytes, max_unpacked))
        if progress is not None:
            progress(done, len(paths))
    extra: dict[str, list[Problem]] = {}
    owners: dict[str, list[str]] = {}
    for form in forms:
        if form.owner:
            owners.setdefault(form.owner, []).append(form.file)
    for owner, files in owners.items():
        for file in files if len(files) > 1 else ():
            others = ", ".join(f for f in files if f != file)
            extra.setdefault(file, []).append(Problem(file, "form_duplicate", {"found": owner, "accepted": others}))
    problems = [p for form in forms for p in (*form.problems, *extra.get(form.file, ()))]
    if not paths:
        problems.append(Problem(".", "form_none"))
    if kind != "objection":  # most units raise no objection: a form not sent back is no news
        problems.extend(_missing(criteria, units, set(owners), kind))
    clean = [f for f in forms if f.clean and f.file not in extra]
    order = {u.id: i for i, u in enumerate(units)}
    rows = sorted((row for f in clean for row in f.rows), key=lambda row: order[row[0]])
    if kind == "objection":  # the department fills decision, answer and decided_on
        rows = [(f"KN-{i:03d}", *row, "", "", "") for i, row in enumerate(rows, start=1)]
    header = {"self": SELF_ASSESSMENT, "appraisal": APPRAISAL, "objection": OBJECTIONS}[kind].names
    rejected = tuple(f.file for f in forms if f not in clean)
    claims = sorted((c for f in clean for c in f.claims), key=lambda c: (order[c[0]], c[3], c[1]))
    return Collected(header, tuple(rows), tuple(f.file for f in clean), rejected, tuple(problems), tuple(claims),
                     sum(f.tasks_sheet for f in clean))


def _missing(criteria: Criteria, units: Sequence[Unit], seen: set[str], kind: Kind) -> list[Problem]:
    """A warning for each unit (group) without a form: collecting part of the forms is allowed."""
    if kind == "appraisal":
        groups = [g for g in criteria.groups if any(u.group == g.id for u in units)]
        owners = [(g, g.id if parts == 1 else f"{g.id} {part}/{parts}") for g in groups
                  for parts in [len(council_parts(g, units))] for part in range(1, parts + 1)]
        return [Problem(g.id, "form_missing", {"found": owner, "name": g.title}, severity="warning")
                for g, owner in owners if owner not in seen]
    return [Problem(u.id, "form_missing", {"found": u.id, "name": u.name}, severity="warning")
            for u in units if u.id not in seen]
