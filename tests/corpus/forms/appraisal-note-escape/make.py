import pathlib

from openpyxl import load_workbook

from tests.corpuskit import council_form


def make(folder: pathlib.Path) -> None:
    path = council_form(folder)
    wb = load_workbook(path)
    ws = wb["Thẩm định"]
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 3).value == "Y")
    ws.cell(row, 9).value = "có"
    ws.cell(row, 11).value = "Hội đồng \u202e"
    wb.save(path)
