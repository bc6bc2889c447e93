"""Issue #10, record identity: one canonical key per decision number, one address per key.
Two spellings of one number are one record with one page; a number with a character that
is not part of a real number is a validate error naming the value; two records that would
share an address are refused; validate finds whatever would stop build."""
from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import feedparser
import pytest
import yaml

from build_scripts import config
from build_scripts.normalise.values import DocnoRules, parse_docno
from build_scripts.pipeline import collect
from conftest import AS_OF, ROOT, build_fixture, gongshi, penalty_row, write_export

PUB = config.load(ROOT / "datasets" / "publisher.yml")
row, write = penalty_row, write_export


def run(sources, pub=PUB):
    return collect(sources, pub, dt.date.fromisoformat(AS_OF))


# ---------------------------------------------------------------- the key

@pytest.mark.parametrize("spelling", [
    "皖亳环（谯）罚〔2026〕59号", "皖亳环谯罚〔2026〕59号", "皖亳环(谯)罚[2026]59号", "皖亳环【谯】罚【2026】第59号",
    "皖亳环 谯 罚 〔 2026 〕 059 号", "皖亳环谯罚（2026）59", "皖亳环谯罚〔２０２６〕５９号", "皖亳环谯罚〔2026年〕59号",
])
def test_every_spelling_of_one_number_gives_one_key_and_one_address(spelling):
    d = parse_docno(spelling, PUB.docno_rules)
    assert (d.canonical, d.mark, d.slug) == ("皖亳环（谯）罚〔2026〕59号", "谯", "皖亳环谯罚-2026-59")


def test_an_unbracketed_mark_is_the_same_number_only_where_the_settings_say_so():
    assert parse_docno("皖亳环谯罚〔2026〕59号").canonical == "皖亳环谯罚〔2026〕59号"          # no rules
    other = DocnoRules(organs=("皖亳环",), marks=frozenset({"涡"}))
    assert parse_docno("皖亳环谯罚〔2026〕59号", other).mark == ""                          # 谯 is no mark there
    assert parse_docno("皖亳环涡罚〔2026〕59号", other).canonical == "皖亳环（涡）罚〔2026〕59号"


ODD = ["/", "?", "#", "%", ".", "-", "\"", "'", "<", ">", "&", "\\", "|", "*", "\x01", ":", ";", "~", "=", "+", "!"]
POSITIONS = ["{c}皖亳环罚〔2026〕5号", "皖亳{c}环罚〔2026〕5号", "皖亳环罚{c}〔2026〕5号", "皖亳环罚〔{c}2026〕5号",
             "皖亳环罚〔2026{c}〕5号", "皖亳环罚〔2026〕{c}5号", "皖亳环罚〔2026〕5{c}号", "皖亳环罚〔2026〕5号{c}",
             "皖亳环({c}谯)罚〔2026〕5号", "皖亳环(谯{c})罚〔2026〕5号"]


@pytest.mark.parametrize("template", POSITIONS)
@pytest.mark.parametrize("char", ODD)
def test_a_character_that_is_not_part_of_a_number_is_refused_in_any_position(template, char):
    assert parse_docno(template.format(c=char), PUB.docno_rules) is None


def test_odd_numbers_are_validate_errors_naming_the_value_and_build_writes_nothing(tmp_path):
    bad = ["皖亳环/谯罚〔2026〕1号", "皖亳环罚〔2026〕2号?x", "皖亳环#罚〔2026〕3号", "皖亳环罚〔2026〕%4号"]
    write(tmp_path / "src", "2026-06-30-导出.csv", [row(b, name=f"亳州市示例{i}号有限公司") for i, b in enumerate(bad)])
    r = gongshi("validate", "--sources", str(tmp_path / "src"), "--as-of", AS_OF, "--report", str(tmp_path / "r.json"))
    assert r.returncode == 1
    problems = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["problems"]
    assert sorted((p["rule"], p["value"], p["row"]) for p in problems) == sorted(
        ("docno.invalid", b, n) for n, b in enumerate(bad, start=2))
    b = build_fixture(tmp_path / "src", tmp_path / "site")
    assert b.returncode == 1 and "内部错误" not in b.stderr and "Traceback" not in b.stderr
    assert not (tmp_path / "site").exists()


# ---------------------------------------------------------------- one record, one page

