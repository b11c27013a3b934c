import pathlib
import zipfile

from tests.corpuskit import base_form


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/zeros.bin", bytes(150_000_000))
