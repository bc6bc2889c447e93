"""Stage 5a, views: the collected data → plain dicts the page templates render.

No markup here: every function returns dicts and lists; site_src/ templates turn them into
pages. Only `c.public` (active, masked decisions) feeds anything about individual decisions;
counts may include decisions no longer public (numbers only)."""
from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import pandas as pd

from ..normalise.values import looks_like_person

PAGE_ROWS = 100  # rows per list page: keeps every HTML page well under 100 KB


def site(c, data_date: str) -> dict:
    """What every page needs to know about the publisher."""
    s = c.pub.site
    return {
        "name": s["name"], "url": c.pub.site_url, "publisher": c.pub.name, "publisher_en": c.pub.data["publisher"].get("name_en", ""),
        "uscc": c.pub.uscc, "sample_data": c.pub.sample_data, "as_of": c.as_of.isoformat(), "data_date": data_date,
        "licence": c.pub.licence, "units": [{"code": u.code, "name": u.name, "authority": u.authority} for u in c.pub.units],
        "publicity": c.pub.publicity, "masking": c.pub.masking, "contact": s.get("contact", {}),
    }


def record_url(slug: str) -> str:
    """Site-relative path of a decision's page (raw text; templates percent-encode hrefs)."""
    return f"penalties/{slug}/"


def company_key(name: str, code: str, party_type: str) -> str | None:
    """The company page a party gets: by credit code, else by name; none for natural persons
    (their masked names are not unique) or for individual businesses named after a person."""
    if code:
        return code
    if party_type == "自然人" or looks_like_person(name) or "*" in name or not name:
        return None
    return "n" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def company_url(key: str) -> str:
    return f"companies/{key}/"


def item(r: dict) -> dict:
    """One public decision as list rows and feeds show it."""
    return {
        "id": r["记录编号"], "docno": r["行政处罚决定书文号"], "slug": r["_slug"], "url": record_url(r["_slug"]),
        "name": r["行政相对人名称"], "party_type": r["行政相对人类别"], "code": r["行政相对人代码_1(统一社会信用代码)"],
        "date": r["处罚决定日期"], "until": r["公示截止期"], "unit": r["所属区县"], "unit_code": r["_unit_code"],
        "kinds": [k for k in r["处罚类别"].split(";") if k], "type": r["违法行为类型"], "fine": r["罚款金额(万元)"],
        "confiscated": r["没收违法所得、没收非法财物的金额(万元)"], "authority": r["处罚机关"],
        "company": company_key(r["行政相对人名称"], r["行政相对人代码_1(统一社会信用代码)"], r["行政相对人类别"]),
    }


def records(frame: pd.DataFrame) -> list[dict]:
    """frame.to_dict("records"), several times faster for text columns."""
    cols = list(frame.columns)
    return [dict(zip(cols, row)) for row in zip(*(frame[c].tolist() for c in cols))]


def items(frame: pd.DataFrame) -> list[dict]:
    return [item(r) for r in records(frame)]


def paginate(rows: list, size: int = PAGE_ROWS) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def domain(url: str) -> str:
    return urlsplit(url).netloc
