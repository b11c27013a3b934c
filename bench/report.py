"""Time the PDFs of the bundled sample (the publication plus one breakdown per unit) and their memory.

Prints the wall time of `write_reports` alone and of the whole run, and the peak resident memory of the
process tree (this process and its render workers, summed, sampled every 50 ms from /proc), besides the
getrusage peaks of this process and of its largest child.

    .venv/bin/python bench/report.py [--lang vi|en] [--workers N (default: the available cores)]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from measure import ROOT, TreePeak, machine

from ranking.pipeline import build, load, sample_paths
from ranking.report import write_reports
from ranking.system import cores
from ranking.tables import write_tables
from ranking.views import present


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--workers", type=int, default=cores())
    args = parser.parse_args()
    start = time.perf_counter()
    paths = sample_paths(ROOT)
    criteria, inputs = load(paths.criteria, paths.inputs)
    ranking = build(criteria, inputs)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, TreePeak() as peak:
        folder = Path(tmp)
        write_tables(ranking, folder, {"bench": True})
        tables = time.perf_counter()
        files = write_reports(present(ranking, {"bench": True}, args.lang), folder, workers=args.workers).files
        done = time.perf_counter()
        pages = _pages(files)
        size = sum(f.stat().st_size for f in files)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    groups = ", ".join(f"{len(ranking.group(g.id))} {g.id}" for g in criteria.groups)
    print(f"sample: {paths.inputs} ({groups}); {len(files)} PDFs, {pages} pages, {size / 1e6:.1f} MB")
    print(f"machine: {machine()}")
    print(f"render workers: {args.workers}, lang: {args.lang}, no render cache")
    print(f"load + score + rank + robustness: {built - start:6.1f} s")
    print(f"tables:                           {tables - built:6.1f} s")
    print(f"PDFs (write_reports):             {done - tables:6.1f} s wall")
    print(f"whole run:                        {done - start:6.1f} s wall")
    print(f"peak RSS, process tree (sampled): {peak.peak_kb / 1024:6.0f} MB")
    print(f"peak RSS, this process / largest worker (getrusage): {own:.0f} MB / {child:.0f} MB")


def _pages(files: tuple[Path, ...]) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(f).pages) for f in files)


if __name__ == "__main__":
    main()
