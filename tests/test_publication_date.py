"""Issue #10, publication date: a decision is news on the date of the first export that
contained it, not on its decision date. A decision decided in March but first exported in
December reaches every feed it belongs to, 更新记录 files it under December, and the home
page lists it among the latest."""
from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest

from build_scripts import config
from build_scripts.pipeline import collect
from conftest import ROOT, gongshi, penalty_row, write_export

AS_OF = "2026-12-31"
LATE = "皖亳环（利）罚〔2026〕7号"
PUB = config.load(ROOT / "datasets" / "publisher.yml")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("late")
    src = root / "src"
    # sixty decisions of the city bureau exported month by month, then in December one
    # decided in March by the 利辛 branch, first exported in December
    for month in range(1, 13):
        write_export(src, f"2026-{month:02d}-28-导出.csv", [
            penalty_row(f"皖亳环罚〔2026〕{month * 10 + k}号", name=f"亳州市示例{month}月{k}号有限公司",
                        date=f"2026-{month:02d}-{k + 10:02d}") for k in range(5)])
    write_export(src, "2026-12-30-利辛分局补报.csv", [
        penalty_row(LATE, name="利辛县示例晚报有限公司", code="91341623MA2N0E050G", date="2026-03-15")])
    out = root / "site"
    r = gongshi("build", "--sources", str(src), "--out", str(out), "--as-of", AS_OF)
    assert r.returncode == 0, r.stderr
    return src, out


def test_the_publication_date_is_the_first_export_that_held_the_decision(built):
    src, _ = built
    c = collect(src, PUB, dt.date.fromisoformat(AS_OF))
    dates = dict(zip(c.public["记录编号"], c.public["_first_file_date"]))
    assert dates[LATE] == "2026-12-30"
    assert dates["皖亳环罚〔2026〕30号"] == "2026-03-28"


@pytest.mark.parametrize("key", ["all", "penalties", "county-341623"])
def test_a_late_export_reaches_the_top_of_every_feed_it_belongs_to(built, key):
    _, out = built
    for ext in ("xml", "atom"):
        feed = feedparser.parse((out / "feeds" / f"{key}.{ext}").read_bytes())
        first = feed.entries[0]
        assert first.title.startswith(LATE), [e.title for e in feed.entries[:3]]
        assert first.published.startswith(("2026-12-30", "Wed, 30 Dec 2026"))


def test_the_late_decision_is_in_no_other_county_feed(built):
    _, out = built
    titles = [e.title for e in feedparser.parse((out / "feeds" / "county-341600.atom").read_bytes()).entries]
    assert not any(t.startswith(LATE) for t in titles)


def test_updates_page_files_it_under_its_publication_date(built):
    _, out = built
    html = (out / "updates" / "index.html").read_text(encoding="utf-8")
    day = re.search(r'<h2 id="d2026-12-30">.*?</section>', html, re.S)
    assert day and LATE in day.group(0)
    march = re.search(r'<h2 id="d2026-03-15">.*?</section>', html, re.S)
    assert not march or LATE not in march.group(0)


def test_home_page_lists_it_first_among_the_latest(built):
    _, out = built
    html = (out / "index.html").read_text(encoding="utf-8")
    latest = html[html.index('id="latest"'):]
    assert latest.index(LATE) < latest.index("皖亳环罚〔2026〕124号")
