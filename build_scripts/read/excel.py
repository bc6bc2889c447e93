"""XLSX and XLS workbooks, every sheet, through python-calamine."""
from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from .cells import Grid, cell_text, fill_merged


def read(path: Path) -> list[Grid]:
    wb = CalamineWorkbook.from_path(str(path))
    grids = []
    try:
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            rows = [[cell_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            try:
                merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except Exception:  # calamine does not know merges for every format
                merged = []
            fill_merged(rows, merged)
            grids.append(Grid(sheet=name, rows=rows, numbers=list(range(1, len(rows) + 1)), merged=merged))
    finally:
        wb.close()
    return grids
