"""Issue #10, corrections: each correction of a decision by a later export is its own feed item
with its own id, and the decision's page shows its correction history (date, field, old and
new value), masked like everything else."""
from __future__ import annotations

import re

import feedparser
import pytest

from conftest import gongshi, penalty_row, write_export

AS_OF = "2026-12-31"
KEY, SLUG = "皖亳环（谯）罚〔2026〕59号", "皖亳环谯罚-2026-59"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("corrections")
    src = root / "src"
    other = penalty_row("皖亳环罚〔2026〕1号", name="亳州市示例乙有限公司", code="91341602MA2N0U191X", date="2026-04-01")
    write_export(src, "2026-05-31-导出.csv", [
        penalty_row(KEY, fine="5", facts="经查，该公司负责人张示明指使员工超标排放废气。"), other])
    write_export(src, "2026-06-30-导出.csv", [
        penalty_row(KEY, fine="4", facts="经查，该公司负责人张示明指使员工超标排放废气。"), other])
    write_export(src, "2026-08-31-导出.csv", [
        penalty_row(KEY, fine="4", facts="经查，该公司超标排放废气。"), other])
    out = root / "site"
    r = gongshi("build", "--sources", str(src), "--out", str(out), "--as-of", AS_OF)
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("ext", ["xml", "atom"])
def test_two_corrections_are_two_feed_items_with_their_own_ids(built, ext):
    entries = feedparser.parse((built / "feeds" / f"penalties.{ext}").read_bytes()).entries
    fixes = [e for e in entries if e.title.startswith("更正：")]
    assert len(fixes) == 2
    assert len({e.id for e in entries}) == len(entries)
    assert sorted(e.id.rsplit("#", 1)[1] for e in fixes) == ["correction-1", "correction-2"]
    assert {e.published[:10] for e in fixes} <= {"2026-06-30", "2026-08-31"} or ext == "xml"
    by_id = {e.id.rsplit("#", 1)[1]: e.summary for e in fixes}
    assert "罚款金额(万元)由“5”改为“4”" in by_id["correction-1"]
    assert "违法事实" in by_id["correction-2"]


def test_the_page_shows_the_history_masked(built):
    html = (built / "penalties" / SLUG / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<h2 id="corrections">.*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr[^>]*><td[^>]*>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert ("2026-06-30", "罚款金额(万元)", "5", "4") in rows
    facts = [r for r in rows if r[1] == "违法事实"]
    assert facts == [("2026-08-31", "违法事实", "经查，该公司负责人张**指使员工超标排放废气。", "经查，该公司超标排放废气。")]
    assert 'id="correction-1"' in table and 'id="correction-2"' in table


def test_a_corrected_away_name_leaks_nowhere(built):
    for p in built.rglob("*"):
        if p.is_file() and p.suffix in (".html", ".xml", ".atom", ".json", ".csv"):
            assert "张示明" not in p.read_text(encoding="utf-8", errors="ignore"), p
