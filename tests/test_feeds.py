"""Feeds read back with feedparser: every feed parses, ids are permanent URLs, dates come
from the data, newest first, at most 50 entries."""
import csv

import feedparser
import pytest

SITE_URL = "https://gongshi.example.gov.cn/"
KEYS = ["all", "penalties", "county-341600", "county-341602", "county-341621", "county-341622", "county-341623",
        "decisions", "reports", "withdrawals"]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("ext", ["xml", "atom"])
def test_every_feed_parses(site, key, ext):
    feed = feedparser.parse((site / "feeds" / f"{key}.{ext}").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title and len(feed.entries) <= 50
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for e in feed.entries:
        assert e.id.startswith(SITE_URL) and e.link.startswith(SITE_URL)


def test_penalty_feed_entries_are_the_newest_public_decisions(site):
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: (r["处罚决定日期"], r["记录编号"]), reverse=True)
    feed = feedparser.parse((site / "feeds" / "penalties.atom").read_bytes())
    assert len(feed.entries) == 50
    first = feed.entries[0]
    newest = [r for r in rows if r["处罚决定日期"] == rows[0]["处罚决定日期"]]
    assert any(first.title.startswith(r["行政处罚决定书文号"] + " ") for r in newest)
    assert first.published.startswith(rows[0]["处罚决定日期"])
    in_feed = {e.title.split(" ")[0] for e in feed.entries}
    assert {r["行政处罚决定书文号"] for r in rows[:40]} <= in_feed
    assert feed.feed.updated.startswith(rows[0]["处罚决定日期"])  # the data's date, not the build's


def test_entry_links_open_existing_pages(site):
    from urllib.parse import unquote
    for key in ("penalties", "county-341622", "reports"):
        for e in feedparser.parse((site / "feeds" / f"{key}.xml").read_bytes()).entries:
            path = unquote(e.link[len(SITE_URL):]).split("#")[0]
            assert (site / path / "index.html").is_file(), e.link


def test_decisions_feed_reports_catalogue_changes(site):
    titles = [e.title for e in feedparser.parse((site / "feeds" / "decisions.xml").read_bytes()).entries]
    assert any(t.startswith("新增：") for t in titles) and any(t.startswith("调出：") for t in titles)
    assert any(t.startswith("调整：") for t in titles) and any(t.startswith("发布：") for t in titles)
