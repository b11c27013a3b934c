"""The criteria format, declared once: pydantic models give every field its type and range, check a
YAML document's plain data, and generate the JSON Schema that editors use (`dti schema`). Imported
lazily by `criteria.load_criteria`: pydantic takes a quarter of a second of CPU to import. It knows nothing
of the tree the criteria are built into (ranking.criteria), only the syntax (ranking.syntax)."""

from __future__ import annotations

import datetime
import json
import math
import re
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import annotated_types
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ranking.syntax import (
    RULES,
    TEXT_PATTERN,
    Combine,
    combined,
    describe,
    id_params,
    id_pattern,
    id_problem,
    yaml_path,
)

MAX_COMPOSITE_DEPTH = 6  # composites under a pillar (README, "Limits")


# --- the field types ----------------------------------------------------------------------------------
def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("not_text", "blank text", {"found": describe(value)})
    return value.strip()


def _check_id(value: str) -> str:
    reason = id_problem(value)
    if reason is not None:
        raise PydanticCustomError(reason, "bad id", id_params(value))
    return value


# Free text: not blank, bounded, no control characters (the reader refuses them; the pattern tells editors).
_PLAIN = {"pattern": TEXT_PATTERN}
Title = Annotated[str, Strict(), AfterValidator(_not_blank),
                  Field(min_length=1, max_length=500, json_schema_extra=_PLAIN, description="text for people")]
Evidence = Annotated[str, Strict(), AfterValidator(_not_blank),
                     Field(min_length=1, max_length=1000, json_schema_extra=_PLAIN,
                           description="the evidence a unit attaches")]
Label = Annotated[str, Strict(), AfterValidator(_not_blank),
                  Field(min_length=1, max_length=200, json_schema_extra=_PLAIN, description="a label")]
System = Annotated[str, Strict(), AfterValidator(_not_blank),
                   Field(min_length=1, max_length=200, json_schema_extra=_PLAIN,
                         description="the system a measured value comes from")]
Id = Annotated[str, Strict(), AfterValidator(_check_id),
               Field(description="1–80 characters A–Z a–z 0–9 . _ -, starting with a letter or digit, not ending "
                                 "in '.', not a reserved Windows name (con, nul, aux, com1, lpt1…)",
                     json_schema_extra={"pattern": id_pattern()})]

# Numbers: finite and within their documented range (README, "Limits").
_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")


def _percent(value: object) -> object:
    """'30%' is 0.3 (a threshold or a target written as people write it); anything else as it is."""
    if isinstance(value, str) and (match := _PERCENT.match(value)):
        return float(match.group(1)) / 100
    return value


def _or_percent(low: str, high: str, description: str) -> WithJsonSchema:
    """The JSON Schema of a fraction that may be written as a number or as 'NN%'."""
    return WithJsonSchema({"anyOf": [{"type": "number", low: 0, "maximum": 1},
                                     {"type": "string", "pattern": _PERCENT.pattern}], "description": description})


Points = Annotated[float, Strict(), Field(gt=0, le=10_000, allow_inf_nan=False, description="points, 0 < p ≤ 10,000")]
TierPoints = Annotated[float, Strict(), Field(ge=0, le=10_000, allow_inf_nan=False,
                                              description="points of a tier, 0 ≤ p ≤ 10,000")]
Threshold = Annotated[float, Strict(), Field(ge=-1e12, le=1e12, allow_inf_nan=False), BeforeValidator(_percent),
                      WithJsonSchema({"anyOf": [{"type": "number", "minimum": -1e12, "maximum": 1e12},
                                                {"type": "string", "pattern": _PERCENT.pattern}],
                                      "description": "a tier's threshold, −10¹² ≤ x ≤ 10¹² (or 'NN%')"})]
Share = Annotated[float, Strict(), Field(ge=0, le=1, allow_inf_nan=False, description="a share of the points, 0–1")]
SignedShare = Annotated[float, Strict(), Field(ge=-1, le=1, allow_inf_nan=False,
                                               description="a share of the points, −1–1 (a negative share deducts)")]
