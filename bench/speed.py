"""Ratios measured side by side in one run, since absolute times vary 3–4× between machines of one kind.

Every figure is a real `dti run` of the 2025 sample in a fresh process (SOURCE_DATE_EPOCH set, --lang en),
one after the other on a copy of the inputs:
  1. a full run with a cold render cache, by every available core (--jobs N, N = the available cores);
  2. the same run again, nothing changed (every PDF from the cache);
  3. a re-run after a one-unit correction: one department's appraised value replaced by another
     department's value for the same indicator (the council corrects one value); the publication and the
     breakdowns whose content changed are rendered, the rest reused;
  4. with --commune, the same for one commune instead;
  5. --jobs 1 against --jobs N: the full run again with --jobs 1 --no-cache, or with --jobs-documents K
     K breakdowns spread over the ranking, rendered by 1 and by N processes (bench/national.py's PDF
     stage), each in a fresh process including the workers' start.
Which documents a correction re-renders depends on what it moves: every breakdown shows its group's mean
and best pillar indices (3 decimals), so a correction that moves those re-renders the whole group.

    .venv/bin/python bench/speed.py [--jobs N] [--commune] [--jobs-documents K]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from measure import ROOT, Child, machine, python_child
from national import SAMPLE, stage

YEAR = "2025"
CRITERIA = ROOT / "criteria" / f"hanoi-{YEAR}.yaml"
EPOCH = "1767225600"


def correct_one(folder: Path, group: str) -> str:
    """Replace the first appraised value of a unit of `group` that another unit of the group has a different
    value for; returns what was changed."""
    with (folder / "units.csv").open(encoding="utf-8-sig", newline="") as f:
        members = {row["id"] for row in csv.DictReader(f) if row["group"] == group}
    path = folder / "appraisal.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        if row[0] not in members:
            continue
        other = next((r for r in rows[1:] if r[0] in members and r[1] == row[1] and r[2:4] != row[2:4]), None)
        if other is not None:
            change = f"{row[0]} {row[1]}: {row[2] or '-'}/{row[3] or '-'} → {other[2] or '-'}/{other[3] or '-'}"
            row[2:4] = other[2:4]
            with path.open("w", encoding="utf-8", newline="") as f:
                csv.writer(f, lineterminator="\n").writerows(rows)
            return change
    raise SystemExit(f"no appraised value of group {group} to correct")


def run(inputs: Path, out: Path, *options: str) -> tuple[Child, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    child = python_child(["-m", "ranking", "run", "--criteria", str(CRITERIA), "--inputs", str(inputs),
                          "--out", str(out), "--lang", "en", *options], env)
    found = re.search(r"PDFs: (\d+) rendered, (\d+) reused", child.stderr)
    return child, f"{found.group(1)} rendered, {found.group(2)} reused" if found else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--commune", action="store_true", help="also time a one-commune correction")
    parser.add_argument("--jobs-documents", type=int, help="compare --jobs 1 and N on this many breakdowns")
    args = parser.parse_args()
    print(f"$ {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out, cache = Path(tmp) / "inputs", Path(tmp) / "out", Path(tmp) / "cache"
        shutil.copytree(ROOT / "inputs" / YEAR, inputs)
        jobs = ["--jobs", str(args.jobs), "--cache", str(cache)]

        def show(what: str, child: Child, done: str) -> None:
            print(f"{what}\n    {child.wall:7.1f} s wall, {child.cpu:7.1f} s cpu (workers included), "
                  f"peak {child.peak_mb:.0f} MB (largest process); PDFs {done}", flush=True)

        full, done = run(inputs, out, *jobs)
        show(f"1. full run, cold cache, --jobs {args.jobs}", full, done)
        same, done = run(inputs, out, *jobs)
        show("2. nothing changed", same, done)
        change = correct_one(inputs, "departments")
        corrected, done = run(inputs, out, *jobs)
        show(f"3. one department corrected ({change})", corrected, done)
        if args.commune:
            change = correct_one(inputs, "communes")
            commune, done = run(inputs, out, *jobs)
            show(f"4. one commune corrected ({change})", commune, done)
        print(f"  nothing changed / full run:          {same.wall / full.wall:6.1%}  (target ≤ 5 %)")
        print(f"  one department corrected / full run: {corrected.wall / full.wall:6.1%}  (target ≤ 15 %)")
        if args.commune:
            print(f"  one commune corrected / full run:    {commune.wall / full.wall:6.1%}")
        if args.jobs_documents is None:
            single, done = run(inputs, Path(tmp) / "single", "--jobs", "1", "--no-cache")
            show("5. full run, --jobs 1 --no-cache", single, done)
            one, many = single.wall, full.wall
        else:
            walls = {}
            for workers in (1, args.jobs):
                times, _, _, _ = stage("pdfs", str(SAMPLE), str(args.jobs_documents), "no", str(workers))
                walls[workers] = times["breakdowns"]
                print(f"5. {times['documents']:.0f} breakdowns ({times['pages']:.0f} pages), {workers} process(es): "
                      f"{times['breakdowns']:.1f} s wall, workers' start included", flush=True)
            one, many = walls[1], walls[args.jobs]
        print(f"  --jobs {args.jobs} speed-up over --jobs 1:    {one / many:5.2f}×  (target ≥ 1.7× on 2 cores)")

if __name__ == "__main__":
    main()
