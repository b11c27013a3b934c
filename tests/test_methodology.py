"""The methodology says only what applies to the criteria file at hand (issue 17), in the publication and on
the site's methodology page alike, in both languages: where the values come from (the council, measuring
systems, the task register), indicators scored against other units, and the robustness analysis, which
means nothing in a group of one pillar."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest

from ranking.criteria import RobustnessSpec, load_criteria
from ranking.errors import Lang
from ranking.history import read_previous
from ranking.i18n import Words
from ranking.inputs import load_inputs
from ranking.ranking import Previous, Ranking, rank
from ranking.report import breakdown_html, publication_html
from ranking.robustness import analyse
from ranking.scoring import score
from ranking.site import write_site
from ranking.tables import write_tables
from ranking.views import present
from tests.conftest import TINY_APPRAISAL, TINY_CRITERIA, TINY_SELF, TINY_UNITS, write_case

OPTIONS = {"command": "run", "criteria": "criteria.yaml"}

# The tiny criteria, group B with a measured indicator (named system), another without a system, and one
# computed from the task register.
SOURCES = TINY_CRITERIA.replace(
    '''          - {id: R, title: "Tỷ lệ", points: 10, rule: ratio}
''', '''          - {id: R, title: "Tỷ lệ", points: 10, rule: ratio}
          - {id: D, title: "Hồ sơ trực tuyến", points: 10, rule: ratio, source: measured, system: "Cổng dịch vụ công"}
          - {id: E, title: "Văn bản điện tử", points: 10, rule: ratio, source: measured}
          - {id: N, title: "Nhiệm vụ đúng hạn", points: 10, rule: ratio, source: tasks}
''')
# Only group B of the tiny criteria: no council, no indicator scored against the other units.
PLAIN = TINY_CRITERIA[:TINY_CRITERIA.index("  - id: A")] + TINY_CRITERIA[TINY_CRITERIA.index("  - id: B"):]

WORDS: dict[str, dict[Lang, str]] = {
    "measured": {"vi": "Chỉ số đo tự động lấy số liệu do hệ thống thông tin đo được (Cổng dịch vụ công; hệ thống "
                       "thông tin của Sở Khoa học và Công nghệ)",
                 "en": "A measured indicator takes the value measured by an information system (Cổng dịch vụ "
                       "công; the information systems of Sở Khoa học và Công nghệ)"},
    "tasks": {"vi": "Chỉ số tính từ sổ theo dõi nhiệm vụ (tasks.csv) lấy tỷ lệ nhiệm vụ đã hoàn thành",
              "en": "An indicator computed from the task register (tasks.csv) takes the share of the tasks due"},
    "council": {"vi": "Chỉ số do Hội đồng chấm chỉ lấy điểm của Hội đồng",
                "en": "An indicator scored by the council takes the council's points only"},
    "relative": {"vi": "Với các chỉ số so sánh trong khối", "en": "For the indicators compared within the group"},
    "appraisal": {"vi": "Giá trị do Hội đồng thẩm định xác định thay thế giá trị đơn vị tự đánh giá.",
                  "en": "The value set by the appraisal council replaces the self-assessed one."},
}
# Words for another place than the criteria's operator: never in a methodology.
ELSEWHERE = re.compile(r"thành phố|\bcity\b|hà nội|hanoi", re.IGNORECASE)


def ranking_of(root: Path, criteria: str) -> Ranking:
    units = [u for u in TINY_UNITS if criteria != PLAIN or u[2] == "B"]
    criteria_path, folder = write_case(root, criteria=criteria, units=units,
                                       self_rows=[r for r in TINY_SELF if r[0] in {u[0] for u in units}],
                                       appraisal=[] if criteria == PLAIN else None)
    loaded = load_criteria(criteria_path)
    return rank(score(loaded, load_inputs(loaded, folder)))


def text(html: str) -> str:
    """A page's text: tags dropped, entities of the few characters escaped, spaces folded."""
    plain = re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&")
    return re.sub(r"\s+", " ", plain)


