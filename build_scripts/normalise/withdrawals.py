"""Withdrawals (撤回与信用修复): decision number, type, date, reason → standard rows."""
from __future__ import annotations

import pandas as pd

from ..columns import spec
from ..tables import Table
from .common import Cells, ensure_columns, map_column
from .values import NO_RULES, DocnoRules, parse_date, parse_docno

TYPES = {"信用修复": "信用修复", "修复": "信用修复", "信用修复申请": "信用修复",
         "撤销": "撤销", "撤回": "撤销", "变更": "变更", "更正": "变更",
         "确认违法": "确认违法", "确认无效": "确认无效"}


def normalise(table: Table, rules: DocnoRules = NO_RULES) -> tuple[pd.DataFrame, Cells]:
    """One withdrawals table; `rules` say which spellings of a number are one (Publisher.docno_rules)."""
    cells = Cells(table)
    f = ensure_columns(table.frame, spec("withdrawals").fields)
    docnos = map_column(f["行政处罚决定书文号"], lambda text: parse_docno(text, rules))
    ids = []
    for i, (raw, d) in enumerate(zip(f["行政处罚决定书文号"], docnos)):
        if d is None and raw:
            cells.at("docno.invalid", i, "行政处罚决定书文号", raw)
        ids.append(d.canonical if d else "")
    f["记录编号"] = ids
    types = []
    for i, t in enumerate(f["类型"]):
        if t and t not in TYPES:
            cells.at("withdrawal.type", i, "类型", t)
        types.append(TYPES.get(t, ""))
    f["类型"] = types
    dates = map_column(f["日期"], parse_date)
    for i in (dates.isna() & (f["日期"] != "")).to_numpy().nonzero()[0]:
        cells.at("date.invalid", int(i), "日期", f["日期"].iat[i])
    f["日期"] = dates.fillna("")
    for field in spec("withdrawals").required:
        if field in table.written:
            for i in (f[field] == "").to_numpy().nonzero()[0]:
                if (int(i), field) not in cells.failed:
                    cells.at("value.required", int(i), field)
    f["_file"], f["_sheet"], f["_row"] = table.file, table.sheet, table.frame["_row"].to_numpy()
    return f[["行政处罚决定书文号", "记录编号", "类型", "日期", "理由", "_file", "_sheet", "_row"]], cells
