"""A UTF-8 BOM and negative points on line 18."""
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "criteria.yaml"
    text = path.read_text(encoding="utf-8").replace("points: 10, rule: yes_no}", "points: -10, rule: yes_no}", 1)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
