"""The bundled data built end to end, as a newcomer's first command does: files, rows,
page text. Expected numbers are recomputed here from the source files themselves."""
import csv
import html
import datetime as dt
import json
import re
from pathlib import Path

import lxml.html
from python_calamine import CalamineWorkbook

from conftest import AS_OF, ROOT

SOURCES = ROOT / "datasets" / "sources" / "penalties"
STANDARD = [  # the 信用中国 template's fields, in order (domain.md §2)
    "行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)", "行政相对人代码_2(工商注册号)",
    "行政相对人代码_3(组织机构代码)", "行政相对人代码_4(税务登记号)", "行政相对人代码_5(事业单位证书号)",
    "行政相对人代码_6(社会组织登记证号)", "法定代表人", "法定代表人证件类型", "法定代表人证件号码", "证件类型",
    "证件号码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容",
    "罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)", "暂扣或吊销证照名称及编号", "处罚决定日期",
    "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
]


def source_decisions() -> list[tuple[str, str, str]]:
    """(decision number, party, decision date) of every row in the bundled exports, read plainly."""
    out = []
    for path in sorted(SOURCES.iterdir()):
        if path.suffix == ".xlsx":
            rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
            header = rows[1]
            for r in rows[2:]:
                rec = dict(zip(header, r))
                if rec.get("行政处罚决定书文号"):
                    d = rec["处罚决定日期"]
                    out.append((rec["行政处罚决定书文号"], rec["行政相对人名称"], d.isoformat() if hasattr(d, "isoformat") else str(d)))
        elif path.suffix == ".csv":
            with path.open(encoding="gbk", newline="") as f:
                for rec in csv.DictReader(f):
                    y, m, d = re.match(r"(\d+)年(\d+)月(\d+)日", rec["决定日期"]).groups()
                    out.append((rec["处罚决定文号"], rec["当事人"], dt.date(int(y), int(m), int(d)).isoformat()))
    return out


def active_on(as_of: str) -> list[tuple[str, str, str]]:
    """Public under the bundled publisher.yml (12 months, no withdrawals): decided within the year."""
    day = dt.date.fromisoformat(as_of)
    first = day.replace(year=day.year - 1)
    return [d for d in source_decisions() if first.isoformat() <= d[2] <= as_of]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_summary_names_records_read_published_withheld_and_size(bundled):
    _, result = bundled
    total, public = len(source_decisions()), len(active_on(AS_OF))
    assert f"读取处罚决定 {total:,} 条" in result.stderr + result.stdout
    out = result.stdout
    assert f"发布 {public:,} 条" in out and f"不再公示 {total - public:,} 条" in out
    assert "警告" in out and re.search(r"输出 .*：[\d,]+ 个文件，[\d.]+ MB", out)


def test_penalties_csv_has_the_national_fields_in_order_without_id_numbers(site):
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    expected = [f for f in STANDARD if f not in ("法定代表人证件号码", "证件号码")] + ["所属区县", "记录编号"]
    assert header == expected


def test_penalties_csv_holds_exactly_the_decisions_still_public(site):
    rows = read_csv(site / "data" / "penalties.csv")
    expected = active_on(AS_OF)
    assert len(rows) == len(expected) > 100
    assert {r["处罚决定日期"] for r in rows} <= {d[2] for d in expected}
    assert min(r["处罚决定日期"] for r in rows) >= "2025-11-26"
    assert all(r["公示截止期"] >= AS_OF for r in rows)
    assert {r["所属区县"] for r in rows} == {"市本级", "谯城区", "涡阳县", "蒙城县", "利辛县"}
    assert len({r["记录编号"] for r in rows}) == len(rows)


def test_every_published_decision_has_its_page_with_its_text(site):
    rows = read_csv(site / "data" / "penalties.csv")
    for r in rows[:40]:
        slug = re.sub(r"[（）]", "", r["记录编号"]).replace("〔", "-").replace("〕", "-").removesuffix("号")
        page = (site / "penalties" / slug / "index.html").read_text(encoding="utf-8")
        assert r["行政处罚决定书文号"] in page and r["违法行为类型"] in page
        assert f"<title>{r['行政处罚决定书文号']} " in page


def test_a_decision_no_longer_public_appears_nowhere(site):
    gone = [d for d in source_decisions() if d[2] < "2025-06-01"][:3]
    assert gone
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".csv", ".json", ".xml", ".atom")]
    for docno, _, _ in gone:
        assert not any(docno in t for t in texts), docno


def test_home_page_shows_the_sample_banner_latest_decisions_and_feeds(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "虚构示例" in home
    latest = sorted(active_on(AS_OF), key=lambda d: d[2], reverse=True)[:5]
    assert all(html.escape(docno) in home for docno, _, _ in latest)
    assert any(name in home for _, name, _ in latest if "公司" in name)
    assert 'type="application/rss+xml"' in home and 'href="feeds/all.xml"' in home


def test_every_page_shows_the_sample_banner_and_the_government_footer(site):
    pages = list(site.rglob("index.html"))
    assert len(pages) > 300
    for p in pages[:: max(1, len(pages) // 60)]:
        html = p.read_text(encoding="utf-8")
        assert "虚构示例" in html, p
        for item in ("党政机关网站标识", "网站标识码", "ICP备", "公网安备", "主办单位", "我为政府网站找错"):
            assert item in html, (p, item)
        assert 'name="SiteIDCode"' in html and 'name="PubDate"' in html


def test_site_has_the_pages_issue_2_lists(site):
    for path in ("index.html", "penalties/index.html", "decisions/index.html", "reports/2024/index.html",
                 "opendata/index.html", "feeds/index.html", "about/index.html"):
        assert (site / path).is_file(), path
    catalogue = (site / "decisions" / "index.html").read_text(encoding="utf-8")
    assert "2025年目录" in catalogue and "（示例）" in catalogue
    opendata = (site / "opendata" / "index.html").read_text(encoding="utf-8")
    rows = len(read_csv(site / "data" / "penalties.csv"))
    assert f">{rows:,}<" in opendata and "行政相对人名称" in opendata and "data/penalties.xlsx" in opendata


def test_record_pages_stay_out_of_the_navigation(site):
    doc = lxml.html.fromstring((site / "index.html").read_bytes())
    nav = doc.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
    assert "penalties/" in nav and len(nav) < 40
    assert not [h for h in nav if "%E7%9A%96" in h or "皖" in h or "companies/" in h]


def test_no_shell_pages_left_in_the_site(site):
    assert not list(site.glob("_shells*"))
    assert "_shells" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_sitemap_lists_the_public_pages(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    rows = read_csv(site / "data" / "penalties.csv")
    assert sitemap.count("<url>") > len(rows)
    assert "https://gongshi.example.gov.cn/penalties/%E7%9A%96" in sitemap


def test_datapackage_created_comes_from_the_data(site):
    pkg = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    newest = max(d[2] for d in source_decisions())
    assert pkg["created"].startswith(newest)
