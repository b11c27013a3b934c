import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "inputs" / "units.csv"
    path.write_bytes(path.read_bytes() + b"a\x004,S\xe1\xbb\x9f B\xe1\xbb\x91n,A,,\n")