Target = Annotated[float, Strict(), Field(gt=0, le=1, allow_inf_nan=False), BeforeValidator(_percent),
                   _or_percent("exclusiveMinimum", "maximum", "the fraction that earns full points, 0 < t ≤ 1 "
                                                              "(or 'NN%')")]
RatioThreshold = Annotated[float, Strict(), Field(ge=0, le=1, allow_inf_nan=False), BeforeValidator(_percent),
                           _or_percent("minimum", "maximum", "below this fraction the indicator scores 0, "
                                                             "0 ≤ m ≤ target (or 'NN%')")]
PerItem = Annotated[float, Strict(), Field(gt=0, le=10_000, allow_inf_nan=False,
                                           description="points per item, 0 < k ≤ 10,000")]
BandMin = Annotated[float, Strict(), Field(ge=0, le=1, allow_inf_nan=False,
                                           description="the lowest index of the band on the 0–1 scale, 0–1")]
Concentration = Annotated[float, Strict(), Field(ge=1, le=1_000_000, allow_inf_nan=False,
                                                 description="Dirichlet concentration around the published weights, "
                                                             "1–1,000,000")]
Draws = Annotated[int, Strict(), Field(ge=100, le=100_000, description="Monte Carlo draws, 100–100,000")]
Seed = Annotated[int, Strict(), Field(ge=0, le=2**32 - 1, description="random seed, 0–4,294,967,295")]
Edition = Annotated[int, Strict(), Field(ge=1900, le=2200, description="the year of the edition, 1900–2200")]
Scale = Annotated[float, Strict(), Field(gt=0, le=1000, allow_inf_nan=False,
                                         description="index = points / max points × scale, 0 < s ≤ 1000")]
Decimals = Annotated[int, Strict(), Field(ge=0, le=8, description="decimals shown, 0–8")]


Better = Literal["higher", "lower"]
Flag = Annotated[bool, Strict()]


def _tier_shape(value: object) -> object:
    if not (isinstance(value, list) and len(value) == 2):
        raise PydanticCustomError("tier_shape", "bad tier", {"found": describe(value)})
    return value


Tier = Annotated[tuple[Threshold, TierPoints], BeforeValidator(_tier_shape)]


def _iso_date(value: str) -> str:
    """A deadline: a real calendar day written YYYY-MM-DD."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        datetime.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("bad_date", "bad date", {"found": describe(value)}) from None
    return value


def _step_shape(value: object) -> object:
    if not (isinstance(value, list) and len(value) == 2):
        raise PydanticCustomError("deadline_shape", "bad deadline", {"found": describe(value)})
    return value


IsoDate = Annotated[str, Strict(), AfterValidator(_iso_date),
                    Field(description="a day, YYYY-MM-DD (quoted)",
                          json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"})]
DeadlineStep = Annotated[tuple[IsoDate, Share], BeforeValidator(_step_shape)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- problems of a model -----------------------------------------------------------------------------------------
Loc = tuple[str | int, ...]  # a place under a model, as pydantic writes it
Issue = tuple[Loc, str, dict[str, Any]]  # (place, reason code, its parameters)


def _errors(title: str, errors: list[Issue]) -> None:
    """Raise every consistency problem of a node at once, each at its own place under the node."""
    if errors:
        raise ValidationError.from_exception_data(title, [
            InitErrorDetails(type=PydanticCustomError(reason, reason, params), loc=loc, input=None)
            for loc, reason, params in errors])


# --- the rules ----------------------------------------------------------------------------------------
class RatioParams(_Model):
    target: Target = 1.0
    threshold: RatioThreshold = 0.0

    @model_validator(mode="after")
    def _threshold(self) -> RatioParams:
        if self.threshold > self.target:
            _errors("Ratio", [(("threshold",), "threshold_above_target",
                               {"found": f"{self.threshold:g}", "accepted": f"{self.target:g}"})])
        return self


class BetterParams(_Model):
    better: Better = "higher"


class CountParams(_Model):
    per_item: PerItem = 1.0


class YesNoRule(_Model):
    yes_no: None = None


class CouncilRule(_Model):
    council: None = None


class RatioRule(_Model):
    ratio: RatioParams | None = None


class BestRule(_Model):
    best: BetterParams | None = None


class MinMaxRule(_Model):
    minmax: BetterParams | None = None


class CountRule(_Model):
    count: CountParams | None = None


class TiersRule(_Model):
    tiers: Annotated[list[Tier], Field(min_length=1, max_length=100)]
    better: Better = "higher"
    whole: Flag = Field(False, description="true: a fractional value is refused")


class PenaltyParams(_Model):
    per_item: PerItem


class PenaltyRule(_Model):
    penalty: PenaltyParams | None = None


class DeadlineRule(_Model):
    deadline: Annotated[list[DeadlineStep], Field(min_length=1, max_length=100)]

    @model_validator(mode="after")
    def _distinct(self) -> DeadlineRule:
        seen: set[str] = set()
        errors: list[Issue] = []
        for i, (day, _share) in enumerate(self.deadline):
            if day in seen:
                errors.append((("deadline", i), "deadline_repeated", {"found": day}))
            seen.add(day)
        _errors("Deadline", errors)
        return self


def _distinct_labels(value: object) -> object:
    """Units' answers are matched ignoring case and surrounding spaces: so must the labels differ."""
    if isinstance(value, dict):
        seen: dict[str, str] = {}
        for key in value:
            folded = str(key).strip().casefold()
            if folded in seen:
                raise PydanticCustomError("choice_label_repeated", "repeated label",
                                          {"found": str(key), "accepted": seen[folded]})
            seen[folded] = str(key)
    return value


