import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "inputs" / "units.csv"
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x", encoding="utf-8")
