"""Issue #4: only decisions in their publicity period are public; withdrawals leave a notice;
personal data never leaves the build. Fixture: tests/fixtures/leak (see make_fixture.py)."""
import csv
import gzip
import json
import sys
import zipfile
from pathlib import Path

import feedparser
import pytest

from conftest import FIXTURES, build_fixture, gongshi

LEAK = FIXTURES / "leak"
sys.path.insert(0, str(LEAK))
from make_fixture import IDS, SECRETS  # noqa: E402


def build(tmp_path: Path, as_of: str) -> Path:
    out = tmp_path / f"site-{as_of}"
    r = build_fixture(LEAK, out, as_of)
    assert r.returncode == 0, r.stderr
    return out


def public_ids(site: Path) -> set[str]:
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        return {r["记录编号"] for r in csv.DictReader(f)}


def blobs(path: Path):
    """Every readable form of a file: as is, gunzipped, unzipped (XLSX, SQLite aside)."""
    raw = path.read_bytes()
    yield raw
    try:
        yield gzip.decompress(raw)
    except (OSError, EOFError):
        pass
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                yield z.read(name)


@pytest.fixture(scope="module")
def leak_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("leak"), "2026-06-01")


def test_no_secret_or_marker_anywhere_in_the_output(leak_site):
    files = [p for p in leak_site.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".csv", ".xlsx", ".json", ".xml", ".atom"} <= kinds
    assert any(p.parts[-3:-1] == ("search", "p") for p in files) and (leak_site / "sitemap.xml").exists()
    hits = []
    for p in files:
        for blob in blobs(p):
            for secret in SECRETS:
                for form in (secret.encode(), json.dumps(secret).strip('"').encode()):
                    if form in blob:
                        hits.append((p.relative_to(leak_site).as_posix(), secret))
    assert hits == []


