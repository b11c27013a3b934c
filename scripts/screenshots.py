"""docs/publication.png and docs/breakdown.png, the README's pictures: one page of the sample's publication
(the first ranking table) and the first page of one unit's breakdown, rendered by the real report code
and rasterised with pypdfium2 (a test dependency). `make screenshots-pdf` runs it, so the pictures stay true."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = 3  # the first group's ranking table, with its legends
UNIT = "so-y-te"  # a department with a pillar that does not apply to it
SCALE = 1.6  # about 115 dpi


def main() -> int:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    import pypdfium2

    from ranking.criteria import load_criteria
    from ranking.inputs import load_inputs
    from ranking.pipeline import build, write
    from ranking.report import breakdown_html, pdf_bytes, publication_html
    from ranking.views import present

    options: dict[str, object] = {"command": "run", "criteria": "hanoi-2025.yaml", "inputs": "2025", "lang": "vi"}
    with tempfile.TemporaryDirectory() as tmp:
        before = load_criteria(ROOT / "criteria" / "hanoi-2024.yaml")
        write(build(before, load_inputs(before, ROOT / "inputs" / "2024")), Path(tmp) / "2024", options)
        criteria = load_criteria(ROOT / "criteria" / "hanoi-2025.yaml")
        ranking = build(criteria, load_inputs(criteria, ROOT / "inputs" / "2025"), Path(tmp) / "2024" / "results.csv")
        shown = present(ranking, options, "vi")
        documents = {
            "publication": (publication_html(shown), PAGE - 1),
            "breakdown": (breakdown_html(shown, UNIT), 0),
        }
        docs = ROOT / "docs"
        docs.mkdir(exist_ok=True)
        for name, (html, page) in documents.items():
            pdf = pypdfium2.PdfDocument(pdf_bytes(html))
            pdf[page].render(scale=SCALE).to_pil().convert("RGB").save(docs / f"{name}.png", optimize=True)
            pdf.close()
            print(f"docs/{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
