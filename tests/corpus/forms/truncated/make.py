import pathlib

from tests.corpuskit import base_form


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