def test_the_masked_forms_are_what_is_published(leak_site):
    with (leak_site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        rows = {r["记录编号"]: r for r in csv.DictReader(f)}
    person = rows["皖亳环罚〔2026〕101号"]
    assert person["行政相对人名称"] == "司马**"
    assert "当事人司马**于2026年2月" in person["违法事实"]
    assert "***********" in person["违法事实"] and "******************" in person["违法事实"]
    shop = rows["皖亳环（涡）罚〔2026〕102号"]
    assert shop["行政相对人名称"] == "涡阳县示例小吃店" and shop["法定代表人"] == "钱**"
    assert "经营者钱**未安装" in shop["违法事实"] and "****-*******" in shop["违法事实"]
    company = rows["皖亳环罚〔2026〕103号"]
    assert company["行政相对人名称"] == "亳州市示例化工有限公司" and company["法定代表人"] == "孙**"
    assert "负责人李**到场" in company["违法事实"] and "在场的张**作证" in company["违法事实"]
    assert "证件号码" not in rows[next(iter(rows))]


def search_results(page, base, query):
    page.goto(base + "search/?q=" + query)
    page.wait_for_function("document.querySelector('.gs-search__status').innerText.includes('找到')")
    return page.inner_text(".gs-search__results")


def test_search_finds_nothing_withheld(leak_site, serve, page):
    base = serve(leak_site)
    for query in ("撤回标记短语丁戊己", "示例过期有限公司", "司马示例", "13800001111"):
        assert search_results(page, base, query) == ""
    assert "亳州市示例化工有限公司" in search_results(page, base, "示例化工")  # the search itself works


def test_expiry_is_inclusive_of_the_last_day(tmp_path):
    # 皖亳环罚〔2026〕101号 was decided 2026-03-02: public through 2027-03-02 (12 months)
    assert "皖亳环罚〔2026〕101号" in public_ids(build(tmp_path, "2027-03-01"))
    assert "皖亳环罚〔2026〕101号" in public_ids(build(tmp_path, "2027-03-02"))
    after = build(tmp_path, "2027-03-03")
    assert "皖亳环罚〔2026〕101号" not in public_ids(after)
    assert not (after / "penalties" / "皖亳环罚-2026-101").exists()


def test_an_over_long_period_is_clamped_to_three_years_with_a_warning(tmp_path):
    report = tmp_path / "r.json"
    r = gongshi("validate", "--sources", str(LEAK), "--as-of", "2026-06-01", "--report", str(report))
    assert r.returncode == 0
    clamped = [p for p in json.loads(report.read_text(encoding="utf-8"))["problems"] if p["rule"] == "period.clamped"]
    assert [(p["severity"], p["row"], p["column"], p["value"]) for p in clamped] == [("warning", 9, "公示截止期", "2030-06-10")]
    assert "皖亳环罚〔2025〕108号" in public_ids(build(tmp_path, "2028-06-10"))
    assert "皖亳环罚〔2025〕108号" not in public_ids(build(tmp_path, "2028-06-11"))


def test_credit_repair_takes_the_decision_down_without_a_notice(tmp_path):
    before, after = build(tmp_path, "2026-04-30"), build(tmp_path, "2026-05-01")
    assert "皖亳环罚〔2026〕106号" in public_ids(before)
    assert "皖亳环罚〔2026〕106号" not in public_ids(after)
    assert "106号" not in (after / "withdrawals" / "index.html").read_text(encoding="utf-8")


def test_revocation_leaves_a_notice_page_entry_and_feed_entry(tmp_path):
    before, after = build(tmp_path, "2026-03-31"), build(tmp_path, "2026-04-01")
    assert "皖亳环罚〔2026〕105号" in public_ids(before)
    assert "皖亳环罚〔2026〕105号" not in public_ids(after)
    notices = (after / "withdrawals" / "index.html").read_text(encoding="utf-8")
    assert "皖亳环罚〔2026〕105号" in notices and "撤销" in notices and "2026-04-01" in notices
    assert "经行政复议决定撤销" in notices and "亳州市生态环境局" in notices
    feed = feedparser.parse((after / "feeds" / "withdrawals.atom").read_bytes())
    assert [e.title for e in feed.entries] == ["撤回公示：皖亳环罚〔2026〕105号"]  # as the decision was published
    assert feed.entries[0].published.startswith("2026-04-01")
    with (after / "data" / "withdrawals.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["行政处罚决定书文号", "处罚机关", "撤回类型", "撤回日期", "理由", "所属区县", "记录编号"]
    assert rows[0]["记录编号"] == "皖亳环罚〔2026〕105号"


def test_counts_may_include_withheld_decisions_but_nothing_else(leak_site):
    county = (leak_site / "counties" / "341600" / "index.html").read_text(encoding="utf-8")
    assert "<td>2025</td><td class=\"gs-num\">2</td>" in county  # 104 (expired) and 108, counted


def test_a_withdrawal_of_an_unknown_decision_is_an_error(tmp_path):
    import shutil
    sources = tmp_path / "sources"
    shutil.copytree(LEAK, sources)
    with (sources / "withdrawals" / "2026-05-01-撤回与修复.csv").open("a", encoding="utf-8") as f:
        f.write("皖亳环罚〔2026〕999号,撤销,2026-05-02,理由\n")
    report = tmp_path / "r.json"
    r = gongshi("validate", "--sources", str(sources), "--as-of", "2026-06-01", "--report", str(report))
    assert r.returncode == 1
    errors = [p for p in json.loads(report.read_text(encoding="utf-8"))["problems"] if p["severity"] == "error"]
    assert [(p["rule"], p["file"], p["row"], p["value"]) for p in errors] == [
        ("withdrawal.unknown", "withdrawals/2026-05-01-撤回与修复.csv", 4, "皖亳环罚〔2026〕999号")]


def test_id_numbers_are_never_a_column_of_any_dataset(leak_site):
    for p in (leak_site / "data").glob("*.csv"):
        header = p.read_text(encoding="utf-8").splitlines()[0]
        assert "证件号码" not in header, p
    for value in IDS.values():
        assert value not in (leak_site / "data" / "penalties.json").read_text(encoding="utf-8")


def test_a_person_known_only_from_a_withheld_record_is_masked_in_a_public_one(tmp_path):
    """Names are gathered from every record, not only the public ones: 吴示例, penalised in an
    expired decision, is masked where an active decision's text names them."""
    sources = tmp_path / "sources" / "penalties"
    sources.mkdir(parents=True)
    (sources / "2026-05-01-导出.csv").write_text(
        "行政相对人名称,行政相对人类别,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额(万元),处罚决定日期\n"
        "吴示例,自然人,皖亳环罚〔2024〕201号,露天焚烧,在示例村焚烧秸秆。,依据,罚款,罚款200元,0.02,2024-03-01\n"
        "亳州市示例化工有限公司,法人及非法人组织,皖亳环罚〔2026〕202号,超标排放,现场有吴示例在场。,依据,罚款,罚款1万元,1,2026-03-01\n",
        encoding="utf-8")
    out = tmp_path / "site"
    assert build_fixture(tmp_path / "sources", out, "2026-06-01").returncode == 0
    with (out / "data" / "penalties.csv").open(encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["违法事实"] == "现场有吴**在场。"
