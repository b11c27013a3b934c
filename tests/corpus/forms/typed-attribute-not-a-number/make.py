import pathlib

from tests.corpuskit import base_form, rewrite


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    rewrite(path, lambda name, data: data.replace(b'activeTab="0"', b'activeTab="abc"') if "workbook" in name else data)
