"""The ranking as a static web site, `site/` beside the PDFs: an index with one sortable ranking per group,
one page per unit (what its breakdown PDF says), a methodology page from the criteria, and links to the
PDFs and tables. Written from the run's one presentation (views.Presentation), which the PDFs render too, so
every figure reads as in the PDFs; no PDF is needed, so it costs a fraction of their time. Nothing in it loads
from another host: a
Content-Security-Policy forbids it, the CSS and the few kilobytes of JavaScript are the project's own, and
every page reads complete with JavaScript off. Templates autoescape; unit ids become file names through
output.inside, so none can land outside site/."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import jinja2

from ranking import charts
from ranking.output import inside
from ranking.views import HEAT_STEPS, Presentation, templates

HERE = Path(__file__).resolve().parent
ASSETS = ("site.css", "site.js")
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
    """The site's templates, with the parts they share with the PDF."""
    return templates(HERE / "templates" / "site")


def palette_css(criteria_bands: int) -> str:
    """Band and heat colours as CSS classes, from the charts' palette (one source for PDF and web)."""
    bands = [f".band-{i}{{background:{charts.band_colour(i)}}}" for i in range(max(criteria_bands, 1))]
    heat = [f".h{i}{{background:{charts.heat(i / (HEAT_STEPS - 1))}}}" for i in range(HEAT_STEPS)]
    return "\n".join(["/* generated from ranking/charts.py */", *bands, *heat]) + "\n"


def unit_file(units_dir: Path, unit_id: str) -> str:
    """The unit page's file name, checked to stay inside units/."""
    return inside(units_dir, unit_id, ".html").name


def _downloads(folder: Path, p: Presentation, prefix: str, pdfs: bool) -> list[Download]:
    """The outputs beside site/ that exist, and the publication when `pdfs` says the run is writing it."""
    publication = f"dti-{p.criteria.edition}.pdf"
    named = [(publication, "site.publication_pdf"), *DOWNLOADS]
    return [Download(prefix + quote(name), p.w(key), name) for name, key in named
            if (folder / name).is_file() or (pdfs and name == publication)]


def write_site(p: Presentation, folder: Path, pdfs: bool = False) -> list[Path]:
    """`folder`/site/: index.html, methodology.html, units/UNIT.html, tasks-GROUP.html where the year has a
    task register, and the two assets; returns the files. The pages link the PDFs that are in `folder`, or
    with `pdfs` every PDF, which the run is writing there (`dti run` writes the site while its workers render).

    `folder` is the staged output: a site left there by an earlier run is replaced as a whole."""
    site = folder / "site"
    shutil.rmtree(site, ignore_errors=True)
    units_dir = site / "units"
    units_dir.mkdir(parents=True)
    env = environment()
    pages = {row.unit: unit_file(units_dir, row.unit) for g in p.groups for row in g.rows}
    tasks = {g.id: inside(site, f"tasks-{g.id}", ".html").name if g.tasks is not None else "" for g in p.groups}
    common = {**p.context(), "unit_href": lambda unit: "units/" + quote(pages[unit])}
    written: list[Path] = []

    def page(path: Path, template: str, root: str, **extra: object) -> None:
        html = env.get_template(template).render(**common, root=root, **extra)
        path.write_text(html, encoding="utf-8", newline="")
        written.append(path)

    page(site / "index.html", "index.html", "", downloads=_downloads(folder, p, "../", pdfs),
         tasks_pages={gid: quote(name) for gid, name in tasks.items()})
    page(site / "methodology.html", "methodology.html", "")
    for g in p.groups:
        if g.tasks is not None:
            page(site / tasks[g.id], "tasks.html", "", g=g, t=g.tasks)
        for row in g.rows:
            b = p.page(row.unit)
            pdf = f"{row.unit}.pdf"
            page(units_dir / pages[row.unit], "unit.html", "../", b=b,
                 tasks="../" + quote(tasks[g.id]) if tasks[g.id] else "",
                 pdf="../../units/" + quote(pdf) if pdfs or (folder / "units" / pdf).is_file() else None)
    bands = max(len(p.criteria.bands_of(g.id)) for g in p.criteria.groups)  # a group's own bands may be more
    css = (HERE / "assets" / "site.css").read_text(encoding="utf-8") + palette_css(bands)
    (site / "site.css").write_text(css, encoding="utf-8", newline="")
    shutil.copyfile(HERE / "assets" / "site.js", site / "site.js")
    return [*written, site / "site.css", site / "site.js"]
