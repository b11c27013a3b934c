"""The rules of the published indices (issue 18): deductions, thresholds, deadlines, best-of and caps,
declared totals, unscored and evidence-required indicators, per-group bands, percentages and whole tiers.
Every case is computed by hand; every bad declaration is refused with its line and what is accepted."""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from ranking.collect import collect
from ranking.criteria import Choice, Composite, Criteria, Deadline, Penalty, Ratio, Rule, load_criteria
from ranking.errors import CriteriaError, DataError, Lang
from ranking.forms import FIRST_ROW, unit_form
from ranking.forms import SELF as FORM
from ranking.i18n import MINUS, Words, describe_node, describe_rule
from ranking.inputs import Inputs, load_inputs
from ranking.pipeline import build
from ranking.ranking import Ranking, rank
from ranking.report import breakdown_html, pdf_bytes, publication_html
from ranking.robustness import pillars
from ranking.scoring import rule_points, score
from ranking.site import write_site
from ranking.views import present
from tests.conftest import ROOT, write_csv

TODAY = datetime.date(2025, 12, 31)  # the run's day in these cases

# Every item of issue 18 in one file. Maxima: P1 = 20 + 20 + 20 = 60 (declared); the deductions add nothing.
# P2: BEST the best of its children (a1 has only BEST.1: 30, a2 only BEST.2: 20, a3 neither: 0); CAP min(20,
# 15) = 15; HEAD 10 (only the positive shares count); INFO nothing. Unit maxima: a1 115, a2 105, a3 85.
EVERY_RULE = """\
id: every-rule
title: "Mọi quy tắc"
edition: 2025
scale: 1
decimals: 4
bands:
  - {min: 0.5, label: "Đạt"}
  - {min: 0, label: "Chưa đạt"}
groups:
  - id: A
    title: "Sở, ban, ngành"
    bands:
      - {min: 0.9, label: "Xuất sắc"}
      - {min: 0, label: "Khác"}
    pillars:
      - id: P1
        title: "Nhận thức số"
        points: 60
        indicators:
          - {id: PLAN, title: "Ban hành kế hoạch năm", points: 20,
             rule: {deadline: [["2025-01-31", 1], ["2025-03-31", 0.5]]}}
          - {id: DONE, title: "Tỷ lệ nhiệm vụ hoàn thành", points: 20,
             rule: {ratio: {target: "100%", threshold: "80%"}}}
          - {id: MEET, title: "Số cuộc họp", points: 20, rule: {tiers: [[4, 20], [2, 10]], whole: true},
             evidence_required: true}
          - {id: INC, title: "Để xảy ra sự cố mất an toàn thông tin", points: 10, rule: penalty}
          - {id: LATE, title: "Số báo cáo gửi muộn", points: 6, rule: {penalty: {per_item: 2}}}
      - id: P2
        title: "Chính quyền số"
        indicators:
          - id: BEST
            title: "Nền tảng tốt nhất"
            points: 30
            combine: max
            indicators:
              - {id: BEST.1, title: "Cổng thông tin", points: 30, rule: yes_no, applies_to: [cong]}
              - {id: BEST.2, title: "Ứng dụng", points: 20, rule: {tiers: [["50%", 20], ["20%", 10]]},
                 applies_to: [app]}
          - id: CAP
            title: "Hai hệ thống, tối đa 15 điểm"
            points: 15
            cap: 15
            indicators:
              - {id: CAP.1, title: "Hệ thống một", points: 10, rule: yes_no}
              - {id: CAP.2, title: "Hệ thống hai", points: 10, rule: yes_no}
          - {id: HEAD, title: "Trưởng ban chỉ đạo", points: 10,
             rule: {choice: {"Người đứng đầu": 1, "Cấp phó": 0.5, "Chưa có": -0.5}}}
          - {id: INFO, title: "Số dịch vụ công trực tuyến", scored: false, rule: {best: {better: higher}}}
  - id: B
    title: "Xã, phường"
    pillars:
      - id: P1
        title: "Nhận thức số"
        indicators:
          - {id: Y, title: "Có kế hoạch", points: 10, rule: yes_no}
"""
UNITS = [("a1", "Sở Một", "A", "cong", ""), ("a2", "Sở Hai", "A", "app", ""), ("a3", "Sở Ba", "A", "", ""),
         ("b1", "Phường Một", "B", "", "")]
