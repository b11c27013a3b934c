"""What is published of the year's two books, the objections register (issue 20) and the task register
(issue 19): what a unit's breakdown PDF and its web page say of its objections and its tasks, the
publication's tally and annex of the objections, the site's task pages; and that a year without either shows
neither (no heading over an empty table)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ranking.criteria import load_criteria
from ranking.errors import Lang
from ranking.i18n import Words
from ranking.inputs import load_inputs
from ranking.objections import read_draft
from ranking.pipeline import publish
from ranking.ranking import rank
from ranking.scoring import score
from tests.test_objections import GOOD, register, year  # noqa: F401 - `year` is a fixture
from tests.test_tasks import CRITERIA as TASKS_CRITERIA
from tests.test_tasks import scored

LANGS = ("vi", "en")


# --- reading what is published ----------------------------------------------------------------------------
def pdf_text(path: Path) -> str:
    """A PDF's text, its whitespace collapsed."""
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def page_text(path: Path) -> str:
    """A web page's visible text (without scripts and styles), its whitespace collapsed."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL | re.IGNORECASE)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def decision(w: Words, which: str) -> str:
    """A decision as a table cell shows it: 'Chấp nhận', 'Accepted'."""
    text = w(f"objection.decision.{which}")
    return text[:1].upper() + text[1:]


def squeeze(text: str) -> str:
    """Spaces the way a collapsed text has them (a no-break space is a space)."""
    return " ".join(text.split())


# --- objections ---------------------------------------------------------------------------------------------
# KN-1 (GOOD): a1's R accepted, 60% → 80%: 15 → 20 points, a1 76 → 81, first both times.
# KN-2: a2's T rejected, received after objections_until (late): nothing moves.
# KN-3: b2's R partly accepted, 50% → 65%: 5 → 6.5 points, b2 15 → 16.5, second both times.
LATE = ("KN-2", "a2", "T", "2025-12-12", "Five meetings, not seven", "5", "", "rejected", "The minutes show 7",
        "2025-12-15")
PARTLY = ("KN-3", "b2", "R", "2025-12-06", "The council counted the paper files", "80%", "Report 9", "partly",
          "Some of the files were counted twice", "2025-12-09")
CORRECTIONS = "a1,R,80%,,Chấp nhận kiến nghị KN-1\nb2,R,65%,,Chấp nhận một phần kiến nghị KN-3\n"


def final_run(year: tuple[Path, Path, Path], out: Path, lang: Lang, objections: bool = True,  # noqa: F811
              with_draft: bool = True) -> Path:
    """The tiny year's final run with the draft, as `dti run --draft` writes it (the PDFs and the site)."""
    criteria_path, folder, draft = year
    if objections:
        register(folder, [GOOD, LATE, PARTLY])
        with (folder / "appraisal.csv").open("a", encoding="utf-8") as f:
            f.write(CORRECTIONS)
    criteria = load_criteria(criteria_path)
    ranking = rank(score(criteria, load_inputs(criteria, folder)))
    publish(ranking, out, {"command": "run", "stage": "final"}, lang,
            read_draft(draft, criteria) if with_draft else None, workers=1)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_a_units_breakdown_and_its_page_show_its_objection_and_what_it_changed(
        year: tuple[Path, Path, Path], tmp_path: Path, lang: Lang) -> None:  # noqa: F811
    out = final_run(year, tmp_path / "final", lang)
    w = Words(lang)
    pct = (lambda x: f"{x} %") if lang == "vi" else (lambda x: f"{x}%")
    expected = [
        "KN-1", "The council missed our report", "Checked: the report is valid",
        w("report.objections"), decision(w, "accepted"),
        f"{w('report.value')}: " + w("report.from_to", old=pct(60), new=pct(80)),
        f"{w('points')}: " + w("report.from_to", old="15", new="20"),
        f"{w('report.objection_unit_points')}: " + w("report.from_to", old="76", new="81"),
        f"{w('rank')}: " + w("report.unchanged", value="1"),
        f"{w('report.objection_asked')}: {pct(80)}",
        w("report.objection_received", date="5/12/2025" if lang == "vi" else "2025-12-05"),
        w("report.objection_decided", date="8/12/2025" if lang == "vi" else "2025-12-08"),
        f"{w('report.evidence')}: Report 5",  # what the unit sent with its claim
    ]
    pdf = pdf_text(out / "units" / "a1.pdf")
    site = page_text(out / "site" / "units" / "a1.html")
    for text in expected:
        assert squeeze(text) in pdf, (text, pdf)
        assert squeeze(text) in site, (text, site)
    assert decision(w, "accepted") in pdf.split("KN-1", 1)[1] and decision(w, "accepted") in {"Chấp nhận", "Accepted"}
    for other in ("KN-2", "KN-3"):  # another unit's objection is not in a1's breakdown
        assert other not in pdf and other not in site
    # a2's late, rejected objection: marked late, and nothing moved
    a2_pdf = pdf_text(out / "units" / "a2.pdf")
    a2_site = page_text(out / "site" / "units" / "a2.html")
    for text in ("KN-2", f"({w('objection.late')})", decision(w, "rejected"), "The minutes show 7",
                 f"{w('points')}: " + w("report.unchanged", value="20"),
                 f"{w('rank')}: " + w("report.unchanged", value="2")):
        assert squeeze(text) in a2_pdf, (text, a2_pdf)
        assert squeeze(text) in a2_site, (text, a2_site)
    # b2's partly accepted one: the points in the language's decimals
    b2 = pdf_text(out / "units" / "b2.pdf")
    half = "6,5" if lang == "vi" else "6.5"
    assert squeeze(f"{w('points')}: " + w("report.from_to", old="5", new=half)) in b2
    assert decision(w, "partly") in b2
    # a unit without objections has no objections section
    for unit in ("a3", "b1"):
        assert w("report.objections") not in pdf_text(out / "units" / f"{unit}.pdf")
        assert w("report.objections") not in page_text(out / "site" / "units" / f"{unit}.html")


