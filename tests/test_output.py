"""Data the user owns (issue 21): one writer per folder, forms added without replacing anything, single-file
outputs that never overwrite an input or a file dti did not write, a render cache that deletes only its own, and
the environment's failures (full disk, file-size limit, no permission, long names, mount points, a malformed
SOURCE_DATE_EPOCH) as exit 2 with the previous output untouched. Through the real command in subprocesses."""

from __future__ import annotations

import contextlib
import os
import resource
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ranking.criteria import load_criteria
from ranking.errors import DtiError
from ranking.forms import write_unit_forms
from ranking.inputs import load_units
from ranking.output import LOCK_SUFFIX, lock_path, writer_lock
from ranking.render_cache import MAGIC, MARKER, SUFFIX, RenderCache
from tests.conftest import write_case

ROOT = Path(__file__).resolve().parent.parent
DTI = [sys.executable, "-m", "ranking"]
EPOCH = "1767225600"
TABLES = ["indicator_scores.csv", "results.csv", "results.xlsx", "run.json"]


def dti(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
        preexec: Callable[[], None] | None = None, user: int | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] if user is not None else []
    return subprocess.run([*prefix, *DTI, *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False,
                          env=environment, preexec_fn=preexec)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(result: subprocess.CompletedProcess[str], pattern: str) -> None:
    """Exit 2, the message, and no traceback nor 'defect'."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "lỗi của dti" not in result.stderr
    assert __import__("re").search(pattern, result.stderr), result.stderr


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, Path]:
    return write_case(tmp_path / "case")


def rank(case: tuple[Path, Path], out: Path, *more: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return dti("rank", "--criteria", case[0], "--inputs", case[1], "--out", out, "--quiet", *more, **kw)  # type: ignore[arg-type]


# --- one folder, one writer (items 10 and 15) ----------------------------------------------------------------
def test_a_second_writer_on_one_folder_is_refused_naming_the_first(case: tuple[Path, Path], tmp_path: Path) -> None:
    """A `dti run` renders; a `dti rank` on the same folder meanwhile is refused (exit 2) with the run's
    command, pid and start, and the run completes: no update is lost."""
    out = tmp_path / "reports"
    first = subprocess.Popen([*DTI, "run", "--criteria", str(case[0]), "--inputs", str(case[1]), "--out", str(out),
                              "--quiet", "--jobs", "1", "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH})
    deadline = time.monotonic() + 60
    while not (lock_path(out).is_file() and lock_path(out).stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.01)  # the barrier: the run holds the lock and has written its record
    second = rank(case, out)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    refused(second, rf"reports: một lệnh dti khác đang ghi vào đây: dti run \(pid {first.pid}, .+, 20\d\d-.+\); "
                    r"hãy đợi nó xong")
    assert "dti-2025.pdf" in snapshot(out)  # the run's output, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == [".reports-cache", "case", "reports"] or \
        sorted(p.name for p in tmp_path.iterdir()) == ["case", "reports"]


def test_the_refusal_in_english_and_the_lock_is_taken_by_the_whole_command(case: tuple[Path, Path],
                                                                          tmp_path: Path) -> None:
    out = tmp_path / "reports"
    with writer_lock(lock_path(out), out, "dti report"):
        result = rank(case, out, "--lang", "en")
    refused(result, r"reports: another dti command is writing here: dti report \(pid \d+, .+\); wait until it ends")
    assert not out.exists()
    assert rank(case, out).returncode == 0
    assert sorted(snapshot(out)) == TABLES and not lock_path(out).exists()


def test_a_killed_runs_staged_folder_goes_with_the_next_run_even_as_pid_1(case: tuple[Path, Path],
                                                                          tmp_path: Path) -> None:
    """SIGKILL mid-run leaves a staged folder and a lock file, both named without a pid: the next run takes
    the free lock and removes the folder (a pid check would keep it forever as PID 1 in a container)."""
    out = tmp_path / "reports"
    assert rank(case, out).returncode == 0
    before = snapshot(out)
    killed = subprocess.Popen([*DTI, "run", "--criteria", str(case[0]), "--inputs", str(case[1]), "--out", str(out),
                               "--quiet", "--jobs", "1", "--no-cache"], stderr=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".reports.dti-????????")) and time.monotonic() < deadline:
        time.sleep(0.01)
    killed.kill()
    killed.wait()
    assert snapshot(out) == before
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".reports.dti-"))
    assert len(left) >= 1
    assert rank(case, out).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "reports"]


# --- forms added into their folder (item 2) ------------------------------------------------------------------
def test_forms_are_added_beside_what_is_there_keeping_the_folders_mode_and_group(case: tuple[Path, Path],
                                                                                 tmp_path: Path) -> None:
    out = tmp_path / "forms"
    out.mkdir()
    os.chown(out, -1, 4321)
    out.chmod(0o2775)
    (out / "returned.xlsx").write_bytes(b"a unit's filled form")
    (out / "notes.txt").write_text("ghi chú", encoding="utf-8")
    before = os.stat(out)
    result = dti("forms", "--criteria", case[0], "--units", case[1] / "units.csv", "--out", out)
    assert result.returncode == 0, result.stderr
    after = os.stat(out)
    assert (after.st_ino, after.st_mode, after.st_gid) == (before.st_ino, before.st_mode, before.st_gid)
    assert stat.S_IMODE(after.st_mode) == 0o2775
    names = sorted(p.name for p in out.iterdir())
    assert names == ["a1.xlsx", "a2.xlsx", "a3.xlsx", "b1.xlsx", "b2.xlsx", "notes.txt", "returned.xlsx"]
    assert (out / "returned.xlsx").read_bytes() == b"a unit's filled form"
    assert all((out / n).stat().st_gid == 4321 for n in names)  # the setgid folder's group, as its own files


def test_a_file_added_while_forms_are_written_is_kept(case: tuple[Path, Path], tmp_path: Path) -> None:
    """A form returned into the folder during the writing (here: after the second workbook) is never removed."""
    criteria = load_criteria(case[0])
    units = load_units(criteria, case[1] / "units.csv")
    out = tmp_path / "forms"

    def returned(done: int, total: int) -> None:
        if done == 2:
            (out / "returned.xlsx").write_bytes(b"returned meanwhile")

    written = write_unit_forms(criteria, units, out, progress=returned)
    assert (out / "returned.xlsx").read_bytes() == b"returned meanwhile"
    assert sorted(p.name for p in out.iterdir()) == sorted(["returned.xlsx", *(p.name for p in written)])


def test_a_form_of_the_same_name_added_meanwhile_stops_all_and_is_kept(case: tuple[Path, Path],
                                                                       tmp_path: Path) -> None:
    criteria = load_criteria(case[0])
    units = load_units(criteria, case[1] / "units.csv")
    out = tmp_path / "forms"

    def returned(done: int, total: int) -> None:
        if done == total:
            (out / "b2.xlsx").write_bytes(b"b2 returned meanwhile")

    with pytest.raises(DtiError, match=r"b2\.xlsx: tệp đã có; dti forms chỉ thêm phiếu mới"):
        write_unit_forms(criteria, units, out, progress=returned)
    assert snapshot(out) == {"b2.xlsx": b"b2 returned meanwhile"}  # none of ours stays, theirs does


def test_two_forms_at_once_the_second_is_refused(case: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "forms"
    out.mkdir()
    with writer_lock(out / LOCK_SUFFIX, out, "dti forms"):
        result = dti("forms", "--criteria", case[0], "--units", case[1] / "units.csv", "--out", out)
    refused(result, r"forms: một lệnh dti khác đang ghi vào đây: dti forms \(pid \d+")
    assert list(out.iterdir()) == []


# --- single-file outputs (item 3) -----------------------------------------------------------------------------------
def test_collect_refuses_its_inputs_and_files_it_did_not_write(case: tuple[Path, Path], tmp_path: Path) -> None:
    criteria, inputs = case
    forms = tmp_path / "forms"
    assert dti("forms", "--criteria", criteria, "--units", inputs / "units.csv", "--out", forms).returncode == 0
    units = inputs / "units.csv"
    notes = tmp_path / "notes.csv"
    notes.write_text("tên,ghi chú\n", encoding="utf-8")
    kept = {p: p.read_bytes() for p in (units, criteria, forms / "a1.xlsx", notes)}
    args = ["collect", "--criteria", criteria, "--units", units, forms]
    refused(dti(*args, "--out", units), r"units\.csv: là tệp mà lệnh này đọc \(units\.csv\); hãy ghi ra một tệp khác")
    refused(dti(*args, "--out", criteria), r"criteria\.yaml: là tệp mà lệnh này đọc")
    refused(dti(*args, "--out", forms / "a1.xlsx"), r"a1\.xlsx: nằm trong thư mục .*forms mà lệnh này đọc")
    refused(dti(*args, "--out", notes, "--lang", "en"),
            r"notes\.csv: the file exists and was not written by dti \(its first line or id is not that of "
            r"self_assessment\.csv\); dti does not overwrite it")
    assert {p: p.read_bytes() for p in kept} == kept
    target = tmp_path / "self_assessment.csv"
    assert dti(*args, "--out", target, "--partial").returncode in (0, 2)
    first = target.read_bytes()
    assert first.startswith(b"unit,indicator,value,denominator,evidence\n")
    assert dti(*args, "--out", target, "--partial").returncode in (0, 2)  # its own file: replaced
    assert target.read_bytes() == first
    refused(dti(*args, "--out", target, "--appraisal"), r"không do dti ghi .*appraisal\.csv")


def test_diff_and_schema_refuse_what_they_read_or_did_not_write(case: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    assert rank(case, old).returncode == 0 and rank(case, new).returncode == 0
    before = snapshot(old)
    refused(dti("diff", old, new, "--out", old / "results.csv"), r"results\.csv: nằm trong thư mục .*old mà lệnh")
    refused(dti("diff", old, new, "--out", new / "diff.csv"), r"diff\.csv: nằm trong thư mục .*new mà lệnh")
    refused(dti("diff", old, new, "--out", case[0]), r"criteria\.yaml: tệp đã có và không do dti ghi")
    assert snapshot(old) == before and not (new / "diff.csv").exists()
    target = tmp_path / "changes.csv"
    assert dti("diff", old, new, "--out", target).returncode == 0
    assert dti("diff", old, new, "--out", target).returncode == 0  # its own: replaced
    schema = tmp_path / "dti-criteria.schema.json"
    assert dti("schema", "--out", schema).returncode == 0
    assert dti("schema", "--out", schema).returncode == 0
    criteria_bytes = case[0].read_bytes()
    refused(dti("schema", "--out", case[0]), r"criteria\.yaml: tệp đã có và không do dti ghi .*dti-criteria")
    other = tmp_path / "other.schema.json"
    other.write_text('{"title": "something else"}', encoding="utf-8")
    refused(dti("schema", "--out", other), r"other\.schema\.json: tệp đã có và không do dti ghi")
    assert case[0].read_bytes() == criteria_bytes and other.read_text(encoding="utf-8") == '{"title": "something else"}'


# --- the render cache deletes only its own (item 1) ----------------------------------------------------------------
def test_a_shared_folder_of_foreign_files_is_refused_as_cache_and_left_alone(case: tuple[Path, Path],
                                                                             tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    foreign = {"build.tmp": b"someone's", f"{'ab' * 32}{SUFFIX}": b"another tool's entry", ".x.tmp": b""}
    for name, data in foreign.items():
        (shared / name).write_bytes(data)
        os.utime(shared / name, (0, 0))  # old: what pruning would have removed
    result = dti("run", "--criteria", case[0], "--inputs", case[1], "--out", tmp_path / "out", "--cache", shared,
                 "--no-site")
    refused(result, r"shared: thư mục bộ nhớ đệm đã có \.x\.tmp, abab.*build\.tmp, không do dti ghi; dti chỉ xóa "
                    r"mục của chính nó")
    assert snapshot(shared) == foreign and not (tmp_path / "out").exists()


def test_pruning_deletes_only_entries_with_its_header_in_its_own_folder(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "cache", "salt")
    keys = [cache.key(str(i)) for i in range(8)]
    for age, key in enumerate(keys, start=1):
        cache.put(key, b"%PDF-1.7\n%%EOF\n")
        os.utime(cache.folder / f"{key}{SUFFIX}", (age, age))  # the last, the most recently used
    assert (cache.folder / MARKER).read_bytes() == MAGIC
    ours_stale = cache.folder / ".dti-abc123.tmp"
    ours_stale.write_bytes(MAGIC + b"torn")
    theirs = {f"{'cd' * 32}{SUFFIX}": b"not ours", ".dti-zzz.tmp": b"not ours either", "x.tmp": b""}
    for name, data in theirs.items():
        (cache.folder / name).write_bytes(data)
    for path in (ours_stale, *(cache.folder / n for n in theirs)):
        os.utime(path, (0, 0))
    cache.prune({keys[0]})
    left = {p.name for p in cache.folder.iterdir()}
    assert left == {MARKER, f"{keys[0]}{SUFFIX}", *(f"{k}{SUFFIX}" for k in keys[-2:]), *theirs}
    (cache.folder / MARKER).unlink()  # not its folder any more: nothing is pruned
    cache.prune(set())
    assert {p.name for p in cache.folder.iterdir()} == left - {MARKER}


def test_an_older_dtis_cache_of_entries_only_is_adopted(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "cache", "salt")
    cache.put(cache.key("x"), b"%PDF-1.7\n%%EOF\n")
    (cache.folder / MARKER).unlink()
    cache.put(cache.key("y"), b"%PDF-1.7\n%%EOF\n")
    assert (cache.folder / MARKER).is_file() and cache.get(cache.key("x")) is not None


# --- the environment's failures (item 9) -----------------------------------------------------------------------------
@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_is_exit_2_with_the_previous_output_untouched(case: tuple[Path, Path], tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "256k") as disk:
        out = disk / "reports"
        assert rank(case, out).returncode == 0
        before = snapshot(out)
        result = dti("run", "--criteria", case[0], "--inputs", case[1], "--out", out, "--no-cache", "--jobs", "1")
        refused(result, r"reports: hết chỗ trên ổ đĩa \(hoặc hết hạn mức\): .*; hãy giải phóng chỗ .* kết quả cũ "
                        r"vẫn nguyên")
        assert snapshot(out) == before
        assert sorted(p.name for p in disk.iterdir()) == ["reports"]  # no staged folder, no lock file


def test_a_file_size_limit_is_exit_2(case: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert rank(case, out).returncode == 0
    before = snapshot(out)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # the tables fit, a PDF does not

    result = dti("run", "--criteria", case[0], "--inputs", case[1], "--out", out, "--no-cache", "--jobs", "1",
                 "--lang", "en", preexec=limit)
    refused(result, r"reports: the file exceeds the process's file-size limit \(ulimit -f\): .*; raise the limit")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "reports"]


def test_an_unreadable_input_is_exit_2_naming_it(tmp_path: Path) -> None:
    """As root every file is readable: the command runs as nobody (setpriv) on a case it may traverse."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to drop to another user (as a user, chmod 000 alone makes a file unreadable)")
    shared = Path(tempfile.mkdtemp(dir=tmp_path))
    for folder in (tmp_path, shared):
        folder.chmod(0o755)
    with contextlib.suppress(OSError):
        for parent in tmp_path.parents:  # pytest's folders are 0700: let nobody through to the case
            if parent.stat().st_mode & 0o005 != 0o005 and str(parent).startswith(tempfile.gettempdir() + "/"):
                parent.chmod(parent.stat().st_mode | 0o005)
    criteria, inputs = write_case(shared / "case")
    for path in (shared, shared / "case", inputs):
        path.chmod(0o755)
    for path in (criteria, *inputs.iterdir()):
        path.chmod(0o644)
    (inputs / "units.csv").chmod(0o000)
    out = shared / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    nobody = 65534
    result = dti("rank", "--criteria", criteria, "--inputs", inputs, "--out", out / "reports", user=nobody)
    if "setpriv" in result.stderr and result.returncode != 2:
        pytest.skip(f"setpriv cannot drop privileges here: {result.stderr.strip()}")
    refused(result, r"units\.csv: (không có quyền truy cập|không đọc được tệp)")
    result = dti("forms", "--criteria", criteria, "--units", inputs / "units.csv", "--out", out / "forms", user=nobody)
    refused(result, r"units\.csv: (không có quyền truy cập|không đọc được tệp)")
    assert list(out.iterdir()) == []