SELF = [
    # a1: on the first deadline's day 20; exactly at the threshold 20 × 0.8 = 16; 4 meetings with evidence 20;
    # an incident −10; 2 late reports −4: P1 42. BEST 30 (BEST.1); CAP 20 capped at 15; HEAD 10: P2 55. 97 / 115.
    ("a1", "PLAN", "2025-01-31", "", "QĐ 1"), ("a1", "DONE", "80%", "", ""), ("a1", "MEET", "4", "", "TB 1"),
    ("a1", "INC", "có", "", "Sự cố ngày 3/5"), ("a1", "LATE", "2", "", ""), ("a1", "BEST.1", "có", "", ""),
    ("a1", "CAP.1", "có", "", ""), ("a1", "CAP.2", "có", "", ""), ("a1", "HEAD", "Người đứng đầu", "", ""),
    ("a1", "INFO", "12", "", ""),
    # a2: 1 April, after the last deadline 0; 79 % below the threshold 0; 3 meetings without evidence 0
    # (no_evidence); −10; 5 late reports −min(6, 10) = −6: P1 −16, clamped at 0. BEST 10 (30 % reaches 20 %);
    # CAP 10; HEAD "Chưa có" −5: P2 15. 15 / 105.
    ("a2", "PLAN", "01/04/2025", "", ""), ("a2", "DONE", "79%", "", ""), ("a2", "MEET", "3", "", ""),
    ("a2", "INC", "có", "", ""), ("a2", "LATE", "5", "", ""), ("a2", "BEST.2", "30%", "", ""),
    ("a2", "CAP.1", "có", "", ""), ("a2", "CAP.2", "không", "", ""), ("a2", "HEAD", "Chưa có", "", ""),
    # a3: not done 0; 90 % 18; 4 meetings without evidence, but the council's value stands: 20 (self 0);
    # no incident, no late report: P1 38. BEST applies to none of a3's tags: not applicable; CAP 0; HEAD 5:
    # P2 5. 43 / 85 (self 23 / 85).
    ("a3", "PLAN", "không", "", ""), ("a3", "DONE", "0.9", "", ""), ("a3", "MEET", "4", "", ""),
    ("a3", "INC", "không", "", ""), ("a3", "LATE", "0", "", ""), ("a3", "CAP.1", "không", "", ""),
    ("a3", "CAP.2", "không", "", ""), ("a3", "HEAD", "Cấp phó", "", ""), ("a3", "INFO", "3", "", ""),
    ("b1", "Y", "có", "", ""),
]
APPRAISAL = [("a3", "MEET", "4", "", "Hội đồng đã xem biên bản")]
EXPECTED = {"a1": (97, 115), "a2": (15, 105), "a3": (43, 85), "b1": (10, 10)}


def write(root: Path, criteria: str = EVERY_RULE, self_rows: list[tuple[str, ...]] | None = None) -> tuple[Path, Path]:
    root.mkdir(parents=True, exist_ok=True)
    (root / "c.yaml").write_text(criteria, encoding="utf-8")
    folder = root / "inputs"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "units.csv", ("id", "name", "group", "tags", "predecessors"), UNITS)
    write_csv(folder / "self_assessment.csv", ("unit", "indicator", "value", "denominator", "evidence"),
              SELF if self_rows is None else self_rows)
    write_csv(folder / "appraisal.csv", ("unit", "indicator", "value", "denominator", "note"), APPRAISAL)
    return root / "c.yaml", folder


def load(root: Path, self_rows: list[tuple[str, ...]] | None = None) -> tuple[Criteria, Inputs]:
    criteria_path, folder = write(root, self_rows=self_rows)
    criteria = load_criteria(criteria_path)
    return criteria, load_inputs(criteria, folder, today=TODAY)


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Ranking:
    return build(*load(tmp_path_factory.mktemp("every")))


def row(ranking: Ranking, unit: str, indicator: str) -> tuple[str, float, float, float]:
    s = next(i for i in ranking.indicators if (i.unit, i.indicator) == (unit, indicator))
    return s.status, s.self_points, s.points, s.max_points


def points(rule: Rule, full: float, *values: float) -> list[float]:
    return [round(float(p), 9) for p in rule_points(rule, full, np.array(values, dtype=float))]


def day(text: str) -> float:
    return float(datetime.date.fromisoformat(text).toordinal())


# --- the kernels, by hand ------------------------------------------------------------------------------
def test_threshold_scores_nothing_below_and_the_ratio_from_it() -> None:
    rule = Ratio(target=1.0, threshold=0.8)
    assert points(rule, 20, 0.7, 0.79, 0.8, 4 / 5, 0.9, 1.0) == [0, 0, 16, 16, 18, 20]
    assert points(Ratio(0.8, 0.8), 10, 0.79, 0.8, 1.0) == [0, 10, 10]  # threshold = target: all or nothing


def test_deadline_takes_the_earliest_deadline_on_or_after_the_day() -> None:
    rule = Deadline((("2025-03-31", 1.0), ("2025-06-30", 0.5)))
    done = [day("2025-01-02"), day("2025-03-31"), day("2025-04-01"), day("2025-06-30"), day("2025-07-01"), np.inf]
    assert points(rule, 10, *done) == [10, 10, 5, 5, 0, 0]


def test_penalty_deducts_the_points_or_per_item_up_to_the_points() -> None:
    assert points(Penalty(), 10, 1, 0) == [-10, 0]
    assert points(Penalty(2), 6, 0, 1, 3, 4, 10) == [0, -2, -6, -6, -6]


def test_a_negative_choice_share_deducts() -> None:
    assert points(Choice((("a", 1.0), ("b", -0.5))), 10, 1.0, -0.5) == [10, -5]


# --- a criteria file using every item: validates, scores, ranks, renders ---------------------------------
def test_every_unit_totals_by_hand(every: Ranking) -> None:
    assert {u.score.unit: (u.score.points, u.score.max_points) for u in every.units} == EXPECTED
    a3 = next(u for u in every.units if u.score.unit == "a3")
    assert (a3.score.self_points, a3.score.self_max_points) == (23, 85)


