"""Corrections: what a later export changed in a decision, as the public may see it.

`combine` records every change (field, old value, new value, export date) raw. Here the
changes of decisions still on public display become their correction history, masked by the
same rules as the record itself: each value is put back into the record's row and that row
is masked whole (a natural person's name, a legal representative, free text), so a
correction never shows what the record itself hides."""
from __future__ import annotations

import pandas as pd

from . import mask


def versions(changes: list[dict], current: pd.DataFrame) -> pd.DataFrame:
    """Every earlier state of the changed decisions as full rows (for the masker to learn the
    names they held: a person's name corrected away must still be masked where it appears)."""
    if not changes:
        return current.iloc[0:0]
    rows = current.set_index("记录编号", drop=False)
    out = []
    for ch in changes:
        if ch["记录编号"] not in rows.index:
            continue
        row = rows.loc[ch["记录编号"]].to_dict()
        out.append({**row, **{v["field"]: v["old"] for v in ch.get("values", [])}})
    return pd.DataFrame(out, columns=current.columns) if out else current.iloc[0:0]


def history(changes: list[dict], public: pd.DataFrame, masker: mask.Masker, policy: dict) -> dict[str, list[dict]]:
    """{记录编号: [{date, field, old, new, n}]} for the public (already masked) decisions, oldest
    first; `n` numbers a decision's corrections 1, 2, … (feed ids and page anchors use it)."""
    keys = set(public["记录编号"])
    mine = [ch for ch in changes if ch["记录编号"] in keys and ch.get("values")]
    if not mine:
        return {}
    base = public.set_index("记录编号", drop=False)
    olds, news = [], []
    for ch in mine:
        row = base.loc[ch["记录编号"]].to_dict()
        for v in ch["values"]:
            olds.append({**row, v["field"]: v["old"]})
            news.append({**row, v["field"]: v["new"]})
    masked_old = mask.mask_penalties(pd.DataFrame(olds, columns=public.columns), masker, policy).to_dict("records")
    masked_new = mask.mask_penalties(pd.DataFrame(news, columns=public.columns), masker, policy).to_dict("records")
    out: dict[str, list[dict]] = {}
    count: dict[str, int] = {}
    i = 0
    for ch in mine:
        n = count[ch["记录编号"]] = count.get(ch["记录编号"], 0) + 1
        for v in ch["values"]:
            out.setdefault(ch["记录编号"], []).append({
                "date": ch["date"], "n": n, "anchor": anchor(n), "field": v["field"],
                "old": masked_old[i][v["field"]], "new": masked_new[i][v["field"]]})
            i += 1
    return out


def anchor(n: int) -> str:
    """The page anchor (and feed id fragment) of a decision's n-th correction."""
    return f"correction-{n}"
