"""Issue #6 in a real browser (Debian's chromium): the filterable list, Chinese search,
feeds that lead to pages, phones, keyboard, zoom and axe-core."""
import csv
from decimal import Decimal
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def base(site, serve):
    return serve(site)


@pytest.fixture(scope="module")
def rows(site):
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def shown_rows(page):
    return page.eval_on_selector_all("#gs-list table.gs-items tbody tr",
                                     "trs => trs.map(tr => Array.from(tr.cells).map(td => td.innerText))")


def test_filter_the_list_by_county_kind_and_amount_and_share_the_url(page, base, rows):
    page.goto(base + "penalties/")
    page.select_option("select[name=unit]", "341602")
    page.select_option("select[name=kind]", "罚款")
    page.fill("input[name=min]", "10")
    page.wait_for_function("document.querySelector('.gs-filter__status').innerText.startsWith('找到')")
    expected = [r for r in rows if r["所属区县"] == "谯城区" and "罚款" in r["处罚类别"].split(";")
                and r["罚款金额(万元)"] and Decimal(r["罚款金额(万元)"]) >= 10]
    got = shown_rows(page)
    assert len(got) == len(expected) > 0
    assert all(r[3] == "谯城区" and Decimal(r[6]) >= 10 for r in got)
    assert page.inner_text(".gs-filter__status").startswith(f"找到 {len(expected)} 件")
    url = page.url
    assert "unit=341602" in url and "min=10" in url
    page.goto(url)  # the shared link restores the same filter
    page.wait_for_function("document.querySelector('.gs-filter__status').innerText.startsWith('找到')")
    assert len(shown_rows(page)) == len(expected)


def test_keyword_and_sort_by_fine(page, base, rows):
    page.goto(base + "penalties/?q=暗管")
    page.wait_for_function("document.querySelector('.gs-filter__status').innerText.startsWith('找到')")
    expected = [r for r in rows if "暗管" in r["违法行为类型"] or "暗管" in r["行政相对人名称"]]
    assert len(shown_rows(page)) == len(expected) > 0
    page.goto(base + "penalties/")
    page.get_by_role("button", name="罚款（万元）").click()
    page.get_by_role("button", name="罚款（万元） ↓").click()  # second click: ascending
    fines = [Decimal(r[6]) for r in shown_rows(page) if r[6] != "—"]
    assert fines == sorted(fines) and "sort=f%3Aasc" in page.url


def search(page, base, query):
    page.goto(base + "search/?q=" + query)
    page.wait_for_function("document.querySelector('.gs-search__status').innerText.includes('找到')", timeout=15000)
    return page.eval_on_selector_all(".gs-search__results li",
                                     "lis => lis.map(li => [li.innerText, li.querySelector('a').getAttribute('href')])")


def test_chinese_search_finds_company_fragments_violation_terms_and_numbers(page, base, rows):
    company = next(r for r in rows if r["行政相对人名称"].endswith("有限公司"))
    fragment = company["行政相对人名称"].split("示例")[1][:4]  # e.g. 恒丰新型 from …示例恒丰新型墙材有限公司
    hits = search(page, base, fragment)
    assert any(company["行政处罚决定书文号"] in t or company["行政相对人名称"] in t for t, _ in hits), (fragment, hits[:5])
    hits = search(page, base, "超标排放")
    assert len(hits) >= 10 and all("超标" in text or "排放" in text for text, _ in hits)
    target = rows[5]
    hits = search(page, base, target["行政处罚决定书文号"])
    assert target["行政处罚决定书文号"] in hits[0][0]


def test_a_feed_entry_opens_its_decision(page, base, site):
    entry = feedparser.parse((site / "feeds" / "penalties.xml").read_bytes()).entries[0]
    page.goto(base + urlsplit(entry.link).path.lstrip("/"))
    assert page.locator("h1").inner_text() == entry.title
    assert unquote(urlsplit(entry.link).path) == unquote(urlsplit(page.url).path)


def test_phone_screenshots_and_no_horizontal_scrolling(browser, base, rows, output_dir):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    decision = "penalties/" + rows[0]["记录编号"].replace("〔", "-").replace("〕", "-").replace("（", "").replace("）", "").removesuffix("号") + "/"
    for name, path in (("home", ""), ("list", "penalties/"), ("decision", decision)):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        page.screenshot(path=str(output_dir / f"phone-{name}.png"), full_page=True)
    assert (output_dir / "phone-decision.png").stat().st_size > 20_000
    context.close()


def test_text_at_200_percent_loses_nothing(page, base):
    for path in ("", "penalties/", "opendata/"):
        page.goto(base + path)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        page.wait_for_timeout(100)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        assert page.locator("footer").is_visible()


def test_keyboard_reaches_search_and_filters(page, base):
    page.goto(base + "penalties/")
    focused = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.name || document.activeElement.id || ''"))
        if "q" in focused and "unit" in focused:
            break
    assert "q" in focused and "unit" in focused
    page.focus("select[name=unit]")
    page.keyboard.press("ArrowDown")  # first county
    page.wait_for_function("location.search.includes('unit=')")
    page.focus("#gs-q")
    page.keyboard.type("超标")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")


@pytest.mark.parametrize("path", ["", "penalties/", "DECISION", "COMPANY", "reports/2024/", "opendata/",
                                  "search/?q=示例", "decisions/", "counties/341602/", "updates/"])
def test_axe_finds_no_serious_or_critical_violation(page, base, site, rows, path):
    if path == "DECISION":
        path = "penalties/" + rows[3]["记录编号"].replace("〔", "-").replace("〕", "-").replace("（", "").replace("）", "").removesuffix("号") + "/"
    if path == "COMPANY":
        path = "companies/" + next(r for r in rows if r["行政相对人代码_1(统一社会信用代码)"])["行政相对人代码_1(统一社会信用代码)"] + "/"
    response = page.goto(base + path)
    assert response.ok
    page.wait_for_load_state("networkidle")
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]
