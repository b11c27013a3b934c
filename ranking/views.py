"""What every output shows, built once per run: the presentation model that the PDF templates and the web
site's templates both display. Every figure a person reads is formatted here, by the one formatter of the
language (i18n.Words), so that a rank, an index or a value reads the same in the publication, a breakdown
and a web page; the templates only lay it out.

Group pages are made at once (the rankings, their legends and charts); a unit's page is made when a renderer
asks for it (`Presentation.page`), so that the PDF stage holds a few pages at a time however many units
there are."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import jinja2
from markupsafe import Markup

from ranking import __version__, charts
from ranking.clock import report_date
from ranking.criteria import (
    Band,
    Best,
    Choice,
    Composite,
    Council,
    Criteria,
    Deadline,
    Group,
    Indicator,
    MinMax,
    Node,
    Penalty,
    YesNo,
)
from ranking.errors import Lang
from ranking.i18n import Words, day_text, describe_node, measurement_note, shown_points
from ranking.inputs import NO, YES, Inputs
from ranking.objections import Draft, Outcome, outcomes, tallies
from ranking.ranking import TIE_TOLERANCE, Ranking, UnitResult, firm_limit
from ranking.register import Progress, Task, by_unit, progress
from ranking.scoring import IndicatorScore
from ranking.tables import criteria_name, provenance
from ranking.words import DECISION, METHODS, OPTION_VALUES, OPTIONS, STATUS, STATUS_SHORT, TASK_STATE

if TYPE_CHECKING:
    from ranking.diff import RunDiff

SHARED = Path(__file__).resolve().parent / "templates" / "shared"
CHART_ROWS = 20  # rows per chart piece: a long group's chart is cut into pieces that flow over pages
PILLAR_DECIMALS = 3  # pillar indices as the tables show them
NAMED = 6  # a list of leaders names up to this many tied units; beyond, it names `n` and counts the rest
EXTRA_DIGITS = 9  # the most decimals shown to tell two ranks apart
HEAT_STEPS = 5  # pillar cells take one of five background shades (classes h0–h4)
T = TypeVar("T")
COUNCIL_PREFIX = re.compile(r"^\s*(hội đồng( thẩm định)?|(the )?(appraisal )?council)\s*:\s*", re.IGNORECASE)


# --- a group's statistics ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One name in a list of leaders or trailers; `tied`: another unit of the group shows the same value."""

    unit: UnitResult
    value: float
    tied: bool


@dataclass(frozen=True)
class Podium:
    """Leaders or trailers: the first n, and every unit tied with the one at the edge of the list (named up
    to NAMED; beyond that the first n are named and `more` counts the others, tied at `edge`)."""

    entries: tuple[Entry, ...]
    more: int = 0
    edge: float | None = None
    covered: frozenset[str] = frozenset()
    """Every unit the list stands for, named or counted."""


def podium(items: Sequence[tuple[UnitResult, float]], n: int, same: Callable[[float, float], bool],
           exclude: frozenset[str] = frozenset()) -> Podium:
    """The first n of `items` (best first for leaders, worst first for trailers) and all tied at the edge."""
    pool = [(u, x) for u, x in items if u.score.unit not in exclude]
    if not pool or n <= 0:
        return Podium(())
    k = min(n, len(pool))
    edge = pool[k - 1][1]
    while k < len(pool) and same(pool[k][1], edge):
        k += 1
    values = [x for _, x in items]

    def entry(u: UnitResult, x: float) -> Entry:
        return Entry(u, x, sum(same(x, y) for y in values) > 1)

    covered = frozenset(u.score.unit for u, _ in pool[:k])
    if k <= max(NAMED, n):
        return Podium(tuple(entry(u, x) for u, x in pool[:k]), covered=covered)
    return Podium(tuple(entry(u, x) for u, x in pool[:n]), k - n, edge, covered)


def shown_equal(decimals: int) -> Callable[[float, float], bool]:
    """Two values a reader sees as equal: the same text at `decimals` places."""
    return lambda a, b: f"{a:.{decimals}f}" == f"{b:.{decimals}f}"


def tied_rank(a: float, b: float) -> bool:
    return abs(a - b) < TIE_TOLERANCE


@dataclass(frozen=True)
class PillarStats:
    id: str
    title: str
    mean: float | None
    best: float | None
    leaders: Podium
    trailers: Podium


@dataclass(frozen=True)
class GroupView:
    """A group's units in rank order and their statistics (the numbers; GroupPage holds their text)."""

    group: Group
    units: tuple[UnitResult, ...]
    mean: float
    sd: float
    low: float
    high: float
    tied: frozenset[int]
    pillars: tuple[PillarStats, ...]
    has_previous: bool
    has_robustness: bool
    loose: tuple[UnitResult, ...]
    """Units whose rank is not firm under the robustness analysis."""
    top: Podium
    bottom: Podium
    digits: Mapping[str, int]
    """Decimals of each unit's index as shown: the published ones, or more where two ranks would look equal."""
    published: int

    def rank_label(self, u: UnitResult) -> str:
        """'15=' where the rank is shared."""
        return f"{u.rank}=" if u.rank in self.tied else str(u.rank)

    def decimals(self, u: UnitResult) -> int:
        return self.digits.get(u.score.unit, self.published)

    @property
    def split(self) -> bool:
        """Some index needs more than the published decimals to show why its rank differs."""
        return any(d > self.published for d in self.digits.values())

    @property
    def applies(self) -> bool:
        """Some pillar does not apply to some unit (the table's '—')."""
        return any(p.index is None for u in self.units for p in u.score.pillars)


def index_digits(units: Sequence[UnitResult], decimals: int) -> dict[str, int]:
    """Per unit, the fewest decimals (at least the published ones) at which its index differs from the
    index of every unit of another rank: the ranking uses the unrounded index, and readers compare what
    they see."""
    out: dict[str, int] = {}
    pending = list(units)
    for d in range(decimals, EXTRA_DIGITS):  # each unit's first d at which no other rank looks the same
        ranks: dict[str, set[int]] = {}  # shown text → the ranks that show it (linear, for 3,321 communes)
        for v in units:
            ranks.setdefault(f"{v.score.index:.{d}f}", set()).add(v.rank)
        out.update((u.score.unit, d) for u in pending if len(ranks[f"{u.score.index:.{d}f}"]) == 1)
        pending = [u for u in pending if u.score.unit not in out]
    out.update((u.score.unit, max(decimals, EXTRA_DIGITS)) for u in pending)
    return out


