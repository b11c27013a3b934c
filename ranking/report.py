"""Stage 6 — the PDF reports: the publication `dti-YEAR.pdf` and one breakdown `units/UNIT.pdf` per unit,
jinja2 templates rendered by weasyprint. This is the one module that imports weasyprint (lazily: it costs
about a second). weasyprint may read only the project's own assets, served by `fetch_asset`; anything an
input could name (file://, http://, data:) is refused, and templates escape every value."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import math
import os
import signal
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2
from markupsafe import Markup

from ranking import __version__, charts
from ranking.criteria import (
    Composite,
    Criteria,
    Group,
    Indicator,
    Node,
    Pillar,
)
from ranking.errors import Lang
from ranking.i18n import LABELS, Words, describe_rule, measurement_note
from ranking.ranking import Ranking, UnitResult, firm_limit
from ranking.scoring import IndicatorScore
from ranking.system import die_with_parent, parent_gone, signals_held, stop
from ranking.tables import criteria_name, inside, provenance, source_date

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

    from ranking.diff import IndicatorChange, RunDiff, UnitChange

HERE = Path(__file__).resolve().parent
BASE_URL = "dti-asset:/"
CHART_ROWS = 64  # bars per chart column: two columns of this many fit one A4 page
WORKERS = 2
SERIAL_BELOW = 6  # this many documents or fewer render in-process: a worker's start costs more
T = TypeVar("T")
Step = Callable[[int, int], None]
# The scripts the reports print (Latin with Vietnamese, Greek, Cyrillic, punctuation, arrows, maths, shapes).
UNICODE_RANGES = ((0x20, 0x52F), (0x1E00, 0x1EFF), (0x2000, 0x22FF), (0x2500, 0x25FF))


# --- assets: the only resources weasyprint may load ------------------------------------------------------
def _font_dir() -> Path:
    """DejaVu Sans ships with matplotlib, a dependency: the fonts come with the project, not the machine."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise RuntimeError("matplotlib is not installed; it provides the reports' font")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@cache
def assets() -> Mapping[str, tuple[Path, str]]:
    """URL name → (file, media type) of everything a report may load."""
    fonts = _font_dir()
    return {
        "report.css": (HERE / "assets" / "report.css", "text/css"),
        "sans.ttf": (fonts / "DejaVuSans.ttf", "font/ttf"),
        "sans-bold.ttf": (fonts / "DejaVuSans-Bold.ttf", "font/ttf"),
    }


@cache
def asset_bytes(name: str) -> bytes:
    """An asset's bytes; fonts lose their layout tables (kerning, ligatures), as the precomposed
    Vietnamese letters need none, which makes weasyprint's per-document font subsetting ~10x faster."""
    path, media_type = assets()[name]
    if media_type != "font/ttf":
        return path.read_bytes()
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


def fetch_asset(url: str) -> URLFetcherResponse:
    """weasyprint's url_fetcher: serve the project's assets by name, refuse every other URL."""
    from weasyprint.urls import URLFetcherResponse

    name = url.removeprefix(BASE_URL) if url.startswith(BASE_URL) else ""
    if name not in assets():
        raise ValueError(f"dti reports load only their own assets; refused {url[:80]!r}")
    return URLFetcherResponse(url, asset_bytes(name), {"Content-Type": assets()[name][1]})


# --- numbers and words ----------------------------------------------------------------------------------
def report_date() -> datetime:
    """The date a report carries: SOURCE_DATE_EPOCH when set (byte-identical PDFs), else today."""
    return source_date() if "SOURCE_DATE_EPOCH" in os.environ else datetime.now(UTC).replace(tzinfo=None)


# --- what the templates show ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PillarStats:
    id: str
    title: str
    mean: float | None
    best: float | None
    leaders: tuple[tuple[UnitResult, float], ...]
    trailers: tuple[tuple[UnitResult, float], ...]


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

    def rank_label(self, u: UnitResult) -> str:
        """'15=' where the rank is shared."""
        return f"{u.rank}=" if u.rank in self.tied else str(u.rank)



def group_view(ranking: Ranking, group: Group, n: int = 3) -> GroupView:
    units = ranking.group(group.id)
    values = [u.score.index for u in units]
    mean = sum(values) / len(values) if values else 0.0
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) if values else 0.0
    counts: dict[int, int] = {}
    for u in units:
        counts[u.rank] = counts.get(u.rank, 0) + 1
    pillars = []
    for pillar in group.pillars:
        scored = sorted(((u, i) for u in units if (i := u.score.pillar_index(pillar.id)) is not None),
                        key=lambda pair: (-pair[1], pair[0].score.unit))
        indices = [i for _, i in scored]
        pillars.append(PillarStats(
            pillar.id, pillar.title, sum(indices) / len(indices) if indices else None, max(indices, default=None),
            tuple(scored[:n]), tuple(reversed(scored[max(n, len(scored) - n):]))))
    return GroupView(
        group, units, mean, sd, min(values, default=0.0), max(values, default=0.0),
        frozenset(r for r, c in counts.items() if c > 1), tuple(pillars),
        any(u.previous is not None for u in units), any(u.robustness is not None for u in units),
        tuple(u for u in units if u.robustness is not None and not u.robustness.is_firm(u.group_size)))


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