class ChoiceRule(_Model):
    choice: Annotated[dict[Label, SignedShare], Field(min_length=1, max_length=100), BeforeValidator(_distinct_labels)]


def _rule_tag(value: object) -> str | None:
    """`rule: ratio` is the bare form (the rules whose parameters all have defaults); `{ratio: {...}}` is
    named by its first key that is a rule."""
    if isinstance(value, str):
        return "bare"
    if isinstance(value, dict):
        return next((k for k in value if k in RULES), None)
    return None


RuleSpec = Annotated[
    Union[  # noqa: UP007 (a Union of tagged members)
        Annotated[Literal["yes_no", "ratio", "best", "minmax", "count", "council", "penalty"], Tag("bare")],
        Annotated[YesNoRule, Tag("yes_no")], Annotated[RatioRule, Tag("ratio")],
        Annotated[TiersRule, Tag("tiers")], Annotated[ChoiceRule, Tag("choice")],
        Annotated[BestRule, Tag("best")], Annotated[MinMaxRule, Tag("minmax")],
        Annotated[CountRule, Tag("count")], Annotated[CouncilRule, Tag("council")],
        Annotated[DeadlineRule, Tag("deadline")], Annotated[PenaltyRule, Tag("penalty")],
    ],
    Discriminator(_rule_tag, custom_error_type="unknown_rule", custom_error_message="unknown rule"),
]


