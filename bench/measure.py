"""What the bench scripts share: peak memory of a process tree, of a finished child, and the machine."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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


def rss_mb() -> float:
    """This process's resident memory now."""
    return _rss_kb(os.getpid()) / 1024


class TreePeak:
    """The largest sum of RSS over this process and its descendants seen while running (sampled)."""

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


@dataclass(frozen=True)
class Child:
    """A finished command: wall seconds, CPU seconds (user + system, its workers included) and peak resident
    memory in MB (of its largest process)."""

    wall: float
    cpu: float
    peak_mb: float
    stdout: str
    stderr: str


def python_child(args: Sequence[str], env: dict[str, str] | None = None) -> Child:
    """`python ARGS` to its end, measured by os.wait4 on that child: its CPU time counts the workers it
    waited for, and its peak memory is the largest of its own and theirs (Linux's ru_maxrss)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True,
                                env=env)
        out = proc.stdout.read() if proc.stdout else ""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped above: Popen must not wait for it again
        err.seek(0)
        errors = err.read()
    if code != 0:
        raise SystemExit(f"failed ({code}): python {' '.join(args)}\n{errors[-3000:]}")
    return Child(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out, errors)


def machine() -> str:
    """nproc, the cores this process may use, the CPU model and the load: what a reader needs to compare."""
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    except OSError:
        pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} available), {model}, "
            f"Python {platform.python_version()}, load average {load}")
