"""Penalty lists as bureaus really export them (issue #3): every format reads to the same rows.

Each case under tests/fixtures/penalties/ holds the same three fictitious decisions, written
the way one kind of export writes them; all must normalise to the same values."""
from __future__ import annotations

import csv
import datetime as dt
import io
from functools import cache

import pytest

from build_scripts import config
from build_scripts.pipeline import collect
from conftest import AS_OF, FIXTURES, ROOT

CASES = FIXTURES / "penalties"
PUB = config.load(ROOT / "datasets" / "publisher.yml")


@cache
def run(case: str):
    return collect(CASES / case, PUB, dt.date.fromisoformat(AS_OF))


def rows_by_id(c) -> dict[str, dict]:
    return {r["记录编号"]: r for r in c.penalties.to_dict("records")}


# the three decisions, normalised
R1, R2, R3 = "皖亳环罚〔2026〕101号", "皖亳环（涡）罚〔2026〕102号", "皖亳环（蒙）罚〔2026〕103号"
EXPECTED = {
    R1: {"行政相对人名称": "亳州市示例化工有限公司", "行政相对人类别": "法人及非法人组织",
         "行政相对人代码_1(统一社会信用代码)": "91341600MA2N0A0105", "处罚决定日期": "2026-03-05",
         "公示截止期": "2027-03-05", "罚款金额(万元)": "2", "处罚类别": "罚款", "所属区县": "市本级",
         "处罚机关": "亳州市生态环境局", "处罚机关统一社会信用代码": "11341600MB1866001Q",
         "违法事实": "经查，该公司废气排放口颗粒物浓度超过排放标准。"},
    R2: {"行政相对人名称": "涡阳县示例食品加工厂", "行政相对人类别": "法人及非法人组织",
         "行政相对人代码_1(统一社会信用代码)": "91341621MA2N0C0303", "处罚决定日期": "2026-04-01",
         "公示截止期": "2027-04-01", "罚款金额(万元)": "20", "处罚类别": "罚款;责令停产停业", "所属区县": "涡阳县",
         "处罚机关": "亳州市生态环境局涡阳分局", "处罚机关统一社会信用代码": "11341621MB1866003C",
         "违法事实": "经查，该厂通过暗管排放生产废水。"},
    R3: {"行政相对人名称": "蒙城县示例汽车修理部", "行政相对人类别": "个体工商户",
         "行政相对人代码_1(统一社会信用代码)": "92341622MA2N0R1719", "处罚决定日期": "2026-05-20",
         "公示截止期": "2027-05-20", "罚款金额(万元)": "0.35", "处罚类别": "警告;罚款", "所属区县": "蒙城县",
         "处罚机关": "亳州市生态环境局蒙城分局", "处罚机关统一社会信用代码": "11341622MB1866004X",
         "违法事实": "经查，该修理部将废机油露天堆放。"},
}
CSV_NAME = "penalties/2026-06-30-亳州市生态环境局行政处罚信息.csv"

# case → (file, {record id: (sheet, row as Excel or a text editor shows it)}, changes to EXPECTED)
FORMATS = {
    "xlsx-title-merged-header": ("penalties/2026-06-30-亳州市生态环境局行政处罚信息公示表.xlsx",
                                 {R1: ("公示表", 4), R2: ("公示表", 5), R3: ("公示表", 7)}, {}),
    "xlsx-several-sheets": ("penalties/2026-06-30-各单位行政处罚信息.xlsx",
                            {R1: ("市本级", 3), R2: ("分局", 3), R3: ("分局", 4)}, {}),
    "xls-two-sheets": ("penalties/2026-亳州市生态环境局行政处罚信息公示表.xls",
                       {R1: ("2026年上半年", 4), R2: ("2026年上半年", 5), R3: ("2026年上半年", 6)}, {}),
    "csv-gbk": (CSV_NAME, {R1: ("", 2), R2: ("", 3), R3: ("", 4)}, {}),
    "csv-gb18030": (CSV_NAME, {R1: ("", 2), R2: ("", 3), R3: ("", 4)},
                    {R1: {"行政相对人名称": "亳州市𠮷祥示例化工有限公司"}, R2: {"行政相对人名称": "涡阳县䶮示例食品加工厂"}}),
    "csv-utf8-bom": (CSV_NAME, {R1: ("", 2), R2: ("", 3), R3: ("", 4)}, {}),
    # R1's 违法事实 spans lines 2–3 in an editor, so R2 starts on line 4
    "csv-utf8": (CSV_NAME, {R1: ("", 2), R2: ("", 4), R3: ("", 5)}, {}),
    # the page's table states 亳州市生态环境局 for all three (one cell with rowspan=3)
    "html-disclosure-page": ("penalties/2026-06-30-行政处罚信息公示.html",
                             {R1: ("表格4", 4), R2: ("表格4", 5), R3: ("表格4", 6)},
                             {R2: {"处罚机关": "亳州市生态环境局"}, R3: {"处罚机关": "亳州市生态环境局"}}),
    "fullwidth-and-linebreaks": ("penalties/2026-06-30-行政处罚信息（手工录入）.xlsx",
                                 {R1: ("Sheet1", 2), R2: ("Sheet1", 3), R3: ("Sheet1", 4)}, {}),
}


