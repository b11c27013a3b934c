"""The one catalogue of words (ranking/words.py, README "Languages"): every key the code and the templates use
is declared in both languages with the same placeholders, no declared key goes unused, and a key is never
built from pieces, so that this scan sees every use (the convention is in the module's docstring)."""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ranking.words import LANGS, WORDS, MissingWord, t

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ranking"
LOOKUPS = frozenset({"t", "w", "h", "words", "self", "stage", "counter", "finish"})
"""The callables whose first argument is a key: t, Words (w, self), the parser's words (h), Progress."""
TEMPLATE_LOOKUP = re.compile(r"\b[tw]\(\s*(['\"])([^'\"]*)\1(?!\s*[~+])")
TEMPLATE_COMPUTED = re.compile(r"\b[tw]\(\s*(['\"])[^'\"]*\1\s*[~+]|\b[tw]\(\s*(['\"])[^'\"]*\{\{")
TEMPLATE_STRING = re.compile(r"(['\"])([A-Za-z0-9_.]+)\1")


@dataclass
class Uses:
    """What a scan found: keys in lookup positions, every string literal, and keys built from pieces."""

    looked_up: set[str] = field(default_factory=set)
    literals: set[str] = field(default_factory=set)
    computed: list[str] = field(default_factory=list)


def _callee(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(
        node.func, ast.Attribute) else ""


def _keys(node: ast.expr, where: str, uses: Uses) -> None:
    """The key literal(s) of a lookup's first argument; an f-string or a `+` is a key built from pieces."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        uses.looked_up.add(node.value)
    elif isinstance(node, ast.IfExp):
        _keys(node.body, where, uses)
        _keys(node.orelse, where, uses)
    elif isinstance(node, ast.JoinedStr | ast.BinOp):
        uses.computed.append(f"{where}:{node.lineno}: {ast.unparse(node)}")


def scan_python(source: str, where: str, uses: Uses) -> None:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "WORDS":
            node.value = ast.Constant(None)  # the declarations themselves are not uses
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            uses.literals.add(node.value)
        elif isinstance(node, ast.Call) and _callee(node) in LOOKUPS and node.args:
            _keys(node.args[0], where, uses)
        elif isinstance(node, ast.Call) and _callee(node) == "Problem":
            reasons = Uses()
            for reason in [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "reason")]:
                _keys(reason, where, reasons)
            uses.looked_up.update("problem." + reason for reason in reasons.looked_up)
            uses.computed.extend(reasons.computed)


def scan_template(text: str, where: str, uses: Uses) -> None:
    uses.looked_up.update(m.group(2) for m in TEMPLATE_LOOKUP.finditer(text))
    uses.literals.update(m.group(2) for m in TEMPLATE_STRING.finditer(text))
    uses.computed.extend(f"{where}: {m.group(0)}" for m in TEMPLATE_COMPUTED.finditer(text))


def scan_package() -> Uses:
    uses = Uses()
    for path in sorted(PACKAGE.glob("*.py")):
        scan_python(path.read_text(encoding="utf-8"), path.name, uses)
    for path in sorted((PACKAGE / "templates").rglob("*.html")):
        scan_template(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)), uses)
    return uses


def used_keys(uses: Uses, catalogue: dict[str, tuple[str, str]] | None = None) -> set[str]:
    """Keys used: looked up, or named by a literal (a table of keys, a Problem's reason); a `.one` form
    with its base key."""
    words = WORDS if catalogue is None else catalogue
    problems = {"problem." + literal for literal in uses.literals}
    named = uses.looked_up | {k for k in words if k in uses.literals or k in problems}
    return named | {f"{k}.one" for k in named if f"{k}.one" in words}


def placeholders(text: str) -> set[str]:
    return {re.split(r"[.\[!:]", name)[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def uses() -> Uses:
    return scan_package()


def test_every_key_used_is_declared_in_both_languages(uses: Uses) -> None:
    assert sorted(uses.looked_up - set(WORDS)) == []
    one_empty = [k for k, pair in WORDS.items() if len(pair) != len(LANGS) or (not all(pair) and any(pair))]
    assert one_empty == []


def test_no_key_is_built_from_pieces(uses: Uses) -> None:
    assert uses.computed == []


def test_no_declared_key_goes_unused(uses: Uses) -> None:
    assert sorted(set(WORDS) - used_keys(uses)) == []


def test_both_languages_take_the_same_placeholders() -> None:
    differ = {k: (placeholders(vi), placeholders(en)) for k, (vi, en) in WORDS.items()
              if placeholders(vi) != placeholders(en)}
    assert differ == {}


def test_the_scan_finds_a_missing_key_a_built_key_and_an_unused_one() -> None:
    """The scan the tests above rely on sees what they check: it cannot pass by finding nothing."""
    uses = Uses()
    scan_python('w("report.page")\nt(f"diff.status.{s}", lang)\nProblem(f, "file_missing" if a else "not_utf8")\n'
                'x = {"ok": "diff.status.ok"}\nt("no.such.key", lang)\nw("a" if c else "b")\n', "x.py", uses)
    scan_template("{{ w('site.nav') }} {{ t('report.' ~ x) }} {{ w(\"diff.none\") }}", "x.html", uses)
    assert uses.looked_up == {"report.page", "problem.file_missing", "problem.not_utf8", "no.such.key", "a", "b",
                              "site.nav", "diff.none"}
    assert uses.computed == ["x.py:2: f'diff.status.{s}'", "x.html: t('report.' ~"]
    catalogue = {"report.page": ("Trang", "Page"), "diff.status.ok": ("có", "ok"), "collect.rows": ("", ""),
                 "collect.rows.one": ("", ""), "problem.file_missing": ("", ""), "site.skip": ("", "")}
    assert set(catalogue) - used_keys(uses, catalogue) == {"collect.rows", "collect.rows.one", "site.skip"}
    assert placeholders("{n} trong {total!r} ({x:.2f})") == {"n", "total", "x"}


def test_a_missing_key_raises_and_is_never_printed() -> None:
    with pytest.raises(MissingWord, match=r"no words for the key 'report\.nope' in ranking/words\.py"):
        t("report.nope", "vi")


def test_a_count_of_one_takes_the_singular() -> None:
    assert t("collect.rows", "en", n=1) == "1 row"
    assert t("collect.rows", "en", n=2) == "2 rows"
    assert t("collect.rows", "vi", n=1) == "1 dòng"
    assert t("collect.rows", "en", n="1") == "1 row"  # a count already written by Words.count
    assert t("collect.rows", "en", n="1,000") == "1,000 rows"
    assert t("help.positive", "vi", found="'0'") == "cần một số nguyên từ 1 trở lên, gặp '0'"
