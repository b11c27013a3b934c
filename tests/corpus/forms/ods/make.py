import pathlib
import zipfile


def make(folder: pathlib.Path) -> None:
    path = folder / "inputs" / "forms" / "a1.xlsx"
    path.parent.mkdir(parents=True)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
