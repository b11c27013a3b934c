import pathlib

from tests.corpuskit import base_form, rewrite

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
OVERRIDE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml" /></Types>')


def make(folder: pathlib.Path) -> None:
    """A shared strings table (dti writes none) of 3,000,000 strings, 51 MB unpacked, with no count declared;
    the content types name it, so that openpyxl reads it."""
    path = base_form(folder)
    strings = b"<sst " + MAIN + b">" + b"<si><t>x</t></si>" * 3_000_000 + b"</sst>"
    rewrite(path, lambda name, data: data.replace(b"</Types>", OVERRIDE) if name == "[Content_Types].xml" else data,
            extra={"xl/sharedStrings.xml": strings})
