import pathlib

from tests.corpuskit import XXE, council_form, declare_entities


def make(folder: pathlib.Path) -> None:
    path = council_form(folder)
    declare_entities(path, "xl/workbook.xml", XXE, b"<definedNames />",
                     b'<definedNames><definedName name="x">&xxe;</definedName></definedNames>')
