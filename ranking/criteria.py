"""Stage 1 — the criteria: a YAML edition of the index read into a frozen tree of groups, pillars and
indicators with their scoring rules. The spec is pure data; `scoring` is the engine that runs it."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from ranking.errors import CriteriaError, Problem, Problems

Better = Literal["higher", "lower"]


# --- the rules (parameters only; scoring.py holds their kernels) -------------------------------------
@dataclass(frozen=True)
class YesNo:
    """Full points for yes, none for no."""


@dataclass(frozen=True)
class Ratio:
    """points × min(fraction / target, 1); the fraction may come as a count over a denominator."""

    target: float = 1.0


@dataclass(frozen=True)
class Tiers:
    """The points of the tier the value reaches; `levels` are sorted by threshold."""

    levels: tuple[tuple[float, float], ...]
    better: Better = "higher"


@dataclass(frozen=True)
class Choice:
    """points × the share of the chosen label (labels NFC-normalised)."""

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


Rule = YesNo | Ratio | Tiers | Choice | Best | MinMax | Count | Council
RULE_NAMES: Mapping[str, type] = {
    "yes_no": YesNo, "ratio": Ratio, "tiers": Tiers, "choice": Choice,
    "best": Best, "minmax": MinMax, "count": Count, "council": Council,
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

    def applies(self, unit_id: str, tags: frozenset[str]) -> bool:
        return self.applies_to is None or unit_id in self.applies_to or bool(self.applies_to & tags)


@dataclass(frozen=True)
class Composite:
    """An indicator made of others; its points are the sum of its children's."""

    id: str
    title: str
    children: tuple[Node, ...]

    @property
    def points(self) -> float:
        return sum(c.points for c in self.children)

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

    @property
    def points(self) -> float:
        return sum(c.points for c in self.children)

    def leaves(self) -> Iterator[Indicator]:
        for child in self.children:
            if isinstance(child, Indicator):
                yield child
            else:
                yield from child.leaves()


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    pillars: tuple[Pillar, ...]

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
class Band:
    min: float
    label: str


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

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def band(self, index: float) -> str:
        """The label of the highest band whose minimum the index reaches ('' without bands)."""
        return next((b.label for b in self.bands if index >= b.min * self.scale - 1e-12), "")


# --- loading ------------------------------------------------------------------------------------------
def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class _Reader:
    """Walks the YAML nodes, converting them to Python while noting each path's line."""

    def __init__(self, file: str, problems: Problems) -> None:
        self.file = file
        self.problems = problems
        self.lines: dict[str, int] = {}
        self._scalars = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, path: str) -> object:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[object, object] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node, path)
                if key in out:
                    self.problems.add(Problem(self.file, "yaml_duplicate_key", {"found": key},
                                              line=key_node.start_mark.line + 1, path=path or "/"))
                    continue
                child = f"{path}.{key}" if path else str(key)
                out[key] = self.convert(value_node, child)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        value = self._scalars.construct_object(node)
        return nfc(value) if isinstance(value, str) else value


def _describe(value: object) -> str:
    return repr(value) if isinstance(value, str | int | float | bool) or value is None else type(value).__name__


_TOP_KEYS = ("id", "title", "edition", "operator", "scale", "decimals", "bands", "groups", "robustness")
_NODE_KEYS = ("id", "title", "points", "rule", "evidence", "applies_to", "indicators")


