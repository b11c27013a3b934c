"""40 nested block mappings."""
import pathlib


def make(folder: pathlib.Path) -> None:
    lines = [" " * (2 * i) + f"k{i}:" for i in range(40)]
    (folder / "criteria.yaml").write_text("\n".join(lines) + " 1\n", encoding="utf-8")