def test_two_spellings_in_one_file_with_the_same_content_are_one_record_and_one_page(tmp_path):
    write(tmp_path / "src", "2026-06-30-导出.csv", [row("皖亳环（谯）罚〔2026〕59号"), row("皖亳环谯罚〔2026〕59号"),
                                                   row("皖亳环罚〔2026〕60号", name="亳州市示例乙有限公司", code="91341602MA2N0U191X")])
    c = run(tmp_path / "src")
    assert c.report.ok, c.report.problems
    assert sorted(c.penalties["记录编号"]) == ["皖亳环罚〔2026〕60号", "皖亳环（谯）罚〔2026〕59号"]
    out = tmp_path / "site"
    assert build_fixture(tmp_path / "src", out).returncode == 0
    with (out / "data" / "penalties.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2
    ids = [e.id for e in feedparser.parse((out / "feeds" / "penalties.atom").read_bytes()).entries]
    assert len(ids) == len(set(ids)) == 2


def test_two_spellings_in_one_file_with_different_content_are_an_error_naming_both_rows(tmp_path):
    write(tmp_path / "src", "2026-06-30-导出.csv", [row("皖亳环（谯）罚〔2026〕59号"),
                                                   row("皖亳环谯罚〔2026〕59号", name="亳州市示例丙有限公司")])
    c = run(tmp_path / "src")
    [p] = c.report.errors
    assert (p.rule, p.row, p.value, p.detail) == ("docno.conflict", 3, "皖亳环谯罚〔2026〕59号", "2")


def test_across_files_the_later_export_of_another_spelling_wins_and_the_change_is_recorded(tmp_path):
    write(tmp_path / "src", "2026-03-31-导出.csv", [row("皖亳环（谯）罚〔2026〕59号", fine="5")])
    write(tmp_path / "src", "2026-06-30-导出.csv", [row("皖亳环谯罚〔2026〕59号", fine="4")])
    c = run(tmp_path / "src")
    assert c.report.ok
    [r] = c.penalties.to_dict("records")
    assert (r["罚款金额(万元)"], r["行政处罚决定书文号"]) == ("4", "皖亳环谯罚〔2026〕59号")
    [ch] = c.changes
    assert {v["field"]: (v["old"], v["new"]) for v in ch["values"]} == {
        "罚款金额(万元)": ("5", "4"), "处罚内容": ("罚款5万元", "罚款4万元")}   # the spelling is no change


def test_two_numbers_that_would_share_an_address_are_refused(tmp_path):
    """Without the organ setting 皖亳环谯罚 and 皖亳环（谯）罚 are different numbers, and their
    pages would share penalties/皖亳环谯罚-2026-59/: an error, nothing written."""
    doc = yaml.safe_load((ROOT / "datasets" / "publisher.yml").read_text(encoding="utf-8"))
    doc.pop("docno")
    (tmp_path / "publisher.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    write(tmp_path / "src", "2026-06-30-导出.csv", [row("皖亳环（谯）罚〔2026〕59号"),
                                                   row("皖亳环谯罚〔2026〕59号", name="亳州市示例丙有限公司")])
    c = run(tmp_path / "src", config.load(tmp_path / "publisher.yml"))
    [p] = c.report.errors
    assert (p.rule, p.row, p.value) == ("address.collision", 3, "皖亳环谯罚〔2026〕59号")
    assert "皖亳环（谯）罚〔2026〕59号" in p.detail and "第2行" in p.detail
    r = gongshi("build", "--sources", str(tmp_path / "src"), "--config", str(tmp_path / "publisher.yml"),
                "--out", str(tmp_path / "site"), "--as-of", AS_OF)
    assert r.returncode == 1 and "address.collision" in r.stderr
    assert not (tmp_path / "site").exists()


def test_a_withdrawal_written_in_another_spelling_finds_its_decision(tmp_path):
    write(tmp_path / "src", "2026-06-30-导出.csv", [row("皖亳环（谯）罚〔2026〕59号")])
    (tmp_path / "src" / "withdrawals").mkdir()
    (tmp_path / "src" / "withdrawals" / "2026-07-01-撤回.csv").write_text(
        "行政处罚决定书文号,类型,日期,理由\n皖亳环谯罚〔2026〕59号,撤销,2026-07-01,复议决定撤销\n", encoding="utf-8")
    c = run(tmp_path / "src")
    assert c.report.ok, c.report.problems
    assert [n["记录编号"] for n in c.notices] == ["皖亳环（谯）罚〔2026〕59号"]


def test_every_bundled_decision_page_is_at_the_address_its_key_gives(site):
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    slugs = [parse_docno(r["记录编号"]).slug for r in rows]
    assert len(set(slugs)) == len(rows)
    for r, slug in zip(rows, slugs):
        page = (site / "penalties" / slug / "index.html").read_text(encoding="utf-8")
        assert f'data-gs-record="{r["记录编号"]}"' in page


def test_the_publisher_setting_is_documented_and_optional(tmp_path):
    doc = yaml.safe_load((ROOT / "datasets" / "publisher.yml").read_text(encoding="utf-8"))
    assert doc["docno"]["organs"] == ["皖亳环"]
    doc.pop("docno")
    (tmp_path / "p.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert config.load(tmp_path / "p.yml").docno_rules.organs == ()
    shutil.rmtree(tmp_path)
