"""Bar charts as numbers: each bar's label, value and length as a share of the largest,
for the chart template. Every chart also goes out as a table of the same numbers."""
from __future__ import annotations

from decimal import Decimal

from ..normalise.values import decimal_text


def bars(title: str, rows: list[tuple[str, float | int | Decimal]], unit: str, note: str = "") -> dict:
    peak = max((float(v) for _, v in rows), default=0) or 1
    return {"title": title, "unit": unit, "note": note,
            "bars": [{"label": label, "value": value, "text": _fmt(value), "percent": round(100 * float(value) / peak, 1)}
                     for label, value in rows]}


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        return f"{value:g}"
    return f"{value:,}"
