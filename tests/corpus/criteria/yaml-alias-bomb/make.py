"""A billion-laughs alias bomb (9 levels of 9 aliases) as the criteria file."""
import pathlib


def make(folder: pathlib.Path) -> None:
    lines = ['id: bomb', 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    (folder / "criteria.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