@dataclass(frozen=True)
class Lift:
    """What it takes to move up one rank: reach the index of the nearest unit above."""

    rank: int
    name: str
    index: float
    points: float


@dataclass(frozen=True)
class Breakdown:
    unit: UnitResult
    view: GroupView
    pillars: tuple[tuple[str, Sequence[Line]], ...]
    lost: tuple[Line, ...]
    lift: Lift | None
    draft: tuple[UnitChange | None, tuple[IndicatorChange, ...]] | None


def _lift(unit: UnitResult, view: GroupView, scale: float) -> Lift | None:
    above = [u for u in view.units if u.rank < unit.rank]
    if not above:
        return None
    target = min(above, key=lambda u: (u.score.index, u.score.unit))
    gap = (target.score.index - unit.score.index) * unit.score.max_points / scale
    return Lift(target.rank, target.score.name, target.score.index, gap)


def breakdown(ranking: Ranking, view: GroupView, unit: UnitResult, lines: Sequence[IndicatorScore],
              draft: RunDiff | None, n_lost: int = 5) -> Breakdown:
    group = view.group
    by_id = {s.indicator: s for s in lines}
    pillars = tuple(
        (p.title, [Line(leaf, by_id[leaf.id]) for leaf in p.leaves() if leaf.id in by_id]) for p in group.pillars)
    every = [line for _, ls in pillars for line in ls if line.score.status != "not_applicable"]
    lost = tuple(sorted((line for line in every if line.left > 1e-9), key=lambda x: -x.left)[:n_lost])
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
    return "—" if status is None else w(f"report.status.{status}") if f"report.status.{status}" in LABELS else status


