"""Stage 1 — the criteria: a YAML edition of the index read into a frozen tree of groups, pillars and
indicators with their scoring rules. The spec is pure data; `scoring` is the engine that runs it."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml

from ranking.errors import CONTROL_RANGES, CriteriaError, Problem, Problems

if TYPE_CHECKING:
    from ranking.schema import CriteriaSpec, GroupSpec, PillarSpec, RuleSpec
    from ranking.schema import Node as NodeSpec

Better = Literal["higher", "lower"]
Source = Literal["self", "measured"]
Combine = Literal["sum", "max"]


# --- the rules (parameters only; scoring.py holds their kernels) -------------------------------------
@dataclass(frozen=True)
class YesNo:
    """Full points for yes, none for no."""


@dataclass(frozen=True)
class Ratio:
    """points × min(fraction / target, 1), and 0 below `threshold`; the fraction may come as a count over a
    denominator."""

    target: float = 1.0
    threshold: float = 0.0


@dataclass(frozen=True)
class Tiers:
    """The points of the tier the value reaches; `levels` are sorted by threshold."""

    levels: tuple[tuple[float, float], ...]
    better: Better = "higher"
    whole: bool = False
    """A fractional value is refused (a number of meetings, of systems)."""


@dataclass(frozen=True)
class Choice:
    """points × the share of the chosen label (labels NFC-normalised); a negative share deducts."""

    shares: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Best:
    """Relative to the best applicable unit of the group."""

    better: Better = "higher"


@dataclass(frozen=True)
class MinMax:
    """Min–max scaling across the applicable units of the group."""

    better: Better = "higher"


@dataclass(frozen=True)
class Count:
    """min(points, count × per_item)."""

    per_item: float = 1.0


@dataclass(frozen=True)
class Council:
    """Points awarded by the appraisal council, 0 ≤ v ≤ points."""


@dataclass(frozen=True)
class Deadline:
    """points × the share of the earliest deadline on or after the day it was done; later, or not done, 0.
    `steps` are (YYYY-MM-DD, share), sorted by date."""

    steps: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Penalty:
    """A deduction (điểm trừ): −points for yes; with `per_item`, −min(points, n × per_item) for a count n."""

    per_item: float | None = None


Rule = YesNo | Ratio | Tiers | Choice | Best | MinMax | Count | Council | Deadline | Penalty
RULE_NAMES: Mapping[str, type] = {
    "yes_no": YesNo, "ratio": Ratio, "tiers": Tiers, "choice": Choice,
    "best": Best, "minmax": MinMax, "count": Count, "council": Council,
    "deadline": Deadline, "penalty": Penalty,
}


def rule_name(rule: Rule) -> str:
    return next(name for name, cls in RULE_NAMES.items() if isinstance(rule, cls))


# --- the tree -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    """A scored leaf. `applies_to` is None for every unit of the group, else unit ids or tags."""

    id: str
    title: str
    points: float
    rule: Rule
    pillar: str
    evidence: str = ""
    applies_to: frozenset[str] | None = None
    parent: str | None = None
    source: Source = "self"
    system: str = ""
    line: int = field(default=0, compare=False)
    path: str = field(default="", compare=False)
    scored: bool = True
    """False: the value is collected and shown, never scored (status `unscored`)."""
    evidence_required: bool = False
    """A self-assessed value without evidence scores 0 (status `no_evidence`); a council value stands."""

    def applies(self, unit_id: str, tags: frozenset[str]) -> bool:
        return self.applies_to is None or unit_id in self.applies_to or bool(self.applies_to & tags)

    @property
    def deducts(self) -> bool:
        """Whether the indicator can take points away from its parent (a penalty, a negative choice)."""
        return self.scored and (isinstance(self.rule, Penalty)
                                or (isinstance(self.rule, Choice) and any(s < 0 for _, s in self.rule.shares)))

    @property
    def maximum(self) -> float:
        """What the indicator adds to its parent's maximum: nothing for a deduction or an unscored indicator,
        nor for a choice whose shares are all ≤ 0 (only positive shares count toward the maximum)."""
        if not self.scored or isinstance(self.rule, Penalty):
            return 0.0
        if isinstance(self.rule, Choice) and all(s <= 0 for _, s in self.rule.shares):
            return 0.0
        return self.points


def combined(combine: Combine, cap: float | None, maxima: Sequence[float]) -> float:
    """A composite's maximum from its children's: the sum, or the best of them, then the cap."""
    total = max(maxima, default=0.0) if combine == "max" else math.fsum(maxima)
    return total if cap is None else min(total, cap)


@dataclass(frozen=True)
class Composite:
    """An indicator made of others: its points are the sum of its children's (never below 0), or the best
    of them (`combine: max`), at most `cap`."""

    id: str
    title: str
    children: tuple[Node, ...]
    line: int = field(default=0, compare=False)
    path: str = field(default="", compare=False)
    combine: Combine = "sum"
    cap: float | None = None

    @property
    def points(self) -> float:
        """Its maximum."""
        return self.maximum

    @property
    def maximum(self) -> float:
        return combined(self.combine, self.cap, [c.maximum for c in self.children])

    def leaves(self) -> Iterator[Indicator]:
        for child in self.children:
            if isinstance(child, Indicator):
                yield child
            else:
                yield from child.leaves()


Node = Indicator | Composite


@dataclass(frozen=True)
class Pillar:
    id: str
    title: str
    children: tuple[Node, ...]
    line: int = field(default=0, compare=False)
    path: str = field(default="", compare=False)

    @property
    def points(self) -> float:
        """Its maximum: the sum of its children's."""
        return combined("sum", None, [c.maximum for c in self.children])

    def leaves(self) -> Iterator[Indicator]:
        for child in self.children:
            if isinstance(child, Indicator):
                yield child
            else:
                yield from child.leaves()


