import pathlib

from tests.corpuskit import base_form, rewrite

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
OVERRIDE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml" /></Types>')


def make(folder: pathlib.Path) -> None:
    """A shared strings table (dti writes none) of one string that declares 900 million."""
    path = base_form(folder)
    strings = b"<sst " + MAIN + b' count="900000000" uniqueCount="900000000"><si><t>x</t></si></sst>'
    rewrite(path, lambda name, data: data.replace(b"</Types>", OVERRIDE) if name == "[Content_Types].xml" else data,
            extra={"xl/sharedStrings.xml": strings})
