"""Times the robustness analysis: 126 units × 8 pillars × 10,000 draws, vectorised and chunked as `dti` runs
it (analyse_group; target under 1 s), and the same draws through a per-draw scikit-criteria loop (target: the
vectorised analysis ≥ 100× faster). --units 3321 gives the national case's commune group; --units 20000 a
group of 20,000 (its percentiles found by a radix selection in two passes, memory linear in the units). The
peak resident memory is the process's after the vectorised runs (ru_maxrss), before the loop.

Run: .venv/bin/python bench/robustness.py [--draws N] [--loop-draws N] [--repeat N]
The loop runs every draw (with --loop-draws N: the first N, extrapolated, and it says so); it uses
scikit-criteria's WeightedSumModel, WeightedProductModel and TOPSIS (ranking.scoring.skcriteria_scores)
and ranks each draw with ranking.competition_ranks. The matrix is synthetic and seeded (all achievements
positive, every pillar applicable: what scikit-criteria's models take without per-unit weights)."""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time

import numpy as np

from ranking.criteria import RobustnessSpec
from ranking.ranking import competition_ranks, competition_ranks_rows
from ranking.robustness import METHODS, Draws, Pillars, analyse_group, draw_scores, interval, sample
from ranking.scoring import skcriteria_scores

PILLARS = 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--loop-draws", type=int, default=10_000, help="draws timed in the scikit-criteria loop")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--units", type=int, default=126)
    args = parser.parse_args()
    units = args.units
    rng = np.random.default_rng(2025)
    achievement = rng.uniform(0.3, 1.0, size=(units, PILLARS))
    weights = rng.uniform(50, 200, size=PILLARS)
    p = Pillars(achievement, np.ones_like(achievement), weights / weights.sum())
    spec = RobustnessSpec(concentration=50, draws=args.draws, seed=0, leave_one_out=True)
    official = competition_ranks(achievement @ p.weights)

    def vectorised() -> float:
        start = time.perf_counter()
        analyse_group("communes", p, official, spec, np.random.default_rng(spec.seed))
        return time.perf_counter() - start

    times = [vectorised() for _ in range(args.repeat)]
    fast = statistics.median(times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    draws = sample(p.weights, spec, np.random.default_rng(spec.seed))

    skcriteria_scores("topsis", achievement, p.weights)  # import and warm up outside the timing
    n = min(args.loop_draws, args.draws)
    start = time.perf_counter()
    loop_ranks = np.array([
        competition_ranks(skcriteria_scores(METHODS[m], achievement, w))
        for w, m in zip(draws.weights[:n], draws.methods[:n], strict=True)
    ])
    interval(loop_ranks)
    loop = (time.perf_counter() - start) * args.draws / n

    ranks = competition_ranks_rows(draw_scores(p, Draws(draws.weights[:n], draws.methods[:n], draws.dropped[:n])))
    same = np.array_equal(loop_ranks, ranks)
    print(f"$ {' '.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}")
    print(f"{units} units × {PILLARS} pillars × {args.draws:,} draws (Dirichlet c=50, 3 methods, leave one out)")
    print(f"vectorised numpy, chunked (analyse_group): median {fast:.3f} s of {args.repeat} runs "
          f"(min {min(times):.3f}, max {max(times):.3f}); peak resident memory {peak_mb:.0f} MB")
    how = "measured" if n == args.draws else f"measured on {n:,} draws, extrapolated"
    print(f"scikit-criteria per-draw loop: {loop:.1f} s ({how}; {loop / args.draws * 1e3:.2f} ms a draw)")
    print(f"ratio: {loop / fast:.0f}× faster; ranks identical on the {n:,} looped draws: {same}")


if __name__ == "__main__":
    main()