def group_view(ranking: Ranking, group: Group, n: int = 3) -> GroupView:
    units = ranking.group(group.id)
    values = [u.score.index for u in units]
    mean = sum(values) / len(values) if values else 0.0
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) if values else 0.0
    counts: dict[int, int] = {}
    for u in units:
        counts[u.rank] = counts.get(u.rank, 0) + 1
    pillars = []
    same = shown_equal(PILLAR_DECIMALS)
    for pillar in group.pillars:
        scored = sorted(((u, i) for u in units if (i := u.score.pillar_index(pillar.id)) is not None),
                        key=lambda pair: (-pair[1], pair[0].score.unit))
        indices = [i for _, i in scored]
        leaders = podium(scored, n, same)
        trailers = podium(list(reversed(scored)), n, same, leaders.covered)
        pillars.append(PillarStats(pillar.id, pillar.title, sum(indices) / len(indices) if indices else None,
                                   max(indices, default=None), leaders, trailers))
    by_index = [(u, u.score.index) for u in units]
    top = podium(by_index, n, tied_rank)
    bottom = podium(list(reversed(by_index)), n, tied_rank, top.covered)
    bottom = dataclasses.replace(bottom, entries=tuple(reversed(bottom.entries)))
    return GroupView(
        group, units, mean, sd, min(values, default=0.0), max(values, default=0.0),
        frozenset(r for r, c in counts.items() if c > 1), tuple(pillars),
        any(u.previous is not None for u in units), any(u.robustness is not None for u in units),
        tuple(u for u in units if u.robustness is not None and not u.robustness.is_firm(u.group_size)),
        top, bottom, index_digits(units, ranking.criteria.decimals), ranking.criteria.decimals)


# --- the text of a group ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """A figure as shown, with its colour (a CSS class for the site, a colour for the PDF) and the key the
    site's script sorts it by ('' sorts last)."""

    text: str
    css: str = ""
    colour: str = ""
    sort: str = ""


@dataclass(frozen=True)
class Change:
    """A unit's move since the previous edition: 'up', 'down', 'same', 'new' or 'merged'; `steps` ranks."""

    kind: str
    steps: int
    words: str
    index: Cell


@dataclass(frozen=True)
class RankRow:
    unit: str
    name: str
    rank: str
    rank_sort: str
    index: Cell
    band: Cell
    pillars: tuple[Cell, ...]
    change: Change | None
    interval: Cell
    loose: bool
    """The rank is not firm under the robustness analysis."""


@dataclass(frozen=True)
class Key:
    """One entry of a legend: a colour and what it stands for."""

    css: str
    colour: str
    text: str


@dataclass(frozen=True)
class Named:
    """A unit named in a list of leaders or trailers, with its rank label where the list shows one."""

    rank: str
    name: str
    value: str
    tied: bool


@dataclass(frozen=True)
class PillarLine:
    """A pillar across the group: its mean, its leaders and its trailers (the publication's 'by pillar')."""

    id: str
    title: str
    mean: str
    leaders: tuple[Named, ...]
    leaders_more: str
    trailers: tuple[Named, ...]
    trailers_more: str


@dataclass(frozen=True)
class GroupPage:
    """Everything the publication and the site's index show of one group."""

    id: str
    title: str
    view: GroupView
    count: str
    summary: tuple[str, str, str, str]
    """Mean, standard deviation, lowest and highest index."""
    pillars: tuple[tuple[str, str], ...]
    """(id, title) of each pillar: the table's columns and the legend."""
    widths: tuple[str, ...]
    """The PDF's column widths of the ranking table ('' takes what is left)."""
    rows: tuple[RankRow, ...]
    top: tuple[Named, ...]
    top_more: str
    bottom: tuple[Named, ...]
    bottom_more: str
    by_pillar: tuple[PillarLine, ...]
    bands: tuple[Key, ...]
    """The group's own bands, or the file's (criteria.bands_of)."""
    band_labels: tuple[str, ...]
    heat: tuple[Key, ...]
    has_previous: bool
    has_robustness: bool
    applies: bool
    split: str
    """The note on extra decimals ('' when no index needs them)."""
    firmness: str
    """The group's robustness in one sentence: every rank firm, or which are not ('' without the analysis)."""
    firm_limit: str
    single: str
    """Why the group has no robustness analysis: it has one pillar ('' otherwise, or without the analysis)."""
    draws: str
    """How many times the robustness analysis recomputed the ranking."""
    loose: tuple[str, ...]
    """'Name: rank 15, from rank 12 to rank 19' for each unit whose rank is not firm."""
    bars: tuple[Markup, ...]
    intervals: tuple[Markup, ...]
    tasks: TasksTable | None
    """The group's tasks on the day of the register, where the year has one."""


# --- the year's tasks ----------------------------------------------------------------------------------------
TASK_COLUMNS = ("tasks.assigned", "tasks.due", "tasks.on_time", "tasks.late", "tasks.overdue", "tasks.soon")


@dataclass(frozen=True)
class TaskCounts:
    name: str
    counts: tuple[str, ...]


@dataclass(frozen=True)
class Overdue:
    name: str
    task: str
    title: str
    deadline: str
    days: str


@dataclass(frozen=True)
class TasksTable:
    """A group's units and their tasks on a day (`dti tasks` and the site's task page of the group)."""

    group: str
    title: str
    as_of: str
    columns: tuple[str, ...]
    rows: tuple[TaskCounts, ...]
    overdue_heading: str
    overdue: tuple[Overdue, ...]


@dataclass(frozen=True)
class TaskLine:
    """One task of a unit, on its breakdown: its deadline, the day it was done, and where it stands."""

    task: str
    title: str
    plan: str
    deadline: str
    done: str
    state: str
    css: str


def tasks_tables(progress: Progress, w: Words) -> tuple[TasksTable, ...]:
    """Per group with units, the table of their tasks on the progress's day and the overdue tasks."""
    out = []
    for g in progress.criteria.groups:
        units = [u for u in progress.units if u.group == g.id]
        if not units:
            continue
        overdue = tuple(Overdue(u.name, t.task, t.title, day_text(t.deadline, w),
                                w.count((progress.as_of - t.deadline).days)) for u in units for t in u.overdue)
        out.append(TasksTable(
            g.id, g.title, day_text(progress.as_of, w), tuple(w(c) for c in TASK_COLUMNS),
            tuple(TaskCounts(u.name, tuple(w.count(n) for n in (u.assigned, u.due, u.on_time, u.late,
                                                                 len(u.overdue), len(u.soon)))) for u in units),
            w("tasks.overdue_list", n=w.count(len(overdue))), overdue))
    return tuple(out)


