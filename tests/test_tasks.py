"""The year's tasks (issue 19): the register tasks.csv checked like every input, `source: tasks` indicators
computed from it over the criteria's period, and `dti tasks` (terminal, workbook, PDF) at any date."""

from __future__ import annotations

import csv
import html
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from ranking.criteria import Indicator, Period, Ratio, load_criteria
from ranking.errors import CriteriaError, DataError
from ranking.i18n import Words
from ranking.inputs import load_inputs
from ranking.ranking import rank
from ranking.register import Task, completion
from ranking.report import breakdown_html, pdf_bytes
from ranking.scoring import IndicatorScore, Scores, score
from ranking.views import present, task_notes
from tests.conftest import ROOT, write_csv
from tests.test_fuzz import mutate

CRITERIA = """\
id: tiny-tasks
title: "Bộ chỉ số thử"
edition: 2025
operator: "Sở Khoa học và Công nghệ"
period: {start: 2025-01-01, end: 2025-12-31}
groups:
  - id: A
    title: "Sở, ban, ngành"
    pillars:
      - id: P1
        title: "Nhận thức số"
        indicators:
          - {id: Y, title: "Có kế hoạch", points: 10, rule: yes_no}
          - {id: KH, title: "Tỷ lệ nhiệm vụ đúng hạn", points: 20, rule: ratio, source: tasks, late: 0.5}
"""
UNITS = [("a1", "Sở Một", "A", "", ""), ("a2", "Sở Hai", "A", "", ""), ("a3", "Sở Ba", "A", "", "")]
SELF = [("a1", "Y", "có", "", ""), ("a2", "Y", "không", "", ""), ("a3", "Y", "có", "", "")]
TASKS_COLUMNS = ("task", "unit", "title", "plan", "deadline", "done_on", "evidence", "note")
# a1: on time; late within the period; undone; due on the period's last day and done that day (on time);
# due after the period (warned, not counted); due in December, done in January (not done within the period).
TASKS = [
    ("T1", "a1", "Kết nối CSDL dân cư (Đề án 06)", "KH 24", "2025-03-31", "2025-03-20", "BC 1", ""),
    ("T2", "a1", "25 dịch vụ công thiết yếu", "KH 24", "2025-06-30", "2025-07-15", "BC 2", ""),
    ("T3", "a1", "Danh mục dữ liệu", "KH 24", "2025-12-31", "", "", "Đang triển khai"),
    ("T4", "a1", "Đào tạo kỹ năng số", "KH 24", "2025-12-31", "2025-12-31", "BC 4", ""),
    ("T5", "a1", "Việc của năm sau", "KH 24", "2026-01-15", "", "", ""),
    ("T6", "a1", "Chuyên mục iHanoi", "KH 24", "2025-12-15", "2026-01-05", "BC 6", ""),
    ("T1", "a2", "Kết nối CSDL dân cư (Đề án 06)", "KH 24", "2025-03-31", "", "", ""),
]


Rows = Sequence[Sequence[str]]


def case(root: Path, tasks: Rows | None = TASKS, self_rows: Rows = SELF, appraisal: Rows | None = None,
         criteria: str = CRITERIA) -> tuple[Path, Path]:
    root.mkdir(parents=True, exist_ok=True)
    (root / "criteria.yaml").write_text(criteria, encoding="utf-8")
    folder = root / "inputs"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "units.csv", ("id", "name", "group", "tags", "predecessors"), UNITS)
    write_csv(folder / "self_assessment.csv", ("unit", "indicator", "value", "denominator", "evidence"), self_rows)
    if appraisal is not None:
        write_csv(folder / "appraisal.csv", ("unit", "indicator", "value", "denominator", "note"), appraisal)
    if tasks is not None:
        write_csv(folder / "tasks.csv", TASKS_COLUMNS, tasks)
    return root / "criteria.yaml", folder


