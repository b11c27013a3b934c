"""Stage 6 — the PDF reports: the publication `dti-YEAR.pdf` and one breakdown `units/UNIT.pdf` per unit,
jinja2 templates rendered by weasyprint. This is the one module that imports weasyprint (lazily: it costs
about a second). weasyprint may read only the project's own assets, served by `fetch_asset`; anything an
input could name (file://, http://, data:) is refused, and templates escape every value."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import io
import math
import os
import re
import signal
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2
from markupsafe import Markup

from ranking import __version__, charts
from ranking.clock import report_date
from ranking.criteria import (
    Best,
    Composite,
    Criteria,
    Group,
    Indicator,
    MinMax,
    Node,
    Pillar,
)
from ranking.errors import Lang
from ranking.i18n import Words, describe_node, describe_rule, measurement_note, shown_points
from ranking.inputs import Inputs
from ranking.output import inside
from ranking.ranking import TIE_TOLERANCE, Ranking, UnitResult, firm_limit
from ranking.register import day_text
from ranking.render_cache import RenderCache, render_salt
from ranking.scoring import IndicatorScore
from ranking.system import cores, die_with_parent, parent_gone, signals_held, stop
from ranking.tables import criteria_name, provenance
from ranking.words import METHODS, OPTION_VALUES, OPTIONS, STATUS, STATUS_SHORT

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcherResponse

    from ranking.diff import IndicatorChange, RunDiff, UnitChange

HERE = Path(__file__).resolve().parent
BASE_URL = "dti-asset:/"
CHART_ROWS = 20  # rows per chart piece: a long group's chart is cut into pieces that flow over pages
PILLAR_DECIMALS = 3  # pillar indices as the tables show them
T = TypeVar("T")
Step = Callable[[int, int], None]
# The scripts the reports print (Latin with Vietnamese, Greek, Cyrillic, punctuation, arrows, maths, shapes).
UNICODE_RANGES = ((0x20, 0x52F), (0x1E00, 0x1EFF), (0x2000, 0x22FF), (0x2500, 0x25FF))


# --- assets: the only resources weasyprint may load ------------------------------------------------------
def _font_dir() -> Path:
    """Be Vietnam Pro, drawn for Vietnamese (its stacked diacritics extract and print correctly), ships as a
    Python package: the fonts come with the project, not the machine."""
    spec = importlib.util.find_spec("fontpkg_be_vietnam_pro")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise RuntimeError("fontpkg-be-vietnam-pro is not installed; it provides the reports' font")
    return Path(next(iter(spec.submodule_search_locations))) / "files"


@cache
def assets() -> Mapping[str, tuple[Path, str]]:
    """URL name → (file, media type) of everything a report may load."""
    fonts = _font_dir()
    return {
        "report.css": (HERE / "assets" / "report.css", "text/css"),
        "sans.ttf": (fonts / "BeVietnamPro-Regular.ttf", "font/ttf"),
        "sans-bold.ttf": (fonts / "BeVietnamPro-SemiBold.ttf", "font/ttf"),
    }


@cache
def asset_bytes(name: str, store: RenderCache | None = None) -> bytes:
    """An asset's bytes; fonts lose their layout tables (kerning, ligatures), as the precomposed
    Vietnamese letters need none, which makes weasyprint's per-document font subsetting ~10x faster.
    Trimming a font takes a second or two, in every render process: with a render cache the result is kept
    there (under a key that covers the font's bytes, this code and fontTools' version) and read back."""
    path, media_type = assets()[name]
    if media_type != "font/ttf":
        return path.read_bytes()
    key = store.key(f"asset:{name}") if store is not None else ""
    kept = store.get(key, kind="font") if store is not None else None
    if kept is not None:
        return kept
    trimmed = _trim_font(path)
    if store is not None:
        store.put(key, trimmed)
    return trimmed


def _trim_font(path: Path) -> bytes:
    """The font with only the characters the reports print, without layout tables and hinting."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, recalcTimestamp=False)
    options = subset.Options()
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM"]
    options.layout_features = []
    options.name_IDs = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for c in font.getBestCmap() if any(a <= c <= b for a, b in UNICODE_RANGES)])
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def fetch_asset(url: str, store: RenderCache | None = None) -> URLFetcherResponse:
    """weasyprint's url_fetcher: serve the project's assets by name, refuse every other URL."""
    from weasyprint.urls import URLFetcherResponse

    name = url.removeprefix(BASE_URL) if url.startswith(BASE_URL) else ""
    if name not in assets():
        raise ValueError(f"dti reports load only their own assets; refused {url[:80]!r}")
    return URLFetcherResponse(url, asset_bytes(name, store), {"Content-Type": assets()[name][1]})


