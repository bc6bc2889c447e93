"""Several exports, one truth.

Files are taken in export order (the date in the file name, then the name; see README).
The same decision in several files: identical rows merge silently; a later export that
differs replaces the earlier one and the change is recorded. Conflicting rows for one
decision inside one file are an error."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .problems import Problem, problem

_NAME_DATE = re.compile(r"(?<!\d)(20\d{2})[-_.年]?(\d{2})[-_.月]?(\d{2})(?!\d)")


def file_date(name: str) -> str:
    """The export date a file name carries (2024-06-30, 20240630, 2024年06月30日), or ''."""
    m = _NAME_DATE.search(Path(name).stem)
    if not m:
        return ""
    y, mo, d = (int(x) for x in m.groups())
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def export_order(names: list[str]) -> list[str]:
    """Oldest export first: by the date in the name, files without one first, then by name."""
    return sorted(names, key=lambda n: (file_date(n), n))


SPELLING = "行政处罚决定书文号"  # the number as written: spelling, not content (the key is 记录编号)


def _content_hash(frame: pd.DataFrame, fields: list[str]) -> pd.Series:
    return pd.util.hash_pandas_object(frame[[f for f in fields if f != SPELLING]].astype(str), index=False)


def combine(frames: list[pd.DataFrame], fields: list[str], columns: list[str]) -> tuple[pd.DataFrame, list[Problem], list[dict]]:
    """One row per decision (by 记录编号, the key every spelling of a number shares). `fields`
    are compared (the number's spelling is not content), `columns` are every column a frame
    has. Returns (rows, problems, changes), where a change is {记录编号, 文号, from_file,
    to_file, date, fields, values: [{field, old, new}]} (values raw, unmasked) for every
    decision a later export altered, oldest first.

    Each row gets `_first_file_date`, its publication date: the date of the first export that
    contained it (`_published_date` of that file's row: the date in the file name, or for a
    file without one the decision's own date)."""
    if not frames:
        return pd.DataFrame(columns=[*columns, "_first_file_date", "_corrected"], dtype=object), [], []
    allrows = pd.concat(frames, ignore_index=True)
    allrows = allrows[allrows["记录编号"] != ""]
    allrows = allrows.assign(_hash=_content_hash(allrows, fields))
    problems: list[Problem] = []

    # inside one file: identical duplicates merge, different ones conflict
    dup = allrows.duplicated(["_file", "记录编号"], keep=False)
    if dup.any():
        for (_, _), g in allrows[dup].groupby(["_file", "记录编号"], sort=False):
            if g["_hash"].nunique() > 1:
                first = g.iloc[0]
                for _, r in g.iloc[1:].iterrows():
                    if r["_hash"] != first["_hash"]:
                        problems.append(problem("docno.conflict", file=r["_file"], sheet=r["_sheet"], row=r["_row"],
                                                column=r["_docno_header"], value=r["行政处罚决定书文号"],
                                                detail=str(first["_row"])))
        allrows = allrows.drop_duplicates(["_file", "记录编号"], keep="first")

    # across files: the latest export wins; earlier different versions are recorded as changes
    allrows = allrows.sort_values(["_order", "_row"], kind="stable")
    first_seen = allrows.groupby("记录编号", sort=False)["_published_date"].first()
    changes: list[dict] = []
    repeated = allrows.duplicated("记录编号", keep=False)
    if repeated.any():
        for rid, g in allrows[repeated].groupby("记录编号", sort=False):
            prev = g.iloc[0]
            for _, cur in g.iloc[1:].iterrows():
                if cur["_hash"] != prev["_hash"]:
                    changed = [f for f in fields if f != SPELLING and str(cur[f]) != str(prev[f])]
                    changes.append({
                        "记录编号": rid, "文号": cur["行政处罚决定书文号"], "from_file": prev["_file"],
                        "to_file": cur["_file"], "date": cur["_file_date"], "fields": changed,
                        "values": [{"field": f, "old": str(prev[f]), "new": str(cur[f])} for f in changed],
                    })
                    problems.append(problem("docno.replaced", file=cur["_file"], sheet=cur["_sheet"], row=cur["_row"],
                                            column=cur["_docno_header"], value=cur["行政处罚决定书文号"],
                                            detail=f"{prev['_file']} → {cur['_file']}：" + "、".join(changed)))
                prev = cur
    latest = allrows.drop_duplicates("记录编号", keep="last").copy()
    latest["_first_file_date"] = latest["记录编号"].map(first_seen)
    corrected = {c["记录编号"]: c["date"] for c in changes}
    latest["_corrected"] = [corrected.get(rid, "") for rid in latest["记录编号"]]
    problems += address_collisions(latest)
    return latest.drop(columns=["_hash", "_published_date"]).reset_index(drop=True), problems, changes


def address_collisions(rows: pd.DataFrame) -> list[Problem]:
    """Two different numbers whose pages would share one address (`_slug`) are an error: one
    page would silently overwrite the other."""
    problems = []
    clash = rows[rows.duplicated("_slug", keep=False) & (rows["_slug"] != "")]
    for _, g in clash.groupby("_slug", sort=False):
        first = g.iloc[0]
        for _, r in g.iloc[1:].iterrows():
            problems.append(problem("address.collision", file=r["_file"], sheet=r["_sheet"], row=r["_row"],
                                    column=r["_docno_header"], value=r["行政处罚决定书文号"],
                                    detail=f"{first['行政处罚决定书文号']}（{first['_file']} 第{first['_row']}行）"))
    return problems
