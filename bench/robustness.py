"""Times the robustness analysis: 126 units × 8 pillars × 10,000 draws, vectorised (target under 1 s), and
the same draws through a per-draw scikit-criteria loop (target: the vectorised analysis ≥ 100× faster).

Run: .venv/bin/python bench/robustness.py [--draws N] [--loop-draws N] [--repeat N]
The loop runs every draw (with --loop-draws N: the first N, extrapolated, and it says so); it uses
scikit-criteria's WeightedSumModel, WeightedProductModel and TOPSIS (ranking.scoring.skcriteria_scores)
and ranks each draw with ranking.competition_ranks. The matrix is synthetic and seeded (all achievements
positive, every pillar applicable: what scikit-criteria's models take without per-unit weights)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from ranking.criteria import RobustnessSpec
from ranking.ranking import competition_ranks
from ranking.robustness import METHODS, Draws, IntArray, Pillars, interval, simulate, summarise
from ranking.scoring import skcriteria_scores

UNITS, PILLARS = 126, 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--loop-draws", type=int, default=10_000, help="draws timed in the scikit-criteria loop")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(2025)
    achievement = rng.uniform(0.3, 1.0, size=(UNITS, PILLARS))
    weights = rng.uniform(50, 200, size=PILLARS)
    p = Pillars(achievement, np.ones_like(achievement), weights / weights.sum())
    spec = RobustnessSpec(concentration=50, draws=args.draws, seed=0, leave_one_out=True)

    def vectorised() -> tuple[float, IntArray, Draws]:
        start = time.perf_counter()
        draws, ranks = simulate(p, spec, np.random.default_rng(spec.seed))
        official = competition_ranks(achievement @ p.weights)
        summarise("communes", p, official, draws, ranks, spec)
        return time.perf_counter() - start, ranks, draws

    times = []
    for _ in range(args.repeat):
        elapsed, ranks, draws = vectorised()
        times.append(elapsed)
    fast = statistics.median(times)

    skcriteria_scores("topsis", achievement, p.weights)  # import and warm up outside the timing
    n = min(args.loop_draws, args.draws)
    start = time.perf_counter()
    loop_ranks = np.array([
        competition_ranks(skcriteria_scores(METHODS[m], achievement, w))
        for w, m in zip(draws.weights[:n], draws.methods[:n], strict=True)
    ])
    interval(loop_ranks)
    loop = (time.perf_counter() - start) * args.draws / n

    same = np.array_equal(loop_ranks, ranks[:n])
    print(f"$ {' '.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}")
    print(f"{UNITS} units × {PILLARS} pillars × {args.draws:,} draws (Dirichlet c=50, 3 methods, leave one out)")
    print(f"vectorised numpy: median {fast:.3f} s of {args.repeat} runs (min {min(times):.3f}, max {max(times):.3f})")
    how = "measured" if n == args.draws else f"measured on {n:,} draws, extrapolated"
    print(f"scikit-criteria per-draw loop: {loop:.1f} s ({how}; {loop / args.draws * 1e3:.2f} ms a draw)")
    print(f"ratio: {loop / fast:.0f}× faster; ranks identical on the {n:,} looped draws: {same}")


if __name__ == "__main__":
    main()
