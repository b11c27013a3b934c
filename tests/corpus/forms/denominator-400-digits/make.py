import pathlib

from tests.corpuskit import base_form
from tests.formkit import fill


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    fill(path, {}, raw={'G9': "9" * 400, "F9": 5})
