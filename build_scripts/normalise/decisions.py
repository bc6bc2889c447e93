"""Catalogue of major administrative decisions: one version file → standard rows."""
from __future__ import annotations

import re
import unicodedata
from functools import cache

import pandas as pd
import yaml

from .. import SCHEMAS
from ..columns import spec
from ..tables import Table
from .common import Cells, ensure_columns
from .values import parse_date

_YEAR = re.compile(r"(?<!\d)(20\d{2})(?:年|-|_|\s|年度|$)")


@cache
def _rules() -> dict:
    return yaml.safe_load((SCHEMAS / "decision-procedures.yml").read_text(encoding="utf-8"))


@cache
def _procedure_lookup() -> tuple[dict[str, str], list[str]]:
    lookup, order = {}, []
    for p in _rules()["procedures"]:
        order.append(p["name"])
        lookup[p["name"]] = p["name"]
        for s in p.get("synonyms", []):
            lookup[s] = p["name"]
    return lookup, order


def split_procedures(text: str) -> tuple[list[str], list[str]]:
    lookup, order = _procedure_lookup()
    parts = [p.strip() for p in re.split(f"[{re.escape(_rules()['separators'])}]+", text) if p.strip()]
    found, bad = [], []
    for p in parts:
        name = lookup.get(p)
        if name is None:
            bad.append(p)
        elif name not in found:
            found.append(name)
    return sorted(found, key=order.index), bad


def hearing(text: str) -> str | None:
    for value, spellings in _rules()["hearing"].items():
        if text in spellings:
            return value
    return None


def when(text: str) -> str:
    """计划完成时间: 2025年7月 → 2025-07, a full date → YYYY-MM-DD, anything else as written."""
    s = unicodedata.normalize("NFKC", text).strip()
    m = re.fullmatch(r"(20\d{2})\s*[年\-/.]\s*(\d{1,2})\s*月?(?:底|份|前)?", s)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{int(m[2]):02d}"
    return parse_date(s) or text


def item_key(name: str) -> str:
    """What identifies an item across versions: its name without spacing or width differences."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def year_of(file: str, title: str) -> int | None:
    for text in (title, file.rsplit("/", 1)[-1]):
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def normalise(table: Table, year: int | None = None) -> tuple[pd.DataFrame, Cells]:
    """One catalogue version. `year` (from the file name or title) fills an absent 年度."""
    cells = Cells(table)
    f = ensure_columns(table.frame, spec("decisions").fields)
    if year is not None:
        f["年度"] = f["年度"].where(f["年度"] != "", str(year))
    procs, hearings, seqs = [], [], []
    for i, (p, h, s) in enumerate(zip(f["决策程序"], f["是否听证"], f["序号"])):
        found, bad = split_procedures(p)
        for b in bad:
            cells.at("decision.procedure", i, "决策程序", p, b)
        procs.append(";".join(found))
        hv = hearing(h) if h else ""
        if hv is None:
            cells.at("decision.hearing", i, "是否听证", h)
            hv = ""
        hearings.append(hv)
        seqs.append(int(s) if s.isdigit() else i + 1)
    f["决策程序"], f["是否听证"], f["序号"] = procs, hearings, seqs
    f["计划完成时间"] = f["计划完成时间"].map(when)
    f["_key"] = f["决策事项名称"].map(item_key)
    seen: dict[str, int] = {}
    for i, (k, row) in enumerate(zip(f["_key"], table.frame["_row"])):
        if not k:
            cells.at("value.required", i, "决策事项名称")
        elif k in seen:
            cells.at("decision.duplicate", i, "决策事项名称", f["决策事项名称"].iat[i], str(seen[k]))
        else:
            seen[k] = int(row)
    f["_file"], f["_sheet"], f["_row"] = table.file, table.sheet, table.frame["_row"].to_numpy()
    return f, cells
