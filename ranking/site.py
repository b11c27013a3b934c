"""The ranking as a static web site, `site/` beside the PDFs: an index with one sortable ranking per group,
one page per unit (what its breakdown PDF says), a methodology page from the criteria, and links to the
PDFs and tables. Written straight from the Ranking (no PDF needed, so it costs a fraction of their time),
with the report's own views and number formats. Nothing in it loads from another host: a
Content-Security-Policy forbids it, the CSS and the few kilobytes of JavaScript are the project's own, and
every page reads complete with JavaScript off. Templates autoescape; unit ids become file names through
output.inside, so none can land outside site/."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from ranking import charts
from ranking.errors import Lang
from ranking.i18n import Words
from ranking.output import inside
from ranking.ranking import Ranking, UnitResult
from ranking.report import (
    _band_position,
    _common,
    bar_charts,
    breakdown,
    group_view,
    pillar_chart,
)
from ranking.report import environment as report_environment
from ranking.scoring import IndicatorScore
from ranking.tables import criteria_name, provenance

if TYPE_CHECKING:
    from ranking.diff import RunDiff

HERE = Path(__file__).resolve().parent
ASSETS = ("site.css", "site.js")
HEAT_STEPS = 5  # pillar cells take one of five background shades (classes h0–h4), from charts.heat
# Files of the output folder that the site links to when they are there (the tables always are).
DOWNLOADS = (("results.xlsx", "site.results_xlsx"), ("results.csv", "site.results_csv"),
             ("indicator_scores.csv", "site.indicators_csv"), ("run.json", "site.run_json"))


@dataclass(frozen=True)
class Download:
    href: str
    label: str
    name: str


@cache
def environment() -> jinja2.Environment:
    """The site's templates with the report's helpers (a copy of its globals) and the same escaping."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates" / "site"), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(report_environment().globals)
    env.globals.update(heat_class=heat_class, sort_key=sort_key, firm=firm, index_delta=index_delta)
    return env


def heat_class(index: float | None, scale: float) -> str:
    """The shade class of a pillar index (a CSS class: the page's policy allows no inline style)."""
    if index is None:
        return "h-none"
    return f"h{round(min(max(index / scale, 0.0), 1.0) * (HEAT_STEPS - 1))}"


def sort_key(value: float | int | None) -> str:
    """A number as the page's script sorts it (the shown text may use a decimal comma); '' sorts last."""
    return "" if value is None else repr(float(value))


def palette_css(criteria_bands: int) -> str:
    """Band and heat colours as CSS classes, from the charts' palette (one source for PDF and web)."""
    bands = [f".band-{i}{{background:{charts.band_colour(i)}}}" for i in range(max(criteria_bands, 1))]
    heat = [f".h{i}{{background:{charts.heat(i / (HEAT_STEPS - 1))}}}" for i in range(HEAT_STEPS)]
    return "\n".join(["/* generated from ranking/charts.py */", *bands, *heat]) + "\n"


def titled(svg: Markup, title: str, ident: str) -> Markup:
    """An inline SVG chart announced as an image with a title (its data is in the table beside it)."""
    text = str(svg)
    end = text.index(">", text.index("<svg"))
    return (Markup(text[:end]) + Markup(' role="img" aria-labelledby="{}">').format(ident)
            + Markup('<title id="{}">{}</title>').format(ident, title) + Markup(text[end + 1:]))


def unit_file(units_dir: Path, unit_id: str) -> str:
    """The unit page's file name, checked to stay inside units/."""
    return inside(units_dir, unit_id, ".html").name


def _downloads(folder: Path, ranking: Ranking, w: Words, prefix: str, pdfs: bool) -> list[Download]:
    """The outputs beside site/ that exist, and the publication when `pdfs` says the run is writing it."""
    publication = f"dti-{ranking.criteria.edition}.pdf"
    named = [(publication, "site.publication_pdf"), *DOWNLOADS]
    return [Download(prefix + quote(name), w(key), name) for name, key in named
            if (folder / name).is_file() or (pdfs and name == publication)]


def write_site(ranking: Ranking, folder: Path, options: Mapping[str, object], lang: Lang,
               draft: RunDiff | None = None, pdfs: bool = False) -> list[Path]:
    """`folder`/site/: index.html, methodology.html, units/UNIT.html and the two assets; returns the files.
    The pages link the PDFs that are in `folder`, or with `pdfs` every PDF, which the run is writing there
    (`dti run` writes the site while its workers render).

    `folder` is the staged output: a site left there by an earlier run is replaced as a whole."""
    site = folder / "site"
    shutil.rmtree(site, ignore_errors=True)
    units_dir = site / "units"
    units_dir.mkdir(parents=True)
    w = Words(lang)
    env = environment()
    criteria = ranking.criteria
    views = [group_view(ranking, g) for g in criteria.groups if ranking.group(g.id)]
    pages = {u.score.unit: unit_file(units_dir, u.score.unit) for v in views for u in v.units}
    common: dict[str, Any] = {
        **_common(ranking, options, w), "views": views, "draft": options.get("stage") == "draft",
        "band_class": lambda label: f"band-{_band_position(criteria, label)}",
        "unit_href": lambda u: "units/" + quote(pages[u.score.unit]),
    }
    written: list[Path] = []

    def page(path: Path, template: str, root: str, **extra: Any) -> None:
        html = env.get_template(template).render(**common, root=root, **extra)
        path.write_text(html, encoding="utf-8", newline="")
        written.append(path)

    charts_of = {v.group.id: [titled(svg, w("site.chart_of", title=v.group.title), f"chart-{v.group.id}-{i}")
                              for i, svg in enumerate(bar_charts(v, criteria, w))] for v in views}
    page(site / "index.html", "index.html", "", charts=charts_of, inputs=list(provenance(ranking).items()),
         criteria_file=criteria_name(ranking),
         downloads=_downloads(folder, ranking, w, "../", pdfs))
    page(site / "methodology.html", "methodology.html", "")
    by_unit: dict[str, list[IndicatorScore]] = {}
    for s in ranking.indicators:
        by_unit.setdefault(s.unit, []).append(s)
    for view in views:
        for u in view.units:
            item = breakdown(ranking, view, u, by_unit.get(u.score.unit, []), draft)
            pdf = f"{u.score.unit}.pdf"
            page(units_dir / pages[u.score.unit], "unit.html", "../", b=item,
                 chart=titled(pillar_chart(item, criteria, w), w("report.pillars"), "chart-pillars"),
                 pdf="../../units/" + quote(pdf) if pdfs or (folder / "units" / pdf).is_file() else None)
    bands = max(len(criteria.bands_of(g.id)) for g in criteria.groups)  # a group's own bands may be more
    css = (HERE / "assets" / "site.css").read_text(encoding="utf-8") + palette_css(bands)
    (site / "site.css").write_text(css, encoding="utf-8", newline="")
    shutil.copyfile(HERE / "assets" / "site.js", site / "site.js")
    return [*written, site / "site.css", site / "site.js"]


def index_delta(u: UnitResult) -> float | None:
    """The change of the index since the previous edition (None where there is nothing to compare)."""
    if u.previous is None or u.previous.index is None:
        return None
    return u.score.index - u.previous.index


def firm(u: UnitResult) -> bool | None:
    """Whether the unit's rank is firm under the robustness analysis (None: no analysis)."""
    return None if u.robustness is None else u.robustness.is_firm(u.group_size)

