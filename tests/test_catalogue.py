"""Issue #5: the catalogue of major decisions, read from CSV, HTML and DOCX, its versions and
the changelog, on the pages and in the feed."""
import csv
import shutil

import docx
import feedparser
import pytest

from build_scripts import config
from build_scripts.pipeline import collect
from conftest import AS_OF, FIXTURES, ROOT, build_fixture, gongshi

CATALOGUE = FIXTURES / "catalogue"
PUB = config.load(ROOT / "datasets" / "publisher.yml")


def write_docx(path, rows):
    document = docx.Document()
    document.add_paragraph("示例市生态环境局2026年重大行政决策事项目录（第二次调整）")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.save(path)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    root = tmp_path_factory.mktemp("catalogue")
    shutil.copytree(CATALOGUE, root, dirs_exist_ok=True)
    write_docx(root / "decisions" / "2026-10-09-示例局2026年目录（第二次调整）.docx", [
        ["序号", "事项名称", "决策主体", "承办部门", "依据", "决策程序", "是否听证", "计划完成时间"],
        ["1", "《示例市大气污染防治条例》实施细则制定（示例）", "示例市生态环境局", "大气环境科",
         "《中华人民共和国大气污染防治法》", "公众参与、专家论证、合法性审查、集体讨论决定", "是", "2026年8月"],
        ["2", "示例市危险废物集中处置设施布局规划（示例）", "示例市人民政府", "固体废物与化学品科",
         "《中华人民共和国固体废物污染环境防治法》", "公众参与、专家论证、风险评估、合法性审查、公平竞争审查、集体讨论决定、决策公布",
         "否", "2026年12月"],
    ])
    return root


def test_three_formats_three_versions(sources):
    c = collect(sources, PUB, __import__("datetime").date(2026, 11, 26))
    assert c.report.errors == []
    assert c.files["decisions"] == sorted(p.relative_to(sources).as_posix() for p in (sources / "decisions").iterdir())
    current = c.decisions[c.decisions["年度"] == 2026].sort_values("序号")
    assert current["决策事项名称"].tolist() == ["《示例市大气污染防治条例》实施细则制定（示例）", "示例市危险废物集中处置设施布局规划（示例）"]
    assert set(current["版本日期"]) == {"2026-10-09"}
    first = current.iloc[0]
    assert first["决策程序"] == "公众参与;专家论证;合法性审查;集体讨论决定"  # 公开征求意见 → 公众参与
    assert first["计划完成时间"] == "2026-08" and first["是否听证"] == "是"
    assert first["事项编号"] == "2026-01"
    assert current.iloc[1]["事项编号"] == "2026-04"  # added in the second version, numbered after the first's three


def test_changelog_names_each_change_its_date_and_field(sources):
    c = collect(sources, PUB, __import__("datetime").date(2026, 11, 26))
    changes = [(ch["date"], ch["kind"], ch["决策事项名称"], [f["field"] for f in ch["fields"]]) for ch in c.decision_changes]
    assert changes == [
        ("2026-10-09", "调出", "示例市重点排污单位名录管理办法修订（示例）", []),
        ("2026-10-09", "调整", "示例市危险废物集中处置设施布局规划（示例）", ["是否听证"]),
        ("2026-07-15", "调整", "《示例市大气污染防治条例》实施细则制定（示例）", ["计划完成时间"]),
        ("2026-07-15", "调出", "示例市生态环境分区管控方案调整（示例）", []),
        ("2026-07-15", "新增", "示例市危险废物集中处置设施布局规划（示例）", []),
        ("2026-02-01", "发布", "2026年目录（3项）", []),
    ]
    moved = next(ch for ch in c.decision_changes if ch["kind"] == "调整" and ch["date"] == "2026-07-15")
    assert moved["fields"] == [{"field": "计划完成时间", "old": "2026-06", "new": "2026-08"}]


def test_pages_dataset_and_feed(sources, tmp_path):
    out = tmp_path / "site"
    assert build_fixture(sources, out).returncode == 0
    page = (out / "decisions" / "index.html").read_text(encoding="utf-8")
    assert "2026年目录" in page and "示例市危险废物集中处置设施布局规划（示例）" in page
    assert "示例市重点排污单位名录管理办法修订（示例）" not in page  # removed in the current version
    changes = (out / "decisions" / "changes" / "index.html").read_text(encoding="utf-8")
    assert "调出" in changes and "2026-06" in changes and "2026-08" in changes
    with (out / "data" / "decisions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["事项编号"] for r in rows] == ["2026-01", "2026-04"]
    feed = feedparser.parse((out / "feeds" / "decisions.atom").read_bytes())
    assert {e.title for e in feed.entries[:2]} == {"调整：示例市危险废物集中处置设施布局规划（示例）",
                                                   "调出：示例市重点排污单位名录管理办法修订（示例）"}
    assert feed.entries[0].published.startswith("2026-10-09")


def test_unknown_procedure_and_hearing_values_are_errors(sources, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(sources, bad)
    target = bad / "decisions" / "2026-02-01-示例局2026年重大行政决策事项目录.csv"
    text = target.read_text(encoding="utf-8").replace("公开征求意见、专家论证", "公开征求意见、拍脑袋").replace(",是,2026年6月", ",也许,2026年6月")
    target.write_text(text, encoding="utf-8")
    report = tmp_path / "r.json"
    r = gongshi("validate", "--sources", str(bad), "--as-of", AS_OF, "--report", str(report))
    assert r.returncode == 1
    import json
    errors = [(p["rule"], p["row"], p["column"], p["value"], p["detail"]) for p in
              json.loads(report.read_text(encoding="utf-8"))["problems"] if p["severity"] == "error"]
    assert errors == [
        ("decision.procedure", 2, "履行程序", "公开征求意见、拍脑袋、合法性审查、集体讨论", "拍脑袋"),
        ("decision.hearing", 2, "是否需听证", "也许", ""),
    ]


def test_bundled_catalogue_versions_of_2025(site):
    changes = (site / "decisions" / "changes" / "index.html").read_text(encoding="utf-8")
    for kind in ("发布", "新增", "调出", "调整"):
        assert kind in changes
