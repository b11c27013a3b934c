"""The web site (site/): its pages read as HTML, then opened from file:// in real headless Chromium
(tests/browser.py): every unit listed, sorting and filtering, no request leaving the page, no horizontal
scrolling at 360 px, and axe-core with no serious or critical violation. The sample's site is written
once per session, straight from the Ranking (no PDF needed)."""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ranking.cli import main
from ranking.criteria import load_criteria
from ranking.diff import diff_runs
from ranking.inputs import load_inputs
from ranking.pipeline import build
from ranking.ranking import Previous, Ranking
from ranking.site import write_site
from ranking.tables import write_tables
from ranking.views import present
from tests import browser
from tests.conftest import ROOT, TINY_APPRAISAL, TINY_SELF, TINY_UNITS, write_case

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onerror="alert(1)'
FORMULA = '=HYPERLINK("http://evil.example/?x","bấm")'
IMG = '<img src="http://evil.example/x.png">'
CSP = "default-src 'none'; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'none'"

# The tiny case with hostile text: a department's name with a script, a commune's name with an attribute
# breaker, evidence with a remote image and a council note with a spreadsheet formula.
UNITS = [(u, f"Sở {SCRIPT} Một" if u == "a1" else f"Xã {ATTRIBUTE} Hai" if u == "b2" else n, g, t, p)
         for u, n, g, t, p in TINY_UNITS]
SELF = [(u, i, v, d, IMG if (u, i) == ("a2", "Y") else e) for u, i, v, d, e in TINY_SELF]
APPRAISAL = [(u, i, v, d, FORMULA) for u, i, v, d, _ in TINY_APPRAISAL]


# --- reading the pages -------------------------------------------------------------------------------------
class Page(HTMLParser):
    """The elements (tag, attributes) and the text of one page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.chunks))

    def tags(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.elements if t == tag]


def page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def hostile_ranking(root: Path) -> Ranking:
    criteria_path, folder = write_case(root, units=UNITS, self_rows=SELF, appraisal=APPRAISAL)
    criteria = load_criteria(criteria_path)
    ranking = build(criteria, load_inputs(criteria, folder))
    history = {"a1": Previous("same", 0.7, 3), "b1": Previous("new")}
    return dataclasses.replace(ranking, units=tuple(dataclasses.replace(u, previous=history.get(u.score.unit))
                                                    for u in ranking.units))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, epoch: None) -> Path:
    """The hostile tiny case's site (a draft, with the tables beside it), in Vietnamese."""
    out = tmp_path_factory.mktemp("hostile")
    ranking = hostile_ranking(tmp_path_factory.mktemp("case"))
    options = {"command": "run", "stage": "draft", "criteria": "criteria.yaml"}
    write_tables(ranking, out, options)
    write_site(present(ranking, options, "vi"), out)
    return out / "site"


# --- the pages as HTML ---------------------------------------------------------------------------------------
def test_every_page_and_asset_is_written(hostile: Path) -> None:
    names = sorted(str(p.relative_to(hostile)) for p in hostile.rglob("*") if p.is_file())
    assert names == ["index.html", "methodology.html", "site.css", "site.js",
                     *(f"units/{u}.html" for u in ("a1", "a2", "a3", "b1", "b2"))]
    assert len((hostile / "site.js").read_bytes()) < 8000


def test_every_page_is_locked_to_its_own_files(hostile: Path) -> None:
    """A CSP that forbids other hosts; every link, script and style relative (no scheme, no host)."""
    for path in pages(hostile):
        p = page(path)
        assert [a.get("content") for a in p.tags("meta") if a.get("http-equiv") == "Content-Security-Policy"] == [CSP]
        urls = [a[k] or "" for t, a in p.elements for k in ("href", "src", "action", "srcset", "data") if k in a]
        assert urls and not [u for u in urls if re.match(r"^[a-z][a-z0-9+.-]*:|^//", u, re.I)], path
        assert [a.get("src") for a in p.tags("script")] == [("../" if path.parent.name == "units" else "") + "site.js"]
        assert not [a for _, a in p.elements if any(k.startswith("on") or k == "style" for k in a)], path


