"""The stages chained: what `dti validate`, `rank` and `run` do, as library functions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ranking.criteria import Criteria, load_criteria
from ranking.diff import diff_tables, tables_of
from ranking.errors import DataError, Lang, Problem
from ranking.history import compare, read_previous
from ranking.inputs import Inputs, load_inputs
from ranking.objections import Draft, undecided
from ranking.output import Lock, staged_output
from ranking.progress import Progress
from ranking.ranking import Ranking, rank
from ranking.robustness import analyse
from ranking.scoring import score
from ranking.tables import indicator_rows, objection_rows, result_rows, write_csv_tables, write_tables, write_workbook

if TYPE_CHECKING:
    from ranking.render_pool import Reports

Stage = Literal["draft", "final"]


@dataclass(frozen=True)
class Paths:
    criteria: Path
    inputs: Path
    out: Path


def sample_paths(root: Path) -> Paths:
    """The bundled sample: the newest inputs/YEAR and the criteria file of that edition."""
    years = sorted(p for p in (root / "inputs").glob("[0-9][0-9][0-9][0-9]") if p.is_dir())
    if not years:
        raise DataError([Problem(str(root / "inputs"), "no_sample", {"found": str(root / "inputs" / "YEAR")})])
    year = years[-1]
    for path in sorted((root / "criteria").glob("*.yaml")):
        match = re.search(r"^edition:\s*(\d{4})\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if match and match.group(1) == year.name:
            return Paths(path, year, root / "reports" / year.name)
    raise DataError([Problem(str(root / "criteria"), "no_criteria_for_year",
                             {"found": year.name, "accepted": str(root / "criteria")})])


def load(criteria_path: Path, inputs_path: Path) -> tuple[Criteria, Inputs]:
    """Stages 1–2: every problem of the criteria, then of the inputs."""
    criteria = load_criteria(criteria_path)
    return criteria, load_inputs(criteria, inputs_path)


def build(criteria: Criteria, inputs: Inputs, previous: Path | None = None) -> Ranking:
    """Stages 3–4: scores and ranks, the comparison with the previous edition's results.csv (when given)
    and the robustness of every rank."""
    ranking = rank(score(criteria, inputs))
    if previous is not None:
        ranking = compare(ranking, read_previous(previous))
    return analyse(ranking)


def stage_problems(inputs: Inputs, stage: Stage) -> list[Problem]:
    """A final run refuses while any council score is missing or any objection to the draft is undecided: the
    `council_pending` warnings become errors (with their reason code), each undecided objection is one, and
    each kind ends with one line that says what to do."""
    if stage != "final":
        return []
    pending = [replace(p, severity="error") for p in inputs.warnings if p.reason == "council_pending"]
    open_ = undecided(inputs.objections, str(Path(inputs.folder) / "objections.csv"))
    return [*pending, *([Problem("--stage final", "final_pending", {"found": len(pending)})] if pending else []),
            *open_, *([Problem("--stage final", "final_undecided", {"found": len(open_)})] if open_ else [])]


def write(ranking: Ranking, out: Path, options: Mapping[str, object], lang: Lang = "vi", *,
          lock: Lock | None = None) -> None:
    """The tables, atomically: nothing of `out` changes unless every file was written; under the writer lock
    of `out` (`lock`, held by the caller, else taken for the write)."""
    with staged_output(out, lock, f"dti {options.get('command', 'rank')}") as stage:
        write_tables(ranking, stage, options, lang)


def publish(ranking: Ranking, out: Path, options: Mapping[str, object], lang: Lang, draft: Draft | None = None,
            progress: Progress | None = None, site: bool = True, *, workers: int | None = None,
            cache: Path | None = None, lock: Lock | None = None) -> Reports:
    """The tables, the PDFs and (unless `site` is False) the web site in one fresh staged folder that replaces
    `out` when complete; with `draft` (an earlier run, read_draft) every breakdown also shows what changed since
    that run. PDFs and the workbook whose content is in the render cache `cache` are not made again; `workers`
    render processes (default: every core); under the writer lock of `out` as `write`."""
    from ranking.report import write_reports  # the report stack (jinja2, weasyprint): only when a PDF is made
    from ranking.site import write_site
    from ranking.views import present

    with staged_output(out, lock, f"dti {options.get('command', 'run')}") as stage:
        if progress is not None:
            progress.stage("progress.tables")
        write_csv_tables(ranking, stage, options)
        changes = None if draft is None else diff_tables(draft.tables, tables_of(
            result_rows(ranking), indicator_rows(ranking), objection_rows(ranking)))
        shown = present(ranking, options, lang, changes, draft)

        def meanwhile() -> list[str]:
            """The workbook and the site, written while the render processes finish the PDFs."""
            workbook = write_workbook(ranking, stage, options, lang, cache)
            if site:
                write_site(shown, stage, pdfs=True)
            return [workbook]

        if progress is not None:
            progress.stage("progress.pdf")
        return write_reports(shown, stage, workers, cache,
                             progress.counter("progress.pdf") if progress is not None else None, meanwhile)