def methodologies(ranking: Ranking, lang: Lang, out: Path) -> tuple[str, str]:
    """The publication's methodology section and the site's methodology page, as text."""
    shown = present(ranking, OPTIONS, lang)
    publication = text(publication_html(shown))
    heading = "Phương pháp đánh giá" if lang == "vi" else "Methodology"
    start = publication.rindex(heading)
    write_site(shown, out)
    return publication[start:], text((out / "site" / "methodology.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_methodology_names_the_sources_the_criteria_use(tmp_path: Path, lang: Lang) -> None:
    ranking = ranking_of(tmp_path / "case", SOURCES)
    for where in methodologies(ranking, lang, tmp_path / lang):
        for key in ("measured", "tasks", "council", "relative", "appraisal"):
            assert WORDS[key][lang] in where, (key, where[:300])
        assert not ELSEWHERE.search(where), ELSEWHERE.search(where)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_methodology_says_nothing_of_sources_the_criteria_lack(tmp_path: Path, lang: Lang) -> None:
    tiny = ranking_of(tmp_path / "tiny", TINY_CRITERIA)  # a council indicator, relative ones; nothing measured
    for where in methodologies(tiny, lang, tmp_path / f"tiny-{lang}"):
        assert WORDS["council"][lang] in where and WORDS["relative"][lang] in where
        for key in ("measured", "tasks"):
            assert WORDS[key][lang] not in where, key
        assert not re.search("đo tự động|sổ theo dõi nhiệm vụ|measured|task register", where, re.IGNORECASE)
        assert not ELSEWHERE.search(where), ELSEWHERE.search(where)
    plain = ranking_of(tmp_path / "plain", PLAIN)  # neither council nor relative indicators
    for where in methodologies(plain, lang, tmp_path / f"plain-{lang}"):
        assert WORDS["appraisal"][lang] in where
        for key in ("measured", "tasks", "council", "relative"):
            assert WORDS[key][lang] not in where, key


# --- a group of one pillar: no robustness analysis, and one sentence says why ------------------------------
SINGLE = {"vi": "Khối “Xã, phường” chỉ có một chỉ số thành phần nên không phân tích độ vững của thứ hạng theo "
                "trọng số (thay đổi trọng số không làm thay đổi thứ hạng).",
          "en": "The group “Xã, phường” has a single pillar, so the robustness of its ranks to the weights is not "
                "analysed (changing the weights cannot change the ranks)."}
FIRM = {"vi": ("Độ vững của thứ hạng: ", "Khoảng thứ hạng"), "en": ("How firm the ranks are: ", "Likely ranks")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_group_of_one_pillar_says_why_it_has_no_robustness(tmp_path: Path, lang: Lang) -> None:
    """Tiny group B (one pillar) beside group A (two): A keeps its analysis (its section, its intervals, its
    agreement table), B has none of them and one sentence on its group page and in the methodology; its
    breakdowns, its pages and the tables are written all the same, the interval columns empty for it."""
    criteria_path, folder = write_case(tmp_path / "case", appraisal=TINY_APPRAISAL)
    loaded = load_criteria(criteria_path)
    ranking = analyse(rank(score(loaded, load_inputs(loaded, folder))), RobustnessSpec(50, 400, 7))
    shown = present(ranking, OPTIONS, lang)
    section, interval = FIRM[lang]
    html = text(publication_html(shown))
    groups = html[html.index(section + "Sở, ban, ngành"):html.rindex(SINGLE[lang])]  # A's section, then B's
    assert section + "Xã, phường" not in html
    assert SINGLE[lang] in groups and html.count(SINGLE[lang]) == 2  # B's group page and the methodology
    publication, site = methodologies(ranking, lang, tmp_path / "out")
    for where in (publication, site):
        assert SINGLE[lang] in where
    site_html = (tmp_path / "out" / "site" / "methodology.html").read_text(encoding="utf-8")
    assert "<h3>Sở, ban, ngành</h3>" in site_html and "<h3>Xã, phường</h3>" not in site_html  # agreement tables
    index = (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    assert SINGLE[lang] in text(index)
    assert index.count(f'data-type="num">{interval}</th>') == 1  # the interval column of A's table only
    for unit in ("b1", "b2"):  # no firmness of their rank: the sentence saying why, in the PDF and on the page
        assert f"{section.rstrip(': ')}: {SINGLE[lang]}" in text(breakdown_html(shown, unit))
        assert SINGLE[lang] in text((tmp_path / "out" / "site" / "units" / f"{unit}.html").read_text(encoding="utf-8"))
    assert section.rstrip(": ") in text(breakdown_html(shown, "a1"))
    (tmp_path / "tables").mkdir()
    write_tables(ranking, tmp_path / "tables", OPTIONS)
    rows = {r["unit"]: r for r in csv.DictReader((tmp_path / "tables" / "results.csv").open(encoding="utf-8"))}
    assert all(rows[u]["rank_low"] == rows[u]["rank_high"] == "" for u in ("b1", "b2"))
    assert all(rows[u]["rank_low"] and rows[u]["rank_high"] for u in ("a1", "a2", "a3"))
    assert (tmp_path / "tables" / "results.xlsx").is_file()
    assert set(read_previous(tmp_path / "tables" / "results.csv").rows) == set(rows)  # next year reads it


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_comparison_with_last_year_names_merged_and_new_units_only_where_there_are_some(
        tmp_path: Path, lang: Lang) -> None:
    """A year where every unit continues gets the one sentence on continuing units; the merged-unit rule and
    the new-unit sentence come only with a merged or a new unit."""
    w = Words(lang)
    base = ranking_of(tmp_path / "case", TINY_CRITERIA)

    def method(lineages: dict[str, Previous]) -> str:
        units = tuple(dataclasses.replace(u, previous=lineages.get(u.score.unit, Previous("same", 0.5, 1)))
                      for u in base.units)
        return " ".join(present(dataclasses.replace(base, units=units), OPTIONS, lang).method.paragraphs)

    same = method({})
    assert w("report.method_previous") in same
    assert w("report.method_previous_merged") not in same and w("report.method_previous_new") not in same
    mixed = method({"a1": Previous("merged", 0.6, None, ("x", "y")), "b1": Previous("new")})
    assert f"{w('report.method_previous')} {w('report.method_previous_merged')} {w('report.method_previous_new')}" \
        in mixed
    assert w("report.method_previous_merged") not in method({"b1": Previous("new")})


@pytest.mark.parametrize(("lang", "line"), [("vi", "1.500 đơn vị trong 2 khối"), ("en", "1,500 units in 2 groups")])
def test_counts_in_sentences_are_written_by_the_languages_formatter(tmp_path: Path, lang: Lang, line: str) -> None:
    """A count inside a sentence reads as in the tables (3.321 xã), not as Python prints it (3321)."""
    ranking = ranking_of(tmp_path / "case", TINY_CRITERIA)
    shown = present(ranking, OPTIONS, lang)
    many = dataclasses.replace(shown, ranking=dataclasses.replace(ranking, units=ranking.units * 300))
    assert many.context()["units_line"] == line