def scored(root: Path, as_of: date | None = None, tasks: Rows | None = TASKS, self_rows: Rows = SELF,
           appraisal: Rows | None = None, criteria: str = CRITERIA) -> Scores:
    criteria_path, folder = case(root, tasks, self_rows, appraisal, criteria)
    loaded = load_criteria(criteria_path)
    return score(loaded, load_inputs(loaded, folder, as_of=as_of))


def line(s: Scores, unit: str, indicator: str = "KH") -> IndicatorScore:
    return next(i for i in s.indicators if (i.unit, i.indicator) == (unit, indicator))


def dti(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ranking", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


# --- the rule, by hand --------------------------------------------------------------------------------------
def test_completion_by_hand(tmp_path: Path) -> None:
    s = scored(tmp_path)
    a1 = line(s, "a1")
    # due in 2025: T1 on time, T2 late (½), T3 undone, T4 on the last day (on time), T6 done after the period
    # (undone); T5 is due in 2026: not counted. (2 + 0.5) / 5 × 20 points = 10.
    assert (a1.status, a1.value, a1.max_points, a1.source) == ("ok", "2.5/5", 20.0, "tasks")
    assert a1.points == pytest.approx(10.0)
    assert a1.self_points == pytest.approx(10.0)  # the unit cannot change it: the self score takes it as it is
    done = s.inputs.completions[("a1", "KH")]
    assert (done.due, done.on_time, done.late, done.undone) == (5, 2, 1, 2)
    assert [t.task for t in done.late_tasks] == ["T2"]
    assert [t.task for t in done.undone_tasks] == ["T6", "T3"]  # by deadline
    a2 = line(s, "a2")
    assert (a2.status, a2.value, a2.points) == ("ok", "0/1", 0.0)
    a3 = line(s, "a3")  # no task due: the indicator does not apply, its points leave the maximum
    assert (a3.status, a3.points, a3.max_points) == ("not_applicable", 0.0, 0.0)
    a3_unit = next(u for u in s.units if u.unit == "a3")
    assert (a3_unit.max_points, a3_unit.index) == (10.0, 1.0)


def test_a_deadline_outside_the_period_is_warned_with_its_line(tmp_path: Path) -> None:
    s = scored(tmp_path)
    warned = [p for p in s.inputs.warnings if p.reason == "task_outside_period"]
    assert [(p.line, p.column) for p in warned] == [(6, "deadline")]
    assert re.search(r"tasks\.csv, dòng 6, cột deadline: cảnh báo: nhiệm vụ 'T5' có hạn 2026-01-15, ngoài kỳ đánh "
                     r"giá 2025-01-01 – 2025-12-31", warned[0].message("vi"))


def test_as_of_a_task_done_after_that_day_is_not_yet_done(tmp_path: Path) -> None:
    s = scored(tmp_path, as_of=date(2025, 7, 10))
    # on 10 July only T1 and T2 are due (the rest fall due later); T2 is done on 15 July: not yet.
    done = s.inputs.completions[("a1", "KH")]
    assert (done.due, done.on_time, done.late, done.undone) == (2, 1, 0, 1)
    assert line(s, "a1").points == pytest.approx(10.0)  # 1 / 2 × 20
    later = scored(tmp_path / "later", as_of=date(2025, 7, 15)).inputs.completions[("a1", "KH")]
    assert (later.due, later.on_time, later.late) == (2, 1, 1)


def test_the_period_defaults_to_the_editions_year_and_can_be_narrowed(tmp_path: Path) -> None:
    default = CRITERIA.replace("period: {start: 2025-01-01, end: 2025-12-31}\n", "")
    assert scored(tmp_path / "d", criteria=default).inputs.completions[("a1", "KH")].due == 5
    half = CRITERIA.replace("end: 2025-12-31", "end: 2025-06-30")
    done = scored(tmp_path / "h", criteria=half).inputs.completions[("a1", "KH")]
    # T1 and T2 only; T2 was done on 15 July, after the period: not done within it
    assert (done.due, done.on_time, done.late, done.undone) == (2, 1, 0, 1)


def test_plan_counts_only_that_plans_tasks(tmp_path: Path) -> None:
    criteria = CRITERIA.replace("late: 0.5}", 'late: 0.5, plan: "KH 06"}')
    tasks = [*TASKS[:1], ("T9", "a1", "Nhiệm vụ Đề án 06", "KH 06", "2025-05-31", "", "", "")]
    s = scored(tmp_path, criteria=criteria, tasks=tasks)
    assert line(s, "a1").value == "0/1"
    assert line(s, "a2").status == "not_applicable"
    typo = scored(tmp_path / "typo", criteria=criteria.replace('"KH 06"', '"KH 6"'), tasks=tasks)
    warned = [p for p in typo.inputs.warnings if p.reason == "tasks_plan_unknown"]
    assert len(warned) == 1
    assert re.search(r"A/KH: cảnh báo: chỉ số 'KH' chỉ tính nhiệm vụ của kế hoạch 'KH 6', nhưng tasks\.csv không "
                     r"có nhiệm vụ nào của kế hoạch này .*các kế hoạch có trong sổ: KH 06, KH 24", warned[0].message())


def test_a_self_value_is_refused_and_the_council_corrects_with_a_note(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"self_assessment\.csv, dòng 5, cột value: chỉ số 'KH' được tính từ sổ theo "
                                        r"dõi nhiệm vụ \(tasks\.csv\), đơn vị 'a1' không tự đánh giá"):
        scored(tmp_path / "self", self_rows=[*SELF, ("a1", "KH", "0.9", "", "")])
    with pytest.raises(DataError, match=r"appraisal\.csv, dòng 2, cột note: Hội đồng hiệu chỉnh giá trị tính từ sổ "
                                        r"theo dõi nhiệm vụ của 'KH': cần ghi chú lý do"):
        scored(tmp_path / "bare", appraisal=[("a2", "KH", "1", "", "")])
    s = scored(tmp_path / "noted", appraisal=[("a2", "KH", "1", "", "Hội đồng: T1 hoàn thành, có minh chứng")])
    a2 = line(s, "a2")
    assert (a2.source, a2.points, a2.self_points) == ("appraised", 20.0, 0.0)


def test_without_a_register_the_indicator_is_unmeasured_and_warned(tmp_path: Path) -> None:
    s = scored(tmp_path, tasks=None)
    assert {line(s, u).status for u in ("a1", "a2", "a3")} == {"unmeasured"}
    assert [p.reason for p in s.inputs.warnings] == ["tasks_missing"]


BAD = [
    ("T1", "zz", "Đơn vị lạ", "", "2025-03-31", "", "", ""),  # line 2
    ("T2", "a1", "Ngày sai", "", "2025-02-30", "", "", ""),  # line 3
    ("T3", "a1", "Định dạng Việt", "", "2025-06-30", "30/06/2025", "", ""),  # line 4
    ("T4", "a1", "Tương lai", "", "2025-06-30", "2099-01-01", "", ""),  # line 5
    ("T5", "a1", "Lần một", "", "2025-06-30", "", "", ""),  # line 6
    ("T5", "a1", "Lần hai", "", "2025-07-30", "", "", ""),  # line 7
    ("T6", "a1", "", "", "", "", "", ""),  # line 8
]


def test_a_bad_register_is_refused_with_every_line_at_once(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        scored(tmp_path, tasks=BAD)
    found = [(p.line, p.column, p.reason) for p in caught.value.problems]
    assert found == [(2, "unit", "unknown_unit"), (3, "deadline", "bad_task_date"), (4, "done_on", "bad_task_date"),
                     (5, "done_on", "task_done_future"), (7, "task", "duplicate_task"),
                     (8, "title", "empty_field"), (8, "deadline", "empty_field")]
    text = caught.value.render("vi")
    for message in (r"tasks\.csv, dòng 2, cột unit: đơn vị 'zz' không có trong units\.csv",
                    r"dòng 3, cột deadline: deadline phải là một ngày có thật viết dạng YYYY-MM-DD \(ví dụ "
                    r"2025-06-30\), gặp '2025-02-30'",
                    r"dòng 4, cột done_on: done_on phải là một ngày có thật viết dạng YYYY-MM-DD .*gặp '30/06/2025'",
                    r"dòng 5, cột done_on: ngày hoàn thành 2099-01-01 sau ngày chạy \d{4}-\d\d-\d\d",
                    r"dòng 7, cột task: nhiệm vụ 'T5' của đơn vị 'a1' đã có ở dòng 6",
                    r"dòng 8, cột title: trường title đang trống"):
        assert re.search(message, text), message
    english = caught.value.render("en")
    assert re.search(r"line 5, column done_on: the completion day 2099-01-01 is after the day of the run", english)
    with pytest.raises(DataError, match=r"tasks\.csv, dòng 1: tiêu đề cột là task,unit,title,deadline"):
        case(tmp_path / "header")
        (tmp_path / "header" / "inputs" / "tasks.csv").write_text("task,unit,title,deadline\n", encoding="utf-8")
        criteria = load_criteria(tmp_path / "header" / "criteria.yaml")
        load_inputs(criteria, tmp_path / "header" / "inputs")


@pytest.mark.parametrize(("change", "message"), [
    ("period: {start: 2025-01-01, end: 2025-12-31}",
     r"dòng 5, period\.end: cần một ngày có thật dạng \"YYYY-MM-DD\" .*gặp '2025-13-01'"),
    ("period: {start: 2025-07-01, end: 2025-06-30}", r"period\.end: ngày kết thúc 2025-06-30 trước ngày bắt đầu "
                                                     r"2025-07-01"),
])
def test_a_bad_period_is_refused_with_its_path(tmp_path: Path, change: str, message: str) -> None:
    text = CRITERIA.replace("period: {start: 2025-01-01, end: 2025-12-31}",
                            change.replace("end: 2025-12-31", "end: 2025-13-01"))
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError, match=message):
        load_criteria(tmp_path / "c.yaml")


def test_tasks_options_need_source_tasks_and_a_ratio(tmp_path: Path) -> None:
    text = CRITERIA.replace("rule: yes_no}", "rule: yes_no, late: 0.5}").replace("rule: ratio, source: tasks",
                                                                                 "rule: yes_no, source: tasks")
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError) as caught:
        load_criteria(tmp_path / "c.yaml")
    text = caught.value.render("vi")
    assert re.search(r"indicators\[0\]\.late: 'late' chỉ dùng cho chỉ số tính từ sổ theo dõi nhiệm vụ", text)
    assert re.search(r"indicators\[1\]\.rule: chỉ số tính từ sổ theo dõi nhiệm vụ \(source: tasks\) là một tỷ lệ: "
                     r"cần rule: ratio", text)


