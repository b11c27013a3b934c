"""Council indicators are the council's (README, "The rules", `council`): a unit's own value is its proposal, shown with
its self-assessed points and never scored in the final index; without the council's value the indicator
awaits the council, scores 0 and is listed by validate, run and collect --appraisal."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ranking.cli import main
from ranking.collect import collect
from ranking.criteria import load_criteria
from ranking.forms import APPRAISAL, write_council_forms
from ranking.inputs import load_inputs
from ranking.ranking import rank
from ranking.scoring import IndicatorScore, Scores, score
from tests.conftest import TINY_APPRAISAL, TINY_SELF, CaseWriter
from tests.formkit import entries, fill

# Only a1's K.2 appraised (5); a2 proposed 10 and a3 proposed 4, and the council has not scored them yet.
ONLY_A1 = TINY_APPRAISAL[:1]


def scores(make_case: CaseWriter, appraisal: list[tuple[str, ...]] | None = ONLY_A1) -> Scores:
    criteria_path, folder = make_case(appraisal=appraisal)
    criteria = load_criteria(criteria_path)
    return score(criteria, load_inputs(criteria, folder))


def line(s: Scores, unit: str, indicator: str) -> IndicatorScore:
    return next(i for i in s.indicators if (i.unit, i.indicator) == (unit, indicator))


def test_an_unscored_council_indicator_awaits_the_council_and_scores_zero(make_case: CaseWriter) -> None:
    s = scores(make_case)
    # by hand: a2 = 75 − its proposed 10 = 65 of 100; a3 = 29 − its proposed 4 = 25 of 90; a1 unchanged
    got = {u.unit: (round(u.points, 9), u.max_points) for u in s.units if u.group == "A"}
    assert got == {"a1": (76, 100), "a2": (65, 100), "a3": (25, 90)}
    a2 = line(s, "a2", "K.2")
    assert (a2.status, a2.self_value, a2.self_points, a2.appraised_value, a2.value, a2.points, a2.max_points,
            a2.source) == ("pending", "10", 10, "", "", 0, 10, "")
    a1 = line(s, "a1", "K.2")
    assert (a1.status, a1.self_value, a1.self_points, a1.value, a1.points, a1.source) == (
        "ok", "7", 7, "5", 5, "appraised")
    # the proposal counts in the self-assessed score (self versus appraised), never in the final one
    a2_unit = next(u for u in s.units if u.unit == "a2")
    assert (a2_unit.self_points, a2_unit.points) == (75, 65)
    assert a2_unit.pillar_index("P2") == pytest.approx(25 / 50)


def test_without_any_appraisal_every_council_indicator_is_pending(make_case: CaseWriter) -> None:
    s = scores(make_case, appraisal=None)
    assert {(i.unit, i.status, i.points) for i in s.indicators if i.indicator == "K.2"} == {
        ("a1", "pending", 0), ("a2", "pending", 0), ("a3", "pending", 0)}
    assert {i.source for i in s.indicators if i.status == "ok"} == {"self"}


def test_a_council_score_of_zero_is_a_score_not_a_pending(make_case: CaseWriter) -> None:
    s = scores(make_case, appraisal=[*ONLY_A1, ("a2", "K.2", "0", "", "Hội đồng: không có minh chứng")])
    assert (line(s, "a2", "K.2").status, line(s, "a2", "K.2").points) == ("ok", 0)
    assert line(s, "a3", "K.2").status == "pending"


def test_a_pending_indicator_without_a_proposal_is_pending_not_missing(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case(self_rows=[r for r in TINY_SELF if (r[0], r[1]) != ("a3", "K.2")],
                                      appraisal=ONLY_A1)
    criteria = load_criteria(criteria_path)
    got = line(score(criteria, load_inputs(criteria, folder)), "a3", "K.2")
    assert (got.status, got.self_value, got.self_points, got.points) == ("pending", "", 0, 0)


def test_load_inputs_warns_once_per_unit_and_indicator(make_case: CaseWriter) -> None:
    criteria_path, folder = make_case(appraisal=ONLY_A1)
    criteria = load_criteria(criteria_path)
    warnings = [w for w in load_inputs(criteria, folder).warnings if w.reason == "council_pending"]
    assert [(w.params["unit"], w.params["indicator"], w.severity) for w in warnings] == [
        ("a2", "K.2", "warning"), ("a3", "K.2", "warning")]
    assert warnings[0].message() == (
        f"{folder / 'appraisal.csv'}: cảnh báo: đơn vị 'a2' (Sở Hai), chỉ số 'K.2': chờ Hội đồng chấm — chỉ số do "
        "Hội đồng thẩm định chấm điểm, chưa có điểm của Hội đồng nên được tính 0 điểm")
    assert warnings[1].message("en") == (
        f"{folder / 'appraisal.csv'}: warning: unit 'a3' (Sở Ba), indicator 'K.2': awaiting the council — the "
        "appraisal council scores this indicator and has not yet, so it scores 0")
    criteria_path, folder = make_case(appraisal=TINY_APPRAISAL)
    assert not [w for w in load_inputs(criteria, folder).warnings if w.reason == "council_pending"]


def test_validate_lists_the_pending_indicators(make_case: CaseWriter, capsys: pytest.CaptureFixture[str]) -> None:
    criteria_path, folder = make_case(appraisal=ONLY_A1)
    assert main(["validate", "--criteria", str(criteria_path), "--inputs", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    pending = [p for p in report["problems"] if p["reason"] == "council_pending"]
    assert [(p["severity"], p["message"].split("đơn vị ")[1][:4]) for p in pending] == [
        ("warning", "'a2'"), ("warning", "'a3'")]


def test_rank_prints_the_pending_on_stderr_and_writes_the_status(make_case: CaseWriter, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    criteria_path, folder = make_case(appraisal=ONLY_A1)
    out = tmp_path / "out"
    assert main(["rank", "--criteria", str(criteria_path), "--inputs", str(folder), "--out", str(out),
                 "--lang", "en", "--stage", "draft"]) == 0  # a final rank refuses while a council score is missing
    err = capsys.readouterr().err
    assert "unit 'a2' (Sở Hai), indicator 'K.2': awaiting the council" in err
    assert "unit 'a3' (Sở Ba), indicator 'K.2': awaiting the council" in err
    with (out / "indicator_scores.csv").open(encoding="utf-8") as f:
        rows = {(r["unit"], r["indicator"]): r for r in csv.DictReader(f)}
    assert {k: rows["a2", "K.2"][k] for k in ("status", "self_value", "value", "self_points", "points")} == {
        "status": "pending", "self_value": "10", "value": "", "self_points": "10", "points": "0"}
    with (out / "results.csv").open(encoding="utf-8") as f:
        results = {r["unit"]: r for r in csv.DictReader(f)}
    assert (results["a2"]["points"], results["a2"]["self_points"], results["a2"]["index"]) == ("65", "75", "0.65")


def test_council_workbook_marks_the_rows_the_council_must_fill(make_case: CaseWriter, tmp_path: Path) -> None:
    criteria_path, folder = make_case(appraisal=None)
    criteria = load_criteria(criteria_path)
    (path, _) = write_council_forms(criteria, load_inputs(criteria, folder), tmp_path / "council")
    ws = load_workbook(path)["Thẩm định"]
    task = APPRAISAL.width
    assert ws.cell(6, task).value == "Việc của Hội đồng"
    marked = {(ws.cell(r, 1).value, ws.cell(r, 3).value): ws.cell(r, task).value for r in range(7, ws.max_row + 1)}
    assert {k: v for k, v in marked.items() if v} == {
        (u, "K.2"): "Hội đồng phải chấm điểm (bắt buộc)" for u in ("a1", "a2", "a3")}
    fills = {ws.cell(r, 3).value: ws.cell(r, APPRAISAL.value).fill.start_color.rgb for r in range(7, 15)}
    assert fills["K.2"] != fills["Y"]
    assert ws.cell(7, task).value is None


def test_collect_appraisal_lists_the_blank_council_rows(make_case: CaseWriter, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    criteria_path, folder = make_case(appraisal=None)
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder)
    council = write_council_forms(criteria, inputs, tmp_path / "council")
    fill(council[0], entries([("a1", "K.2", "5", "", "Hội đồng: minh chứng chưa đầy đủ")]), "appraisal")
    result = collect(criteria, inputs.units, council, "appraisal")
    assert result.errors == ()
    pending = [p for p in result.problems if p.reason == "council_pending"]
    assert [(p.params["unit"], p.cell) for p in pending] == [("a2", "I22"), ("a3", "I29")]
    out = folder / "appraisal.csv"
    assert main(["collect", "--appraisal", "--criteria", str(criteria_path), "--units", str(folder / "units.csv"),
                 str(tmp_path / "council"), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "ô I22: cảnh báo: đơn vị 'a2' (Sở Hai), chỉ số 'K.2': chờ Hội đồng chấm" in err
    assert "ô I29: cảnh báo: đơn vị 'a3' (Sở Ba), chỉ số 'K.2': chờ Hội đồng chấm" in err
    ranked = rank(score(criteria, load_inputs(criteria, folder)))
    assert {i.unit for i in ranked.indicators if i.status == "pending"} == {"a2", "a3"}
