"""The PDF reports, rendered for real by weasyprint and read back with pypdf and pypdfium2.

One small ranking (the tiny case of conftest plus a tie, a Vietnamese name and hostile text) is rendered
once per module; most tests read those files."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ranking import __version__, charts
from ranking.criteria import Best, Choice, Council, Count, MinMax, Ratio, Tiers, YesNo, load_criteria
from ranking.diff import diff_runs
from ranking.i18n import Words, describe_rule
from ranking.inputs import load_inputs
from ranking.pipeline import build
from ranking.ranking import Previous, Ranking, Robustness, rank
from ranking.report import breakdown_html, fetch_asset, pdf_bytes, publication_html, write_reports
from ranking.scoring import score
from ranking.tables import write_tables
from ranking.views import group_view, present
from tests.conftest import TINY_APPRAISAL, TINY_SELF, TINY_UNITS, write_case

VIETNAMESE = "Phường Ngọc Hà – Đống Đa ị ọ ụ ễ ữ"
IMG = '<img src="file:///etc/passwd">'
ATTACH = '<a rel="attachment" href="file:///etc/hostname">tệp</a>'
SAMPLE_TEXT = "Dữ liệu mẫu tổng hợp, không phải số liệu thật."
OPTIONS = {"command": "run", "criteria": "criteria.yaml", "previous": None}

# The tiny case with a fourth department that ties with a1 (the same values: 76 / 100), a commune with a
# Vietnamese name, and a commune whose name and evidence carry HTML that would read local files.
UNITS = [*TINY_UNITS[:3], ("a4", "Sở Bốn", "A", "kinh-te-so", ""),
         ("b1", VIETNAMESE, "B", "phuong", ""), ("b2", f"Xã {IMG} Hai", "B", "xa", "")]
SELF = [*TINY_SELF, *(("a4", *row[1:]) for row in TINY_SELF if row[0] == "a1")]
SELF = [(u, i, v, d, ATTACH if (u, i) == ("b2", "Y") else e) for u, i, v, d, e in SELF]


def make_inputs(root: Path, self_rows: Sequence[Sequence[str]] = SELF) -> tuple[Path, Path]:
    criteria, folder = write_case(root, units=UNITS, self_rows=self_rows,
                                  appraisal=[*TINY_APPRAISAL, ("a4", *TINY_APPRAISAL[0][1:])])
    (folder / "SAMPLE").write_text(SAMPLE_TEXT + "\n", encoding="utf-8")
    return criteria, folder


def plain_ranking(root: Path) -> Ranking:
    """Scores and ranks only: no robustness, no previous edition."""
    criteria_path, folder = make_inputs(root)
    criteria = load_criteria(criteria_path)
    return rank(score(criteria, load_inputs(criteria, folder)))


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> Ranking:
    """The full build (with robustness), a1 given last year's rank 3 and b1 marked new."""
    criteria_path, folder = make_inputs(tmp_path_factory.mktemp("case"))
    criteria = load_criteria(criteria_path)
    ranking = build(criteria, load_inputs(criteria, folder))
    history = {"a1": Previous("same", 0.7, 3), "b1": Previous("new")}
    units = tuple(dataclasses.replace(u, previous=history.get(u.score.unit)) for u in ranking.units)
    return dataclasses.replace(ranking, units=units)


class Rendered:
    def __init__(self, folder: Path, warnings: list[str]) -> None:
        self.folder = folder
        self.warnings = warnings
        self.publication = folder / "dti-2025.pdf"

    def unit(self, unit_id: str) -> Path:
        return self.folder / "units" / f"{unit_id}.pdf"

    def pages(self, path: Path) -> list[str]:
        return [page.extract_text() for page in PdfReader(path).pages]

    def text(self, path: Path) -> str:
        return "\n".join(self.pages(path))


