import pathlib

from tests.corpuskit import base_form, rewrite


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    rewrite(path, lambda name, data: None if name == "xl/worksheets/sheet2.xml" else data)
