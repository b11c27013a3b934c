"""Stage 5 — the result tables: results.csv, indicator_scores.csv, results.xlsx and run.json, written
byte-for-byte reproducibly (into the staged folder of output.py)."""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ranking import __version__
from ranking.contracts import INDICATOR_SCORES, PUBLISHED_OBJECTIONS, RESULTS
from ranking.csvio import Cell, csv_text, neutralise
from ranking.errors import DtiError, Lang, Problem
from ranking.i18n import t
from ranking.ranking import Ranking
from ranking.render_cache import RenderCache, package_version
from ranking.syntax import NUMBER
from ranking.words import DECISION, STATUS

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

HEADINGS: Mapping[str, str] = {
    "group": "xlsx.group", "unit": "xlsx.unit", "name": "xlsx.name", "points": "xlsx.points",
    "max_points": "xlsx.max_points", "index": "xlsx.index", "rank": "xlsx.rank", "band": "xlsx.band",
    "self_points": "xlsx.self_points", "self_index": "xlsx.self_index", "previous_index": "xlsx.previous_index",
    "previous_rank": "xlsx.previous_rank", "rank_low": "xlsx.rank_low", "rank_high": "xlsx.rank_high",
    "indicator": "xlsx.indicator", "status": "xlsx.status", "self_value": "xlsx.self_value",
    "appraised_value": "xlsx.appraised_value", "value": "xlsx.value", "source": "xlsx.source",
    "objection": "xlsx.objection", "received_on": "xlsx.received_on", "claim": "xlsx.claim",
    "asked_value": "xlsx.asked_value", "evidence": "xlsx.evidence", "decision": "xlsx.decision",
    "answer": "xlsx.answer", "decided_on": "xlsx.decided_on", "late": "xlsx.late",
}
"""results.xlsx's heading of each column of the CSV tables (the CSV files keep the machine names)."""
SOURCES: Mapping[str, str] = {"self": "xlsx.source.self", "measured": "xlsx.source.measured",
                              "tasks": "xlsx.source.tasks", "appraised": "xlsx.source.appraised"}
"""The words of where an indicator's value comes from."""


def pillar_ids(ranking: Ranking) -> list[str]:
    seen: dict[str, None] = {}
    for group in ranking.criteria.groups:
        for pillar in group.pillars:
            seen.setdefault(pillar.id)
    return list(seen)


def result_rows(ranking: Ranking) -> tuple[list[str], list[list[Cell]]]:
    """results.csv as typed cells: numbers as numbers, rounded as published; each cell by its column's name
    (contracts.RESULTS), read from the group's score matrices."""
    decimals = ranking.criteria.decimals
    pillars = pillar_ids(ranking)
    header = [*RESULTS.names, *(f"{RESULTS.more}{p}" for p in pillars)]
    groups = {g.group: (g, g.totals.tolist(), g.index.tolist(), g.self_index.tolist(),
                        g.pillar_index(ranking.criteria.scale).tolist()) for g in ranking.matrices}
    rows: list[list[Cell]] = []
    for u in ranking.units:
        g, totals, index, self_index, pillar_index = groups[u.score.group]
        i = g.positions[u.score.unit]
        points, max_points, self_points, _ = totals[i]
        prev, rob = u.previous, u.robustness
        by_pillar = dict(zip(g.pillars, pillar_index[i], strict=True))
        rows.append([*RESULTS.row({
            "group": g.group, "unit": u.score.unit, "name": u.score.name,
            "points": round(points, 4), "max_points": round(max_points, 4), "index": round(index[i], decimals),
            "rank": u.rank, "band": u.band,
            "self_points": round(self_points, 4), "self_index": round(self_index[i], decimals),
            "previous_index": round(prev.index, decimals) if prev and prev.index is not None else None,
            "previous_rank": prev.rank if prev else None,
            "rank_low": rob.low if rob else None, "rank_high": rob.high if rob else None,
        }), *(None if math.isnan(v := by_pillar.get(p, math.nan)) else round(v, decimals) for p in pillars)])
    return header, rows