@pytest.fixture(scope="module")
def rendered(ranked: Ranking, tmp_path_factory: pytest.TempPathFactory, epoch: None) -> Rendered:
    """Every PDF of the case, rendered in this process, with whatever weasyprint logged."""
    folder = tmp_path_factory.mktemp("out")
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        write_reports(present(ranked, OPTIONS, "vi"), folder, workers=1)
    finally:
        logger.removeHandler(handler)
    return Rendered(folder, records)


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces (table cells wrap)."""
    return re.sub(r"\s+", " ", text)


# --- files, pages, fonts ---------------------------------------------------------------------------------
def test_one_pdf_per_unit_and_the_publication(rendered: Rendered) -> None:
    names = sorted(p.name for p in (rendered.folder / "units").iterdir())
    assert names == ["a1.pdf", "a2.pdf", "a3.pdf", "a4.pdf", "b1.pdf", "b2.pdf"]
    assert rendered.publication.is_file()


def test_weasyprint_logged_no_warning(rendered: Rendered) -> None:
    assert rendered.warnings == []


def test_page_counts(rendered: Rendered) -> None:
    # cover, summary, two group rankings (the first with the robustness box over two pages), pillars,
    # methodology, colophon
    assert len(PdfReader(rendered.publication).pages) == 8
    assert len(PdfReader(rendered.unit("a1")).pages) == 1


def test_every_page_has_the_page_number_and_the_sample_mark(rendered: Rendered) -> None:
    for path in (rendered.publication, rendered.unit("a3"), rendered.unit("b2")):
        pages = rendered.pages(path)
        for n, text in enumerate(pages, start=1):
            assert "DỮ LIỆU MẪU" in text
            assert f"Trang {n} / {len(pages)}" in text


def test_fonts_are_the_projects_and_embedded(rendered: Rendered) -> None:
    for path in (rendered.publication, rendered.unit("a1")):
        fonts = set()
        for page in PdfReader(path).pages:
            resources: Any = page["/Resources"]
            for ref in resources["/Font"].values():
                font = ref.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, font["/BaseFont"]
                fonts.add(re.sub(r"^/[A-Z]{6}\+", "", str(font["/BaseFont"])))
        # only the two faces the stylesheet declares (DejaVu Sans from matplotlib); no machine font
        assert fonts == {"DTI-Sans", "DTI-Sans-Bold"}, fonts


def test_page_one_is_not_blank(rendered: Rendered) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(rendered.publication)
    histogram = pdf[0].render(scale=0.5).to_pil().convert("L").histogram()
    dark = sum(histogram[:128])
    assert dark > 500  # the title, the edition, the sample box
    pdf.close()


def test_bookmarks_per_section_and_group(rendered: Rendered) -> None:
    def titles(items: Sequence[object]) -> Iterator[str]:
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield str(item.title)  # type: ignore[attr-defined]

    found = list(titles(PdfReader(rendered.publication).outline))
    for title in ("Tóm tắt", "Bảng xếp hạng: Sở, ban, ngành", "Bảng xếp hạng: Xã, phường", "Theo chỉ số thành phần",
                  "Phương pháp đánh giá", "Thông tin phát hành"):
        assert title in found


# --- the publication, section by section -------------------------------------------------------------------
def test_cover(rendered: Rendered) -> None:
    cover = flat(rendered.pages(rendered.publication)[0])
    for words in ("Bộ chỉ số thử", "Kết quả đánh giá, xếp hạng năm 2025", "Sở Khoa học và Công nghệ",
                  "Ấn bản 2025", "Ngày lập: 01/01/2026", "6 đơn vị trong 2 khối",
                  "DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)", SAMPLE_TEXT):
        assert words in cover


def test_summary(rendered: Rendered) -> None:
    summary = flat(rendered.pages(rendered.publication)[1])
    # A: 0.76, 0.76, 0.75, 29/90 → mean 0.648056, population sd 0.188160; B: 1 and 0.75 → 0.875, 0.125
    assert "Sở, ban, ngành 4 0,6481 0,1882 0,3222 0,7600" in summary
    assert "Xã, phường 2 0,8750 0,1250 0,7500 1,0000" in summary
    assert "1=. Sở Một — 0,7600 1=. Sở Bốn — 0,7600 3. Sở Hai — 0,7500 4. Sở Ba — 0,3222" in summary
    assert "4. Sở Ba — 0,3222" in summary
    assert "Phân bố chỉ số theo khối" in summary


def test_group_ranking_table(rendered: Rendered) -> None:
    text = flat(rendered.pages(rendered.publication)[2])
    assert "Bảng xếp hạng: Sở, ban, ngành" in text
    assert "Hạng Đơn vị Chỉ số Xếp loại P1 P2 So với năm trước" in text  # the site's heading too
    # rank with the tie, index, band, each pillar's index (P1 40/50, P2 36/50), change vs last year
    # ▲ is drawn (CSS), not a glyph: the text keeps the number of places
    assert "1= Sở Một 0,7600 Tốt 0,80 0,72 2 +0,060 1= Sở Bốn 0,7600 Tốt 0,80 0,72 3 Sở Hai" in text
    assert "4 Sở Ba 0,3222 Cần cải thiện 0,40 0,23" in text  # P1 (10 + 10 + 0) / 50, P2 9 / 40
    assert "Chỉ số thành phần: P1 Nhận thức số; P2 Chính quyền số." in text
    assert "Chỉ số của các đơn vị, từ cao xuống thấp" in text
    assert "Độ vững của thứ hạng" in text
    commune = flat(rendered.pages(rendered.publication)[3])
    assert f"1 {VIETNAMESE} 1,0000 Xuất sắc 1,00 mới" in commune


def test_pillar_leaders(rendered: Rendered) -> None:
    text = flat(rendered.pages(rendered.publication)[4])
    assert "Theo chỉ số thành phần" in text
    assert "P1 — Nhận thức số 0,700 = Sở Một (0,800) = Sở Hai (0,800) = Sở Bốn (0,800) Sở Ba (0,400)" in text


def test_methodology(rendered: Rendered) -> None:
    text = flat(rendered.text(rendered.publication))
    for words in (
        "Phương pháp đánh giá",
        "nhân với 1, làm tròn 4 chữ số thập phân",
        "đồng hạng, ký hiệu “=”",
        "Chỉ số áp dụng cho đơn vị nhưng không có số liệu được tính 0 điểm",
        "Xếp loại theo chỉ số: Xuất sắc (từ 0,8); Tốt (từ 0,5); Cần cải thiện (từ 0).",
        "Y Có kế hoạch 10 Có: 10 điểm; không: 0 điểm. Tất cả",
        "Tỷ lệ đạt được: 20 điểm × tỷ lệ / 80 %, tối đa 20 điểm khi tỷ lệ đạt 80 %.",
        "Theo mức: từ 4 trở lên: 20 điểm; từ 3 trở lên: 15 điểm; từ 2 trở lên: 10 điểm; từ 1 trở lên: 5 điểm; "
        "thấp hơn: 0 điểm.",
        "Theo lựa chọn: “Chủ tịch”: 10 điểm; “Phó Chủ tịch”: 5 điểm.",
        "kinh-te-so",
        "K Tổng hợp (20)",
        "2 điểm cho mỗi mục, tối đa 10 điểm.",
        "Hội đồng thẩm định chấm điểm, từ 0 đến 10 điểm.",
    ):
        assert words in text, words


def test_colophon(rendered: Rendered, ranked: Ranking) -> None:
    text = flat(rendered.pages(rendered.publication)[-1])
    assert "Thông tin phát hành" in text
    assert f"Phiên bản dti {__version__}" in text
    assert ranked.criteria.sha256 in text
    assert len(ranked.inputs.files) == 4
    for name, digest in ranked.inputs.files.items():
        assert Path(name).name in text and digest in text
    assert "Lệnh dti run (chạy toàn bộ)" in text and "Kết quả năm trước —" in text
    assert "command" not in text and "previous" not in text


# --- the breakdown -------------------------------------------------------------------------------------------
def test_breakdown_of_a_tied_first_unit(rendered: Rendered) -> None:
    text = flat(rendered.text(rendered.unit("a1")))
    for words in (
        "Sở Một", "Chi tiết điểm của đơn vị · Sở, ban, ngành",
        "Hạng 1= / 4", "Chỉ số 0,7600", "Xếp loại Tốt", "76 / 100 điểm", "Chỉ số tự đánh giá 0,7800",
        "Hạng 3: tăng 2 bậc", "Chỉ số 0,7000 (+0,0600)",
        "P1 — Nhận thức số 40 50 0,800 0,700 0,800",
        "Đơn vị đang đứng đầu khối.",
        # the council changed K.2 from 7 to 5: both values, both points, and its note
        "K.2 Hội đồng chấm Ý kiến Hội đồng: minh chứng chưa đầy đủ 7 5 7 5 10",
        "Y Có kế hoạch Minh chứng: QĐ 1 Có — 10 10 10",  # yes as the language's word, no council value "—"
        "K Tổng hợp Tổng điểm các chỉ số con. 20 K.1 Số sự cố",  # a composite: a heading row, then its children
    ):
        assert words in text, words


def test_breakdown_of_the_last_unit(rendered: Rendered) -> None:
    text = flat(rendered.text(rendered.unit("a3")))
    assert "Hạng 4 / 4" in text and "29 / 90 điểm" in text
    # most points left first: T (20), C (10, missing), K.1 (10, missing) ...
    assert "T Số cuộc họp 0 20 20" in text
    assert "C Trưởng ban (Thiếu số liệu) 0 10 10" in text
    # one rank up means a2's 0.75: (0.75 − 29/90) × 90 = 38.5 points
    assert "Để lên hạng 3 (ngang Sở Hai, chỉ số 0,7500), đơn vị cần thêm khoảng 38,5 điểm." in text
    assert "B † Doanh thu — — — — — Không áp dụng" in text  # no value, no points, no maximum: it does not apply
    assert "C Trưởng ban — — 0 0 10 Thiếu số liệu" in text  # empty values show "—"


def test_vietnamese_round_trip(rendered: Rendered) -> None:
    pages = rendered.pages(rendered.unit("b1"))
    assert VIETNAMESE in pages[0].splitlines()
    assert "Chi tiết điểm của đơn vị · Xã, phường · Kết quả đánh giá, xếp hạng năm 2025" in pages[0]


# --- safety ---------------------------------------------------------------------------------------------------
def _no_file_inside(path: Path) -> None:
    reader = PdfReader(path)
    root: Any = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert reader.attachments == {}
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    raw = path.read_bytes()
    assert (b"/EmbeddedFile" not in raw and b"/XObject" not in raw) or b"/Image" not in raw
    secret = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert secret not in text
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip()
    assert not hostname or hostname not in text.replace("file:///etc/hostname", "")


def test_hostile_text_prints_as_text_and_loads_nothing(rendered: Rendered) -> None:
    unit = rendered.unit("b2")
    text = flat(rendered.text(unit))
    assert f"Xã {IMG} Hai" in text
    assert ATTACH.replace(" ", "") in text.replace(" ", "")  # a narrow cell may wrap the URL anywhere
    assert f"Xã {IMG} Hai" in flat(rendered.text(rendered.publication))
    _no_file_inside(unit)
    _no_file_inside(rendered.publication)


def test_the_fetcher_serves_only_the_projects_assets() -> None:
    assert fetch_asset("dti-asset:/report.css").read().startswith(b"/*")
    for url in ("file:///etc/passwd", "http://example.com/x.css", "https://example.com/f.ttf",
                "data:text/css,body{}", "dti-asset:/../../etc/passwd", "dti-asset:/"):
        with pytest.raises(ValueError, match="dti reports load only their own assets; refused"):
            fetch_asset(url)


def test_raw_html_still_cannot_embed_a_local_file(tmp_path: Path) -> None:
    """Even HTML that escaped the templates: the fetcher refuses, so nothing is embedded."""
    path = tmp_path / "raw.pdf"
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        path.write_bytes(pdf_bytes(f"<p>{IMG}{ATTACH}<link rel=attachment href='file:///etc/hostname'></p>"))
    finally:
        logger.setLevel(level)
    _no_file_inside(path)


# --- reproducible, parallel -------------------------------------------------------------------------------------
def test_byte_identical_with_source_date_epoch_in_parallel(rendered: Rendered, ranked: Ranking,
                                                           tmp_path: Path, epoch: None) -> None:
    """A second run, in worker processes this time, gives the same bytes."""
    write_reports(present(ranked, OPTIONS, "vi"), tmp_path, workers=2)
    first = sorted(p.relative_to(rendered.folder) for p in rendered.folder.rglob("*.pdf"))
    second = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.pdf"))
    assert first == second
    for rel in first:
        assert (rendered.folder / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


# --- HTML-level checks (no PDF needed) ---------------------------------------------------------------------------
def test_english_headings(ranked: Ranking, tmp_path: Path, epoch: None) -> None:
    path = tmp_path / "en.pdf"
    path.write_bytes(pdf_bytes(publication_html(present(ranked, OPTIONS, "en"))))
    text = flat("\n".join(p.extract_text() for p in PdfReader(path).pages))
    for words in ("Ranking results 2025", "SAMPLE DATA", "Summary", "Ranking: Sở, ban, ngành", "By pillar",
                  "Methodology", "Colophon", "Page 1 of 8", "Yes: 10 points; no: 0 points.", "0.7600"):
        assert words in text, words
    assert "Trang" not in text and "Tóm tắt" not in text


def test_nothing_broken_without_history_or_robustness(tmp_path: Path) -> None:
    ranking = plain_ranking(tmp_path)
    shown = present(ranking, OPTIONS, "vi")
    html = publication_html(shown)
    assert "±" not in html and "Độ vững của thứ hạng" not in html
    view = group_view(ranking, ranking.criteria.groups[0])
    page = breakdown_html(shown, view.units[2].score.unit)
    assert re.search(r"Năm trước</dt>\s*<dd><div>—</div>", page)
    assert "Khoảng thứ hạng" not in page and "Thay đổi so với bản dự thảo" not in page


def test_robustness_sentence_names_units_whose_rank_is_not_firm(ranked: Ranking) -> None:
    loose = dataclasses.replace(ranked.units[0], robustness=Robustness(2.5, 1, 4))
    firm = tuple(dataclasses.replace(u, robustness=Robustness(u.rank, u.rank, u.rank)) for u in ranked.units[1:])
    html = publication_html(present(dataclasses.replace(ranked, units=(loose, *firm)), OPTIONS, "vi"))
    name = loose.score.name
    assert (f"1 trong {loose.group_size} đơn vị có thứ hạng chưa vững (khoảng thứ hạng rộng hơn 2 bậc):") in html
    assert f"<li>{name}: hạng 1=, khoảng 1–4</li>" in html


def test_breakdown_shows_what_changed_since_the_draft(tmp_path: Path) -> None:
    final = plain_ranking(tmp_path / "final")
    criteria_path, folder = make_inputs(tmp_path / "draft", [r for r in SELF if (r[0], r[1]) != ("a2", "Y")])
    criteria = load_criteria(criteria_path)
    draft = rank(score(criteria, load_inputs(criteria, folder)))
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    write_tables(draft, old, {})
    write_tables(final, new, {})
    html = breakdown_html(present(final, OPTIONS, "vi", diff_runs(old, new)), "a2")
    section = html[html.index("Thay đổi so với bản dự thảo"):html.index("Điểm từng chỉ số")]
    assert "<td>Y</td><td>—</td><td>Không</td>" in section  # the draft had no value, the final run has "không"
    assert "<td>thiếu số liệu</td><td>có số liệu</td>" in section  # issue 9: no bare "→" between statuses
    assert "→" not in section


# --- pure helpers ----------------------------------------------------------------------------------------------------
def test_rules_in_words() -> None:
    vi, en = Words("vi"), Words("en")
    assert describe_rule(YesNo(), 10, vi) == "Có: 10 điểm; không: 0 điểm."
    assert describe_rule(Ratio(1.0), 40, vi) == (
        "Tỷ lệ đạt được: 40 điểm × tỷ lệ / 100\u00a0%, tối đa 40 điểm khi tỷ lệ đạt 100\u00a0%.")
    assert describe_rule(Tiers(((1, 5), (3, 15)), "lower"), 15, vi) == (
        "Theo mức: không quá 1: 5 điểm; không quá 3: 15 điểm; cao hơn: 0 điểm.")
    assert describe_rule(Choice((("Có", 1.0), ("Một phần", 0.5))), 7, vi) == (
        "Theo lựa chọn: “Có”: 7 điểm; “Một phần”: 3,5 điểm.")
    assert describe_rule(Best("lower"), 30, vi).endswith("30 điểm × giá trị thấp nhất / giá trị.")
    assert "(cao nhất − giá trị)" in describe_rule(MinMax("lower"), 10, vi)
    assert describe_rule(Count(2.5), 10, en) == "2.5 points per item, at most 10 points."
    assert describe_rule(Council(), 15, en) == "Points awarded by the appraisal council, 0 to 15."


def test_numbers_in_each_language() -> None:
    assert Words("vi").num(0.81234) == "0,8123"
    assert Words("en").num(0.81234) == "0.8123"
    assert Words("vi").points(12.5) == "12,5" and Words("vi").points(20.0) == "20"
    assert Words("vi").num(None) == "—"


def test_chart_helpers() -> None:
    assert charts.heat(0) == "#f4c7c3" and charts.heat(1) == "#b7e1cd" and charts.heat(None) == "#ffffff"
    assert charts.heat(2) == charts.heat(1)
    assert charts.rank_ticks(126) == [1, 25, 50, 75, 100, 126]
    assert charts.fit("Ủy ban nhân dân", 1000, 8) == "Ủy ban nhân dân"
    assert charts.fit("x" * 100, 58, 10) == "x" * 9 + "…"
    svg = charts.bar_chart([charts.Bar("<b>&", 0.5, "#000")], 1.0, str)
    assert "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    histogram = charts.histogram([0.0, 0.51, 0.52, 1.0], 1.0, str, bins=2)
    assert histogram.count("<rect") == 2


# --- the command line ----------------------------------------------------------------------------------------------
def test_run_writes_the_pdfs_beside_the_tables_and_a_bad_draft_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], epoch: None) -> None:
    from ranking.cli import main

    criteria, folder = make_inputs(tmp_path / "case")
    out = tmp_path / "out"
    args = ["--criteria", str(criteria), "--inputs", str(folder), "--out", str(out)]
    assert main(["run", *args, "--lang", "en"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "dti-2025.pdf", "indicator_scores.csv", "results.csv", "results.xlsx", "run.json", "site", "units"]
    assert len(list((out / "units").glob("*.pdf"))) == 6
    assert "Summary" in PdfReader(out / "dti-2025.pdf").pages[1].extract_text()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["report", *args, "--draft", str(tmp_path / "nowhere")]) == 2
    assert re.search(r"nowhere/results\.csv: không tìm thấy tệp", capsys.readouterr().err)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