DAY = date(2025, 1, 1)


@given(st.lists(st.tuples(st.integers(0, 500), st.one_of(st.none(), st.integers(-30, 500))), max_size=30),
       st.floats(0, 1), st.integers(0, 500))
def test_the_counts_add_up_and_the_value_is_a_fraction(rows: list[tuple[int, int | None]], share: float,
                                                       seen: int) -> None:
    tasks = [Task(f"T{i}", "a1", "t", "", DAY + timedelta(days=d), None if o is None else DAY + timedelta(days=d + o),
                  "", "") for i, (d, o) in enumerate(rows)]
    period = Period(date(2025, 1, 1), date(2025, 12, 31))
    indicator = Indicator("KH", "t", 20, Ratio(), "P1", source="tasks", late=share)
    done = completion(tasks, indicator, period, DAY + timedelta(days=seen))
    assert done.on_time + done.late + done.undone == done.due
    assert done.due == sum(DAY + timedelta(days=d) in period and d <= seen for d, _ in rows)
    if done.value is None:
        assert done.due == 0
    else:
        assert 0 <= done.value <= 1
        assert done.on_time / done.due <= done.value + 1e-12


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_mutated_register_loads_or_is_refused(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    criteria_path, folder = case(tmp_path_factory.mktemp("fuzz"))
    register = folder / "tasks.csv"
    register.write_bytes(mutate(register.read_bytes(), data.draw))
    criteria = load_criteria(criteria_path)
    try:
        inputs = load_inputs(criteria, folder)
    except DataError as exc:
        assert exc.problems and all(p.severity == "error" for p in exc.problems)
        assert exc.render("en") and exc.render("vi")
        return
    for done in inputs.completions.values():
        assert done.on_time + done.late + done.undone == done.due
        assert done.value is None or 0 <= done.value <= 1


# --- the breakdown ------------------------------------------------------------------------------------------
def test_the_breakdown_shows_the_counts_and_the_late_and_undone_tasks(tmp_path: Path) -> None:
    s = scored(tmp_path)
    w = Words("vi")
    notes = task_notes(s.inputs, "a1", "KH", w)
    assert notes[1] == "2/5 nhiệm vụ hoàn thành đúng hạn, 1 trễ hạn, 2 chưa hoàn thành trong kỳ"
    assert "trễ hạn: T2 — 25 dịch vụ công thiết yếu (hạn 30/6/2025, xong 15/7/2025)" in notes
    assert "chưa hoàn thành: T3 — Danh mục dữ liệu (hạn 31/12/2025)" in notes
    assert task_notes(s.inputs, "a1", "KH", Words("en"))[1] == "2 of 5 tasks done on time, 1 late, 2 not done " \
                                                               "within the period"
    pdf = tmp_path / "a1.pdf"
    pdf.write_bytes(pdf_bytes(breakdown_html(present(rank(s), {}, "vi"), "a1")))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "2/5 nhiệm vụ hoàn thành đúng hạn, 1 trễ hạn, 2 chưa hoàn thành trong kỳ" in text
    assert "chưa hoàn thành: T6 — Chuyên mục iHanoi (hạn 15/12/2025)" in text


# --- dti tasks ------------------------------------------------------------------------------------------------
def test_dti_tasks_on_a_hand_made_register(tmp_path: Path) -> None:
    criteria, folder = case(tmp_path)
    done = dti("tasks", "--criteria", criteria, "--inputs", folder, "--as-of", "2025-07-01")
    assert done.returncode == 0, done.stderr
    rows = {line.split()[1]: line.split()[2:] for line in done.stdout.splitlines() if line.startswith("Sở ")
            and len(line.split()) == 8}
    # assigned, due by 1 July, on time, late, overdue, due within 30 days
    assert rows == {"Hai": ["1", "1", "0", "0", "1", "0"], "Một": ["6", "2", "1", "0", "1", "0"],
                    "Ba": ["0", "0", "0", "0", "0", "0"]}
    assert "T2 — 25 dịch vụ công thiết yếu (hạn 30/6/2025, quá 1 ngày)" in done.stdout
    assert "T1 — Kết nối CSDL dân cư (Đề án 06) (hạn 31/3/2025, quá 92 ngày)" in done.stdout
    assert "cảnh báo: nhiệm vụ 'T5' có hạn 2026-01-15" in done.stderr
    english = dti("--lang", "en", "tasks", "--criteria", criteria, "--inputs", folder, "--as-of", "2025-07-01")
    assert "Progress of the digital-transformation tasks as of 2025-07-01" in english.stdout


def test_dti_tasks_refuses_a_bad_day_a_missing_register_and_a_foreign_folder(tmp_path: Path) -> None:
    criteria, folder = case(tmp_path)
    bad = dti("tasks", "--criteria", criteria, "--inputs", folder, "--as-of", "30/06/2025")
    assert bad.returncode == 2
    assert "--as-of: cần một ngày dạng YYYY-MM-DD, gặp '30/06/2025'" in bad.stderr
    (folder / "tasks.csv").unlink()
    missing = dti("tasks", "--criteria", criteria, "--inputs", folder)
    assert missing.returncode == 2
    assert re.search(r"tasks\.csv: không tìm thấy tệp", missing.stderr)
    case(tmp_path)
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("x", encoding="utf-8")
    refused = dti("tasks", "--criteria", criteria, "--inputs", folder, "--out", foreign)
    assert refused.returncode == 2
    assert "không do dti ghi" in refused.stderr
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]  # untouched
    broken = dti("tasks", "--criteria", criteria, "--inputs", folder, "--out", tmp_path / "out")
    assert broken.returncode == 0
    write_csv(folder / "tasks.csv", TASKS_COLUMNS, BAD)
    again = dti("tasks", "--criteria", criteria, "--inputs", folder, "--out", tmp_path / "out")
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["tasks.pdf", "tasks.xlsx"]  # the earlier run