@pytest.mark.parametrize("lang", LANGS)
def test_the_publication_tallies_the_objections_and_lists_them_in_its_annex(
        year: tuple[Path, Path, Path], tmp_path: Path, lang: Lang) -> None:  # noqa: F811
    out = final_run(year, tmp_path / "final", lang)
    w = Words(lang)
    text = pdf_text(out / "dti-2025.pdf")
    section = text.index(w("report.objections_section"))
    annex = text.index(w("report.objections_annex"))
    assert section < annex
    assert squeeze(w("report.objections_intro", n=3)) in text
    # the tally: one row per group, accepted, partly, rejected, undecided, total, and of these the late ones
    heads = [w(k) for k in ("objection.decision.accepted", "objection.decision.partly", "objection.decision.rejected",
                            "objection.decision.none", "report.total", "report.tally_late")]
    assert squeeze(" ".join(h[:1].upper() + h[1:] for h in heads)) in text[section:], text[section:section + 600]
    assert "Sở, ban, ngành 1 0 1 0 2 1" in text[section:annex]
    assert "Xã, phường 0 1 0 0 1 0" in text[section:annex]
    # the annex: every objection, with its unit, decision and answer; the late one marked
    listing = text[annex:]
    received = "12/12/2025" if lang == "vi" else "2025-12-12"
    for o in (GOOD, LATE, PARTLY):
        assert o[0] in listing and squeeze(o[4]) in listing and squeeze(o[8]) in listing
    for unit in ("Sở Một", "Sở Hai", "Xã Hai"):
        assert unit in listing
    assert squeeze(f"KN-2 ({w('objection.late')}) {w('report.objection_received', date=received)}") in listing
    assert f"KN-1 ({w('objection.late')})" not in listing
    for which in ("accepted", "partly", "rejected"):
        assert decision(w, which) in listing


