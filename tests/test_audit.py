"""Issue #10, a build that audits itself: the invariants hold on the bundled site; each planted
fault is caught by `gongshi audit`; a build whose site fails the audit publishes nothing."""
from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import pytest

from build_scripts import audit, config
from build_scripts.build import build
from build_scripts.normalise.values import parse_docno
from conftest import AS_OF, FIXTURES, ROOT, gongshi
from test_atomic_and_reproducible import digest

SITE_URL = "https://gongshi.example.gov.cn/"


def rules(site) -> list[str]:
    problems, _ = audit.run(site, SITE_URL, frictionless=False)
    return sorted({p.rule for p in problems})


@pytest.fixture()
def copy(site, tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(site, target)
    return target


def rows(site) -> list[dict]:
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def page_of(site, row) -> object:
    return site / "penalties" / parse_docno(row["记录编号"]).slug / "index.html"


def test_the_bundled_site_passes_its_audit_through_the_command(site):
    r = gongshi("audit", "--out", str(site))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "自检通过" in r.stderr


def test_a_planted_broken_link_is_caught(copy):
    page = copy / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", '<a href="../nowhere/">x</a></article>', 1),
                    encoding="utf-8")
    problems, _ = audit.run(copy, SITE_URL, frictionless=False)
    assert [(p.rule, p.file, p.value) for p in problems if p.rule == "audit.broken_link"] == [
        ("audit.broken_link", "about/index.html", "../nowhere/")]
    r = gongshi("audit", "--out", str(copy), "--no-frictionless")
    assert r.returncode == 1 and "../nowhere/" in r.stdout


def test_a_planted_wrong_page_is_caught(copy):
    a, b = rows(copy)[3], rows(copy)[4]
    page = page_of(copy, a)
    page.write_text(page.read_text(encoding="utf-8").replace(a["行政相对人名称"], b["行政相对人名称"]), encoding="utf-8")
    problems, _ = audit.run(copy, SITE_URL, frictionless=False)
    wrong = [p for p in problems if p.rule == "audit.record_content"]
    assert [(p.value, p.detail) for p in wrong] == [(a["记录编号"], a["行政相对人名称"])]


def test_a_missing_page_an_orphan_page_and_a_stale_row_are_caught(copy):
    all_rows = rows(copy)
    page_of(copy, all_rows[0]).unlink()
    orphan = copy / "penalties" / "皖亳环罚-2020-1"
    shutil.copytree(page_of(copy, all_rows[1]).parent, orphan)
    found = rules(copy)
    assert "audit.record_page" in found and "audit.record_orphan" in found


def test_feed_sitemap_search_and_package_faults_are_caught(copy):
    feed = copy / "feeds" / "penalties.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("/penalties/", "/penaltiez/", 1), encoding="utf-8")
    sitemap = copy / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace("</urlset>",
                       f"<url><loc>{SITE_URL}gone/</loc></url></urlset>"), encoding="utf-8")
    chunk = copy / "search" / "d" / "0.json"
    docs = json.loads(chunk.read_text(encoding="utf-8"))
    docs[0][0] = "penalties/不存在-2026-1/"
    chunk.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    data = copy / "data" / "withdrawals.csv"
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    found = rules(copy)
    for rule in ("audit.feed_link", "audit.sitemap_url", "audit.search_document", "audit.package_file", "audit.marker"):
        assert rule in found, (rule, found)


def test_frictionless_itself_finds_an_invalid_package(copy):
    package = copy / "data" / "datapackage.json"
    doc = json.loads(package.read_text(encoding="utf-8"))
    res = next(r for r in doc["resources"] if r["name"] == "penalties")
    field = next(f for f in res["schema"]["fields"] if f["name"] == "所属区县")
    field["constraints"]["enum"] = ["不存在的区县"]   # every row now breaks the schema
    package.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    problems, _ = audit.run(copy, SITE_URL)
    assert any(p.rule == "audit.package_invalid" and "penalties" in p.value for p in problems)


def test_a_build_whose_site_fails_the_audit_publishes_nothing(tmp_path, monkeypatch):
    """A fault planted in the build (search documents of companies at a wrong address): the
    audit stops it before the swap; the previous site stays exactly as it was."""
    pub = config.load(ROOT / "datasets" / "publisher.yml")
    out = tmp_path / "site"
    as_of = dt.date.fromisoformat(AS_OF)
    assert build(FIXTURES / "mini", out, pub, as_of).collected.report.ok
    before = digest(out)
    from build_scripts.views import search as search_view
    monkeypatch.setattr(search_view, "company_url", lambda key: f"company/{key}/")
    result = build(FIXTURES / "mini", out, pub, as_of)
    errors = result.collected.report.errors
    assert errors and {p.rule for p in errors} == {"audit.search_document"}
    assert digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.building")]


def test_mkdocs_warnings_become_problems_unless_the_build_wrote_the_target(tmp_path):
    from build_scripts.site import mkdocs_problems
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text("{}", encoding="utf-8")
    messages = [
        "Doc file 'opendata/index.md' contains a link '../data/datapackage.json', but the target "
        "'data/datapackage.json' is not found among documentation files.",
        "Doc file 'about.md' contains a link 'gone.md', but the target 'gone.md' is not found among documentation files.",
    ]
    problems = mkdocs_problems(messages, tmp_path)
    assert [(p.rule, p.severity) for p in problems] == [("mkdocs.warning", "error")]
    assert "gone.md" in problems[0].detail
