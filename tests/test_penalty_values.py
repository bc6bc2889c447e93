"""Penalty values as data (issue #3): what the build fills in, infers and normalises."""
from __future__ import annotations

import csv
import datetime as dt
import io
from functools import cache


from build_scripts import config
from build_scripts.pipeline import collect
from conftest import AS_OF, FIXTURES, ROOT, build_fixture

CASES = FIXTURES / "penalties"
SPACED = "皖亳环罚〔2026〕 506 号"  # docno-brackets writes 皖亳环罚 〔2026〕 506 号; the space between Chinese characters goes
PUB = config.load(ROOT / "datasets" / "publisher.yml")


@cache
def run(case: str):
    return collect(CASES / case, PUB, dt.date.fromisoformat(AS_OF))


def column(case: str, name: str) -> dict[str, str]:
    """记录编号 → the normalised value of one field."""
    c = run(case)
    return dict(zip(c.penalties["记录编号"], c.penalties[name]))


def only_infos(case: str) -> None:
    assert [p for p in run(case).report.problems if p.severity != "info"] == []


# ---------------------------------------------------------------- filled when absent

def test_authority_county_and_their_codes_from_the_mark_or_the_authority_name():
    c = run("county-from-authority")
    got = {r["记录编号"]: (r["所属区县"], r["处罚机关"], r["处罚机关统一社会信用代码"])
           for r in c.penalties.to_dict("records")}
    assert got == {
        "涡环罚〔2026〕601号": ("涡阳县", "亳州市生态环境局涡阳分局", "11341621MB1866003C"),
        "利环罚〔2026〕602号": ("利辛县", "利辛县生态环境分局", "11341623MB1866005F"),
        "谯环罚〔2026〕603号": ("谯城区", "谯城分局", "11341602MB1866002Q"),
        "皖亳环罚〔2026〕604号": ("市本级", "亳州市生态环境局", "11341600MB1866001Q"),
        # neither a mark nor an authority: the publisher itself
        "皖亳环罚〔2026〕605号": ("市本级", "亳州市生态环境局", "11341600MB1866001Q"),
        "蒙环罚〔2026〕606号": ("蒙城县", "亳州市生态环境局蒙城分局", "11341622MB1866004X"),
        # a mark and no authority: the branch the mark names (publisher.yml units)
        "皖亳环（利）罚〔2026〕607号": ("利辛县", "亳州市生态环境局利辛分局", "11341623MB1866005F"),
    }
    only_infos("county-from-authority")


def test_data_source_unit_from_the_publisher_unless_the_source_names_one():
    source = column("county-from-authority", "数据来源单位")
    code = column("county-from-authority", "数据来源单位统一社会信用代码")
    assert source.pop("皖亳环（利）罚〔2026〕607号") == "亳州市生态环境局利辛分局"
    assert code.pop("皖亳环（利）罚〔2026〕607号") == "11341623MB1866005F"
    assert set(source.values()) == {"亳州市生态环境局"}
    assert set(code.values()) == {"11341600MB1866001Q"}


def test_publicity_end_is_the_decision_date_plus_twelve_months_when_absent():
    end = column("dates-every-form", "公示截止期")
    decided = column("dates-every-form", "处罚决定日期")
    assert end.pop("皖亳环罚〔2026〕301号") == "2027-03-31"       # stated in the source: kept
    assert end.pop("皖亳环罚〔2024〕314号") == "2025-02-28"       # 2024-02-29 + 12 months
    for rid, day in end.items():
        d = dt.date.fromisoformat(decided[rid])
        assert day == d.replace(year=d.year + 1).isoformat(), rid


def test_filled_values_reach_the_published_dataset(tmp_path):
    out = tmp_path / "site"
    r = build_fixture(CASES / "county-from-authority", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO((out / "data" / "penalties.csv").read_text(encoding="utf-8"))))
    got = {row["行政处罚决定书文号"]: (row["处罚机关"], row["处罚机关统一社会信用代码"], row["数据来源单位"],
                                    row["公示截止期"]) for row in rows}
    assert got["皖亳环罚〔2026〕605号"] == ("亳州市生态环境局", "11341600MB1866001Q", "亳州市生态环境局", "2027-09-05")
    assert got["皖亳环(利)罚〔2026〕607号"] == ("亳州市生态环境局利辛分局", "11341623MB1866005F",
                                           "亳州市生态环境局利辛分局", "2027-09-07")


# ---------------------------------------------------------------- party types

def test_party_types_are_inferred_from_the_code_or_the_shape_of_the_name():
    assert column("party-type-inference", "行政相对人类别") == {
        "皖亳环罚〔2026〕801号": "个体工商户",        # code 92…
        "皖亳环罚〔2026〕802号": "法人及非法人组织",  # 91…
        "皖亳环罚〔2026〕803号": "法人及非法人组织",  # 52… (social organisation)
        "皖亳环罚〔2026〕804号": "法人及非法人组织",  # 93… (farmers' cooperative)
        "皖亳环罚〔2026〕805号": "自然人",            # 张示例
        "皖亳环罚〔2026〕806号": "自然人",            # 欧阳示例
        "皖亳环罚〔2026〕807号": "自然人",            # 阿依古丽·示例
        "皖亳环罚〔2026〕808号": "自然人",            # 李示例, code 00000000000000000X = none
    }
    only_infos("party-type-inference")