def test_an_output_name_too_long_is_exit_2(case: tuple[Path, Path], tmp_path: Path) -> None:
    long = tmp_path / ("r" * 250)
    refused(rank(case, long), r"rrrr: tên thư mục dài 250 byte; hệ thống tệp ở đây nhận tối đa 2\d\d byte")
    refused(dti("schema", "--out", tmp_path / ("s" * 300 + ".json")), r"ssss.*: tên quá dài với hệ thống tệp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


def test_a_mount_point_as_out_is_refused(case: tuple[Path, Path], tmp_path: Path) -> None:
    with tmpfs(tmp_path / "share", "1m") as share:
        refused(rank(case, share), r"share: là một điểm gắn kết \(mount point\) .*ví dụ .*share/reports")
        assert list(share.iterdir()) == []
        assert rank(case, share / "reports").returncode == 0


@pytest.mark.parametrize("value", ["", "abc", "-1", "1e9", "99999999999999"])
def test_a_malformed_source_date_epoch_is_exit_2_naming_the_variable(case: tuple[Path, Path], tmp_path: Path,
                                                                     value: str) -> None:
    out = tmp_path / "reports"
    result = rank(case, out, env={"SOURCE_DATE_EPOCH": value})
    refused(result, rf"SOURCE_DATE_EPOCH: cần một số giây nguyên từ 1970-01-01 UTC, từ 0 đến 253402300799, gặp "
                    rf"'{value}'; hãy sửa hoặc bỏ biến môi trường này")
    refused(dti("forms", "--criteria", case[0], "--units", case[1] / "units.csv", "--out", tmp_path / "forms",
                env={"SOURCE_DATE_EPOCH": value}), "SOURCE_DATE_EPOCH")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


def test_a_single_file_output_keeps_the_mode_and_group_of_the_file_it_replaces(case: tuple[Path, Path],
                                                                              tmp_path: Path) -> None:
    """collect and schema write whole files with the usual permissions (not a temporary file's 0600), and
    replace their own earlier file keeping its mode and group: colleagues who could read it still can."""
    fresh = tmp_path / "fresh.json"
    assert dti("schema", "--out", fresh, preexec=lambda: os.umask(0o022) and None).returncode == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    shared = tmp_path / "shared.json"
    assert dti("schema", "--out", shared).returncode == 0
    os.chown(shared, -1, 4321)
    shared.chmod(0o664)
    inode = shared.stat().st_ino
    assert dti("schema", "--out", shared).returncode == 0
    after = shared.stat()
    assert after.st_ino != inode  # a new file, renamed into place whole
    assert (stat.S_IMODE(after.st_mode), after.st_gid) == (0o664, 4321)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "fresh.json", "shared.json"]  # no temporary file
