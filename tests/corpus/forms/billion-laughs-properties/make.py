import pathlib

from tests.corpuskit import LAUGHS, base_form, declare_entities


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    declare_entities(path, "docProps/custom.xml", LAUGHS, b"</Properties>", b"<x>&lol9;</x></Properties>")
