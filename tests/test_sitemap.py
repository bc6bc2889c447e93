"""The sitemap: one file while it fits, else an index over section parts that an added page
changes one at a time (issue #17: a +1 rebuild touches few files)."""
from xml.etree import ElementTree

from build_scripts import site

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def urls(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [(f"penalties/皖亳环罚-2026-{i}/", "2026-05-01") for i in range(start, start + n)] + \
           [(f"companies/c{i}/", "") for i in range(start, start + n // 3)] + [("", ""), ("about/", "")]


def test_a_small_site_has_one_sitemap_with_every_url():
    parts = site.sitemap_parts(urls(100), limit=1000)
    assert list(parts) == ["sitemap.xml"] and len(parts["sitemap.xml"]) == 100 + 33 + 2


def test_a_large_site_is_split_by_section_under_the_limit_and_covers_every_url_once():
    entries = urls(5000)
    parts = site.sitemap_parts(entries, limit=1000)
    assert "sitemap.xml" not in parts
    assert all(len(members) <= 1000 for members in parts.values())
    assert sorted(u for members in parts.values() for u in members) == sorted(set(entries))
    assert {name.removesuffix(".xml").split("-")[1] for name in parts} == {"penalties", "companies", "pages"}
    for name, members in parts.items():   # each large section's part holds that section only
        if name.startswith("sitemap-pages"):
            continue
        assert len({u[0].split("/", 1)[0] if "/" in u[0] else "" for u in members}) == 1


def test_one_added_page_changes_one_part():
    before = site.sitemap_parts(urls(5000), limit=1000)
    after = site.sitemap_parts(urls(5000) + [("penalties/皖亳环罚-2026-99999/", "2026-12-01")], limit=1000)
    assert set(before) == set(after)
    assert [n for n in after if after[n] != before[n]] == [next(n for n in after if ("penalties/皖亳环罚-2026-99999/", "2026-12-01") in after[n])]


def test_the_index_and_its_parts_are_valid_sitemaps(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "SITEMAP_LIMIT", 1000)
    monkeypatch.setattr(site.sitemap_parts, "__defaults__", (1000,))
    site.write_sitemap(tmp_path, "https://example.gov.cn/", urls(3000))
    index = ElementTree.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag == f"{NS}sitemapindex"
    locs = [e.text for e in index.iter(f"{NS}loc")]
    assert locs and all(loc.startswith("https://example.gov.cn/sitemap-") for loc in locs)
    listed = []
    for loc in locs:
        part = ElementTree.parse(tmp_path / loc.rsplit("/", 1)[1]).getroot()
        listed += [e.text for e in part.iter(f"{NS}loc")]
    assert len(listed) == len(set(listed)) == 3000 + 1000 + 2
