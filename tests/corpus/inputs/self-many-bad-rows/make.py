import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "inputs" / "self_assessment.csv"
    path.write_bytes(path.read_bytes() + b"zz,Y,c\xc3\xb3,,\n" * 199_970)
