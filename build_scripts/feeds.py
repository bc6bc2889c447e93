"""Stage 6, feeds: RSS 2.0 and Atom with feedgen, one pair per subject.

Entry id = the record's permanent URL; entry date = the record's date in the data (never
the build clock); newest first; at most 50 entries; XML-invalid characters stripped."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

from .render import href

MAX_ENTRIES = 50
TZ = dt.timezone(dt.timedelta(hours=8))
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedSpec:
    key: str          # all, penalties, county-341602, decisions, reports, withdrawals
    title: str
    description: str

    @property
    def rss(self) -> str:
        return f"feeds/{self.key}.xml"

    @property
    def atom(self) -> str:
        return f"feeds/{self.key}.atom"


def specs(pub) -> list[FeedSpec]:
    out = [
        FeedSpec("all", f"{pub.name}：全部更新", "行政处罚决定、撤回公告、重大行政决策目录调整和年度报告的全部更新。"),
        FeedSpec("penalties", f"{pub.name}：行政处罚决定", "新公示的行政处罚决定。"),
    ]
    out += [FeedSpec(f"county-{u.code}", f"{pub.name}：{u.name}行政处罚决定", f"{u.authority}新公示的行政处罚决定。")
            for u in pub.units]
    out += [
        FeedSpec("decisions", f"{pub.name}：重大行政决策事项目录", "目录的发布与调整（新增、调出、调整事项）。"),
        FeedSpec("reports", f"{pub.name}：法治政府建设年度报告", "新发布的年度报告。"),
        FeedSpec("withdrawals", f"{pub.name}：行政处罚撤回公告", "依行政处罚法第四十八条撤回公示的决定及理由。"),
    ]
    return out


def clean(text: str) -> str:
    return _INVALID_XML.sub("", text or "")


def _when(date: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(date), dt.time(0), tzinfo=TZ)


def write(spec: FeedSpec, entries: list[dict], site_url: str, out: Path, pub_name: str, fallback_date: str) -> None:
    """entries: [{id (permanent URL, relative), title, summary, date (YYYY-MM-DD), category}], any order."""
    entries = sorted(entries, key=lambda e: (e["date"], e["id"]), reverse=True)[:MAX_ENTRIES]
    updated = entries[0]["date"] if entries else fallback_date
    fg = FeedGenerator()
    fg.id(site_url + spec.rss)
    fg.title(clean(spec.title))
    fg.subtitle(clean(spec.description))
    fg.description(clean(spec.description))
    fg.author({"name": pub_name})
    fg.language("zh-CN")
    fg.generator("gongshi")
    fg.updated(_when(updated))
    fg.lastBuildDate(_when(updated))
    for e in reversed(entries):  # feedgen prepends: add oldest first to get newest first
        fe = fg.add_entry()
        url = site_url + href(e["id"])
        fe.id(url)
        fe.guid(url, permalink=True)
        fe.link(href=url)
        fe.title(clean(e["title"]))
        fe.summary(clean(e["summary"]))
        fe.published(_when(e["date"]))
        fe.updated(_when(e["date"]))
        if e.get("category"):
            fe.category(term=clean(e["category"]))
    (out / "feeds").mkdir(parents=True, exist_ok=True)
    for path, writer in ((spec.rss, fg.rss_file), (spec.atom, fg.atom_file)):
        fg.link([{"href": site_url, "rel": "alternate"}, {"href": site_url + path, "rel": "self"}], replace=True)
        writer(str(out / path), pretty=True)