def overdue_by_hand(register: Path, day: date) -> dict[str, list[str]]:
    """The register's overdue tasks on `day`, read with the csv module alone."""
    out: dict[str, list[str]] = {}
    with register.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            deadline = date.fromisoformat(row["deadline"])
            done = date.fromisoformat(row["done_on"]) if row["done_on"] else None
            if deadline < day and (done is None or done > day):
                out.setdefault(row["unit"], []).append(row["task"])
    return out


def test_dti_tasks_on_the_sample_at_the_end_of_june(tmp_path: Path) -> None:
    out = tmp_path / "tasks"
    done = dti("tasks", "--criteria", "criteria/hanoi-2025.yaml", "--inputs", "inputs/2025", "--as-of",
               "2025-06-30", "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Tiến độ thực hiện nhiệm vụ chuyển đổi số đến ngày 30/6/2025\nDỮ LIỆU MẪU")
    expected = overdue_by_hand(ROOT / "inputs" / "2025" / "tasks.csv", date(2025, 6, 30))
    assert expected and sum(map(len, expected.values())) >= 5  # the sample has something overdue in June
    listed = re.findall(r"^  (2025-\S+) — .* quá (\d+) ngày\)$", done.stdout, re.MULTILINE)
    assert sorted(t for t, _ in listed) == sorted(t for ts in expected.values() for t in ts)
    assert f"Nhiệm vụ quá hạn: {sum(map(len, expected.values()))}" in done.stdout
    # the workbook: the same figures, the units with most overdue first
    book = load_workbook(out / "tasks.xlsx", read_only=True)
    table = list(book["Tiến độ"].iter_rows(values_only=True))
    assert table[0][0] == "DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)"
    assert table[1] == ("Khối", "Mã đơn vị", "Đơn vị", "Được giao", "Đến hạn", "Đúng hạn", "Trễ hạn", "Quá hạn",
                        "Đến hạn trong 30 ngày")
    overdue = {r[1]: r[7] for r in table[2:]}
    assert {u: n for u, n in overdue.items() if n} == {u: len(ts) for u, ts in expected.items()}
    assert [r[7] for r in table[2:]] == sorted((r[7] for r in table[2:]), reverse=True)
    listing = list(book["Quá hạn"].iter_rows(values_only=True))[2:]
    assert sorted(r[2] for r in listing) == sorted(t for ts in expected.values() for t in ts)
    # the PDF: its title with the day, and every overdue task
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "tasks.pdf").pages)
    assert "Tiến độ thực hiện nhiệm vụ chuyển đổi số đến ngày 30/6/2025" in text
    assert all(t in text for ts in expected.values() for t in ts)