def test_no_path_of_this_machine(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Inputs and criteria by name (with their SHA-256), as in run.json and the PDF colophon."""
    base = str(tmp_path_factory.getbasetemp())
    for path in hostile.rglob("*"):
        if path.is_file():
            assert base not in path.read_text(encoding="utf-8"), path
    text = page(hostile / "index.html").text
    assert "criteria.yaml (tiny, Ấn bản 2025)" in text and "units.csvSHA-256" in text


def test_hostile_names_and_evidence_are_text(hostile: Path) -> None:
    index = page(hostile / "index.html")
    assert f"Sở {SCRIPT} Một" in index.text and f"Xã {ATTRIBUTE} Hai" in index.text
    a2 = page(hostile / "units" / "a2.html")
    assert IMG in a2.text and not a2.tags("img")
    a1 = page(hostile / "units" / "a1.html")
    assert FORMULA in a1.text
    raw = (hostile / "units" / "a1.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    b2 = (hostile / "index.html").read_text(encoding="utf-8")
    assert 'data-name="Xã &#34; onerror=&#34;alert(1) Hai"' in b2


def test_structure_lang_one_h1_headers_with_scope(hostile: Path) -> None:
    for path in pages(hostile):
        p = page(path)
        assert p.tags("html")[0].get("lang") == "vi"
        assert len(p.tags("h1")) == 1, path
        assert all(a.get("scope") in ("col", "row", "rowgroup") for a in p.tags("th")), path
        assert [a.get("name") for a in p.tags("meta") if a.get("name") == "viewport"] == ["viewport"]


def test_draft_and_sample_marks_on_every_page(hostile: Path) -> None:
    for path in pages(hostile):
        assert "DỰ THẢO — chưa phải kết quả chính thức" in page(path).text, path


def test_index_lists_every_unit_with_its_figures(hostile: Path) -> None:
    p = page(hostile / "index.html")
    links = [a.get("href") for a in p.tags("a") if (a.get("href") or "").startswith("units/")]
    assert sorted(set(links)) == [f"units/{u}.html" for u in ("a1", "a2", "a3", "b1", "b2")]
    text = p.text
    # a1: 76/100 = 0.7600, rank 1 (last year 3: up 2); b1: 10/10 = 1, new.
    assert re.search(r"1 Sở <script>alert\(1\)</script> Một 0,7600 Tốt", text)
    assert "▲2 (tăng 2 bậc) +0,060" in text
    assert "mới" in text
    for pillar in ("P1", "P2"):
        assert pillar in text
    assert "Khoảng thứ hạng" in text
    assert "1–1" not in text and "2–2" not in text  # a one-rank interval reads "1", not "1–1"
    # The filter controls are hidden until the script shows them: the page reads whole without it.
    assert all("hidden" in a for a in p.tags("div") if "data-filter" in a)
    assert [a.get("href") for a in p.tags("a") if (a.get("href") or "").startswith("../")] == [
        "../results.xlsx", "../results.csv", "../indicator_scores.csv", "../run.json"]


def test_unit_page_says_what_the_breakdown_says(hostile: Path) -> None:
    text = page(hostile / "units" / "a1.html").text
    for expected in ("Kết quả chung", "1 / 3", "0,7600", "76 / 100 điểm", "Chỉ số tự đánh giá",
                     "Hạng 3: tăng 2 bậc", "Điểm theo chỉ số thành phần", "Điểm còn thiếu", "Điểm từng chỉ số",
                     "Ý kiến Hội đồng", "Minh chứng: QĐ 1", "Đơn vị đang đứng đầu khối.",
                     # the firmness sentence of the PDF, not a bare "Khoảng thứ hạng 1–1" figure
                     "Độ vững của thứ hạng: Thứ hạng 1 là thứ hạng vững", "đơn vị giữ hạng 1 trong 90 % số lần tính"):
        assert expected in text, expected
    assert "Khoảng thứ hạng" not in text
    a3 = page(hostile / "units" / "a3.html").text
    assert "Để lên hạng 2" in a3 and "Không áp dụng" in a3 and "Thiếu số liệu" in a3
    svg = page(hostile / "units" / "a1.html").tags("svg")
    assert svg and svg[0].get("role") == "img" and svg[0].get("aria-labelledby") == "chart-pillars"


def test_methodology_from_the_criteria(hostile: Path) -> None:
    text = page(hostile / "methodology.html").text
    assert "Phương pháp đánh giá" in text
    assert "Có: 10 điểm; không: 0 điểm." in text
    assert "Theo mức: từ 4 trở lên: 20 điểm" in text
    assert "Hội đồng thẩm định chấm điểm, từ 0 đến 10 điểm." in text
    assert "kinh-te-so" in text


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_meet_wcag_aa(hostile: Path) -> None:
    """Text on every shade of the pillar cells, and the coloured texts on white, reach 4.5:1."""
    css = (hostile / "site.css").read_text(encoding="utf-8")
    text = re.search(r"html \{[^}]*color: (#[0-9a-f]{6})", css)
    shades = re.findall(r"\.h\d\{background:(#[0-9a-f]{6})\}", css)
    assert text and len(shades) == 5
    assert min(contrast(text.group(1), s) for s in shades) >= 4.5
    for rule in (".up", ".down", ".muted", ".lead", "a", ".status-missing", ".loose"):
        colour = re.search(rf"^{re.escape(rule)} \{{[^}}]*color: (#[0-9a-f]{{6}})", css, re.M)
        assert colour and contrast(colour.group(1), "#ffffff") >= 4.5, rule


def test_english(tmp_path: Path, epoch: None) -> None:
    ranking = hostile_ranking(tmp_path / "case")
    write_site(present(ranking, {"command": "run"}, "en"), tmp_path)
    index = page(tmp_path / "site" / "index.html")
    assert index.tags("html")[0].get("lang") == "en"
    assert "Ranking results 2025" in index.text and "0.7600" in index.text
    assert "DRAFT" not in index.text and "DỰ THẢO" not in index.text
    assert "Score breakdown" in page(tmp_path / "site" / "units" / "a1.html").text


def test_byte_identical_with_source_date_epoch(tmp_path: Path, epoch: None) -> None:
    ranking = hostile_ranking(tmp_path / "case")
    written = []
    for name in ("one", "two"):
        write_site(present(ranking, {"command": "run"}, "vi"), tmp_path / name)
        site = tmp_path / name / "site"
        written.append({str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()})
    assert written[0] == written[1]
    assert "2026-01-01T00:00:00Z" in written[0]["index.html"].decode()


def test_a_unit_id_cannot_leave_the_site(tmp_path: Path) -> None:
    ranking = hostile_ranking(tmp_path / "case")
    for bad in ("../../evil", "..", "a/b"):
        units = tuple(dataclasses.replace(u, score=dataclasses.replace(u.score, unit=bad))
                      if u.score.unit == "a1" else u for u in ranking.units)
        with pytest.raises(ValueError, match="unsafe file name"):
            write_site(present(dataclasses.replace(ranking, units=units), {}, "vi"), tmp_path / "out")
    assert not (tmp_path / "evil.html").exists() and not list(tmp_path.glob("*.html"))


def test_draft_changes_on_the_unit_page(tmp_path: Path) -> None:
    ranking = hostile_ranking(tmp_path / "case")
    final = tmp_path / "final"
    for folder in (tmp_path / "draft", final):
        folder.mkdir()
    write_tables(ranking, tmp_path / "draft", {})
    criteria_path, folder = write_case(tmp_path / "case2", units=UNITS, self_rows=SELF,
                                       appraisal=[("a1", "K.2", "9", "", "sửa")])
    criteria = load_criteria(criteria_path)
    later = build(criteria, load_inputs(criteria, folder))
    write_tables(later, final, {})
    write_site(present(later, {}, "vi", diff_runs(tmp_path / "draft", final)), final)
    text = page(final / "site" / "units" / "a1.html").text
    assert "Thay đổi so với bản dự thảo" in text
    assert re.search(r"Dự thảo\s*Chính thức\s*Chỉ số\s*0,7600\s*0,8000", text)  # the index in the draft, then now
    assert "Không có thay đổi so với bản dự thảo." in page(final / "site" / "units" / "b1.html").text


def test_run_writes_the_site_beside_the_pdfs_and_no_site_removes_it(tmp_path: Path, capsys: Any) -> None:
    criteria, folder = write_case(tmp_path / "case")
    out = tmp_path / "out"
    args = ["run", "--criteria", str(criteria), "--inputs", str(folder), "--out", str(out), "--stage", "draft"]
    assert main(args) == 0
    index = page(out / "site" / "index.html")
    assert "DỰ THẢO — chưa phải kết quả chính thức" in index.text
    links = [a.get("href") for a in index.tags("a") if (a.get("href") or "").startswith("../")]
    assert links[0] == "../dti-2025.pdf" and all((out / "site" / str(h)).resolve().is_file() for h in links)
    # the site is written while the PDFs render: every page still links its PDF, and every link resolves
    for html in sorted((out / "site" / "units").glob("*.html")):
        pdf = f"../../units/{html.stem}.pdf"
        assert pdf in [a.get("href") for a in page(html).tags("a")], html.name
        assert (html.parent / pdf).resolve().is_file()
    assert main([*args, "--no-site"]) == 0
    assert not (out / "site").exists() and (out / "dti-2025.pdf").is_file()
    capsys.readouterr()


# --- in a real browser ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ranking]:
    """The bundled 2025 sample's site, compared with 2024 (the change column), written from the Ranking."""
    out = tmp_path_factory.mktemp("sample")
    previous = None
    ranking = None
    for year in ("2024", "2025"):
        criteria = load_criteria(ROOT / "criteria" / f"hanoi-{year}.yaml")
        ranking = build(criteria, load_inputs(criteria, ROOT / "inputs" / year), previous)
        (out / year).mkdir()
        write_tables(ranking, out / year, {"command": "run"})
        previous = out / year / "results.csv"
    assert ranking is not None
    write_site(present(ranking, {"command": "run"}, "vi"), out / "2025")
    return out / "2025" / "site", ranking


def test_a_unit_page_says_where_a_measurement_comes_from(sample_site: tuple[Path, Ranking]) -> None:
    """Issue 11 on the web as in the PDF: a measured value names its system and date (measured.csv, an-khanh)."""
    text = page(sample_site[0] / "units" / "an-khanh.html").text
    assert "đo tự động từ Hệ thống thông tin giải quyết thủ tục hành chính Thành phố, ngày 28/11/2025: 0,487" in text


def test_a_pillar_that_does_not_apply_is_not_shown_as_zero(sample_site: tuple[Path, Ranking]) -> None:
    """Issue 9 point 4 on the web as in the PDF: Sở Y tế is not assessed on the digital economy (KTS)."""
    text = " ".join(page(sample_site[0] / "units" / "so-y-te.html").text.split())
    assert re.search(r"KTS — Hoạt động kinh tế số không áp dụng 0,765\s*1,000", text)  # the row: group mean, best
    assert not re.search(r"kinh tế số 0\s*0\s*—", text)  # not "0 0 —", as if it had scored zero


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    reason = browser.missing()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    with browser.chromium() as d:
        yield d


def open_page(driver: WebDriver, path: Path, width: int = 1280) -> None:
    browser.resize(driver, width)
    driver.get(path.as_uri())
    driver.get_log("performance")  # start the next page's log empty: read what this one loads below


def rows(driver: WebDriver, group: str) -> list[dict[str, str]]:
    """The visible rows of a group's ranking: rank, name, band, the index's sort value."""
    return list(driver.execute_script("""
        return Array.from(document.querySelectorAll('#table-' + arguments[0] + ' tbody tr'))
          .filter(r => !r.hidden && r.offsetParent !== null)
          .map(r => ({rank: r.cells[0].textContent.trim(), name: r.getAttribute('data-name'),
                      band: r.getAttribute('data-band'), index: r.cells[2].getAttribute('data-v')}));""", group))


def fold(text: str) -> str:
    """What the filter compares: no case, no diacritics, đ as d."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


def click_heading(driver: WebDriver, group: str, column: int) -> None:
    driver.execute_script(
        "document.querySelectorAll('#table-' + arguments[0] + ' thead th')[arguments[1]].querySelector('button')"
        ".click();", group, column)


def test_browser_lists_every_unit_of_the_sample(driver: WebDriver, sample_site: tuple[Path, Ranking]) -> None:
    site, ranking = sample_site
    open_page(driver, site / "index.html")
    assert driver.title.startswith("Kết quả đánh giá, xếp hạng năm 2025")
    listed = {g.id: rows(driver, g.id) for g in ranking.criteria.groups}
    assert sum(len(r) for r in listed.values()) == len(ranking.units) == 143
    for group in ranking.criteria.groups:
        assert [r["name"] for r in listed[group.id]] == [u.score.name for u in ranking.group(group.id)]
    assert driver.execute_script("return document.querySelectorAll('.filter:not([hidden])').length") == 2


def test_browser_every_row_without_javascript(driver: WebDriver, sample_site: tuple[Path, Ranking]) -> None:
    site, ranking = sample_site
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_page(driver, site / "index.html")
        shown = driver.execute_cdp_cmd("Runtime.evaluate", {"expression": (
            "[document.querySelectorAll('table.ranking tbody tr').length,"
            " Array.from(document.querySelectorAll('.filter')).filter(f => f.offsetParent !== null).length,"
            " document.querySelectorAll('th button').length]"), "returnByValue": True})["result"]["value"]
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    assert shown == [len(ranking.units), 0, 0]  # every row, and no control that would need the script


def test_browser_sorts_by_any_column(driver: WebDriver, sample_site: tuple[Path, Ranking]) -> None:
    site, _ = sample_site
    open_page(driver, site / "index.html")
    before = rows(driver, "communes")
    click_heading(driver, "communes", 1)  # the name, A to Z
    by_name = rows(driver, "communes")
    assert by_name != before and sorted(r["name"] for r in by_name) == sorted(r["name"] for r in before)
    assert by_name[0]["name"].startswith(("An ", "Ba"))
    head = "return document.querySelectorAll('#table-communes thead th')[arguments[0]].getAttribute('aria-sort')"
    assert driver.execute_script(head, 1) == "ascending" and driver.execute_script(head, 0) is None
    click_heading(driver, "communes", 4)  # the first pillar, highest first
    values = driver.execute_script("""return Array.from(document.querySelectorAll('#table-communes tbody tr'))
        .map(r => r.cells[4].getAttribute('data-v')).filter(v => v !== '').map(Number);""")
    assert values == sorted(values, reverse=True) and values[0] > values[-1]
    click_heading(driver, "communes", 0)  # the rank again: the official order
    assert rows(driver, "communes") == before


def test_browser_filters_by_name_and_band(driver: WebDriver, sample_site: tuple[Path, Ranking]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    site, ranking = sample_site
    open_page(driver, site / "index.html")
    everyone = rows(driver, "communes")
    name = driver.find_element(By.ID, "name-communes")
    name.send_keys("phuong")  # no diacritics: matches "Phương", "Phượng"
    found = rows(driver, "communes")
    expected = [u.score.name for u in ranking.group("communes") if "phuong" in fold(u.score.name)]
    assert 0 < len(found) < len(everyone) and [r["name"] for r in found] == expected
    assert any("Phượng" in n for n in expected) and any("Phương" in n for n in expected)
    assert driver.find_element(By.CSS_SELECTOR, "[data-filter='table-communes'] .count").text == \
        f"Đang hiện {len(found)} / {len(everyone)} đơn vị."
    name.clear()
    name.send_keys("x")
    name.clear()
    band = ranking.criteria.bands[0].label
    Select(driver.find_element(By.ID, "band-communes")).select_by_value(band)
    best = rows(driver, "communes")
    assert best and all(r["band"] == band for r in best)
    assert len(best) == sum(1 for u in ranking.group("communes") if u.band == band)
    assert len(rows(driver, "departments")) == len(ranking.group("departments"))  # the other table untouched


def test_browser_no_request_leaves_the_page(driver: WebDriver, sample_site: tuple[Path, Ranking]) -> None:
    site, _ = sample_site
    driver.get_log("browser")
    for path in (site / "index.html", site / "methodology.html", next((site / "units").glob("*.html"))):
        browser.resize(driver, 1280)
        driver.get(path.as_uri())
        driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true);")
        urls = [message["params"]["request"]["url"] for entry in driver.get_log("performance")
                if (message := json.loads(entry["message"])["message"])["method"] == "Network.requestWillBeSent"]
        assert urls and all(u.startswith("file://") for u in urls), urls
        assert any(u.endswith("/site.css") for u in urls) and any(u.endswith("/site.js") for u in urls)
        problems = [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
        assert not problems, problems  # a resource the CSP refused, or a script error, is logged here


def test_browser_no_horizontal_scrolling_at_360_px(driver: WebDriver, sample_site: tuple[Path, Ranking]) -> None:
    site, _ = sample_site
    for path in (site / "index.html", site / "methodology.html", *sorted((site / "units").glob("*.html"))[:3]):
        open_page(driver, path, 360)
        widths = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth];")
        assert widths[1] == 360 and widths[0] <= widths[1] and widths[2] <= widths[1], (path.name, widths)


def axe(driver: WebDriver) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
    assert isinstance(result, list), result
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 360])
def test_browser_axe_core_finds_no_serious_violation(driver: WebDriver, sample_site: tuple[Path, Ranking],
                                                     width: int) -> None:
    site, ranking = sample_site
    last = ranking.group("communes")[-1].score.unit
    for path in (site / "index.html", site / "methodology.html", site / "units" / f"{last}.html"):
        open_page(driver, path, width)
        found = axe(driver)
        assert not found, [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in found]


def test_browser_hostile_page_runs_no_script(driver: WebDriver, hostile: Path) -> None:
    open_page(driver, hostile / "index.html")
    assert driver.execute_script("return document.querySelectorAll('script').length") == 1
    assert driver.execute_script("return document.querySelectorAll('img, [onerror]').length") == 0
    assert not [e for e in driver.get_log("browser") if "alert" in e["message"]]


def test_chromium_missing_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "chromium")
    assert (browser.missing() or "").startswith("Chromium is not installed")