# --- the tree -----------------------------------------------------------------------------------------
class Node(_Model):
    """An indicator: a leaf with `points` and `rule`, or a composite with `indicators` (its `points`, when
    given, is the total the decision publishes, checked against the computed maximum)."""

    id: Id
    title: Title
    points: Points | None = None
    rule: RuleSpec | None = None
    evidence: Evidence | None = None
    applies_to: Annotated[list[Id], Field(min_length=1, max_length=1000)] | None = None
    source: Literal["self", "measured", "tasks"] = Field(
        "self", description="measured: exported from an information system; tasks: computed from tasks.csv")
    system: System | None = None
    scored: Flag = Field(True, description="false: collected and shown, never scored (no points)")
    evidence_required: Flag = Field(False, description="true: a self-assessed value without evidence scores 0")
    combine: Combine | None = Field(None, description="a composite's points: sum (default) or max (the best child)")
    cap: Points | None = Field(None, description="a composite's points are at most this")
    late: Share | None = Field(None, description="source: tasks — the credit of a task done late within the "
                                                 "period, 0–1 (default 0)")
    plan: Label | None = Field(None, description="source: tasks — count only the tasks of this plan")
    indicators: Annotated[list[Node], Field(min_length=1, max_length=1000)] | None = None

    @property
    def maximum(self) -> float:
        """What the node adds to its parent's maximum (as criteria.Indicator and Composite compute it)."""
        if self.indicators is not None:
            return combined(self.combine or "sum", self.cap, [c.maximum for c in self.indicators])
        if not self.scored or self.points is None or isinstance(self.rule, PenaltyRule) or self.rule == "penalty":
            return 0.0
        if isinstance(self.rule, ChoiceRule) and all(s <= 0 for s in self.rule.choice.values()):
            return 0.0
        return self.points

    @model_validator(mode="after")
    def _consistent(self) -> Node:
        errors: list[Issue] = []
        if self.indicators is not None:
            extra = [k for k in ("rule", "source", "system", "scored", "evidence_required", "late", "plan")
                     if k in self.model_fields_set]
            if extra:
                errors.append(((), "composite_with_points", {"found": ", ".join(extra)}))
            errors.extend(self._totals())
        else:
            errors.extend(((key,), "composite_only", {"found": key}) for key in ("combine", "cap")
                          if key in self.model_fields_set)
            if not self.scored and self.points is not None:
                errors.append((("points",), "unscored_points", {"found": f"{self.points:g}"}))
            elif self.rule is None or (self.scored and self.points is None):
                errors.append(((), "leaf_incomplete", {}))
        if self.system is not None and self.source != "measured":
            errors.append((("system",), "system_without_measured", {}))
        if self.source == "measured" and self.rule in ("council", CouncilRule()):
            errors.append((("source",), "measured_council", {}))
        for key in ("late", "plan"):
            if key in self.model_fields_set and self.source != "tasks":
                errors.append(((key,), "tasks_option_without_source", {"found": key}))
        if self.source == "tasks" and self.rule is not None and not (self.rule == "ratio"
                                                                     or isinstance(self.rule, RatioRule)):
            errors.append((("rule",), "tasks_rule", {}))
        if isinstance(self.rule, TiersRule):
            seen: set[float] = set()
            for i, (x, p) in enumerate(self.rule.tiers):
                if x in seen:
                    errors.append((("rule", "tiers", "tiers", i), "tier_repeated", {"found": f"{x:g}"}))
                seen.add(x)
                if self.points is not None and p > self.points:
                    errors.append((("rule", "tiers", "tiers", i), "tier_above_points",
                                   {"found": f"{p:g}", "accepted": f"{self.points:g}"}))
        _errors("Node", errors)
        return self

    def _totals(self) -> list[Issue]:
        """A composite's cap within its children's sum, no deduction under a best-of, the declared total."""
        assert self.indicators is not None
        errors: list[Issue] = []
        total = combined("sum", None, [c.maximum for c in self.indicators])
        if self.cap is not None and self.cap > total + 1e-9:
            errors.append((("cap",), "cap_above_sum", {"found": f"{self.cap:g}", "accepted": f"{total:g}"}))
        if self.combine == "max":
            errors.extend((("indicators", i), "penalty_under_max", {"found": c.id})
                          for i, c in enumerate(self.indicators)
                          if isinstance(c.rule, PenaltyRule) or c.rule == "penalty")
        if self.points is not None and abs(self.points - self.maximum) > 1e-9:
            errors.append((("points",), "declared_total", {"found": f"{self.points:g}",
                                                           "accepted": f"{self.maximum:g}"}))
        return errors


def _too_deep(nodes: list[Node], depth: int) -> Iterator[Loc]:
    """Where composites nest deeper than MAX_COMPOSITE_DEPTH (relative to the pillar)."""
    for i, node in enumerate(nodes):
        if node.indicators is not None:
            if depth == MAX_COMPOSITE_DEPTH:
                yield ("indicators", i)
            else:
                yield from (("indicators", i, *loc) for loc in _too_deep(node.indicators, depth + 1))


