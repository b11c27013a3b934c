import pathlib

from tests.corpuskit import base_form
from tests.formkit import fill


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    fill(path, {}, raw={'F10': 1e300})
