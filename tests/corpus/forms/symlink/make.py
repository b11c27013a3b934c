import os
import pathlib

from tests.corpuskit import base_form


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    path.rename(folder / "a1-elsewhere.xlsx")
    os.symlink("../../a1-elsewhere.xlsx", path)