def test_without_the_draft_an_objection_shows_the_final_figures_not_a_change(
        year: tuple[Path, Path, Path], tmp_path: Path) -> None:  # noqa: F811
    out = final_run(year, tmp_path / "final", "vi", with_draft=False)
    w = Words("vi")
    for text in (pdf_text(out / "units" / "a1.pdf"), page_text(out / "site" / "units" / "a1.html")):
        assert "KN-1" in text and w("report.objection_final") in text
        assert w("report.objection_changed") not in text
        assert "Giá trị: 80 % Điểm: 20 Tổng điểm: 81 Hạng: 1" in text
        assert "từ —" not in text and "(không đổi)" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_year_without_objections_publishes_no_objections_part(
        year: tuple[Path, Path, Path], tmp_path: Path, lang: Lang) -> None:  # noqa: F811
    out = final_run(year, tmp_path / "final", lang, objections=False)
    w = Words(lang)
    text = pdf_text(out / "dti-2025.pdf")
    for key in ("report.objections_section", "report.objections_annex", "report.objection_claim",
                "report.objection_answer"):
        assert w(key) not in text, key
    for unit in ("a1", "a2", "b2"):
        shown = pdf_text(out / "units" / f"{unit}.pdf") + page_text(out / "site" / "units" / f"{unit}.html")
        assert w("report.objections") not in shown
        assert w("report.objection_claim") not in shown
        assert w("report.draft_changes") in shown  # the draft part is there: only the objections are absent
    assert not any('class="cards objections"' in p.read_text(encoding="utf-8")
                   for p in (out / "site").rglob("*.html"))


# --- tasks --------------------------------------------------------------------------------------------------
# tests/test_tasks.py's register, seen at the end of its period (31/12/2025, the run being later):
# a1 has 6 tasks, 5 due: T1 and T4 on time, T2 late, T6 overdue (done in 2026), T3 due that day and not done;
# T5 falls due in 2026. a2's only task T1 is overdue since 31/3/2025 (275 days); a3 has none.
def tasks_run(root: Path, lang: Lang, criteria: str = TASKS_CRITERIA, tasks: bool = True) -> Path:
    s = scored(root, criteria=criteria) if tasks else scored(root, criteria=criteria, tasks=None)
    out = root / "out"
    publish(rank(s), out, {"command": "run", "stage": "final"}, lang, workers=1)
    return out


