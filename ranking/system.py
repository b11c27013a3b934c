"""The few operating-system calls that keep a run whole: an atomic folder swap, render workers that die
with dti, signals held while a folder is swapped. Linux calls go through ctypes; elsewhere each has a
portable fallback."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h
PR_SET_PDEATHSIG = 1  # linux/prctl.h
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # no C library to load by name (Windows)
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE): there is no moment with neither.
    False where the system or the file system cannot; any other failure is raised."""
    libc = _libc()
    call = getattr(libc, "renameat2", None)
    if call is None:
        return False
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    call.restype = ctypes.c_int
    if call(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def signals_held(signals: Iterable[signal.Signals] = STOP_SIGNALS) -> Iterator[None]:
    """Delay SIGINT/SIGTERM over a short critical step (a folder swap, spawning workers); a signal that
    arrives meanwhile is delivered when the step ends. Processes started meanwhile inherit the mask."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, set(signals))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def die_with_parent(parent: int) -> None:
    """Pool initializer of a render worker: killed when dti dies, even by SIGKILL (Linux PR_SET_PDEATHSIG),
    deaf to the Ctrl-C that the terminal sends to the whole process group (dti stops its workers itself)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    libc = _libc()
    prctl = getattr(libc, "prctl", None)
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # dti died before the request above took effect
        os._exit(1)


def parent_gone() -> bool:
    """In a worker: whether the process that started it has ended (checked between documents, for the
    systems without PR_SET_PDEATHSIG)."""
    import multiprocessing  # only in a worker: `dti validate` does not pay for it

    parent = multiprocessing.parent_process()
    return parent is not None and not parent.is_alive()


def stop(processes: Iterable[BaseProcess], grace: float = 2.0) -> None:
    """End worker processes now: SIGTERM, then SIGKILL for any still running after `grace` seconds."""
    live = [p for p in processes if p.is_alive()]
    for p in live:
        p.terminate()
    for p in live:
        p.join(grace)
        if p.is_alive():
            p.kill()
            p.join(grace)


def cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and `taskset` narrow): the render
    processes and the robustness threads."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - no affinity API (macOS)
        return os.cpu_count() or 1


# What one render process takes at its peak (weasyprint laying out a breakdown with its charts and fonts,
# measured at 150–250 MB on the sample): --jobs is bounded so that the renderers fit in the memory available.
RENDERER_BYTES = 300_000_000


def available_memory(root: Path = Path("/")) -> int | None:
    """The bytes this process may still take: Linux's MemAvailable, narrowed by the cgroup's limit (a container's
    memory.max less memory.current); None where neither can be read."""
    found: list[int] = []
    with contextlib.suppress(OSError, ValueError):
        for line in (root / "proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) * 1024)
    with contextlib.suppress(OSError, ValueError):
        limit = (root / "sys/fs/cgroup/memory.max").read_text(encoding="ascii").strip()
        if limit != "max":
            used = int((root / "sys/fs/cgroup/memory.current").read_text(encoding="ascii"))
            found.append(max(0, int(limit) - used))
    return min(found) if found else None


def renderers(requested: int | None, root: Path = Path("/")) -> int:
    """How many render processes to start: `requested` (default: every core), but at most one per core (more
    only wait for a core and take memory) and one per RENDERER_BYTES of available memory; at least one."""
    memory = available_memory(root)
    fit = cores() if memory is None else max(1, memory // RENDERER_BYTES)
    return max(1, min(requested or cores(), cores(), fit))
