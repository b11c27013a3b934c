"""Shared fixtures: a tiny hand-made case written to disk, and the bundled sample built up to any stage."""

from __future__ import annotations

import csv
import textwrap
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from ranking.criteria import Criteria, load_criteria
from ranking.inputs import Inputs, load_inputs
from ranking.ranking import Ranking, rank
from ranking.scoring import Scores, score

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_YEARS = ("2024", "2025")
EPOCH = "1767225600"  # 2026-01-01: SOURCE_DATE_EPOCH for byte-identical reports

# Two groups; every rule kind; one composite; one tagged indicator. Max points: A = 100, B = 20.
TINY_CRITERIA = """\
id: tiny
title: "Bộ chỉ số thử"
edition: 2025
operator: "Sở Khoa học và Công nghệ"
scale: 1
decimals: 4
bands:
  - {min: 0.8, label: "Xuất sắc"}
  - {min: 0.5, label: "Tốt"}
  - {min: 0, label: "Cần cải thiện"}
groups:
  - id: A
    title: "Sở, ban, ngành"
    pillars:
      - id: P1
        title: "Nhận thức số"
        indicators:
          - {id: Y, title: "Có kế hoạch", points: 10, rule: yes_no}
          - {id: R, title: "Tỷ lệ hồ sơ", points: 20, rule: {ratio: {target: 0.8}}}
          - {id: T, title: "Số cuộc họp", points: 20, rule: {tiers: [[4, 20], [3, 15], [2, 10], [1, 5]]}}
      - id: P2
        title: "Chính quyền số"
        indicators:
          - {id: C, title: "Trưởng ban", points: 10, rule: {choice: {"Chủ tịch": 1, "Phó Chủ tịch": 0.5}}}
          - {id: B, title: "Doanh thu", points: 10, rule: {best: {better: higher}}, applies_to: [kinh-te-so]}
          - {id: M, title: "Ngày xử lý", points: 10, rule: {minmax: {better: lower}}}
          - id: K
            title: "Tổng hợp"
            indicators:
              - {id: K.1, title: "Số sự cố", points: 10, rule: {count: {per_item: 2}}}
              - {id: K.2, title: "Hội đồng chấm", points: 10, rule: council}
  - id: B
    title: "Xã, phường"
    pillars:
      - id: P1
        title: "Nhận thức số"
        indicators:
          - {id: Y, title: "Có kế hoạch", points: 10, rule: yes_no}
          - {id: R, title: "Tỷ lệ", points: 10, rule: ratio}
"""

TINY_UNITS = [
    ("a1", "Sở Một", "A", "kinh-te-so", ""),
    ("a2", "Sở Hai", "A", "kinh-te-so", "x;y"),
    ("a3", "Sở Ba", "A", "", "z"),
    ("b1", "Phường Một", "B", "phuong", ""),
    ("b2", "Xã Hai", "B", "xa", ""),
]
TINY_SELF = [
    ("a1", "Y", "có", "", "QĐ 1"),
    ("a1", "R", "60%", "", ""),
    ("a1", "T", "3", "", ""),
    ("a1", "C", "Phó Chủ tịch", "", ""),
    ("a1", "B", "200", "", ""),
    ("a1", "M", "5", "", ""),
    ("a1", "K.1", "3", "", ""),
    ("a1", "K.2", "7", "", ""),
    ("a2", "Y", "không", "", ""),
    ("a2", "R", "90", "100", ""),
    ("a2", "T", "7", "", ""),
    ("a2", "C", "Chủ tịch", "", ""),
    ("a2", "B", "100", "", ""),
    ("a2", "M", "15", "", ""),
    ("a2", "K.1", "8", "", ""),
    ("a2", "K.2", "10", "", ""),
    ("a3", "Y", "yes", "", ""),
    ("a3", "R", "0.4", "", ""),
    ("a3", "T", "0", "", ""),
    ("a3", "M", "10", "", ""),
    ("a3", "K.2", "4", "", ""),
    ("b1", "Y", "có", "", ""),
    ("b1", "R", "5", "0", ""),
    ("b2", "Y", "có", "", ""),
    ("b2", "R", "50%", "", ""),
]
TINY_APPRAISAL = [
    ("a1", "K.2", "5", "", "Hội đồng: minh chứng chưa đầy đủ"),
    ("a2", "K.2", "10", "", "Hội đồng chấm"),
    ("a3", "K.2", "4", "", "Hội đồng chấm"),
]

