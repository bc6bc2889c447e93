"""Problems are data (issue #3): each broken cell, column or file is one located record; the
command line reports them, refuses to build on errors, and never shows a traceback."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from dataclasses import asdict
from functools import cache

import pytest

from stdnum.cn import uscc

from build_scripts import config
from build_scripts.pipeline import collect
from build_scripts.problems import rules
from conftest import AS_OF, FIXTURES, ROOT, build_fixture, gongshi

CASES = FIXTURES / "penalties"
PUB = config.load(ROOT / "datasets" / "publisher.yml")
WHERE = ("rule", "severity", "file", "sheet", "row", "column", "value", "detail")


@cache
def run(case: str):
    return collect(CASES / case, PUB, dt.date.fromisoformat(AS_OF))


def records(case: str) -> list[dict]:
    return [asdict(p) for p in run(case).report.problems]


def located(case: str) -> list[tuple]:
    return sorted(tuple(p[k] for k in WHERE) for p in records(case))


XLSX = "penalties/2026-06-30-行政处罚信息公示表.xlsx"
CSV = "penalties/2026-06-30-行政处罚信息公示表.csv"

# case → every problem it must give, exactly: (rule, severity, file, sheet, row, column, value, detail)
EXPECTED = {
    "unknown-column": [
        ("column.unknown", "warning", CSV, "", 2, "当事人地址", "", "行政相对人名称"),
        ("column.unknown", "warning", CSV, "", 2, "结案日期", "", "处罚决定日期"),
    ],
    "missing-required-column": [
        ("column.missing", "error", CSV, "", 2, "", "", "处罚依据"),
        ("column.missing", "error", CSV, "", 2, "", "", "违法事实"),
    ],
    # title row 1, blank row 2, header row 3; data rows 4, 5, (6 blank), 7, 8
    "impossible-date": [
        ("date.invalid", "error", XLSX, "处罚信息", 4, "处罚日期", "2026-02-30", ""),
        ("date.invalid", "error", XLSX, "处罚信息", 5, "处罚日期", "2026年13月1日", ""),
        ("date.invalid", "error", XLSX, "处罚信息", 7, "处罚日期", "2026/4/31", ""),
    ],
    "bad-category": [
        ("category.invalid", "error", CSV, "", 2, "处罚种类", "罚款;没收财产", "没收财产"),
        ("category.invalid", "error", CSV, "", 3, "处罚种类", "拘役", "拘役"),
        ("category.invalid", "error", CSV, "", 4, "处罚种类", "99", "99"),
    ],
    # the file's header says 处罚决定书文号; rows 2 and 4 differ (902 on rows 3 and 5 is an exact repeat)
    "conflict-in-one-file": [
        ("docno.conflict", "error", CSV, "", 4, "处罚决定书文号", "皖亳环罚〔2026〕901号", "2"),
    ],
    "credit-codes": [
        ("uscc.checksum", "warning", "penalties/2026-10-31-统一社会信用代码写法.csv", "", 6, "统一社会信用代码",
         "91341600MA2N1C2511", "X"),
    ],
    "party-type-problems": [
        ("party_type.invalid", "error", "penalties/2026-10-31-当事人类别.csv", "", 3, "行政相对人类别", "企业法人单位", ""),
        ("party_type.unknown", "error", "penalties/2026-10-31-当事人类别.csv", "", 2, "行政相对人名称",
         "亳州市谯城区示例养殖场", ""),
    ],
    "empty-file": [
        ("file.empty", "error", "penalties/2026-06-30-空文件.csv", "", None, "", "", ""),
        ("file.empty", "error", "penalties/2026-06-30-空白工作簿.xlsx", "", None, "", "", ""),
    ],
}
EXIT = {"unknown-column": 0, "credit-codes": 0}   # warnings only; every other case has an error


@pytest.mark.parametrize("case", EXPECTED)
def test_exact_problem_records(case):
    assert located(case) == sorted(EXPECTED[case])


@pytest.mark.parametrize("case", [*EXPECTED, "two-exports-replace", "binary-garbage", "ole-garbage",
                                  "truncated-xlsx", "renamed-not-xlsx"])
def test_messages_are_filled_in_both_languages(case):
    for p in records(case):
        spec = rules()[p["rule"]]
        for lang in ("zh", "en"):
            message = p[f"message_{lang}"]
            assert message.strip() and "{" not in message, (case, p)
            for key in ("value", "column", "detail"):
                if "{" + key + "}" in spec[lang]:
                    assert p[key] in message, (case, lang, key, p)


def test_messages_say_what_is_wrong_in_words():
    by_rule: dict[str, dict] = {}
    for case in EXPECTED:
        for p in records(case):
            by_rule.setdefault(p["rule"], p)      # the first of each rule
    assert "2026-02-30" in by_rule["date.invalid"]["message_zh"]
    assert "当事人地址" in by_rule["column.unknown"]["message_zh"] and "行政相对人名称" in by_rule["column.unknown"]["message_zh"]
    assert "违法事实" in by_rule["column.missing"]["message_zh"] + by_rule["column.missing"]["message_en"]
    assert "没收财产" in by_rule["category.invalid"]["message_en"]
    assert "X" in by_rule["uscc.checksum"]["message_en"]


def test_every_required_column_missing_is_an_error_naming_it(tmp_path):
    required = ["行政相对人名称", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容", "处罚决定日期"]
    header = ["序号", *required, "罚款金额(万元)"]
    row = ["1", "亳州市示例缺列有限公司", "皖亳环罚〔2026〕961号", "超标排放大气污染物", "经查，该公司废气超标排放。",
           "《中华人民共和国大气污染防治法》第九十九条第二项", "罚款", "罚款人民币2万元", "2026-03-05", "2"]
    for missing in required:
        sources = tmp_path / missing
        folder = sources / "penalties"
        folder.mkdir(parents=True)
        j = header.index(missing)
        with (folder / "2026-06-30-导出.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header[:j] + header[j + 1:], row[:j] + row[j + 1:]])
        c = collect(sources, PUB, dt.date.fromisoformat(AS_OF))
        missing_records = [(p.rule, p.severity, p.row, p.detail) for p in c.report.problems if p.rule == "column.missing"]
        assert missing_records == [("column.missing", "error", 1, missing)], missing


# ---------------------------------------------------------------- gongshi validate

@pytest.mark.parametrize("case", EXPECTED)
def test_validate_writes_the_same_records_as_json_and_exits_by_severity(tmp_path, case):
    report = tmp_path / "report.json"
    r = gongshi("validate", "--sources", str(CASES / case), "--as-of", AS_OF, "--report", str(report))
    assert r.returncode == EXIT.get(case, 1), r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["valid"] is (EXIT.get(case, 1) == 0)
    assert sorted(tuple(p[k] for k in WHERE) for p in doc["problems"]) == sorted(EXPECTED[case])
    assert doc["problems"] == records(case)
    assert doc["counts"]["error"] == sum(1 for p in EXPECTED[case] if p[1] == "error")


def test_validate_prints_problems_grouped_by_file(tmp_path):
    sources = tmp_path / "sources"
    for case in ("bad-category", "credit-codes", "party-type-problems"):
        shutil.copytree(CASES / case, sources, dirs_exist_ok=True)
    r = gongshi("validate", "--sources", str(sources), "--as-of", AS_OF)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    files = ["penalties/2026-06-30-行政处罚信息公示表.csv", "penalties/2026-10-31-当事人类别.csv",
             "penalties/2026-10-31-统一社会信用代码写法.csv"]
    for f in files:
        assert lines.count(f) == 1, f          # one heading per file …
    heads = [i for i, line in enumerate(lines) if line in files]
    groups = {lines[i]: lines[i + 1:j] for i, j in zip(heads, heads[1:] + [len(lines)])}
    # … with that file's problems indented under it
    assert sum("(category.invalid)" in line for line in groups[files[0]]) == 3
    assert sum("(party_type." in line for line in groups[files[1]]) == 2
    assert any("(uscc.checksum)" in line and "第6行" in line for line in groups[files[2]])
    assert "拘役" in "\n".join(groups[files[0]])
    assert all(line.startswith(" ") or line == "" for g in groups.values() for line in g[:-2])


# ---------------------------------------------------------------- gongshi build

@pytest.mark.parametrize("case", ["missing-required-column", "impossible-date", "bad-category",
                                  "conflict-in-one-file", "party-type-problems", "empty-file"])
def test_build_refuses_on_any_error_and_writes_nothing(tmp_path, case):
    out = tmp_path / "site"
    r = build_fixture(CASES / case, out)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []       # no half-built staging folder left behind
    for rule, severity, *_ in EXPECTED[case]:
        assert f"({rule})" in r.stderr


@pytest.fixture(scope="module")
def warned_site(tmp_path_factory):
    """One successful build from sources that carry only warnings."""
    tmp = tmp_path_factory.mktemp("warned")
    sources = tmp / "sources"
    for case in ("unknown-column", "credit-codes"):
        shutil.copytree(CASES / case, sources, dirs_exist_ok=True)
    out = tmp / "site"
    r = build_fixture(sources, out)
    assert r.returncode == 0, r.stderr
    return out


def _text_files(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".csv", ".json", ".xml", ".txt", ".md", ".js"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_warnings_are_listed_on_the_quality_page_without_cell_values(warned_site):
    html = (warned_site / "quality" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    # the bad check character: file, row, column, message; not the code itself
    assert "penalties/2026-10-31-统一社会信用代码写法.csv" in text
    assert "第 6 行" in text and "统一社会信用代码" in text and "校验位不符" in text
    assert "91341600MA2N1C2511" not in html
    # the unknown columns: named, with the closest standard name
    assert "当事人地址" in text and "结案日期" in text and "无法识别的列" in text
    assert "亳州市谯城区示例路88号" not in html and "2026-06-20" not in html


def test_unknown_columns_are_not_published(warned_site):
    for path, content in _text_files(warned_site):
        assert "示例路88号" not in content and "示例大道16号" not in content, path
    header = (warned_site / "data" / "penalties.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "当事人地址" not in header and "结案日期" not in header


# ---------------------------------------------------------------- broken inputs

BROKEN = {
    "empty-file": ("penalties/2026-06-30-空文件.csv", {"file.empty"}),
    "renamed-not-xlsx": (XLSX, {"sheet.no_header", "file.unsupported", "file.unreadable"}),
    "binary-garbage": ("penalties/2026-06-30-导出.xlsx", {"file.unsupported", "file.unreadable"}),
    "ole-garbage": ("penalties/2026-06-30-导出.xls", {"file.unsupported", "file.unreadable"}),
    "truncated-xlsx": (XLSX, {"file.unsupported", "file.unreadable"}),
}


@pytest.mark.parametrize("case", BROKEN)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_broken_input_is_a_problem_not_a_traceback(tmp_path, case, command):
    file, rule_ids = BROKEN[case]
    report = tmp_path / "report.json"
    if command == "validate":
        r = gongshi("validate", "--sources", str(CASES / case), "--as-of", AS_OF, "--report", str(report))
    else:
        r = build_fixture(CASES / case, tmp_path / "site")
    output = r.stdout + r.stderr
    assert r.returncode == 1, output
    assert "Traceback" not in output and "内部错误" not in output and "internal error" not in output
    assert file in output
    if command == "validate":
        problems = json.loads(report.read_text(encoding="utf-8"))["problems"]
        mine = [p for p in problems if p["file"] == file]
        errors = [p for p in mine if p["severity"] == "error"]
        assert errors and {p["rule"] for p in errors} <= rule_ids
        # besides the errors, at most a note that the extension lies about the content
        assert {p["rule"] for p in mine if p["severity"] != "error"} <= {"file.misnamed"}
        if case == "renamed-not-xlsx":
            assert [p["detail"] for p in mine if p["rule"] == "file.misnamed"] == ["csv"]
    else:
        assert not (tmp_path / "site").exists()


def test_binary_garbage_says_it_is_not_a_supported_format():
    assert located("binary-garbage") == [
        ("file.unsupported", "error", "penalties/2026-06-30-导出.xlsx", "", None, "", "", "binary")]


def test_fifty_megabyte_sheet_does_not_crash(tmp_path):
    """~50 MB of realistic rows (GBK CSV, as office software saves it): checked, not crashed."""
    folder = tmp_path / "sources" / "penalties"
    folder.mkdir(parents=True)
    path = folder / "2026-06-30-全市行政处罚信息（大表）.csv"
    header = ["序号", "行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据",
              "处罚类别", "处罚内容", "罚款金额(元)", "处罚决定日期", "处罚机关"]
    marks = ["", "(谯)", "(涡)", "(蒙)", "(利)"]
    fact = ("经查，该单位于检查当日正在生产，其废气排放口颗粒物、二氧化硫、氮氧化物排放浓度超过《大气污染物综合排放标准》"
            "规定的排放限值，超标排放大气污染物，违反了《中华人民共和国大气污染防治法》第十八条的规定。")
    target = 50 * 2**20
    with path.open("w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        n = 0
        while f.tell() < target:
            for _ in range(1000):
                n += 1
                day = dt.date(2026, 1, 1) + dt.timedelta(days=n % 300)
                body = f"91341600MA{n:07d}"
                w.writerow([n, f"亳州市示例第{n}号有限公司", body + uscc.calc_check_digit(body), f"皖亳环{marks[n % 5]}罚〔2026〕{n}号",
                            "超标排放大气污染物", fact, "《中华人民共和国大气污染防治法》第九十九条第二项", "罚款",
                            f"责令改正违法行为，处罚款人民币{(n % 90 + 10) * 1000}元", (n % 90 + 10) * 1000,
                            f"{day.year}年{day.month}月{day.day}日", "亳州市生态环境局"])
    assert path.stat().st_size >= target
    report = tmp_path / "report.json"
    r = gongshi("validate", "--sources", str(tmp_path / "sources"), "--as-of", AS_OF, "--report", str(report))
    assert r.returncode in (0, 1), r.stderr[-2000:]
    assert "Traceback" not in r.stdout + r.stderr and "内部错误" not in r.stderr
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert isinstance(doc["problems"], list)