def task_lines(tasks: Sequence[Task], as_of: date, w: Words) -> tuple[TaskLine, ...]:
    """A unit's tasks by deadline, each done on time, done late, overdue, due that very day (not done) or not
    yet due on `as_of` (a task due on the last day of the period is due, not 'not yet due')."""
    lines = []
    for t in sorted(tasks, key=lambda t: (t.deadline, t.task)):
        done = t.done_by(as_of)
        state = ("on_time" if done is not None and done <= t.deadline else "late" if done is not None
                 else "overdue" if t.deadline < as_of else "due" if t.deadline == as_of else "open")
        lines.append(TaskLine(t.task, t.title, t.plan, day_text(t.deadline, w),
                              day_text(done, w) if done is not None else "—",
                              w(TASK_STATE[state]), f"task-{state}"))
    return tuple(lines)


# --- the text of a unit -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Note:
    """A line under an indicator's title: evidence, a measurement, tasks, the council's note, a mark."""

    label: str
    text: str
    css: str = ""


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    mark: str
    """'†' for an indicator scored against the other units; '' otherwise."""
    title: str
    notes: tuple[Note, ...]
    self_value: str
    appraised_value: str
    self_points: str
    points: str
    maximum: str
    status: str
    status_css: str
    heading: bool = False
    """A composite's own row (its title and maximum; its sub-items follow)."""


@dataclass(frozen=True)
class Section:
    """A pillar's rows in the indicator table: `lead`, the rows up to its first indicator, which the PDF keeps
    on one page with the pillar's title (a title never ends a page), then the `rest`."""

    title: str
    lead: tuple[IndicatorRow, ...]
    rest: tuple[IndicatorRow, ...]

    @property
    def rows(self) -> tuple[IndicatorRow, ...]:
        return self.lead + self.rest


@dataclass(frozen=True)
class PillarRow:
    title: str
    points: str
    maximum: str
    index: str
    mean: str
    best: str
    applies: bool


@dataclass(frozen=True)
class LostRow:
    id: str
    title: str
    missing: bool
    points: str
    maximum: str
    left: str


@dataclass(frozen=True)
class DeductionRow:
    id: str
    title: str
    note: str
    reason: str
    evidence: str
    points: str


@dataclass(frozen=True)
class Before:
    """One figure of the unit in the draft and now."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class DraftLine:
    id: str
    old_value: str
    new_value: str
    old_points: str
    new_points: str
    old_status: str
    new_status: str


@dataclass(frozen=True)
class DraftPart:
    """What changed since the draft: the unit's figures (none when they did not move) and its indicators."""

    figures: tuple[Before, ...]
    lines: tuple[DraftLine, ...]


@dataclass(frozen=True)
class ObjectionRow:
    """An objection with the department's answer and what it changed, as a breakdown and the annex show it."""

    id: str
    unit: str
    indicator: str
    title: str
    received: str
    """'Received 5/12/2025'."""
    claim: str
    asked: str
    decision: str
    decision_css: str
    answer: str
    decided: str
    """'Answered 8/12/2025'; '' while undecided."""
    value: str
    points: str
    unit_points: str
    rank: str
    late: bool
    moved: str
    """The heading of the change: from the draft to the final, or (without the draft) the final figures."""
    evidence: str
    """What the unit sent with its claim ('' when nothing)."""


@dataclass(frozen=True)
class Tally:
    group: str
    accepted: str
    partly: str
    rejected: str
    undecided: str
    late: str
    total: str


@dataclass(frozen=True)
class UnitPage:
    """Everything a unit's breakdown shows, in the PDF and on its web page alike."""

    unit: str
    name: str
    group: str
    group_title: str
    rank: str
    """'15= / 143': the rank label (shared ranks marked) of the group's size."""
    index: str
    """With the decimals that tell it from every index of another rank."""
    band: Cell
    points: str
    self_index: str
    previous: tuple[str, ...]
    previous_notes: tuple[str, ...]
    split: str
    firmness: str
    pillars: tuple[PillarRow, ...]
    chart: Markup
    lost: tuple[LostRow, ...]
    deductions: tuple[DeductionRow, ...]
    lift: str
    draft: DraftPart | None
    objections: tuple[ObjectionRow, ...]
    sections: tuple[Section, ...]
    relative: bool
    """Some indicator is scored against the other units (the table marks it † and says why)."""
    tasks: tuple[TaskLine, ...]
    tasks_as_of: str
    id_width: str
    """The PDF's ID column, wide enough for the longest id and its † on one line ('KHCDS.4 †')."""


# --- the methodology --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MethodRow:
    id: str
    title: str
    evidence: str
    maximum: str
    rule: str
    applies: str
    composite: bool


@dataclass(frozen=True)
class MethodPillar:
    heading: str
    rows: tuple[MethodRow, ...]


@dataclass(frozen=True)
class MethodGroup:
    id: str
    title: str
    pillars: tuple[MethodPillar, ...]
    agreement: tuple[tuple[str, str, str, str, str], ...]
    """The robustness analysis per way of combining points: method, Kendall, Spearman, shift, draws."""


@dataclass(frozen=True)
class Methodology:
    """How the ranking is made, saying only what applies to the criteria file and the run at hand."""

    paragraphs: tuple[str, ...]
    bands: tuple[Key, ...]
    robustness: tuple[str, ...]
    groups: tuple[MethodGroup, ...]


