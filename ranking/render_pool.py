"""The render process pool: documents (file, HTML) made into files by a picklable `render` function, from the
render cache when their content is unchanged, else in spawned worker processes that die with dti. Apart from
report.py so that the pool knows nothing of PDFs, templates or weasyprint."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ranking.render_cache import RenderCache
from ranking.system import die_with_parent, signals_held, stop

Step = Callable[[int, int], None]
Render = Callable[[str, RenderCache | None], bytes]
"""A top-level (picklable) function making one document's bytes from its HTML."""


@dataclass(frozen=True)
class Reports:
    """What write_reports wrote: every file (the publication first) and, by name inside the output folder
    (`dti-2025.pdf`, `units/UNIT.pdf`), which documents were rendered and which came from the render cache."""

    files: tuple[Path, ...]
    rendered: tuple[str, ...]
    reused: tuple[str, ...]


Job = tuple[Path, str, str]
"""A document to render: its file, its cache key ('' without a cache) and its HTML."""
Meanwhile = Callable[[], Collection[str]]
"""This process's own work while the render processes finish (the workbook, the site): it shortens a re-run
whose last task is the publication; returns the render-cache keys it used, kept when the cache is pruned."""


def render_documents(jobs: Iterable[tuple[Path, str]], render: Render, folder: Path, cache: RenderCache | None,
                     workers: int, progress: Step | None = None, total: int = 0,
                     meanwhile: Meanwhile | None = None, keep: Collection[str] = ()) -> Reports:
    """Every document (file, HTML) from the cache when its key is there, else made by `render` (in this
    process for one worker); the files lie in `folder`; `progress(done, total)` after each; `meanwhile` as soon
    as the last document is handed to a worker (with one worker, after the last is rendered). The cache then
    keeps this run's entries, those `meanwhile` used and the keys of the texts in `keep`."""
    files: list[Path] = []
    rendered: list[str] = []
    reused: list[str] = []
    keys: set[str] = set()
    written = 0

    def misses() -> Iterator[Job]:
        for path, html in jobs:
            files.append(path)
            name = path.relative_to(folder).as_posix()
            key = cache.key(html) if cache is not None else ""
            keys.add(key)
            pdf = cache.get(key) if cache is not None else None
            if pdf is None:
                rendered.append(name)
                yield path, key, html
            else:
                reused.append(name)
                path.write_bytes(pdf)
                step()

    def write(job: Job, pdf: bytes) -> None:
        job[0].write_bytes(pdf)
        if cache is not None:
            cache.put(job[1], pdf)
        step()

    def step() -> None:
        nonlocal written
        written += 1
        if progress is not None:
            progress(written, total)

    used: set[str] = set()

    def own_work() -> None:
        if meanwhile is not None:
            used.update(meanwhile())

    if workers < 2:
        for job in misses():
            write(job, render(job[2], cache))
        own_work()
    else:
        _parallel(misses(), render, write, workers, cache, own_work)
    if cache is not None:
        cache.prune(keys | {cache.key(name) for name in keep} | used - {""})
    return Reports(tuple(files), tuple(rendered), tuple(reused))


def _parallel(jobs: Iterator[Job], render: Render, write: Callable[[Job, bytes], None], workers: int,
              store: RenderCache | None, meanwhile: Callable[[], None]) -> None:
    """One document per task to `workers` spawned processes (no forked state), the longest first, so that no
    worker is left with a long queue when the others finish. The pool starts with the first document to
    render (nothing to render, no process) and holds two tasks per worker: HTML is made only as fast as the
    workers take it. The workers die with dti; on any error or signal (KeyboardInterrupt, SIGTERM raised as an
    exception by the command line) the queued documents are cancelled and the workers ended before the
    exception goes on, so nothing writes into the staged folder while it is removed. Once every document is
    handed out, this process does `meanwhile` while the workers finish."""
    import multiprocessing

    running: dict[Future[bytes], Job] = {}
    pool: ProcessPoolExecutor | None = None
    before = set(multiprocessing.active_children())
    try:
        for job in jobs:
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=die_with_parent, initargs=(os.getpid(),))
            with signals_held((signal.SIGINT,)):  # a worker started here is deaf to the terminal's Ctrl-C
                running[pool.submit(render, job[2], store)] = job
            if len(running) >= 2 * workers:
                _collect(running, write, FIRST_COMPLETED)
        meanwhile()
        _collect(running, write, ALL_COMPLETED)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            stop(p for p in multiprocessing.active_children() if p not in before)
        raise
    if pool is not None:
        pool.shutdown()


def _collect(running: dict[Future[bytes], Job], write: Callable[[Job, bytes], None], when: str) -> None:
    done, _ = wait(running, return_when=when)
    for future in done:
        write(running.pop(future), future.result())
