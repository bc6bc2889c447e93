"""Checks of the annual reports: the sums they state, and their figures against the data."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from build_scripts import ROOT
from build_scripts.report import data_checks, load_reports

REAL = ROOT / "datasets" / "sources" / "reports" / "2024-亳州市生态环境局法治政府建设情况报告.txt"
CLEAN = Path(__file__).parent / "fixtures" / "reports" / "2025-fictitious-report.md"
KEYS = {"id", "kind", "指标", "label", "label_en", "statement", "编号", "unit", "expected", "parts",
        "actual", "verdict", "difference", "note_zh", "note_en"}


@pytest.fixture(scope="module")
def reports() -> dict[int, dict]:
    loaded, _, problems = load_reports([(REAL, REAL.name), (CLEAN, CLEAN.name)])
    assert problems == []
    return {r["year"]: r for r in loaded}


def by_total(checks: list[dict]) -> dict[Decimal, dict]:
    return {c["expected"]: c for c in checks}


def test_internal_sums_2024(reports):
    checks = reports[2024]["checks"]
    assert all(set(c) == KEYS and c["kind"] == "internal" for c in checks)
    assert {c["expected"]: c["verdict"] for c in checks} == {288: "differs", 1107: "agrees", 56: "agrees"}


def test_1107_agrees(reports):
    c = by_total(reports[2024]["checks"])[1107]
    assert c["指标"] == "permits_total" and c["unit"] == "家"
    assert [(p["label"], p["value"]) for p in c["parts"]] == [("新发证企业", 62), ("新登记企业", 1045)]
    assert c["actual"] == 1107 and c["difference"] == 0 and c["note_zh"] == "1107 = 62 + 1045"


def test_288_differs_and_says_so(reports):
    c = by_total(reports[2024]["checks"])[288]
    assert c["指标"] == "eia_approvals" and c["label"] == "审批建设项目环评文件"
    assert [(p["label"], p["value"]) for p in c["parts"]] == [("报告书项目", 30), ("报告表项目", 251)]
    assert (c["actual"], c["difference"]) == (281, -7)
    assert c["statement"] == ("一是设立行政审批窗口,提高环境审批效率,共审批建设项目环评文件288个,"
                              "其中报告书项目30个,报告表项目251个,实行告知承诺制审批6个;")  # the clause
    assert c["note_zh"] == "288 ≠ 30 + 251 = 281；即使加上实行告知承诺制审批 6 个，合计 287，仍差 1"
    assert "287" in c["note_en"] and "1 short" in c["note_en"]


def test_56_agrees(reports):
    c = by_total(reports[2024]["checks"])[56]
    assert [(p["label"], p["value"]) for p in c["parts"]] == [("完成整改", 47), ("有序推进", 9)]
    assert c["note_zh"] == "56 = 47 + 9" and c["id"] == "sum-" + c["编号"]
    assert 1092 not in by_total(reports[2024]["checks"])


def test_internal_sums_next_year(reports):
    checks = by_total(reports[2025]["checks"])
    assert checks[300]["verdict"] == "agrees" and checks[980]["verdict"] == "agrees"
    assert checks[40]["verdict"] == "differs" and checks[40]["difference"] == 1
    assert checks[40]["note_zh"] == "40 ≠ 35 + 6 = 41，多出 1"


FACTS = {
    "penalties_published": {"value": 369, "label": "2024年处罚决定书（含已不再公示的）", "source": "penalties"},
    "hearings_held": {"value": 16, "label": "听证告知后举行的听证", "source": "penalties"},
    "penalty_exemption_amount": {"value": "96.866", "label": "免罚金额", "source": "decisions"},
    "broadcast_loudspeakers": {"value": 39000, "label": "大喇叭", "source": "test"},
    "petition_closure_rate": {"value": 97.5, "label": "结案率", "source": "test"},
    "major_enforcement_reviews": {"value": None, "label": "未统计", "source": "decisions"},
}


@pytest.fixture(scope="module")
def data(reports) -> dict[str, dict]:
    checks = data_checks(2024, reports[2024]["figures"] + reports[2025]["figures"], FACTS)
    assert all(set(c) == KEYS and c["kind"] == "data" for c in checks)
    assert len({c["id"] for c in checks}) == len(checks)
    return {c["指标"]: c for c in checks}


def test_data_agrees(data):
    c = data["penalties_published"]
    assert (c["verdict"], c["expected"], c["actual"], c["difference"]) == ("agrees", 369, 369, 0)
    assert c["parts"] == [{"label": FACTS["penalties_published"]["label"], "value": 369, "source": "penalties"}]
    assert c["statement"] == "2024年通过门户网站和信用平台公示行政处罚369件。"
    assert data["penalty_exemption_amount"]["verdict"] == "agrees"


def test_data_differs_by_n(data):
    c = data["hearings_held"]
    assert (c["verdict"], c["expected"], c["actual"], c["difference"]) == ("differs", 14, 16, 2)
    assert c["note_zh"] == "报告“14次”，数据 16 次，数据多 2"


def test_no_data(data):
    for key in ("general_penalty_cases", "penalty_exemptions"):
        c = data[key]
        assert (c["verdict"], c["actual"], c["difference"], c["parts"]) == ("no_data", None, None, [])


def test_only_indicators_the_data_can_confirm_are_checked(data):
    assert set(data) == {"penalties_published", "general_penalty_cases", "penalty_exemptions",
                         "penalty_exemption_amount", "hearings_held"}


def test_qualifiers_are_respected():
    from build_scripts.report.checks import _consistent
    assert _consistent(Decimal(40000), "近", Decimal(39000))          # 近4万个 vs 39000
    assert not _consistent(Decimal(40000), "近", Decimal(41000))
    assert not _consistent(Decimal(98), "以上", Decimal("97.5"))       # 98%以上 vs 97.5
    assert _consistent(Decimal(98), "以上", Decimal(99))
    assert _consistent(Decimal(369), "", Decimal(369)) and not _consistent(Decimal(369), "", Decimal(370))


def test_only_the_given_year(data):
    assert data["penalties_published"]["编号"].startswith("2024-")
    assert "hearings_held" in data and data["hearings_held"]["expected"] == 14