def methodology(ranking: Ranking, groups: Sequence[GroupPage], w: Words) -> Methodology:
    criteria = ranking.criteria
    scale = criteria.scale
    shown = {g.id for g in groups}
    leaves = [leaf for g in criteria.groups if g.id in shown for leaf in g.indicators]
    paragraphs = [w("report.method_index", scale=w.num(scale, 4, fixed=False), decimals=criteria.decimals),
                  w("report.method_appraisal"), *sources(criteria, leaves, w), w("report.method_missing")]
    if any(isinstance(leaf.rule, Best | MinMax) for leaf in leaves):
        paragraphs.append(w("report.relative_method"))
    paragraphs.append(w("report.method_ties"))
    if any(g.has_previous for g in groups):  # and a sentence for merged and new units only where there are some
        lineages = {u.previous.lineage for u in ranking.units if u.previous is not None}
        paragraphs.append(" ".join([w("report.method_previous"),
                                    *([w("report.method_previous_merged")] if "merged" in lineages else []),
                                    *([w("report.method_previous_new")] if "new" in lineages else [])]))
    singles = [g.single for g in groups if g.single]  # groups of one pillar: why they have no analysis
    robustness = singles
    if ranking.analysis:
        spec = criteria.robustness
        draws = w("report.method_rob_draws", draws=w.count(spec.draws), seed=spec.seed,
                  concentration=w.num(spec.concentration, 1, fixed=False),
                  spread=w.share(weight_spread(spec.concentration)))
        robustness = [f"{draws} {w('report.method_rob_drop')}" if spec.leave_one_out else draws,
                      w("report.method_rob_methods"), w("report.method_rob_interval"), *singles,
                      w("report.method_rob_table")]
    return Methodology(
        tuple(paragraphs),
        band_keys(criteria, criteria.bands, w),
        tuple(robustness),
        tuple(MethodGroup(g.id, g.title, tuple(
            MethodPillar(f"{p.id} — {p.title} ({w.points(p.points)} {w('points').lower()})",
                         tuple(method_row(n, w) for n in pillar_nodes(p.children))) for p in g.pillars),
            agreement(ranking, g.id, w)) for g in criteria.groups if g.id in shown))


def sources(criteria: Criteria, leaves: Sequence[Indicator], w: Words) -> list[str]:
    """A sentence for each kind of value the criteria take from elsewhere than the unit, where some indicator
    does: the council's points, measurements (naming the systems the criteria name, else the operator's),
    the task register."""
    out = []
    if any(isinstance(leaf.rule, Council) for leaf in leaves):
        out.append(w("report.method_council"))
    measured = [leaf for leaf in leaves if leaf.source == "measured"]
    if measured:
        systems = sorted({leaf.system for leaf in measured if leaf.system})
        if any(not leaf.system for leaf in measured):
            systems.append(w("report.method_systems", operator=criteria.operator))
        out.append(w("report.method_measured", systems="; ".join(systems)))
    if any(leaf.source == "tasks" for leaf in leaves):
        out.append(w("report.method_tasks"))
    return out


def method_row(node: Node, w: Words) -> MethodRow:
    if isinstance(node, Composite):
        return MethodRow(node.id, node.title, "", w.points(node.points), describe_node(node, w), "", True)
    applies = ", ".join(sorted(node.applies_to)) if node.applies_to is not None else w("report.applies_all")
    return MethodRow(node.id, node.title, node.evidence, w.points(shown_points(node)), describe_node(node, w),
                     applies, False)


def agreement(ranking: Ranking, group: str, w: Words) -> tuple[tuple[str, str, str, str, str], ...]:
    stats = ranking.robustness(group)
    if stats is None or not stats.methods:
        return ()
    rows = [(w(METHODS[m.method]), w.num(m.kendall, 3), w.num(m.spearman, 3), w.num(m.shift, 2), w.count(m.draws))
            for m in stats.methods]
    return (*rows, (w("method.all"), "—", "—", w.num(stats.shift, 2), w.count(stats.draws)))


def weight_spread(concentration: float, weight: float = 0.1) -> float:
    """The standard deviation of a pillar's drawn weight around its published `weight`: the Dirichlet's
    √(w(1 − w) / (concentration + 1)); 0 for an infinite concentration (the published weights)."""
    return 0.0 if math.isinf(concentration) else math.sqrt(weight * (1 - weight) / (concentration + 1))


# --- the run as a whole -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Presentation:
    """The one model of a run's outputs in one language."""

    ranking: Ranking
    w: Words
    criteria: Criteria
    options: Mapping[str, object]
    groups: tuple[GroupPage, ...]
    draft: RunDiff | None
    outcomes: tuple[Outcome, ...]
    objections: tuple[ObjectionRow, ...]
    tallies: tuple[Tally, ...]
    tally_heads: tuple[str, ...]
    """The tally's columns: accepted, partly, rejected, undecided, total, and of these the late ones."""
    stage_mark: str
    created: str
    cover_date: str
    option_rows: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str], ...]
    criteria_file: str
    sample: str
    """The sample's sentence in the reader's language ('' for real data)."""
    version: str
    histograms: tuple[tuple[str, Markup], ...]
    method: Methodology
    rows: Mapping[str, tuple[int, ...]]
    """Where each unit's indicators are in ranking.indicators."""
    positions: Mapping[str, int]
    """Where each unit is in ranking.units (a page is found by its id, not by a search)."""
    first_robust: str
    """The first group with a robustness analysis: the publication explains the analysis there."""
    tasks: Mapping[str, Sequence[Task]]
    """Each unit's tasks in the year's register."""
    tasks_day: date | None
    """The day the tasks are seen on: the day the register's values were counted (tasks_day)."""

    @property
    def units(self) -> int:
        return len(self.ranking.units)

    def group(self, group_id: str) -> GroupPage:
        return next(g for g in self.groups if g.id == group_id)

    def unit_ids(self) -> Iterator[str]:
        """Every unit in the order the outputs list them: group by group, in rank order."""
        return (row.unit for g in self.groups for row in g.rows)

    def page(self, unit_id: str) -> UnitPage:
        """One unit's breakdown (made on each call: a renderer holds a few at a time)."""
        return unit_page(self, unit_id)

    def context(self) -> dict[str, object]:
        """What every template of the PDF and of the site is given."""
        w = self.w
        return {"w": w, "criteria": self.criteria, "groups": self.groups,
                "units_line": w("report.units_total", n=w.count(self.units), g=w.count(len(self.groups))),
                "objections_line": self.w("report.objections_intro", n=self.w.count(len(self.objections))),
                "sample": bool(self.ranking.inputs.sample), "sample_text": self.sample, "draft_mark": self.stage_mark,
                "draft": bool(self.stage_mark), "created": self.created, "cover_date": self.cover_date,
                "version": self.version, "option_rows": self.option_rows, "inputs": self.inputs,
                "criteria_file": self.criteria_file, "histograms": self.histograms, "method": self.method,
                "objections": self.objections, "tallies": self.tallies, "tally_heads": self.tally_heads,
                "first_robust": self.first_robust}