def indicator_rows(ranking: Ranking) -> tuple[list[str], list[tuple[Cell, ...]]]:
    """indicator_scores.csv: the columns of the indicator scores by name (contracts.INDICATOR_SCORES), points
    rounded to 4 decimals."""
    scores = ranking.indicators
    columns: dict[str, Sequence[Cell]] = {name: scores.column(name) for name in INDICATOR_SCORES.names}
    for name in ("self_points", "points", "max_points"):
        columns[name] = [round(x, 4) for x in scores.column(name)]
    return list(INDICATOR_SCORES.names), INDICATOR_SCORES.rows(columns)


def objection_rows(ranking: Ranking) -> tuple[list[str], list[list[Cell]]]:
    """objections.csv as published with the run (contracts.PUBLISHED_OBJECTIONS): the register as decided,
    each objection marked late or not."""
    rows: list[list[Cell]] = [PUBLISHED_OBJECTIONS.row({
        "objection": o.id, "unit": o.unit, "indicator": o.indicator, "received_on": o.received_on,
        "claim": o.claim, "asked_value": o.asked_value, "evidence": o.evidence, "decision": o.decision,
        "answer": o.answer, "decided_on": o.decided_on, "late": "yes" if o.late else "no"})
        for o in ranking.inputs.objections]
    return list(PUBLISHED_OBJECTIONS.names), rows


@dataclass(frozen=True)
class Sheet:
    """One worksheet for people: headers in their language, typed cells, an Excel number format per column
    ('' for text). Excel and LibreOffice show a number format with the reader's own separators."""

    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    formats: Sequence[str] = ()


def _number(text: Cell) -> Cell:
    """A value column's text as the number it is ('0.85' → 0.85, '65%' → 0.65), else the text."""
    if isinstance(text, str) and NUMBER.match(text):
        return float(text)
    if isinstance(text, str) and text.endswith("%") and NUMBER.match(text[:-1]):
        return float(text[:-1]) / 100
    return text


