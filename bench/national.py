"""The national case: 34 provinces, 3,321 communes and wards (the count after the 2025 reform) and 17
departments per province (578), on the sample's criteria (criteria/hanoi-2025.yaml), measured stage by stage.

The case is synthetic. Province p has 97 or 98 communes (3,321 in all; the real counts differ) and 17
departments. Each unit copies the tags of one sample unit of its group (its template) and, for every
indicator that template reported, the row (value, denominator, evidence or note) of a sample unit of the same
group drawn at random: every value is one the sample holds, so the case is valid, and units differ. All
3,321 communes are ranked as one group (a national ranking: the largest group, the hardest case for the
robustness analysis and the publication's tables), the 578 departments as another.

Each stage runs in a fresh process, and its wall time, CPU time and peak memory (the largest resident set
of the process and its workers, from os.wait4) are printed: `dti validate`; load + score + rank +
robustness with 1,000 and 10,000 draws (memory flat in the draws); the tables; and the PDFs, for a sample of
the breakdowns (--documents, spread over the ranking, rendered by every available core, time extrapolated
per document and compared with as many breakdowns of the Hà Nội sample, rendered the same way in the same
run); with --publication, the national publication too.

    .venv/bin/python bench/national.py [--draws 10000] [--documents 24] [--publication] [--folder DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from measure import ROOT, TreePeak, machine, python_child, rss_mb

YEAR = "2025"
CRITERIA = ROOT / "criteria" / f"hanoi-{YEAR}.yaml"
SAMPLE = ROOT / "inputs" / YEAR
PROVINCES, COMMUNES, DEPARTMENTS = 34, 3_321, 17
VALUE_FILES = ("self_assessment.csv", "appraisal.csv", "measured.csv")
Row = list[str]


# --- the case -------------------------------------------------------------------------------------------------
def _read(path: Path) -> tuple[Row, list[Row]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _write(path: Path, header: Row, rows: Sequence[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def make_case(folder: Path, seed: int = 2025) -> None:
    """Write units.csv, the value files and SAMPLE of the national case into `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    header, units = _read(SAMPLE / "units.csv")
    by_group: dict[str, list[Row]] = {}
    for u in units:
        by_group.setdefault(u[2], []).append(u)
    group_of = {u[0]: u[2] for u in units}
    plan: list[tuple[Row, Row]] = []  # (new unit row, its template)
    for p in range(1, PROVINCES + 1):
        province = f"tỉnh {p:02d}"
        communes = COMMUNES // PROVINCES + (1 if p <= COMMUNES % PROVINCES else 0)
        templates = rng.sample(by_group["communes"], communes)
        plan += [([f"p{p:02d}-c{k:03d}", f"{t[1]} ({province})", "communes", t[3], ""], t)
                 for k, t in enumerate(templates, start=1)]
        plan += [([f"p{p:02d}-d{k:02d}", f"{t[1]} ({province})", "departments", t[3], ""], t)
                 for k, t in enumerate(by_group["departments"], start=1)]
    _write(folder / "units.csv", header, [unit for unit, _ in plan])
    for name in VALUE_FILES:
        if not (SAMPLE / name).is_file():
            continue
        value_header, rows = _read(SAMPLE / name)
        mine: dict[str, list[Row]] = {}
        donors: dict[tuple[str, str], list[Row]] = {}
        for row in rows:
            mine.setdefault(row[0], []).append(row)
            donors.setdefault((group_of[row[0]], row[1]), []).append(row)
        out = [[unit[0], row[1], *rng.choice(donors[unit[2], row[1]])[2:]]
               for unit, template in plan for row in mine.get(template[0], [])]
        _write(folder / name, value_header, out)
    (folder / "SAMPLE").write_text(
        "Dữ liệu mẫu tổng hợp quy mô toàn quốc (bench/national.py), không phải số liệu thật.\n"
        "Synthetic national-scale data made by bench/national.py from the Hà Nội sample; not real figures.\n",
        encoding="utf-8")


# --- the stages, each run in its own process -----------------------------------------------------------------
def _ranking(inputs: Path, draws: int | None) -> tuple[object, dict[str, float]]:
    from ranking.criteria import load_criteria
    from ranking.inputs import load_inputs
    from ranking.ranking import rank
    from ranking.robustness import analyse
    from ranking.scoring import score

    times: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()

    def lap(name: str) -> None:
        nonlocal start, cpu
        times[name], times[f"{name} cpu"] = time.perf_counter() - start, time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()

    criteria = load_criteria(CRITERIA)
    if draws is not None:
        criteria = replace(criteria, robustness=replace(criteria.robustness, draws=draws))
    loaded = load_inputs(criteria, inputs)
    lap("load")
    ranked = rank(score(criteria, loaded))
    lap("score+rank")
    ranked = analyse(ranked)
    lap("robustness")
    times["units"] = len(ranked.units)
    return ranked, times


def stage_rank(inputs: Path, draws: int) -> dict[str, float]:
    return _ranking(inputs, draws)[1]


def stage_tables(inputs: Path, draws: int) -> dict[str, float]:
    from ranking.ranking import Ranking
    from ranking.tables import write_tables

    ranked, times = _ranking(inputs, draws)
    assert isinstance(ranked, Ranking)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        write_tables(ranked, Path(out), {"bench": True})
        times["tables"] = time.perf_counter() - start
    return times


def stage_pdfs(inputs: Path, documents: int, publication: bool, workers: int) -> dict[str, float]:
    """`documents` breakdowns spread over the ranking (every n-th unit in the order they are rendered),
    rendered by `workers` processes; memory: this process before rendering, and the tree's peak."""
    from ranking.ranking import Ranking
    from ranking.render_pool import render_documents
    from ranking.report import documents as all_documents
    from ranking.report import pdf_bytes, publication_html, render_one
    from ranking.views import present

    ranked, times = _ranking(inputs, None)
    assert isinstance(ranked, Ranking)
    order = [u.score.unit for g in sorted(ranked.criteria.groups,
                                          key=lambda g: -sum(1 for p in g.pillars for _ in p.leaves()))
             for u in ranked.group(g.id)]
    chosen = set(order[:: max(1, len(order) // documents)][:documents])
    shown = present(ranked, {}, "vi")
    times["rss before"] = rss_mb()
    with tempfile.TemporaryDirectory() as out, TreePeak() as peak:
        folder = Path(out).resolve()
        (folder / "units").mkdir()
        start = time.perf_counter()
        done = render_documents(all_documents(shown, folder, units=chosen), render_one, folder, None, workers)
        times["breakdowns"] = time.perf_counter() - start
        times["documents"] = len(done.rendered)
        times["pages"] = _pages(done.files)
    times["tree peak"] = peak.peak_kb / 1024
    times["workers"] = workers
    if publication:
        with TreePeak() as peak:
            start = time.perf_counter()
            pdf = pdf_bytes(publication_html(shown))
            times["publication"] = time.perf_counter() - start
        times["publication pages"] = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        times["publication peak"] = peak.peak_kb / 1024
    return times


def _pages(files: Sequence[Path]) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(f).pages) for f in files)


# --- the parent: one process per stage -----------------------------------------------------------------------
def stage(*args: str) -> tuple[dict[str, float], float, float, float]:
    """Run one stage in a fresh process: (its figures, wall s, CPU s, peak MB)."""
    child = python_child([str(Path(__file__).resolve()), "--stage", *args])
    return json.loads(child.stdout.strip().splitlines()[-1]), child.wall, child.cpu, child.peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=24, help="breakdowns rendered of each case")
    parser.add_argument("--publication", action="store_true", help="also render the national publication")
    parser.add_argument("--folder", type=Path, help="keep the national inputs here (default: a temporary folder)")
    parser.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        name, inputs, *rest = args.stage
        stages = {"rank": lambda: stage_rank(Path(inputs), int(rest[0])),
                  "tables": lambda: stage_tables(Path(inputs), int(rest[0])),
                  "pdfs": lambda: stage_pdfs(Path(inputs), int(rest[0]), rest[1] == "yes", int(rest[2]))}
        print(json.dumps(stages[name]()))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / "national"
        start = time.perf_counter()
        make_case(folder)
        print(f"$ {' '.join([Path(sys.executable).name, *sys.argv])}")
        print(f"machine: {machine()}")
        print(f"national case: {PROVINCES} provinces, {COMMUNES:,} communes and wards (one group) + "
              f"{PROVINCES * DEPARTMENTS} departments; made in {time.perf_counter() - start:.1f} s")
        print(f"{'stage':<46} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")

        def line(what: str, wall: float, cpu: float, peak: float) -> None:
            print(f"{what:<46} {wall:8.2f} {cpu:8.2f} {peak:8.0f}", flush=True)

        validate = python_child(["-m", "ranking", "validate", "--criteria", str(CRITERIA), "--inputs", str(folder)])
        line("dti validate (one process)", validate.wall, validate.cpu, validate.peak_mb)
        for draws in sorted({1_000, args.draws}):
            times, wall, cpu, peak = stage("rank", str(folder), str(draws))
            line(f"rank: load+score+rank+robustness, {draws:,} draws", wall, cpu, peak)
            print("    " + ", ".join(f"{part} {times[part]:.2f} s ({times[part + ' cpu']:.2f} s cpu)"
                                     for part in ("load", "score+rank", "robustness")))
        times, wall, cpu, peak = stage("tables", str(folder), str(args.draws))
        line(f"tables (after ranking, {args.draws:,} draws)", wall, cpu, peak)
        print(f"    write_tables {times['tables']:.2f} s")
        per_doc = {}
        for case, inputs in (("sample", SAMPLE), ("national", folder)):
            times, wall, cpu, peak = stage("pdfs", str(inputs), str(args.documents),
                                            "yes" if args.publication and case == "national" else "no",
                                            str(len(os.sched_getaffinity(0))))
            per_doc[case] = times["breakdowns"] / times["documents"]
            line(f"PDFs, {case}: {times['documents']:.0f} breakdowns", wall, cpu, peak)
            print(f"    {times['units']:.0f} units; {times['documents']:.0f} breakdowns ({times['pages']:.0f} pages) "
                  f"in {times['breakdowns']:.1f} s by {times['workers']:.0f} workers: {per_doc[case]:.2f} s a "
                  f"document; main process {times['rss before']:.0f} MB before rendering, process tree peak "
                  f"{times['tree peak']:.0f} MB")
            if "publication" in times:
                print(f"    publication: {times['publication pages']:.0f} pages in {times['publication']:.1f} s, "
                      f"peak {times['publication peak']:.0f} MB")
        national = PROVINCES * DEPARTMENTS + COMMUNES
        print(f"per breakdown, national / sample: {per_doc['national'] / per_doc['sample']:.2f}× "
              f"(target ≤ 1.2×); all {national:,} breakdowns extrapolated: "
              f"{per_doc['national'] * national / 60:.0f} min with these workers")


if __name__ == "__main__":
    main()
