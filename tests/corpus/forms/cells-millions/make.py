import pathlib

from tests.corpuskit import base_form, rewrite


def make(folder: pathlib.Path) -> None:
    """3,000,000 empty cells in one row of the table (row 10,005, within the rows read): 12 MB unpacked."""
    path = base_form(folder)
    row = b'<row r="10005">' + b"<c/>" * 3_000_000 + b"</row></sheetData>"
    rewrite(path, lambda name, data: data.replace(b"</sheetData>", row, 1)
            if name == "xl/worksheets/sheet2.xml" else data)