# --- what the templates show ------------------------------------------------------------------------------
NAMED = 6  # a list of leaders names up to this many tied units; beyond, it names `n` and counts the rest
EXTRA_DIGITS = 9  # the most decimals shown to tell two ranks apart


@dataclass(frozen=True)
class Entry:
    """One name in a list of leaders or trailers; `tied`: another unit of the group shows the same value."""

    unit: UnitResult
    value: float
    tied: bool


@dataclass(frozen=True)
class Podium:
    """Leaders or trailers: the first n, and every unit tied with the one at the edge of the list (named up
    to NAMED; beyond that the first n are named and `more` counts the others, tied at `edge`)."""

    entries: tuple[Entry, ...]
    more: int = 0
    edge: float | None = None
    covered: frozenset[str] = frozenset()
    """Every unit the list stands for, named or counted."""


def podium(items: Sequence[tuple[UnitResult, float]], n: int, same: Callable[[float, float], bool],
           exclude: frozenset[str] = frozenset()) -> Podium:
    """The first n of `items` (best first for leaders, worst first for trailers) and all tied at the edge."""
    pool = [(u, x) for u, x in items if u.score.unit not in exclude]
    if not pool or n <= 0:
        return Podium(())
    k = min(n, len(pool))
    edge = pool[k - 1][1]
    while k < len(pool) and same(pool[k][1], edge):
        k += 1
    values = [x for _, x in items]

    def entry(u: UnitResult, x: float) -> Entry:
        return Entry(u, x, sum(same(x, y) for y in values) > 1)

    covered = frozenset(u.score.unit for u, _ in pool[:k])
    if k <= max(NAMED, n):
        return Podium(tuple(entry(u, x) for u, x in pool[:k]), covered=covered)
    return Podium(tuple(entry(u, x) for u, x in pool[:n]), k - n, edge, covered)


def shown_equal(decimals: int) -> Callable[[float, float], bool]:
    """Two values a reader sees as equal: the same text at `decimals` places."""
    return lambda a, b: f"{a:.{decimals}f}" == f"{b:.{decimals}f}"


def tied_rank(a: float, b: float) -> bool:
    return abs(a - b) < TIE_TOLERANCE


@dataclass(frozen=True)
class PillarStats:
    id: str
    title: str
    mean: float | None
    best: float | None
    leaders: Podium
    trailers: Podium


@dataclass(frozen=True)
class GroupView:
    group: Group
    units: tuple[UnitResult, ...]
    mean: float
    sd: float
    low: float
    high: float
    tied: frozenset[int]
    pillars: tuple[PillarStats, ...]
    has_previous: bool
    has_robustness: bool
    loose: tuple[UnitResult, ...]
    """Units whose rank is not firm under the robustness analysis."""
    top: Podium
    bottom: Podium
    digits: Mapping[str, int]
    """Decimals of each unit's index as shown: the published ones, or more where two ranks would look equal."""
    published: int

    def rank_label(self, u: UnitResult) -> str:
        """'15=' where the rank is shared."""
        return f"{u.rank}=" if u.rank in self.tied else str(u.rank)

    def decimals(self, u: UnitResult) -> int:
        return self.digits.get(u.score.unit, self.published)

    @property
    def split(self) -> bool:
        """Some index needs more than the published decimals to show why its rank differs."""
        return any(d > self.published for d in self.digits.values())

    @property
    def applies(self) -> bool:
        """Some pillar does not apply to some unit (the table's '—')."""
        return any(p.index is None for u in self.units for p in u.score.pillars)


def index_digits(units: Sequence[UnitResult], decimals: int) -> dict[str, int]:
    """Per unit, the fewest decimals (at least the published ones) at which its index differs from the
    index of every unit of another rank: the ranking uses the unrounded index, and readers compare what
    they see."""
    out: dict[str, int] = {}
    pending = list(units)
    for d in range(decimals, EXTRA_DIGITS):  # each unit's first d at which no other rank looks the same
        ranks: dict[str, set[int]] = {}  # shown text → the ranks that show it (linear, for 3,321 communes)
        for v in units:
            ranks.setdefault(f"{v.score.index:.{d}f}", set()).add(v.rank)
        out.update((u.score.unit, d) for u in pending if len(ranks[f"{u.score.index:.{d}f}"]) == 1)
        pending = [u for u in pending if u.score.unit not in out]
    out.update((u.score.unit, max(decimals, EXTRA_DIGITS)) for u in pending)
    return out


