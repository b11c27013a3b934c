"""The words of one language and its number formatter: `Words` reads the catalogue (ranking/words.py) and
writes every number a person reads; the rules and measurements in plain words."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ranking.criteria import (
    Best,
    Choice,
    Composite,
    Council,
    Count,
    Deadline,
    Indicator,
    MinMax,
    Node,
    Penalty,
    Ratio,
    Rule,
    Tiers,
    YesNo,
)
from ranking.syntax import NUMBER
from ranking.words import Lang
from ranking.words import t as t  # re-exported: `from ranking.i18n import Words, t` is how dti reads words

MINUS = "\u2212"  # a real minus sign, not the hyphen
NBSP = "\u00a0"  # keeps "65,3 %" and "1.000 điểm" on one line
SEPARATORS: Mapping[Lang, tuple[str, str]] = {"vi": (".", ","), "en": (",", ".")}
"""(thousands, decimal) marks: Vietnamese writes 1.000 and 0,85, English 1,000 and 0.85."""


@dataclass(frozen=True)
class Words:
    """One language for people: its words from the catalogue, and THE number formatter of that language (every
    number a person reads — PDFs, console, `dti diff`, forms — is written by `num` and the helpers built on it)."""

    lang: Lang

    def __call__(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def num(self, value: float | None, decimals: int = 4, fixed: bool = True, sign: bool = False) -> str:
        """`decimals` places (trailing zeros dropped unless `fixed`), grouped thousands, the language's
        decimal mark and a real minus; `sign` writes + before a positive value; '—' for none."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        text = f"{abs(value):,.{decimals}f}"
        if not fixed and "." in text:
            text = text.rstrip("0").rstrip(".")
        zero = text.strip("0.,") == ""
        thousands, decimal = SEPARATORS[self.lang]
        text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
        if zero:
            return text
        return (MINUS if value < 0 else "+" if sign else "") + text

    def count(self, value: int) -> str:
        """A whole number: 10.000 (vi), 10,000 (en)."""
        return self.num(value, 0)

    def points(self, value: float | None) -> str:
        return self.num(value, 2, fixed=False)

    def share(self, value: float, decimals: int = 1) -> str:
        """A fraction as a percentage: 65,3 % (vi, with a space) or 65.3% (en)."""
        text = self.num(value * 100, decimals, fixed=False)
        return f"{text}{NBSP}%" if self.lang == "vi" else f"{text}%"

    def value(self, text: str) -> str:
        """A value as entered (CSV text, '.' decimals): numbers, percentages and 'a/b' in the language's style,
        anything else (yes/no, a choice) as it is."""
        parts = text.split("/")
        if len(parts) == 2 and all(NUMBER.match(p.strip()) for p in parts):
            return "/".join(self.num(float(p), 6, fixed=False) for p in parts)
        if text.endswith("%") and NUMBER.match(text[:-1].strip()):
            return self.share(float(text[:-1]) / 100, 6)
        return self.num(float(text), 6, fixed=False) if NUMBER.match(text) else text

    def span(self, low: int, high: int) -> str:
        """Where a unit ranks in 90 % of the robustness recomputations, as the verb of a sentence: 'xếp từ
        hạng 3 đến hạng 7', or 'giữ hạng 1' when the interval is one rank (not 'từ hạng 1 đến hạng 1')."""
        return self("rank.span.one" if low == high else "rank.span", low=low, high=high)

    def rank(self, value: int | None, tied: bool = False) -> str:
        """A competition rank, '15=' where it is shared; '—' for none."""
        return "—" if value is None else f"{value}=" if tied else str(value)


