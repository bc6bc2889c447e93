"""Word documents: tables for catalogues and lists, paragraphs for reports (python-docx)."""
from __future__ import annotations

from pathlib import Path

import docx

from .cells import Grid, cell_text


def read(path: Path) -> list[Grid]:
    document = docx.Document(str(path))
    grids = []
    for i, table in enumerate(document.tables, start=1):
        rows = [[cell_text(c.text) for c in row.cells] for row in table.rows]  # merged cells repeat
        grids.append(Grid(sheet=f"表格{i}", rows=rows, numbers=list(range(1, len(rows) + 1))))
    return grids


def text_of(path: Path) -> str:
    """The document's paragraphs, one per line."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