@dataclass(frozen=True)
class Band:
    min: float
    label: str


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    pillars: tuple[Pillar, ...]
    line: int = field(default=0, compare=False)
    path: str = field(default="", compare=False)
    bands: tuple[Band, ...] | None = None
    """The group's own bands, in place of the file's (None: the file's)."""

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(leaf for p in self.pillars for leaf in p.leaves())

    def nodes(self) -> Iterator[Node]:
        """Every indicator, composite ones too, in file order."""

        def walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
            for n in nodes:
                yield n
                if isinstance(n, Composite):
                    yield from walk(n.children)

        for p in self.pillars:
            yield from walk(p.children)


@dataclass(frozen=True)
class RobustnessSpec:
    """Monte Carlo settings: Dirichlet concentration around the published pillar weights."""

    concentration: float = 100.0
    draws: int = 10_000
    seed: int = 0
    leave_one_out: bool = False


@dataclass(frozen=True)
class Criteria:
    id: str
    title: str
    edition: int
    operator: str
    scale: float
    decimals: int
    bands: tuple[Band, ...]
    groups: tuple[Group, ...]
    robustness: RobustnessSpec
    source: str
    sha256: str
    objections_until: str = ""
    """The last day (YYYY-MM-DD) objections to the draft are received; '' when the criteria set none."""

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def bands_of(self, group: str) -> tuple[Band, ...]:
        """The bands that classify a group's units: its own where it has them, else the file's."""
        own = self.group(group).bands
        return self.bands if own is None else own

    def band(self, index: float, group: str | None = None) -> str:
        """The label of the highest band whose minimum the index reaches ('' without bands): the group's own
        bands where it has them, else the file's."""
        bands = self.bands if group is None else self.bands_of(group)
        return next((b.label for b in bands if index >= b.min * self.scale - 1e-12), "")


# --- the formats and limits (README, "Limits") ---------------------------------------------------------
MAX_BYTES = 1_000_000  # a criteria file; the bundled ones are 18–24 kB
MAX_YAML_DEPTH = 32  # nested lists and mappings; the format needs 22 with composites 6 deep
MAX_COMPOSITE_DEPTH = 6  # composites under a pillar
MAX_NUMBER_CHARS = 4000  # a number written with more characters is refused before it is converted
MAX_READER_PROBLEMS = 50  # the YAML-level problems listed before the listing stops

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
_BREAK = re.compile(r"\r\n|\r|\n")


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
    return unicodedata.normalize("NFC", text)


