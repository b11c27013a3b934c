"""The bundled criteria files have the published structure (issue 11, point 1): the groups, their names,
order and indicator counts of 5279/QĐ-UBND (2025) and the 9 main indices of 920/QĐ-UBND (2024)."""

from __future__ import annotations

import pytest

from ranking.criteria import Council, Criteria, Deadline, Indicator, Penalty, Ratio, load_criteria
from ranking.inputs import load_inputs
from tests.conftest import ROOT

FOUNDATION = ["Nhận thức số", "Thể chế số", "Hạ tầng số", "Nhân lực số", "An toàn thông tin mạng"]
DEPARTMENTS_2025 = [*zip(FOUNDATION, (3, 4, 2, 3, 5), strict=True),
                    ("Hoạt động chính quyền số", 11), ("Hoạt động kinh tế số", 1), ("Hoạt động xã hội số", 3),
                    ("Mức độ hoàn thành kế hoạch chuyển đổi số của năm", 2)]
COMMUNES_2025 = [*zip(FOUNDATION, (5, 3, 5, 6, 4), strict=True),
                 ("Hoạt động chính quyền số", 10), ("Hoạt động kinh tế số", 6), ("Hoạt động xã hội số", 8)]
INDICES_2024 = [*FOUNDATION, "Hoạt động chính quyền số", "Hoạt động kinh tế số", "Hoạt động xã hội số",
                "Mức độ hoàn thành kế hoạch chuyển đổi số năm"]


def criteria(year: int) -> Criteria:
    return load_criteria(ROOT / "criteria" / f"hanoi-{year}.yaml")


def component(indicator: Indicator) -> bool:
    """A scored component as the decision counts them: neither a deduction nor an unscored figure."""
    return indicator.scored and not isinstance(indicator.rule, Penalty)


def shape(c: Criteria, group: str) -> list[tuple[str, int]]:
    """(title, number of scored components) of each pillar, in file order."""
    return [(p.title, sum(1 for leaf in p.leaves() if component(leaf))) for p in c.group(group).pillars]


def test_2025_has_the_published_groups_names_order_and_counts() -> None:
    c = criteria(2025)
    assert [(g.id, g.title) for g in c.groups] == [("departments", "Sở, ban, ngành"), ("communes", "Xã, phường")]
    assert shape(c, "departments") == DEPARTMENTS_2025
    assert shape(c, "communes") == COMMUNES_2025
    assert [sum(map(component, c.group(g).indicators)) for g in ("departments", "communes")] == [34, 47]


def test_2025_digital_economy_applies_to_the_eight_tagged_departments() -> None:
    c = criteria(2025)
    economy = next(p for p in c.group("departments").pillars if p.title == "Hoạt động kinh tế số")
    (indicator,) = economy.leaves()
    assert indicator.applies_to == frozenset({"kinh-te-so"})
    inputs = load_inputs(c, ROOT / "inputs" / "2025")
    departments = [u for u in inputs.units if u.group == "departments"]
    tagged = [u.id for u in departments if indicator.applies(u.id, u.tags)]
    assert (len(departments), len(tagged)) == (17, 8)
    counts = {sum(1 for i in c.group("departments").indicators if component(i) and i.applies(u.id, u.tags))
              for u in departments}
    assert counts == {33, 34}  # the other 9 are assessed on 33


def test_2024_has_the_nine_main_indices_for_both_levels() -> None:
    c = criteria(2024)
    assert [g.id for g in c.groups] == ["departments", "districts"]
    for group in c.groups:
        assert [p.title for p in group.pillars] == INDICES_2024
    assert len(c.group("departments").indicators) == 46


def test_2025_illustrates_every_kind_of_published_rule() -> None:
    """A deadline for the year's plan, a threshold, a security-incident deduction, an unscored figure: each
    illustrative (the header says so), none counted as a component."""
    c = criteria(2025)
    rules = {i.id: i for i in c.group("departments").indicators}
    assert rules["NTS.1"].rule == Deadline((("2025-01-31", 1.0), ("2025-03-31", 0.5)))
    assert rules["ATTT.5"].rule == Ratio(0.9, 0.5)
    assert rules["ATTT.6"].rule == Penalty(10) and rules["ATTT.6"].maximum == 0
    assert not rules["CQS.11"].scored
    header = (ROOT / "criteria" / "hanoi-2025.yaml").read_text(encoding="utf-8").split("\nid:")[0]
    assert all(i in header for i in ("NTS.1", "ATTT.5", "ATTT.6", "CQS.11")) and "minh họa" in header


def test_both_editions_share_the_pillar_ids() -> None:
    """The same main index has the same id in both editions, so that pillars can be compared year to year."""
    old, new = criteria(2024), criteria(2025)
    for group in ("departments",):
        assert [p.id for p in old.group(group).pillars] == [p.id for p in new.group(group).pillars]
    assert [p.id for p in new.group("communes").pillars] == [p.id for p in old.group("districts").pillars][:8]


@pytest.mark.parametrize("year", [2024, 2025])
def test_data_governance_lives_in_the_published_groups(year: int) -> None:
    """No pillar of its own: data indicators sit in Thể chế số and Hoạt động chính quyền số."""
    c = criteria(year)
    for group in c.groups:
        titles = {p.title for p in group.pillars}
        assert not any("dữ liệu" in t.lower() for t in titles)
        data = {p.title for p in group.pillars for i in p.leaves() if "dữ liệu" in i.title}
        assert {"Thể chế số", "Hoạt động chính quyền số"} <= data
        assert any(isinstance(i.rule, Council) for i in group.indicators)


@pytest.mark.parametrize("year", [2024, 2025])
def test_each_file_says_what_is_published_and_what_is_assumed(year: int) -> None:
    header = (ROOT / "criteria" / f"hanoi-{year}.yaml").read_text(encoding="utf-8").split("\nid:")[0]
    assert "SỰ KIỆN ĐÃ CÔNG BỐ" in header and "GIẢ ĐỊNH" in header
    assert ("5279/QĐ-UBND" if year == 2025 else "920/QĐ-UBND") in header
    assert "minh họa" in header


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_sample_is_a_final_ranking_every_council_row_appraised(year: int) -> None:
    inputs = load_inputs(criteria(year), ROOT / "inputs" / str(year))
    assert [w for w in inputs.warnings if w.reason == "council_pending"] == []
