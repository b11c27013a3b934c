import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "inputs" / "units.csv"
    with path.open("ab") as f:
        f.truncate(60_000_000)  # sparse: cheap to make, refused by size before it is read
