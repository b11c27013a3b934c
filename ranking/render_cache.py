"""The render cache: finished PDFs kept beside the output, so that a re-run renders only the documents whose
content changed. A document's key is the SHA-256 of exactly what decides its bytes: its HTML (which carries
the report date), the bytes of the assets it may load, the renderer's code and the versions of dti, weasyprint,
pydyf, fontTools and zlib (which compresses its streams). Equal keys give byte-identical PDFs, so an entry
stands in for a render.

An entry is one file `KEY.entry`: a header line, the key, the SHA-256 of the PDF, then the PDF. An entry whose
header, key, digest or PDF framing does not check out (a torn write, a copy under another name, a file from
another tool) is ignored and rendered again, never published. The cache is bounded (`prune`) and safe to
delete at any time; failing to read or write it never fails a run. It guards against accidents, not against
someone who can write to the cache folder (who could as well write to the output).

The cache deletes only what it can prove is its own, in a folder it owns: a folder it created, or found empty
or holding only its entries, carries the marker file `.dti-render-cache`; pruning happens only there, and
removes only files named as its entries or temporary files whose first bytes are its header. A folder of
other files (a shared cache, /tmp) is refused before a run (`cache_problems`) and never written or pruned."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
import zlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

from ranking import __version__
from ranking.errors import Problem

MAGIC = b"dti-render-cache 1\n"
SUFFIX = ".entry"
MARKER = ".dti-render-cache"  # in a folder the cache owns; holds MAGIC
TEMP_PREFIX = ".dti-"  # an entry being written: .dti-RANDOM.tmp
KEEP_RUNS = 3  # entries kept: this many runs' worth of documents (e.g. vi and en, draft and final)
MAX_BYTES = 2 * 1024**3  # and at most this many bytes, unless the current run alone needs more
STALE = 3600  # seconds after which a temporary file is a crashed run's, not a running one's
_DIGEST = 64  # hex characters of a SHA-256
_ENTRY = re.compile(rf"[0-9a-f]{{{_DIGEST}}}{re.escape(SUFFIX)}")
_TEMP = re.compile(rf"{re.escape(TEMP_PREFIX)}[A-Za-z0-9_]+\.tmp")
Kind = Literal["pdf", "xlsx", "font"]
FRAMING: dict[Kind, tuple[bytes, bytes]] = {  # what a whole body of each kind starts and ends with
    "pdf": (b"%PDF-", b"%%EOF"),
    "xlsx": (b"PK\x03\x04", b""),  # a zip archive; its end record is checked apart (it may carry a comment)
    "font": (b"\x00\x01\x00\x00", b""),  # a TrueType font
}


def default_folder(out: Path) -> Path:
    """A hidden sibling of the output folder: not inside it (a run replaces the output whole), not matched
    by the `.NAME.*` names of staged and old outputs."""
    return out.with_name(f".{out.name}-cache")


def package_version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - declared dependencies
        return "?"


def render_salt(assets: Iterable[Path], renderer: Path) -> str:
    """What every key shares: the versions, the renderer's source and the assets' bytes (the source files:
    the fonts a report embeds are derived from them by fontTools, whose version is included)."""
    digest = hashlib.sha256()
    for path in (renderer, *assets):
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    versions = ";".join(f"{p}={package_version(p)}" for p in ("weasyprint", "pydyf", "fonttools"))
    return f"dti={__version__};{versions};zlib={zlib.ZLIB_RUNTIME_VERSION};{digest.hexdigest()}"


@dataclass(frozen=True)
class RenderCache:
    folder: Path
    salt: str

    def key(self, html: str) -> str:
        return hashlib.sha256(f"{self.salt}\n".encode() + html.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str, kind: Kind = "pdf") -> bytes | None:
        """The body of `kind` stored under `key`, or None when there is none or the entry does not check
        out."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        found = unpack(data, key, kind)
        if found is not None:
            with contextlib.suppress(OSError):  # least recently used goes first when pruning
                os.utime(self._path(key))
        return found

    def put(self, key: str, body: bytes) -> None:
        """Store `body` (a PDF, a workbook or a trimmed font) under `key`, atomically; a cache that cannot be
        written is skipped."""
        try:
            if not claim(self.folder):
                return
            fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(pack(key, body))
                os.replace(temp, self._path(key))
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            return

    def prune(self, used: Collection[str]) -> None:
        """Bound the cache: keep the entries of this run, then the most recently used others while there are
        fewer than KEEP_RUNS × len(used) entries and MAX_BYTES; remove the rest and stale temporary files. Only
        in a folder the cache owns, and only files that carry its header."""
        if not owned(self.folder):
            return
        try:
            listing = [(p, p.stat()) for p in self.folder.iterdir() if _ENTRY.fullmatch(p.name) or
                       _TEMP.fullmatch(p.name)]
        except OSError:
            return
        listing = [(p, s) for p, s in listing if _ours(p)]
        entries = sorted(((p, s) for p, s in listing if p.name.endswith(SUFFIX)),
                         key=lambda ps: (ps[0].name.removesuffix(SUFFIX) not in used, -ps[1].st_mtime))
        count, size = 0, 0
        for path, stat in entries:
            count, size = count + 1, size + stat.st_size
            current = path.name.removesuffix(SUFFIX) in used
            if not current and (count > KEEP_RUNS * len(used) or size > MAX_BYTES):
                path.unlink(missing_ok=True)
        for path, stat in listing:
            if path.name.endswith(".tmp") and time.time() - stat.st_mtime > STALE:
                path.unlink(missing_ok=True)


