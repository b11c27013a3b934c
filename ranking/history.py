"""Year over year: each unit compared with its standing in the previous edition's results.csv, through
its predecessors. A merged unit is compared with the plain mean of its predecessors' values (the practice
of the national index after the 2025 mergers), for the index and for every pillar that both editions share
by id; a rank change is only meaningful with exactly one predecessor in the same group, so only then is
the previous rank carried."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ranking import csvio
from ranking.contracts import RESULTS
from ranking.csvio import read_bytes, read_csv
from ranking.errors import DataError, Problem, Problems
from ranking.inputs import Unit
from ranking.ranking import Previous, Ranking
from ranking.syntax import NUMBER

REQUIRED_COLUMNS = RESULTS.pick("group", "unit", "index", "rank")


@dataclass(frozen=True)
class PreviousRow:
    """One unit of the previous edition, as its results.csv has it."""

    group: str
    unit: str
    index: float
    rank: int
    line: int
    pillars: Mapping[str, float] = field(default_factory=dict)
    """The `pillar:ID` columns that hold a value."""


@dataclass(frozen=True)
class PreviousResults:
    file: str
    sha256: str
    rows: Mapping[str, PreviousRow]


def default_previous(out: Path, edition: int) -> Path | None:
    """reports/<edition-1>/results.csv next to the output folder, when it exists."""
    candidate = out.parent / str(edition - 1) / "results.csv"
    return candidate if candidate.is_file() else None


def _row(file: str, line: int, row: Mapping[str, str], problems: Problems) -> PreviousRow | None:
    found = len(problems.items)
    for column in REQUIRED_COLUMNS:
        if not row[column]:
            problems.add(Problem(file, "empty_field", {"column": column}, line=line, column=column))
    index, rank = row["index"], row["rank"]
    if index and not NUMBER.match(index):
        problems.add(Problem(file, "not_number", {"found": index}, line=line, column="index"))
    if rank and not (rank.isdigit() and int(rank) >= 1):
        problems.add(Problem(file, "bad_rank", {"found": rank}, line=line, column="rank"))
    pillars = {column: text for column, text in row.items() if column.startswith(RESULTS.more) and text}
    for column, text in pillars.items():
        if not NUMBER.match(text):
            problems.add(Problem(file, "not_number", {"found": text}, line=line, column=column))
    if len(problems.items) > found:
        return None
    return PreviousRow(row["group"], row["unit"], float(index), int(rank), line,
                       {column.removeprefix(RESULTS.more): float(text) for column, text in pillars.items()})


def read_previous(path: Path) -> PreviousResults:
    """The previous edition's results.csv (the columns it needs, any others ignored); every problem at once."""
    file = str(path)
    problems = Problems()
    data = read_bytes(path, problems, csvio.MAX_CSV_BYTES)  # read once: the hash published is of what is parsed
    if data is None:
        raise DataError(problems.errors)
    rows: dict[str, PreviousRow] = {}
    for line, row in read_csv(path, REQUIRED_COLUMNS, problems, missing="previous_columns", data=data):
        parsed = _row(file, line, row, problems)
        if parsed is None:
            continue
        if parsed.unit in rows:
            problems.add(Problem(file, "duplicate_unit", {"found": parsed.unit, "accepted": rows[parsed.unit].line},
                                 line=line, column="unit"))
            continue
        rows[parsed.unit] = parsed
    problems.raise_if_errors(DataError)
    return PreviousResults(file, hashlib.sha256(data).hexdigest(), rows)


def predecessors(unit: Unit, previous: PreviousResults) -> tuple[str, ...]:
    """The listed predecessors; a unit that lists none but kept its id and its group continues itself (a
    ward that shares a former district's id is new, not that district)."""
    if unit.predecessors:
        return unit.predecessors
    same = previous.rows.get(unit.id)
    return (unit.id,) if same is not None and same.group == unit.group else ()


def lineage(unit: Unit, previous: PreviousResults, pillar_ids: Sequence[str] = ()) -> Previous:
    """The unit's Previous: same (one predecessor in the same group, with its rank), merged (the plain mean
    of the predecessors' values, no rank) or new. The index, and each of `pillar_ids` (the pillars of the
    unit's group) that every predecessor has a value for, are compared. Predecessors must all be in the
    previous results."""
    ids = predecessors(unit, previous)
    if not ids:
        return Previous("new")
    rows = [previous.rows[i] for i in ids]
    index = sum(r.index for r in rows) / len(rows)
    pillars = {p: sum(r.pillars[p] for r in rows) / len(rows) for p in pillar_ids
               if all(p in r.pillars for r in rows)}
    if len(rows) == 1 and rows[0].group == unit.group:
        return Previous("same", index, rows[0].rank, ids, pillars)
    return Previous("merged", index, None, ids, pillars)


def compare(ranking: Ranking, previous: PreviousResults) -> Ranking:
    """A new Ranking whose units carry their Previous; a predecessor missing from the previous results is
    an error (the comparison would silently average fewer units)."""
    units = {u.id: u for u in ranking.inputs.units}
    problems = Problems()
    for unit in ranking.inputs.units:
        for pid in unit.predecessors:
            if pid not in previous.rows:
                problems.add(Problem(str(Path(ranking.inputs.folder) / "units.csv"), "predecessor_unknown",
                                     {"found": pid, "accepted": previous.file, "unit": unit.id},
                                     line=unit.line or None, column="predecessors"))
    problems.raise_if_errors(DataError)
    # the previous results are an input of this run: their hash goes with the others (run.json, colophon)
    inputs = replace(ranking.inputs, files={**ranking.inputs.files, previous.file: previous.sha256})
    pillar_ids = {g.id: [p.id for p in g.pillars] for g in ranking.criteria.groups}
    return replace(ranking, inputs=inputs, units=tuple(
        replace(u, previous=lineage(units[u.score.unit], previous, pillar_ids[u.score.group])) for u in ranking.units))