def test_the_sample_computes_plan_completion_from_the_register() -> None:
    for year, pairs in (("2025", (("departments", "KHCDS.1"), ("communes", "TCS.1"))),
                        ("2024", (("departments", "KHCDS.1"), ("districts", "KHCDS.1")))):
        criteria = load_criteria(next(p for p in (ROOT / "criteria").glob("*.yaml")
                                      if f"edition: {year}" in p.read_text(encoding="utf-8")))
        inputs = load_inputs(criteria, ROOT / "inputs" / year)
        for group, indicator in pairs:
            assert criteria.group(group).indicators and next(
                i for i in criteria.group(group).indicators if i.id == indicator).source == "tasks"
            units = [u for u in inputs.units if u.group == group]
            counts = [inputs.completions[(u.id, indicator)] for u in units]
            assert all(c.due > 0 for c in counts)
            assert any(c.late for c in counts) and any(c.undone for c in counts)
            assert not [k for k in inputs.self_assessed if k[1] == indicator and inputs.unit(k[0]).group == group]


# --- the forms: the unit's tasks, and its claims ----------------------------------------------------------------
def claim(form: Path, task: str, day: object, evidence: str | None) -> None:
    """Type a claim on the row of `task` in the tasks sheet of a unit's form, as a unit would in Excel."""
    book = load_workbook(form)
    ws = book["Nhiệm vụ"]
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 1).value == task)
    ws.cell(row, 6).value = day
    ws.cell(row, 7).value = evidence
    book.save(form)