class _Builder:
    def __init__(self, file: str, reader: _Reader, problems: Problems) -> None:
        self.file = file
        self.reader = reader
        self.problems = problems

    def fail(self, path: str, reason: str, **params: object) -> None:
        line = self.reader.lines.get(path)
        self.problems.add(Problem(self.file, reason, params, line=line, path=path))

    def mapping(self, value: object, path: str, keys: tuple[str, ...]) -> dict[str, object] | None:
        if not isinstance(value, dict):
            self.fail(path, "not_mapping", found=_describe(value))
            return None
        for key in value:
            if key not in keys:
                self.fail(f"{path}.{key}" if path else str(key), "unknown_key", found=key, accepted=", ".join(keys))
        return value

    def text(self, data: Mapping[str, object], key: str, path: str, required: bool = True) -> str:
        value = data.get(key)
        where = f"{path}.{key}" if path else key
        if value is None:
            if required:
                self.fail(path or "/", "missing_key", found=key)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float) or str(value).strip() == "":
            self.fail(where, "not_text", found=_describe(value))
            return ""
        return str(value).strip()

    def number(self, value: object, path: str, reason: str = "not_positive") -> float | None:
        """A number that passes the check named by `reason`, else None and a problem."""
        x = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
        if x is None:
            ok = False
        elif reason == "not_positive":
            ok = x > 0
        elif reason == "not_share":
            ok = 0 <= x <= 1
        else:
            ok = x >= 0 and x.is_integer()
        if not ok:
            self.fail(path, reason, found=_describe(value))
            return None
        return x

    def better(self, value: object, path: str) -> Better:
        if value == "higher" or value == "lower":
            return value
        self.fail(path, "bad_better", found=value)
        return "higher"

    def rule(self, value: object, path: str, points: float | None) -> Rule | None:
        if isinstance(value, str):
            name, params = value, None
            extra: dict[str, object] = {}
        elif isinstance(value, dict) and value:
            name = str(next(iter(value)))
            params = value[name]
            extra = {k: v for k, v in value.items() if k != name}
        else:
            self.fail(path, "unknown_rule", found=_describe(value), accepted=", ".join(RULE_NAMES))
            return None
        if name not in RULE_NAMES:
            self.fail(path, "unknown_rule", found=name, accepted=", ".join(RULE_NAMES))
            return None
        sub = f"{path}.{name}"
        allowed_extra = ("better",) if name == "tiers" else ()
        for key in extra:
            if key not in allowed_extra:
                self.fail(f"{path}.{key}", "unknown_key", found=key, accepted=name)
        if name in ("tiers", "choice") and params is None:
            self.fail(path, "rule_needs_params", found=name,
                      accepted="[[x, p], ...]" if name == "tiers" else "{label: share}")
            return None
        if name == "tiers":
            return self.tiers(params, sub, extra.get("better", "higher"), f"{path}.better", points)
        if name == "choice":
            return self.choice(params, sub)
        if name in ("yes_no", "council"):
            if params is not None:
                self.fail(sub, "rule_no_params", found=name)
            return YesNo() if name == "yes_no" else Council()
        keys = {"ratio": ("target",), "best": ("better",), "minmax": ("better",), "count": ("per_item",)}[name]
        p = self.mapping(params if params is not None else {}, sub, keys)
        if p is None:
            return None
        if name == "ratio":
            target = self.number(p.get("target", 1.0), f"{sub}.target")
            if target is not None and target > 1:
                self.fail(f"{sub}.target", "not_share", found=target)
            return Ratio(target if target is not None and target <= 1 else 1.0)
        if name == "count":
            per_item = self.number(p.get("per_item", 1.0), f"{sub}.per_item")
            return Count(per_item or 1.0)
        better = self.better(p.get("better", "higher"), f"{sub}.better")
        return Best(better) if name == "best" else MinMax(better)

    def tiers(self, value: object, path: str, better: object, better_path: str, points: float | None) -> Tiers | None:
        if not isinstance(value, list) or not value:
            self.fail(path, "not_list", found=_describe(value))
            return None
        levels: list[tuple[float, float]] = []
        seen: set[float] = set()
        for i, level in enumerate(value):
            where = f"{path}[{i}]"
            if not (isinstance(level, list) and len(level) == 2
                    and all(isinstance(x, int | float) and not isinstance(x, bool) for x in level)):
                self.fail(where, "tier_shape", found=_describe(level) if not isinstance(level, list) else level)
                continue
            x, p = float(level[0]), float(level[1])
            if x in seen:
                self.fail(where, "tier_repeated", found=level[0])
            seen.add(x)
            if p < 0:
                self.fail(where, "not_whole", found=level[1])
            if points is not None and p > points:
                self.fail(where, "tier_above_points", found=level[1], accepted=f"{points:g}")
            levels.append((x, p))
        return Tiers(tuple(sorted(levels)), self.better(better, better_path))

    def choice(self, value: object, path: str) -> Choice | None:
        if not isinstance(value, dict) or not value:
            self.fail(path, "not_mapping", found=_describe(value))
            return None
        shares = []
        for label, share in value.items():
            s = self.number(share, f"{path}.{label}", "not_share")
            shares.append((nfc(str(label)), s if s is not None else 0.0))
        return Choice(tuple(shares))

    def node(self, value: object, path: str, pillar: str, ids: dict[str, str], parent: str | None,
             inherited: frozenset[str] | None) -> Node | None:
        data = self.mapping(value, path, _NODE_KEYS)
        if data is None:
            return None
        node_id = self.text(data, "id", path)
        title = self.text(data, "title", path)
        if node_id:
            if node_id in ids:
                self.fail(f"{path}.id", "duplicate_id", found=node_id, accepted=ids[node_id])
            ids[node_id] = path
        applies_to = self.applies_to(data.get("applies_to"), f"{path}.applies_to", inherited)
        if "indicators" in data:
            if "points" in data or "rule" in data:
                self.fail(path, "composite_with_points")
            children = self.children(data["indicators"], f"{path}.indicators", pillar, ids, node_id, applies_to)
            return Composite(node_id, title, children) if children else None
        if "points" not in data or "rule" not in data:
            self.fail(path, "leaf_incomplete")
            return None
        points = self.number(data["points"], f"{path}.points")
        rule = self.rule(data["rule"], f"{path}.rule", points)
        if points is None or rule is None:
            return None
        evidence = self.text(data, "evidence", path, required=False)
        return Indicator(node_id, title, points, rule, pillar, evidence, applies_to, parent)

    def applies_to(self, value: object, path: str, inherited: frozenset[str] | None) -> frozenset[str] | None:
        if value is None:
            return inherited
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            self.fail(path, "not_list", found=_describe(value))
            return inherited
        return frozenset(value)

    def children(self, value: object, path: str, pillar: str, ids: dict[str, str], parent: str | None,
                 inherited: frozenset[str] | None) -> tuple[Node, ...]:
        if not isinstance(value, list):
            self.fail(path, "not_list", found=_describe(value))
            return ()
        if not value:
            self.fail(path, "empty_node", found=parent or pillar)
            return ()
        nodes = [self.node(v, f"{path}[{i}]", pillar, ids, parent, inherited) for i, v in enumerate(value)]
        return tuple(n for n in nodes if n is not None)

    def pillar(self, value: object, path: str, ids: dict[str, str]) -> Pillar | None:
        data = self.mapping(value, path, ("id", "title", "indicators", "applies_to"))
        if data is None:
            return None
        pillar_id = self.text(data, "id", path)
        title = self.text(data, "title", path)
        if "indicators" not in data:
            self.fail(path, "empty_node", found=pillar_id or path)
            return None
        applies_to = self.applies_to(data.get("applies_to"), f"{path}.applies_to", None)
        children = self.children(data["indicators"], f"{path}.indicators", pillar_id, ids, None, applies_to)
        return Pillar(pillar_id, title, children) if children else None

    def group(self, value: object, path: str, group_ids: dict[str, str]) -> Group | None:
        data = self.mapping(value, path, ("id", "title", "pillars"))
        if data is None:
            return None
        group_id = self.text(data, "id", path)
        if group_id in group_ids:
            self.fail(f"{path}.id", "duplicate_id", found=group_id, accepted=group_ids[group_id])
        group_ids[group_id] = path
        title = self.text(data, "title", path)
        raw = data.get("pillars")
        if not isinstance(raw, list) or not raw:
            self.fail(f"{path}.pillars", "empty_node" if raw == [] else "not_list",
                      found=group_id if raw == [] else _describe(raw))
            return None
        ids: dict[str, str] = {}
        pillar_ids: dict[str, str] = {}
        pillars = []
        for i, v in enumerate(raw):
            p = self.pillar(v, f"{path}.pillars[{i}]", ids)
            if p is None:
                continue
            if p.id in pillar_ids:
                self.fail(f"{path}.pillars[{i}].id", "duplicate_id", found=p.id, accepted=pillar_ids[p.id])
            pillar_ids[p.id] = f"{path}.pillars[{i}]"
            pillars.append(p)
        return Group(group_id, title, tuple(pillars))

    def bands(self, value: object) -> tuple[Band, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail("bands", "not_list", found=_describe(value))
            return ()
        bands = []
        for i, item in enumerate(value):
            data = self.mapping(item, f"bands[{i}]", ("min", "label"))
            if data is None:
                continue
            low = data.get("min")
            if not isinstance(low, int | float) or isinstance(low, bool) or low < 0:
                self.fail(f"bands[{i}].min", "not_share", found=_describe(low))
                continue
            bands.append(Band(float(low), self.text(data, "label", f"bands[{i}]")))
        mins = [b.min for b in bands]
        if bands and (mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0):
            self.fail("bands", "bands_order", found=mins)
        return tuple(bands)

    def robustness(self, value: object) -> RobustnessSpec:
        if value is None:
            return RobustnessSpec()
        data = self.mapping(value, "robustness", ("concentration", "draws", "seed", "leave_one_out"))
        if data is None:
            return RobustnessSpec()
        default = RobustnessSpec()
        concentration = self.number(data.get("concentration", default.concentration), "robustness.concentration")
        draws = self.number(data.get("draws", default.draws), "robustness.draws", "not_whole")
        seed = self.number(data.get("seed", default.seed), "robustness.seed", "not_whole")
        loo = data.get("leave_one_out", default.leave_one_out)
        if not isinstance(loo, bool):
            self.fail("robustness.leave_one_out", "not_text", found=_describe(loo))
        return RobustnessSpec(concentration or default.concentration, int(draws or default.draws),
                              int(seed or 0), bool(loo))


def load_criteria(path: str | Path) -> Criteria:
    """Read and check a criteria file; raise CriteriaError listing every problem with its YAML path."""
    file = str(path)
    problems = Problems()
    try:
        raw_bytes = Path(path).read_bytes()
    except FileNotFoundError:
        raise CriteriaError([Problem(file, "file_missing")]) from None
    except OSError as exc:
        raise CriteriaError([Problem(file, "file_unreadable", {"detail": exc.strerror})]) from None
    try:
        root = yaml.compose(raw_bytes.decode("utf-8-sig"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise CriteriaError([Problem(file, "not_utf8", {"found": f"0x{raw_bytes[exc.start]:02x}",
                                                         "offset": exc.start})]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CriteriaError([Problem(file, "yaml_syntax", {"detail": getattr(exc, "problem", str(exc))},
                                     line=mark.line + 1 if mark else None)]) from None
    reader = _Reader(file, problems)
    data = reader.convert(root, "") if root is not None else None
    build = _Builder(file, reader, problems)
    top = build.mapping(data, "", _TOP_KEYS) if isinstance(data, dict) else None
    if top is None:
        if not isinstance(data, dict):
            problems.items[:] = [Problem(file, "not_mapping", {"found": _describe(data)}, line=1, path="/")]
        raise CriteriaError(problems.items)
    edition = top.get("edition")
    if not isinstance(edition, int) or isinstance(edition, bool):
        build.fail("edition" if "edition" in top else "/", "not_whole" if "edition" in top else "missing_key",
                   found=_describe(edition) if "edition" in top else "edition")
    scale = build.number(top.get("scale", 1), "scale")
    decimals = build.number(top.get("decimals", 4), "decimals", "not_whole")
    groups_raw = top.get("groups")
    group_ids: dict[str, str] = {}
    groups: list[Group] = []
    if not isinstance(groups_raw, list) or not groups_raw:
        build.fail("groups", "not_list" if groups_raw is not None else "missing_key",
                   found=_describe(groups_raw) if groups_raw is not None else "groups")
    else:
        for i, g in enumerate(groups_raw):
            group = build.group(g, f"groups[{i}]", group_ids)
            if group is not None:
                groups.append(group)
    criteria = Criteria(
        id=build.text(top, "id", ""), title=build.text(top, "title", ""),
        edition=edition if isinstance(edition, int) else 0,
        operator=build.text(top, "operator", "", required=False),
        scale=scale or 1.0, decimals=int(decimals if decimals is not None else 4),
        bands=build.bands(top.get("bands")), groups=tuple(groups),
        robustness=build.robustness(top.get("robustness")),
        source=file, sha256=hashlib.sha256(raw_bytes).hexdigest(),
    )
    problems.raise_if_errors(CriteriaError)
    return criteria