# --- reading the YAML: plain data only, checked on the event stream --------------------------------------
class _Refused(Exception):
    """Stop reading: a limit is reached (the problems say which)."""


class _Frame:
    """An open list or mapping while the events are read."""

    def __init__(self, value: dict[str, object] | list[object], path: str) -> None:
        self.value = value
        self.path = path
        self.key: str | None = None  # a mapping's key waiting for its value
        self.skip = False  # that key was a duplicate: its value is dropped


class _YamlReader:
    """Builds plain data from the parser's events, iteratively: no alias is expanded, no tag constructed, no
    recursion, so an alias bomb or a 50,000-deep nesting costs one pass over the events and stops early.
    Notes the line of every YAML path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems = Problems(MAX_READER_PROBLEMS)
        self.lines: dict[str, int] = {}
        self._resolver = yaml.resolver.Resolver()
        self._constructor = yaml.constructor.SafeConstructor()

    def add(self, reason: str, line: int | None, path: str | None = None, at: int | None = None,
            **params: object) -> None:
        """Note a problem (`at`: its column); past the cap, stop reading: the rest is counted, not listed."""
        full = self.problems.full
        self.problems.add(Problem(self.file, reason, params, line=line, path=path or None,
                                  column=None if at is None else str(at)))
        if full:
            raise _Refused

    def read(self, text: str) -> object:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        stack: list[_Frame] = []
        root: list[object] = []
        documents = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                line = event.start_mark.line + 1 if event.start_mark else 0
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.add("yaml_documents", line)
                        raise _Refused
                elif isinstance(event, yaml.CollectionEndEvent):
                    done = stack.pop()
                    self._put(stack, root, done.value, line)
                elif isinstance(event, yaml.NodeEvent):
                    self._node(event, line, stack, root)
        except _Refused:
            return None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            where: int | None = mark.line + 1 if mark else None
            if "nesting depth" in detail:  # libyaml's own limit (1,000 flow levels), met while scanning ahead
                self.problems.add(Problem(self.file, "yaml_too_deep", {"accepted": MAX_YAML_DEPTH}, line=where))
            else:
                self.problems.add(Problem(self.file, "yaml_syntax", {"detail": detail}, line=where))
            return None
        return root[0] if root else None

    def _slot(self, stack: list[_Frame]) -> tuple[str, bool]:
        """The path of the next node, and whether it is a mapping's key."""
        if not stack:
            return "", False
        top = stack[-1]
        if isinstance(top.value, list):
            return f"{top.path}[{len(top.value)}]", False
        if top.key is None:
            return top.path, True
        return f"{top.path}.{top.key}" if top.path else top.key, False

    def _node(self, event: yaml.NodeEvent, line: int, stack: list[_Frame], root: list[object]) -> None:
        path, is_key = self._slot(stack)
        if isinstance(event, yaml.AliasEvent):
            self.add("yaml_alias", line, path, found=event.anchor)
            self._put(stack, root, None, line)
            return
        if event.anchor is not None:
            self.add("yaml_anchor", line, path, found=event.anchor)
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            self.add("yaml_tag", line, path, found=tag.replace("tag:yaml.org,2002:", "!!"))
        if isinstance(event, yaml.ScalarEvent):
            self._put(stack, root, self._scalar(event, line, path, tag is not None), line)
            return
        if is_key:
            self.add("yaml_complex_key", line, path)
        if len(stack) >= MAX_YAML_DEPTH:
            self.add("yaml_too_deep", line, path, accepted=MAX_YAML_DEPTH)
            raise _Refused
        if not is_key:
            self.lines[path] = line
        value: dict[str, object] | list[object] = {} if isinstance(event, yaml.MappingStartEvent) else []
        stack.append(_Frame(value, path if not is_key else f"{path}.?"))

    def _scalar(self, event: yaml.ScalarEvent, line: int, path: str, tagged: bool) -> object:
        """The plain value of a scalar: null, a boolean, an int, a float or text (dates stay text)."""
        text = event.value
        bad = control_problem(text)
        if bad is not None:
            self.add("control_char", line, path, found=bad["found"], offset=bad["offset"])
            return "?"
        resolved: str = self._resolver.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
        kind = "str" if tagged else resolved.rsplit(":", 1)[-1]
        if kind in ("int", "float") and len(text) > MAX_NUMBER_CHARS:
            self.add("number_too_long", line, path, found=len(text), accepted=MAX_NUMBER_CHARS)
            return None
        node = yaml.ScalarNode(f"tag:yaml.org,2002:{kind}", text)
        if kind == "null":
            return None
        if kind == "bool":
            return self._constructor.construct_yaml_bool(node)
        if kind == "int":
            return self._constructor.construct_yaml_int(node)
        if kind == "float":
            return self._constructor.construct_yaml_float(node)
        return nfc(text)

    def _put(self, stack: list[_Frame], root: list[object], value: object, line: int) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if isinstance(top.value, list):
            self.lines.setdefault(f"{top.path}[{len(top.value)}]", line)
            top.value.append(value)
        elif top.key is None:  # a key
            if not isinstance(value, str):
                if not isinstance(value, dict | list):
                    self.add("key_not_text", line, top.path, found=describe(value))
                value = "?"
            top.skip = value in top.value and value != "?"
            if top.skip:
                self.add("yaml_duplicate_key", line, top.path or "/", found=value)
            top.key = value
        else:
            path = f"{top.path}.{top.key}" if top.path else top.key
            self.lines.setdefault(path, line)
            if not top.skip:
                top.value[top.key] = value
            top.key = None