def test_every_indicator_by_hand(every: Ranking) -> None:
    assert row(every, "a1", "PLAN") == ("ok", 20, 20, 20)  # on the deadline's day
    assert row(every, "a2", "PLAN") == ("ok", 0, 0, 20)  # 01/04/2025, after the last deadline
    assert row(every, "a3", "PLAN") == ("ok", 0, 0, 20)  # "không": not done
    assert row(every, "a1", "DONE") == ("ok", 16, 16, 20)  # exactly at the threshold
    assert row(every, "a2", "DONE") == ("ok", 0, 0, 20)  # just below
    assert row(every, "a1", "INC") == ("ok", -10, -10, 0)  # a deduction adds nothing to the maximum
    assert row(every, "a2", "LATE") == ("ok", -6, -6, 0)  # 5 × 2 capped at the 6 points
    assert row(every, "a2", "HEAD") == ("ok", -5, -5, 10)
    assert row(every, "a1", "INFO") == ("unscored", 0, 0, 0)
    assert row(every, "a2", "INFO") == ("unscored", 0, 0, 0)  # no value: still only unscored
    assert row(every, "a2", "MEET") == ("no_evidence", 0, 0, 20)
    assert row(every, "a3", "MEET") == ("ok", 0, 20, 20)  # the council's value stands, evidence or not
    assert row(every, "a3", "BEST.1") == ("not_applicable", 0, 0, 0)


def test_pillars_after_deductions_are_never_below_zero(every: Ranking) -> None:
    a2 = {p.pillar: p for p in next(u for u in every.units if u.score.unit == "a2").score.pillars}
    assert (a2["P1"].points, a2["P1"].max_points, a2["P1"].index) == (0, 60, 0)  # −16 clamped
    assert (a2["P2"].points, a2["P2"].max_points) == (15, 45)
    a3 = {p.pillar: p for p in next(u for u in every.units if u.score.unit == "a3").score.pillars}
    assert (a3["P2"].points, a3["P2"].max_points) == (5, 25)  # a best-of none of whose children applies


def test_robustness_uses_the_points_after_deductions(every: Ranking) -> None:
    units = sorted(u.score.unit for u in every.units if u.score.group == "A")
    matrix = pillars(every.criteria.group("A"), every.matrix("A"), units)
    np.testing.assert_allclose(matrix.achievement, [[42 / 60, 55 / 55], [0, 15 / 45], [38 / 60, 5 / 25]])


def test_ranks_and_per_group_bands(every: Ranking) -> None:
    got = {u.score.unit: (u.rank, u.band) for u in every.units}
    # a1's 97 / 115 = 0.843 is "Đạt" by the file's bands but "Khác" by group A's own; b1 keeps the file's.
    assert got == {"a1": (1, "Khác"), "a3": (2, "Khác"), "a2": (3, "Khác"), "b1": (1, "Đạt")}


def test_no_evidence_is_a_warning_naming_the_unit_and_indicator(tmp_path: Path) -> None:
    _, inputs = load(tmp_path)
    warnings = [w for w in inputs.warnings if w.reason == "no_evidence"]
    assert [(w.params["unit"], w.params["indicator"]) for w in warnings] == [("a2", "MEET")]  # a3's: the council
    assert re.search(r"self_assessment\.csv, dòng 14, cột evidence: cảnh báo: đơn vị 'a2' \(Sở Hai\), chỉ số 'MEET': "
                     r"giá trị tự đánh giá không có minh chứng", warnings[0].message("vi"))
    assert "indicator 'MEET': a self-assessed value without evidence" in warnings[0].message("en")


def test_the_breakdown_pdf_lists_the_deductions_apart(every: Ranking, tmp_path: Path) -> None:
    shown = present(every, {"command": "run"}, "vi")
    item = shown.page("a1")
    assert [line.id for line in item.deductions] == ["INC", "LATE"]
    assert "INC" not in [line.id for line in item.lost]
    path = tmp_path / "a1.pdf"
    path.write_bytes(pdf_bytes(breakdown_html(shown, "a1")))
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(path).pages))
    deductions = text[text.index("Điểm trừ"):]
    assert "INC Để xảy ra sự cố mất an toàn thông tin" in deductions and "Sự cố ngày 3/5" in deductions
    assert "−10" in deductions and "−4" in deductions
    assert "Không tính điểm" in text  # INFO's status