def test_a_stated_party_type_is_kept():
    types = column("credit-codes", "行政相对人类别")
    assert types["皖亳环罚〔2026〕704号"] == "个体工商户"       # stated, with the no-code placeholder
    assert types["皖亳环罚〔2026〕708号"] == "个体工商户"       # inferred from 92…
    assert types["皖亳环罚〔2026〕701号"] == "法人及非法人组织"


# ---------------------------------------------------------------- amounts

def test_amounts_in_every_form_become_exact_wan_yuan():
    assert column("amounts-every-form", "罚款金额(万元)") == {
        # header 罚款金额(万元)
        "皖亳环罚〔2026〕201号": "2",          # 2
        "皖亳环罚〔2026〕202号": "0.5",        # 0.5
        "皖亳环罚〔2026〕203号": "2",          # 20000元: the cell's unit wins
        "皖亳环罚〔2026〕204号": "2",          # 2万元
        "皖亳环罚〔2026〕205号": "2",          # 2万
        "皖亳环罚〔2026〕206号": "2",          # 贰万元整
        "皖亳环罚〔2026〕207号": "2",          # 20,000.00元
        "皖亳环罚〔2026〕208号": "100",        # 1,000,000元
        "皖亳环罚〔2026〕209号": "10.05",      # 壹拾万零伍佰元
        "皖亳环罚〔2026〕210号": "0.35005",    # 叁仟伍佰元伍角
        "皖亳环罚〔2026〕211号": "0.35",       # ￥3,500.00元
        "皖亳环罚〔2026〕212号": "",           # no fine (警告 only)
        "皖亳环罚〔2026〕213号": "0.000001",   # six places
        # header 罚款金额(元)
        "皖亳环罚〔2026〕221号": "2",          # 20000
        "皖亳环罚〔2026〕222号": "2",          # 20,000.00
        "皖亳环罚〔2026〕223号": "0.35005",    # 3500.5
        "皖亳环罚〔2026〕224号": "2",          # 2万元: the cell's unit wins over the header's
        "皖亳环罚〔2026〕225号": "2",          # 贰万元整
        "皖亳环罚〔2026〕226号": "100",        # 1,000,000
        "皖亳环罚〔2026〕227号": "0.000001",   # 0.01 yuan
    }
    assert column("amounts-every-form", "没收违法所得、没收非法财物的金额(万元)")["皖亳环罚〔2026〕208号"] == "0.123456"
    only_infos("amounts-every-form")


def test_amounts_are_published_without_float_drift(tmp_path):
    out = tmp_path / "site"
    r = build_fixture(CASES / "amounts-every-form", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO((out / "data" / "penalties.csv").read_text(encoding="utf-8"))))
    fines = {row["行政处罚决定书文号"]: row["罚款金额(万元)"] for row in rows}
    assert fines["皖亳环罚〔2026〕210号"] == "0.35005"
    assert fines["皖亳环罚〔2026〕213号"] == "0.000001"
    assert fines["皖亳环罚〔2026〕209号"] == "10.05"
    seized = {row["行政处罚决定书文号"]: row["没收违法所得、没收非法财物的金额(万元)"] for row in rows}
    assert seized["皖亳环罚〔2026〕208号"] == "0.123456"


# ---------------------------------------------------------------- dates

def test_dates_in_every_office_form_become_iso():
    assert column("dates-every-form", "处罚决定日期") == {
        "皖亳环罚〔2026〕301号": "2026-03-05",   # 2026-03-05
        "皖亳环罚〔2026〕302号": "2026-03-06",   # 2026/3/6
        "皖亳环罚〔2026〕303号": "2026-03-07",   # 2026.3.7
        "皖亳环罚〔2026〕304号": "2026-03-08",   # 2026年3月8日
        "皖亳环罚〔2026〕305号": "2026-03-09",   # 2026.03.09
        "皖亳环罚〔2026〕306号": "2026-03-10",   # 20260310
        "皖亳环罚〔2026〕307号": "2026-03-11",   # 二〇二六年三月十一日
        "皖亳环罚〔2026〕308号": "2026-03-12",   # a date cell, yyyy/m/d
        "皖亳环罚〔2026〕309号": "2026-03-13",   # a date cell, yyyy"年"m"月"d"日"
        "皖亳环罚〔2026〕310号": "2026-03-14",   # serial number typed into a text cell
        "皖亳环罚〔2026〕311号": "2026-03-15",   # serial number in a General cell
        "皖亳环罚〔2026〕312号": "2026-03-16",   # with a midnight time
        "皖亳环罚〔2026〕313号": "2026-03-17",   # spaces inside
        "皖亳环罚〔2024〕314号": "2024-02-29",   # leap day
    }
    only_infos("dates-every-form")


