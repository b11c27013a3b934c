"""CRLF line ends and a tier of negative points on line 20."""
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "criteria.yaml"
    text = path.read_text(encoding="utf-8").replace("[1, 5]", "[1, -5]")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