def templates(folder: Path) -> jinja2.Environment:
    """The templates of one output (the PDF's, or the site's) and the parts both share (templates/shared):
    autoescaped, and an undefined name is an error, not a blank."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder), jinja2.FileSystemLoader(SHARED)])
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals["zip"] = zip
    return env


def present(ranking: Ranking, options: Mapping[str, object], lang: Lang, draft: RunDiff | None = None,
            before: Draft | None = None) -> Presentation:
    """The presentation of a run: `draft` is what changed since the draft run and `before` that run's tables
    (what each objection changed)."""
    w = Words(lang)
    criteria = ranking.criteria
    day = report_date()
    views = [group_view(ranking, g) for g in criteria.groups if ranking.group(g.id)]
    inputs = ranking.inputs
    seen = tasks_day(inputs)
    tables = (tasks_tables(progress(criteria, inputs.units, inputs.tasks, inputs.sample, seen), w)
              if inputs.tasks and seen else ())
    groups = tuple(group_page(ranking, v, w, tables) for v in views)
    found = outcomes(ranking, before)
    return Presentation(
        ranking, w, criteria, options, groups, draft, found,
        tuple(objection_row(o, criteria, w, before is not None) for o in found),
        tuple(Tally(criteria.group(t.group).title, *(w.count(n) for n in (t.accepted, t.partly, t.rejected,
                                                                          t.undecided, t.late, t.total)))
              for t in tallies(ranking)),
        tuple(capital(w(key)) for key in (*(DECISION[d] for d in ("accepted", "partly", "rejected", "")),
                                          "report.total", "report.tally_late")),
        w("stage.draft") if options.get("stage") == "draft" else "", day.strftime("%Y-%m-%dT%H:%M:%SZ"),
        day.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"), option_rows(options, w),
        tuple(provenance(ranking).items()), criteria_name(ranking), sample_line(ranking.inputs.sample, lang),
        __version__,
        tuple((v.group.title, charts.histogram([u.score.index for u in v.units], criteria.scale,
                                               lambda x: w.num(x, 1, fixed=False))) for v in views),
        methodology(ranking, groups, w), unit_rows(ranking),
        {u.score.unit: i for i, u in enumerate(ranking.units)},
        next((g.id for g in groups if g.has_robustness), ""), by_unit(inputs.tasks), seen)


def tasks_day(inputs: Inputs) -> date | None:
    """The day the task-register indicators were counted on (the run's day, or the end of their period when
    it is over): what the breakdowns and the task pages show the tasks as of."""
    days = [date.fromisoformat(v.measured_at) for v in inputs.task_values.values() if v.measured_at]
    return max(days, default=inputs.as_of)


def unit_rows(ranking: Ranking) -> dict[str, tuple[int, ...]]:
    rows: dict[str, list[int]] = {}
    for i, unit in enumerate(ranking.indicators.column("unit")):
        rows.setdefault(unit, []).append(i)
    return {unit: tuple(found) for unit, found in rows.items()}


def option_rows(options: Mapping[str, object], w: Words) -> tuple[tuple[str, str], ...]:
    """The run options in the reader's words: the values that are words translated, the rest (file names) as
    given."""
    rows = []
    for key, value in sorted(options.items()):
        text = "—" if value is None else str(value)
        rows.append((w(OPTIONS[key]), w(OPTION_VALUES[key, text]) if (key, text) in OPTION_VALUES else text))
    return tuple(rows)


def sample_line(text: str, lang: Lang) -> str:
    """The SAMPLE marker's sentence in the report's language: its first line is Vietnamese, its second
    (when present) English."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[1] if lang == "en" and len(lines) > 1 else lines[0]


def band_position(criteria: Criteria, label: str) -> int:
    """The colour of a band label: its place in the file's bands, or in a group's own bands."""
    lists = [criteria.bands, *(g.bands for g in criteria.groups if g.bands is not None)]
    return next((i for bands in lists for i, b in enumerate(bands) if b.label == label), len(criteria.bands))


def band_cell(criteria: Criteria, label: str, sort: str = "") -> Cell:
    position = band_position(criteria, label)
    return Cell(label, f"band-{position}", charts.band_colour(position), sort)


def band_keys(criteria: Criteria, bands: Sequence[Band], w: Words) -> tuple[Key, ...]:
    """A legend of bands: each label in its colour, with the index it starts from."""
    def key(b: Band) -> Key:
        cell = band_cell(criteria, b.label)
        start = w.num(b.min * criteria.scale, 4, fixed=False)
        return Key(cell.css, cell.colour, f"{b.label} ({w('report.band_from', min=start)})")

    return tuple(key(b) for b in bands)


def heat_cell(index: float | None, criteria: Criteria, w: Words) -> Cell:
    """A pillar's index in the ranking table, shaded from red (0) to green (the scale)."""
    if index is None:
        return Cell("—", "h-none", charts.heat(None), "")
    share = min(max(index / criteria.scale, 0.0), 1.0)
    return Cell(w.num(index, 2), f"h{round(share * (HEAT_STEPS - 1))}", charts.heat(share), sort_key(index))


def sort_key(value: float | None) -> str:
    """A number as the site's script sorts it (the shown text may use a decimal comma); '' sorts last."""
    return "" if value is None else repr(float(value))


def change_of(u: UnitResult, w: Words, decimals: int = 3) -> Change | None:
    """The unit's move since the previous edition, None where there is no previous edition; the index's
    change with `decimals` (3 in the narrow table column, the index's own in a breakdown)."""
    p = u.previous
    if p is None:
        return None
    delta = None if p.index is None else u.score.index - p.index
    index = Cell("" if delta is None else w.num(delta, decimals, sign=True),
                 "" if not delta else "up" if delta > 0 else "down", sort=sort_key(delta))
    if p.lineage == "new":
        return Change("new", 0, w("report.new_unit"), index)
    change = u.rank_change
    if change is None:
        return Change("merged", 0, w("report.merged"), index)
    if change > 0:
        return Change("up", change, w("report.rank_up", n=change), index)
    if change < 0:
        return Change("down", -change, w("report.rank_down", n=-change), index)
    return Change("same", 0, w("report.rank_same"), index)