def group_view(ranking: Ranking, group: Group, n: int = 3) -> GroupView:
    units = ranking.group(group.id)
    values = [u.score.index for u in units]
    mean = sum(values) / len(values) if values else 0.0
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) if values else 0.0
    counts: dict[int, int] = {}
    for u in units:
        counts[u.rank] = counts.get(u.rank, 0) + 1
    pillars = []
    same = shown_equal(PILLAR_DECIMALS)
    for pillar in group.pillars:
        scored = sorted(((u, i) for u in units if (i := u.score.pillar_index(pillar.id)) is not None),
                        key=lambda pair: (-pair[1], pair[0].score.unit))
        indices = [i for _, i in scored]
        leaders = podium(scored, n, same)
        trailers = podium(list(reversed(scored)), n, same, leaders.covered)
        pillars.append(PillarStats(pillar.id, pillar.title, sum(indices) / len(indices) if indices else None,
                                   max(indices, default=None), leaders, trailers))
    by_index = [(u, u.score.index) for u in units]
    top = podium(by_index, n, tied_rank)
    bottom = podium(list(reversed(by_index)), n, tied_rank, top.covered)
    bottom = dataclasses.replace(bottom, entries=tuple(reversed(bottom.entries)))
    return GroupView(
        group, units, mean, sd, min(values, default=0.0), max(values, default=0.0),
        frozenset(r for r, c in counts.items() if c > 1), tuple(pillars),
        any(u.previous is not None for u in units), any(u.robustness is not None for u in units),
        tuple(u for u in units if u.robustness is not None and not u.robustness.is_firm(u.group_size)),
        top, bottom, index_digits(units, ranking.criteria.decimals), ranking.criteria.decimals)


@dataclass(frozen=True)
class Line:
    """One indicator of a breakdown: its criteria node beside the unit's score on it."""

    indicator: Indicator
    score: IndicatorScore

    @property
    def left(self) -> float:
        return self.score.max_points - self.score.points

    @property
    def changed(self) -> bool:
        """The council set a value (the appraisal row), so its note explains the final value."""
        return bool(self.score.appraised_value) and self.score.appraised_value != self.score.self_value

    @property
    def relative(self) -> bool:
        """Points set against the other units' values (best, minmax): they move when those values move."""
        return isinstance(self.indicator.rule, Best | MinMax)

    @property
    def moved(self) -> bool:
        """Self and final points differ although the council kept the unit's value: others' values moved."""
        return self.relative and not self.changed and abs(self.score.self_points - self.score.points) > 1e-9

    @property
    def note(self) -> str:
        """The council's note without a leading 'Hội đồng thẩm định:' (the label already says whose it is)."""
        return COUNCIL_PREFIX.sub("", self.score.note, count=1) or self.score.note