# --- bad values -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("indicator", "value", "message"), [
    ("PLAN", "2026-01-01", r"dòng 2, cột value: ngày '2026-01-01' ở sau hôm nay \(2025-12-31\)"),
    ("PLAN", "31/02/2025", r"dòng 2, cột value: cần ngày thực hiện dạng YYYY-MM-DD hoặc DD/MM/YYYY .* gặp "
                           r"'31/02/2025'"),
    ("MEET", "2.5", r"dòng 2, cột value: cần một số nguyên, gặp '2\.5'"),
    ("INC", "2", r"dòng 2, cột value: cần có/không .* gặp '2'"),
    ("LATE", "1.5", r"dòng 2, cột value: số lượng phải là số nguyên ≥ 0, gặp '1\.5'"),
])
def test_bad_values_are_refused_with_their_line(tmp_path: Path, indicator: str, value: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        load(tmp_path, self_rows=[("a1", indicator, value, "", "")])


def test_percentages_count_for_tiers(tmp_path: Path) -> None:
    _, inputs = load(tmp_path, self_rows=[("a2", "BEST.2", "50%", "", "")])
    assert inputs.self_assessed[("a2", "BEST.2")].number == 0.5


# --- bad declarations -------------------------------------------------------------------------------------
def one(indicator: str, pillar_points: str = "") -> str:
    return textwrap.dedent(f"""\
        id: x
        title: "X"
        edition: 2025
        groups:
          - id: A
            title: "A"
            pillars:
              - id: P
                title: "P"{pillar_points}
                indicators:
                  - {indicator}
        """)


@pytest.mark.parametrize(("indicator", "message"), [
    ("{id: A, title: a, points: 5, rule: {ratio: {target: 0.8, threshold: 0.9}}}",
     r"dòng 11, groups\[0\]\.pillars\[0\]\.indicators\[0\]\.rule\.ratio\.threshold: ngưỡng 0\.9 lớn hơn mục tiêu "
     r"0\.8; cần 0 ≤ ngưỡng ≤ mục tiêu"),
    ("{id: A, title: a, points: 5, rule: {ratio: {threshold: '120%'}}}",
     r"rule\.ratio\.threshold: cần một số trong khoảng 0 ≤ x ≤ 1, gặp 1\.2"),
    ("{id: A, title: a, points: 5, rule: {choice: {a: 1, b: -1.5}}}",
     r"dòng 11, .*rule\.choice\.b: cần một số trong khoảng -1 ≤ x ≤ 1, gặp -1\.5"),
    ("{id: A, title: a, points: 5, rule: {deadline: [['2025-02-30', 1]]}}",
     r"dòng 11, .*rule\.deadline\[0\]\[0\]: cần một ngày có thật dạng \"YYYY-MM-DD\" "
     r"\(ví dụ \"2025-03-31\"\), gặp '2025-02-30'"),
    ("{id: A, title: a, points: 5, rule: {deadline: [['31/03/2025', 1]]}}", r"gặp '31/03/2025'"),
    ("{id: A, title: a, points: 5, rule: {deadline: [['2025-03-31', 1], ['2025-03-31', 0.5]]}}",
     r"rule\.deadline\[1\]: mốc hạn 2025-03-31 lặp lại"),
    ("{id: A, title: a, points: 5, rule: {deadline: ['2025-03-31']}}",
     r"mỗi mốc hạn phải là \[\"YYYY-MM-DD\", tỷ lệ điểm 0–1\], gặp '2025-03-31'"),
    ("{id: A, title: a, points: 5, rule: deadline}",
     r"rule: quy tắc 'deadline' cần tham số: \[\[\"YYYY-MM-DD\", share\], \.\.\.\]"),
    ("{id: A, title: a, points: 5, rule: yes_no, combine: max}",
     r"dòng 11, .*indicators\[0\]\.combine: 'combine' chỉ dùng cho chỉ số tổng hợp"),
    ("{id: A, title: a, points: 5, rule: yes_no, cap: 3}", r"indicators\[0\]\.cap: 'cap' chỉ dùng cho chỉ số tổng hợp"),
    ("{id: A, title: a, cap: 25, indicators: [{id: B, title: b, points: 10, rule: yes_no}, "
     "{id: C, title: c, points: 10, rule: yes_no}]}",
     r"dòng 11, .*indicators\[0\]\.cap: mức trần 25 lớn hơn tổng điểm các chỉ số con \(20\); cần cap ≤ 20"),
    ("{id: A, title: a, points: 20, combine: max, indicators: [{id: B, title: b, points: 10, rule: yes_no}, "
     "{id: C, title: c, points: 5, rule: yes_no}]}",
     r"dòng 11, .*indicators\[0\]\.points: tổng điểm khai báo 20 khác điểm tối đa tính từ các chỉ số con: 10"),
    ("{id: A, title: a, combine: max, indicators: [{id: B, title: b, points: 10, rule: yes_no}, "
     "{id: C, title: c, points: 5, rule: penalty}]}",
     r"indicators\[0\]\.indicators\[1\]: chỉ số trừ điểm 'C' không thể nằm trong chỉ số lấy điểm cao nhất"),
    ("{id: A, title: a, combine: best, indicators: [{id: B, title: b, points: 10, rule: yes_no}]}",
     r"indicators\[0\]\.combine: cần một trong sum, max, gặp 'best'"),
    ("{id: A, title: a, points: 5, scored: false, rule: yes_no}",
     r"indicators\[0\]\.points: chỉ số không tính điểm \(scored: false\) không có 'points' \(gặp 5\)"),
    ("{id: A, title: a, scored: false}", r"indicators\[0\]: chỉ số cần 'points' và 'rule', hoặc 'indicators'"),
    ("{id: A, title: a, points: 5, rule: {penalty: {per_item: 0}}}",
     r"rule\.penalty\.per_item: cần một số trong khoảng 0 < x ≤ 10000, gặp 0"),
    ("{id: A, title: a, points: 5, rule: {tiers: [[1, 5]], whole: 'yes'}}",
     r"rule\.whole: cần true hoặc false, gặp 'yes'"),
    ("{id: A, title: a, points: 5, rule: yes_no, evidence_required: 1}",
     r"evidence_required: cần true hoặc false, gặp 1"),
])
def test_bad_declarations_are_refused_with_line_and_what_is_accepted(tmp_path: Path, indicator: str,
                                                                     message: str) -> None:
    (tmp_path / "c.yaml").write_text(one(indicator), encoding="utf-8")
    with pytest.raises(CriteriaError, match=message):
        load_criteria(tmp_path / "c.yaml")


def test_a_pillar_total_that_differs_is_refused_with_both_numbers(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(one("{id: A, title: a, points: 5, rule: yes_no}", "\n                points: 60"),
                                     encoding="utf-8")
    with pytest.raises(CriteriaError) as caught:
        load_criteria(tmp_path / "c.yaml")
    (problem,) = caught.value.problems
    assert problem.message("vi").endswith("dòng 10, groups[0].pillars[0].points: tổng điểm khai báo 60 khác điểm tối "
                                       "đa tính từ các chỉ số con: 5")
    assert problem.message("en").endswith("the declared total 60 differs from the maximum computed from the "
                                          "children: 5")


def test_group_bands_are_checked_like_the_files(tmp_path: Path) -> None:
    text = one("{id: A, title: a, points: 5, rule: yes_no}").replace(
        '    title: "A"\n', '    title: "A"\n    bands: [{min: 0.5, label: a}, {min: 0.2, label: b}]\n')
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"dòng 7, groups\[0\]\.bands: các mức xếp loại phải xếp từ cao xuống "
                                            r"thấp và mức cuối có min 0, gặp 0\.5, 0\.2"):
        load_criteria(tmp_path / "c.yaml")


# --- the rules in words -----------------------------------------------------------------------------------
def test_the_methodology_states_every_rule_in_both_languages(tmp_path: Path) -> None:
    criteria_path, _ = write(tmp_path)
    group = load_criteria(criteria_path).group("A")
    nodes = {n.id: n for n in group.nodes()}
    vi, en = Words("vi"), Words("en")
    words = {key: (describe_node(node, vi), describe_node(node, en)) for key, node in nodes.items()}
    assert words["PLAN"] == (
        "Theo ngày hoàn thành: đến hết ngày 31/1/2025: 20 điểm; đến hết ngày 31/3/2025: 10 điểm; sau 31/3/2025 "
        "hoặc chưa thực hiện: 0 điểm.",
        "By the day it was done: by 2025-01-31: 20 points; by 2025-03-31: 10 points; after 2025-03-31, or not "
        "done: 0 points.")
    assert words["DONE"][0].endswith("Dưới 80\u00a0%: 0 điểm.") and words["DONE"][1].endswith("Below 80%: 0 points.")
    assert words["MEET"] == (
        "Theo mức: từ 4 trở lên: 20 điểm; từ 2 trở lên: 10 điểm; thấp hơn: 0 điểm. Giá trị là số nguyên. Chỉ tính "
        "điểm khi có minh chứng.",
        "By level: 4 or more: 20 points; 2 or more: 10 points; otherwise 0 points. The value is a whole number. "
        "Scores only with evidence.")
    assert words["INC"] == (
        "Điểm trừ: có: trừ 10 điểm; không: không trừ. Điểm trừ được trừ vào điểm của nhóm, không làm nhóm xuống "
        "dưới 0.",
        "Deduction: yes: 10 points deducted; no: nothing deducted. Deducted from its group's points, which never "
        "fall below 0.")
    assert words["LATE"][0].startswith("Điểm trừ: trừ 2 điểm cho mỗi lần, tối đa trừ 6 điểm.")
    assert words["LATE"][1].startswith("Deduction: 2 points deducted per occurrence, at most 6 points.")
    assert words["HEAD"][0].startswith("Theo lựa chọn: “Người đứng đầu”: 10 điểm; “Cấp phó”: 5 điểm; “Chưa có”: "
                                       "trừ 5 điểm.")
    assert words["HEAD"][1].startswith("By choice: “Người đứng đầu”: 10 points; “Cấp phó”: 5 points; “Chưa có”: "
                                       "5 points deducted.")
    assert words["INFO"] == ("Không tính điểm: giá trị được thu thập và công bố.",
                             "Not scored: the value is collected and published.")
    assert words["BEST"] == ("Lấy điểm cao nhất trong các chỉ số con.", "The best of its indicators' points.")
    assert words["CAP"] == ("Tổng điểm các chỉ số con. Tối đa 15 điểm.", "The sum of its indicators' points. At "
                                                                          "most 15 points.")
    assert describe_rule(Ratio(0.8), 20, vi) == describe_rule(Ratio(0.8, 0.0), 20, vi)  # no threshold: no sentence
    assert isinstance(nodes["CAP"], Composite) and nodes["CAP"].maximum == 15


# --- invariants -----------------------------------------------------------------------------------------
LEAF = st.sampled_from(["yes_no", "penalty", "{penalty: {per_item: 3}}", "{choice: {a: 1, b: -1}}",
                        "{ratio: {threshold: 0.5}}"])
VALUES = {"yes_no": ["có", "không"], "penalty": ["có", "không"], "{penalty: {per_item: 3}}": ["0", "1", "4"],
          "{choice: {a: 1, b: -1}}": ["a", "b"], "{ratio: {threshold: 0.5}}": ["0.2", "0.5", "1"]}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(LEAF, st.integers(1, 20)), min_size=2, max_size=5), st.booleans(),
       st.sampled_from(["sum", "max"]), st.data())
