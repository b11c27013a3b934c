"""The render cache: a re-run renders exactly the documents whose content changed, publishes bytes identical
to a clean full render, and never publishes a damaged or foreign entry. Real weasyprint renders of the tiny
case (six documents), in this process."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ranking.criteria import load_criteria
from ranking.inputs import load_inputs
from ranking.pipeline import build
from ranking.ranking import Ranking
from ranking.render_cache import KEEP_RUNS, MAGIC, MARKER, SUFFIX, RenderCache, default_folder, pack, unpack
from ranking.render_pool import Reports
from ranking.report import asset_bytes, write_reports
from ranking.system import cores
from ranking.tables import Sheet, cached_xlsx, workbook_cache, write_tables
from ranking.views import present
from tests.conftest import TINY_SELF, write_case

EPOCH = "1767225600"
OPTIONS = {"command": "run"}
ALL = ["dti-2025.pdf", "units/a1.pdf", "units/a2.pdf", "units/a3.pdf", "units/b1.pdf", "units/b2.pdf"]
# One unit's correction: b2's ratio R from 50 % to 60 %. b2's points change, and with them group B's pillar
# mean that b1's breakdown shows, and the publication; group A's breakdowns show nothing that moved.
CORRECTED = [(u, i, "60%" if (u, i) == ("b2", "R") else v, d, e) for u, i, v, d, e in TINY_SELF]


@pytest.fixture(autouse=True)
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def ranking_of(root: Path, self_rows: list[tuple[str, str, str, str, str]] = TINY_SELF) -> Ranking:
    criteria_path, folder = write_case(root, self_rows=self_rows)
    criteria = load_criteria(criteria_path)
    return build(criteria, load_inputs(criteria, folder))


def render(ranking: Ranking, out: Path, cache: Path | None) -> Reports:
    out.mkdir(parents=True)
    return write_reports(present(ranking, OPTIONS, "vi"), out, workers=1, cache=cache)


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Ranking]]:
    """The original case rendered once with a cache: (its output, the cache, the ranking)."""
    root = tmp_path_factory.mktemp("first")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        ranking = ranking_of(root / "case")
        reports = render(ranking, root / "out", root / "cache")
    assert sorted(reports.rendered) == ALL and reports.reused == ()
    yield root / "out", root / "cache", ranking


def test_nothing_changed_renders_nothing_and_gives_the_same_bytes(first: tuple[Path, Path, Ranking],
                                                                  tmp_path: Path) -> None:
    out, cache, ranking = first
    again = render(ranking, tmp_path / "again", cache)
    assert again.rendered == () and sorted(again.reused) == ALL
    assert pdfs(tmp_path / "again") == pdfs(out)
    assert len(list(cache.glob(f"*{SUFFIX}"))) == len(ALL) + 2  # and the two trimmed fonts, for the workers


def test_a_damaged_font_entry_is_trimmed_again(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "cache", "salt")
    cache.put(cache.key("asset:sans.ttf"), b"not a font")
    entry = cache.folder / f"{cache.key('asset:sans.ttf')}{SUFFIX}"
    entry.write_bytes(entry.read_bytes()[:-1] + b"!")
    assert cache.get(cache.key("asset:sans.ttf"), kind="font") is None
    assert asset_bytes("sans.ttf", cache) == asset_bytes("sans.ttf")
    assert cache.get(cache.key("asset:sans.ttf"), kind="font") == asset_bytes("sans.ttf")


def test_a_one_unit_correction_renders_exactly_what_changed(first: tuple[Path, Path, Ranking],
                                                            tmp_path: Path) -> None:
    out, cache, _ = first
    corrected = ranking_of(tmp_path / "case", CORRECTED)
    incremental = render(corrected, tmp_path / "incremental", cache)
    assert sorted(incremental.rendered) == ["dti-2025.pdf", "units/b1.pdf", "units/b2.pdf"]
    assert sorted(incremental.reused) == ["units/a1.pdf", "units/a2.pdf", "units/a3.pdf"]
    clean = render(corrected, tmp_path / "clean", None)
    assert clean.reused == () and sorted(clean.rendered) == ALL
    assert pdfs(tmp_path / "incremental") == pdfs(tmp_path / "clean")  # the cache changed no byte
    before, after = pdfs(out), pdfs(tmp_path / "clean")
    assert sorted(name for name in ALL if before[name] != after[name]) == sorted(incremental.rendered)


def test_a_tampered_or_foreign_entry_is_rendered_again(first: tuple[Path, Path, Ranking], tmp_path: Path) -> None:
    out, original, ranking = first
    cache = tmp_path / "cache"
    cache.mkdir()
    entries = {}
    for entry in original.glob(f"*{SUFFIX}"):
        (cache / entry.name).write_bytes(entry.read_bytes())
        entries[entry.read_bytes().split(b"\n", 3)[3]] = cache / entry.name
    a1, a2 = entries[pdfs(out)["units/a1.pdf"]], entries[pdfs(out)["units/a2.pdf"]]
    damaged = bytearray(a1.read_bytes())
    damaged[-200] ^= 0x20  # one bit of a1's PDF flipped: its stored SHA-256 no longer matches
    a1.write_bytes(bytes(damaged))
    a2.write_bytes(entries[pdfs(out)["units/a3.pdf"]].read_bytes())  # a3's entry under a2's key
    again = render(ranking, tmp_path / "again", cache)
    assert sorted(again.rendered) == ["units/a1.pdf", "units/a2.pdf"]
    assert pdfs(tmp_path / "again") == pdfs(out)
    assert unpack(a1.read_bytes(), a1.name.removesuffix(SUFFIX)) is not None  # rendered again and stored again


def test_entries_check_header_key_digest_and_framing() -> None:
    key, pdf = "ab" * 32, b"%PDF-1.7\n...\n%%EOF\n"
    entry = pack(key, pdf)
    assert entry.startswith(MAGIC) and unpack(entry, key) == pdf
    assert unpack(entry, "cd" * 32) is None  # another key's entry
    assert unpack(entry[:-3], key) is None  # torn write
    assert unpack(b"x" + entry[1:], key) is None  # not our format
    assert unpack(pack(key, b"<html>not a pdf</html>"), key) is None
    assert unpack(b"", key) is None


def test_the_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "cache", "salt")
    keys = [cache.key(f"<p>{i}</p>") for i in range(10)]
    for age, key in enumerate(keys):
        cache.put(key, b"%PDF-1.7\n%%EOF\n")
        os.utime(cache.folder / f"{key}{SUFFIX}", (time.time() - 1000 + age, time.time() - 1000 + age))
    stale = cache.folder / ".dti-x.tmp"  # a crashed write of this cache: its header
    stale.write_bytes(MAGIC)
    os.utime(stale, (0, 0))
    used = {keys[0], keys[1]}  # this run's: kept although the oldest
    cache.prune(used)
    left = {p.name.removesuffix(SUFFIX) for p in cache.folder.iterdir() if p.name != MARKER}
    assert left == {*used, *keys[-(KEEP_RUNS * len(used) - len(used)):]}
    assert cache.get(keys[0]) is not None and cache.get(keys[2]) is None


def test_a_missing_or_unwritable_cache_never_fails_a_run(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "file", "salt")
    cache.folder.write_text("not a folder", encoding="utf-8")
    cache.put(cache.key("x"), b"%PDF-1.7\n%%EOF\n")
    assert cache.get(cache.key("x")) is None
    cache.prune(set())
    assert RenderCache(tmp_path / "nowhere", "salt").get("00" * 32) is None


def test_an_unchanged_workbook_comes_from_the_cache_and_a_changed_one_is_written(tmp_path: Path) -> None:
    ranking = ranking_of(tmp_path / "case")
    made: list[Path] = []
    for name in ("clean", "first", "again"):
        (tmp_path / name).mkdir()
        made.append(tmp_path / name / "results.xlsx")
    assert write_tables(ranking, tmp_path / "clean", OPTIONS) == ""  # no cache, no key
    key = write_tables(ranking, tmp_path / "first", OPTIONS, cache=tmp_path / "cache")
    entry = tmp_path / "cache" / f"{key}{SUFFIX}"
    assert entry.is_file() and workbook_cache(tmp_path / "cache").get(key, kind="xlsx") == made[0].read_bytes()
    before = entry.stat().st_mtime_ns
    os.utime(entry, ns=(before - 10**9, before - 10**9))
    assert write_tables(ranking, tmp_path / "again", OPTIONS, cache=tmp_path / "cache") == key
    assert entry.stat().st_mtime_ns > before - 10**9  # read, and marked as used
    assert made[0].read_bytes() == made[1].read_bytes() == made[2].read_bytes()
    # a draft, another language, another value or another date is another workbook
    others = [(ranking, {"stage": "draft"}, "vi"), (ranking, OPTIONS, "en"),
              (ranking_of(tmp_path / "corrected", CORRECTED), OPTIONS, "vi")]
    keys = {key}
    for n, (other, options, lang) in enumerate(others):
        (tmp_path / f"other{n}").mkdir()
        keys.add(write_tables(other, tmp_path / f"other{n}", options, lang, tmp_path / "cache"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
        (tmp_path / "later").mkdir()
        keys.add(write_tables(ranking, tmp_path / "later", OPTIONS, cache=tmp_path / "cache"))
    assert len(keys) == 5


def test_a_workbook_key_covers_the_order_of_its_sheets(tmp_path: Path) -> None:
    one, two = Sheet(["a"], [[1]]), Sheet(["b"], [["x"]])
    first = cached_xlsx(tmp_path / "1.xlsx", {"A": one, "B": two}, None, tmp_path / "cache")
    second = cached_xlsx(tmp_path / "2.xlsx", {"B": two, "A": one}, None, tmp_path / "cache")
    assert first != second and (tmp_path / "1.xlsx").read_bytes() != (tmp_path / "2.xlsx").read_bytes()


def test_a_damaged_workbook_entry_is_written_again(tmp_path: Path) -> None:
    ranking = ranking_of(tmp_path / "case")
    (tmp_path / "clean").mkdir()
    write_tables(ranking, tmp_path / "clean", OPTIONS)
    clean = (tmp_path / "clean" / "results.xlsx").read_bytes()
    store = workbook_cache(tmp_path / "cache")
    (tmp_path / "first").mkdir()
    key = write_tables(ranking, tmp_path / "first", OPTIONS, cache=tmp_path / "cache")
    store.put(key, clean[:-30])  # a torn workbook under the right key, with a matching digest
    assert store.get(key, kind="xlsx") is None
    (tmp_path / "again").mkdir()
    write_tables(ranking, tmp_path / "again", OPTIONS, cache=tmp_path / "cache")
    assert (tmp_path / "again" / "results.xlsx").read_bytes() == clean
    assert store.get(key, kind="xlsx") == clean  # written again and stored again


def test_entries_of_each_kind_check_their_framing() -> None:
    key = "ab" * 32
    assert unpack(pack(key, b"PK\x03\x04...PK\x05\x06" + bytes(18)), key, "xlsx") is not None
    assert unpack(pack(key, b"PK\x03\x04 no end record"), key, "xlsx") is None
    assert unpack(pack(key, b"%PDF-1.7\n%%EOF\n"), key, "xlsx") is None
    assert unpack(pack(key, b"\x00\x01\x00\x00glyphs"), key, "font") is not None
    assert unpack(pack(key, b"PK\x03\x04"), key, "font") is None


def test_meanwhile_runs_once_every_document_is_handed_out_and_its_keys_are_kept(
        first: tuple[Path, Path, Ranking], tmp_path: Path) -> None:
    _, original, ranking = first
    cache = tmp_path / "cache"
    cache.mkdir()
    for entry in original.glob(f"*{SUFFIX}"):
        (cache / entry.name).write_bytes(entry.read_bytes())
    store = RenderCache(cache, "salt")
    kept, dropped = store.key("kept by meanwhile"), store.key("kept by no one")
    for key in (kept, dropped):
        store.put(key, b"%PDF-1.7\n%%EOF\n")
        os.utime(cache / f"{key}{SUFFIX}", (0, 0))  # the oldest entries: pruned unless a run keeps them
    for i in range(KEEP_RUNS * (len(ALL) + 2)):
        store.put(store.key(f"newer {i}"), b"%PDF-1.7\n%%EOF\n")
    seen: list[int] = []

    def meanwhile() -> list[str]:
        seen.append(len(list((tmp_path / "out" / "units").glob("*.pdf"))))
        return [kept]

    (tmp_path / "out").mkdir()
    write_reports(present(ranking, OPTIONS, "vi"), tmp_path / "out", workers=1, cache=cache, meanwhile=meanwhile)
    assert seen == [len(ALL) - 1]  # once, with every breakdown written (one worker: after the last)
    assert (cache / f"{kept}{SUFFIX}").is_file() and not (cache / f"{dropped}{SUFFIX}").exists()
    calls: list[int] = []
    (tmp_path / "two").mkdir()
    done = write_reports(present(ranking, OPTIONS, "vi"), tmp_path / "two", workers=2,
                         meanwhile=lambda: calls.append(1) or [])
    assert calls == [1] and sorted(done.rendered) == ALL
    assert pdfs(tmp_path / "two") == pdfs(tmp_path / "out")


def test_defaults() -> None:
    assert default_folder(Path("reports/2025")) == Path("reports/.2025-cache")
    assert cores() == len(os.sched_getaffinity(0))