COUNCIL_PREFIX = re.compile(r"^\s*(hội đồng( thẩm định)?|(the )?(appraisal )?council)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Lift:
    """What it takes to move up one rank: reach the index of the nearest unit above."""

    rank: int
    name: str
    index: float
    points: float
    decimals: int


@dataclass(frozen=True)
class Breakdown:
    unit: UnitResult
    view: GroupView
    pillars: tuple[tuple[str, Sequence[Line]], ...]
    lost: tuple[Line, ...]
    lift: Lift | None
    draft: tuple[UnitChange | None, tuple[IndicatorChange, ...]] | None

    @property
    def firm(self) -> bool | None:
        """Whether the unit's rank is firm (None without the robustness analysis)."""
        r = self.unit.robustness
        return None if r is None else r.is_firm(self.unit.group_size)

    @property
    def relative(self) -> bool:
        """Some indicator is scored against the other units (the table marks it and says why)."""
        return any(line.relative for _, lines in self.pillars for line in lines)

    @property
    def deductions(self) -> tuple[Line, ...]:
        """The deductions (điểm trừ) the unit incurred, listed apart from the points lost, with their reason."""
        return tuple(line for _, lines in self.pillars for line in lines if line.score.points < 0)


def _lift(unit: UnitResult, view: GroupView, scale: float) -> Lift | None:
    above = [u for u in view.units if u.rank < unit.rank]
    if not above:
        return None
    target = min(above, key=lambda u: (u.score.index, u.score.unit))
    gap = (target.score.index - unit.score.index) * unit.score.max_points / scale
    return Lift(target.rank, target.score.name, target.score.index, gap, view.decimals(target))


def breakdown(ranking: Ranking, view: GroupView, unit: UnitResult, lines: Sequence[IndicatorScore],
              draft: RunDiff | None, n_lost: int = 5) -> Breakdown:
    group = view.group
    by_id = {s.indicator: s for s in lines}
    pillars = tuple(
        (p.title, [Line(leaf, by_id[leaf.id]) for leaf in p.leaves() if leaf.id in by_id]) for p in group.pillars)
    every = [line for _, ls in pillars for line in ls if line.score.status != "not_applicable"]
    lost = tuple(sorted((line for line in every if line.left > 1e-9 and line.score.points >= 0),
                        key=lambda x: -x.left)[:n_lost])
    return Breakdown(unit, view, pillars, lost, _lift(unit, view, ranking.criteria.scale),
                     draft.for_unit(unit.score.unit) if draft is not None else None)


def applies_text(node: Node, w: Words) -> str:
    if isinstance(node, Indicator) and node.applies_to is not None:
        return ", ".join(sorted(node.applies_to))
    return w("report.applies_all")


def pillar_nodes(pillar: Pillar) -> list[Node]:
    """The pillar's indicators, composites before their children, in file order."""

    def walk(nodes: Sequence[Node]) -> list[Node]:
        out: list[Node] = []
        for n in nodes:
            out.append(n)
            if isinstance(n, Composite):
                out.extend(walk(n.children))
        return out

    return walk(pillar.children)


def status_text(status: str | None, w: Words) -> str:
    return "—" if status is None else w(STATUS_SHORT[status])


def change_status(status: str | None, w: Words) -> str:
    """A status in a comparison, where 'ok' must read as something ('có số liệu'), not as a blank."""
    return "—" if status is None else w(STATUS[status])


def option_rows(options: Mapping[str, object], w: Words) -> list[tuple[str, str]]:
    """The run options in the reader's words: the values that are words translated, the rest (file names) as
    given."""
    rows = []
    for key, value in sorted(options.items()):
        text = "—" if value is None else str(value)
        rows.append((w(OPTIONS[key]), w(OPTION_VALUES[key, text]) if (key, text) in OPTION_VALUES else text))
    return rows


def sample_line(text: str, lang: Lang) -> str:
    """The SAMPLE marker's sentence in the report's language: its first line is Vietnamese, its second
    (when present) English."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[1] if lang == "en" and len(lines) > 1 else lines[0]


# --- charts ---------------------------------------------------------------------------------------------------
def _chunks(items: Sequence[T], size: int = CHART_ROWS) -> list[Sequence[T]]:
    """Equal pieces of at most `size` rows: each piece is one chart that may move to the next page."""
    pieces = max(1, -(-len(items) // size))
    step = -(-len(items) // pieces)
    return [items[i:i + step] for i in range(0, len(items), step)]


def bar_charts(view: GroupView, criteria: Criteria, w: Words) -> list[Markup]:
    bars = [charts.Bar(u.score.name, u.score.index, charts.band_colour(_band_position(criteria, u.band)),
                       w.num(u.score.index, view.decimals(u))) for u in view.units]
    return [charts.bar_chart(chunk, criteria.scale, lambda x: w.num(x, 1)) for chunk in _chunks(bars)]


def interval_charts(view: GroupView, w: Words) -> list[Markup]:
    items = [charts.Interval(u.score.name, u.robustness.low, u.robustness.high, u.robustness.median, u.rank)
             for u in view.units if u.robustness is not None]
    legend = (w("report.interval_line"), w("report.interval_median"), w("report.interval_official"))
    return [charts.interval_chart(chunk, len(view.units), legend) for chunk in _chunks(items)]


def loose_list(view: GroupView) -> str:
    """'Name (3–9); …' for the units whose rank is not firm, in rank order (the site's index)."""
    return "; ".join(f"{u.score.name} ({u.robustness.low}–{u.robustness.high})"
                     for u in view.loose if u.robustness is not None)


def histograms(views: Sequence[GroupView], criteria: Criteria, w: Words) -> list[tuple[str, Markup]]:
    return [(v.group.title, charts.histogram([u.score.index for u in v.units], criteria.scale,
                                             lambda x: w.num(x, 1, fixed=False))) for v in views]


def pillar_chart(item: Breakdown, criteria: Criteria, w: Words) -> Markup:
    triples = [charts.Triple(f"{p.pillar} — {stats.title}", p.index, stats.mean, stats.best)
               for p, stats in zip(item.unit.score.pillars, item.view.pillars, strict=True)]
    legend = (w("report.this_unit"), w("report.group_mean"), w("report.group_best"))
    return charts.pillar_chart(triples, criteria.scale, lambda x: w.num(x, 2), legend,
                               w("report.status.not_applicable").lower())


def pillar_width(view: GroupView) -> float:
    """Millimetres per pillar column of the ranking table: what is left after the fixed columns."""
    return round(min(13.0, 92.0 / max(len(view.group.pillars), 1)), 1)


def weight_spread(concentration: float, weight: float = 0.1) -> float:
    """The standard deviation of a pillar's drawn weight around its published `weight`: the Dirichlet's
    √(w(1 − w) / (concentration + 1)); 0 for an infinite concentration (the published weights)."""
    return 0.0 if math.isinf(concentration) else math.sqrt(weight * (1 - weight) / (concentration + 1))


def heat_legend() -> list[tuple[float, str]]:
    """The colour scale of the ranking table's pillar cells, at 0, 0.25, … 1 of the scale."""
    return [(x / 4, charts.heat(x / 4)) for x in range(5)]


def task_notes(inputs: Inputs, unit: str, indicator: str, w: Words) -> list[str]:
    """What a breakdown says under a `source: tasks` indicator: where the value comes from, the counts
    behind it ('18/20 done on time, 1 late, 1 not done'), then each late and undone task with its deadline."""
    done = inputs.completions.get((unit, indicator))
    value = inputs.task_values.get((unit, indicator))
    if done is None or value is None:
        return []
    notes = [w("tasks.from_register", date=day_text(date.fromisoformat(value.measured_at), w))]
    if done.due:
        notes.append(w("tasks.counts", on_time=w.count(done.on_time), due=w.count(done.due),
                       late=w.count(done.late), undone=w.count(done.undone)))
    notes += [w("tasks.late_item", task=t.task, title=t.title, deadline=day_text(t.deadline, w),
                done=day_text(t.done_on, w)) for t in done.late_tasks if t.done_on is not None]
    notes += [w("tasks.undone_item", task=t.task, title=t.title, deadline=day_text(t.deadline, w))
              for t in done.undone_tasks]
    return notes


# --- templates ----------------------------------------------------------------------------------------------
@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    env.globals.update(describe_rule=describe_rule, describe_node=describe_node, shown_points=shown_points,
                       applies_text=applies_text, isinstance=isinstance,
                       measurement_note=measurement_note, task_notes=task_notes,
                       Indicator=Indicator, base_url=BASE_URL, zip=zip,
                       nodes=pillar_nodes, pillar_width=pillar_width, firm_limit=firm_limit, heat_legend=heat_legend,
                       loose_list=loose_list, weight_spread=weight_spread)
    return env


def _common(ranking: Ranking, options: Mapping[str, object], w: Words) -> dict[str, Any]:
    criteria = ranking.criteria
    day = report_date()
    return {"w": w, "criteria": criteria, "ranking": ranking, "sample": bool(ranking.inputs.sample),
            "sample_text": sample_line(ranking.inputs.sample, w.lang), "options": options,
            "option_rows": option_rows(options, w),
            "version": __version__, "draft_mark": w("stage.draft") if options.get("stage") == "draft" else "",
            "created": day.strftime("%Y-%m-%dT%H:%M:%SZ"), "decimals": criteria.decimals,
            "cover_date": day.strftime("%d/%m/%Y" if w.lang == "vi" else "%Y-%m-%d"),
            "band_colour": lambda label: charts.band_colour(_band_position(criteria, label)),
            "status": lambda status: status_text(status, w), "change_status": lambda status: change_status(status, w),
            "method_words": lambda method: w(METHODS[method])}


def _band_position(criteria: Criteria, label: str) -> int:
    """The colour of a band label: its place in the file's bands, or in a group's own bands."""
    lists = [criteria.bands, *(g.bands for g in criteria.groups if g.bands is not None)]
    return next((i for bands in lists for i, b in enumerate(bands) if b.label == label), len(criteria.bands))


def publication_html(ranking: Ranking, options: Mapping[str, object], lang: Lang) -> str:
    w = Words(lang)
    views = [group_view(ranking, g) for g in ranking.criteria.groups if ranking.group(g.id)]
    return environment().get_template("publication.html").render(
        **_common(ranking, options, w), views=views, inputs=list(provenance(ranking).items()),
        criteria_file=criteria_name(ranking),
        heat=lambda x: charts.heat(None if x is None else x / ranking.criteria.scale),
        histograms=histograms(views, ranking.criteria, w),
        bar_charts=lambda v: bar_charts(v, ranking.criteria, w), interval_charts=lambda v: interval_charts(v, w))


def breakdown_html(ranking: Ranking, item: Breakdown, options: Mapping[str, object], lang: Lang) -> str:
    w = Words(lang)
    return environment().get_template("breakdown.html").render(
        **_common(ranking, options, w), b=item, pillar_chart=lambda b: pillar_chart(b, ranking.criteria, w))


# --- rendering ----------------------------------------------------------------------------------------------
@cache
def font_configuration(store: RenderCache | None) -> FontConfiguration:
    """One fontconfig set-up per process (and render cache, where the trimmed fonts come from), shared by its
    documents: registering the @font-face fonts again for every document cost 3 % of a breakdown's render and
    6 % of the publication's; the PDFs are the same."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def pdf_bytes(html: str, store: RenderCache | None = None) -> bytes:
    """One PDF from one HTML text, loading nothing but the project's assets (trimmed fonts from `store`)."""
    from weasyprint import HTML

    fetcher = partial(fetch_asset, store=store)
    return bytes(HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        attachments=[], pdf_identifier=hashlib.sha256(html.encode("utf-8")).digest()[:16],
        font_config=font_configuration(store)))


@dataclass(frozen=True)
class Reports:
    """What write_reports wrote: every file (the publication first) and, by name inside the output folder
    (`dti-2025.pdf`, `units/UNIT.pdf`), which documents were rendered and which came from the render cache."""

    files: tuple[Path, ...]
    rendered: tuple[str, ...]
    reused: tuple[str, ...]


def documents(ranking: Ranking, folder: Path, options: Mapping[str, object], lang: Lang,
              draft: RunDiff | None = None, units: Collection[str] | None = None) -> Iterator[tuple[Path, str]]:
    """(file, HTML) of every document, the longest first: the publication, then the breakdowns, groups with
    more indicators first; with `units`, only those units' breakdowns. Lazy: each HTML is made when the
    renderer asks for it, so that the PDF stage holds a few documents at a time however many units there are."""
    if units is None:
        yield inside(folder, f"dti-{ranking.criteria.edition}", ".pdf"), publication_html(ranking, options, lang)
    by_unit: dict[str, list[IndicatorScore]] = {}
    for s in ranking.indicators:
        by_unit.setdefault(s.unit, []).append(s)
    for group in sorted(ranking.criteria.groups, key=lambda g: -sum(1 for p in g.pillars for _ in p.leaves())):
        if not ranking.group(group.id):
            continue
        view = group_view(ranking, group)
        for u in view.units if units is None else (u for u in view.units if u.score.unit in units):
            item = breakdown(ranking, view, u, by_unit.get(u.score.unit, []), draft)
            yield inside(folder / "units", u.score.unit, ".pdf"), breakdown_html(ranking, item, options, lang)


def write_reports(ranking: Ranking, folder: Path, options: Mapping[str, object], lang: Lang,
                  draft: RunDiff | None = None, workers: int | None = None, cache: Path | None = None,
                  progress: Step | None = None, meanwhile: Meanwhile | None = None) -> Reports:
    """dti-YEAR.pdf and units/UNIT.pdf into `folder` (the staged output, fresh), rendered by `workers`
    processes (default: every available core) or taken from the render cache in `cache` when their content
    is unchanged; `progress(done, total)` is called after each document, `meanwhile` once every document
    is handed out (render_documents). The cache then keeps this run's entries, those `meanwhile` used, and
    a few earlier runs' (render_cache.prune)."""
    folder = folder.resolve()
    (folder / "units").mkdir(exist_ok=True)
    store = RenderCache(cache, render_salt([path for path, _ in assets().values()], Path(__file__))) if cache else None
    return render_documents(documents(ranking, folder, options, lang, draft), folder, store, workers or cores(),
                            progress, 1 + len(ranking.units), meanwhile)


Job = tuple[Path, str, str]
"""A document to render: its file, its cache key ('' without a cache) and its HTML."""
Meanwhile = Callable[[], Collection[str]]
"""This process's own work while the render processes finish (the workbook, the site): it shortens a re-run
whose last task is the publication; returns the render-cache keys it used, kept when the cache is pruned."""


def render_documents(jobs: Iterable[tuple[Path, str]], folder: Path, cache: RenderCache | None,
                     workers: int, progress: Step | None = None, total: int = 0,
                     meanwhile: Meanwhile | None = None) -> Reports:
    """Every document (file, HTML) from the cache when its key is there, else rendered (in this process for
    one worker); the files lie in `folder`; `progress(done, total)` after each; `meanwhile` as soon as the
    last document is handed to a worker (with one worker, after the last is rendered)."""
    files: list[Path] = []
    rendered: list[str] = []
    reused: list[str] = []
    keys: set[str] = set()
    written = 0

    def misses() -> Iterator[Job]:
        for path, html in jobs:
            files.append(path)
            name = path.relative_to(folder).as_posix()
            key = cache.key(html) if cache is not None else ""
            keys.add(key)
            pdf = cache.get(key) if cache is not None else None
            if pdf is None:
                rendered.append(name)
                yield path, key, html
            else:
                reused.append(name)
                path.write_bytes(pdf)
                step()

    def write(job: Job, pdf: bytes) -> None:
        job[0].write_bytes(pdf)
        if cache is not None:
            cache.put(job[1], pdf)
        step()

    def step() -> None:
        nonlocal written
        written += 1
        if progress is not None:
            progress(written, total)

    used: set[str] = set()

    def own_work() -> None:
        if meanwhile is not None:
            used.update(meanwhile())

    if workers < 2:
        for job in misses():
            write(job, pdf_bytes(job[2], cache))
        own_work()
    else:
        _parallel(misses(), write, workers, cache, own_work)
    if cache is not None:
        cache.prune(keys | {cache.key(f"asset:{name}") for name in assets()} | used - {""})
    return Reports(tuple(files), tuple(rendered), tuple(reused))


def _render_one(html: str, store: RenderCache | None) -> bytes:
    """A worker's task: one document, returned as bytes (the parent writes every file); a worker whose dti
    has died stops before the next one."""
    if parent_gone():
        os._exit(1)
    return pdf_bytes(html, store)


def _parallel(jobs: Iterator[Job], write: Callable[[Job, bytes], None], workers: int,
              store: RenderCache | None, meanwhile: Callable[[], None]) -> None:
    """One document per task to `workers` spawned processes (no forked state), the longest first, so that no
    worker is left with a long queue when the others finish. The pool starts with the first document to
    render (nothing to render, no process) and holds two tasks per worker: HTML is made only as fast as the
    workers take it. The workers die with dti; on any error or signal (KeyboardInterrupt, SIGTERM raised as an
    exception by the command line) the queued documents are cancelled and the workers ended before the
    exception goes on, so nothing writes into the staged folder while it is removed. Once every document is
    handed out, this process does `meanwhile` while the workers finish."""
    import multiprocessing

    running: dict[Future[bytes], Job] = {}
    pool: ProcessPoolExecutor | None = None
    before = set(multiprocessing.active_children())
    try:
        for job in jobs:
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=die_with_parent, initargs=(os.getpid(),))
            with signals_held((signal.SIGINT,)):  # a worker started here is deaf to the terminal's Ctrl-C
                running[pool.submit(_render_one, job[2], store)] = job
            if len(running) >= 2 * workers:
                _collect(running, write, FIRST_COMPLETED)
        meanwhile()
        _collect(running, write, ALL_COMPLETED)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            stop(p for p in multiprocessing.active_children() if p not in before)
        raise
    if pool is not None:
        pool.shutdown()


def _collect(running: dict[Future[bytes], Job], write: Callable[[Job, bytes], None], when: str) -> None:
    done, _ = wait(running, return_when=when)
    for future in done:
        write(running.pop(future), future.result())