def test_a_parent_is_never_below_zero_nor_above_its_maximum(tmp_path_factory: pytest.TempPathFactory,
                                                            leaves: list[tuple[str, int]], capped: bool,
                                                            combine: str, data: st.DataObject) -> None:
    if combine == "max":
        leaves = [(r, p) for r, p in leaves if "penalty" not in r] or [("yes_no", 5)]
    children = ", ".join(f"{{id: L{i}, title: l, points: {p}, rule: {r}}}" for i, (r, p) in enumerate(leaves))
    positive = [p for r, p in leaves if "penalty" not in r]
    total = (max(positive) if combine == "max" else sum(positive)) if positive else 0
    cap = f", cap: {max(total - 1, 1)}" if capped and total > 1 and combine == "sum" else ""
    root = tmp_path_factory.mktemp("prop")
    criteria = one(f"{{id: K, title: k, combine: {combine}{cap}, indicators: [{children}]}}")
    (root / "c.yaml").write_text(criteria, encoding="utf-8")
    write_csv(root / "units.csv", ("id", "name", "group", "tags", "predecessors"),
              [(f"u{i}", f"Đơn vị {i}", "A", "", "") for i in range(3)])
    rows = [(f"u{u}", f"L{i}", data.draw(st.sampled_from(VALUES[r])), "", "")
            for u in range(3) for i, (r, _) in enumerate(leaves)]
    write_csv(root / "self_assessment.csv", ("unit", "indicator", "value", "denominator", "evidence"), rows)
    spec = load_criteria(root / "c.yaml")
    ranking = rank(score(spec, load_inputs(spec, root, today=TODAY)))
    for unit in ranking.units:
        (pillar,) = unit.score.pillars
        assert 0 <= pillar.points <= pillar.max_points + 1e-9
        assert 0 <= unit.score.points <= unit.score.max_points + 1e-9


