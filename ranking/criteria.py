"""Stage 1 — the criteria: a YAML edition of the index read into a frozen tree of groups, pillars and
indicators with their scoring rules. The spec is pure data; `scoring` is the engine that runs it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ranking.errors import CriteriaError, Problem
from ranking.syntax import RULES, Combine, combined
from ranking.yamlread import read_yaml

if TYPE_CHECKING:
    from ranking.schema import CriteriaSpec, GroupSpec, PillarSpec, RuleSpec
    from ranking.schema import Node as NodeSpec

Better = Literal["higher", "lower"]
Source = Literal["self", "measured", "tasks"]


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
RULE_NAMES: Mapping[str, type] = dict(zip(RULES, (YesNo, Ratio, Tiers, Choice, Best, MinMax, Count, Council,
                                                  Deadline, Penalty), strict=True))


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
    late: float = 0.0
    """For `source: tasks`: the share of credit of a task done after its deadline but within the period."""
    plan: str = ""
    """For `source: tasks`: only the tasks of this plan count ('' for every plan)."""

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
class Period:
    """The days (both ends included) whose task deadlines a `source: tasks` indicator counts."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


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
    period: Period | None = None
    """`period:` of the criteria file; None: the edition's calendar year (see `tasks_period`)."""

    def tasks_period(self) -> Period:
        """The period whose task deadlines count: the declared one, else the edition's calendar year."""
        return self.period or Period(date(self.edition, 1, 1), date(self.edition, 12, 31))

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


# --- building the public tree from the validated spec ---------------------------------------------------
def _rule(spec: RuleSpec) -> Rule:
    """The rule of a validated spec (schema is imported lazily, see load_criteria)."""
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
                         spec.evidence_required,
                         float(spec.late or 0.0), spec.plan or "")

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
            period=Period(date.fromisoformat(spec.period.start), date.fromisoformat(spec.period.end))
            if spec.period else None,
        )


def load_criteria(path: str | Path) -> Criteria:
    """Read and check a criteria file; raise CriteriaError listing every problem with its line and YAML path.
    The file is read as plain data (ranking.yamlread), then checked against the one declaration of the format
    (ranking.schema, imported here: pydantic costs a quarter of a second) and built into the frozen tree."""
    from ranking import schema

    document = read_yaml(path)
    spec, found = schema.check(document.data)
    if spec is None:
        problems = [Problem(document.file, reason, params, line=document.line(where), path=where or "/")
                    for where, reason, params in found]
        raise CriteriaError(sorted(problems, key=lambda p: p.line or 0))  # in file order, as an officer reads
    return _Build(document.lines).criteria(spec, document.file, document.sha256)