# The tiny case by hand (final values):
# a1: Y 10; R 20·min(0.6/0.8, 1) = 15; T 3 → 15; C half → 5; B 10·200/200 = 10; M (15−5)/(15−5) → 10;
#     K.1 min(10, 3·2) = 6; K.2 the council's 5 (a1 proposed 7).  Total 76 / 100.
# a2: Y 0; R 90/100 = 0.9 → 20; T 7 → 20; C 10; B 10·100/200 = 5; M 0; K.1 min(10, 16) = 10; K.2 the council's
#     10. 75 / 100.
# a3: Y 10; R 0.4/0.8 → 10; T 0 → 0; C missing 0; B not applicable; M (15−10)/10 → 5; K.1 missing; K.2 the
#     council's 4.
#     29 / 90.
# b1: Y 10; R denominator 0 → not applicable. 10 / 10.   b2: Y 10; R 5. 15 / 20.
TINY_EXPECTED = {"a1": (76, 100), "a2": (75, 100), "a3": (29, 90), "b1": (10, 10), "b2": (15, 20)}


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_case(root: Path, criteria: str = TINY_CRITERIA, units: Sequence[Sequence[str]] = TINY_UNITS,
               self_rows: Sequence[Sequence[str]] = TINY_SELF,
               appraisal: Sequence[Sequence[str]] | None = TINY_APPRAISAL) -> tuple[Path, Path]:
    """A criteria file and an inputs folder under `root`; returns their paths."""
    root.mkdir(parents=True, exist_ok=True)
    criteria_path = root / "criteria.yaml"
    criteria_path.write_text(textwrap.dedent(criteria), encoding="utf-8")
    folder = root / "inputs"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "units.csv", ("id", "name", "group", "tags", "predecessors"), units)
    write_csv(folder / "self_assessment.csv", ("unit", "indicator", "value", "denominator", "evidence"), self_rows)
    if appraisal is not None:
        write_csv(folder / "appraisal.csv", ("unit", "indicator", "value", "denominator", "note"), appraisal)
    return criteria_path, folder


CaseWriter = Callable[..., tuple[Path, Path]]


@pytest.fixture
def make_case(tmp_path: Path) -> CaseWriter:
    """write_case in the test's folder; any part can be replaced by the test."""
    return lambda **parts: write_case(tmp_path, **parts)


@pytest.fixture
def tiny(make_case: CaseWriter) -> Ranking:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    return rank(score(criteria, load_inputs(criteria, folder)))


class Sample:
    """The bundled sample of one year, built up to any stage (like COINr's example builder)."""

    def __init__(self, year: str) -> None:
        self.year = year
        self.criteria_path = ROOT / "criteria" / f"hanoi-{year}.yaml"
        self.inputs_path = ROOT / "inputs" / year

    def criteria(self) -> Criteria:
        return load_criteria(self.criteria_path)

    def inputs(self) -> Inputs:
        return load_inputs(self.criteria(), self.inputs_path)

    def scores(self) -> Scores:
        inputs = self.inputs()
        return score(load_criteria(self.criteria_path), inputs)

    def ranking(self) -> Ranking:
        return rank(self.scores())


@pytest.fixture(params=SAMPLE_YEARS)
def sample(request: pytest.FixtureRequest) -> Sample:
    return Sample(request.param)


@pytest.fixture(scope="module")
def epoch() -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the module's renders: dated reports, byte for byte."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield
