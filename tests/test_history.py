"""Year over year: the previous results.csv, lineage through predecessors, and `--previous` on the CLI."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from ranking.cli import main
from ranking.errors import DataError
from ranking.history import PreviousResults, PreviousRow, compare, default_previous, lineage, read_previous
from ranking.inputs import Unit
from ranking.ranking import Ranking
from tests.conftest import ROOT, CaseWriter, Sample, write_csv

HEADER = ("group", "unit", "name", "index", "rank", "band", "pillar:P1")
# The tiny case lists: a1 no predecessor (continues itself), a2 "x;y" (a merger), a3 "z", b1 and b2 none.
PREVIOUS = [
    ("A", "x", "Sở X", "0.8", "1", "Tốt", "0.9"),
    ("A", "a1", "Sở Một", "0.7", "2", "Tốt", "0.7"),
    ("A", "y", "Sở Y", "0.6", "3", "Tốt", "0.5"),
    ("A", "z", "Sở Z", "0.3", "4", "Cần cải thiện", ""),
    ("B", "b1", "Phường Một", "0.9", "1", "Xuất sắc", "0.9"),
]


def _previous(path: Path, rows: Sequence[Sequence[str]] = PREVIOUS, header: Sequence[str] = HEADER) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_csv(path, header, rows)


def _results(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8", newline="") as f:
        return {row["unit"]: row for row in csv.DictReader(f)}


def _unit(uid: str, group: str = "A", predecessors: tuple[str, ...] = ()) -> Unit:
    return Unit(uid, uid.upper(), group, frozenset(), predecessors)


def _results_of(rows: dict[str, tuple[str, float, int]]) -> PreviousResults:
    return PreviousResults("prev.csv", "0" * 64, {u: PreviousRow(g, u, i, r, n + 2) for n, (u, (g, i, r)) in
                                        enumerate(rows.items())})


# --- lineage ------------------------------------------------------------------------------------------------
def test_a_merger_of_three_is_compared_with_the_plain_mean() -> None:
    prev = _results_of({"p1": ("A", 0.62, 1), "p2": ("A", 0.5, 2), "p3": ("A", 0.29, 3)})
    got = lineage(_unit("m", predecessors=("p1", "p2", "p3")), prev)
    assert (got.lineage, got.rank, got.predecessors) == ("merged", None, ("p1", "p2", "p3"))
    assert got.index == pytest.approx((0.62 + 0.5 + 0.29) / 3)


def test_one_predecessor_in_the_same_group_carries_its_rank() -> None:
    prev = _results_of({"old": ("A", 0.55, 7)})
    got = lineage(_unit("renamed", predecessors=("old",)), prev)
    assert (got.lineage, got.index, got.rank) == ("same", 0.55, 7)


def test_one_predecessor_from_another_group_has_no_rank_change() -> None:
    prev = _results_of({"district": ("districts", 0.8, 2)})
    got = lineage(_unit("ward", group="communes", predecessors=("district",)), prev)
    assert (got.lineage, got.index, got.rank) == ("merged", 0.8, None)


def test_a_unit_without_predecessors() -> None:
    prev = _results_of({"same": ("A", 0.4, 3), "thanh-xuan": ("districts", 0.9, 1)})
    assert lineage(_unit("same"), prev) == lineage(_unit("same", predecessors=("same",)), prev)
    assert lineage(_unit("same"), prev).lineage == "same"
    assert lineage(_unit("brand-new"), prev).lineage == "new"
    # a ward that shares a former district's id is not that district
    assert lineage(_unit("thanh-xuan", group="communes"), prev).lineage == "new"


def test_compare_fills_every_unit(make_case: CaseWriter, tiny: Ranking, tmp_path: Path) -> None:
    done = compare(tiny, read_previous(_previous(tmp_path / "prev" / "results.csv")))
    by_id = {u.score.unit: u for u in done.units}
    assert [u.score.unit for u in done.units] == [u.score.unit for u in tiny.units]
    a1, a2, a3, b1, b2 = (by_id[k] for k in ("a1", "a2", "a3", "b1", "b2"))
    assert a1.previous is not None and (a1.previous.lineage, a1.previous.rank, a1.rank_change) == ("same", 2, 1)
    assert a2.previous is not None and (a2.previous.lineage, a2.rank_change) == ("merged", None)
    assert a2.previous.index == pytest.approx(0.7)
    assert a3.previous is not None and (a3.previous.lineage, a3.previous.rank, a3.rank_change) == ("same", 4, 1)
    assert b1.previous is not None and b1.rank_change == 0
    assert b2.previous is not None and b2.previous.lineage == "new" and b2.previous.index is None


def test_a_predecessor_missing_from_the_previous_results(tiny: Ranking, tmp_path: Path) -> None:
    prev = _previous(tmp_path / "prev.csv", [r for r in PREVIOUS if r[1] != "y"])
    with pytest.raises(DataError, match=r"units\.csv, dòng 3, cột predecessors: đơn vị tiền thân 'y' của 'a2'") as exc:
        compare(tiny, read_previous(prev))
    assert "predecessor 'y' of 'a2' is not in the previous results" in exc.value.render("en")
    assert str(prev) in exc.value.render("en")


# --- the previous results.csv ------------------------------------------------------------------------------
def test_read_previous_ignores_extra_columns_and_a_bom(tmp_path: Path) -> None:
    path = _previous(tmp_path / "results.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    got = read_previous(path)
    assert got.rows["z"] == PreviousRow("A", "z", 0.3, 4, 5)
    assert list(got.rows) == ["x", "a1", "y", "z", "b1"]


def test_a_missing_previous_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"nope\.csv: không tìm thấy tệp"):
        read_previous(tmp_path / "nope.csv")


def test_a_previous_file_without_the_columns(tmp_path: Path) -> None:
    path = _previous(tmp_path / "r.csv", [("A", "x", "0.5")], ("group", "unit", "score"))
    with pytest.raises(DataError, match=r"r\.csv, dòng 1: kết quả năm trước thiếu cột index, rank") as exc:
        read_previous(path)
    assert "lack the column(s) index, rank; the header is group,unit,score" in exc.value.render("en")


def test_every_bad_row_of_the_previous_file_at_once(tmp_path: Path) -> None:
    rows = [
        ("A", "x", "Sở X", "0,8", "1", "", ""),
        ("A", "y", "Sở Y", "0.6", "0", "", ""),
        ("A", "z", "Sở Z", "", "2.5", "", ""),
        ("A", "x", "Sở X", "0.5", "3", "", ""),
    ]
    with pytest.raises(DataError, match=r"dòng 2, cột index: cần một số, gặp '0,8'") as exc:
        read_previous(_previous(tmp_path / "r.csv", rows))
    english = exc.value.render("en").splitlines()
    assert len(english) == 4
    assert english[1].endswith("line 3, column rank: expected a rank (a whole number ≥ 1), found '0'")
    assert english[2].endswith("line 4, column index: index is empty")
    assert english[3].endswith("line 4, column rank: expected a rank (a whole number ≥ 1), found '2.5'")
    rows[0] = ("A", "x", "Sở X", "0.8", "1", "", "")
    with pytest.raises(DataError, match=r"dòng 5, cột unit: đơn vị 'x' đã khai báo ở dòng 2"):
        read_previous(_previous(tmp_path / "r.csv", rows))


def test_a_previous_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = _previous(tmp_path / "r.csv")
    path.write_bytes(path.read_bytes().replace("Sở Z".encode(), b"S\xd5 Z"))
    with pytest.raises(DataError, match=r"r\.csv, dòng 5: tệp không phải UTF-8"):
        read_previous(path)


# --- the command line ---------------------------------------------------------------------------------------
def test_default_previous_is_last_years_results_next_to_the_output(tmp_path: Path) -> None:
    assert default_previous(tmp_path / "reports" / "2025", 2025) is None
    path = _previous(tmp_path / "reports" / "2024" / "results.csv")
    assert default_previous(tmp_path / "reports" / "2025", 2025) == path


def test_rank_uses_last_years_results(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria, inputs = make_case()
    previous = _previous(tmp_path / "reports" / "2024" / "results.csv")
    out = tmp_path / "reports" / "2025"
    assert main(["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out)]) == 0
    rows = _results(out)
    assert (rows["a1"]["previous_index"], rows["a1"]["previous_rank"]) == ("0.7", "2")
    assert (rows["a2"]["previous_index"], rows["a2"]["previous_rank"]) == ("0.7", "")
    assert (rows["b2"]["previous_index"], rows["b2"]["previous_rank"]) == ("", "")
    assert all(bool(rows[u]["rank_low"] and rows[u]["rank_high"]) == (u[0] == "a") for u in rows)  # B: one pillar
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["options"]["previous"] == "results.csv"  # by file name: no path of this machine in an output
    assert run["inputs"]["results.csv"] == hashlib.sha256(previous.read_bytes()).hexdigest()


def test_an_explicit_previous_that_is_missing(make_case: CaseWriter, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    criteria, inputs = make_case()
    out = tmp_path / "out"
    args = ["rank", "--criteria", str(criteria), "--inputs", str(inputs), "--out", str(out)]
    assert main(args) == 0
    before = (out / "results.csv").read_bytes()
    capsys.readouterr()
    assert main([*args, "--previous", str(tmp_path / "2024.csv"), "--lang", "en"]) == 2
    assert f"{tmp_path / '2024.csv'}: file not found" in capsys.readouterr().err
    assert (out / "results.csv").read_bytes() == before


# --- pillars (README, "How firm is each rank, and how did each unit move") ---------------------------------
def test_pillars_are_compared_like_the_index(tiny: Ranking, tmp_path: Path) -> None:
    """By hand from PREVIOUS: a2 (x; y) → P1 (0.9 + 0.5) / 2 = 0.7, index (0.8 + 0.6) / 2 = 0.7; a1 continues
    itself: P1 0.7; a3 (z) has no P1 value then: no pillar comparison; P2 is not in the previous results."""
    done = compare(tiny, read_previous(_previous(tmp_path / "prev" / "results.csv")))
    previous = {u.score.unit: u.previous for u in done.units}
    a2 = previous["a2"]
    assert a2 is not None and a2.lineage == "merged"
    assert (a2.index, dict(a2.pillars)) == (pytest.approx(0.7), {"P1": pytest.approx(0.7)})
    assert previous["a1"] is not None and dict(previous["a1"].pillars) == {"P1": 0.7}
    assert previous["a3"] is not None and dict(previous["a3"].pillars) == {}
    assert previous["b2"] is not None and previous["b2"].lineage == "new" and dict(previous["b2"].pillars) == {}


def test_a_pillar_counts_only_where_every_predecessor_has_it() -> None:
    rows = {"p1": PreviousRow("A", "p1", 0.6, 1, 2, {"NTS": 0.8, "KTS": 0.4}),
            "p2": PreviousRow("A", "p2", 0.4, 2, 3, {"NTS": 0.6}),
            "p3": PreviousRow("A", "p3", 0.2, 3, 4, {"NTS": 0.1, "DLS": 0.3})}
    got = lineage(_unit("m", predecessors=("p1", "p2", "p3")), PreviousResults("prev.csv", "0" * 64, rows),
                  ("NTS", "KTS", "XHS"))
    assert dict(got.pillars) == {"NTS": pytest.approx(0.5)}  # KTS: p2 and p3 lack it; DLS is not shared


def test_a_pillar_value_that_is_not_a_number_is_an_error(tmp_path: Path) -> None:
    path = _previous(tmp_path / "results.csv", [("A", "x", "Sở X", "0.8", "1", "Tốt", "0,9")])
    with pytest.raises(DataError, match=r"results\.csv, dòng 2, cột pillar:P1: cần một số, gặp '0,9'"):
        read_previous(path)


def test_the_2025_departments_compare_every_pillar_with_2024(tmp_path: Path) -> None:
    """The bundled editions share all nine pillar ids: a merged 2025 department is compared on each."""
    out24 = tmp_path / "2024"
    assert main(["rank", "--criteria", str(ROOT / "criteria" / "hanoi-2024.yaml"), "--inputs",
                 str(ROOT / "inputs" / "2024"), "--out", str(out24)]) == 0
    done = compare(Sample("2025").ranking(), read_previous(out24 / "results.csv"))
    noi_vu = next(u for u in done.units if u.score.unit == "so-noi-vu")  # Nội vụ + Lao động – Thương binh và Xã hội
    previous = _results(out24)
    assert noi_vu.previous is not None and noi_vu.previous.lineage == "merged"
    for pillar in ("NTS", "CQS", "KHCDS"):
        expected = sum(float(previous[p][f"pillar:{pillar}"]) for p in noi_vu.previous.predecessors) / 2
        assert noi_vu.previous.pillars[pillar] == pytest.approx(expected)
    assert len(noi_vu.previous.pillars) == 9
    communes = [u.previous for u in done.units if u.score.group == "communes"]
    assert all(p is not None and p.lineage == "new" for p in communes)
