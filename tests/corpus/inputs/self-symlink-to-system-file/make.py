import os
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "inputs" / "self_assessment.csv"
    path.unlink()
    os.symlink("/etc/passwd", path)
