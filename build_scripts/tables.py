"""Stage 1b: a grid of cells → a table with the standard columns.

Finds the header row under any title rows, joins two-row (merged) headers, maps header
spellings to standard names, drops 序号 columns, blank rows, repeated headers and trailing
note rows (注：…). Values stay text; normalising them is the next stage's job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .columns import ColumnSpec, Match
from .problems import Problem, problem
from .read.cells import Grid

HEADER_SEARCH_ROWS = 20
NOTE = re.compile(r"^(注|备注|说明|填表说明|填报说明|制表|填报单位|填表人|审核人|负责人|联系人|联系电话|合计|总计|小计|数据来源)\s*[:：0-9一二三四五六七八九十、.]")


@dataclass
class Table:
    """A source table with standard column names; `_row` holds the row number a person sees."""

    file: str
    sheet: str
    frame: pd.DataFrame
    written: dict[str, str]          # standard field → header as written in the file
    units: dict[str, str | None]     # amount field → unit the header states (None: not stated)
    title: str = ""                  # text of the rows above the header
    problems: list[Problem] = field(default_factory=list)


def _score(row: list[str], spec: ColumnSpec) -> int:
    return sum(1 for c in row if c and (spec.match(c) or spec.ignored(c)))


def _header_names(top: list[str], below: list[str] | None, spec: ColumnSpec) -> tuple[list[str], bool]:
    """Column names from one header row, or from two when the second row completes the first
    (merged parent cells such as 行政相对人代码 over 统一社会信用代码 | 工商注册号 …)."""
    if below is None:
        return top, False
    width = max(len(top), len(below))
    top = top + [""] * (width - len(top))
    below = below + [""] * (width - len(below))
    parent, filled = "", []
    for c in top:  # a merged parent spreads right over the empty cells beside it
        parent = c or parent
        filled.append(parent)
    combined, gained = [], 0
    for t, p, b in zip(top, filled, below):
        candidates = [x for x in (b and p + b, b, t) if x]
        name = next((x for x in candidates if spec.match(x) or spec.ignored(x)), t or b)
        combined.append(name)
    gained = _score(combined, spec) - _score(top, spec)
    below_is_header = _score(below, spec) >= 1 and gained > 0
    return (combined, True) if below_is_header else (top, False)


def locate(grid: Grid, spec: ColumnSpec, file: str) -> Table | None:
    """The table in a grid, or None when no row looks like a header (not a data table)."""
    rows = grid.rows
    scores = [(_score(r, spec), i) for i, r in enumerate(rows[:HEADER_SEARCH_ROWS])]
    best = max(scores, default=(0, 0), key=lambda s: (s[0], -s[1]))
    if best[0] < 2:
        return None
    h = best[1]
    below = rows[h + 1] if h + 1 < len(rows) else None
    names, two_rows = _header_names(rows[h], below, spec)
    first_data = h + (2 if two_rows else 1)
    title = " ".join(c for r in rows[:h] for c in r if c)
    problems: list[Problem] = []

    # map columns
    written: dict[str, str] = {}
    units: dict[str, str | None] = {}
    keep: list[tuple[int, str]] = []
    for j, name in enumerate(names):
        column_has_data = any(j < len(r) and r[j] for r in rows[first_data:first_data + 200])
        if not name:
            if column_has_data:
                problems.append(problem("column.unknown", file=file, sheet=grid.sheet, row=grid.numbers[h],
                                        column=f"(第{j + 1}列，无表头)", detail="—"))
            continue
        if spec.ignored(name):
            continue
        m: Match | None = spec.match(name)
        if m is None:
            problems.append(problem("column.unknown", file=file, sheet=grid.sheet, row=grid.numbers[h],
                                    column=name, detail=spec.closest(name)))
            continue
        if m.field in written:
            problems.append(problem("column.duplicate", file=file, sheet=grid.sheet, row=grid.numbers[h],
                                    column=name, detail=m.field))
            continue
        written[m.field] = name
        units[m.field] = m.unit
        keep.append((j, m.field))
    for req in spec.required:
        if req not in written:
            problems.append(problem("column.missing", file=file, sheet=grid.sheet, row=grid.numbers[h], detail=req))

    # data rows
    header_keys = [r for r in (rows[h], below if two_rows else None) if r]
    data, numbers = [], []
    for i in range(first_data, len(rows)):
        r = rows[i]
        nonempty = [c for c in r if c]
        if not nonempty or r in header_keys:
            continue
        if (len(nonempty) <= 2 or len(set(nonempty)) == 1) and NOTE.match(nonempty[0]):
            continue  # a note row, possibly one merged cell spread over the row
        data.append([r[j] if j < len(r) else "" for j, _ in keep])
        numbers.append(grid.numbers[i])
    frame = pd.DataFrame(data, columns=[f for _, f in keep], dtype=object)
    frame["_row"] = numbers
    return Table(file=file, sheet=grid.sheet, frame=frame, written=written, units=units,
                 title=title, problems=problems)


def tables_of(grids: list[Grid], spec: ColumnSpec, file: str) -> tuple[list[Table], list[Problem]]:
    """Every data table in a file's grids. A file with none at all is a problem."""
    tables, problems = [], []
    for g in grids:
        t = locate(g, spec, file)
        if t is None:
            if len(grids) > 1 and any(any(c for c in r) for r in g.rows):
                problems.append(problem("sheet.skipped", file=file, sheet=g.sheet))
            continue
        tables.append(t)
    if not tables:
        problems.append(problem("sheet.no_header", file=file, sheet=grids[0].sheet if len(grids) == 1 else "",
                                detail=HEADER_SEARCH_ROWS))
    return tables, problems
