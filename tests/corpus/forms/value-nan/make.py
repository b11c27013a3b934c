import pathlib

from tests.corpuskit import base_form, set_cell_xml


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    set_cell_xml(path, "F14", '<v>NaN</v>')
