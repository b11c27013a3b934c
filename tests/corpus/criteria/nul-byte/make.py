"""A NUL byte inside the title."""
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "criteria.yaml"
    path.write_bytes(path.read_bytes().replace(b'title: "B', b'title: "\x00B', 1))