class PillarSpec(_Model):
    id: Id
    title: Title
    points: Points | None = Field(None, description="the total the decision publishes; checked against the sum")
    applies_to: Annotated[list[Id], Field(min_length=1, max_length=1000)] | None = None
    indicators: Annotated[list[Node], Field(min_length=1, max_length=1000)]

    @model_validator(mode="after")
    def _shallow(self) -> PillarSpec:
        errors: list[Issue] = [(loc, "composite_too_deep", {"accepted": MAX_COMPOSITE_DEPTH})
                               for loc in _too_deep(self.indicators, 0)]
        total = combined("sum", None, [c.maximum for c in self.indicators])
        if self.points is not None and abs(self.points - total) > 1e-9:
            errors.append((("points",), "declared_total", {"found": f"{self.points:g}", "accepted": f"{total:g}"}))
        _errors("Pillar", errors)
        return self


def _walk_nodes(nodes: list[Node], loc: Loc) -> Iterator[tuple[Node, Loc]]:
    for i, node in enumerate(nodes):
        yield node, (*loc, "indicators", i)
        if node.indicators is not None:
            yield from _walk_nodes(node.indicators, (*loc, "indicators", i))


def _duplicates(items: Sequence[tuple[str, Loc]]) -> list[Issue]:
    first: dict[str, Loc] = {}
    errors: list[Issue] = []
    for ident, loc in items:
        if ident in first:
            errors.append(((*loc, "id"), "duplicate_id", {"found": ident, "first": first[ident], "here": loc}))
        else:
            first[ident] = loc
    return errors


class BandSpec(_Model):
    min: BandMin
    label: Label


Bands = Annotated[list[BandSpec], Field(max_length=20)]


def _bands_order(bands: list[BandSpec] | None) -> list[Issue]:
    """Bands are listed highest first, each minimum once, the last at 0."""
    mins = [b.min for b in bands or []]
    if mins and (mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0):
        return [(("bands",), "bands_order", {"found": ", ".join(f"{m:g}" for m in mins)})]
    return []


class GroupSpec(_Model):
    id: Id
    title: Title
    bands: Bands | None = Field(None, description="the group's own bands, in place of the file's")
    pillars: Annotated[list[PillarSpec], Field(min_length=1, max_length=100)]

    @model_validator(mode="after")
    def _unique(self) -> GroupSpec:
        """Pillar ids, and indicator ids (composites too), are unique within a group."""
        pillars: list[tuple[str, Loc]] = [(p.id, ("pillars", i)) for i, p in enumerate(self.pillars)]
        nodes = [(n.id, loc) for i, p in enumerate(self.pillars)
                 for n, loc in _walk_nodes(p.indicators, ("pillars", i))]
        _errors("Group", _duplicates(pillars) + _duplicates(nodes) + _bands_order(self.bands))
        return self


class PeriodSpec(_Model):
    """The period of the year's plan: the deadlines a `source: tasks` indicator counts."""

    start: IsoDate
    end: IsoDate

    @model_validator(mode="after")
    def _ordered(self) -> PeriodSpec:
        if self.end < self.start:  # ISO days compare as text
            _errors("Period", [(("end",), "period_order", {"found": self.end, "accepted": self.start})])
        return self


class RobustnessSpecModel(_Model):
    concentration: Concentration = 100.0
    draws: Draws = 10_000
    seed: Seed = 0
    leave_one_out: Annotated[bool, Strict()] = False


