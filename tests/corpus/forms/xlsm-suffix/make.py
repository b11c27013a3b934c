import pathlib

from tests.corpuskit import base_form


def make(folder: pathlib.Path) -> None:
    base_form(folder, name="a1.xlsm")