# ---------------------------------------------------------------- categories

def test_penalty_kinds_are_a_list_in_the_laws_order_with_codes_accepted():
    assert column("categories-codes", "处罚类别") == {
        "皖亳环罚〔2026〕401号": "警告;罚款",                  # 警告;罚款
        "皖亳环罚〔2026〕402号": "罚款;没收违法所得",          # 罚款、没收违法所得
        "皖亳环罚〔2026〕403号": "警告;其他",                  # 警告;其他-其他
        "皖亳环罚〔2026〕404号": "警告;罚款",                  # 01,02
        "皖亳环罚〔2026〕405号": "罚款",                       # 02罚款
        "皖亳环罚〔2026〕406号": "责令停产停业",               # 04
        "皖亳环罚〔2026〕407号": "罚款;责令停产停业",          # 罚款，责令停产停业
        "皖亳环罚〔2026〕408号": "罚款;责令关闭",              # 罚款；责令关闭
        "皖亳环罚〔2026〕409号": "限制开展生产经营活动",       # 12
        "皖亳环罚〔2026〕410号": "通报批评",                   # 08
        "皖亳环罚〔2026〕411号": "没收违法所得;没收非法财物",  # 03、09
        "皖亳环罚〔2026〕412号": "警告;罚款",                  # 罚款;警告
        "皖亳环罚〔2026〕413号": "责令关闭",                   # 14
        "皖亳环罚〔2026〕414号": "吊销许可证件",               # 05吊销许可证
    }
    only_infos("categories-codes")


# ---------------------------------------------------------------- decision numbers

def test_decision_numbers_normalise_to_one_record_id_and_keep_their_published_spelling():
    c = run("docno-brackets")
    got = {r["记录编号"]: (r["行政处罚决定书文号"], r["所属区县"]) for r in c.penalties.to_dict("records")}
    assert got == {
        "皖亳环罚〔2026〕501号": ("皖亳环罚〔2026〕501号", "市本级"),
        "皖亳环罚〔2026〕502号": ("皖亳环罚[2026]502号", "市本级"),
        "皖亳环罚〔2026〕503号": ("皖亳环罚【2026】503号", "市本级"),
        "皖亳环罚〔2026〕504号": ("皖亳环罚（2026）504号", "市本级"),
        "皖亳环罚〔2026〕505号": ("皖亳环罚(2026)505号", "市本级"),
        "皖亳环罚〔2026〕506号": (SPACED, "市本级"),   # spaces: the spelling as written, cells cleaned
        "皖亳环罚〔2026〕507号": ("皖亳环罚〔2026〕第507号", "市本级"),
        "皖亳环（谯）罚〔2026〕508号": ("皖亳环(谯)罚〔2026〕508号", "谯城区"),
        "皖亳环（涡）罚〔2026〕509号": ("皖亳环（涡）罚[2026]509号", "涡阳县"),
        "皖亳环（利）罚〔2026〕510号": ("皖亳环【利】罚（2026）510号", "利辛县"),
        "皖亳环（蒙）罚〔2026〕511号": ("皖亳环［蒙］罚﹝2026﹞511号", "蒙城县"),
    }
    only_infos("docno-brackets")


def test_record_pages_use_the_canonical_id(tmp_path):
    out = tmp_path / "site"
    assert build_fixture(CASES / "docno-brackets", out).returncode == 0
    assert (out / "penalties" / "皖亳环蒙罚-2026-511" / "index.html").exists()
    assert (out / "penalties" / "皖亳环罚-2026-502" / "index.html").exists()


# ---------------------------------------------------------------- credit codes

def test_credit_codes_lose_labels_suffixes_spaces_and_the_no_code_placeholder():
    assert column("credit-codes", "行政相对人代码_1(统一社会信用代码)") == {
        "皖亳环罚〔2026〕701号": "91341600MA2N0T181Q",   # 统一社会信用代码：…
        "皖亳环罚〔2026〕702号": "91341602MA2N0U191X",   # …（1/1）
        "皖亳环罚〔2026〕703号": "91341621MA2N0W2012",   # …(1-1)
        "皖亳环罚〔2026〕704号": "",                     # 00000000000000000X: no code
        "皖亳环罚〔2026〕705号": "91341600MA2N1C2511",   # bad check character: kept, with a warning
        "皖亳环罚〔2026〕706号": "91341623MA2N0E050G",   # lower case
        "皖亳环罚〔2026〕707号": "91341600MA2N1D2616",   # spaces inside
        "皖亳环罚〔2026〕708号": "92341623MA2N1A231L",   # 信用代码:… (1/1)
    }
    problems = run("credit-codes").report.problems
    assert [(p.rule, p.severity, p.row) for p in problems] == [("uscc.checksum", "warning", 6)]
