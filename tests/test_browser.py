"""The built site in a real browser: Debian's chromium through Playwright."""
import csv

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(site, serve):
    return serve(site)


def failed_requests(page):
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
    return failures


def test_home_page_renders_its_text_and_loads_nothing_missing(page, base, output_dir):
    failures = failed_requests(page)
    page.goto(base)
    page.wait_for_load_state("networkidle")
    assert "亳州市生态环境局 公示与开放数据" in page.title()
    body = page.inner_text("body")
    assert "最新公示的行政处罚决定" in body and "虚构示例" in body and "主办单位" in body
    assert failures == []
    page.screenshot(path=str(output_dir / "home-desktop.png"), full_page=True)


def test_a_penalty_page_renders_its_fields(page, base, site):
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["行政相对人类别"] == "法人及非法人组织")
    failures = failed_requests(page)
    page.goto(base + "penalties/")
    page.get_by_role("link", name=row["行政相对人名称"]).first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith(row["行政处罚决定书文号"])
    text = page.inner_text("article")
    for field in ("违法事实", "处罚依据", "处罚内容", "公示截止期"):
        assert row[field] in text, field
    assert failures == []