@pytest.mark.parametrize("case", FORMATS)
def test_each_format_reads_to_the_same_normalised_rows(case):
    file, where, changes = FORMATS[case]
    rows = rows_by_id(run(case))
    assert sorted(rows) == sorted(EXPECTED)
    for rid, expected in EXPECTED.items():
        want = {**expected, **changes.get(rid, {})}
        got = {k: rows[rid][k] for k in want}
        assert got == want, rid
        assert (rows[rid]["_file"], rows[rid]["_sheet"], rows[rid]["_row"]) == (file, *where[rid]), rid


@pytest.mark.parametrize("case", FORMATS)
def test_each_format_reads_without_errors_or_warnings(case):
    problems = run(case).report.problems
    assert [(p.rule, p.sheet, p.row, p.column, p.detail) for p in problems if p.severity != "info"] == []


@pytest.mark.parametrize("case", FORMATS)
def test_the_source_columns_are_the_standard_ones_and_no_more(case):
    columns = set(run(case).penalties.columns)
    assert "序号" not in columns and "行政相对人代码" not in columns
    assert {"行政相对人名称", "行政处罚决定书文号", "记录编号", "所属区县", "罚款金额(万元)"} <= columns


def test_the_fixtures_are_in_the_encodings_they_claim():
    gbk = (CASES / "csv-gbk" / CSV_NAME).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert "亳州市示例化工有限公司" in gbk.decode("gbk")
    gb18030 = (CASES / "csv-gb18030" / CSV_NAME).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gb18030.decode("gbk")          # 𠮷 and 䶮 are outside GBK
    assert "𠮷" in gb18030.decode("gb18030") and "䶮" in gb18030.decode("gb18030")
    assert (CASES / "csv-utf8-bom" / CSV_NAME).read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (CASES / "csv-utf8" / CSV_NAME).read_bytes().startswith(b"\xef\xbb\xbf")
    assert (CASES / "xls-two-sheets" / FORMATS["xls-two-sheets"][0]).read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_merged_header_keeps_the_sub_columns_and_drops_title_blank_and_note_rows():
    c = run("xlsx-title-merged-header")
    rows = rows_by_id(c)
    assert rows[R1]["行政相对人代码_2(工商注册号)"] == "341600000012345"
    assert rows[R2]["行政相对人代码_2(工商注册号)"] == ""
    assert len(c.penalties) == 3
    assert c.report.problems == []


def test_xls_reads_the_data_sheet_and_skips_the_summary_sheet():
    c = run("xls-two-sheets")
    assert sorted(c.penalties["_sheet"].unique()) == ["2026年上半年"]
    assert len(c.penalties) == 3
    assert [(p.rule, p.severity, p.sheet) for p in c.report.problems] == [("sheet.skipped", "info", "汇总")]
    # the real date cell (R1) and the text dates (R2 2026/4/1, R3 2026.5.20) all read
    assert [rows_by_id(c)[r]["处罚决定日期"] for r in (R1, R2, R3)] == ["2026-03-05", "2026-04-01", "2026-05-20"]


def test_workbook_with_a_sheet_per_unit_reads_every_sheet_and_ignores_the_empty_one():
    c = run("xlsx-several-sheets")
    assert sorted(c.penalties["_sheet"]) == ["分局", "分局", "市本级"]
    assert c.report.problems == []


