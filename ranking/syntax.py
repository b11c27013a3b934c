"""The syntax every file shares, a leaf that imports no other module of dti but its errors: what an id may
be, which characters free text may not hold, how a number is written, and how a found value or a YAML place
is shown in a message. The criteria, its schema, the CSV reader and the workbooks all check against these."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from ranking.errors import CONTROL_RANGES

# The rules by name, in the order the README lists them (criteria.RULE_NAMES maps them to their classes).
RULES = ("yes_no", "ratio", "tiers", "choice", "best", "minmax", "count", "council", "deadline", "penalty")

# How a composite's points come from its children's (`combine:` and `cap:`): the one arithmetic that the
# schema checks a declared total with and the criteria tree computes with.
Combine = Literal["sum", "max"]


def combined(combine: Combine, cap: float | None, maxima: Sequence[float]) -> float:
    """A composite's maximum from its children's: the sum, or the best of them, then the cap."""
    total = max(maxima, default=0.0) if combine == "max" else math.fsum(maxima)
    return total if cap is None else min(total, cap)


# Ids name files and folders (units/ID.pdf) on every system, so all of them (unit, group, pillar, indicator,
# tag) follow one rule: 1–80 characters (the longest unit id in the sample, an official name as a slug, has 65)
# of A–Z a–z 0–9 . _ - (unit ids lower-case), not ending in '.', not a device name Windows reserves.
ID_MAX = 80
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_ID_LOWER = re.compile(r"[a-z0-9][a-z0-9._-]*")
WINDOWS_RESERVED = ("con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)))

# Free text (criteria strings, CSV cells, workbook cells, the SAMPLE mark) holds none of CONTROL_RANGES, so
# that none reaches a terminal, a workbook or a PDF.
_CONTROL_CLASS = "".join(f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else "") for a, b in CONTROL_RANGES)
CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
TEXT_PATTERN = f"^[^{_CONTROL_CLASS}]*$"  # the same rule for editors (JSON Schema, ECMA-262 syntax)

# A number as the inputs and dti's own tables write it: ASCII digits only, no exponent, no inf, no nan.
NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")


def id_problem(text: str, lower: bool = False) -> str | None:
    """Why `text` cannot be an id (a reason code), or None: 1–80 characters of A–Z a–z 0–9 . _ - (a–z only
    with `lower`, for unit ids), starting with a letter or digit, not ending in '.', not a reserved Windows
    device name (con, nul, com1…, also with an extension)."""
    if len(text) > ID_MAX:
        return "id_too_long"
    if not (_ID_LOWER if lower else _ID).fullmatch(text) or text.endswith("."):
        return "bad_id"
    if text.split(".")[0].lower() in WINDOWS_RESERVED:
        return "id_reserved"
    return None


def id_params(text: str) -> dict[str, object]:
    """The parameters of an id's message: the id escaped (look-alike letters show: 'NT\\u0405.1' is not
    'NTS.1'), cut to a line, and its length."""
    shown = ascii(text)
    return {"found": shown if len(shown) <= 80 else f"{shown[:77]}…", "length": len(text)}


def id_pattern() -> str:
    """id_problem's rule as one regular expression, for editors (JSON Schema)."""
    def any_case(name: str) -> str:
        return "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in name)

    reserved = "|".join(any_case(n) for n in WINDOWS_RESERVED)
    return f"^(?!(?:{reserved})(?:\\.|$))(?!.*\\.$)[A-Za-z0-9][A-Za-z0-9._-]{{0,{ID_MAX - 1}}}$"


def control_problem(text: str) -> dict[str, object] | None:
    """The first control or bidirectional character of a free text, as the parameters of a `control_char`
    message ('U+001B' and its 1-based position), or None."""
    match = CONTROL.search(text)
    if match is None:
        return None
    return {"found": f"U+{ord(match.group()):04X}", "offset": match.start() + 1}


def describe(value: object) -> str:
    """A found value as the YAML would show it, short, with every odd character escaped."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:77]}…"


def yaml_path(parts: Sequence[str | int]) -> str:
    """('groups', 0, 'pillars', 2) -> 'groups[0].pillars[2]'."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def nfc(text: str) -> str:
    """Text in Unicode's composed form, so that 'ế' typed either way compares equal."""
    return unicodedata.normalize("NFC", text)