def describe_rule(rule: Rule, points: float, w: Words) -> str:
    """The scoring rule in plain words: the methodology prints it, and every form beside its input cell."""
    p = w.points(points)
    match rule:
        case YesNo():
            return w("rule.yes_no", points=p)
        case Ratio(target=target, threshold=threshold):
            text = w("rule.ratio", points=p, target=w.share(target))
            return f"{text} {w('rule.threshold', threshold=w.share(threshold))}" if threshold > 0 else text
        case Tiers(levels=levels, better=better, whole=whole):
            key = "rule.tier_higher" if better == "higher" else "rule.tier_lower"
            ordered = sorted(levels, reverse=better == "higher")
            text = "; ".join(w(key, x=w.points(x), p=w.points(pts)) for x, pts in ordered)
            text = w("rule.tiers" if better == "higher" else "rule.tiers_lower", levels=text)
            return f"{text} {w('rule.whole')}" if whole else text
        case Choice(shares=shares):
            text = "; ".join(w("rule.share", label=label, p=w.points(points * s)) if s >= 0
                             else w("rule.share_minus", label=label, p=w.points(-points * s)) for label, s in shares)
            return w("rule.choice", shares=text)
        case Best(better=better):
            return w("rule.best_higher" if better == "higher" else "rule.best_lower", points=p)
        case MinMax(better=better):
            return w("rule.minmax_higher" if better == "higher" else "rule.minmax_lower", points=p)
        case Count(per_item=per_item):
            return w("rule.count", per_item=w.points(per_item), points=p)
        case Council():
            return w("rule.council", points=p)
        case Deadline(steps=steps):
            text = "; ".join(w("rule.deadline_step", day=day_text(day, w), p=w.points(points * share))
                             for day, share in steps)
            return w("rule.deadline", steps=text, last=day_text(steps[-1][0], w))
        case Penalty(per_item=per_item):
            if per_item is None:
                return w("rule.penalty", points=p)
            return w("rule.penalty_count", per_item=w.points(per_item), points=p)
    raise AssertionError(rule)  # pragma: no cover - the union is exhaustive


def describe_node(node: Node, w: Words) -> str:
    """How an indicator or a composite is scored, in plain words, for the methodology: its rule, then whether
    it is scored, needs evidence, deducts from its group; a composite's sum or best-of and its cap."""
    if isinstance(node, Composite):
        text = w("rule.combine_max" if node.combine == "max" else "rule.sum")
        return f"{text} {w('rule.cap', cap=w.points(node.cap))}" if node.cap is not None else text
    if not node.scored:
        return w("rule.unscored")
    parts = [describe_rule(node.rule, node.points, w)]
    if node.evidence_required:
        parts.append(w("rule.evidence_required"))
    if node.deducts:
        parts.append(w("rule.deducts_from"))
    return " ".join(parts)


def shown_points(node: Node) -> float | None:
    """The points a methodology or a form shows beside an indicator: its maximum, minus the points of a
    deduction, none for an unscored indicator."""
    if isinstance(node, Composite):
        return node.maximum
    if not node.scored:
        return None
    return -node.points if isinstance(node.rule, Penalty) else node.points


def day_text(day: date | str, w: Words) -> str:
    """A day (a date, or as YYYY-MM-DD text) as the reader writes it: 31/3/2025 (vi), 2025-03-31 (en)."""
    iso = day if isinstance(day, str) else day.isoformat()
    year, month, dd = iso.split("-")
    return f"{int(dd)}/{int(month)}/{year}" if w.lang == "vi" else iso


def measurement_note(system: str, measured_at: str, w: Words) -> str:
    """Where a measured value comes from, for forms and breakdowns: 'đo tự động từ <system>, ngày …'."""
    if not measured_at:
        return w("measured.none", system=system or "—")
    return w("measured.from", system=system or "—", date=day_text(measured_at, w))


ENTRY: Mapping[type[Rule], str] = {
    YesNo: "rule.entry.yes_no", Ratio: "rule.entry.ratio", Tiers: "rule.entry.tiers", Choice: "rule.entry.choice",
    Best: "rule.entry.best", MinMax: "rule.entry.minmax", Count: "rule.entry.count", Council: "rule.entry.council",
    Deadline: "rule.entry.deadline", Penalty: "rule.entry.penalty",
}
"""What a form asks a unit to enter, for each kind of rule."""


def _entry(rule: Rule, w: Words) -> str:
    """What a unit enters for a rule (a deduction by count asks for a count)."""
    if isinstance(rule, Penalty) and rule.per_item is not None:
        return w("rule.entry.penalty_count")
    return w(ENTRY[type(rule)])


def entry_and_rule(rule: Rule, points: float, w: Words) -> str:
    """What to enter, then how it scores: the text of a form's rule column."""
    return f"{_entry(rule, w)} {describe_rule(rule, points, w)}"


def entry_and_node(indicator: Indicator, w: Words) -> str:
    """A form's rule column for an indicator: what to enter and how it scores (a deduction, an indicator that
    needs evidence and an unscored one say so)."""
    if not indicator.scored:
        return f"{w('rule.entry.unscored')} {_entry(indicator.rule, w)}"
    return f"{_entry(indicator.rule, w)} {describe_node(indicator, w)}"
