import pathlib

from tests.corpuskit import XXE, base_form, declare_entities


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    declare_entities(path, "xl/worksheets/sheet2.xml", XXE, b"<sheetData>",
                     b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>')
