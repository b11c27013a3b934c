"""The output folder and its staging: one writer per folder, a whole run or nothing, and nothing of anyone else
removed or replaced.

- `run`, `rank` and `report` write a whole output into a fresh staged folder beside `--out` and swap it into
  place when complete (`staged_output`); `forms` adds its workbooks into a folder without touching what is
  there (`added_files`).
- Each holds a lock for the whole command (`writer_lock`: `fcntl.flock` on a lock file beside the output, or
  in the forms' folder) that names the command, its process and its start: a second writer is refused with
  that record. Staged folders left by a killed run are removed by the next holder of the lock, which proves
  that no live dti writes them (never by process id: PID 1 in every container, other PID namespaces).
- Before any work, `folder_problems` and `file_problems` say why an output cannot be written there."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import socket
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ranking.errors import DtiError, Problem
from ranking.system import exchange, signals_held

STAGE_PREFIX = ".dti-"  # a staged folder beside OUT: .OUT.dti-TOKEN (hidden, and recognisably dti's)
LOCK_SUFFIX = ".dti-lock"  # the lock of OUT beside it: .OUT.dti-lock; in a forms folder: .dti-lock
FORMS_STAGE = ".dti-stage-"  # the forms' staged folder inside their folder: .dti-stage-TOKEN
_TOKEN = "[0-9a-f]{8}"
STAGE_MARGIN = len(STAGE_PREFIX) + 8 + len("-old") + 1  # what a staged folder's name adds to OUT's


def real(out: Path) -> Path:
    """The folder that `out` names, links resolved: the lock and the staged folder lie beside it."""
    return Path(os.path.realpath(out))


# --- the lock --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lock:
    """A held writer lock: the open lock file (its flock is the lock) at `path`."""

    path: Path
    fd: int


def lock_path(out: Path) -> Path:
    """The lock of a staged output `out`: `.OUT.dti-lock` beside it."""
    out = real(out)
    return out.with_name(f".{out.name}{LOCK_SUFFIX}")


def _holder(fd: int) -> str:
    """The record of the live writer, read from its lock file; '' while it has not written it yet."""
    for _ in range(20):  # the holder writes its record right after it takes the lock
        with contextlib.suppress(OSError):
            text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
            record = json.loads(text) if text else None
            if isinstance(record, dict):
                return (f"{record.get('command', '?')} (pid {record.get('pid', '?')}, "
                        f"{record.get('host', '?')}, {record.get('started', '?')})")
        time.sleep(0.05)
    return "?"


@contextmanager
def writer_lock(path: Path, where: Path, command: str) -> Iterator[Lock]:
    """Hold the lock file `path` for the block, else refuse (exit 2) naming the writer that holds it. The file
    records who holds it (pid, command, host, start time) and is removed when released; a killed holder's lock
    is released by the kernel, so a stale file never blocks."""
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except PermissionError:  # another user's stale lock file, read-only to us: flock works on any fd
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise DtiError([Problem(str(where), "out_busy", {"found": holder})]) from None
        try:  # the file may have been released and removed between our open and our lock: take the new one
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        writable = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDWR
        if same and not writable:
            os.unlink(path)  # a stale file we may not write: ours replaces it
            same = False
        if same:
            break
        os.close(fd)
    record = {"pid": os.getpid(), "command": command, "host": socket.gethostname(),
              "started": datetime.now(UTC).astimezone().isoformat(timespec="seconds")}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(record, ensure_ascii=False).encode("utf-8"), 0)
    try:
        yield Lock(path, fd)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still held: a writer waiting on this file takes a fresh one
        os.close(fd)


@contextmanager
def output_lock(out: Path, command: str) -> Iterator[Lock]:
    """The writer lock of a staged output `out`, for a whole command (from reading its inputs to the swap):
    the folders above `out` are made for the lock file, and removed again if the command leaves them empty."""
    made = [p for p in reversed(real(out).parents) if not p.exists()]
    for folder in made:
        folder.mkdir(exist_ok=True)
    try:
        with writer_lock(lock_path(out), out, command) as lock:
            yield lock
    finally:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty


# --- a whole output, staged and swapped --------------------------------------------------------------------------
def _leftovers(out: Path) -> list[Path]:
    """Staged folders of earlier runs on `out` (killed, or the machine stopped): with the lock of `out` held,
    no live dti writes any of them."""
    pattern = re.compile(rf"\.{re.escape(out.name)}{re.escape(STAGE_PREFIX)}{_TOKEN}(-old)?")
    return sorted(p for p in out.parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink())


def _swap(stage: Path, out: Path) -> None:
    """`stage` becomes `out`; the previous `out`, if any, ends up at `stage`. With renameat2 the two trade
    places in one step; elsewhere two renames leave `out` missing for the moment between them."""
    if out.is_dir() and exchange(stage, out):
        return
    if out.is_dir():
        old = stage.with_name(stage.name + "-old")
        out.rename(old)
        stage.rename(out)
        old.rename(stage)
    else:
        stage.rename(out)


@contextmanager
def staged_output(out: Path, lock: Lock | None = None, command: str = "dti") -> Iterator[Path]:
    """A fresh, empty folder beside `out` to write a whole output into; it replaces `out` only if the block
    completes, so `out` always holds exactly one complete run. Under the writer lock of `out` (`lock`, held by
    the caller for the whole command, else taken here), so staged folders left by killed runs on the same
    `out` are removed first."""
    out = real(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as held:
        if lock is None:
            lock = held.enter_context(writer_lock(lock_path(out), out, command))
        if lock.path != lock_path(out):
            raise ValueError(f"{lock.path} is not the lock of {out}")
        for leftover in _leftovers(out):
            shutil.rmtree(leftover, ignore_errors=True)
        stage = out.with_name(f".{out.name}{STAGE_PREFIX}{secrets.token_hex(4)}")
        stage.mkdir()  # not mkdtemp: the output keeps the usual permissions (umask), not 0700
        try:
            yield stage
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        try:
            with signals_held():  # a Ctrl-C now waits for the swap: never half an old and half a new folder
                _swap(stage, out)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        shutil.rmtree(stage, ignore_errors=True)


# --- files added into a folder of other files (the forms) --------------------------------------------------------
def _place(staged: Path, final: Path) -> None:
    """`staged` appears at `final` whole, never replacing a file there (FileExistsError): a hard link where the
    file system has them, else a copy into a file created exclusively."""
    try:
        os.link(staged, final)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
    fd = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as target, staged.open("rb") as source:
            shutil.copyfileobj(source, target)
    except BaseException:
        final.unlink(missing_ok=True)  # created by us, exclusively: ours to remove
        raise


def _existing(folder: Path, names: Iterable[str]) -> list[Problem]:
    return [Problem(str(folder / name), "out_file_exists") for name in names if os.path.lexists(folder / name)]


@contextmanager
def added_files(folder: Path, names: Sequence[str], command: str = "dti forms") -> Iterator[Path]:
    """A staged folder inside `folder` to write the files `names` into; when the block completes they are added
    to `folder` all together, each whole, none replacing a file there; if anything fails, none stays. Nothing
    else in `folder` is touched, and the folder keeps its permissions, owner, group and setgid bit. A name that
    exists is refused (exit 2, every one listed) before any work; two writers on one folder are refused by its
    lock (`.dti-lock` in it)."""
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    added: list[tuple[Path, os.stat_result]] = []
    try:
        with writer_lock(folder / LOCK_SUFFIX, folder, command):
            clash = _existing(folder, names)
            if clash:
                raise DtiError(clash)
            pattern = re.compile(rf"{re.escape(FORMS_STAGE)}{_TOKEN}")
            for leftover in folder.iterdir():  # a killed writer's: we hold the folder's lock
                if pattern.fullmatch(leftover.name) and leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
            stage = folder / f"{FORMS_STAGE}{secrets.token_hex(4)}"
            stage.mkdir()
            try:
                yield stage
                for name in names:
                    try:
                        _place(stage / name, folder / name)
                    except FileExistsError:
                        raise DtiError(_existing(folder, [name])) from None
                    added.append((folder / name, os.stat(folder / name)))
            except BaseException:
                for path, stat in added:  # only what this call placed, still the same file
                    with contextlib.suppress(OSError):
                        if os.path.samestat(os.stat(path), stat):
                            path.unlink()
                raise
            finally:
                shutil.rmtree(stage, ignore_errors=True)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        raise


# --- where an output may go ---------------------------------------------------------------------------------------
def _nearest_existing(path: Path) -> Path:
    return next(p for p in (path, *path.parents) if p.exists())


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):  # pragma: no cover - no pathconf
        return 255


def folder_problems(out: Path, keep: Iterable[Path] = (), marker: str = "run.json") -> list[Problem]:
    """Why `out` cannot receive a staged output, checked before any work so that nothing is moved or
    written: a file, a path below a file, the current folder or one above it, a mount point (it cannot be
    swapped), a name too long for a staged folder beside it, a folder that holds what the run reads (`keep`),
    a folder of other files (without `marker`), no permission to write."""
    where = str(out)
    blocker = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return [Problem(where, "out_below_file", {"found": str(blocker), "accepted": out.name})]
    if out.exists() and not out.is_dir():
        return [Problem(where, "out_not_folder")]
    real_out = out.resolve()
    cwd = Path.cwd().resolve()
    if real_out == cwd or real_out in cwd.parents:
        return [Problem(where, "out_is_cwd")]
    if out.is_dir() and os.path.ismount(real_out):
        return [Problem(where, "out_mount_point", {"accepted": str(out / "reports")})]
    longest = _name_max(_nearest_existing(real_out.parent)) - STAGE_MARGIN
    if len(os.fsencode(real_out.name)) > longest:
        return [Problem(where, "out_name_too_long", {"found": len(os.fsencode(real_out.name)), "accepted": longest})]
    problems = [Problem(where, "out_holds_inputs", {"found": str(path)})
                for path in keep if real_out == path.resolve() or real_out in path.resolve().parents]
    if problems:
        return problems[:1]
    if out.is_dir() and not (out / marker).is_file():
        others = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        if others:
            found = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
            return [Problem(where, "out_not_dti", {"found": found})]
    folders = [_nearest_existing(real_out.parent), *([real_out] if out.is_dir() else [])]
    return [Problem(where, "out_read_only", {"found": str(f)}) for f in folders if not _writable(f)][:1]


def adding_problems(out: Path, reads: Iterable[Path] = ()) -> list[Problem]:
    """Why files cannot be added into the folder `out` (the forms): a file, below a file, in a folder the
    command reads (`reads`: a draft run's folder, which holds exactly its run's files), no permission."""
    where = str(out)
    target = out.resolve()
    for read in reads:
        if read.is_dir() and (target == read.resolve() or read.resolve() in target.parents):
            return [Problem(where, "out_in_input_folder", {"found": str(read)})]
    blocker = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return [Problem(where, "out_below_file", {"found": str(blocker), "accepted": out.name})]
    if out.exists() and not out.is_dir():
        return [Problem(where, "out_not_folder_forms")]
    folder = _nearest_existing(out.resolve())
    return [] if _writable(folder) else [Problem(where, "out_read_only", {"found": str(folder)})]


def file_problems(path: Path, example: str, reads: Iterable[Path] = (),
                  ours: Callable[[Path], bool] | None = None) -> list[Problem]:
    """Why a single output file cannot be written at `path`: a folder, below a file, no permission, one of
    what the command reads (`reads`: files, or folders whose files it reads), or an existing file that `ours`
    does not recognise as one dti wrote."""
    where = str(path)
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return [Problem(where, "out_below_file", {"found": str(blocker), "accepted": path.name})]
    if path.is_dir():
        return [Problem(where, "out_is_folder", {"accepted": example})]
    target = path.resolve()
    for read in reads:
        source = read.resolve()
        if target == source or (path.exists() and read.is_file() and os.path.samefile(path, read)):
            return [Problem(where, "out_is_input", {"found": read.name})]
        if source in target.parents and read.is_dir():
            return [Problem(where, "out_in_input_folder", {"found": str(read)})]
    if path.exists() and ours is not None and not ours(path):
        return [Problem(where, "out_not_dti_file", {"accepted": example})]
    folder = _nearest_existing(target.parent)
    return [] if _writable(folder) else [Problem(where, "out_read_only", {"found": str(folder)})]


def write_file(path: Path, data: bytes) -> None:
    """A single output file that replaces `path` only once complete (a temporary file beside it, renamed):
    with the usual permissions (umask; not mkstemp's 0600), or those and the group of the file it replaces,
    so that colleagues who could read it still can."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}{STAGE_PREFIX}{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            with contextlib.suppress(FileNotFoundError):
                before = os.stat(path)
                os.fchmod(f.fileno(), stat.S_IMODE(before.st_mode))
                with contextlib.suppress(OSError):  # a group we are not in: the folder's default stays
                    os.fchown(f.fileno(), -1, before.st_gid)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def first_line_is(header: str) -> Callable[[Path], bool]:
    """Whether a file starts with exactly this CSV header line: how dti knows a CSV it wrote."""

    def check(path: Path) -> bool:
        try:
            with path.open("rb") as f:
                line = f.readline(len(header) + 8)
        except OSError:
            return False
        return line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n") == header.encode("utf-8")

    return check


def inside(folder: Path, name: str, suffix: str) -> Path:
    """folder/name+suffix, refusing any name that would land outside the folder."""
    target = (folder / f"{name}{suffix}").resolve()
    if target.parent != folder.resolve() or name in ("", ".", ".."):
        raise ValueError(f"unsafe file name {name!r}")
    return target


# --- the environment's failures -------------------------------------------------------------------------------------
ENVIRONMENT = {
    errno.ENOSPC: "env_no_space", errno.EDQUOT: "env_no_space", errno.EFBIG: "env_file_too_big",
    errno.EACCES: "env_denied", errno.EPERM: "env_denied", errno.EROFS: "env_read_only",
    errno.ENAMETOOLONG: "env_name_too_long", errno.EXDEV: "env_other_device", errno.EBUSY: "env_busy",
    errno.EIO: "env_io",
}


def environment_problem(exc: OSError, fallback: Path | str | None) -> Problem | None:
    """An operating-system failure that is the environment's, not dti's (a full disk, a file dti may not
    read, a name too long, a mount point): a problem naming the file (or the command's output), else None."""
    reason = ENVIRONMENT.get(exc.errno or 0)
    if reason is None:
        return None
    where = exc.filename if exc.filename is not None else fallback if fallback is not None else ""
    return Problem(str(where), reason, {"detail": exc.strerror or os.strerror(exc.errno or 0)})