def between(text: str, start: str, end: str) -> str:
    """The part of `text` from `start` up to `end`."""
    i = text.index(start)
    return text[i:text.index(end, i)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_site_has_a_task_page_per_group_linked_from_the_index(tmp_path: Path, lang: Lang) -> None:
    out = tasks_run(tmp_path, lang)
    w = Words(lang)
    site = out / "site"
    assert sorted(p.name for p in site.glob("tasks-*.html")) == ["tasks-A.html"]
    assert 'href="tasks-A.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="../tasks-A.html"' in (site / "units" / "a1.html").read_text(encoding="utf-8")
    text = page_text(site / "tasks-A.html")
    day = "31/12/2025" if lang == "vi" else "2025-12-31"
    assert squeeze(w("site.tasks_title", title="Sở, ban, ngành", date=day)) in text
    columns = " ".join(w(c) for c in ("tasks.unit", "tasks.assigned", "tasks.due", "tasks.on_time", "tasks.late",
                                      "tasks.overdue", "tasks.soon"))
    assert columns in text
    # assigned, due, on time, late, overdue, due within 30 days; the units with most overdue first
    rows = "Sở Hai 1 1 0 0 1 0 Sở Một 6 5 2 1 1 2 Sở Ba 0 0 0 0 0 0"
    assert rows in text, text
    overdue = text[text.index(w("tasks.overdue_list", n=2)):]
    march = "31/3/2025" if lang == "vi" else "2025-03-31"
    december = "15/12/2025" if lang == "vi" else "2025-12-15"
    assert f"Sở Hai T1 Kết nối CSDL dân cư (Đề án 06) {march} 275" in overdue
    assert f"Sở Một T6 Chuyên mục iHanoi {december} 16" in overdue
    assert "T3" not in overdue and "T5" not in overdue  # due on the day / not yet due: not overdue


@pytest.mark.parametrize("lang", LANGS)
def test_a_units_page_lists_its_tasks_as_its_breakdown_does(tmp_path: Path, lang: Lang) -> None:
    out = tasks_run(tmp_path, lang)
    w = Words(lang)
    day = "31/12/2025" if lang == "vi" else "2025-12-31"
    heading = w("report.tasks", date=day)
    pdf = pdf_text(out / "units" / "a1.pdf")
    site = page_text(out / "site" / "units" / "a1.html")
    in_pdf = between(pdf, heading, w("report.indicators"))
    in_site = between(site, heading, w("report.indicators"))
    assert in_pdf == in_site, (in_pdf, in_site)
    if lang == "vi":
        for row in ("T1 Kết nối CSDL dân cư (Đề án 06) KH 24 31/3/2025 20/3/2025 Hoàn thành đúng hạn",
                    "T2 25 dịch vụ công thiết yếu KH 24 30/6/2025 15/7/2025 Hoàn thành trễ hạn",
                    "T6 Chuyên mục iHanoi KH 24 15/12/2025 — Quá hạn, chưa hoàn thành",
                    "T3 Danh mục dữ liệu KH 24 31/12/2025 — Đến hạn, chưa hoàn thành",
                    "T4 Đào tạo kỹ năng số KH 24 31/12/2025 31/12/2025 Hoàn thành đúng hạn",
                    "T5 Việc của năm sau KH 24 15/1/2026 — Chưa đến hạn"):
            assert row in in_pdf, (row, in_pdf)
    else:
        for task, state in (("T1", "on_time"), ("T2", "late"), ("T6", "overdue"), ("T3", "due"), ("T5", "open")):
            assert re.search(rf"{task} .*? {re.escape(w(f'tasks.state.{state}'))}", in_pdf), (task, in_pdf)
    assert [t for t in re.findall(r"\bT\d\b", in_pdf)] == ["T1", "T2", "T6", "T3", "T4", "T5"]  # by deadline
    # the indicator's notes, the same words in both: the counts, the late and the undone tasks
    counts = w("tasks.counts", on_time="2", due="5", late="1", undone="2")
    assert squeeze(counts) in pdf and squeeze(counts) in site
    late = w("tasks.late_item", task="T2", title="25 dịch vụ công thiết yếu",
             deadline="30/6/2025" if lang == "vi" else "2025-06-30", done="15/7/2025" if lang == "vi" else "2025-07-15")
    undone = w("tasks.undone_item", task="T6", title="Chuyên mục iHanoi", deadline="15/12/2025"
               if lang == "vi" else "2025-12-15")
    for text in (late, undone):
        assert squeeze(text) in pdf and squeeze(text) in site, text
    # a2: its one task, overdue; a3: no task, no section
    assert "Kết nối CSDL dân cư (Đề án 06)" in between(pdf_text(out / "units" / "a2.pdf"), heading,
                                                      w("report.indicators"))
    assert heading not in pdf_text(out / "units" / "a3.pdf")
    assert heading not in page_text(out / "site" / "units" / "a3.html")


def test_a_year_without_tasks_has_no_task_page_and_no_link(tmp_path: Path) -> None:
    criteria = TASKS_CRITERIA.replace(
        "          - {id: KH, title: \"Tỷ lệ nhiệm vụ đúng hạn\", points: 20, rule: ratio, source: tasks, late: 0.5}\n",
        "")
    assert "source: tasks" not in criteria
    out = tasks_run(tmp_path, "vi", criteria=criteria, tasks=False)
    w = Words("vi")
    site = out / "site"
    assert not list(site.glob("tasks-*.html"))
    for page in site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "tasks-" not in raw and w("site.tasks_of_group") not in raw, page
    heading = w("report.tasks", date="").split("(")[0].strip()
    assert heading not in pdf_text(out / "units" / "a1.pdf")
    assert heading not in page_text(site / "units" / "a1.html")
