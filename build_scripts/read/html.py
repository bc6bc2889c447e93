"""Tables in a saved web page. Every <table> becomes a grid; the table stage keeps the ones
whose header it recognises, so page chrome (layout tables, menus) falls away there.
Row numbers count the table's rows, 1-based; rowspan/colspan are spread like merged cells."""
from __future__ import annotations

from pathlib import Path

import lxml.html

from .cells import Grid, cell_text
from .csvfile import decode


def _cell(el) -> str:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return cell_text(el.text_content())


def grid_of(table, name: str) -> Grid:
    rows: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) → text carried down by rowspan
    trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    for r, tr in enumerate(trs):
        row: list[str] = []
        c = 0
        for td in tr.xpath("./th|./td"):
            while (r, c) in pending:
                row.append(pending.pop((r, c)))
                c += 1
            text = _cell(td)
            rowspan = _span(td.get("rowspan"))
            colspan = _span(td.get("colspan"))
            for dc in range(colspan):
                row.append(text)
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = text
            c += colspan
        while (r, c) in pending:
            row.append(pending.pop((r, c)))
            c += 1
        rows.append(row)
    return Grid(sheet=name, rows=rows, numbers=list(range(1, len(rows) + 1)))


def _span(v) -> int:
    try:
        return max(1, min(int(v), 1000))
    except (TypeError, ValueError):
        return 1


def read(path: Path) -> list[Grid]:
    doc = lxml.html.document_fromstring(decode(path.read_bytes()))
    grids = []
    for i, table in enumerate(doc.iter("table"), start=1):
        caption = table.find("caption")
        name = cell_text(caption.text_content()) if caption is not None else ""
        grids.append(grid_of(table, name or f"表格{i}"))
    return grids


def text_of(path: Path) -> str:
    """The readable text of a page (for reports), one block element per line."""
    doc = lxml.html.document_fromstring(decode(path.read_bytes()))
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    body = doc.find("body") if doc.find("body") is not None else doc
    for el in body.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in body.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr"):
        el.tail = "\n" + (el.tail or "")
    return body.text_content()
