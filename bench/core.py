"""Times `dti validate` and `dti rank` on the bundled sample as a user runs them (fresh processes).

Run: .venv/bin/python bench/core.py [--repeat N]
`dti validate` must stay under 1.5 s on a 2-core machine: it must not import scikit-criteria or weasyprint."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2025"


def wall(args: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ranking", *args], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    common = ["--criteria", f"criteria/hanoi-{YEAR}.yaml", "--inputs", f"inputs/{YEAR}"]
    with tempfile.TemporaryDirectory() as out:
        cases = {
            "python -c pass (interpreter start)": None,
            "dti validate": ["validate", *common],
            "dti rank": ["rank", *common, "--out", out],
        }
        print(f"sample {YEAR}: 143 units, 81 indicators; {repeat} runs each, wall seconds")
        for name, args in cases.items():
            if args is None:
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-c", "pass"], check=True)
                    times.append(time.perf_counter() - start)
            else:
                times = wall(args, repeat)
            print(f"  {name:<36} median {statistics.median(times):6.3f}  min {min(times):6.3f}  max {max(times):6.3f}")


if __name__ == "__main__":
    main()
