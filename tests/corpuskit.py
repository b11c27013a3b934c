"""Helpers for the corpus cases' make.py files: a valid form of the base case to break, and zip surgery."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from ranking.criteria import load_criteria
from ranking.forms import unit_form, write_council_forms
from ranking.inputs import load_inputs, load_units


def base_form(folder: Path, unit: str = "a1", name: str | None = None) -> Path:
    """The unit's self-assessment form as dti issues it, in the case's inputs/forms/ (named after the unit)."""
    criteria = load_criteria(folder / "criteria.yaml")
    units = {u.id: u for u in load_units(criteria, folder / "inputs" / "units.csv")}
    path = folder / "inputs" / "forms" / (name or f"{unit}.xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    unit_form(criteria, units[unit], path)
    return path


def council_form(folder: Path, group: str = "A") -> Path:
    """The council's workbook of one group, in the case's inputs/forms/."""
    criteria = load_criteria(folder / "criteria.yaml")
    written = write_council_forms(criteria, load_inputs(criteria, folder / "inputs"), folder / "council-tmp")
    path = folder / "inputs" / "forms" / f"appraisal-{group}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    next(p for p in written if p.name == path.name).rename(path)
    for p in written:
        p.unlink(missing_ok=True)
    (folder / "council-tmp").rmdir()
    return path


def rewrite(path: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None,
            compression: int = zipfile.ZIP_DEFLATED) -> None:
    """Rewrite a workbook's zip: each member through `change` (None drops it), then the `extra` members."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members:
            new = change(name, data)
            if new is not None:
                z.writestr(name, new)
        for name, data in (extra or {}).items():
            z.writestr(name, data)


def set_cell_xml(path: Path, ref: str, inner: str, part: str = "xl/worksheets/sheet2.xml") -> None:
    """Write a cell's XML content by hand (`<v>NaN</v>`): what no spreadsheet program would save."""
    pattern = re.compile(f'<c r="{ref}"( [^>]*?)?(/>|>.*?</c>)'.encode())

    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        new, n = pattern.subn(lambda m: b'<c r="' + ref.encode() + b'"' + (m.group(1) or b"") + b">" +
                              inner.encode() + b"</c>", data, count=1)
        assert n == 1, ref
        return new

    rewrite(path, change)


XXE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>")


def declare_entities(path: Path, part: str, doctype: str, old: bytes, new: bytes) -> None:
    """A DTD before a part's XML and `old` replaced by `new` (an entity reference): what Excel never writes."""
    rewrite(path, lambda name, data: doctype.encode() + data.replace(old, new, 1) if name == part else data)
