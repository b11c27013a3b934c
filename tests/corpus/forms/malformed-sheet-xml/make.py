import pathlib

from tests.corpuskit import base_form, rewrite


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    rewrite(path, lambda name, data: data[: len(data) // 2] if name == "xl/worksheets/sheet2.xml" else data)
