"""The result tables: their content, reproducibility, the workbook read back, formula neutralisation."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ranking.errors import Lang
from ranking.output import inside, staged_output
from ranking.pipeline import build, load, write
from ranking.ranking import Ranking
from ranking.tables import fmt, neutralise
from tests.conftest import TINY_UNITS, CaseWriter, Sample


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_results_csv_holds_the_contract_columns(tiny: Ranking, tmp_path: Path) -> None:
    write(tiny, tmp_path / "out", {})
    got = rows(tmp_path / "out" / "results.csv")
    assert list(got[0])[:14] == ["group", "unit", "name", "points", "max_points", "index", "rank", "band",
                                 "self_points", "self_index", "previous_index", "previous_rank", "rank_low",
                                 "rank_high"]
    assert list(got[0])[14:] == ["pillar:P1", "pillar:P2"]
    a3 = next(r for r in got if r["unit"] == "a3")
    assert (a3["points"], a3["max_points"], a3["index"], a3["rank"]) == ("29", "90", "0.3222", "3")
    assert (a3["pillar:P1"], a3["pillar:P2"], a3["band"]) == ("0.4", "0.225", "Cần cải thiện")
    b1 = next(r for r in got if r["unit"] == "b1")
    assert b1["pillar:P2"] == ""


def test_indicator_scores_csv(tiny: Ranking, tmp_path: Path) -> None:
    write(tiny, tmp_path / "out", {})
    got = {(r["unit"], r["indicator"]): r for r in rows(tmp_path / "out" / "indicator_scores.csv")}
    assert len(got) == 3 * 8 + 2 * 2
    k2 = got[("a1", "K.2")]
    assert (k2["status"], k2["self_value"], k2["appraised_value"], k2["value"]) == ("ok", "7", "5", "5")
    assert (k2["self_points"], k2["points"], k2["max_points"]) == ("7", "5", "10")
    assert got[("b1", "R")]["status"] == "not_applicable"
    assert got[("a3", "C")]["status"] == "missing"


def test_same_inputs_give_byte_identical_tables(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case()
    for out in ("one", "two"):
        write(build(*load(criteria_path, folder)), tmp_path / out, {"x": 1})
    for name in ("results.csv", "indicator_scores.csv", "results.xlsx", "run.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_workbook_reads_back_as_the_csv(tiny: Ranking, tmp_path: Path) -> None:
    write(tiny, tmp_path, {})
    wb = load_workbook(tmp_path / "results.xlsx", read_only=True)
    assert wb.sheetnames == ["Kết quả", "Điểm từng chỉ số", "Thông tin lần chạy"]
    sheet = list(wb["Kết quả"].iter_rows(values_only=True))
    table = rows(tmp_path / "results.csv")
    # issue 9: Vietnamese headers, group and pillar titles; the CSV keeps the machine names
    assert list(sheet[0][:8]) == ["Khối", "Mã đơn vị", "Tên đơn vị", "Điểm", "Điểm tối đa", "Chỉ số", "Hạng",
                                  "Xếp loại"]
    assert "P1 — Nhận thức số" in sheet[0] and "pillar:P1" in table[0]
    titles = {"A": "Sở, ban, ngành", "B": "Xã, phường"}
    for cells, row in zip(sheet[1:], table, strict=True):
        expected = [titles[v] if k == "group" else v for k, v in row.items()]
        assert ["" if c is None else fmt(c, 6) if isinstance(c, float) else str(c) for c in cells] == expected


def test_run_json_records_the_hash_of_every_input(tiny: Ranking, tmp_path: Path) -> None:
    write(tiny, tmp_path, {"command": "rank"})
    record = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert record["criteria"]["sha256"] == tiny.criteria.sha256
    assert sorted(Path(p).name for p in record["inputs"]) == ["appraisal.csv", "self_assessment.csv", "units.csv"]
    assert all(len(h) == 64 for h in record["inputs"].values())
    assert record["options"] == {"command": "rank"} and record["sample"] is False


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_workbook_holds_numbers_with_number_formats_in_the_readers_words(tiny: Ranking, tmp_path: Path,
                                                                        lang: Lang) -> None:
    """Issue 9: numbers are numbers (not text) with a number format; indicator values too where numeric;
    headers, groups and statuses in the run's language."""
    write(tiny, tmp_path, {}, lang)
    wb = load_workbook(tmp_path / "results.xlsx")
    results, indicators = wb.worksheets[0], wb.worksheets[1]
    head = [c.value for c in results[1]]
    index = head.index("Chỉ số" if lang == "vi" else "Index") + 1
    a1 = next(r for r in results.iter_rows(min_row=2) if r[1].value == "a1")
    assert a1[0].value == "Sở, ban, ngành"
    assert a1[index - 1].value == 0.76 and a1[index - 1].number_format == "0.0000"
    assert a1[3].data_type == "n" and a1[3].number_format == "#,##0.00"
    rows = {(r[1].value, r[2].value): r for r in indicators.iter_rows(min_row=2)}
    r = rows[("a1", "R")]
    assert [c.value for c in indicators[1]][3:7] == (
        ["Trạng thái", "Giá trị tự đánh giá", "Giá trị thẩm định", "Giá trị dùng để tính"] if lang == "vi"
        else ["Status", "Self-assessed value", "Appraised value", "Value used"])
    assert r[4].value == 0.6 and r[4].data_type == "n"  # "60%" in the CSV
    assert rows[("a1", "T")][6].value == 3
    assert rows[("a1", "C")][6].value == "Phó Chủ tịch"
    assert rows[("a3", "C")][3].value == ("thiếu số liệu" if lang == "vi" else "missing")
    source = [c.value for c in indicators[1]].index("Nguồn của giá trị" if lang == "vi" else "Source of the value")
    assert r[source].value == ("tự đánh giá" if lang == "vi" else "self-assessed")
    assert rows[("a1", "K.2")][source].value == ("thẩm định" if lang == "vi" else "appraised")  # the council's
    assert str(results.page_setup.paperSize) == "9" and results.print_title_rows == "$1:$1"  # A4


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [-3.5, -2, "-2.5", "abc", "Sở Một", 0])
def test_numbers_and_plain_text_are_kept(value: str | float) -> None:
    assert neutralise(value) == value


