"""CSV, read and written the one way dti does it, without loading a workbook library: every table it reads
(the inputs, a previous run's results) goes through `read_csv`, every table it writes through `csv_text`
(numbers in a fixed, locale-free form; text a spreadsheet would run as a formula neutralised), and a single
CSV that replaces a file goes through `write_csv_atomic`."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from ranking.errors import Problem, Problems
from ranking.output import write_file
from ranking.syntax import CONTROL, NUMBER, control_problem, nfc

Cell = str | int | float | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def fmt(value: float | None, decimals: int = 4) -> str:
    """A fixed, locale-free text for a number: rounded, without trailing zeros ('' for None)."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def cell_text(c: Cell) -> str:
    """A cell as our CSV files hold it: None empty, floats by `fmt` to 6 decimals, text neutralised."""
    return "" if c is None else fmt(c, 6) if isinstance(c, float) else str(neutralise(c))


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """A table as CSV text (cell_text), lines ending in LF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell_text(c) for c in row])
    return buffer.getvalue()


def write_csv_atomic(path: Path, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """A neutralised CSV that replaces `path` only once it is complete (output.write_file)."""
    write_file(path, csv_text(header, rows).encode("utf-8"))


# --- reading ------------------------------------------------------------------------------------------
# Limits (README, "Limits"): a CSV larger or longer than this is refused before its rows are read, so that
# a hostile file ends in seconds with bounded memory.
MAX_CSV_BYTES = 50_000_000
MAX_CSV_LINES = 200_000
DELIMITERS = {";": "';'", "\t": "tab", "|": "'|'"}


def file_problem(path: Path) -> Problem | None:
    """Why `path` cannot be read as an input: missing, a symbolic link, or not a regular file. A link is
    never followed, so that no input makes dti read (and publish) a file outside the inputs folder."""
    file = str(path)
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return Problem(file, "file_missing")
    except OSError as exc:
        return Problem(file, "file_unreadable", {"detail": exc.strerror})
    if stat.S_ISLNK(mode):
        return Problem(file, "file_symlink")
    if not stat.S_ISREG(mode):
        return Problem(file, "not_regular_file")
    return None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)  # neither exists on Windows


def read_bytes(path: Path, problems: Problems, max_bytes: int) -> bytes | None:
    """A regular file's bytes, read once and at most `max_bytes` of them, or None with the problem noted. What
    is parsed is these bytes and what is published is their hash, so a file replaced meanwhile (a colleague
    saving a corrected copy during a run) cannot make the two differ."""
    file = str(path)
    problem = file_problem(path)
    if problem is not None:
        problems.add(problem)
        return None
    try:  # a link or a pipe put in the file's place since file_problem looked: refused, neither followed nor waited on
        with open(os.open(path, os.O_RDONLY | _NOFOLLOW), "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                problems.add(Problem(file, "not_regular_file"))
                return None
            data = f.read(max_bytes + 1)
            size = os.fstat(f.fileno()).st_size
    except OSError as exc:
        problems.add(Problem(file, "file_unreadable", {"detail": exc.strerror}))
        return None
    if len(data) > max_bytes:
        problems.add(Problem(file, "file_too_large", {"found": megabytes(max(size, len(data))),
                                                      "accepted": megabytes(max_bytes)}))
        return None
    return data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(file: str, data: bytes, problems: Problems) -> str | None:
    """A file's bytes as UTF-8 text (a BOM is dropped), NFC-normalised, or None with the problem noted."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(Problem(file, "utf16", line=1))
        return None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(Problem(file, "not_utf8", {"found": f"0x{data[exc.start]:02x}", "offset": exc.start}, line=line))
        return None
    if "\x00" in text:
        problems.add(Problem(file, "nul_byte", line=text.count("\n", 0, text.index("\x00")) + 1))
        return None
    return nfc(text)


def read_text(path: Path, problems: Problems, max_bytes: int) -> str | None:
    """A regular file's UTF-8 text (a BOM is dropped), or None with the problems noted."""
    data = read_bytes(path, problems, max_bytes)
    return None if data is None else decode_text(str(path), data, problems)


def megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _delimiter(data: bytes, columns: Sequence[str], exact: bool) -> str | None:
    """The separator of a header that holds `columns` (exactly them, or at least them) separated by something
    other than a comma."""
    first = data.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
    for delimiter, name in DELIMITERS.items():
        found = tuple(part.strip().strip('"') for part in first.split(delimiter))
        if found == tuple(columns) if exact else set(columns) <= set(found):
            return name
    return None


def read_csv(path: Path, columns: Sequence[str], problems: Problems, missing: str | None = None,
             data: bytes | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, row) of a strict UTF-8 comma-separated file, NFC-normalised and stripped: of `data`, the
    file's bytes as read_bytes read them (so that its hash is of what is parsed), else read here. The header
    must be exactly `columns` (an input); with `missing`, a reason code, it must hold at least `columns`, in any
    order, and rows hold every column of the header (a table dti wrote, perhaps another version of it: the
    problem `missing` names the columns it lacks). A cell with a control character is a problem and its row
    is not yielded; a file over the size or line limits is refused before any row is read."""
    file = str(path)
    if data is None:
        data = read_bytes(path, problems, MAX_CSV_BYTES)
        if data is None:
            return
    delimiter = _delimiter(data[:4096], columns, missing is None)
    if delimiter is not None:
        problems.add(Problem(file, "csv_delimiter", {"found": delimiter}, line=1))
    text = decode_text(file, data, problems)
    if text is None or delimiter is not None:
        return
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > MAX_CSV_LINES:
        problems.add(Problem(file, "csv_too_many_rows", {"found": lines, "accepted": MAX_CSV_LINES}))
        return
    controls = CONTROL.search(text) is not None  # else no cell needs a look (the common case)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = tuple(h.strip() for h in next(reader, None) or ())
        if missing is not None:
            lacking = [c for c in columns if c not in header]
            if lacking:
                problems.add(Problem(file, missing, {"missing": ", ".join(lacking), "found": ",".join(header)},
                                     line=1))
                return
            columns = header
        elif header != tuple(columns):
            problems.add(Problem(file, "csv_header", {"found": ",".join(header), "accepted": ",".join(columns)},
                                 line=1))
            return
        for row in reader:
            stripped = list(map(str.strip, row))
            if not any(stripped):
                continue
            if len(row) != len(columns):
                problems.add(Problem(file, "csv_fields", {"found": len(row), "accepted": len(columns)},
                                     line=reader.line_num))
                continue
            cells = dict(zip(columns, stripped, strict=True))
            if controls:
                bad = [(c, found) for c, cell in cells.items() if (found := control_problem(cell)) is not None]
                for column, found in bad:
                    problems.add(Problem(file, "control_char", found, line=reader.line_num, column=column))
                if bad:
                    continue
            yield reader.line_num, cells
    except csv.Error as exc:
        problems.add(csv_problem(file, exc, reader.line_num))


def csv_problem(file: str, exc: csv.Error, line: int) -> Problem:
    """What the csv module refused, as a Problem: a cell over its field limit in the user's language (the
    module says it in English only), any other syntax error with the module's detail."""
    if str(exc).startswith("field larger than field limit"):
        return Problem(file, "csv_field_too_large", {"accepted": f"{csv.field_size_limit():,}"}, line=line)
    return Problem(file, "csv_syntax", {"detail": str(exc)}, line=line)
