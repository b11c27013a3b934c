"""50,000 nested flow lists."""
import pathlib


def make(folder: pathlib.Path) -> None:
    (folder / "criteria.yaml").write_text("id: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
