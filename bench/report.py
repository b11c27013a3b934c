"""Time the PDFs of the bundled sample (the publication plus one breakdown per unit) and their memory.

Prints the wall time of `write_reports` alone and of the whole run, and the peak resident memory of the
process tree (this process and its render workers, summed, sampled every 50 ms from /proc), besides the
getrusage peaks of this process and of its largest child.

    .venv/bin/python bench/report.py [--lang vi|en] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

from ranking.pipeline import build, load, sample_paths
from ranking.report import write_reports
from ranking.tables import write_tables

ROOT = Path(__file__).resolve().parent.parent


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def _children(pid: int) -> list[int]:
    """Every descendant of `pid`, from the kernel's per-thread lists of child processes."""
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids: list[int] = []
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    kids.extend(int(k) for k in f.read().split())
        except OSError:
            continue
        found.extend(kids)
        frontier.extend(kids)
    return found


class TreePeak:
    """The largest sum of RSS over this process and its descendants seen while running."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total = _rss_kb(me) + sum(_rss_kb(p) for p in _children(me))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--workers", type=int, default=2)
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
        files = write_reports(ranking, folder, {"bench": True}, args.lang, workers=args.workers)
        done = time.perf_counter()
        pages = _pages(files)
        size = sum(f.stat().st_size for f in files)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    groups = ", ".join(f"{len(ranking.group(g.id))} {g.id}" for g in criteria.groups)
    print(f"sample: {paths.inputs} ({groups}); {len(files)} PDFs, {pages} pages, {size / 1e6:.1f} MB")
    print(f"cores: {os.cpu_count()}, render workers: {args.workers}, lang: {args.lang}")
    print(f"load + score + rank + robustness: {built - start:6.1f} s")
    print(f"tables:                           {tables - built:6.1f} s")
    print(f"PDFs (write_reports):             {done - tables:6.1f} s wall")
    print(f"whole run:                        {done - start:6.1f} s wall")
    print(f"peak RSS, process tree (sampled): {peak.peak_kb / 1024:6.0f} MB")
    print(f"peak RSS, this process / largest worker (getrusage): {own:.0f} MB / {child:.0f} MB")


def _pages(files: list[Path]) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(f).pages) for f in files)


if __name__ == "__main__":
    main()
