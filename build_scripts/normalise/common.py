"""What the per-dataset normalisers share: reporting a problem at a cell, mapping a column."""
from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from ..problems import Problem, problem
from ..tables import Table


class Cells:
    """Problems located at cells of one source table."""

    def __init__(self, table: Table):
        self.table = table
        self.rows = table.frame["_row"].tolist()
        self.problems: list[Problem] = []
        self.failed: set[tuple[int, str]] = set()  # cells already reported as errors

    def at(self, rule: str, index: int, field: str, value: str = "", detail: str = "") -> None:
        p = problem(
            rule, file=self.table.file, sheet=self.table.sheet, row=self.rows[index],
            column=self.table.written.get(field, field), value=value, detail=detail,
        )
        self.problems.append(p)
        if p.severity == "error":
            self.failed.add((index, field))

    def column(self, rule: str, field: str, detail: str = "") -> None:
        self.problems.append(problem(
            rule, file=self.table.file, sheet=self.table.sheet,
            column=self.table.written.get(field, field), detail=detail,
        ))


def ensure_columns(frame: pd.DataFrame, fields: Iterable[str]) -> pd.DataFrame:
    """Every field present, as text, '' where the source has no such column."""
    frame = frame.copy()
    for f in fields:
        if f not in frame.columns:
            frame[f] = ""
        else:
            frame[f] = frame[f].fillna("").astype(object)
    return frame


def map_column(series: pd.Series, fn: Callable) -> pd.Series:
    """Apply a (cached) normaliser once per distinct value: exports repeat values a lot."""
    uniques = {v: fn(v) for v in pd.unique(series)}
    return series.map(uniques)
