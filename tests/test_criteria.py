"""The criteria loader: the tree it builds, and every problem reported at once with its YAML path."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ranking.cli import main
from ranking.criteria import Choice, Composite, Ratio, Tiers, load_criteria
from ranking.errors import CriteriaError
from ranking.syntax import id_pattern, id_problem
from ranking.words import WORDS
from tests.conftest import ROOT, TINY_CRITERIA

HEAD = """\
id: t
title: "Thử"
edition: 2025
groups:
  - id: g
    title: "Nhóm"
    pillars:
      - id: P
        title: "Trụ cột"
        indicators:
"""


def load_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    load_criteria(path)


def with_indicators(*lines: str) -> str:
    return HEAD + "".join(f"          - {line}\n" for line in lines)


def test_tiny_criteria_builds_the_tree(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(TINY_CRITERIA, encoding="utf-8")
    criteria = load_criteria(path)
    group = criteria.group("A")
    assert [i.id for i in group.indicators] == ["Y", "R", "T", "C", "B", "M", "K.1", "K.2"]
    composite = group.pillars[1].children[-1]
    assert isinstance(composite, Composite) and composite.points == 20
    assert group.indicators[1].rule == Ratio(0.8)
    assert group.indicators[2].rule == Tiers(((1, 5), (2, 10), (3, 15), (4, 20)))
    assert group.indicators[3].rule == Choice((("Chủ tịch", 1.0), ("Phó Chủ tịch", 0.5)))
    assert group.indicators[4].applies_to == frozenset({"kinh-te-so"})
    assert [criteria.band(x) for x in (0.81, 0.8, 0.79, 0.2)] == ["Xuất sắc", "Xuất sắc", "Tốt", "Cần cải thiện"]
    assert len(criteria.sha256) == 64


@pytest.mark.parametrize(("name", "illustrative"), [("hanoi-2024.yaml", set()),
                                                    ("hanoi-2025.yaml", {"Deadline", "Penalty"})])
def test_bundled_criteria_load_and_use_every_rule(name: str, illustrative: set[str]) -> None:
    """Every rule of the published sets; 2025 also illustrates a deadline and a deduction (issue 18)."""
    criteria = load_criteria(ROOT / "criteria" / name)
    rules = {type(i.rule).__name__ for g in criteria.groups for i in g.indicators}
    assert rules == {"YesNo", "Ratio", "Tiers", "Choice", "Best", "MinMax", "Count", "Council", *illustrative}


def test_hanoi_2025_has_the_published_shape() -> None:
    criteria = load_criteria(ROOT / "criteria" / "hanoi-2025.yaml")
    departments, communes = criteria.group("departments"), criteria.group("communes")
    components = [sum(1 for i in g.indicators if i.maximum > 0) for g in (departments, communes)]
    assert components == [34, 47]  # a deduction (ATTT.6) and an unscored figure (CQS.11) are not components
    assert (len(departments.pillars), len(communes.pillars)) == (9, 8)
    titles = {p.title for p in communes.pillars}
    assert {"Nhận thức số", "Thể chế số", "Hạ tầng số", "Nhân lực số", "An toàn thông tin mạng"} <= titles


def test_negative_points_named_by_yaml_path(tmp_path: Path) -> None:
    text = with_indicators("{id: A, title: a, points: -3, rule: yes_no}")
    with pytest.raises(CriteriaError, match=r"c\.yaml, dòng 11, groups\[0\]\.pillars\[0\]\.indicators\[0\]\.points: "
                                            r"cần một số trong khoảng 0 < x ≤ 10000, gặp -3"):
        load_text(tmp_path, text)


def test_english_message_matches_the_contract(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError) as err:
        load_text(tmp_path, with_indicators("{id: A, title: a, points: -3, rule: yes_no}"))
    assert ("groups[0].pillars[0].indicators[0].points: expected a number in the range 0 < x ≤ 10000, found -3"
            ) in err.value.render("en")


def test_unknown_rule(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"indicators\[0\]\.rule: quy tắc chấm điểm không hợp lệ 'percent'; "
                                            r"chấp nhận: yes_no, ratio, tiers"):
        load_text(tmp_path, with_indicators("{id: A, title: a, points: 5, rule: percent}"))


def test_tiers_with_a_repeated_threshold(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"rule\.tiers\[1\]: ngưỡng 2 lặp lại"):
        load_text(tmp_path, with_indicators("{id: A, title: a, points: 20, rule: {tiers: [[2, 10], [2, 5]]}}"))


def test_tier_with_points_above_the_indicator(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"rule\.tiers\[0\]: bậc cho 25 điểm, vượt quá 20 điểm của chỉ số"):
        load_text(tmp_path, with_indicators("{id: A, title: a, points: 20, rule: {tiers: [[4, 25]]}}"))


@pytest.mark.parametrize("share", ["1.5", "-1.5"])
def test_choice_share_outside_minus_one_one(tmp_path: Path, share: str) -> None:
    with pytest.raises(CriteriaError, match=rf"rule\.choice\.Phó: cần một số trong khoảng -1 ≤ x ≤ 1, gặp {share}"):
        rule = f"{{choice: {{Chủ: 1, Phó: {share}}}}}"
        load_text(tmp_path, with_indicators(f"{{id: A, title: a, points: 5, rule: {rule}}}"))


def test_duplicate_ids_within_a_group(tmp_path: Path) -> None:
    text = with_indicators("{id: A, title: a, points: 5, rule: yes_no}", "{id: A, title: b, points: 5, rule: yes_no}")
    with pytest.raises(CriteriaError, match=r"indicators\[1\]\.id: mã 'A' đã dùng ở groups\[0\]\.pillars\[0\]"
                                            r"\.indicators\[0\]"):
        load_text(tmp_path, text)


def test_composite_with_a_rule(tmp_path: Path) -> None:
    text = with_indicators("{id: A, title: a, rule: yes_no, indicators: [{id: A.1, title: b, points: 5, "
                           "rule: yes_no}]}")
    with pytest.raises(CriteriaError, match=r"indicators\[0\]: chỉ số tổng hợp .* không được có 'rule'.*\(gặp rule\)"):
        load_text(tmp_path, text)


def test_empty_pillar(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"dòng 10, groups\[0\]\.pillars\[0\]\.indicators: danh sách trống; "
                                            r"cần ít nhất 1 mục"):
        load_text(tmp_path, HEAD.replace("indicators:\n", "indicators: []\n"))


def test_duplicate_key_in_the_yaml(tmp_path: Path) -> None:
    text = with_indicators("{id: A, title: a, points: 5, points: 6, rule: yes_no}")
    with pytest.raises(CriteriaError, match=r"dòng 11, .*khóa 'points' xuất hiện hai lần"):
        load_text(tmp_path, text)


def test_non_mapping_at_the_top(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"c\.yaml, dòng 1, /: cần một ánh xạ \(khóa: giá trị\), gặp \['a', 'b'\]"):
        load_text(tmp_path, "- a\n- b\n")


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"c\.yaml, dòng 3: lỗi cú pháp YAML: did not find expected .,. or .\]."):
        load_text(tmp_path, "id: t\ntitle: [x\nedition: 2025\n")


def test_missing_file() -> None:
    with pytest.raises(CriteriaError, match=r"nope\.yaml: không tìm thấy tệp"):
        load_criteria("nope.yaml")


def test_unknown_key_and_bad_better(tmp_path: Path) -> None:
    text = with_indicators("{id: A, title: a, points: 5, rule: {minmax: {better: smaller}}, weight: 2}")
    with pytest.raises(CriteriaError) as err:
        load_text(tmp_path, text)
    assert [p.reason for p in err.value.problems] == ["not_one_of", "unknown_key"]
    assert "better: cần một trong higher, lower, gặp 'smaller'" in str(err.value)


def test_bands_must_be_highest_first(tmp_path: Path) -> None:
    text = HEAD.replace("groups:", "bands: [{min: 0, label: x}, {min: 0.5, label: y}]\ngroups:")
    text += "          - {id: A, title: a, points: 5, rule: yes_no}\n"
    with pytest.raises(CriteriaError, match=r"bands: các mức xếp loại phải xếp từ cao xuống thấp"):
        load_text(tmp_path, text)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = with_indicators(
        "{id: A, title: a, points: -3, rule: yes_no}",
        "{id: B, title: b, points: 5, rule: nope}",
        "{id: C, title: c, points: 5, rule: {choice: {x: 2}}}",
    )
    with pytest.raises(CriteriaError) as err:
        load_text(tmp_path, text)
    assert [p.reason for p in err.value.problems] == ["out_of_range", "unknown_rule", "out_of_range"]
    assert len(str(err.value).splitlines()) == 3


@pytest.mark.parametrize(("indicator", "message"), [
    ("{id: A, title: a, points: 5}", r"indicators\[0\]: chỉ số cần 'points' và 'rule', hoặc 'indicators'"),
    ("{id: A, title: a, points: 5, rule: tiers}", r"rule: quy tắc 'tiers' cần tham số: \[\[x, p\], \.\.\.\]"),
    ("{id: A, title: a, points: 5, rule: {tiers: [4, 5]}}",
     r"rule\.tiers\[0\]: mỗi bậc phải là \[ngưỡng, điểm\], gặp 4"),
    ("{id: A, title: '', points: 5, rule: yes_no}", r"indicators\[0\]\.title: cần một chuỗi không rỗng, gặp ''"),
    ("{title: a, points: 5, rule: yes_no}", r"indicators\[0\]: thiếu khóa bắt buộc 'id'"),
    ("{id: A, title: a, points: 5, rule: {count: {per_item: 0}}}",
     r"count\.per_item: cần một số trong khoảng 0 < x ≤ 10000, gặp 0"),
    ("{id: A, title: a, points: 5, rule: {ratio: {target: 80}}}",
     r"ratio\.target: cần một số trong khoảng 0 < x ≤ 1, gặp 80"),
    ("{id: A, title: a, points: 5, rule: yes_no, applies_to: xa}", r"applies_to: cần một danh sách, gặp 'xa'"),
    ("{id: A, title: a, points: 5, rule: yes_no, weight: 2}",
     r"indicators\[0\]\.weight: khóa không hợp lệ 'weight'; chấp nhận: id, title, points, rule"),
    ("{id: A, title: a, points: 5, rule: {yes_no: 1}}", r"rule\.yes_no: quy tắc 'yes_no' không có tham số"),
    ("{id: A, title: a, points: 5, rule: {minmax: {better: smaller}}}",
     r"minmax\.better: cần một trong higher, lower, gặp 'smaller'"),
    ("{id: A, title: a, points: ten, rule: yes_no}", r"indicators\[0\]\.points: cần một số \(.*\), gặp 'ten'"),
    ("{id: A, title: a, points: 5, rule: {tiers: [" + ", ".join(f"[{i}, 1]" for i in range(101)) + "]}}",
     r"rule\.tiers: danh sách có 101 mục, vượt quá 100"),
])
def test_each_indicator_problem_has_its_message(tmp_path: Path, indicator: str, message: str) -> None:
    with pytest.raises(CriteriaError, match=message):
        load_text(tmp_path, with_indicators(indicator))


@pytest.mark.parametrize(("text", "message"), [
    ("id: t\ntitle: T\ngroups: []\n", r"/: thiếu khóa bắt buộc 'edition'"),
    ("id: t\ntitle: T\nedition: 2025\ngroups: 3\n", r"dòng 4, groups: cần một danh sách, gặp 3"),
    ("id: t\ntitle: T\nedition: 2025\ngroups: [{id: g, title: G, pillars: []}]\n",
     r"groups\[0\]\.pillars: danh sách trống; cần ít nhất 1 mục"),
    ("id: t\ntitle: T\nedition: x\ndecimals: 1.5\nrobustness: {draws: -1}\ngroups: []\n",
     r"edition: cần một số nguyên \(1900 ≤ x ≤ 2200\), gặp 'x'"),
])
def test_each_top_level_problem_has_its_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CriteriaError, match=message):
        load_text(tmp_path, text)


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"id: t\ntitle: S\xf4\n")
    with pytest.raises(CriteriaError, match=r"c\.yaml, dòng 2: tệp không phải UTF-8: byte 0xf4 ở ký tự thứ 9 của dòng; "
                                            r"hãy lưu lại tệp với mã hóa UTF-8$"):
        load_criteria(path)


def test_a_folder_given_as_the_criteria_file(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"^.*: không đọc được tệp: Is a directory$"):
        load_criteria(tmp_path)


# --- README "The criteria file": the four slips, and the declared format -----------------------------
TOP = "id: t\ntitle: T\nedition: 2025\n{extra}groups: [{{id: g, title: G, pillars: [{{id: P, title: P, indicators: " \
      "[{{id: A, title: a, points: 5, rule: yes_no}}]}}]}}]\n"


@pytest.mark.parametrize(("extra", "message"), [
    ("robustness: {draws: 0}\n",
     r"dòng 4, robustness\.draws: cần một số trong khoảng 100 ≤ x ≤ 100000, gặp 0$"),
    ("robustness: {leave_one_out: 'có'}\n", r"dòng 4, robustness\.leave_one_out: cần true hoặc false, gặp 'có'$"),
    ("bands: [{min: 1.5, label: x}, {min: 0, label: y}]\n",
     r"dòng 4, bands\[0\]\.min: cần một số trong khoảng 0 ≤ x ≤ 1, gặp 1\.5$"),
    ("robustness: {draws: 1000000000}\n",
     r"robustness\.draws: cần một số trong khoảng 100 ≤ x ≤ 100000, gặp 1000000000"),
    ("robustness: {draws: 500.5}\n", r"robustness\.draws: cần một số nguyên \(100 ≤ x ≤ 100000\), gặp 500\.5"),
    ("robustness: {concentration: .inf}\n",
     r"robustness\.concentration: cần một số hữu hạn \(1 ≤ x ≤ 1000000\), gặp \.inf"),
    ("robustness: {seed: -1}\n", r"robustness\.seed: cần một số trong khoảng 0 ≤ x ≤ 4294967295, gặp -1"),
    ("decimals: 10000000\n", r"dòng 4, decimals: cần một số trong khoảng 0 ≤ x ≤ 8, gặp 10000000"),
    ("scale: .inf\n", r"dòng 4, scale: cần một số hữu hạn \(0 < x ≤ 1000\), gặp \.inf"),
    ("scale: .nan\n", r"dòng 4, scale: cần một số hữu hạn \(0 < x ≤ 1000\), gặp \.nan"),
    ("operator: 12\n", r"dòng 4, operator: cần văn bản, gặp 12; hãy đặt giá trị trong ngoặc kép"),
    ("edition: 2025\n", r"dòng 4, /: khóa 'edition' xuất hiện hai lần trong cùng một mục"),
])
def test_each_setting_is_checked_with_its_range(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(CriteriaError, match=message):
        load_text(tmp_path, TOP.format(extra=extra))


def test_the_four_slips_in_english(tmp_path: Path) -> None:
    extra = "robustness: {draws: 0, leave_one_out: 2}\nbands: [{min: 1.5, label: x}, {min: 0, label: y}]\n"
    text = TOP.format(extra=extra).replace("rule: yes_no", "rule: {tiers: [[1, -5]]}")
    with pytest.raises(CriteriaError) as err:
        load_text(tmp_path, text)
    assert err.value.render("en").split("\n") == [
        f"{tmp_path / 'c.yaml'}, line 4, robustness.draws: expected a number in the range 100 ≤ x ≤ 100000, found 0",
        f"{tmp_path / 'c.yaml'}, line 4, robustness.leave_one_out: expected true or false, found 2",
        f"{tmp_path / 'c.yaml'}, line 5, bands[0].min: expected a number in the range 0 ≤ x ≤ 1, found 1.5",
        f"{tmp_path / 'c.yaml'}, line 6, groups[0].pillars[0].indicators[0].rule.tiers[0][1]: expected a number in the "
        "range 0 ≤ x ≤ 10000, found -5",
    ]


@pytest.mark.parametrize(("indicator", "message"), [
    ("{id: A, title: a, points: .inf, rule: yes_no}", r"points: cần một số hữu hạn \(0 < x ≤ 10000\), gặp \.inf"),
    ("{id: A, title: a, points: 1.0e+400, rule: yes_no}", r"points: cần một số hữu hạn \(0 < x ≤ 10000\), gặp \.inf"),
    ("{id: A, title: a, points: " + "9" * 400 + ", rule: yes_no}",
     r"points: cần một số trong khoảng 0 < x ≤ 10000, gặp 9{60}"),
    ("{id: A, title: a, points: true, rule: yes_no}", r"points: cần một số \(0 < x ≤ 10000\), gặp true"),
    ("{id: A, title: a, points: '5', rule: yes_no}", r"points: cần một số \(0 < x ≤ 10000\), gặp '5'"),
    ("{id: A, title: a, points: 1e3, rule: yes_no}", r"points: cần một số \(0 < x ≤ 10000\), gặp '1e3'"),
    ("{id: A, title: a, points: 5, rule: {tiers: []}}", r"rule\.tiers: danh sách trống; cần ít nhất 1 mục"),
    ("{id: A, title: a, points: 5, rule: {tiers: [[1, .nan]]}}",
     r"rule\.tiers\[0\]\[1\]: cần một số hữu hạn \(0 ≤ x ≤ 10000\), gặp \.nan"),
    ("{id: A, title: a, points: 5, rule: {tiers: [[.inf, 5]]}}",
     r"rule\.tiers\[0\]\[0\]: cần một số hữu hạn \(-1000000000000 ≤ x ≤ 1000000000000\), gặp \.inf"),
    ("{id: A, title: a, points: 5, rule: {count: {per_item: .inf}}}",
     r"count\.per_item: cần một số hữu hạn \(0 < x ≤ 10000\), gặp \.inf"),
    ("{id: A, title: a, points: 5, rule: {choice: {x: .nan}}}", r"choice\.x: cần một số hữu hạn \(-1 ≤ x ≤ 1\)"),
    ("{id: A, title: a, points: 5, rule: {choice: {}}}", r"rule\.choice: danh sách trống; cần ít nhất 1 mục"),
    ("{id: A, title: a, points: 5, rule: {choice: {Có: 1, ' có ': 0}}}",
     r"rule\.choice: nhãn ' có ' trùng với 'Có' \(không phân biệt chữ hoa, chữ thường và khoảng trắng ở hai đầu\)"),
    ("{id: A, title: a, points: 5, rule: {tiers: [[1, 2]], better: up}}",
     r"rule\.better: cần một trong higher, lower, gặp 'up'"),
    ("{id: A, title: a, points: 5, rule: {council: 3}}", r"rule\.council: quy tắc 'council' không có tham số"),
    ("{id: A, title: a, points: 5, rule: 7}", r"rule: quy tắc chấm điểm không hợp lệ '7'"),
    ("{id: A, title: a, points: 5, rule: {weight: 1}}", r"rule: quy tắc chấm điểm không hợp lệ 'weight'"),
    ("{id: A, title: a, points: 5, rule: yes_no, source: measured, system: ''}",
     r"system: cần một chuỗi không rỗng, gặp ''"),
    ("{id: A, title: a, points: 5, rule: yes_no, system: VNeID}",
     r"indicators\[0\]\.system: 'system' chỉ dùng cho chỉ số đo tự động \(source: measured\)"),
    ("{id: A, title: a, points: 5, rule: council, source: measured}",
     r"indicators\[0\]\.source: chỉ số do Hội đồng chấm \(rule: council\) không thể là chỉ số đo tự động"),
    ("{id: A, title: a, points: 5, rule: yes_no, source: auto}",
     r"source: cần một trong self, measured, tasks, gặp 'auto'"),
    ("{id: A, title: a, source: measured, indicators: [{id: B, title: b, points: 5, rule: yes_no}]}",
     r"indicators\[0\]: chỉ số tổng hợp .*\(gặp source\)"),
    ("{id: A, title: '" + "x" * 501 + "', points: 5, rule: yes_no}", r"title: văn bản dài 501 ký tự, vượt quá 500"),
    ("{id: A, title: '  ', points: 5, rule: yes_no}", r"title: cần một chuỗi không rỗng, gặp '  '"),
    ("{id: A, title: a, points: 5, rule: yes_no, applies_to: []}", r"applies_to: danh sách trống; cần ít nhất 1 mục"),
    ("{id: A, title: a, points: 5, rule: yes_no, applies_to: [../x]}",
     r"applies_to\[0\]: mã '\.\./x' không hợp lệ: cần 1–80 ký tự"),
])
def test_each_number_and_text_is_checked(tmp_path: Path, indicator: str, message: str) -> None:
    with pytest.raises(CriteriaError, match=message):
        load_text(tmp_path, with_indicators(indicator))


def test_measured_indicator_and_where_each_node_is(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(with_indicators("{id: A, title: a, points: 5, rule: ratio, source: measured, system: Cổng DVC}",
                                    "{id: B, title: b, indicators: [{id: B.1, title: c, points: 5, rule: yes_no}]}"),
                    encoding="utf-8")
    group = load_criteria(path).groups[0]
    a, b1 = group.indicators
    assert (a.source, a.system, b1.source, b1.system) == ("measured", "Cổng DVC", "self", "")
    assert (group.line, group.path) == (5, "groups[0]")
    assert (group.pillars[0].line, group.pillars[0].path) == (8, "groups[0].pillars[0]")
    assert (a.line, a.path) == (11, "groups[0].pillars[0].indicators[0]")
    assert (b1.line, b1.path) == (12, "groups[0].pillars[0].indicators[1].indicators[0]")


def test_html_and_formula_text_loads_unchanged(tmp_path: Path) -> None:
    """Escaping is the writers' job: the loader keeps the officer's text as written."""
    title = "<script>alert(1)</script> =HYPERLINK(\"http://x\") & +1 @SUM"
    path = tmp_path / "c.yaml"
    path.write_text(HEAD.replace('title: "Thử"', f"title: '{title}'") + "          - {id: A, title: '=1+1', "
                    "points: 5, rule: yes_no, evidence: '<img src=x onerror=alert(1)>'}\n", encoding="utf-8")
    criteria = load_criteria(path)
    leaf = criteria.groups[0].indicators[0]
    assert (criteria.title, leaf.title, leaf.evidence) == (title, "=1+1", "<img src=x onerror=alert(1)>")


# --- README "The criteria file" and "Limits": YAML beyond plain data, odd bytes, ids ------------------
@pytest.mark.parametrize(("text", "message"), [
    ("id: &a t\n", r"dòng 1, id: không dùng neo YAML \(&a\); hãy viết đầy đủ giá trị"),
    ("a: &a [1]\nb: *a\n", r"dòng 2, b: không dùng bí danh YAML \(\*a\)"),
    ("a: &a [*a]\n", r"dòng 1, a\[0\]: không dùng bí danh YAML \(\*a\)"),
    ("id: !!python/name:os.system t\n", r"dòng 1, id: không dùng thẻ YAML \(!!python/name:os\.system\); tệp tiêu chí "
                                        r"chỉ chứa dữ liệu thuần"),
    ("id: !include x.yaml\n", r"dòng 1, id: không dùng thẻ YAML \(!include\)"),
    ("id: !!binary aGk=\n", r"không dùng thẻ YAML \(!!binary\)"),
    ("id: !!str t\n", r"không dùng thẻ YAML \(!!str\)"),
    ("groups: !!set {a}\n", r"không dùng thẻ YAML \(!!set\)"),
    ("id: t\n? [a, b]\n: 1\n", r"dòng 2: khóa phải là một chuỗi, không phải danh sách hay ánh xạ"),
    ("id: t\n1: x\n", r"dòng 2: khóa 1 phải là chuỗi; hãy đặt trong ngoặc kép"),
    ("id: t\n---\nid: u\n", r"dòng 2: tệp có nhiều tài liệu YAML \(---\); chỉ được có một"),
    ("a: " + "[" * 40 + "]" * 40 + "\n", r"dòng 1, a(\[0\])+: lồng nhau quá 32 cấp"),
    ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", r"dòng 1: lồng nhau quá 32 cấp"),
    ('id: "a\\x01b"\n', r"dòng 1, id: có ký tự điều khiển hoặc ký tự đảo chiều văn bản U\+0001 \(ở vị trí 2\); hãy "
                       r"xóa ký tự này"),
    ('id: t\ntitle: "\\e[31mđỏ"\n', r"dòng 2, title: có ký tự điều khiển .* U\+001B"),
    ("id: t\ntitle: 'a\u202eb'\n", r"dòng 2, cột 10: có ký tự điều khiển .* U\+202E"),
    ("id: t\ntitle: 'a\x00b'\n", r"dòng 2, cột 10: có ký tự điều khiển .* U\+0000"),
    ("id: t\ntitle: 'a\x7fb'\n", r"dòng 2, cột 10: có ký tự điều khiển .* U\+007F"),
    ('id: t\ntitle: "a\\Nb"\n', r"dòng 2, title: có ký tự điều khiển .* U\+0085"),
    ("id: t\ntitle: 1" + "0" * 5000 + "\n", r"dòng 2, title: số viết bằng 5001 ký tự; tối đa 4000"),
])
def test_yaml_beyond_plain_data_is_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CriteriaError, match=message):
        load_text(tmp_path, text)


def test_an_alias_bomb_is_refused_fast_and_small(tmp_path: Path) -> None:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    with pytest.raises(CriteriaError) as err:
        load_text(tmp_path, "\n".join(lines) + "\n")
    assert {p.reason for p in err.value.problems} == {"yaml_anchor", "yaml_alias", "problems_cut"}
    assert err.value.problems[-1].message("en").endswith("… and at least 1 more problems (only the first 50 "
                                                        "are listed)")
    assert len(err.value.problems) == 51


def test_yaml_data_stays_plain(tmp_path: Path) -> None:
    """Dates stay text (a date as the title is no problem); a merge key is just an unknown key; a duplicate
    key is named with its line."""
    with pytest.raises(CriteriaError) as err:
        load_text(tmp_path, "id: t\ntitle: 2025-01-01\nedition: 2025\n<<: {a: 1}\ngroups: []\n")
    assert [(p.reason, p.line, p.path) for p in err.value.problems] == [
        ("unknown_key", 4, "<<"), ("empty_list", 5, "groups")]
    with pytest.raises(CriteriaError) as err:
        load_text(tmp_path, "id: t\ntitle: T\nedition: 2025\ntitle: U\ngroups: []\n")
    assert [(p.reason, p.line, p.params["found"]) for p in err.value.problems] == [("yaml_duplicate_key", 4, "title")]


def test_a_file_larger_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"# x\n" * 250_001)
    with pytest.raises(CriteriaError, match=r"c\.yaml: tệp tiêu chí lớn hơn giới hạn 1,000,000 byte$"):
        load_criteria(path)


def test_bom_and_crlf_keep_the_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = with_indicators("{id: A, title: a, points: -3, rule: yes_no}").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with pytest.raises(CriteriaError, match=r"c\.yaml, dòng 11, groups\[0\]\.pillars\[0\]\.indicators\[0\]\.points"):
        load_criteria(path)


@pytest.mark.parametrize(("ident", "message"), [
    ("../../x", r"mã '\.\./\.\./x' không hợp lệ"),
    ("a b", r"mã 'a b' không hợp lệ"),
    ("P.", r"mã 'P\.' không hợp lệ"),
    ("-P", r"mã '-P' không hợp lệ"),
    ("\u0420", r"mã '\\u0420' không hợp lệ"),  # a Cyrillic Р, shown escaped
    ("a" * 81, r"mã dài 81 ký tự; tối đa 80"),
    ("con", r"mã 'con' là tên thiết bị dành riêng của Windows"),
    ("NUL.txt", r"mã 'NUL\.txt' là tên thiết bị dành riêng"),
    ("Lpt9", r"mã 'Lpt9' là tên thiết bị dành riêng"),
])
def test_ids_have_one_syntax(tmp_path: Path, ident: str, message: str) -> None:
    with pytest.raises(CriteriaError, match=rf"dòng 5, groups\[0\]\.id: {message}"):
        load_text(tmp_path, HEAD.replace("  - id: g\n", f"  - id: '{ident}'\n")
                  + "          - {id: A, title: a, points: 5, rule: yes_no}\n")


def test_id_problem_is_the_one_id_rule() -> None:
    assert [id_problem(x) for x in ("NTS.1", "a-b_c.d", "x" * 80, "CON", "com1.x", "console", "x" * 81, "a.", "é")] \
        == [None, None, None, "id_reserved", "id_reserved", None, "id_too_long", "bad_id", "bad_id"]
    assert id_problem("Ab", lower=True) == "bad_id" and id_problem("ab", lower=True) is None
    pattern = re.compile(id_pattern())
    for text in ("NTS.1", "x" * 80, "CON", "com1.x", "console", "x" * 81, "a.", "é", "../x"):
        assert bool(pattern.fullmatch(text)) == (id_problem(text) is None), text


def test_composites_nest_at_most_six_deep(tmp_path: Path) -> None:
    def chain(depth: int) -> str:
        node = "{id: Z, title: z, points: 5, rule: yes_no}"
        for i in range(depth):
            node = f"{{id: C{i}, title: c, indicators: [{node}]}}"
        return node

    path = tmp_path / "c.yaml"
    path.write_text(with_indicators(chain(6)), encoding="utf-8")
    assert load_criteria(path).groups[0].indicators[0].id == "Z"
    with pytest.raises(CriteriaError, match=r"indicators\[0\](\.indicators\[0\]){6}: chỉ số tổng hợp lồng quá 6 cấp"):
        load_text(tmp_path, with_indicators(chain(7)))


def test_schema_command_writes_the_json_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--out", str(tmp_path / "s.json")]) == 0
    schema = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == schema
    assert schema["required"] == ["id", "title", "edition", "groups"]
    assert schema["properties"]["decimals"] == {"default": 4, "description": "decimals shown, 0–8", "maximum": 8,
                                                "minimum": 0, "title": "Decimals", "type": "integer"}
    node = schema["$defs"]["Node"]["properties"]
    assert node["source"]["enum"] == ["self", "measured", "tasks"]
    assert node["id"]["pattern"] == id_pattern()
    rules = {json.dumps(r, sort_keys=True) for r in node["rule"]["anyOf"][0]["oneOf"]}
    assert len(rules) == 11  # the bare names, then the ten rules


# --- a loader never fails in another way ---------------------------------------------------------------
SAMPLE_TEXT = (ROOT / "criteria" / "hanoi-2025.yaml").read_text(encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(SAMPLE_TEXT)), st.integers(0, 12),
                          st.sampled_from(["", "-", ":", " ", "\n", "[", "]", "{", "}", "&a ", "*a", "!!", "'", '"',
                                           ".inf", ".nan", "1e999", "\t", "#", "?", "\x01", "9" * 30, "con", "../",
                                           "\u202e", "- ", ",", "0", "true", "null", "\\x1b"])),
                min_size=1, max_size=4))
def test_mutated_criteria_load_or_raise_criteria_error(tmp_path: Path, edits: list[tuple[int, int, str]]) -> None:
    text = SAMPLE_TEXT
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        criteria = load_criteria(path)
    except CriteriaError as exc:
        assert exc.problems and all("problem." + p.reason in WORDS for p in exc.problems)
        for p in exc.problems:
            p.message("vi")
            p.message("en")
        return
    numbers = [criteria.scale, *(b.min for b in criteria.bands), criteria.robustness.concentration]
    numbers += [x for g in criteria.groups for i in g.indicators for x in (i.points, *_rule_numbers(i.rule))]
    assert all(math.isfinite(x) for x in numbers)


def _rule_numbers(rule: object) -> list[float]:
    if isinstance(rule, Tiers):
        return [x for level in rule.levels for x in level]
    if isinstance(rule, Choice):
        return [share for _, share in rule.shares]
    return [float(v) for v in vars(rule).values() if isinstance(v, float)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SAMPLE_TEXT.encode("utf-8"))), st.binary(min_size=1, max_size=8))
def test_odd_bytes_load_or_raise_criteria_error(tmp_path: Path, at: int, insert: bytes) -> None:
    raw = SAMPLE_TEXT.encode("utf-8")
    path = tmp_path / "m.yaml"
    path.write_bytes(raw[:at] + insert + raw[at:])
    try:
        load_criteria(path)
    except CriteriaError as exc:
        assert all(p.line is None or 1 <= p.line <= raw.count(b"\n") + insert.count(b"\n") + 2
                   for p in exc.problems)