def test_a_formula_in_a_unit_name_is_inert_in_csv_and_workbook(make_case: CaseWriter, tmp_path: Path) -> None:
    units = [(u, "=cmd|'/c calc'!A1" if u == "a1" else n, g, t, p) for u, n, g, t, p in TINY_UNITS]
    criteria_path, folder = make_case(units=units)
    write(build(*load(criteria_path, folder)), tmp_path / "out", {})
    assert "'=cmd|'/c calc'!A1" in (tmp_path / "out" / "results.csv").read_text(encoding="utf-8")
    ws = load_workbook(tmp_path / "out" / "results.xlsx")["Kết quả"]
    names = [c.value for c in ws["C"]]
    assert "'=cmd|'/c calc'!A1" in names
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_failed_write_leaves_earlier_outputs_untouched(tiny: Ranking, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(tiny, out, {})
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(RuntimeError, match="disk full"), staged_output(out) as stage:
        (stage / "results.csv").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["criteria.yaml", "inputs", "out"]  # no stage left


@pytest.mark.parametrize("name", ["../evil", "..", "a/b", "/etc/passwd", ""])
def test_unit_ids_never_become_paths_outside_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="unsafe file name"):
        inside(tmp_path, name, ".pdf")
    assert inside(tmp_path, "so-noi-vu", ".pdf") == (tmp_path / "so-noi-vu.pdf").resolve()


def test_workbook_of_the_sample_says_it_is_sample_data(tmp_path: Path) -> None:
    ranking = Sample("2025").ranking()
    write(ranking, tmp_path, {})
    sheet = load_workbook(tmp_path / "results.xlsx", read_only=True)["Thông tin lần chạy"]
    about = dict(sheet.iter_rows(min_row=2, values_only=True))
    assert str(about["Dữ liệu mẫu"]).startswith("Dữ liệu mẫu tổng hợp")
    assert about["SHA-256 của bộ chỉ số"] == ranking.criteria.sha256


@pytest.mark.parametrize(("epoch", "stamp"), [(None, "2000-01-01T00:00:00Z"), ("1767225600", "2026-01-01T00:00:00Z")])
def test_workbook_carries_no_clock(tiny: Ranking, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   epoch: str | None, stamp: str) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    write(tiny, tmp_path, {})
    with zipfile.ZipFile(tmp_path / "results.xlsx") as z:
        core = z.read("docProps/core.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>' in core
    assert f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>' in core
