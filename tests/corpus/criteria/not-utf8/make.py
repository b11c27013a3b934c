"""The base criteria saved in a legacy Vietnamese code page."""
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "criteria.yaml"
    raw = path.read_text(encoding="utf-8").replace('"Sở Khoa học và Công nghệ"', '"S\u01a1 Khoa ho\u0323c"')
    path.write_bytes(raw.encode("utf-8").replace("ơ".encode(), b"\xf5"))
