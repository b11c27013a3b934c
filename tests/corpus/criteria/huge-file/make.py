"""The base criteria padded with 3 MB of comments."""
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "criteria.yaml"
    path.write_text(path.read_text(encoding="utf-8") + ("# " + "x" * 98 + "\n") * 30_000, encoding="utf-8")
