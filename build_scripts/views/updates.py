"""What happened when, from the data (never the build clock): decisions published or
corrected, decisions withdrawn, catalogue changes, reports. Feeds and the 更新记录 page
both read these events.

A decision is news on its publication date — the date of the first export that held it
(`_first_file_date`, see combine) — not on its decision date: a decision first exported in
December but decided in March is December's news, in every feed it belongs to."""
from __future__ import annotations

from .. import corrections
from . import items


def published_order(public):
    """The public decisions newest-published first: publication date, then decision date
    (both descending), then key — the order of feeds, 更新记录 and the home page's latest."""
    return public.sort_values(["_first_file_date", "处罚决定日期", "记录编号"], ascending=[False, False, True],
                              kind="stable")


def newest(c, per_feed: int = 50, overall: int = 150):
    """The public decisions any feed or the 更新记录 page can show: the newest published of
    all, of each county unit, and every corrected one (a few thousand at most, at any scale)."""
    pub = published_order(c.public)
    keep = set(range(min(overall, len(pub))))
    for _, positions in pub.groupby("_unit_code", sort=False).indices.items():
        keep.update(positions[:per_feed].tolist())
    keep.update((pub["_corrected"] != "").to_numpy().nonzero()[0].tolist())
    return pub.iloc[sorted(keep)]


def events(c) -> list[dict]:
    """[{date, kind, url (permanent, relative), title, summary, feeds: [keys]}], newest first.
    Feeds show at most 50 entries and the 更新记录 page 150, so only the newest decisions are
    turned into events."""
    out = []
    shown = newest(c)
    for it, published in zip(items(shown), shown["_first_file_date"]):
        fine = f"，罚款{it['fine']}万元" if it["fine"] else ""
        summary = f"{it['unit']}｜{it['type']}｜{'、'.join(it['kinds'])}{fine}｜决定日期 {it['date']}"
        keys = ["all", "penalties", f"county-{it['unit_code']}"]
        out.append({"date": published or it["date"], "kind": "公示", "url": it["url"],
                    "title": f"{it['docno']} {it['name']}", "summary": summary, "feeds": keys, "category": it["unit"]})
        for n, fixes in _by_correction(c.corrections.get(it["id"], [])):
            what = "；".join(f"{f['field']}由“{f['old']}”改为“{f['new']}”" for f in fixes)
            out.append({"date": fixes[0]["date"], "kind": "更正", "url": f"{it['url']}#{corrections.anchor(n)}",
                        "title": f"更正：{it['docno']} {it['name']}", "summary": f"{fixes[0]['date']}的导出文件更正了本决定：{what}。",
                        "feeds": keys, "category": it["unit"]})
    for n in c.notices:
        anchor = "w-" + n["记录编号"]
        out.append({"date": n["撤回日期"], "kind": "撤回", "url": f"withdrawals/#{anchor}",
                    "title": f"撤回公示：{n['行政处罚决定书文号']}",
                    "summary": f"{n['处罚机关']}于{n['撤回日期']}{n['撤回类型']}该处罚决定并撤回公示。理由：{n['理由']}",
                    "feeds": ["all", "withdrawals"], "category": n["所属区县"]})
    for ch in c.decision_changes:
        ident = ch["事项编号"] or str(ch["year"])
        fields = "、".join(f["field"] for f in ch["fields"])
        summary = {"发布": f"发布{ch['year']}年重大行政决策事项目录，共{ch.get('count', 0)}项。",
                   "新增": f"{ch['year']}年目录新增事项：{ch['决策事项名称']}。",
                   "调出": f"{ch['year']}年目录调出事项：{ch['决策事项名称']}。",
                   "调整": f"{ch['year']}年目录调整事项：{ch['决策事项名称']}（{fields}）。"}[ch["kind"]]
        out.append({"date": ch["date"], "kind": f"目录{ch['kind']}", "url": f"decisions/changes/#c-{ch['date']}-{ident}",
                    "title": f"{ch['kind']}：{ch['决策事项名称']}", "summary": summary, "feeds": ["all", "decisions"],
                    "category": "重大行政决策"})
    for r in c.reports:
        out.append({"date": r["published"], "kind": "报告", "url": f"reports/{r['year']}/",
                    "title": r["title"], "summary": f"{r['title']}（全文及其中的 {len(r['figures'])} 个数字）。",
                    "feeds": ["all", "reports"], "category": "年度报告"})
    out.sort(key=lambda e: (e["date"], e["url"]), reverse=True)
    return out


def _by_correction(history: list[dict]) -> list[tuple[int, list[dict]]]:
    """A decision's correction history (corrections.history) grouped by correction: [(n, fields)]."""
    groups: dict[int, list[dict]] = {}
    for entry in history:
        groups.setdefault(entry["n"], []).append(entry)
    return sorted(groups.items())


LATEST_EVENTS = 150  # keeps the page small at any scale; older updates are in the datasets and feeds


def by_date(evts: list[dict], limit: int = LATEST_EVENTS) -> list[dict]:
    """The 更新记录 page: the latest `limit` events, grouped by day, newest first."""
    days: dict[str, list[dict]] = {}
    for e in evts[:limit]:
        days.setdefault(e["date"], []).append(e)
    return [{"date": d, "events": days[d]} for d in sorted(days, reverse=True)]
