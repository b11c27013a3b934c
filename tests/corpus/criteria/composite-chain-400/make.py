"""The base criteria with a 400-level chain of composites in place of indicator Y of group B."""
import pathlib


def make(folder: pathlib.Path) -> None:
    path = folder / "criteria.yaml"
    text = path.read_text(encoding="utf-8")
    head, tail = text.rsplit('          - {id: Y, title: "Có kế hoạch", points: 10, rule: yes_no}\n', 1)
    lines, indent = [], 10
    for i in range(400):
        pad = " " * indent
        lines += [f"{pad}- id: C{i}", f"{pad}  title: Tổng hợp {i}", f"{pad}  indicators:"]
        indent += 4
    lines.append(" " * indent + "- {id: Z, title: Lá, points: 1, rule: yes_no}")
    path.write_text(head + "\n".join(lines) + "\n" + tail, encoding="utf-8")