def test_forms_list_the_tasks_and_collect_writes_the_claims_beside_its_out(tmp_path: Path) -> None:
    criteria, folder = case(tmp_path)
    forms = tmp_path / "forms"
    made = dti("forms", "--criteria", criteria, "--units", folder / "units.csv", "--out", forms)
    assert made.returncode == 0, made.stderr
    book = load_workbook(forms / "a1.xlsx")
    ws = book["Nhiệm vụ"]
    assert ws.protection.sheet
    assert [c.value for c in ws[6]] == ["Mã nhiệm vụ", "Nhiệm vụ", "Kế hoạch", "Hạn hoàn thành",
                                        "Ngày hoàn thành (theo sổ)", "Đơn vị báo đã hoàn thành ngày",
                                        "Minh chứng hoàn thành"]
    rows = {ws.cell(r, 1).value: r for r in range(7, ws.max_row + 1)}
    assert list(rows) == ["T1", "T2", "T6", "T3", "T4", "T5"]  # by deadline
    assert ws.cell(rows["T3"], 5).value is None and not ws.cell(rows["T3"], 6).protection.locked
    assert ws.cell(rows["T1"], 5).value == "2025-03-20" and ws.cell(rows["T1"], 6).protection.locked  # done: no claim
    main = book["Tự đánh giá"]
    kh = next(r for r in range(7, main.max_row + 1) if main.cell(r, 1).value == "KH")
    assert main.cell(kh, 6).protection.locked  # computed from the register: nothing to enter
    assert "Tính từ sổ theo dõi nhiệm vụ" in str(main.cell(kh, 8).value)
    assert load_workbook(forms / "a3.xlsx")["Nhiệm vụ"].max_row == 6  # no task: the sheet is there, empty

    claim(forms / "a1.xlsx", "T3", date(2025, 12, 20), "Quyết định 15/QĐ")  # an Excel date
    claim(forms / "a2.xlsx", "T1", "02/04/2025", "Công văn 12/CV")  # typed as text, the Vietnamese way
    out = tmp_path / "collected" / "self_assessment.csv"
    done = dti("collect", "--criteria", criteria, "--units", folder / "units.csv", forms, "--out", out)
    assert done.returncode == 0, done.stderr
    with (out.parent / "task_claims.csv").open(encoding="utf-8") as f:
        claims = list(csv.reader(f))
    assert claims == [
        ["unit", "task", "title", "deadline", "register_done_on", "claimed_done_on", "evidence", "form"],
        ["a1", "T3", "Danh mục dữ liệu", "2025-12-31", "", "2025-12-20", "Quyết định 15/QĐ", "a1.xlsx"],
        ["a2", "T1", "Kết nối CSDL dân cư (Đề án 06)", "2025-03-31", "", "2025-04-02", "Công văn 12/CV", "a2.xlsx"],
    ]
    assert "2 đề nghị ghi nhận nhiệm vụ đã hoàn thành" in done.stdout
    assert (folder / "tasks.csv").read_text(encoding="utf-8").count("\nT1,a2,") == 1  # the register is unchanged
    assert "KH" not in out.read_text(encoding="utf-8")  # never a self value of a computed indicator

    claim(forms / "a1.xlsx", "T6", "31/02/2025", "BC")
    claim(forms / "a1.xlsx", "T5", date(2099, 1, 1), None)
    claim(forms / "a1.xlsx", "T3", None, "Quyết định 15/QĐ")
    refused = dti("collect", "--criteria", criteria, "--units", folder / "units.csv", forms, "--out",
                  tmp_path / "again" / "self_assessment.csv")
    assert refused.returncode == 2
    for message in (r"a1\.xlsx, trang 'Nhiệm vụ', ô F\d+: nhiệm vụ 'T6': ngày hoàn thành '31/02/2025' không phải "
                    r"một ngày có thật",
                    r"ô F\d+: ngày hoàn thành 2099-01-01 sau hôm nay",
                    r"ô G\d+: nhiệm vụ 'T5': đã nhập ngày hoàn thành nhưng chưa có minh chứng",
                    r"ô F\d+: nhiệm vụ 'T3': đã nhập minh chứng nhưng chưa nhập ngày hoàn thành"):
        assert re.search(message, refused.stderr), message
    assert not (tmp_path / "again").exists()  # nothing written


