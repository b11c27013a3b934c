import os
import pathlib


def make(folder: pathlib.Path) -> None:
    os.symlink("/etc/hostname", folder / "inputs" / "SAMPLE")
