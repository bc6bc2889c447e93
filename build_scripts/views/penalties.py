"""Views of the penalty decisions: lists, per-year and per-county pages, decision and
company pages, the home page's figures and charts."""
from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pandas as pd

from ..normalise.values import decimal_text
from . import charts, company_key, company_url, item, items, paginate


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
        # its list page exists only while some of its decisions are still public
        "latest_year_url": f"penalties/{latest_year}/" if (pub["处罚决定日期"].str[:4] == latest_year).any() else "penalties/",
        "active": len(pub),
        "year_total": len(year_rows),
        "year_fines": decimal_text(sum((Decimal(f) for f in year_rows["罚款金额(万元)"] if f), Decimal(0))),
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


class Rows:
    """Public decisions by position, as dicts, reading only the rows asked for. A forked process
    that renders a contiguous part of the decisions then copies only that part's memory."""

    def __init__(self, frame: pd.DataFrame, lo: int = 0, hi: int | None = None):
        self.frame, self.lo = frame, lo
        self.hi = len(frame) if hi is None else hi
        part = frame.iloc[self.lo:self.hi]
        self.columns = list(frame.columns)
        self.data = {col: part[col].tolist() for col in self.columns}

    def __getitem__(self, i: int) -> dict:
        if self.lo <= i < self.hi:
            return {col: self.data[col][i - self.lo] for col in self.columns}
        return dict(zip(self.columns, self.frame.iloc[i].tolist()))

    def item(self, i: int) -> dict:
        return item(self[i])


def company_keys(c) -> list[str | None]:
    pub = c.public
    return [company_key(n, k, t) for n, k, t in zip(pub["行政相对人名称"], pub["行政相对人代码_1(统一社会信用代码)"],
                                                     pub["行政相对人类别"])]


def company_groups(c) -> dict[str, list[int]]:
    """Company key → positions of its public decisions (newest first, as the frame is sorted)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(company_keys(c)):
        if key:
            groups[key].append(i)
    return groups


def _positions(values: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(values):
        out[v].append(i)
    return out


def _by_year(c) -> dict[str, list[int]]:
    return _positions(c.public["处罚决定日期"].str[:4].tolist())


def _by_unit(c) -> dict[str, list[int]]:
    return _positions(c.public["_unit_code"].tolist())


def _page_path(first: str, n: int) -> str:
    return first + (f"{n}/" if n > 1 else "")


def list_page_paths(c) -> list[str]:
    """The paths of every year and county page, without building them (for the sitemap)."""
    by_year, by_unit = _by_year(c), _by_unit(c)
    paths = [_page_path(f"penalties/{y}/", n) for y in sorted(by_year, reverse=True)
             for n in range(1, len(paginate(by_year[y])) + 1)]
    paths += [_page_path(f"counties/{u.code}/", n) for u in c.pub.units
              for n in range(1, len(paginate(by_unit.get(u.code, []))) + 1)]
    return paths


def year_pages(c, rows: Rows | None = None):
    """penalties/<year>/ (and /2/, /3/ … when long): every public decision of a year."""
    rows = rows or Rows(c.public)
    by_year = _by_year(c)
    for year in sorted(by_year, reverse=True):
        pages = paginate(by_year[year])
        for n, page in enumerate(pages, start=1):
            yield {"year": year, "page": n, "pages": len(pages), "items": [rows.item(i) for i in page],
                   "total": len(by_year[year]), "path": _page_path(f"penalties/{year}/", n)}


def county_pages(c, rows: Rows | None = None):
    """counties/<code>/: a unit's public decisions, counts per year (including withheld)."""
    rows = rows or Rows(c.public)
    all_years = c.penalties["处罚决定日期"].str[:4]
    by_unit = _by_unit(c)
    fines_col = c.public["罚款金额(万元)"].tolist()
    for u in c.pub.units:
        mine = by_unit.get(u.code, [])
        counts = Counter(all_years[c.penalties["_unit_code"] == u.code])
        fines = sum((Decimal(fines_col[i]) for i in mine if fines_col[i]), Decimal(0))
        pages = paginate(mine)
        for n, page in enumerate(pages, start=1):
            yield {"unit": {"code": u.code, "name": u.name, "authority": u.authority}, "page": n, "pages": len(pages),
                   "items": [rows.item(i) for i in page], "total": len(mine), "fines": decimal_text(fines),
                   "by_year": sorted(counts.items(), reverse=True), "path": _page_path(f"counties/{u.code}/", n)}


def unit_summary(c, latest_year: str) -> list[dict]:
    """The 区县单位 table: each unit's public decisions and its latest year's (all) decisions."""
    all_years = c.penalties["处罚决定日期"].str[:4]
    by_unit = _by_unit(c)
    return [{"code": u.code, "name": u.name, "authority": u.authority, "active": len(by_unit.get(u.code, [])),
             "year_count": int(((c.penalties["_unit_code"] == u.code) & (all_years == latest_year)).sum())}
            for u in c.pub.units]


def decision_pages(c, lo: int = 0, hi: int | None = None, groups: dict[str, list[int]] | None = None):
    """penalties/<slug>/ for the decisions at positions lo…hi: every published field, where it
    came from, the party's other decisions. A generator: pages are rendered one by one."""
    pub = c.public
    rows = Rows(pub, lo, hi)
    groups = company_groups(c) if groups is None else groups
    fields = [f for f in pub.columns if not f.startswith("_")]
    for i in range(rows.lo, rows.hi):
        r = rows[i]
        it = item(r)
        key = it["company"]
        others = [rows.item(j) for j in groups.get(key, []) if j != i] if key else []
        yield {
            "item": it, "fields": [(f, r[f]) for f in fields], "source": {"file": r["_file"], "sheet": r["_sheet"], "row": r["_row"]},
            "others": others, "company_url": company_url(key) if key else None,
            "corrections": c.corrections.get(it["id"], []), "path": it["url"],
        }


def company_pages(c, rows: Rows | None = None, groups: dict[str, list[int]] | None = None):
    """companies/<key>/: one party's public decisions over time, with totals (in key order)."""
    rows = rows or Rows(c.public)
    groups = company_groups(c) if groups is None else groups
    for key in sorted(groups):
        its = sorted((rows.item(i) for i in groups[key]), key=lambda x: (x["date"], x["id"]), reverse=True)
        fines = sum((Decimal(i["fine"]) for i in its if i["fine"]), Decimal(0))
        yield {"key": key, "name": its[0]["name"], "code": its[0]["code"], "party_type": its[0]["party_type"],
               "items": its, "count": len(its), "fines": decimal_text(fines),
               "first": its[-1]["date"], "last": its[0]["date"], "path": company_url(key)}


def company_index(c, groups: dict[str, list[int]] | None = None) -> list[tuple[str, str]]:
    """(path, newest decision date) of every company page, without building the pages."""
    groups = company_groups(c) if groups is None else groups
    dates = c.public["处罚决定日期"].tolist()
    return [(company_url(key), max(dates[i] for i in pos)) for key, pos in sorted(groups.items())]


def list_index(c) -> list[dict]:
    """The compact rows the interactive list filters in the browser (public decisions only)."""
    return [
        {"u": it["url"], "d": it["date"], "n": it["name"], "c": it["unit_code"], "k": it["kinds"],
         "t": it["type"], "f": it["fine"], "no": it["docno"]}
        for it in items(c.public)
    ]