def _ours(path: Path) -> bool:
    """Whether a file starts with the cache's header (an entry under another key, or torn, is still its own)."""
    try:
        with path.open("rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def owned(folder: Path) -> bool:
    """Whether `folder` is a render cache's own (it carries the marker)."""
    try:
        return (folder / MARKER).read_bytes() == MAGIC
    except OSError:
        return False


def foreign(folder: Path) -> list[str]:
    """The files in `folder` that are not the cache's (none when it owns the folder or the folder is new)."""
    if owned(folder):
        return []
    try:
        names = sorted(p.name for p in folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError:
        return [folder.name]
    return [n for n in names if not ((_ENTRY.fullmatch(n) or _TEMP.fullmatch(n)) and _ours(folder / n))]


def claim(folder: Path) -> bool:
    """Make `folder` the cache's own if it is new, empty or holds only cache files (an older dti's cache),
    and say whether it is."""
    if owned(folder):
        return True
    folder.mkdir(parents=True, exist_ok=True)
    if foreign(folder):
        return False
    (folder / MARKER).write_bytes(MAGIC)
    return True


def cache_problems(folder: Path) -> list[Problem]:
    """Why `folder` cannot be the render cache: a file, or a folder of other files."""
    if folder.exists() and not folder.is_dir():
        return [Problem(str(folder), "cache_not_dti", {"found": folder.name})]
    others = foreign(folder)
    if not others:
        return []
    found = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
    return [Problem(str(folder), "cache_not_dti", {"found": found})]


def pack(key: str, body: bytes) -> bytes:
    return MAGIC + key.encode("ascii") + b"\n" + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


def unpack(data: bytes, key: str, kind: Kind = "pdf") -> bytes | None:
    """The body of an entry if its header, key, digest and the framing of its `kind` all check out, else
    None."""
    start = len(MAGIC)
    head, body = data[:start + 2 * (_DIGEST + 1)], data[start + 2 * (_DIGEST + 1):]
    if not head.startswith(MAGIC) or head[start:start + _DIGEST + 1] != key.encode("ascii") + b"\n":
        return None
    if head[start + _DIGEST + 1:] != hashlib.sha256(body).hexdigest().encode("ascii") + b"\n":
        return None
    start_with, end_with = FRAMING[kind]
    if not body.startswith(start_with) or not body.rstrip().endswith(end_with):
        return None
    if kind == "xlsx" and b"PK\x05\x06" not in body[-65_557:]:  # a zip's end record: within 22 + 65,535 bytes
        return None
    return body
