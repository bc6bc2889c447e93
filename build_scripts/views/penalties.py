"""Views of the penalty decisions: lists, per-year and per-county pages, decision and
company pages, the home page's figures and charts."""
from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pandas as pd

from . import charts, company_url, items, paginate


def counts_by_year(c) -> dict[str, int]:
    """All decisions per year, including those no longer public (numbers only)."""
    years = c.penalties["处罚决定日期"].str[:4]
    return {y: int(n) for y, n in sorted(years.value_counts().items(), reverse=True) if y}


def overview(c) -> dict:
    """Key figures and charts for the home page and the list page."""
    pub = c.public
    allrows = c.penalties
    latest_year = max(counts_by_year(c), default="")
    year_rows = allrows[allrows["处罚决定日期"].str[:4] == latest_year]
    months = allrows["处罚决定日期"].str[:7]
    last_months = sorted(m for m in months.unique() if m)[-12:]
    month_counts = months.value_counts()
    by_unit = Counter(year_rows["所属区县"])
    kinds = Counter(k for ks in year_rows["处罚类别"] for k in ks.split(";") if k)
    fines_by_year = defaultdict(Decimal)
    for d, f in zip(allrows["处罚决定日期"], allrows["罚款金额(万元)"]):
        if f:
            fines_by_year[d[:4]] += Decimal(f)
    unit_order = [u.name for u in c.pub.units]
    return {
        "latest_year": latest_year,
        "active": len(pub),
        "year_total": len(year_rows),
        "year_fines": format(sum((Decimal(f) for f in year_rows["罚款金额(万元)"] if f), Decimal(0)).normalize(), "f"),
        "charts": [
            charts.bars("近12个月处罚决定数", [(m, int(month_counts.get(m, 0))) for m in last_months], "件",
                        "按决定日期统计，含已到期、已撤回等不再公示的决定。"),
            charts.bars(f"{latest_year}年各区县处罚决定数", [(u, by_unit.get(u, 0)) for u in unit_order], "件",
                        "含不再公示的决定。"),
            charts.bars(f"{latest_year}年处罚类别", kinds.most_common(), "件", "一份决定可有多个处罚类别。"),
            charts.bars("历年罚款金额", [(y, fines_by_year[y]) for y in sorted(fines_by_year)], "万元",
                        "按决定日期所在年度合计，含不再公示的决定。"),
        ],
    }


def filter_options(c) -> dict:
    pub = c.public
    return {
        "years": sorted({d[:4] for d in pub["处罚决定日期"]}, reverse=True),
        "units": [{"code": u.code, "name": u.name} for u in c.pub.units],
        "kinds": [k for k, _ in Counter(k for ks in pub["处罚类别"] for k in ks.split(";") if k).most_common()],
        "types": [t for t, _ in Counter(pub["违法行为类型"]).most_common(60)],
    }


def year_pages(c) -> list[dict]:
    """penalties/<year>/ (and /2/, /3/ … when long): every public decision of a year."""
    out = []
    years = c.public["处罚决定日期"].str[:4]
    for year in sorted(years.unique(), reverse=True):
        rows = items(c.public[years == year])
        pages = paginate(rows)
        for n, page in enumerate(pages, start=1):
            out.append({"year": year, "page": n, "pages": len(pages), "items": page, "total": len(rows),
                        "path": f"penalties/{year}/" + (f"{n}/" if n > 1 else "")})
    return out


def county_pages(c) -> list[dict]:
    """counties/<code>/: a unit's public decisions, counts per year (including withheld)."""
    out = []
    all_years = c.penalties["处罚决定日期"].str[:4]
    for u in c.pub.units:
        mine = c.public[c.public["_unit_code"] == u.code]
        rows = items(mine)
        counts = Counter(all_years[c.penalties["_unit_code"] == u.code])
        fines = sum((Decimal(f) for f in mine["罚款金额(万元)"] if f), Decimal(0))
        pages = paginate(rows)
        for n, page in enumerate(pages, start=1):
            out.append({"unit": {"code": u.code, "name": u.name, "authority": u.authority}, "page": n, "pages": len(pages),
                        "items": page, "total": len(rows), "fines": format(fines.normalize(), "f"),
                        "by_year": sorted(counts.items(), reverse=True),
                        "path": f"counties/{u.code}/" + (f"{n}/" if n > 1 else "")})
    return out


def decision_pages(c):
    """penalties/<slug>/: every published field, where it came from, the party's other decisions.
    A generator: at national scale the pages are rendered one by one, never all held at once."""
    pub = c.public
    fields = [f for f in pub.columns if not f.startswith("_")]
    rows = pub.to_dict("records")
    listed = items(pub)
    by_company = defaultdict(list)
    for it in listed:
        if it["company"]:
            by_company[it["company"]].append(it)
    for r, it in zip(rows, listed):
        others = [o for o in by_company.get(it["company"], []) if o["id"] != it["id"]] if it["company"] else []
        yield {
            "item": it, "fields": [(f, r[f]) for f in fields], "source": {"file": r["_file"], "sheet": r["_sheet"], "row": r["_row"]},
            "others": others, "company_url": company_url(it["company"]) if it["company"] else None,
            "corrected": r.get("_corrected", ""), "path": it["url"],
        }


def company_pages(c) -> list[dict]:
    """companies/<key>/: one party's public decisions over time, with totals."""
    groups = defaultdict(list)
    for it in items(c.public):
        if it["company"]:
            groups[it["company"]].append(it)
    out = []
    for key, its in groups.items():
        its.sort(key=lambda x: (x["date"], x["id"]), reverse=True)
        fines = sum((Decimal(i["fine"]) for i in its if i["fine"]), Decimal(0))
        out.append({"key": key, "name": its[0]["name"], "code": its[0]["code"], "party_type": its[0]["party_type"],
                    "items": its, "count": len(its), "fines": format(fines.normalize(), "f"),
                    "first": its[-1]["date"], "last": its[0]["date"], "path": company_url(key)})
    out.sort(key=lambda p: p["key"])
    return out


def list_index(c) -> list[dict]:
    """The compact rows the interactive list filters in the browser (public decisions only)."""
    return [
        {"u": it["url"], "d": it["date"], "n": it["name"], "c": it["unit_code"], "k": it["kinds"],
         "t": it["type"], "f": it["fine"], "no": it["docno"]}
        for it in items(c.public)
    ]
