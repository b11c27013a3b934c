"""The same figures everywhere (issue 17): for every unit of both sample years and in both languages, its
breakdown PDF and its web page show the same rank label, index (with the decimals that tell it from other
ranks), band, every pillar's index, and every indicator's values, points, maximum, status and marker; the
expected text is worked out here from the ranking itself, not from the presentation both outputs render."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from ranking.criteria import Composite, Indicator, Penalty
from ranking.errors import Lang
from ranking.i18n import Words
from ranking.pipeline import build, load
from ranking.ranking import Ranking, UnitResult
from ranking.render_pool import render_documents
from ranking.report import documents, render_one
from ranking.scoring import IndicatorScore
from ranking.site import write_site
from ranking.system import cores
from ranking.tables import write_tables
from ranking.views import EXTRA_DIGITS, PILLAR_DECIMALS, present, shown_value
from ranking.words import STATUS_SHORT
from tests.conftest import ROOT

EPOCH = "1767225600"
RELATIVE = ("best", "minmax")


class Text(HTMLParser):
    """A web page's text as a reader sees it: no scripts, styles or hidden elements."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or tag in ("script", "style", "title") or any(k == "hidden" for k, _ in attrs):
            self.skip += tag not in ("br", "img", "input", "meta", "link", "col", "wbr")

    def handle_endtag(self, tag: str) -> None:
        if self.skip and tag not in ("br", "img", "input", "meta", "link", "col", "wbr"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture(scope="module", params=[(2024, "vi"), (2024, "en"), (2025, "vi"), (2025, "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def year(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[Ranking, Lang, Path]]:
    """One sample year ranked (2025 against 2024, as `make demo` does), every breakdown rendered to PDF and
    the site written, in one language."""
    edition, lang = request.param
    out = tmp_path_factory.mktemp(f"drift-{edition}-{lang}")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        previous = None
        if edition == 2025:
            before = build(*load(ROOT / "criteria" / "hanoi-2024.yaml", ROOT / "inputs" / "2024"))
            (out / "2024").mkdir()
            write_tables(before, out / "2024", {})
            previous = out / "2024" / "results.csv"
        ranking = build(*load(ROOT / "criteria" / f"hanoi-{edition}.yaml", ROOT / "inputs" / str(edition)),
                        previous)
        shown = present(ranking, {"command": "run"}, lang)
        folder = out / "run"
        (folder / "units").mkdir(parents=True)
        units = [u.score.unit for u in ranking.units]
        render_documents(documents(shown, folder, units=units), render_one, folder, None, cores())
        write_site(shown, folder)
    yield ranking, lang, folder


def words_in_order(text: str, expected: list[str], where: str) -> None:
    """Each expected piece, as whole words, after the one before it."""
    at = 0
    for piece in filter(None, expected):  # a status that needs no word (scored) is blank
        words = " ".join(piece.split())  # the texts' spaces, no-break ones included, are collapsed
        found = re.compile(rf"(?<!\S){re.escape(words)}(?!\S)").search(text, at)
        assert found, f"{where}: {piece!r} not found after …{text[max(0, at - 80):at]!r}"
        at = found.end()


def decimals_of(u: UnitResult, ranking: Ranking, w: Words) -> int:
    """The fewest decimals (from the criteria's) at which the index reads differently from every index of
    another rank in the group."""
    others = [o.score.index for o in ranking.group(u.score.group) if o.rank != u.rank]
    for d in range(ranking.criteria.decimals, EXTRA_DIGITS):
        if all(w.num(x, d) != w.num(u.score.index, d) for x in others):
            return d
    return EXTRA_DIGITS


def key_figures(u: UnitResult, ranking: Ranking, w: Words) -> list[str]:
    tied = sum(1 for o in ranking.group(u.score.group) if o.rank == u.rank) > 1
    figures = [w("report.rank_of", rank=w.rank(u.rank, tied), n=u.group_size),
               w.num(u.score.index, decimals_of(u, ranking, w))]
    if ranking.criteria.bands_of(u.score.group):
        figures.append(u.band)
    return figures


def pillar_figures(u: UnitResult, w: Words) -> list[str]:
    """Each pillar's id, points, maximum and index; a pillar none of whose indicators applies says so."""
    return [piece for ps in u.score.pillars for piece in (
        (ps.pillar, w.points(ps.points), w.points(ps.max_points), w.num(ps.index, PILLAR_DECIMALS))
        if ps.index is not None else (ps.pillar, w("report.not_applicable")))]


def indicator_figures(u: UnitResult, ranking: Ranking, w: Words) -> list[str]:
    """Every row of the indicator table in order: a composite's id and maximum, then each indicator's id, its
    † where it is scored against the other units, both values, both points, the maximum and the status."""
    lines: dict[str, IndicatorScore] = {s.indicator: s for s in ranking.indicators if s.unit == u.score.unit}
    out: list[str] = []

    def walk(nodes: tuple[Indicator | Composite, ...]) -> None:
        for node in nodes:
            if isinstance(node, Composite):
                if any(leaf.id in lines for leaf in node.leaves()):
                    out.extend((node.id, w.points(node.maximum)))
                walk(node.children)
                continue
            s = lines.get(node.id)
            if s is None:
                continue
            applies = s.status not in ("not_applicable", "unscored")
            out.append(node.id)
            if type(node.rule).__name__.lower() in RELATIVE:
                out.append("†")
            out.extend((shown_value(node, s.self_value, w), shown_value(node, s.appraised_value, w)))
            most = -node.points if isinstance(node.rule, Penalty) else s.max_points  # a deduction: how much at most
            out.extend((w.points(s.self_points), w.points(s.points), w.points(most)) if applies else ["—"] * 3)
            out.append(w(STATUS_SHORT[s.status]))

    for pillar in ranking.criteria.group(u.score.group).pillars:
        walk(pillar.children)
    return out


def test_the_breakdown_pdf_and_the_web_page_show_the_same_figures(year: tuple[Ranking, Lang, Path]) -> None:
    ranking, lang, folder = year
    w = Words(lang)
    heading = w("report.indicators")
    for u in ranking.units:
        unit = u.score.unit
        pdf = pdf_text(folder / "units" / f"{unit}.pdf")
        web = page_text(folder / "site" / "units" / f"{unit}.html")
        for where, text in ((f"{unit}.pdf", pdf), (f"{unit}.html", web)):
            head, _, table = text.rpartition(f" {heading} ")
            assert table, f"{where}: no '{heading}' section"
            words_in_order(head, [u.score.name, *key_figures(u, ranking, w)], where)
            words_in_order(head, pillar_figures(u, w), where)
            words_in_order(table, indicator_figures(u, ranking, w), where)
        for drift in ("1–1 ", "Khoảng thứ hạng"):  # a one-place interval, a bare range instead of the sentence
            assert drift not in web, (unit, drift)


def test_no_breakdown_page_ends_with_a_pillars_title(year: tuple[Ranking, Lang, Path]) -> None:
    """A pillar's title row goes to the next page with its first indicator: the last line of a page's content
    (above its running footer) is never a pillar's title. The first pillar's is left out: weasyprint always
    lays a table's header out with its first row group, whatever that group's break-inside says, so a table
    that starts at the foot of a page shows its header and the first pillar's title there (a known limit)."""
    ranking, lang, folder = year
    w = Words(lang)
    for u in ranking.units:
        titles = {p.title for p in ranking.criteria.group(u.score.group).pillars[1:]}
        for n, page in enumerate(PdfReader(folder / "units" / f"{u.score.unit}.pdf").pages, start=1):
            lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
            while lines and (lines[-1].startswith(w("report.page")) or w("report.breakdown") in lines[-1]):
                lines.pop()  # the running footer
            assert lines and lines[-1] not in titles, (u.score.unit, n, lines[-1:])
