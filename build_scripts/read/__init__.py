"""Stage 1, read: a source file → grids of cell text, as the file holds them.

One reader per format; the format is sniffed from the bytes, not trusted from the name.
Every reader returns Grids whose row numbers are those a person sees in Excel or a text
editor (1-based, title rows counted). Problems are returned, never raised.
"""
from __future__ import annotations

from pathlib import Path

from ..problems import Problem, problem
from .cells import Grid
from .sniff import sniff

MAX_BYTES = 512 * 1024 * 1024
EXPECTED = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".csv": "csv", ".tsv": "csv", ".txt": "csv",
            ".htm": "html", ".html": "html", ".docx": "docx"}


def read_grids(path: Path, shown: str) -> tuple[list[Grid], list[Problem]]:
    """All tables in a file (sheets of a workbook, tables of a page or document)."""
    from . import csvfile, docx, excel, html

    try:
        size = path.stat().st_size
        if size == 0:
            return [], [problem("file.empty", file=shown)]
        if size > MAX_BYTES:
            return [], [problem("file.too_large", file=shown, detail=f"{size / 2**20:.0f} MB")]
        head = path.open("rb").read(8192)
    except OSError as e:
        return [], [problem("file.unreadable", file=shown, detail=e.strerror or str(e))]
    kind = sniff(path, head)
    readers = {"xlsx": excel.read, "xls": excel.read, "csv": csvfile.read, "html": html.read, "docx": docx.read}
    if kind not in readers:
        return [], [problem("file.unsupported", file=shown, detail=kind)]
    notes = []
    expected = EXPECTED.get(path.suffix.lower())
    if expected and expected != kind:
        notes.append(problem("file.misnamed", file=shown, detail=kind))
    try:
        grids = readers[kind](path)
    except Exception as e:  # a broken file of a known kind: report it, never a traceback
        return [], [*notes, problem("file.unreadable", file=shown, detail=f"{kind}: {type(e).__name__}: {e}"[:200])]
    if not any(g.rows for g in grids):
        return [], [*notes, problem("file.empty", file=shown)]
    return grids, notes