# --- charts ---------------------------------------------------------------------------------------------------
def _chunks(items: Sequence[T], size: int = CHART_ROWS) -> list[Sequence[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _chart_size(n: int) -> tuple[float, float]:
    """(width, label width): one full-width chart for a short group, two columns for a long one."""
    return (670.0, 230.0) if n <= CHART_ROWS else (330.0, 125.0)


def bar_charts(view: GroupView, criteria: Criteria, w: Words) -> list[Markup]:
    bars = [charts.Bar(u.score.name, u.score.index, charts.band_colour(_band_position(criteria, u.band)))
            for u in view.units]
    width, label = _chart_size(len(bars))
    return [charts.bar_chart(chunk, criteria.scale, lambda x: w.num(x, 3), width, label) for chunk in _chunks(bars)]


def interval_charts(view: GroupView) -> list[Markup]:
    items = [charts.Interval(u.score.name, u.robustness.low, u.robustness.high, u.robustness.median)
             for u in view.units if u.robustness is not None]
    width, label = _chart_size(len(items))
    return [charts.interval_chart(chunk, len(view.units), width, label) for chunk in _chunks(items)]


def loose_list(view: GroupView) -> str:
    """'Name (3–9); …' for the units whose rank is not firm, in rank order."""
    return "; ".join(f"{u.score.name} ({u.robustness.low}–{u.robustness.high})"
                     for u in view.loose if u.robustness is not None)


def histograms(views: Sequence[GroupView], criteria: Criteria, w: Words) -> list[tuple[str, Markup]]:
    return [(v.group.title, charts.histogram([u.score.index for u in v.units], criteria.scale,
                                             lambda x: w.num(x, 1, fixed=False))) for v in views]


def pillar_chart(item: Breakdown, criteria: Criteria, w: Words) -> Markup:
    triples = [charts.Triple(f"{p.pillar} — {stats.title}", p.index, stats.mean, stats.best)
               for p, stats in zip(item.unit.score.pillars, item.view.pillars, strict=True)]
    legend = (w("report.this_unit"), w("report.group_mean"), w("report.group_best"))
    return charts.pillar_chart(triples, criteria.scale, lambda x: w.num(x, 2), legend)


def pillar_width(view: GroupView) -> float:
    """Millimetres per pillar column of the ranking table: what is left after the fixed columns."""
    return round(min(13.0, 92.0 / max(len(view.group.pillars), 1)), 1)


# --- templates ----------------------------------------------------------------------------------------------
@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    env.globals.update(describe_rule=describe_rule, applies_text=applies_text, isinstance=isinstance,
                       measurement_note=measurement_note,
                       Indicator=Indicator, base_url=BASE_URL, zip=zip,
                       nodes=pillar_nodes, pillar_width=pillar_width, loose_list=loose_list, firm_limit=firm_limit)
    return env


def _common(ranking: Ranking, options: Mapping[str, object], w: Words) -> dict[str, Any]:
    criteria = ranking.criteria
    day = report_date()
    return {"w": w, "criteria": criteria, "ranking": ranking, "sample": bool(ranking.inputs.sample),
            "sample_text": ranking.inputs.sample, "options": options, "version": __version__,
            "draft_mark": w("stage.draft") if options.get("stage") == "draft" else "",
            "created": day.strftime("%Y-%m-%dT%H:%M:%SZ"), "decimals": criteria.decimals,
            "cover_date": day.strftime("%d/%m/%Y" if w.lang == "vi" else "%Y-%m-%d"),
            "band_colour": lambda label: charts.band_colour(_band_position(criteria, label)),
            "status": lambda status: status_text(status, w)}


def _band_position(criteria: Criteria, label: str) -> int:
    return next((i for i, b in enumerate(criteria.bands) if b.label == label), len(criteria.bands))


def publication_html(ranking: Ranking, options: Mapping[str, object], lang: Lang) -> str:
    w = Words(lang)
    views = [group_view(ranking, g) for g in ranking.criteria.groups if ranking.group(g.id)]
    return environment().get_template("publication.html").render(
        **_common(ranking, options, w), views=views, inputs=list(provenance(ranking).items()),
        criteria_file=criteria_name(ranking),
        heat=lambda x: charts.heat(None if x is None else x / ranking.criteria.scale),
        histograms=histograms(views, ranking.criteria, w),
        bar_charts=lambda v: bar_charts(v, ranking.criteria, w), interval_charts=interval_charts)


def breakdown_html(ranking: Ranking, item: Breakdown, options: Mapping[str, object], lang: Lang) -> str:
    w = Words(lang)
    return environment().get_template("breakdown.html").render(
        **_common(ranking, options, w), b=item, pillar_chart=lambda b: pillar_chart(b, ranking.criteria, w))


# --- rendering ----------------------------------------------------------------------------------------------
def pdf_bytes(html: str) -> bytes:
    """One PDF from one HTML text, loading nothing but the project's assets."""
    from weasyprint import HTML

    return bytes(HTML(string=html, base_url=BASE_URL, url_fetcher=fetch_asset).write_pdf(
        attachments=[], pdf_identifier=hashlib.sha256(html.encode("utf-8")).digest()[:16]))


def _render_many(jobs: Sequence[tuple[Path, str]]) -> None:
    """Render and write documents one by one; a worker whose dti has died stops before the next one."""
    for path, html in jobs:
        if parent_gone():
            os._exit(1)
        path.write_bytes(pdf_bytes(html))


def write_reports(ranking: Ranking, folder: Path, options: Mapping[str, object], lang: Lang,
                  draft: RunDiff | None = None, workers: int = WORKERS, progress: Step | None = None) -> list[Path]:
    """dti-YEAR.pdf and units/UNIT.pdf into `folder` (the staged output, fresh); returns the files written.

    Every document is independent: they are rendered in `workers` processes, the publication (the longest)
    first; `progress(done, total)` is called after each one."""
    units_dir = folder / "units"
    units_dir.mkdir(exist_ok=True)
    by_unit: dict[str, list[IndicatorScore]] = {}
    for s in ranking.indicators:
        by_unit.setdefault(s.unit, []).append(s)
    jobs: list[tuple[Path, str]] = [
        (inside(folder, f"dti-{ranking.criteria.edition}", ".pdf"), publication_html(ranking, options, lang))]
    for group in ranking.criteria.groups:
        if not ranking.group(group.id):
            continue
        view = group_view(ranking, group)
        for u in view.units:
            item = breakdown(ranking, view, u, by_unit.get(u.score.unit, []), draft)
            jobs.append((inside(units_dir, u.score.unit, ".pdf"), breakdown_html(ranking, item, options, lang)))
    report = progress or (lambda done, total: None)
    if len(jobs) <= SERIAL_BELOW or workers < 2:
        for done, job in enumerate(jobs, start=1):
            _render_many([job])
            report(done, len(jobs))
    else:
        _parallel(jobs, workers, report)
    return [path for path, _ in jobs]


def _parallel(jobs: Sequence[tuple[Path, str]], workers: int, progress: Step) -> None:
    """Every document in worker processes (spawned: no forked state) that die with dti. On any error or
    signal (KeyboardInterrupt, SIGTERM raised as an exception by the command line) the queued documents
    are cancelled and the workers ended before the exception goes on, so nothing writes into the staged
    folder while it is removed."""
    import multiprocessing
    from concurrent.futures import as_completed

    context = multiprocessing.get_context("spawn")
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent,
                               initargs=(os.getpid(),))
    try:
        with signals_held((signal.SIGINT,)):  # the workers start deaf to the terminal's Ctrl-C
            futures = [pool.submit(_render_many, [job]) for job in jobs]
        for done, future in enumerate(as_completed(futures), start=1):
            future.result()
            progress(done, len(jobs))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        stop(p for p in multiprocessing.active_children() if p not in before)
        raise
    pool.shutdown()
