import pathlib

from tests.corpuskit import base_form, rewrite


def make(folder: pathlib.Path) -> None:
    """A part that no relationship names, of 4,000,000 elements (16 MB unpacked)."""
    path = base_form(folder)
    rewrite(path, lambda name, data: data, extra={"xl/extra.xml": b"<a>" + b"<b/>" * 4_000_000 + b"</a>"})
