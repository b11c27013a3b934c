"""Stage 6 — the PDF reports: the publication `dti-YEAR.pdf` and one breakdown `units/UNIT.pdf` per unit,
jinja2 templates rendered by weasyprint. This is the one module that imports weasyprint (lazily: it costs
about a second). weasyprint may read only the project's own assets, served by `fetch_asset`; anything an
input could name (file://, http://, data:) is refused, and templates escape every value."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
from collections.abc import Collection, Iterator, Mapping
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from ranking.output import inside
from ranking.render_cache import RenderCache, render_salt
from ranking.render_pool import Meanwhile, Reports, Step, render_documents
from ranking.system import cores, parent_gone
from ranking.views import Presentation, templates

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcherResponse

HERE = Path(__file__).resolve().parent
BASE_URL = "dti-asset:/"
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


# --- templates ----------------------------------------------------------------------------------------------
@cache
def environment() -> jinja2.Environment:
    """The PDF templates, with the parts they share with the web site."""
    return templates(HERE / "templates")


def publication_html(p: Presentation) -> str:
    return environment().get_template("publication.html").render(**p.context(), base_url=BASE_URL)


def breakdown_html(p: Presentation, unit: str) -> str:
    return environment().get_template("breakdown.html").render(**p.context(), b=p.page(unit), base_url=BASE_URL)


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


def documents(p: Presentation, folder: Path, units: Collection[str] | None = None) -> Iterator[tuple[Path, str]]:
    """(file, HTML) of every document, the longest first: the publication, then the breakdowns, groups with
    more indicators first; with `units`, only those units' breakdowns. Lazy: each HTML is made when the
    renderer asks for it, so that the PDF stage holds a few documents at a time however many units there are."""
    if units is None:
        yield inside(folder, f"dti-{p.criteria.edition}", ".pdf"), publication_html(p)
    size = {g.id: sum(1 for pillar in g.pillars for _ in pillar.leaves()) for g in p.criteria.groups}
    for group in sorted(p.groups, key=lambda g: -size[g.id]):
        for row in group.rows:
            if units is None or row.unit in units:
                yield inside(folder / "units", row.unit, ".pdf"), breakdown_html(p, row.unit)


def write_reports(p: Presentation, folder: Path, workers: int | None = None, cache: Path | None = None,
                  progress: Step | None = None, meanwhile: Meanwhile | None = None) -> Reports:
    """dti-YEAR.pdf and units/UNIT.pdf into `folder` (the staged output, fresh), rendered by `workers`
    processes (default: every available core) or taken from the render cache in `cache` when their content
    is unchanged; `progress(done, total)` is called after each document, `meanwhile` once every document
    is handed out (render_documents). The cache then keeps this run's entries, those `meanwhile` used, and
    a few earlier runs' (render_cache.prune)."""
    folder = folder.resolve()
    (folder / "units").mkdir(exist_ok=True)
    store = RenderCache(cache, render_salt([path for path, _ in assets().values()], Path(__file__))) if cache else None
    return render_documents(documents(p, folder), render_one, folder, store, workers or cores(), progress,
                            1 + len(p.ranking.units), meanwhile, [f"asset:{name}" for name in assets()])


def render_one(html: str, store: RenderCache | None) -> bytes:
    """A worker's task: one document, returned as bytes (the parent writes every file); a worker whose dti
    has died stops before the next one."""
    if parent_gone():
        os._exit(1)
    return pdf_bytes(html, store)
