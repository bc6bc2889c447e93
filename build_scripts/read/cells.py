"""Grids of cell text and the cleaning every cell gets on the way in."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

# full-width digits, letters and the ideographic space → ASCII; nothing else (Chinese
# punctuation such as ，：（） stays as written).
_WIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x200B: None, 0xFEFF: None})
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_NEEDS_WORK = re.compile(r"[\s\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\xa0\u200b\ufeff]")


@dataclass
class Grid:
    """One table as found: rows of cell text, with the row number a person sees for each."""

    sheet: str
    rows: list[list[str]]
    numbers: list[int]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1) indexes into rows


def clean_text(value: str) -> str:
    """Full-width digits/letters to ASCII, stray spaces and line breaks out."""
    if not value or not _NEEDS_WORK.search(value):
        return value or ""
    value = value.translate(_WIDTH)
    value = _BREAK_BETWEEN_CJK.sub("", value)
    return _SPACES.sub(" ", value).strip()


def cell_text(value) -> str:
    """A cell of any type as the text a person sees."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return clean_text(str(value))


def fill_merged(rows: list[list[str]], merged) -> None:
    """Give every cell of a merged range the value of its top-left cell (in place)."""
    for r0, c0, r1, c1 in merged:
        if r0 >= len(rows):
            continue
        top = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and (r, c) != (r0, c0):
                    row[c] = top