# --- forms and collect ----------------------------------------------------------------------------------
def test_the_form_has_a_date_cell_for_a_deadline_and_says_what_deducts(tmp_path: Path) -> None:
    criteria, inputs = load(tmp_path)
    a1 = inputs.unit("a1")
    path = tmp_path / "a1.xlsx"
    unit_form(criteria, a1, path)
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    rows = {str(ws.cell(r, 1).value): r for r in range(FIRST_ROW, ws.max_row + 1)}
    plan, inc, info = rows["PLAN"], rows["INC"], rows["INFO"]
    assert ws.cell(plan, FORM.value).number_format == "yyyy-mm-dd"
    (check,) = [dv for dv in ws.data_validations.dataValidation if f"F{plan}" in str(dv.sqref)]
    assert check.formula1 == f'OR(AND(ISNUMBER(F{plan}),F{plan}<=TODAY()),LOWER(TRIM(F{plan}))="không")'
    assert ws.cell(inc, 3).value == -10  # the points column: a deduction
    assert str(ws.cell(inc, 4).value).startswith("Chọn có/không (có: bị trừ điểm). Điểm trừ: có: trừ 10 điểm")
    assert ws.cell(info, 3).value is None
    assert ws.cell(info, 4).value == "Không tính điểm; vẫn nhập giá trị. Một số ≥ 0."
    # typed in as a person would: the plan's day as an Excel date cell
    ws.cell(plan, FORM.value).value = datetime.date(2025, 1, 31)
    ws.cell(inc, FORM.value).value = "có"
    ws.cell(rows["LATE"], FORM.value).value = 2
    ws.cell(info, FORM.value).value = 12
    wb.save(path)
    collected = collect(criteria, (a1,), [path])
    assert collected.problems == ()
    got = {r[1]: r[2] for r in collected.rows}
    assert got == {"PLAN": "2025-01-31", "INC": "có", "LATE": "2", "INFO": "12"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_publication_and_the_site_state_every_rule_in_words(every: Ranking, tmp_path: Path, lang: Lang) -> None:
    w = Words(lang)
    shown = present(every, {"command": "run"}, lang)
    publication = publication_html(shown)
    write_site(shown, tmp_path)
    methodology = (tmp_path / "site" / "methodology.html").read_text(encoding="utf-8")
    for node in [*every.criteria.group("A").nodes()]:
        words = str(escape(describe_node(node, w)))
        assert words in publication and words in methodology, node.id
    page = next((tmp_path / "site" / "units").glob("a1*.html")).read_text(encoding="utf-8")
    assert w("report.deductions") in page and f"{MINUS}10" in page


# --- audit of issue 18: what the earlier tests left unproved ----------------------------------------------
def dti(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767139200"}  # 2025-12-31
    return subprocess.run([sys.executable, "-m", "ranking", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=environment, check=False)


def test_the_file_of_every_rule_validates_ranks_and_renders_through_dti(tmp_path: Path) -> None:
    """Done when: 'a criteria file using every item above validates, ranks and renders' — by the real command;
    the deductions are negative and add nothing to the maximum in every table, the unscored rows are 'unscored'."""
    criteria, folder = write(tmp_path)
    checked = dti("validate", "--criteria", criteria, "--inputs", folder, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "đơn vị 'a2' (Sở Hai), chỉ số 'MEET': giá trị tự đánh giá không có minh chứng" in checked.stdout
    out = tmp_path / "out"
    done = dti("run", "--criteria", criteria, "--inputs", folder, "--out", out, "--jobs", "1", "--no-cache",
               "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    with (out / "results.csv").open(encoding="utf-8") as f:
        results = {r["unit"]: (float(r["points"]), float(r["max_points"]), r["rank"], r["band"])
                   for r in csv.DictReader(f)}
    assert results == {"a1": (97, 115, "1", "Khác"), "a3": (43, 85, "2", "Khác"), "a2": (15, 105, "3", "Khác"),
                       "b1": (10, 10, "1", "Đạt")}
    with (out / "indicator_scores.csv").open(encoding="utf-8") as f:
        table = {(r["unit"], r["indicator"]): r for r in csv.DictReader(f)}
    for key, (status, points, maximum) in {("a1", "INC"): ("ok", -10, 0), ("a2", "LATE"): ("ok", -6, 0),
                                           ("a2", "HEAD"): ("ok", -5, 10), ("a1", "INFO"): ("unscored", 0, 0),
                                           ("a2", "MEET"): ("no_evidence", 0, 20), ("a1", "DONE"): ("ok", 16, 20),
                                           ("a2", "PLAN"): ("ok", 0, 20)}.items():
        line = table[key]
        assert (line["status"], float(line["points"]), float(line["max_points"])) == (status, points, maximum), key
    book = load_workbook(out / "results.xlsx", read_only=True)
    scores = {(r[1], r[2]): r for r in book.worksheets[1].iter_rows(values_only=True)}
    assert scores[("a1", "INC")][7:10] == (-10, -10, 0)  # self points, points, maximum: numbers, negative
    assert scores[("a1", "INFO")][3] == "không tính điểm"
    assert {p.name for p in (out / "units").iterdir()} == {"a1.pdf", "a2.pdf", "a3.pdf", "b1.pdf"}
    publication = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "dti-2025.pdf").pages)
    assert "Điểm trừ: có: trừ 10 điểm; không: không trừ." in publication
    assert (out / "site" / "methodology.html").is_file()


def test_a_bad_declaration_through_dti_validate_is_exit_2_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(one("{id: A, title: a, points: 5, rule: {choice: {a: 1, b: -1.5}}}"),
                                     encoding="utf-8")
    refused = dti("validate", "--criteria", "c.yaml", cwd=tmp_path)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert re.search(r"c\.yaml, dòng 11, groups\[0\]\.pillars\[0\]\.indicators\[0\]\.rule\.choice\.b: cần một số "
                     r"trong khoảng -1 ≤ x ≤ 1, gặp -1\.5", refused.stderr), refused.stderr


PERCENT_RULES = """\
id: pct
title: "P"
edition: 2025
groups:
  - id: A
    title: "A"
    pillars:
      - id: P
        title: "P"
        indicators:
          - {id: B, title: b, points: 10, rule: {best: {better: higher}}}
          - {id: M, title: m, points: 10, rule: {minmax: {better: higher}}}
          - {id: T, title: t, points: 10, rule: {ratio: {threshold: "50%"}}}
          - {id: W, title: w, points: 10, rule: {tiers: [["50%", 10], ["20%", 5]]}}
          - {id: U, title: u, scored: false, rule: {tiers: [[1, 1]], whole: true}}
          - {id: V, title: v, scored: false, rule: yes_no}
"""
THREE = [("a1", "A1", "A", "", ""), ("a2", "A2", "A", "", ""), ("a3", "A3", "A", "", "")]


def percent_case(root: Path, rows: list[tuple[str, ...]]) -> tuple[Criteria, Path]:
    (root / "c.yaml").write_text(PERCENT_RULES, encoding="utf-8")
    write_csv(root / "units.csv", ("id", "name", "group", "tags", "predecessors"), THREE)
    write_csv(root / "self_assessment.csv", ("unit", "indicator", "value", "denominator", "evidence"), rows)
    return load_criteria(root / "c.yaml"), root


def test_a_percentage_is_a_fraction_for_best_minmax_threshold_and_tiers(tmp_path: Path) -> None:
    """Item 8: '30%' is 0.3 for every numeric rule. best: 10 × v / max (max 0.6); minmax: 10 × (v − 0.15) /
    (0.6 − 0.15); threshold 50 %: 49.5 % scores 0, 50 % 5; tiers at '50%' and '20%'."""
    rows = [("a1", "B", "30%", "", ""), ("a2", "B", "0.6", "", ""), ("a3", "B", "15%", "", ""),
            ("a1", "M", "30%", "", ""), ("a2", "M", "0.6", "", ""), ("a3", "M", "15%", "", ""),
            ("a1", "T", "50%", "", ""), ("a2", "T", "49.5%", "", ""), ("a3", "T", "0.75", "", ""),
            ("a1", "W", "50%", "", ""), ("a2", "W", "49%", "", ""), ("a3", "W", "19.9%", "", "")]
    criteria, folder = percent_case(tmp_path, rows)
    s = score(criteria, load_inputs(criteria, folder, today=TODAY))
    got = {(i.unit, i.indicator): round(i.points, 9) for i in s.indicators if i.indicator in "BMTW"}
    assert got == {("a1", "B"): 5, ("a2", "B"): 10, ("a3", "B"): 2.5,
                   ("a1", "M"): round(10 / 3, 9), ("a2", "M"): 10, ("a3", "M"): 0,
                   ("a1", "T"): 5, ("a2", "T"): 0, ("a3", "T"): 7.5,
                   ("a1", "W"): 10, ("a2", "W"): 5, ("a3", "W"): 0}


@pytest.mark.parametrize(("indicator", "value", "message"), [
    ("U", "2.5", r"self_assessment\.csv, dòng 2, cột value: cần một số nguyên, gặp '2\.5'"),
    ("U", "abc", r"self_assessment\.csv, dòng 2, cột value: cần một số, gặp 'abc'"),
    ("V", "maybe", r"self_assessment\.csv, dòng 2, cột value: cần có/không \(yes/no, true/false, 1/0\), gặp 'maybe'"),
])
def test_an_unscored_value_is_checked_by_its_rules_value_type(tmp_path: Path, indicator: str, value: str,
                                                              message: str) -> None:
    """Item 6: collected and checked by its rule's value type, though it counts toward nothing."""
    criteria, folder = percent_case(tmp_path, [("a1", indicator, value, "", "")])
    with pytest.raises(DataError, match=message):
        load_inputs(criteria, folder, today=TODAY)


def test_the_schema_declares_every_rule_so_the_editor_knows_it() -> None:
    """Each rule's declaration in `dti schema`: what the editor accepts is what dti accepts."""
    done = subprocess.run([sys.executable, "-m", "ranking", "schema"], cwd=ROOT, capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    defs = json.loads(done.stdout)["$defs"]
    node = defs["Node"]["properties"]
    assert node["scored"]["type"] == "boolean" and node["evidence_required"]["type"] == "boolean"
    assert node["combine"]["anyOf"][0]["enum"] == ["sum", "max"]
    assert node["cap"]["anyOf"][0]["maximum"] == 10_000
    assert "penalty" in node["rule"]["anyOf"][0]["oneOf"][0]["enum"]
    assert defs["PenaltyParams"]["properties"]["per_item"]["exclusiveMinimum"] == 0
    deadline = defs["DeadlineRule"]["properties"]["deadline"]["items"]["prefixItems"]
    assert deadline[0]["pattern"] == r"^\d{4}-\d{2}-\d{2}$" and deadline[1]["minimum"] == 0
    share = next(iter(defs["ChoiceRule"]["properties"]["choice"]["patternProperties"].values()))
    assert (share["minimum"], share["maximum"]) == (-1, 1)
    percent = re.compile(defs["RatioParams"]["properties"]["threshold"]["anyOf"][1]["pattern"])
    assert percent.match("80%")
    tier = defs["TiersRule"]["properties"]
    assert tier["whole"]["type"] == "boolean"
    # a tier's threshold written "50%" (as dti accepts it) must not be underlined by the editor
    threshold = tier["tiers"]["items"]["prefixItems"][0]
    assert {"type": "string", "pattern": percent.pattern} in threshold["anyOf"]
    assert defs["PillarSpec"]["properties"]["points"]["anyOf"][0]["maximum"] == 10_000
    assert defs["GroupSpec"]["properties"]["bands"]["anyOf"][0]["items"] == {"$ref": "#/$defs/BandSpec"}


def test_the_2025_sample_illustrates_each_kind_and_says_so() -> None:
    """A security-incident deduction, a deadline for the year's plan, a threshold and an unscored indicator,
    the file's header saying they are illustrative."""
    path = ROOT / "criteria" / "hanoi-2025.yaml"
    criteria = load_criteria(path)
    nodes = {i.id: i for i in criteria.group("departments").indicators}
    assert isinstance(nodes["NTS.1"].rule, Deadline) and "kế hoạch" in nodes["NTS.1"].title.lower()
    assert isinstance(nodes["ATTT.5"].rule, Ratio) and nodes["ATTT.5"].rule.threshold == 0.5
    assert isinstance(nodes["ATTT.6"].rule, Penalty) and "sự cố" in nodes["ATTT.6"].title.lower()
    assert not nodes["CQS.11"].scored
    header = path.read_text(encoding="utf-8").split("\nid:")[0]
    assert re.search(r"Các quy tắc sau chỉ là minh họa", header)
    assert all(name in header for name in ("NTS.1", "ATTT.5", "ATTT.6", "CQS.11"))
