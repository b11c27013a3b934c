import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "inputs" / "self_assessment.csv"
    path.write_bytes(path.read_bytes() + b"a1,Y,c\xc3\xb3,,x\n" * 1_000_000)