def _line_of(text: str, position: int) -> int:
    return len(_BREAK.findall(text, 0, position)) + 1


def _decode(raw: bytes, file: str) -> str:
    """The text of a UTF-8 file (a BOM is dropped), or a CriteriaError naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8-sig")
        column = len(before) - max(before.rfind("\n"), before.rfind("\r"))
        raise CriteriaError([Problem(file, "criteria_not_utf8", {"found": f"0x{raw[exc.start]:02x}",
                                                                  "column": column},
                                     line=_line_of(before, len(before)))]) from None


def _read_bytes(path: str | Path, file: str) -> bytes:
    """The file's bytes, at most MAX_BYTES (a larger file, or a device that never ends, is refused)."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise CriteriaError([Problem(file, "file_missing")]) from None
    except OSError as exc:
        raise CriteriaError([Problem(file, "file_unreadable", {"detail": exc.strerror})]) from None
    if len(raw) > MAX_BYTES:
        raise CriteriaError([Problem(file, "criteria_too_large", {"accepted": f"{MAX_BYTES:,}"})])
    return raw


def _line(lines: Mapping[str, int], path: str) -> int | None:
    """The line of a YAML path, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return lines.get("", 1)


# --- building the public tree from the validated spec ---------------------------------------------------
def _rule(spec: RuleSpec) -> Rule:
    from ranking import schema

    if isinstance(spec, str):
        return RULE_NAMES[spec]()  # type: ignore[no-any-return]
    if isinstance(spec, schema.TiersRule):
        return Tiers(tuple(sorted((float(x), float(p)) for x, p in spec.tiers)), spec.better, spec.whole)
    if isinstance(spec, schema.ChoiceRule):
        return Choice(tuple((label, float(share)) for label, share in spec.choice.items()))
    if isinstance(spec, schema.RatioRule):
        return Ratio(float(spec.ratio.target), float(spec.ratio.threshold)) if spec.ratio else Ratio()
    if isinstance(spec, schema.CountRule):
        return Count(float(spec.count.per_item) if spec.count else 1.0)
    if isinstance(spec, schema.BestRule):
        return Best(spec.best.better if spec.best else "higher")
    if isinstance(spec, schema.MinMaxRule):
        return MinMax(spec.minmax.better if spec.minmax else "higher")
    if isinstance(spec, schema.DeadlineRule):
        return Deadline(tuple(sorted((day, float(share)) for day, share in spec.deadline)))
    if isinstance(spec, schema.PenaltyRule):
        return Penalty(float(spec.penalty.per_item) if spec.penalty else None)
    return YesNo() if isinstance(spec, schema.YesNoRule) else Council()


class _Build:
    def __init__(self, lines: Mapping[str, int]) -> None:
        self.lines = lines

    def node(self, spec: NodeSpec, path: str, pillar: str, parent: str | None,
             inherited: frozenset[str] | None) -> Node:
        applies_to = frozenset(spec.applies_to) if spec.applies_to is not None else inherited
        line = self.lines.get(path, 0)
        if spec.indicators is not None:
            children = tuple(self.node(c, f"{path}.indicators[{i}]", pillar, spec.id, applies_to)
                             for i, c in enumerate(spec.indicators))
            return Composite(spec.id, spec.title, children, line, path, spec.combine or "sum",
                             None if spec.cap is None else float(spec.cap))
        assert spec.rule is not None  # the schema checked it (and `points` unless unscored)
        return Indicator(spec.id, spec.title, float(spec.points or 0), _rule(spec.rule), pillar, spec.evidence or "",
                         applies_to, parent, spec.source, spec.system or "", line, path, spec.scored,
                         spec.evidence_required)

    def pillar(self, spec: PillarSpec, path: str) -> Pillar:
        applies_to = frozenset(spec.applies_to) if spec.applies_to is not None else None
        children = tuple(self.node(c, f"{path}.indicators[{i}]", spec.id, None, applies_to)
                         for i, c in enumerate(spec.indicators))
        return Pillar(spec.id, spec.title, children, self.lines.get(path, 0), path)

    def group(self, spec: GroupSpec, path: str) -> Group:
        pillars = tuple(self.pillar(p, f"{path}.pillars[{i}]") for i, p in enumerate(spec.pillars))
        bands = None if spec.bands is None else tuple(Band(float(b.min), b.label) for b in spec.bands)
        return Group(spec.id, spec.title, pillars, self.lines.get(path, 0), path, bands)

    def criteria(self, spec: CriteriaSpec, file: str, sha256: str) -> Criteria:
        r = spec.robustness
        return Criteria(
            id=spec.id, title=spec.title, edition=spec.edition, operator=spec.operator or "",
            scale=float(spec.scale), decimals=spec.decimals,
            bands=tuple(Band(float(b.min), b.label) for b in spec.bands or []),
            groups=tuple(self.group(g, f"groups[{i}]") for i, g in enumerate(spec.groups)),
            robustness=RobustnessSpec(float(r.concentration), r.draws, r.seed, r.leave_one_out) if r
            else RobustnessSpec(),
            source=file, sha256=sha256, objections_until=spec.objections_until or "",
        )


def load_criteria(path: str | Path) -> Criteria:
    """Read and check a criteria file; raise CriteriaError listing every problem with its line and YAML path.
    The file is read as plain data (no alias, tag or complex key; bounded size and depth), then checked
    against the one declaration of the format (ranking.schema) and built into the frozen tree."""
    from ranking import schema

    file = str(path)
    raw = _read_bytes(path, file)
    text = _decode(raw, file)
    reader = _YamlReader(file)
    for match in CONTROL.finditer(text):
        column = match.start() - max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start()))
        try:
            reader.add("control_char", _line_of(text, match.start()), None, at=column,
                       found=f"U+{ord(match.group()):04X}", offset=column)
        except _Refused:
            break
    data = reader.read(text) if not reader.problems.errors else None
    if reader.problems.errors:
        raise CriteriaError(reader.problems.errors)
    spec, found = schema.check(data)
    if spec is None:
        problems = [Problem(file, reason, params, line=_line(reader.lines, where), path=where or "/")
                    for where, reason, params in found]
        raise CriteriaError(sorted(problems, key=lambda p: p.line or 0))  # in file order, as an officer reads
    return _Build(reader.lines).criteria(spec, file, hashlib.sha256(raw).hexdigest())