class CriteriaSpec(_Model):
    """A criteria file (criteria/*.yaml): one edition of the index."""

    model_config = ConfigDict(title="dti criteria")

    id: Id
    title: Title
    edition: Edition
    operator: Title | None = None
    scale: Scale = 1.0
    decimals: Decimals = 4
    bands: Bands | None = None
    robustness: RobustnessSpecModel | None = None
    objections_until: IsoDate | None = Field(None, description="the last day on which objections to the draft are "
                                                               "received; later ones are marked late")
    period: PeriodSpec | None = Field(None, description="the plan's period (default: the edition's calendar year)")
    groups: Annotated[list[GroupSpec], Field(min_length=1, max_length=100)]

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaSpec:
        errors = _duplicates([(g.id, ("groups", i)) for i, g in enumerate(self.groups)]) + _bands_order(self.bands)
        _errors("Criteria", errors)
        return self


Node.model_rebuild()


def is_schema_file(path: Path) -> bool:
    """Whether `path` holds a criteria schema dti wrote (any version): a JSON object titled as
    CriteriaSpec's, under the draft 2020-12 meta-schema. What `dti schema --out` may replace."""
    try:
        with path.open("rb") as f:
            data = json.loads(f.read(2_000_000))
    except (OSError, ValueError):
        return False
    return (isinstance(data, dict) and data.get("title") == CriteriaSpec.model_config.get("title")
            and data.get("$schema") == "https://json-schema.org/draft/2020-12/schema")


def json_schema() -> str:
    """The JSON Schema of the criteria format, for editors (VS Code's YAML extension and the like)."""
    schema = CriteriaSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# --- from pydantic's errors to dti's problems ---------------------------------------------------------