# --- the same figures everywhere (Done when) ---------------------------------------------------------------------
def visible(page: Path) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def test_the_figures_are_the_same_in_the_terminal_the_workbook_the_pdf_and_the_site(tmp_path: Path) -> None:
    """`dti tasks --as-of 2025-12-31` and the site of a `dti run` made after the period (counted at its end),
    by hand: a1 has 6 tasks, 5 due (T5 falls due in 2026), T1 and T4 on time, T2 late, T6 overdue (done only in
    2026), T3 and T5 due within 30 days (T3 on the day itself); a2's T1 overdue since 31/3 (275 days); a3 none."""
    criteria, folder = case(tmp_path)
    expected = {"Sở Hai": [1, 1, 0, 0, 1, 0], "Sở Một": [6, 5, 2, 1, 1, 2], "Sở Ba": [0, 0, 0, 0, 0, 0]}
    flat = " ".join(f"{unit} {' '.join(map(str, n))}" for unit, n in expected.items())  # most overdue first
    out = tmp_path / "progress"
    done = dti("tasks", "--criteria", criteria, "--inputs", folder, "--as-of", "2025-12-31", "--out", out)
    assert done.returncode == 0, done.stderr
    terminal = {" ".join(parts[:2]): [int(x) for x in parts[2:]] for parts in map(str.split, done.stdout.splitlines())
                if parts[:1] == ["Sở"] and len(parts) == 8}
    assert terminal == expected
    assert list(terminal) == list(expected)
    assert "T6 — Chuyên mục iHanoi (hạn 15/12/2025, quá 16 ngày)" in done.stdout
    table = list(load_workbook(out / "tasks.xlsx", read_only=True)["Tiến độ"].iter_rows(values_only=True))
    assert {r[2]: list(r[3:]) for r in table[1:] if r[1] in ("a1", "a2", "a3")} == expected
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "tasks.pdf").pages)
    assert flat in pdf
    assert "Sở Một T6 Chuyên mục iHanoi 15/12/2025 16" in pdf
    run = subprocess.run([sys.executable, "-m", "ranking", "run", "--criteria", str(criteria), "--inputs",
                          str(folder), "--out", str(tmp_path / "run"), "--jobs", "1", "--no-cache", "--quiet"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "SOURCE_DATE_EPOCH": "1768003200"})  # 2026-01-10
    assert run.returncode == 0, run.stderr
    site = visible(tmp_path / "run" / "site" / "tasks-A.html")
    assert "Tiến độ nhiệm vụ — Sở, ban, ngành (tính đến 31/12/2025)" in site
    assert flat in site
    assert "Sở Một T6 Chuyên mục iHanoi 15/12/2025 16" in site
