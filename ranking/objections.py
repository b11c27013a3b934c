"""Objections (kiến nghị) to the draft ranking and the department's answers: the register
(`objections.csv`), its checks, what a final run must refuse or warn about, and what each objection changed.

Between the draft and the final ranking each unit may contest indicators of its breakdown; the department,
with the appraisal council, decides each objection (accepted, partly, rejected) and answers it. The register
is an input like the others (validated, hashed, published), so that the published ranking keeps the books:
who asked what, what was decided and why, and what moved because of it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ranking.contracts import INDICATOR_SCORES, OBJECTIONS, RESULTS
from ranking.criteria import Criteria
from ranking.csvio import file_problem, read_csv
from ranking.diff import Tables, shared_ranks, tables_from
from ranking.errors import DataError, Problem, Problems
from ranking.inputs import DECISIONS, Key, Objection
from ranking.ranking import Ranking
from ranking.scoring import IndicatorScore

RUN_TABLES = ("run.json", "results.csv", "indicator_scores.csv")


# --- the final run -----------------------------------------------------------------------------------
def undecided(objections: Iterable[Objection], file: str) -> list[Problem]:
    """A final run refuses while an objection has no decision: one error per objection, with its line."""
    return [Problem(file, "objection_undecided", {"found": o.id, "unit": o.unit, "indicator": o.indicator},
                    line=o.line, column="decision") for o in objections if not o.decision]


@dataclass(frozen=True)
class DraftRow:
    """An indicator of a unit as the draft published it."""

    value: str
    points: float
    status: str


@dataclass(frozen=True)
class DraftUnit:
    name: str
    group: str
    points: float
    rank: int


@dataclass(frozen=True)
class Draft:
    """An earlier run read back from its folder: its identity and the tables the objections refer to."""

    folder: str
    stage: str
    run_sha256: str
    """SHA-256 of the draft's run.json: what an objection form records to tell one draft from another."""
    units: Mapping[str, DraftUnit]
    rows: Mapping[Key, DraftRow]
    self_values: Mapping[Key, str]
    appraised_values: Mapping[Key, str]
    max_points: Mapping[Key, float]
    self_points: Mapping[Key, float]
    tables: Tables
    """Its results and indicator scores as `dti diff` compares them (read with the rest, once)."""


def read_draft(folder: Path, criteria: Criteria, objections: bool = False) -> Draft:
    """A run's folder (run.json and its tables) of the same criteria (id, edition and file); DataError lists
    what does not fit. Objection forms are made from, and collected against, a draft (`objections`): a final
    run is refused there."""
    problems = Problems()
    for name in RUN_TABLES:
        if (problem := file_problem(folder / name)) is not None:
            problems.add(problem)
    problems.raise_if_errors(DataError)
    raw = (folder / "run.json").read_bytes()
    record: object
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError([Problem(str(folder / "run.json"), "run_json", {"detail": str(exc)})]) from None
    made = record.get("criteria") if isinstance(record, dict) else None
    if not isinstance(record, dict) or not isinstance(made, dict):
        raise DataError([Problem(str(folder / "run.json"), "run_json", {"detail": "criteria"})])
    if (made.get("id"), made.get("edition"), made.get("sha256")) != (criteria.id, criteria.edition, criteria.sha256):
        raise DataError([Problem(str(folder / "run.json"), "draft_other_criteria",
                                 {"found": f"{made.get('id')} {made.get('edition')} ({str(made.get('sha256'))[:12]})",
                                  "accepted": f"{criteria.id} {criteria.edition} ({criteria.sha256[:12]})"})])
    if objections and record.get("stage") != "draft":
        raise DataError([Problem(str(folder), "draft_not_draft", {"found": str(record.get("stage"))})])
    units: dict[str, DraftUnit] = {}
    needed = RESULTS.pick("unit", "name", "group", "points", "rank", "index")
    results = list(read_csv(folder / RESULTS.file, needed, problems, missing="run_columns"))
    for line, row in results:
        try:
            units[row["unit"]] = DraftUnit(row["name"], row["group"], float(row["points"]), int(row["rank"]))
        except ValueError:
            problems.add(Problem(str(folder / RESULTS.file), "run_columns", {"missing": "points, rank"}, line=line))
    rows: dict[Key, DraftRow] = {}
    own: dict[Key, str] = {}
    appraised: dict[Key, str] = {}
    maxima: dict[Key, float] = {}
    self_points: dict[Key, float] = {}
    scores = folder / INDICATOR_SCORES.file
    needed = INDICATOR_SCORES.pick("group", "unit", "indicator", "value", "points", "status", "max_points",
                                   "self_points", "self_value", "appraised_value")
    lines = list(read_csv(scores, needed, problems, missing="run_columns"))
    for line, row in lines:
        key = (row["unit"], row["indicator"])
        try:
            rows[key] = DraftRow(row["value"], float(row["points"]), row["status"])
            maxima[key] = float(row["max_points"])
            self_points[key] = float(row["self_points"] or 0)
        except ValueError:
            problems.add(Problem(str(scores), "run_columns", {"missing": "value, points, max_points"}, line=line))
            continue
        own[key], appraised[key] = row["self_value"], row["appraised_value"]
    tables = tables_from((str(folder / RESULTS.file), results), (str(scores), lines), (), problems)
    problems.raise_if_errors(DataError)
    return Draft(folder.name, str(record.get("stage", "")), hashlib.sha256(raw).hexdigest(), units, rows, own,
                 appraised, maxima, self_points, tables)