def _unwrap(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """The type under Annotated, and its metadata."""
    if typing.get_origin(annotation) is Annotated:
        base, *meta = typing.get_args(annotation)
        inner, more = _unwrap(base)
        return inner, (*more, *meta)
    return annotation, ()


def _step(annotation: Any, part: str | int) -> tuple[Any, bool]:
    """The annotation one step down `part` of an error's location, and whether `part` was a union tag."""
    base, _meta = _unwrap(annotation)
    origin = typing.get_origin(base)
    if origin in (Union, types.UnionType):
        members = typing.get_args(base)
        for member in members:
            if any(isinstance(m, Tag) and m.tag == part for m in _unwrap(member)[1]):
                return member, True
        real = [m for m in members if m is not type(None)]
        return _step(real[0], part)
    if isinstance(base, type) and issubclass(base, BaseModel):
        field = base.model_fields[str(part)]
        return (Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation), False
    args = typing.get_args(base)
    if origin is tuple:
        return args[int(part)], False
    return (args[-1] if args else Any), False


def _locate(loc: Loc) -> tuple[list[str | int], Any]:
    """The location without union tags, and the annotation it ends on (Any where it cannot be followed)."""
    annotation: Any = CriteriaSpec
    parts: list[str | int] = []
    for part in loc:
        try:
            annotation, is_tag = _step(annotation, part)
        except (KeyError, IndexError, ValueError, TypeError):
            annotation, is_tag = Any, False
        if not is_tag:
            parts.append(part)
    return parts, annotation


def _plain(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """The type under Annotated and Optional, and all its metadata."""
    base, meta = _unwrap(annotation)
    if typing.get_origin(base) in (Union, types.UnionType):
        real = [m for m in typing.get_args(base) if m is not type(None)]
        if len(real) == 1:
            inner, more = _plain(real[0])
            return inner, (*meta, *more)
    return base, meta


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _range(annotation: Any) -> str:
    """The accepted range of a number field, as people write it ('0 < x ≤ 10000')."""
    low = high = ""
    for m in _plain(annotation)[1]:
        for item in getattr(m, "metadata", [m]):
            if isinstance(item, annotated_types.Gt):
                low = f"{_n(item.gt)} < "  # type: ignore[arg-type]
            elif isinstance(item, annotated_types.Ge):
                low = f"{_n(item.ge)} ≤ "  # type: ignore[arg-type]
            elif isinstance(item, annotated_types.Le):
                high = f" ≤ {_n(item.le)}"  # type: ignore[arg-type]
    return f"{low}x{high}"


def _fields(annotation: Any) -> str:
    base = _plain(annotation)[0]
    return ", ".join(base.model_fields) if isinstance(base, type) and issubclass(base, BaseModel) else ""


Found = tuple[str, str, dict[str, object]]  # (YAML path, reason, params)
NEEDS_PARAMS = {"tiers": "[[x, p], ...]", "choice": "{label: share}", "deadline": '[["YYYY-MM-DD", share], ...]'}


def _problem(error: Mapping[str, Any]) -> Found:
    """One pydantic error as dti's (path, reason, params)."""
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    parts, annotation = _locate(loc)
    path = yaml_path(parts)
    found = describe(value)
    if kind == "missing":
        return yaml_path(parts[:-1]) or "/", "missing_key", {"found": str(parts[-1])}
    if kind == "extra_forbidden":
        return path, "unknown_key", {"found": str(parts[-1]), "accepted": _fields(_locate(loc[:-1])[1])}
    if kind == "unknown_rule":
        name = next(iter(value), found) if isinstance(value, dict) else found
        return path, "unknown_rule", {"found": name if isinstance(name, str) else found,
                                      "accepted": ", ".join(RULES)}
    if kind == "none_required":
        return path, "rule_no_params", {"found": str(parts[-1])}
    if kind in ("finite_number", "greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return path, "not_finite" if kind == "finite_number" else "out_of_range", {
            "found": found, "accepted": _range(annotation)}
    if kind in ("float_type", "int_type"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            if abs(value) > 1e15 or (isinstance(value, float) and not math.isfinite(value)):
                return path, "out_of_range", {"found": found, "accepted": _range(annotation)}
            return path, "expected_whole", {"found": found, "accepted": _range(annotation)}
        return path, "expected_number" if kind == "float_type" else "expected_whole", {
            "found": found, "accepted": _range(annotation)}
    if kind == "bool_type":
        return path, "expected_bool", {"found": found}
    if kind == "string_type":
        return path, "expected_text", {"found": found}
    if kind == "string_too_short":
        return path, "not_text", {"found": found}
    if kind in ("list_type", "tuple_type"):
        return path, "not_list", {"found": found}
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return path, "not_mapping", {"found": found}
    if kind == "too_short":
        return path, "empty_list", {"accepted": ctx.get("min_length", 1)}
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return path, "text_too_long", {"found": len(value), "accepted": ctx.get("max_length")}
    if kind == "too_long":
        return path, "too_many_items", {"found": ctx.get("actual_length"), "accepted": ctx.get("max_length")}
    if kind == "literal_error" and loc[-1] == "bare":  # `rule: NAME`
        if value in NEEDS_PARAMS:
            return path, "rule_needs_params", {"found": value, "accepted": NEEDS_PARAMS[value]}
        return path, "unknown_rule", {"found": value, "accepted": ", ".join(RULES)}
    if kind == "literal_error":
        return path, "not_one_of", {"found": found, "accepted": ", ".join(typing.get_args(_plain(annotation)[0]))}
    if kind in {"composite_with_points", "leaf_incomplete", "system_without_measured", "measured_council",
                "tier_repeated", "tier_above_points", "duplicate_id", "bands_order", "composite_too_deep",
                "tier_shape", "not_text", "bad_id", "id_too_long", "id_reserved", "choice_label_repeated",
                "threshold_above_target", "bad_date", "deadline_shape", "deadline_repeated", "composite_only",
                "cap_above_sum", "declared_total", "unscored_points", "penalty_under_max",
                "period_order", "tasks_option_without_source", "tasks_rule"}:
        if kind == "duplicate_id":  # the first one's place, under the same node as this one's
            prefix = loc[:len(loc) - len(ctx.pop("here")) - 1]
            ctx["accepted"] = yaml_path(_locate((*prefix, *ctx.pop("first")))[0])
        return path, kind, ctx
    return path, "invalid_value", {"found": found, "detail": error.get("msg", kind)}


def check(data: object) -> tuple[CriteriaSpec | None, list[Found]]:
    """The validated criteria, or None and every problem found."""
    try:
        return CriteriaSpec.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(e) for e in exc.errors(include_url=False)]
