"""The one errors module: every problem with the user's files carries where it is, a stable reason
code and a message in Vietnamese (default) or English, so that all problems can be listed at once. The
messages are the catalogue's `problem.<reason>` words (ranking/words.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

# LANGS and Lang re-exported (`X as X`): across dti the language type is imported from here
from ranking.words import LANGS as LANGS
from ranking.words import Lang as Lang
from ranking.words import t

# The characters no free text may hold (criteria strings, CSV and workbook cells): control characters (C0
# but tab, line feed and carriage return; DEL; C1) and the invisible ones that reorder or break text
# (bidirectional marks, embeddings, overrides and isolates; line and paragraph separators; a stray BOM).
CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0x061C, 0x061C), (0x200E, 0x200F),
                  (0x2028, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF))
# What a terminal must never receive raw from an input: the same, and tab and line breaks too (escape
# sequences can rewrite the screen or the window title; a line break can forge a message line).
_UNSAFE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ((0x00, 0x1F), *(r for r in CONTROL_RANGES
                                                                                    if r[0] > 0x1F))) + "]")
MAX_FOUND = 80  # a found value longer than this is shown cut, so that a 400-digit number stays one line
MAX_PROBLEMS = 200  # problems listed; the rest are counted (README, "Limits")


def printable(text: str) -> str:
    """`text` with every control or bidirectional character written as an escape (\\x1b, \\u202e)."""
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)


def _shown(value: object) -> object:
    return f"{value[:MAX_FOUND - 20]}…{value[-10:]}" if isinstance(value, str) and len(value) > MAX_FOUND else value


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one file; `reason` is a stable code, `params` fill its message."""

    file: str
    reason: str
    params: Mapping[str, object] = field(default_factory=dict)
    line: int | None = None
    column: str | None = None
    path: str | None = None
    sheet: str | None = None
    cell: str | None = None
    severity: Literal["error", "warning"] = "error"

    def where(self, lang: Lang = "vi") -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(t("where.line", lang, line=self.line))
        if self.column is not None:
            parts.append(t("where.column", lang, column=self.column))
        if self.sheet is not None:
            parts.append(t("where.sheet", lang, sheet=repr(self.sheet)))
        if self.cell is not None:
            parts.append(t("where.cell", lang, cell=self.cell))
        if self.path is not None:
            parts.append(self.path)
        return ", ".join(parts)

    def message(self, lang: Lang = "vi") -> str:
        key = "problem." + self.reason  # the catalogue's convention for the words of a reason code
        near = self.params.get("nearest")
        hint = t("where.nearest", lang, nearest=repr(near)) if near else ""
        text = t(key, lang, **{**self.params, "found": _shown(self.params.get("found")), "hint": hint})
        tag = t("where.warning", lang) if self.severity == "warning" else ""
        where = self.where(lang)
        return printable(f"{where}: {tag}{text}" if where else f"{tag}{text}")

    def as_dict(self, lang: Lang = "vi") -> dict[str, object]:
        return {
            "file": self.file, "line": self.line, "column": self.column, "path": self.path,
            "sheet": self.sheet, "cell": self.cell, "severity": self.severity, "reason": self.reason,
            "message": self.message(lang),
        }


class DtiError(Exception):
    """An error about the user's files or options: dti exits with 2 and lists it, no traceback."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.render("vi"))

    def render(self, lang: Lang = "vi") -> str:
        return "\n".join(p.message(lang) for p in self.problems)


class CriteriaError(DtiError):
    """The criteria file is not a valid criteria set."""


class DataError(DtiError):
    """The units, self-assessment or appraisal files are not valid."""


class FormError(DtiError):
    """A self-assessment or appraisal workbook cannot be collected."""


class Problems:
    """Collects problems while a file is checked, so that every problem is reported at once; past `limit`
    they are only counted (a million bad rows must not take a gigabyte and a million lines)."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.items: list[Problem] = []
        self.limit = limit
        self.cut = 0
        self.cut_errors = 0

    def add(self, problem: Problem) -> None:
        if len(self.items) < self.limit:
            self.items.append(problem)
        else:
            self.cut += 1
            self.cut_errors += problem.severity == "error"

    @property
    def full(self) -> bool:
        """Whether a new problem would only be counted: the work of its hint can be skipped."""
        return len(self.items) >= self.limit

    @property
    def errors(self) -> list[Problem]:
        errors = [p for p in self.items if p.severity == "error"]
        if self.cut_errors:
            errors.append(Problem("", "problems_cut", {"found": self.cut, "accepted": self.limit}))
        return errors

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self, kind: type[DtiError]) -> None:
        if self.errors:
            raise kind(self.errors)


def nearest(found: str, known: Iterable[str]) -> str:
    """The closest known id to a mistyped one, or '' when nothing is close: the hint in a message."""
    import difflib

    match = difflib.get_close_matches(found, list(known), n=1, cutoff=0.6)
    return match[0] if match else ""
