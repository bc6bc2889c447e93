"""Penalty list rows → the national 双公示 fields, normalised.

Fills what the standard needs and the source left out (authority and its code from the
county mark or the publisher, data source, party type); drops ID-number columns here, so no
later stage ever holds them."""
from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pandas as pd

from ..columns import spec
from ..config import Publisher, Unit
from ..tables import Table
from .common import Cells, ensure_columns, map_column
from .values import (AmountError, add_months, check_uscc, format_amount, looks_like_person, parse_amount,
                     parse_date, parse_docno, split_categories)

PARTY_TYPES = {"法人及非法人组织", "自然人", "个体工商户"}
PARTY_SYNONYMS = {
    "法人": "法人及非法人组织", "法人和非法人组织": "法人及非法人组织", "法人及其他组织": "法人及非法人组织",
    "法人或其他组织": "法人及非法人组织", "非法人组织": "法人及非法人组织", "企业": "法人及非法人组织",
    "单位": "法人及非法人组织", "其他组织": "法人及非法人组织", "企业法人": "法人及非法人组织",
    "个人": "自然人", "公民": "自然人", "个体户": "个体工商户", "个体": "个体工商户",
}
INTERNAL = ["_file", "_sheet", "_row", "_order", "_slug", "_unit_code", "_file_date", "_end_given",
            "_docno_header", "_date_header"]


def fields() -> list[str]:
    return [f for f in spec("penalties").fields if spec("penalties").publish(f)]


def columns() -> list[str]:
    """Every column of a normalised frame: the published fields, unit, id, then internal ones."""
    return [*fields(), "所属区县", "记录编号", *INTERNAL]


def _amount(unit):
    def parse(text: str):
        try:
            return format_amount(parse_amount(text, unit)), None
        except AmountError as e:
            return "", e.rule
    return parse


def normalise(table: Table, pub: Publisher, order: int = 0, file_date: str = "") -> tuple[pd.DataFrame, Cells]:
    """One source table → (standard frame, problems). `order` ranks the file among exports."""
    cells = Cells(table)
    src = table.frame
    present = set(table.written)
    f = ensure_columns(src, fields())
    n = len(f)

    # decision number → record id, county unit, authority
    rules = pub.docno_rules
    docnos = map_column(f["行政处罚决定书文号"], lambda text: parse_docno(text, rules))
    ids, slugs, units = [""] * n, [""] * n, [None] * n
    authorities = f["处罚机关"].tolist()
    for i, (raw, d) in enumerate(zip(f["行政处罚决定书文号"], docnos)):
        unit: Unit | None = None
        if d is None:
            if raw:
                cells.at("docno.invalid", i, "行政处罚决定书文号", raw)
        else:
            ids[i], slugs[i] = d.canonical, d.slug
            if d.mark:
                unit = pub.unit_by_mark.get(d.mark)
                if unit is None:
                    cells.at("docno.unknown_mark", i, "行政处罚决定书文号", raw, d.mark)
                    continue
        if unit is None:
            if authorities[i]:
                unit = pub.unit_for_authority(authorities[i])
                if unit is None:
                    cells.at("unit.unknown", i, "处罚机关", authorities[i])
                    continue
            else:
                unit = pub.home_unit
        units[i] = unit
    f["记录编号"] = ids
    f["_slug"] = slugs
    f["所属区县"] = [u.name if u else "" for u in units]
    f["_unit_code"] = [u.code if u else "" for u in units]
    f["处罚机关"] = [a or (u.authority if u else "") for a, u in zip(authorities, units)]
    f["处罚机关统一社会信用代码"] = [c or (u.uscc if u else "") for c, u in zip(f["处罚机关统一社会信用代码"], units)]
    f["数据来源单位"] = f["数据来源单位"].where(f["数据来源单位"] != "", pub.name)
    f["数据来源单位统一社会信用代码"] = f["数据来源单位统一社会信用代码"].where(
        f["数据来源单位统一社会信用代码"] != "", pub.uscc)

    # credit codes: labels and licence-copy suffixes off; a bad check character is a warning
    for field in ("行政相对人代码_1(统一社会信用代码)", "处罚机关统一社会信用代码", "数据来源单位统一社会信用代码"):
        checks = map_column(f[field], check_uscc)
        f[field] = [c.code for c in checks]
        for i, (raw, c) in enumerate(zip(src[field] if field in present else [""] * n, checks)):
            if c.status == "invalid":
                cells.at("uscc.invalid", i, field, raw)
            elif c.status == "checksum":
                cells.at("uscc.checksum", i, field, raw, c.expected)

    # party type: as given (with common synonyms), else inferred
    types = []
    for i, (given, name, code) in enumerate(zip(f["行政相对人类别"], f["行政相对人名称"], f["行政相对人代码_1(统一社会信用代码)"])):
        t = PARTY_SYNONYMS.get(given, given)
        if given and t not in PARTY_TYPES:
            cells.at("party_type.invalid", i, "行政相对人类别", given)
        elif not given:
            if code.startswith("92"):
                t = "个体工商户"
            elif code:
                t = "法人及非法人组织"
            elif looks_like_person(name):
                t = "自然人"
            elif name:
                cells.at("party_type.unknown", i, "行政相对人名称", name)
        types.append(t)
    f["行政相对人类别"] = types

    # dates; 公示截止期 when absent: decision date + the publisher's default period
    for field in ("处罚决定日期", "处罚有效期", "公示截止期"):
        parsed = map_column(f[field], parse_date)
        for i in (parsed.isna() & (f[field] != "")).to_numpy().nonzero()[0]:
            cells.at("date.invalid", int(i), field, f[field].iat[i])
        f[field] = parsed.fillna("")
    f["_end_given"] = f["公示截止期"] != ""
    months = pub.publicity["default_period_months"]
    f["公示截止期"] = [end or (_plus_months(d, months) if d else "") for end, d in zip(f["公示截止期"], f["处罚决定日期"])]

    # amounts in 万元, exact
    for field in ("罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)"):
        unit = table.units.get(field)
        results = map_column(f[field], _amount(unit))
        for i, (raw, (_, rule)) in enumerate(zip(f[field], results)):
            if rule:
                cells.at(rule, i, field, raw)
        if field in present and unit is None and f[field].map(_bare_number).any():
            cells.column("amount.unit_assumed", field)
        f[field] = [v for v, _ in results]

    # penalty kinds: a list, each from the law's list
    kinds = map_column(f["处罚类别"], split_categories)
    for i, (raw, (_, bad)) in enumerate(zip(f["处罚类别"], kinds)):
        for part in bad:
            cells.at("category.invalid", i, "处罚类别", raw, part)
    f["处罚类别"] = [";".join(k) for k, _ in kinds]

    f["_file"], f["_sheet"], f["_order"], f["_file_date"] = table.file, table.sheet, order, file_date
    # the headers as this file writes them, for problems found after files are combined
    f["_docno_header"] = table.written.get("行政处罚决定书文号", "行政处罚决定书文号")
    f["_date_header"] = table.written.get("处罚决定日期", "处罚决定日期")
    f["_row"] = src["_row"].to_numpy()
    out = f[columns()]
    return out, cells


@cache
def _plus_months(day: str, months: int) -> str:
    return add_months(dt.date.fromisoformat(day), months).isoformat()


_BARE = re.compile(r"^[\d,.]+$")


def _bare_number(text: str) -> bool:
    return bool(text) and bool(_BARE.match(text))
