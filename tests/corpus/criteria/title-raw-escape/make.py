"""A raw terminal escape sequence in the title of group A."""
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "criteria.yaml"
    text = path.read_text(encoding="utf-8").replace('title: "Sở, ban', 'title: "\x1b[2JSở, ban', 1)
    path.write_text(text, encoding="utf-8")
