"""Stage 5 — the result tables: results.csv, indicator_scores.csv, results.xlsx and run.json, written
byte-for-byte reproducibly into a staged folder that replaces the output only when complete."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
import shutil
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ranking import __version__
from ranking.inputs import NUMBER
from ranking.ranking import Ranking

if TYPE_CHECKING:
    from openpyxl import Workbook

RESULT_COLUMNS = (
    "group", "unit", "name", "points", "max_points", "index", "rank", "band", "self_points", "self_index",
    "previous_index", "previous_rank", "rank_low", "rank_high",
)
INDICATOR_COLUMNS = (
    "group", "unit", "indicator", "status", "self_value", "appraised_value", "value", "self_points", "points",
    "max_points", "source",
)
Cell = str | int | float | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def fmt(value: float | None, decimals: int = 4) -> str:
    """A fixed, locale-free text for a number: rounded, without trailing zeros ('' for None)."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pillar_ids(ranking: Ranking) -> list[str]:
    seen: dict[str, None] = {}
    for group in ranking.criteria.groups:
        for pillar in group.pillars:
            seen.setdefault(pillar.id)
    return list(seen)


def result_rows(ranking: Ranking) -> tuple[list[str], list[list[Cell]]]:
    """results.csv as typed cells: numbers as numbers, rounded as published."""
    decimals = ranking.criteria.decimals
    pillars = pillar_ids(ranking)
    header = [*RESULT_COLUMNS, *(f"pillar:{p}" for p in pillars)]
    rows: list[list[Cell]] = []
    for u in ranking.units:
        s = u.score
        prev, rob = u.previous, u.robustness
        rows.append([
            s.group, s.unit, s.name, round(s.points, 4), round(s.max_points, 4), round(s.index, decimals), u.rank,
            u.band, round(s.self_points, 4), round(s.self_index, decimals),
            round(prev.index, decimals) if prev and prev.index is not None else None,
            prev.rank if prev else None, rob.low if rob else None, rob.high if rob else None,
            *(round(v, decimals) if (v := s.pillar_index(p)) is not None else None for p in pillars),
        ])
    return header, rows


def indicator_rows(ranking: Ranking) -> tuple[list[str], list[list[Cell]]]:
    rows: list[list[Cell]] = [
        [i.group, i.unit, i.indicator, i.status, i.self_value, i.appraised_value, i.value,
         round(i.self_points, 4), round(i.points, 4), round(i.max_points, 4), i.source]
        for i in ranking.indicators
    ]
    return list(INDICATOR_COLUMNS), rows


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if c is None else fmt(c, 6) if isinstance(c, float) else neutralise(c) for c in row])
    return buffer.getvalue()


def write_xlsx(path: Path, sheets: Mapping[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]]) -> None:
    """A formatted workbook of the same tables, with fixed timestamps so that it is reproducible."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([neutralise(c) for c in row])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, name in enumerate(header, start=1):
            width = max([len(name), *(len(str(r[i - 1])) for r in rows[:200] if r[i - 1] is not None)])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 50)
    save_workbook(wb, path)


def source_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date: outputs carry no clock."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)


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


def run_record(ranking: Ranking, options: Mapping[str, object]) -> dict[str, object]:
    """What run.json holds: enough to tell which inputs made these outputs."""
    c = ranking.criteria
    return {
        "dti": __version__,
        "criteria": {"file": c.source, "id": c.id, "edition": c.edition, "sha256": c.sha256},
        "inputs": dict(sorted(ranking.inputs.files.items())),
        "sample": bool(ranking.inputs.sample),
        "options": dict(options),
        "units": len(ranking.units),
    }


def write_tables(ranking: Ranking, folder: Path, options: Mapping[str, object]) -> None:
    header, rows = result_rows(ranking)
    ind_header, ind_rows = indicator_rows(ranking)
    (folder / "results.csv").write_text(csv_text(header, rows), encoding="utf-8", newline="")
    (folder / "indicator_scores.csv").write_text(csv_text(ind_header, ind_rows), encoding="utf-8", newline="")
    record = run_record(ranking, options)
    hashes: list[list[Cell]] = [[f"sha256:{name}", digest] for name, digest in sorted(ranking.inputs.files.items())]
    about: list[list[Cell]] = [
        ["sample", ranking.inputs.sample or "no"],
        ["criteria", f"{ranking.criteria.title} ({ranking.criteria.edition})"],
        ["criteria_sha256", ranking.criteria.sha256],
        *hashes,
        ["dti", __version__],
    ]
    write_xlsx(folder / "results.xlsx", {"results": (header, rows), "indicator_scores": (ind_header, ind_rows),
                                         "run": (["key", "value"], about)})
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)
    (folder / "run.json").write_text(text + "\n", encoding="utf-8")


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """A fresh copy of `out` to write into; it replaces `out` only if the block completes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.with_name(f".{out.name}.{os.getpid()}.{secrets.token_hex(4)}")
    stage.mkdir()  # not mkdtemp: the output keeps the usual permissions (umask), not 0700
    try:
        if out.is_dir():
            shutil.copytree(out, stage, dirs_exist_ok=True)
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    stage.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def inside(folder: Path, name: str, suffix: str) -> Path:
    """folder/name+suffix, refusing any name that would land outside the folder."""
    target = (folder / f"{name}{suffix}").resolve()
    if target.parent != folder.resolve() or name in ("", ".", ".."):
        raise ValueError(f"unsafe file name {name!r}")
    return target
