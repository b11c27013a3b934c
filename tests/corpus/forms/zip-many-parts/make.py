import pathlib
import zipfile

from tests.corpuskit import base_form


def make(folder: pathlib.Path) -> None:
    path = base_form(folder)
    with zipfile.ZipFile(path, "a") as z:
        for i in range(20_000):
            z.writestr(f"xl/media/p{i}.bin", b"")
