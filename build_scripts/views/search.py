"""What the site search indexes, as (url, title, line, text): public decisions (newest first),
companies, counties, catalogue items, report sections, withdrawal notices and the main pages.
Only public, masked content; a decision no longer public is in none of these."""
from __future__ import annotations

from . import company_url
from .penalties import Rows, company_pages

PAGES = [("opendata/", "开放数据", "下载 CSV、XLSX、JSON 数据与数据字典"), ("feeds/", "订阅", "RSS 和 Atom 订阅"),
         ("updates/", "更新记录", "按日期列出的公示、撤回和目录调整"), ("about/", "关于本站", "公示规则、个人信息保护、数据如何生成"),
         ("withdrawals/", "撤回公告", "依法撤回公示的行政处罚决定"), ("quality/", "数据质量", "已发布数据中的一般问题")]


def documents(c, report_views: dict):
    rows = Rows(c.public)
    for i in range(len(c.public)):
        r = rows[i]
        it = rows.item(i)
        line = f"{it['date']}｜{it['unit']}｜{it['type']}｜{'、'.join(it['kinds'])}"
        yield it["url"], f"{it['docno']} {it['name']}", line, r["违法事实"]
    for p in company_pages(c, rows):
        yield company_url(p["key"]), p["name"], f"{p['code'] or p['party_type']}｜公示中的处罚决定 {p['count']} 件", ""
    for u in c.pub.units:
        yield f"counties/{u.code}/", f"{u.name}行政处罚决定", u.authority, ""
    for r in c.decisions.sort_values(["年度", "序号"], ascending=[False, True]).to_dict("records"):
        yield (f"decisions/#{r['事项编号']}", r["决策事项名称"], f"{r['年度']}年重大行政决策事项｜{r['决策承办单位']}",
               r["法律法规政策依据"])
    for n in c.notices:
        yield f"withdrawals/#w-{n['记录编号']}", f"撤回公示：{n['行政处罚决定书文号']}", n["理由"], n["处罚机关"]
    for r in report_views["reports"]:
        for part in r["parts"]:
            blocks = [(part["id"], part["heading"], part["paragraphs"])] + \
                     [(s["id"], s["heading"], s["paragraphs"]) for s in part["sections"]]
            for anchor, heading, paragraphs in blocks:
                text = "".join(p["text"] for p in paragraphs)
                if text or heading:
                    yield f"reports/{r['year']}/#{anchor}", f"{r['year']}年度报告：{heading}", text[:60], text
    for url, title, line in PAGES:
        yield url, title, line, ""
