"""The criteria loader: the tree it builds, and every problem reported at once with its YAML path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ranking.criteria import Choice, Composite, Ratio, Tiers, load_criteria
from ranking.errors import CriteriaError
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


@pytest.mark.parametrize("name", ["hanoi-2024.yaml", "hanoi-2025.yaml"])
def test_bundled_criteria_load_and_use_every_rule(name: str) -> None:
    criteria = load_criteria(ROOT / "criteria" / name)
    rules = {type(i.rule).__name__ for g in criteria.groups for i in g.indicators}
    assert rules == {"YesNo", "Ratio", "Tiers", "Choice", "Best", "MinMax", "Count", "Council"}


def test_hanoi_2025_has_the_published_shape() -> None:
    criteria = load_criteria(ROOT / "criteria" / "hanoi-2025.yaml")
    departments, communes = criteria.group("departments"), criteria.group("communes")
    assert (len(departments.indicators), len(departments.pillars)) == (34, 9)
    assert (len(communes.indicators), len(communes.pillars)) == (47, 8)
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


def test_choice_share_outside_zero_one(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"rule\.choice\.Phó: cần một số trong khoảng 0 ≤ x ≤ 1, gặp 1\.5"):
        load_text(tmp_path, with_indicators("{id: A, title: a, points: 5, rule: {choice: {Chủ: 1, Phó: 1.5}}}"))


def test_duplicate_ids_within_a_group(tmp_path: Path) -> None:
    text = with_indicators("{id: A, title: a, points: 5, rule: yes_no}", "{id: A, title: b, points: 5, rule: yes_no}")
    with pytest.raises(CriteriaError, match=r"indicators\[1\]\.id: mã 'A' đã dùng ở groups\[0\]\.pillars\[0\]"
                                            r"\.indicators\[0\]"):
        load_text(tmp_path, text)


def test_composite_with_points(tmp_path: Path) -> None:
    text = with_indicators("{id: A, title: a, points: 5, indicators: [{id: A.1, title: b, points: 5, rule: yes_no}]}")
    with pytest.raises(CriteriaError, match=r"indicators\[0\]: chỉ số tổng hợp .* không được có 'points'"):
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
