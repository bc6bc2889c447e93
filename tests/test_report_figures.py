"""Figures in the annual reports: as written, value, unit, qualifier, indicator key; and the
look-alikes that are not figures."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from build_scripts import ROOT, SCHEMAS
from build_scripts.report import compare, extract, load_report, load_reports, parse
from build_scripts.report.figures import cn_number, indicators, locate

REAL = ROOT / "datasets" / "sources" / "reports" / "2024-亳州市生态环境局法治政府建设情况报告.txt"
CLEAN = Path(__file__).parent / "fixtures" / "reports" / "2025-fictitious-report.md"
SEC4 = "一、2024年法治政府建设的主要举措及成效 / (四)严格规范公正文明执法,着力提升行政执法效能。"


@pytest.fixture(scope="module")
def figures() -> list[dict]:
    source, _ = load_report(REAL, REAL.name)
    return extract(parse(source))


def find(figures, written, key=None):
    hits = [f for f in figures if f["写法"] == written and (key is None or f["指标"] == key)]
    assert hits, f"no figure {written} {key}"
    return hits


def test_rows_have_exactly_the_schema_fields(figures):
    schema = json.loads((SCHEMAS / "report-figures.schema.json").read_text(encoding="utf-8"))
    names = [f["name"] for f in schema["fields"]]
    assert all(list(f) == names for f in figures)
    assert [f["编号"] for f in figures[:3]] == ["2024-001", "2024-002", "2024-003"]
    assert len({f["编号"] for f in figures}) == len(figures) == 59
    assert all(f["写法"] in f["原文"] for f in figures)


@pytest.mark.parametrize("written, value, unit, qualifier, key", [
    ("288个", "288", "个", "", "eia_approvals"),
    ("30个", "30", "个", "", "eia_report_books"),
    ("251个", "251", "个", "", "eia_report_forms"),
    ("6个", "6", "个", "", "eia_commitment_approvals"),
    ("1107家", "1107", "家", "", "permits_total"),
    ("62家", "62", "家", "", "permits_issued"),
    ("1045家", "1045", "家", "", "permits_registered"),
    ("96.866万元", "96.866", "万元", "", "penalty_exemption_amount"),
    ("近4万个", "40000", "个", "近", "broadcast_loudspeakers"),
    ("98%以上", "98", "%", "以上", "petition_closure_rate"),
    ("两次以上", "2", "次", "以上", ""),
    ("2次及以上", "2", "次", "及以上", ""),
    ("915件", "915", "件", "", "disclosures"),
    ("6件", "6", "件", "", "disclosure_requests"),
    ("14次", "14", "次", "", "hearings_held"),
    ("97件", "97", "件", "", "major_enforcement_reviews"),
    ("1名", "1", "名", "", "public_lawyers"),
    ("152名", "152", "名", "", "enforcement_staff"),
    ("1026家次", "1026", "家次", "", "enterprise_visits"),
    ("56期", "56", "期", "", "broadcast_episodes"),
    ("5起", "5", "起", "", "head_court_appearances"),
    ("连续4年", "4", "年", "连续", ""),
    ("连续两年", "2", "年", "连续", ""),
    ("9件", "9", "件", "", "admin_reconsiderations"),
    ("8件", "8", "件", "", "admin_lawsuits"),
    ("2644件", "2644", "件", "", "petitions"),
])
def test_figure_sample(figures, written, value, unit, qualifier, key):
    f = find(figures, written, key)[0]
    assert (f["数值"], f["单位"], f["修饰"], f["指标"]) == (Decimal(value), unit, qualifier, key)
    assert isinstance(f["数值"], Decimal) and f["年度"] == 2024
    assert written in f["原文"]


def test_369_twice_with_two_keys(figures):
    published, general = find(figures, "369件", "penalties_published"), find(figures, "369件", "general_penalty_cases")
    assert len(published) == len(general) == 1
    assert published[0]["原文"] == "2024年通过门户网站和信用平台公示行政处罚369件。"
    assert published[0]["章节"] == SEC4 + " / 一是"
    assert general[0]["原文"] == "2024年,共办理一般行政处罚369件;"  # a clause ending in ; is the 原文
    assert general[0]["章节"] == SEC4 + " / 三是"


def test_915_across_the_repaired_line_break(figures):
    f = find(figures, "915件")[0]
    assert f["原文"] == "通过门户网站等平台,开设专栏推进生态环境重点领域信息公开,完成全局信息公开915件,受理依申请公开6件并及时办理。"


def test_exemptions_stated_twice(figures):
    assert [f["章节"].split(" / ")[1][:3] for f in find(figures, "96.866万元")] == ["(二)", "(四)"]
    assert len(find(figures, "15件", "penalty_exemptions")) == 2
    assert find(figures, "15件", "cppcc_proposals")


@pytest.mark.parametrize("written", [
    "2024年", "2023年", "2025年", "2024年度", "6月", "15日", "12345", "三项", "三会", "三级", "六进",
    "一废", "八五", "二十大", "二十届", "二中", "三中", "一保障", "一责任人", "一公里", "一是", "二是",
])
def test_not_figures(figures, written):
    assert not [f for f in figures if written in f["写法"]]


def test_no_years_or_labels_anywhere(figures):
    for f in figures:
        assert not re.fullmatch(r"(19|20)\d\d年(度)?", f["写法"])
        assert not re.search(r"[一二三四五六七八九十]是|[（(][一二三四五六七八九十][）)]", f["写法"])


@pytest.mark.parametrize("text, expected", [
    ("走访30多家企业", [("30多家", "30", "家", "多")]),
    ("罚款50000元", [("50000元", "5", "万元", "")]),
    ("罚没1.2亿元", [("1.2亿元", "12000", "万元", "")]),
    ("新增三十余万元", [("三十余万元", "30", "万元", "余")]),
    ("约2.5万吨", [("约2.5万吨", "25000", "吨", "约")]),
    ("下降3.5个百分点", [("3.5个百分点", "3.5", "个百分点", "")]),
    ("查处一起环境违法案件", [("一起", "1", "起", "")]),
    ("我们一起开展执法", []),
    ("最近3年", [("3年", "3", "年", "")]),
    ("“十四五”期间", []),
    ("拨打12369热线", []),
    ("二次污染", []),
    ("对第一次违法", []),
    ("《办法》第3条", []),
])
def test_locate(text, expected):
    got = [(f.written, str(f.value), f.unit, f.qualifier) for f in locate(text)]
    assert got == expected


def test_chinese_numerals():
    assert [cn_number(s) for s in ("一", "两", "十", "十二", "二十", "一百零五", "三万", "一万二千")] == \
        [1, 2, 10, 12, 20, 105, 30000, 12000]
    assert cn_number("十四五") is None


def test_vocabulary_file():
    data = yaml.safe_load((SCHEMAS / "report-indicators.yml").read_text(encoding="utf-8"))
    keys = [i["key"] for i in data["indicators"]]
    assert len(keys) >= 20 and len(keys) == len(set(keys))
    for ind in data["indicators"]:
        assert ind["zh"] and ind["en"] and ind["near"] and ind["units"]
        for p in ind["near"] + ind.get("clause", []) + ind.get("not_near", []):
            re.compile(p)
    for n in data["not_figures"]:
        assert ("phrase" in n) != ("pattern" in n)
        re.compile(n.get("pattern", ""))
    assert {"penalties_published", "general_penalty_cases", "hearings_held", "disclosures"} <= set(indicators())


def test_same_indicators_in_next_years_wording():
    source, _ = load_report(CLEAN, CLEAN.name)
    rows = {f["指标"]: f for f in extract(parse(source)) if f["指标"]}
    assert rows["penalties_published"]["写法"] == "402份"  # 公示行政处罚决定书402份
    assert rows["general_penalty_cases"]["写法"] == "398件"  # 一般程序行政处罚案件
    assert rows["hearings_held"]["写法"] == "9场"  # 举行听证会9场
    assert rows["disclosures"]["写法"] == "1020条"
    assert rows["petitions"]["写法"] == "2400余件" and rows["petitions"]["修饰"] == "余"
    assert rows["penalty_exemption_amount"]["数值"] == Decimal("80.5")


def test_compare_across_years():
    reports, _, _ = load_reports([(CLEAN, CLEAN.name), (REAL, REAL.name)])
    table = compare(reports)
    assert table["years"] == [2024, 2025]
    assert table["keys"][:2] == ["penalties_published", "general_penalty_cases"]
    rows = {r["指标"]: r for r in table["rows"]}
    assert set(table) == {"keys", "years", "rows"} and list(rows) == table["keys"]
    general = rows["general_penalty_cases"]
    assert general["label"] == "一般程序行政处罚案件" and general["label_en"]
    assert [c["数值"] for c in general["cells"]] == [Decimal(369), Decimal(398)]
    assert general["cells"][1]["change"] == Decimal(29) and general["cells"][0]["change"] is None
    assert [c["写法"] for c in rows["penalties_published"]["cells"]] == ["369件", "402份"]
    assert rows["penalties_published"]["cells"][1]["change"] is None  # 件 → 份: not compared
    assert rows["public_lawyers"]["cells"][1] is None
    assert rows["penalty_exemptions"]["cells"][0]["others"] == []  # 15 stated twice, same value