def named(p: Podium, value: Callable[[Entry], str], rank: Callable[[UnitResult], str]) -> tuple[Named, ...]:
    return tuple(Named(rank(e.unit), e.unit.score.name, value(e), e.tied) for e in p.entries)


def more(p: Podium, w: Words, decimals: int) -> str:
    return w("report.more", n=w.count(p.more), value=w.num(p.edge, decimals)) if p.more else ""


def group_page(ranking: Ranking, v: GroupView, w: Words, tables: Sequence[TasksTable]) -> GroupPage:
    criteria = ranking.criteria
    decimals = criteria.decimals
    rows = []
    for u in v.units:
        r = u.robustness
        rows.append(RankRow(
            u.score.unit, u.score.name, v.rank_label(u), str(u.rank),
            Cell(w.num(u.score.index, v.decimals(u)), sort=sort_key(u.score.index)),
            band_cell(criteria, u.band, sort_key(u.score.index)),
            tuple(heat_cell(u.score.pillar_index(p.id), criteria, w) for p in v.group.pillars),
            change_of(u, w),
            Cell("—") if r is None else Cell(str(r.low) if r.low == r.high else f"{r.low}–{r.high}", sort=str(r.low)),
            r is not None and not r.is_firm(u.group_size)))
    stats = ranking.robustness(v.group.id)
    size = len(v.units)
    firmness = ""
    if v.has_robustness:
        firmness = (w("report.not_firm", n=w.count(len(v.loose)), total=w.count(size), limit=firm_limit(size))
                    if v.loose
                    else w("report.all_firm"))
    scale = criteria.scale
    bars = [charts.Bar(u.score.name, u.score.index, band_cell(criteria, u.band).colour,
                       w.num(u.score.index, v.decimals(u))) for u in v.units]
    intervals = [charts.Interval(u.score.name, u.robustness.low, u.robustness.high, u.robustness.median, u.rank)
                 for u in v.units if u.robustness is not None]
    legend = (w("report.interval_line"), w("report.interval_median"), w("report.interval_official"))
    pillar_value = lambda e: w.num(e.value, PILLAR_DECIMALS)  # noqa: E731 - one line each
    return GroupPage(
        v.group.id, v.group.title, v, w.count(size),
        (w.num(v.mean, decimals), w.num(v.sd, decimals), w.num(v.low, decimals), w.num(v.high, decimals)),
        tuple((p.id, p.title) for p in v.group.pillars), ranking_widths(v, bool(criteria.bands_of(v.group.id))),
        tuple(rows),
        named(v.top, lambda e: w.num(e.value, v.decimals(e.unit)), v.rank_label), more(v.top, w, decimals),
        named(v.bottom, lambda e: w.num(e.value, v.decimals(e.unit)), v.rank_label), more(v.bottom, w, decimals),
        tuple(PillarLine(p.id, p.title, w.num(p.mean, PILLAR_DECIMALS),
                         named(p.leaders, pillar_value, lambda u: ""), more(p.leaders, w, PILLAR_DECIMALS),
                         named(p.trailers, pillar_value, lambda u: ""), more(p.trailers, w, PILLAR_DECIMALS))
              for p in v.pillars),
        band_keys(criteria, criteria.bands_of(v.group.id), w),
        tuple(b.label for b in criteria.bands_of(v.group.id)),
        tuple(Key(c.css, c.colour, w.num(x * scale / (HEAT_STEPS - 1), 2, fixed=False))
              for x in range(HEAT_STEPS) for c in (heat_cell(x * scale / (HEAT_STEPS - 1), criteria, w),)),
        v.has_previous, v.has_robustness, v.applies,
        w("report.split_note", decimals=decimals) if v.split else "", firmness,
        w("report.firm_limit", limit=firm_limit(size), shift=w.num(stats.shift if stats else None, 1)),
        single_pillar(ranking, v.group, w),
        w.count(stats.draws if stats else criteria.robustness.draws),
        tuple(f"{u.score.name}: " + w("report.loose_item", rank=v.rank_label(u), low=u.robustness.low,
                                      high=u.robustness.high) for u in v.loose if u.robustness is not None),
        tuple(titled(charts.bar_chart(chunk, scale, lambda x: w.num(x, 1)), w("site.chart_of", title=v.group.title),
                     f"chart-{v.group.id}-{i}") for i, chunk in enumerate(chunks(bars))),
        tuple(charts.interval_chart(chunk, size, legend) for chunk in chunks(intervals)),
        next((t for t in tables if t.group == v.group.id), None))


def single_pillar(ranking: Ranking, group: Group, w: Words) -> str:
    """The sentence saying why a group of one pillar has no robustness analysis, where the analysis ran."""
    return w("report.rob_single", title=group.title) if ranking.analysed and len(group.pillars) == 1 else ""


def ranking_widths(v: GroupView, bands: bool) -> tuple[str, ...]:
    """Millimetres of the ranking table's columns: each pillar gets what is left after the fixed ones."""
    pillar = f"{round(min(13.0, 92.0 / max(len(v.group.pillars), 1)), 1)}mm"
    return ("9mm", "", "13mm", *(("18mm",) if bands else ()), *(pillar for _ in v.group.pillars),
            *(("14mm",) if v.has_previous else ()))


def titled(svg: Markup, title: str, ident: str) -> Markup:
    """An inline SVG chart announced as an image with a title (its data is in the table beside it)."""
    text = str(svg)
    end = text.index(">", text.index("<svg"))
    return (Markup(text[:end]) + Markup(' role="img" aria-labelledby="{}">').format(ident)
            + Markup('<title id="{}">{}</title>').format(ident, title) + Markup(text[end + 1:]))