def test_saved_web_page_yields_only_the_data_table():
    c = run("html-disclosure-page")
    assert sorted(rows_by_id(c)) == sorted(EXPECTED)
    # nothing from the page chrome (menus, the 信息索引 box, the footer) is a record or an error
    assert set(c.penalties["_sheet"]) == {"表格4"}
    assert [p for p in c.report.problems if p.severity in ("error", "warning")] == []
    assert {p.sheet for p in c.report.problems} <= {"表格1", "表格2", "表格3", "表格5"}


def test_fullwidth_characters_spaces_and_line_breaks_are_cleaned():
    rows = rows_by_id(run("fullwidth-and-linebreaks"))
    assert rows[R1]["行政相对人名称"] == "亳州市示例化工有限公司"
    assert rows[R1]["行政处罚决定书文号"] == "皖亳环罚〔2026〕101号"       # published spelling, ASCII digits
    assert rows[R2]["行政处罚决定书文号"] == "皖亳环（涡）罚〔2026〕102号"
    assert rows[R1]["违法行为类型"] == "超标排放大气污染物"
    assert rows[R3]["行政相对人名称"] == "蒙城县示例汽车修理部"
    assert rows[R3]["处罚机关"] == "亳州市生态环境局蒙城分局"


def test_county_style_headers_and_amounts_in_yuan():
    c = run("synonyms-yuan")
    rows = rows_by_id(c)
    got = {rid: (r["行政相对人名称"], r["处罚决定日期"], r["罚款金额(万元)"], r["所属区县"], r["处罚类别"])
           for rid, r in rows.items()}
    assert got == {
        "皖亳环（蒙）罚〔2026〕31号": ("蒙城县示例纺织有限公司", "2026-03-05", "5", "蒙城县", "罚款"),
        "皖亳环（蒙）罚〔2026〕32号": ("蒙城县示例建材厂", "2026-06-18", "0.85", "蒙城县", "罚款"),
        "皖亳环（利）罚〔2026〕41号": ("利辛县示例塑料制品有限公司", "2026-04-08", "20", "利辛县", "罚款"),
        "皖亳环（利）罚〔2026〕42号": ("利辛县示例再生资源回收站", "2026-05-09", "1.2", "利辛县", "警告;罚款"),
    }
    assert rows["皖亳环（蒙）罚〔2026〕31号"]["违法事实"].startswith("经查，该公司项目未依法报批")
    assert rows["皖亳环（蒙）罚〔2026〕31号"]["处罚内容"] == "罚款人民币伍万元整"
    assert c.report.problems == []


# ---------------------------------------------------------------- header synonyms, one at a time

STANDARD_HEADER = ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据",
                   "处罚类别", "处罚内容", "罚款金额(万元)", "处罚决定日期", "处罚机关"]
ROW = ["亳州市示例同义词有限公司", "91341600MA2N0A0105", "皖亳环罚〔2026〕61号", "超标排放大气污染物",
       "经查，该公司废气超标排放。", "《中华人民共和国大气污染防治法》第九十九条第二项", "罚款", "罚款人民币2万元",
       "2", "2026-03-05", "亳州市生态环境局"]


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("synonym, standard, cell, value", [
    ("当事人", "行政相对人名称", None, "亳州市示例同义词有限公司"),
    ("被处罚对象名称", "行政相对人名称", None, "亳州市示例同义词有限公司"),
    ("单位名称", "行政相对人名称", None, "亳州市示例同义词有限公司"),
    ("处罚决定文号", "行政处罚决定书文号", None, "皖亳环罚〔2026〕61号"),
    ("决定书文号", "行政处罚决定书文号", None, "皖亳环罚〔2026〕61号"),
    ("处罚种类", "处罚类别", None, "罚款"),
    ("决定日期", "处罚决定日期", "2026年3月5日", "2026-03-05"),
    ("处罚日期", "处罚决定日期", "2026/3/5", "2026-03-05"),
    ("罚款金额(元)", "罚款金额(万元)", "20000", "2"),
    ("罚款金额（元）", "罚款金额(万元)", "20,000.00", "2"),
])
def test_header_synonym_maps_to_the_standard_name(tmp_path, synonym, standard, cell, value):
    header = list(STANDARD_HEADER)
    row = list(ROW)
    j = header.index(standard)
    header[j] = synonym
    if cell is not None:
        row[j] = cell
    write_csv(tmp_path / "penalties" / "2026-06-30-导出.csv", header, [row])
    c = collect(tmp_path, PUB, dt.date.fromisoformat(AS_OF))
    assert c.report.problems == []
    assert c.penalties[standard].tolist() == [value]