def xlsx_sheets(ranking: Ranking, lang: Lang, about: Sequence[Sequence[Cell]]) -> dict[str, Sheet]:
    """results.xlsx: the result tables with headers, group and pillar titles in `lang` and numbers as
    numbers, and `about` (the run's provenance); the CSV files keep the machine column names."""
    c = ranking.criteria
    index = "0." + "0" * c.decimals
    points = "#,##0.00"
    groups = {g.id: g.title for g in c.groups}
    titles = {p.id: f"{p.id} — {p.title}" for g in c.groups for p in g.pillars}
    shape = {"points": points, "max_points": points, "self_points": points, "index": index, "self_index": index,
             "previous_index": index, "rank": "0", "previous_rank": "0", "rank_low": "0", "rank_high": "0",
             "self_value": "General", "appraised_value": "General", "value": "General"}

    def people(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Sheet:
        """Column names, group ids and statuses in words; values as numbers where they are numbers."""
        out = []
        for row in rows:
            cells: list[Cell] = []
            for name, cell in zip(header, row, strict=True):
                if name == "group":
                    cell = groups.get(str(cell), cell)
                elif name == "status":
                    cell = t(STATUS[str(cell)], lang)
                elif name in ("self_value", "appraised_value", "value"):
                    cell = _number(cell)
                elif name == "source" and cell:
                    cell = t(SOURCES[str(cell)], lang)
                elif name == "decision":
                    cell = t(DECISION[str(cell)], lang)
                elif name == "late":
                    cell = t("objection.late", lang) if cell == "yes" else ""
                cells.append(cell)
            out.append(cells)
        pillar = RESULTS.more
        words = [titles[n.removeprefix(pillar)] if n.startswith(pillar) else t(HEADINGS[n], lang) for n in header]
        return Sheet(words, out, [index if n.startswith(pillar) else shape.get(n, "") for n in header])

    objections = {t("xlsx.sheet.objections", lang): people(*objection_rows(ranking))} if ranking.inputs.objections \
        else {}
    return {
        t("xlsx.sheet.results", lang): people(*result_rows(ranking)),
        t("xlsx.sheet.indicators", lang): people(*indicator_rows(ranking)),
        **objections,
        t("xlsx.sheet.run", lang): Sheet([t("xlsx.run.key", lang), t("xlsx.run.value", lang)], about),
    }


def write_xlsx(path: Path, sheets: Mapping[str, Sheet], banner: str | None = None) -> None:
    """A formatted workbook, with fixed timestamps so that it is reproducible: bold wrapped headers, frozen
    and filtered, numbers stored as numbers with a number format, set up to print on A4 landscape with the
    header row on every page; a `banner` (the draft mark) takes the first row of every sheet and the header
    of every printed page. Rows are streamed (openpyxl's write-only mode): memory stays flat however many
    units there are."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook(write_only=True)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for title, sheet in sheets.items():
        ws = wb.create_sheet(title[:31])
        first = 2 if banner else 1
        last = first + len(sheet.rows)
        for i, name in enumerate(sheet.header, start=1):
            width = max([min(len(name), 18), *(len(str(r[i - 1])) for r in sheet.rows[:200] if r[i - 1] is not None)])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 50)
        corner = f"{get_column_letter(max(len(sheet.header), 1))}{last}"
        # the <dimension> that a streamed sheet cannot compute: readers in read-only mode (pandas, openpyxl)
        # size every row by it, so that a row ending in empty cells keeps its width
        ws.calculate_dimension = partial(str, f"A1:{corner}")
        ws.freeze_panes = f"A{first + 1}"
        ws.auto_filter.ref = f"A{first}:{corner}"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{first}:{first}"
        if banner:
            ws.oddHeader.center.text = banner
            mark = WriteOnlyCell(ws, banner)
            mark.font = Font(bold=True, color="B00020")
            ws.append([mark])
        header = []
        for name in sheet.header:
            cell = WriteOnlyCell(ws, name)
            cell.font, cell.alignment = bold, wrap
            header.append(cell)
        ws.append(header)
        formats = list(sheet.formats) + [""] * (len(sheet.header) - len(sheet.formats))
        for row in sheet.rows:
            ws.append([_formatted(ws, neutralise(c), f) for c, f in zip(row, formats, strict=False)])
    save_workbook(wb, path)


def _formatted(ws: WriteOnlyWorksheet, value: Cell, number_format: str) -> Cell | WriteOnlyCell:
    """A number with its column's number format as a styled cell; anything else as the plain value."""
    from openpyxl.cell import WriteOnlyCell

    if not number_format or not isinstance(value, int | float):
        return value
    cell = WriteOnlyCell(ws, value)
    cell.number_format = number_format
    return cell


MAX_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC: the last second a workbook's date can hold


def epoch_problems() -> list[Problem]:
    """A SOURCE_DATE_EPOCH that is not whole seconds since 1970 (empty, `abc`, `-1`, `1e9`): refused, never
    replaced by a guess; checked before any work by the commands that stamp it."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "0")
    if text.isascii() and text.isdigit() and int(text) <= MAX_EPOCH:
        return []
    return [Problem("SOURCE_DATE_EPOCH", "source_date_epoch", {"found": text, "accepted": MAX_EPOCH})]


def source_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date: outputs carry no clock."""
    problems = epoch_problems()
    if problems:
        raise DtiError(problems)
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "946684800")), UTC).replace(tzinfo=None)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save with no clock in it, so that the same workbook gives the same bytes: openpyxl stamps the save
    time into docProps/core.xml and the zip entries carry dates; all become source_date() (zip: 1980)."""
    stamp = source_date()
    wb.properties.creator = "dti"
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    modified = rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>"
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(modified, data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)


def provenance(ranking: Ranking) -> dict[str, str]:
    """Every input file by name → SHA-256, never by a path of the operator's machine: the inputs relative to
    their folder (`units.csv`), any other file (the previous results) by its file name."""
    folder = Path(ranking.inputs.folder)
    named: dict[str, str] = {}
    for name, digest in ranking.inputs.files.items():
        path = Path(name)
        try:
            named[path.relative_to(folder).as_posix()] = digest
        except ValueError:
            named[path.name] = digest
    return dict(sorted(named.items()))


def criteria_name(ranking: Ranking) -> str:
    """The criteria file by its file name (`hanoi-2025.yaml`)."""
    return Path(ranking.criteria.source).name


def run_record(ranking: Ranking, options: Mapping[str, object]) -> dict[str, object]:
    """What run.json holds: enough to tell which inputs made these outputs, and whether they are a draft."""
    c = ranking.criteria
    return {
        "dti": __version__,
        "stage": options.get("stage", "final"),
        "criteria": {"file": criteria_name(ranking), "id": c.id, "edition": c.edition, "sha256": c.sha256},
        "inputs": provenance(ranking),
        "sample": bool(ranking.inputs.sample),
        "options": dict(options),
        "units": len(ranking.units),
    }


def write_tables(ranking: Ranking, folder: Path, options: Mapping[str, object], lang: Lang = "vi",
                 cache: Path | None = None) -> str:
    """results.csv, indicator_scores.csv, run.json and results.xlsx into `folder`; returns the workbook's
    render-cache key (write_workbook)."""
    write_csv_tables(ranking, folder, options)
    return write_workbook(ranking, folder, options, lang, cache)


def write_csv_tables(ranking: Ranking, folder: Path, options: Mapping[str, object]) -> None:
    """results.csv, indicator_scores.csv and run.json: what `dti diff` and a later run read."""
    header, rows = result_rows(ranking)
    ind_header, ind_rows = indicator_rows(ranking)
    (folder / "results.csv").write_text(csv_text(header, rows), encoding="utf-8", newline="")
    (folder / "indicator_scores.csv").write_text(csv_text(ind_header, ind_rows), encoding="utf-8", newline="")
    if ranking.inputs.objections:  # the register as decided, published with the ranking it changed
        (folder / "objections.csv").write_text(csv_text(*objection_rows(ranking)), encoding="utf-8", newline="")
    text = json.dumps(run_record(ranking, options), ensure_ascii=False, indent=2, sort_keys=True)
    (folder / "run.json").write_text(text + "\n", encoding="utf-8")


def write_workbook(ranking: Ranking, folder: Path, options: Mapping[str, object], lang: Lang = "vi",
                   cache: Path | None = None) -> str:
    """results.xlsx, the tables for people; a draft's says so above every table. With a render cache folder
    `cache`, a workbook whose content is unchanged is taken from it (openpyxl takes seconds to write one);
    returns the workbook's cache key ('' without a cache)."""
    hashes: list[list[Cell]] = [[f"SHA-256: {name}", digest] for name, digest in provenance(ranking).items()]
    stage = str(options.get("stage", "final"))
    about: list[list[Cell]] = [
        [t("xlsx.run.stage", lang), t("option.stage.draft", lang) + f" — {t('stage.draft', lang)}"
         if stage == "draft" else t("option.stage.final", lang)],
        [t("xlsx.run.sample", lang), ranking.inputs.sample or t("xlsx.run.no", lang)],
        [t("xlsx.run.criteria", lang), f"{ranking.criteria.title} ({ranking.criteria.edition})"],
        [t("xlsx.run.criteria_file", lang), criteria_name(ranking)],
        [t("xlsx.run.criteria_sha256", lang), ranking.criteria.sha256],
        *hashes,
        [t("xlsx.run.dti", lang), __version__],
    ]
    return cached_xlsx(folder / "results.xlsx", xlsx_sheets(ranking, lang, about),
                       t("stage.draft", lang) if stage == "draft" else None, cache)


def workbook_cache(folder: Path) -> RenderCache:
    """The render cache's view for workbooks: keys salted with what decides a workbook's bytes besides its
    cells (this module's code, the versions of openpyxl, its XML writer and zlib), so that they never meet a
    PDF's key."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    versions = ";".join(f"{p}={package_version(p)}" for p in ("openpyxl", "et_xmlfile"))
    return RenderCache(folder, f"workbook;dti={__version__};{versions};zlib={zlib.ZLIB_RUNTIME_VERSION};{code}")


def cached_xlsx(path: Path, sheets: Mapping[str, Sheet], banner: str | None, cache: Path | None) -> str:
    """write_xlsx, or its earlier bytes from the render cache when every cell, format, the banner and the
    date stamped in it are the same; returns the key ('' without a cache)."""
    if cache is None:
        write_xlsx(path, sheets, banner)
        return ""
    store = workbook_cache(cache)
    key = store.key(repr((source_date().isoformat(), banner, list(sheets.items()))))  # sheets in their order
    kept = store.get(key, kind="xlsx")
    if kept is not None:
        path.write_bytes(kept)
        return key
    write_xlsx(path, sheets, banner)
    store.put(key, path.read_bytes())
    return key