def chunks(items: Sequence[T], size: int = CHART_ROWS) -> list[Sequence[T]]:
    """Equal pieces of at most `size` rows: each piece is one chart that may move to the next page."""
    pieces = max(1, -(-len(items) // size))
    step = max(1, -(-len(items) // pieces))
    return [items[i:i + step] for i in range(0, len(items), step)]


# --- a unit's page --------------------------------------------------------------------------------------------
def shown_value(node: Indicator, text: str, w: Words) -> str:
    """A value a unit or the council entered, as the reader reads it: numbers in the language's style, a
    choice by its published label, yes and no in the language's words, a day as the language writes it;
    '—' for none."""
    if not text:
        return "—"
    folded = text.casefold()
    match node.rule:
        case Choice(shares=shares):
            return next((label for label, _ in shares if label.casefold() == folded), text)
        case YesNo() | Penalty(per_item=None):
            return w("value.yes") if folded in YES else w("value.no") if folded in NO else text
        case Deadline():
            if folded in NO:
                return w("value.no")
            return day_text(text, w) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
    return w.value(text)


def unit_page(p: Presentation, unit_id: str) -> UnitPage:
    ranking, w, criteria = p.ranking, p.w, p.criteria
    u = ranking.units[p.positions[unit_id]]
    g = p.group(u.score.group)
    v = g.view
    decimals = criteria.decimals
    lines = {s.indicator: s for s in map(ranking.indicators.__getitem__, p.rows.get(unit_id, ()))}
    group = criteria.group(u.score.group)
    sections = []
    relative = False
    for pillar in group.pillars:
        rows = []
        for node in pillar_nodes(pillar.children):
            if isinstance(node, Composite):
                if any(leaf.id in lines for leaf in node.leaves()):
                    rows.append(composite_row(node, w))
                continue
            s = lines.get(node.id)
            if s is None:
                continue
            row = indicator_row(node, s, ranking.inputs, w)
            relative = relative or bool(row.mark)
            rows.append(row)
        first = next((i for i, row in enumerate(rows) if not row.heading), len(rows) - 1) + 1
        sections.append(Section(pillar.title, tuple(rows[:first]), tuple(rows[first:])))
    scored = [(node, s) for pillar in group.pillars for node in pillar.leaves() if (s := lines.get(node.id))]
    open_ = [(node, s) for node, s in scored
             if s.status != "not_applicable" and s.max_points - s.points > 1e-9 and s.points >= 0]
    lost = sorted(open_, key=lambda pair: -(pair[1].max_points - pair[1].points))[:5]
    means = {ps.id: ps for ps in v.pillars}
    return UnitPage(
        unit_id, u.score.name, g.id, g.title, w("report.rank_of", rank=v.rank_label(u), n=u.group_size),
        w.num(u.score.index, v.decimals(u)), band_cell(criteria, u.band),
        w("report.points_of", points=w.points(u.score.points), max=w.points(u.score.max_points)),
        w.num(u.score.self_index, decimals), previous_lines(u, w, decimals),
        tuple(f"{pid} {w.num(value, decimals)}" for pid, value in (u.previous.pillars.items() if u.previous else ())),
        w("report.split_note", decimals=decimals) if v.decimals(u) > decimals else "",
        firmness(u, v, w) or g.single,  # a group of one pillar: why its ranks have no robustness
        tuple(PillarRow(f"{ps.pillar} — {means[ps.pillar].title}", w.points(ps.points), w.points(ps.max_points),
                        w.num(ps.index, PILLAR_DECIMALS), w.num(means[ps.pillar].mean, PILLAR_DECIMALS),
                        w.num(means[ps.pillar].best, PILLAR_DECIMALS), ps.index is not None)
              for ps in u.score.pillars),
        titled(pillar_chart(u, v, criteria, w), w("report.pillars"), "chart-pillars"),
        tuple(LostRow(node.id, node.title, s.status == "missing", w.points(s.points), w.points(s.max_points),
                      w.points(s.max_points - s.points)) for node, s in lost),
        tuple(DeductionRow(node.id, node.title, council_note(s.note), shown_value(node, s.value, w), s.evidence,
                           w.points(s.points)) for node, s in scored if s.points < 0),
        lift(u, v, criteria.scale, w),
        draft_part(p.draft, u, criteria, w) if p.draft is not None else None,
        tuple(row for row, o in zip(p.objections, p.outcomes, strict=True) if o.objection.unit == unit_id),
        tuple(sections), relative,
        task_lines(p.tasks.get(unit_id, ()), p.tasks_day, w) if p.tasks_day else (),
        day_text(p.tasks_day, w) if p.tasks_day else "",
        id_width(max((len(r.id) + 2 * bool(r.mark) for s in sections for r in s.rows), default=0)))


def id_width(chars: int) -> str:
    """Millimetres for an ID column of `chars` characters at the tables' 7.3 pt (capitals and digits
    about 1.75 mm each, and the cell's padding), never narrower than 13 mm."""
    return f"{max(13.0, round(1.75 * chars + 3, 1))}mm"


def pillar_nodes(nodes: Sequence[Node]) -> list[Node]:
    """A pillar's nodes, composites before their children, in file order."""
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        if isinstance(n, Composite):
            out.extend(pillar_nodes(n.children))
    return out


def composite_row(node: Composite, w: Words) -> IndicatorRow:
    return IndicatorRow(node.id, "", node.title, (Note("", describe_node(node, w)),), "", "", "", "",
                        w.points(node.maximum), "", "", heading=True)


def indicator_row(node: Indicator, s: IndicatorScore, inputs: Inputs, w: Words) -> IndicatorRow:
    relative = isinstance(node.rule, Best | MinMax)
    changed = bool(s.appraised_value) and s.appraised_value != s.self_value
    notes = []
    if s.evidence:
        notes.append(Note(w("report.evidence"), s.evidence))
    if node.source == "measured":
        text = measurement_note(s.system or node.system, s.measured_at, w)
        notes.append(Note("", f"{text}: {shown_value(node, s.measured_value, w)}" if s.measured_value else text))
    if node.source == "tasks":
        notes += [Note("", text) for text in task_notes(inputs, s.unit, s.indicator, w)]
    if changed and s.note:
        notes.append(Note(w("report.council_note"), council_note(s.note), "note"))
    if relative and not changed and abs(s.self_points - s.points) > 1e-9:
        notes.append(Note("", f"† {w('report.moved')}"))
    applies = s.status not in ("not_applicable", "unscored")  # no points to show: "—", as for no maximum
    maximum = shown_points(node)
    return IndicatorRow(
        node.id, "†" if relative else "", node.title, tuple(notes), shown_value(node, s.self_value, w),
        shown_value(node, s.appraised_value, w), w.points(s.self_points) if applies else "—",
        w.points(s.points) if applies else "—", w.points(maximum) if applies and maximum is not None else "—",
        w(STATUS_SHORT[s.status]), f"status-{s.status}")


def council_note(note: str) -> str:
    """The council's note without a leading 'Hội đồng thẩm định:' (the label already says whose it is)."""
    return COUNCIL_PREFIX.sub("", note, count=1) or note


def task_notes(inputs: Inputs, unit: str, indicator: str, w: Words) -> list[str]:
    """What a breakdown says under a `source: tasks` indicator: where the value comes from, the counts
    behind it ('18/20 done on time, 1 late, 1 not done'), then each late and undone task with its deadline."""
    done = inputs.completions.get((unit, indicator))
    value = inputs.task_values.get((unit, indicator))
    if done is None or value is None:
        return []
    notes = [w("tasks.from_register", date=day_text(value.measured_at, w))]
    if done.due:
        notes.append(w("tasks.counts", on_time=w.count(done.on_time), due=w.count(done.due),
                       late=w.count(done.late), undone=w.count(done.undone)))
    notes += [w("tasks.late_item", task=t.task, title=t.title, deadline=day_text(t.deadline, w),
                done=day_text(t.done_on, w)) for t in done.late_tasks if t.done_on is not None]
    notes += [w("tasks.undone_item", task=t.task, title=t.title, deadline=day_text(t.deadline, w))
              for t in done.undone_tasks]
    return notes


def previous_lines(u: UnitResult, w: Words, decimals: int) -> tuple[str, ...]:
    """The previous edition in a few lines: its rank and the move, its index and the change."""
    p = u.previous
    if p is None:
        return ("—",)
    if p.lineage == "new":
        return (w("report.lineage.new"),)
    change = change_of(u, w, decimals)
    lines = [f"{w('rank')} {p.rank}: {change.words}" if p.rank is not None and change is not None
             else w("report.lineage.merged")]
    if p.index is not None and change is not None:
        lines.append(f"{w('index')} {w.num(p.index, decimals)} ({change.index.text})")
    if p.lineage == "merged":
        lines.append(w("report.merged_rule"))
    return tuple(lines)


def firmness(u: UnitResult, v: GroupView, w: Words) -> str:
    """The unit's rank under the robustness analysis, in one sentence ('' without the analysis)."""
    r = u.robustness
    if r is None:
        return ""
    return w("report.firm_yes" if r.is_firm(u.group_size) else "report.firm_no", rank=v.rank_label(u),
             span=w.span(r.low, r.high), limit=firm_limit(u.group_size))


def lift(u: UnitResult, v: GroupView, scale: float, w: Words) -> str:
    """What it takes to move up one rank: reach the index of the nearest unit above."""
    above = [x for x in v.units if x.rank < u.rank]
    if not above:
        return w("report.first")
    target = min(above, key=lambda x: (x.score.index, x.score.unit))
    gap = (target.score.index - u.score.index) * u.score.max_points / scale
    return w("report.lift", rank=target.rank, unit=target.score.name,
             index=w.num(target.score.index, v.decimals(target)), points=w.points(gap))


def pillar_chart(u: UnitResult, v: GroupView, criteria: Criteria, w: Words) -> Markup:
    triples = [charts.Triple(f"{p.pillar} — {stats.title}", p.index, stats.mean, stats.best)
               for p, stats in zip(u.score.pillars, v.pillars, strict=True)]
    legend = (w("report.this_unit"), w("report.group_mean"), w("report.group_best"))
    return charts.pillar_chart(triples, criteria.scale, lambda x: w.num(x, 2), legend,
                               w("report.status.not_applicable").lower())


def draft_part(diff: RunDiff, u: UnitResult, criteria: Criteria, w: Words) -> DraftPart:
    change, items = diff.for_unit(u.score.unit)
    nodes = {n.id: n for p in criteria.group(u.score.group).pillars for n in p.leaves()}
    figures: tuple[Before, ...] = ()
    if change is not None:
        figures = (Before(w("index"), w.num(change.old_index, criteria.decimals),
                          w.num(change.new_index, criteria.decimals)),
                   Before(w("points"), w.points(change.old_points), w.points(change.new_points)),
                   Before(w("rank"), w.rank(change.old_rank, change.old_tied),
                          w.rank(change.new_rank, change.new_tied)))

    def value(indicator: str, text: str | None) -> str:
        node = nodes.get(indicator)
        return "—" if text is None or node is None else shown_value(node, text, w)

    def status(text: str | None) -> str:
        return "—" if text is None else w(STATUS[text])

    return DraftPart(figures, tuple(
        DraftLine(c.indicator, value(c.indicator, c.old_value), value(c.indicator, c.new_value),
                  w.points(c.old_points), w.points(c.new_points), status(c.old_status),
                  status(c.new_status) if c.new_status != c.old_status else w("diff.same")) for c in items))


def objection_row(o: Outcome, criteria: Criteria, w: Words, drafted: bool = True) -> ObjectionRow:
    """An objection as published; `drafted`: the run was given its draft, so the row says what changed."""
    x = o.objection
    node = next(n for p in criteria.group(o.group).pillars for n in p.leaves() if n.id == x.indicator)

    def moved(old: str | None, new: str) -> str:
        """'from 60 % to 80 %'; '20 (unchanged)' where it did not move; the value alone without a draft."""
        if old is None:
            return new
        return w("report.unchanged", value=new) if old == new else w("report.from_to", old=old, new=new)

    return ObjectionRow(
        x.id, o.name, x.indicator, o.title, w("report.objection_received", date=day_text(x.received_on, w)), x.claim,
        shown_value(node, x.asked_value, w), capital(w(DECISION[x.decision])), f"decision-{x.decision or 'none'}",
        x.answer, w("report.objection_decided", date=day_text(x.decided_on, w)) if x.decided_on else "",
        moved(None if o.old_value is None else shown_value(node, o.old_value, w), shown_value(node, o.new_value, w)),
        moved(None if o.old_points is None else w.points(o.old_points), w.points(o.new_points)),
        moved(None if o.old_unit_points is None else w.points(o.old_unit_points), w.points(o.new_unit_points)),
        moved(None if o.old_rank is None else w.rank(o.old_rank, o.old_tied), w.rank(o.new_rank, o.new_tied)), x.late,
        w("report.objection_changed" if drafted else "report.objection_final"), x.evidence)


def capital(text: str) -> str:
    """The first letter in capitals ('chấp nhận' heads a table cell as 'Chấp nhận'); the rest as it is."""
    return text[:1].upper() + text[1:]
