"""Printed forms (README, "How a department runs its year"): the self-assessment and council workbooks
print on A4, the whole width on one page, with row heights that show every wrapped line and the header row
on every page — in the settings Excel reads (checked with openpyxl) and as LibreOffice prints them
(converted to PDF, text boxes measured)."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ranking.criteria import load_criteria
from ranking.forms import HEADER_ROW, council_form, unit_form
from ranking.inputs import load_inputs
from tests.conftest import CaseWriter
from tests.formkit import SOFFICE

A4 = (595, 842)


def _forms(make_case: CaseWriter, tmp_path: Path) -> tuple[Path, Path]:
    criteria_path, folder = make_case()
    criteria = load_criteria(criteria_path)
    inputs = load_inputs(criteria, folder)
    unit = next(u for u in inputs.units if u.id == "a1")
    self_form, council = tmp_path / "a1.xlsx", tmp_path / "appraisal-A.xlsx"
    unit_form(criteria, unit, self_form, "vi", sample=True)
    council_form(criteria, criteria.group("A"), inputs, council, "vi")
    return self_form, council


def test_page_setup_that_excel_reads(make_case: CaseWriter, tmp_path: Path) -> None:
    for path in _forms(make_case, tmp_path):
        wb = load_workbook(path)
        table, help_sheet = wb.worksheets[1], wb.worksheets[0]
        for ws, orientation in ((table, "landscape"), (help_sheet, "portrait")):
            setup = ws.page_setup
            assert (str(setup.paperSize), setup.orientation) == ("9", orientation), ws.title  # 9 = A4
            assert (setup.fitToWidth, setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == (1, 0, True)
        assert table.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        # every wrapped cell's row is tall enough for its text at its column's width (11 pt ≈ 15 pt a line)
        for row in table.iter_rows(min_row=HEADER_ROW):
            for cell in row:
                if isinstance(cell.value, str) and cell.alignment.wrap_text:
                    width = table.column_dimensions[cell.column_letter].width
                    lines = math.ceil(len(cell.value) / width)
                    if lines > 1:
                        assert (table.row_dimensions[cell.row].height or 15) >= lines * 14, cell.coordinate


def _text_boxes_overlap(pdf: Path) -> list[tuple[int, int]]:
    """(page, overlapping pairs of text lines) of every page, from pdfium's text rectangles."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    found = []
    for n in range(len(doc)):
        text = doc[n].get_textpage()
        boxes = [text.get_rect(i) for i in range(text.count_rects())]
        pairs = 0
        for i, (l1, b1, r1, t1) in enumerate(boxes):
            for l2, b2, r2, t2 in boxes[i + 1:]:
                if min(r1, r2) - max(l1, l2) > 1 and min(t1, t2) - max(b1, b2) > 0.3 * min(t1 - b1, t2 - b2):
                    pairs += 1
        found.append((n, pairs))
    doc.close()
    return found


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (make office)")
def test_libreoffice_prints_on_a4_without_overlapping_lines(make_case: CaseWriter, tmp_path: Path) -> None:
    import pypdfium2
    from pypdf import PdfReader

    paths = _forms(make_case, tmp_path)
    out = tmp_path / "pdf"
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), *map(str, paths)], check=True, capture_output=True, timeout=180)
    for path in paths:
        pdf = out / f"{path.stem}.pdf"
        doc = pypdfium2.PdfDocument(pdf)
        sizes = [tuple(round(x) for x in doc[i].get_size()) for i in range(len(doc))]
        doc.close()
        assert sizes[0] == A4 and all(size == A4[::-1] for size in sizes[1:]), sizes  # help portrait, table landscape
        assert _text_boxes_overlap(pdf) == [(n, 0) for n in range(len(sizes))]
        pages = [p.extract_text() for p in PdfReader(pdf).pages]
        for page in pages[1:]:  # the whole width on each page, the header row repeated
            assert "Cách chấm điểm" in page and "Minh chứng" in page
