import pathlib

from tests.corpuskit import base_form, rewrite


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    rewrite(path, lambda name, data: data, extra={"xl/vbaProject.bin": bytes(512)})