def book_warnings(objections: Sequence[Objection], draft: Draft | None, scores: Iterable[IndicatorScore],
                  file: str) -> list[Problem]:
    """What a final run warns about, so that the books balance: an accepted objection whose indicator's value
    is what the draft had, and a value that changed since the draft with neither an objection nor a council
    note to explain it. Both need the draft (`--draft`); without it there is nothing to compare."""
    if draft is None:
        return []
    now = {(s.unit, s.indicator): s for s in scores}
    contested = {(o.unit, o.indicator) for o in objections}
    warnings = [Problem(file, "objection_unchanged", {"found": o.id, "unit": o.unit, "indicator": o.indicator,
                                                      "value": before.value or "—"}, line=o.line, severity="warning")
                for o in objections if o.decision == "accepted"
                and (before := draft.rows.get((o.unit, o.indicator))) is not None
                and (score := now.get((o.unit, o.indicator))) is not None and score.value == before.value]
    for key, before in draft.rows.items():
        score = now.get(key)
        value = score.value if score is not None else ""
        if value != before.value and key not in contested and not (score is not None and score.note):
            warnings.append(Problem(draft.folder, "draft_change_unexplained", {
                "unit": key[0], "indicator": key[1], "found": before.value or "—", "accepted": value or "—"},
                severity="warning"))
    return warnings


def decided(path: Path) -> list[Problem]:
    """A register whose decisions a new collect would lose: refused as the output of `collect --objections`."""
    if file_problem(path) is not None:
        return []
    problems = Problems()
    n = sum(1 for _, row in read_csv(path, OBJECTIONS.names, problems) if row["decision"])
    return [Problem(str(path), "objections_decided", {"found": n})] if n else []


# --- what each objection changed, for the publication, the breakdowns and the site ---------------------
@dataclass(frozen=True)
class Outcome:
    """One objection with what it changed: the indicator's value and points, and the unit's points and rank,
    in the draft (None without one) and in this run."""

    objection: Objection
    group: str
    name: str
    """The unit's name."""
    title: str
    """The indicator's title."""
    old_value: str | None
    new_value: str
    old_points: float | None
    new_points: float
    old_unit_points: float | None
    new_unit_points: float
    old_rank: int | None
    new_rank: int
    old_tied: bool = False
    new_tied: bool = False
    """The rank is shared with another unit of the group in the draft, in this run (printed '15=')."""


def outcomes(ranking: Ranking, draft: Draft | None) -> tuple[Outcome, ...]:
    """Every objection of the run's register, in register order, with what changed since `draft`."""
    units = {u.score.unit: u for u in ranking.units}
    scores = {(s.unit, s.indicator): s for s in ranking.indicators}
    titles = {(g.id, n.id): n.title for g in ranking.criteria.groups for n in g.nodes()}
    tied_now = shared_ranks((u.score.group, u.rank) for u in ranking.units)
    tied_then = shared_ranks((u.group, u.rank) for u in draft.units.values()) if draft is not None else set()
    found: list[Outcome] = []
    for o in ranking.inputs.objections:
        unit, score = units[o.unit], scores[(o.unit, o.indicator)]
        before = draft.rows.get((o.unit, o.indicator)) if draft is not None else None
        was = draft.units.get(o.unit) if draft is not None else None
        found.append(Outcome(o, unit.score.group, unit.score.name, titles[(unit.score.group, o.indicator)],
                             before.value if before else None, score.value, before.points if before else None,
                             score.points, was.points if was else None, unit.score.points,
                             was.rank if was else None, unit.rank,
                             was is not None and (was.group, was.rank) in tied_then,
                             (unit.score.group, unit.rank) in tied_now))
    return tuple(found)


@dataclass(frozen=True)
class Tally:
    """How many objections a group's units raised, by decision, and how many came late."""

    group: str
    accepted: int
    partly: int
    rejected: int
    undecided: int
    late: int

    @property
    def total(self) -> int:
        return self.accepted + self.partly + self.rejected + self.undecided


def tallies(ranking: Ranking) -> tuple[Tally, ...]:
    """Per group (in the criteria's order), the objections by decision: the publication's summary."""
    group_of = {u.score.unit: u.score.group for u in ranking.units}
    found = []
    for group in ranking.criteria.groups:
        mine = [o for o in ranking.inputs.objections if group_of.get(o.unit) == group.id]
        if mine:
            accepted, partly, rejected, undecided = (sum(o.decision == d for o in mine) for d in (*DECISIONS, ""))
            found.append(Tally(group.id, accepted, partly, rejected, undecided, sum(o.late for o in mine)))
    return tuple(found)
