"""Issue #5 on the site: the report page carries the text verbatim with its figures and
checks; the 数据核对 page; two years side by side."""
import shutil

import lxml.html

from build_scripts.report import characters_in_order
from conftest import FIXTURES, ROOT, build_fixture

REAL = ROOT / "datasets" / "sources" / "reports" / "2024-亳州市生态环境局法治政府建设情况报告.txt"


def article_text(path):
    doc = lxml.html.fromstring(path.read_bytes())
    return doc.xpath("string(//div[contains(@class,'gs-report')])")


def test_every_character_of_the_report_appears_in_order_on_its_page(site):
    text = article_text(site / "reports" / "2024" / "index.html")
    assert characters_in_order(REAL.read_text(encoding="utf-8"), text)
    assert "完成全局信息公开915件" in text  # the PDF line break inside the sentence is repaired


def test_figures_are_marked_with_their_checks_beside_them(site):
    html = (site / "reports" / "2024" / "index.html").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    marks = [m.text_content() for m in doc.xpath("//mark[contains(@class,'gs-figure')]")]
    assert {"96.866万元", "近4万个", "98%以上", "两次以上", "369件", "14次", "288个", "1107家"} <= set(marks)
    after = {m.text_content(): [a.text_content() for a in m.itersiblings() if a.tag == "a"][:1]
             for m in doc.xpath("//mark[contains(@class,'gs-figure')]")}
    assert after["288个"] == ["✗"] and after["1107家"] == ["✓"]
    assert after["369件"] == ["✗"]  # the sample data holds 400 decisions for 2024


def test_checks_page_shows_both_sides_of_every_check(site):
    page = (site / "reports" / "checks" / "index.html").read_text(encoding="utf-8")
    text = lxml.html.fromstring(page).text_content()
    assert "288 ≠ 30 + 251 = 281；即使加上实行告知承诺制审批 6 个，合计 287，仍差 1" in text
    assert "1107 = 62 + 1045" in text
    assert "报告“369件”，数据 400 件，数据多 31" in text
    assert "无数据可核对" in text  # hearings: no data in the sources
    assert "虚构示例" in text


def test_two_years_compare_side_by_side(tmp_path):
    sources = tmp_path / "sources"
    (sources / "reports").mkdir(parents=True)
    shutil.copy(REAL, sources / "reports")
    shutil.copy(FIXTURES / "reports" / "2025-fictitious-report.md", sources / "reports")
    out = tmp_path / "site"
    r = build_fixture(sources, out)
    assert r.returncode == 0, r.stderr
    for year in (2024, 2025):
        assert (out / "reports" / str(year) / "index.html").is_file()
    compare = lxml.html.fromstring((out / "reports" / "compare" / "index.html").read_bytes())
    table = compare.xpath("//table[contains(@class,'gs-fields')]")[0]
    header = [th.text_content() for th in table.xpath(".//thead//th")]
    assert header[-2:] == ["2024", "2025"]
    row = next(tr for tr in table.xpath(".//tbody/tr") if "听证会" in tr.text_content())
    assert [td.text_content() for td in row.xpath("td")][0] == "14次"
    assert compare.xpath("//figure[contains(@class,'gs-chart')]")
