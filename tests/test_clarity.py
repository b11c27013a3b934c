"""Issue 9: the publication and the breakdowns read at first reading by a commune officer and a newspaper
reader. Each test renders real PDFs (weasyprint) of the tiny case and reads their text back (pypdf), or
reads the charts' SVG and the fonts."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from ranking import charts
from ranking.criteria import load_criteria
from ranking.errors import Lang
from ranking.i18n import Words, t
from ranking.inputs import load_inputs
from ranking.pipeline import build
from ranking.ranking import Previous, Ranking
from ranking.report import HERE, assets, breakdown_html, pdf_bytes, publication_html
from ranking.scoring import PillarScore
from ranking.views import EXTRA_DIGITS, index_digits, podium, present, shown_equal
from ranking.words import WORDS
from tests.conftest import ROOT
from tests.test_report import OPTIONS, make_inputs

SAMPLE_LINES = "Dữ liệu mẫu tổng hợp, không phải số liệu thật.\nSynthetic sample data, not real figures.\n"


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> Ranking:
    """The tiny case of test_report, with robustness; a1 up 2 places since last year, a2 down (index 0.8
    then), b1 new, b2 merged; a bilingual SAMPLE marker."""
    criteria_path, folder = make_inputs(tmp_path_factory.mktemp("case"))
    (folder / "SAMPLE").write_text(SAMPLE_LINES, encoding="utf-8")
    criteria = load_criteria(criteria_path)
    ranking = build(criteria, load_inputs(criteria, folder))
    history = {"a1": Previous("same", 0.7, 3), "a2": Previous("same", 0.8, 1), "b1": Previous("new"),
               "b2": Previous("merged", 0.7, None, ("x", "y"))}
    return dataclasses.replace(ranking, units=tuple(dataclasses.replace(u, previous=history.get(u.score.unit))
                                                    for u in ranking.units))


def pages(pdf: bytes, tmp: Path) -> list[str]:
    path = tmp / "x.pdf"
    path.write_bytes(pdf)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(path).pages]


@pytest.fixture(scope="module")
def publication(ranked: Ranking, epoch: None, tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, list[str]]:
    tmp = tmp_path_factory.mktemp("pub")
    return {lang: pages(pdf_bytes(publication_html(present(ranked, OPTIONS, lang))), tmp) for lang in ("vi", "en")}


def unit_pdf(ranking: Ranking, unit_id: str, lang: Lang, tmp: Path) -> str:
    html = breakdown_html(present(ranking, OPTIONS, lang), unit_id)
    return " ".join(pages(pdf_bytes(html), tmp))


def methodology_start(texts: list[str]) -> int:
    return next(i for i, p in enumerate(texts) if "Mỗi chỉ số thành phần được chấm điểm" in p
                or "Each indicator is scored by the rule below" in p)


# --- 1. robustness in plain words -----------------------------------------------------------------------
def test_one_box_says_what_the_interval_is_how_it_was_made_and_how_to_read_it(
        publication: dict[Lang, list[str]], ranked: Ranking) -> None:
    vi = " ".join(publication["vi"])
    assert vi.count("Khoảng thứ hạng: thứ hạng có phụ thuộc vào cách tính không?") == 1
    assert "bảng xếp hạng của mỗi khối được tính lại 10.000 lần" in vi
    assert "trọng số các chỉ số thành phần thay đổi ngẫu nhiên quanh trọng số công bố" in vi
    assert "theo một trong ba cách: cộng có trọng số (cách chính thức), nhân có trọng số" in vi
    assert "vạch đỏ là thứ hạng chính thức" in vi
    en = " ".join(publication["en"])
    assert "each group's ranking is computed again 10,000 times" in en and "the red tick the official rank" in en


def test_every_interval_chart_marks_the_official_rank_and_sits_under_its_heading(
        publication: dict[Lang, list[str]]) -> None:
    page = next(p for p in publication["vi"] if "Độ vững của thứ hạng: Sở, ban, ngành" in p)
    assert "thứ hạng chính thức" in page  # the chart's legend, on the heading's page
    assert not any("Độ vững của thứ hạng: Xã, phường" in p for p in publication["vi"])  # one pillar: none
    svg = charts.interval_chart([charts.Interval("A", 1, 3, 2.0, 1), charts.Interval("B", 2, 4, 2.5, 3)], 4,
                                ("line", "median", "official"))
    ticks = re.findall(rf'<rect x="([\d.]+)" y="[\d.]+" width="1.8" height="8" fill="{charts.OFFICIAL}"/>', svg)
    # the legend's tick, then one per unit at its official rank (x of rank 1 and of rank 3)
    assert [float(x) for x in ticks[1:]] == [pytest.approx(230 - 0.9, abs=0.1), pytest.approx(230 + 428 * 2 / 3 - 0.9,
                                                                                          abs=0.1)]


def test_statistics_terms_only_in_the_methodology_each_explained(publication: dict[Lang, list[str]],
                                                                   ranked: Ranking) -> None:
    texts = publication["vi"]
    start = methodology_start(texts)
    before, method = " ".join(texts[:start]), " ".join(texts[start:])
    for term in ("Kendall", "Spearman", "TOPSIS", "tập trung", "τ", "ρ"):
        assert term not in before, term
    assert "Hệ số Kendall và hệ số Spearman đo mức giống nhau của hai bảng xếp hạng" in method
    assert "TOPSIS (đơn vị được xếp theo mức gần đơn vị tốt nhất và xa đơn vị kém nhất" in method
    assert "Độ tập trung 100 của phân phối này quyết định trọng số lệch bao xa" in method
    # the shift in plain words and in the table are the same number: the mean over every recomputation
    stats = ranked.robustness("A")
    assert stats is not None
    w = Words("vi")
    assert f"xê dịch {w.num(stats.shift, 1)} bậc so với thứ hạng chính thức" in before
    assert f"Mọi lần tính lại — — {w.num(stats.shift, 2)} 10.000" in method


def test_a_breakdown_says_whether_its_rank_is_firm(ranked: Ranking, epoch: None, tmp_path: Path) -> None:
    for unit_id in ("a1", "a3"):
        unit = next(u for u in ranked.units if u.score.unit == unit_id)
        r = unit.robustness
        assert r is not None
        text = unit_pdf(ranked, unit_id, "vi", tmp_path)
        firm = "là thứ hạng vững" if r.is_firm(unit.group_size) else "chưa vững"
        assert re.search(rf"Độ vững của thứ hạng: Thứ hạng {unit.rank}=? {firm}", text), text[:600]
        assert f"đơn vị {Words('vi').span(r.low, r.high)} trong 90 % số lần tính" in text
        assert "Khoảng thứ hạng" not in text  # no longer a bare "46–91" under "Năm trước"


def test_an_interval_of_one_rank_is_worded_as_one_rank() -> None:
    vi, en = Words("vi"), Words("en")
    assert vi.span(3, 7) == "xếp từ hạng 3 đến hạng 7" and en.span(3, 7) == "ranks from 3 to 7"
    assert vi.span(1, 1) == "giữ hạng 1" and en.span(1, 1) == "holds rank 1"  # not "từ hạng 1 đến hạng 1"
    sentence = vi("report.firm_yes", rank="1", span=vi.span(1, 1), limit=2)
    assert "đơn vị giữ hạng 1 trong 90 % số lần tính: khoảng này không rộng quá 2 bậc" in sentence


# --- 2, 3. ties as readers see them ----------------------------------------------------------------------
def test_equal_looking_indices_of_different_ranks_get_more_decimals(ranked: Ranking, epoch: None,
                                                                   tmp_path: Path) -> None:
    values = {"a1": (0.88453, 1), "a4": (0.88448, 2), "a2": (0.7621, 3), "a3": (0.3222, 4)}

    def tweak(u: Any) -> Any:
        if u.score.unit not in values:
            return u
        index, rank = values[u.score.unit]
        return dataclasses.replace(u, score=dataclasses.replace(u.score, index=index), rank=rank)

    ranking = dataclasses.replace(ranked, units=tuple(tweak(u) for u in ranked.units))
    text = " ".join(pages(pdf_bytes(publication_html(present(ranking, OPTIONS, "vi"))), tmp_path))
    assert "1 Sở Một 0,88453" in text and "2 Sở Bốn 0,88448" in text and "3 Sở Hai 0,7621 " in text
    assert "làm tròn 4 chữ số thì chúng trông bằng nhau, nhưng thứ hạng khác nhau" in text
    assert "1. Sở Một — 0,88453 2. Sở Bốn — 0,88448" in text
    assert "Chỉ số 0,88448" in unit_pdf(ranking, "a4", "vi", tmp_path)


def digits_by_every_pair(units: list[Any], decimals: int) -> dict[str, int]:
    """The rule of index_digits said directly (quadratic): per unit, the fewest decimals from `decimals` on
    at which no unit of another rank shows the same text, at most EXTRA_DIGITS."""
    out = {}
    for u in units:
        d = decimals
        while d < EXTRA_DIGITS and any(v.rank != u.rank and shown_equal(d)(u.score.index, v.score.index)
                                       for v in units):
            d += 1
        out[u.score.unit] = d
    return out


@given(st.lists(st.tuples(st.sampled_from([0.12449, 0.12451, 0.5, 0.50004, 0.7621, 0.76214, 0.76206, 1.0]),
                          st.integers(1, 6)), max_size=12),
       st.integers(2, 10))
def test_extra_decimals_equal_the_pairwise_rule(rows: list[tuple[float, int]], decimals: int) -> None:
    """index_digits gives what the pairwise rule it replaces gives (that rule took 48 s for 3,321 communes),
    including where more decimals make two values look equal again (0,124 | 0,125 at 3 decimals, 0,1245 at 4)."""
    units: list[Any] = [SimpleNamespace(score=SimpleNamespace(unit=f"u{k}", index=index), rank=rank)
                        for k, (index, rank) in enumerate(rows)]
    assert index_digits(units, decimals) == digits_by_every_pair(units, decimals)


def test_leaders_and_trailers_include_every_unit_tied_at_their_edge(ranked: Ranking) -> None:
    units = ranked.group("A")
    same = shown_equal(3)
    five = podium([(u, 1.0) for u in units] + [(units[0], 0.5)], 3, same)
    assert [e.unit.score.unit for e in five.entries] == [u.score.unit for u in units] and five.more == 0
    assert all(e.tied for e in five.entries)
    many = podium([(u, 1.0) for u in units * 3], 3, same)  # twelve tied at the edge: three named, nine counted
    assert (len(many.entries), many.more, many.edge) == (3, 9, 1.0)
    assert t("report.more", "vi", n=9, value="1,000") == "+9 đơn vị khác cùng 1,000"
    cut = podium([(units[0], 0.9), (units[1], 0.8), (units[2], 0.8), (units[3], 0.8)], 2, same)
    assert [e.tied for e in cut.entries] == [False, True, True, True]


# --- 4. not applicable is not zero -------------------------------------------------------------------------
def test_a_pillar_that_does_not_apply_says_so(ranked: Ranking, epoch: None, tmp_path: Path) -> None:
    def without_p2(u: Any) -> Any:
        if u.score.unit != "a3":
            return u
        pillars = tuple(PillarScore("P2", 0, 0, 0, None) if p.pillar == "P2" else p for p in u.score.pillars)
        return dataclasses.replace(u, score=dataclasses.replace(u.score, pillars=pillars))

    ranking = dataclasses.replace(ranked, units=tuple(without_p2(u) for u in ranked.units))
    text = unit_pdf(ranking, "a3", "vi", tmp_path)
    assert "P2 — Chính quyền số không áp dụng" in text  # the table: no "0 0 —"
    assert "P2 — Chính quyền số 0 0 —" not in text
    english = unit_pdf(ranking, "a3", "en", tmp_path)
    assert "P2 — Chính quyền số not applicable" in english
    svg = charts.pillar_chart([charts.Triple("P1", 0.5, 0.6, 0.9), charts.Triple("P2", None, 0.6, 0.9)], 1.0,
                              str, ("u", "m", "b"), "không áp dụng")
    assert svg.count('width="2.5" height="15.0"') == 2  # mean and best ticks for P1 only
    assert "không áp dụng</text>" in svg
    # the value label at the end of the unit's own bar (x = 200 + 458 × 0.5), not by the best tick
    bar_end = 200 + 458 * 0.5
    x = float(re.search(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end" font-size="8.5" fill="#ffffff">0.5<',
                        svg).group(1))  # type: ignore[union-attr]
    assert bar_end - 10 < x <= bar_end


# --- 5. relative rules explained ---------------------------------------------------------------------------
def test_points_that_moved_because_other_units_moved_are_explained(tmp_path: Path, epoch: None) -> None:
    from tests.conftest import write_case
    from tests.test_report import SELF, TINY_APPRAISAL, UNITS

    # the council raises a1's revenue (B, best of the group) from 200 to 400: a2's B falls from 5 to 2.5
    criteria_path, folder = write_case(tmp_path, units=UNITS, self_rows=SELF,
                                       appraisal=[*TINY_APPRAISAL, ("a1", "B", "400", "", "Hội đồng: theo báo cáo")])
    criteria = load_criteria(criteria_path)
    ranking = build(criteria, load_inputs(criteria, folder))
    text = unit_pdf(ranking, "a2", "vi", tmp_path)
    moved = "Điểm khác điểm tự chấm vì giá trị của các đơn vị khác đã thay đổi sau thẩm định."
    assert f"B † Doanh thu † {moved} 100 — 5 2,5" in text  # no council value: "—"
    assert "† Điểm của chỉ số này được tính so với giá trị của các đơn vị khác trong khối" in text
    assert "This indicator's points are set against the other units' values" in unit_pdf(ranking, "a2", "en", tmp_path)


# --- 6. one number style per language -----------------------------------------------------------------------
def test_one_formatter_per_language() -> None:
    vi, en = Words("vi"), Words("en")
    assert [vi.num(1000, 0), vi.num(0.85, 2), vi.share(0.653), vi.num(-0.0238)] == ["1.000", "0,85", "65,3\u00a0%",
                                                                                 "\u22120,0238"]
    assert [en.num(1000, 0), en.num(0.85, 2), en.share(0.653), en.num(-0.0238)] == ["1,000", "0.85", "65.3%",
                                                                                 "\u22120.0238"]
    assert vi.points(1234.5) == "1.234,5" and vi.count(10000) == "10.000" and en.count(10000) == "10,000"
    assert vi.num(0.06, 3, sign=True) == "+0,060" and vi.num(-0.0, 3, sign=True) == "0,000"
    assert [vi.value(x) for x in ("65.3%", "0.502", "10/11", "có", "")] == ["65,3\u00a0%", "0,502", "10/11", "có",
                                                                             ""]
    assert vi.rank(54, tied=True) == "54=" and vi.rank(None) == "—"


def test_pdfs_write_numbers_the_languages_way(publication: dict[Lang, list[str]], ranked: Ranking,
                                              epoch: None, tmp_path: Path) -> None:
    vi, en = " ".join(publication["vi"]), " ".join(publication["en"])
    assert "3 Sở Hai 0,7500 Tốt 0,80 0,70 2 \u22120,050" in vi  # a real minus, not a hyphen
    assert "3 Sở Hai 0.7500 Tốt 0.80 0.70 2 \u22120.050" in en
    assert "tỷ lệ / 80 %" in vi and "share / 80%" in en
    breakdown_vi = unit_pdf(ranked, "a1", "vi", tmp_path)
    assert "R Tỷ lệ hồ sơ 60 % — 15 15 20" in breakdown_vi  # the value as entered ("60%"), written the Vietnamese way
    assert "R Tỷ lệ hồ sơ 60% — 15 15 20" in unit_pdf(ranked, "a1", "en", tmp_path)
    assert "Chỉ số 0,8000 (\u22120,0500)" in unit_pdf(ranked, "a2", "vi", tmp_path)
    assert "-0," not in vi and "-0." not in en


# --- 7. no English in the Vietnamese outputs -------------------------------------------------------------------
def test_the_cover_and_the_colophon_speak_the_readers_language(publication: dict[Lang, list[str]]) -> None:
    vi, en = publication["vi"], publication["en"]
    assert "Dữ liệu mẫu tổng hợp, không phải số liệu thật." in vi[0] and "Synthetic" not in vi[0]
    assert "Synthetic sample data, not real figures." in en[0] and "Dữ liệu mẫu tổng hợp" not in en[0]
    assert "Lệnh dti run (chạy toàn bộ) Bộ chỉ số criteria.yaml Kết quả năm trước —" in vi[-1]
    assert "Command dti run (everything) Criteria file criteria.yaml Last year's results —" in en[-1]


# --- 8. legends, label sizes, layout ------------------------------------------------------------------------------
def test_legends_stand_by_the_first_ranking_table(publication: dict[Lang, list[str]]) -> None:
    page = next(p for p in publication["vi"] if "Bảng xếp hạng: Sở, ban, ngành" in p)
    for words in ("So với năm trước: lên (số bậc), xuống, = giữ nguyên thứ hạng",
                  "“mới”: đơn vị mới, không có kết quả năm trước", "“hợp nhất”: đơn vị hợp nhất từ nhiều đơn vị cũ",
                  "Màu nền các cột chỉ số thành phần: 0 0,25 0,5 0,75 1",
                  "Xếp loại: Xuất sắc (từ 0,8); Tốt (từ 0,5); Cần cải thiện (từ 0)."):
        assert words in page, words
    by_pillar = next(p for p in publication["vi"] if "Theo chỉ số thành phần" in p)
    assert "“=”: đơn vị có cùng giá trị (làm tròn 3 chữ số) với đơn vị khác" in by_pillar


def test_chart_labels_print_at_six_points_or_more(ranked: Ranking, epoch: None) -> None:
    shown = present(ranked, OPTIONS, "vi")
    for html in (publication_html(shown), breakdown_html(shown, "a1")):
        sizes = [float(x) for x in re.findall(r'font-size="([\d.]+)"', html)]
        assert sizes and min(sizes) >= 8  # SVG px: 8 px = 6 pt


def test_no_heading_ends_a_page(publication: dict[Lang, list[str]], ranked: Ranking) -> None:
    """The last line of every page's content is not one of the document's headings."""
    html = publication_html(present(ranked, OPTIONS, "vi"))
    headings = {re.sub(r"\s+", " ", h).strip() for h in re.findall(r"<h[123]>(.*?)</h[123]>", html, re.S)}
    for n, text in enumerate(publication["vi"], start=1):
        body = text.split(" DỮ LIỆU MẪU")[0].strip()
        assert not any(body.endswith(h) for h in headings), (n, body[-80:])


# --- 9. the typeface ---------------------------------------------------------------------------------------------
def test_the_typeface_is_be_vietnam_pro_and_covers_every_word_printed(publication: dict[Lang, list[str]],
                                                                       ranked: Ranking, tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    path = tmp_path / "p.pdf"
    path.write_bytes(pdf_bytes(publication_html(present(ranked, OPTIONS, "vi"))))
    for page in PdfReader(path).pages[:2]:
        for ref in page["/Resources"]["/Font"].values():
            descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            data = descriptor["/FontFile2"].get_object().get_data()
            assert "Be Vietnam Pro".encode("utf-16-be") in data
    cmap = TTFont(assets()["sans.ttf"][0]).getBestCmap()
    terminal = ("help.", "argparse.", "problem.", "where.")  # words only the terminal shows
    printed = "".join(vi + en for key, (vi, en) in WORDS.items() if not key.startswith(terminal))
    printed += "".join(p.read_text(encoding="utf-8") for folder in ("templates", "templates/shared")
                       for p in (HERE / folder).glob("*.html"))  # the PDF's templates and the parts it shares
    site_only = set("▲▼")  # the shared parts' arrows for the web site; the PDF draws them (CSS triangles)
    missing = sorted({c for c in printed if ord(c) >= 0x20 and ord(c) not in cmap} - site_only)
    assert missing == []


def test_every_runtime_dependency_is_used_at_run_time() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=!~ \[]", d)[0].lower() for d in project["dependencies"]]
    assert not {"matplotlib", "pandas", "scikit-criteria"} & set(names)
    assert any(d.startswith("scikit-criteria") for d in project["optional-dependencies"]["test"])
    modules = {"numpy": "numpy", "pyyaml": "yaml", "pydantic": "pydantic", "jinja2": "jinja2", "openpyxl": "openpyxl",
               "defusedxml": "defusedxml",
               "weasyprint": "weasyprint", "fontpkg-be-vietnam-pro": "fontpkg_be_vietnam_pro",
               "fonttools": "fontTools"}
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ranking").glob("*.py"))
    for name in names:
        assert re.search(rf"\b(import|from) {modules[name]}\b|find_spec\(\"{modules[name]}\"\)", source), name
    # scikit-criteria is the tests' reference (tests/oracles.py): no module of dti imports it
    assert [p.name for p in (ROOT / "ranking").glob("*.py") if "import skcriteria" in p.read_text(encoding="utf-8")
            or "from skcriteria" in p.read_text(encoding="utf-8")] == []


# --- 10. small glitches -----------------------------------------------------------------------------------------------
def test_english_plurals() -> None:
    assert t("collect.rejected", "en", n=1, files="a.xlsx") == "1 form rejected, not written: a.xlsx"
    assert t("collect.rejected", "en", n=2, files="a, b") == "2 forms rejected, not written: a, b"
    assert t("forms.written", "en", n=1, out="x") == "Wrote 1 workbook to x"
    rows = t("collect.rows", "en", n=3)
    assert t("collect.written", "en", rows=rows, forms=1, out="x") == "Wrote 3 rows from 1 form to x"
    assert t("collect.rows", "en", n=1) == "1 row" and t("collect.rows", "vi", n=1) == "1 dòng"
    rows = t("collect.rows", "vi", n=4)
    assert t("collect.written", "vi", rows=rows, forms=2, out="x") == "Đã ghi 4 dòng từ 2 phiếu vào x"
    assert t("problems", "en", n=1, w=0) == "errors: 1, warnings: 0"
