"""Helpers for the workbook tests: fill a generated form with openpyxl as a person would type the values
of a self_assessment.csv (or appraisal.csv), and run LibreOffice headless when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import load_workbook

from ranking.forms import COLUMNS, FIRST_ROW, Kind
from ranking.syntax import NUMBER

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
Entry = tuple[str, str, str]  # value, denominator, evidence or note


def typed(text: str) -> object:
    """What a spreadsheet stores when this text is typed: numbers as numbers, '85%' as 0.85."""
    if text.endswith("%") and NUMBER.match(text[:-1].strip()):
        return float(text[:-1]) / 100
    if NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return text or None


def fill(path: Path, entries: Mapping[tuple[str, str], Entry], kind: Kind = "self",
         raw: Mapping[str, object] | None = None) -> None:
    """Type the entries into the form's input cells (keyed by unit and indicator); `raw` sets cells as given."""
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    cols = COLUMNS[kind]
    owner = wb["_dti"]["B6"].value
    for r in range(FIRST_ROW, ws.max_row + 1):
        if kind == "self":
            key = (str(owner), str(ws.cell(r, 1).value))
        else:
            key = (str(ws.cell(r, 1).value), str(ws.cell(r, 3).value))
        if key not in entries:
            continue
        value, denominator, text = entries[key]
        ws.cell(r, cols.value).value = typed(value)  # type: ignore[assignment]
        ws.cell(r, cols.denominator).value = typed(denominator)  # type: ignore[assignment]
        ws.cell(r, cols.text).value = text or None
    for ref, value in (raw or {}).items():
        ws[ref].value = value
    wb.save(path)


def entries(rows: Iterable[Sequence[str]]) -> dict[tuple[str, str], Entry]:
    return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}


def libreoffice_roundtrip(path: Path, out: Path) -> Path:
    """Open and save the workbook in LibreOffice headless (a real spreadsheet program)."""
    assert SOFFICE is not None
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    return out / path.name
