import pathlib

from tests.corpuskit import base_form, rewrite


def make(folder: pathlib.Path) -> None:
    """1,000,000 cell formats (55 MB unpacked) in a style sheet that declares no count."""
    path = base_form(folder)
    styles = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b"<fonts><font/></fonts><fills><fill/></fills><borders><border/></borders><cellXfs>"
              + b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * 1_000_000 + b"</cellXfs></styleSheet>")
    rewrite(path, lambda name, data: styles if name == "xl/styles.xml" else data)
