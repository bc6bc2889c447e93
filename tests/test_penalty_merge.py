"""Several exports, one truth (issue #3): identical rows merge silently, a later export that
differs replaces the earlier one and says what changed, a conflict inside one file is an error."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from functools import cache

import xlsxwriter

from build_scripts import config
from build_scripts.pipeline import collect
from conftest import AS_OF, FIXTURES, ROOT, gongshi

CASES = FIXTURES / "penalties"
PUB = config.load(ROOT / "datasets" / "publisher.yml")
TWO = CASES / "two-exports-replace" / "penalties"
EARLIER = "penalties/2026-01-31-行政处罚信息公示表.csv"
LATER = "penalties/2026-06-30-行政处罚信息公示表.xlsx"
CHANGED, SAME, ONLY_EARLIER, ONLY_LATER = (f"皖亳环罚〔2026〕{n}号" for n in (11, 12, 13, 14))


def run_at(sources):
    return collect(sources, PUB, dt.date.fromisoformat(AS_OF))


@cache
def two_exports():
    return run_at(CASES / "two-exports-replace")


def by_id(c) -> dict[str, dict]:
    return {r["记录编号"]: r for r in c.penalties.to_dict("records")}


def test_one_row_per_decision_and_the_later_export_wins():
    rows = by_id(two_exports())
    assert sorted(rows) == sorted([CHANGED, SAME, ONLY_EARLIER, ONLY_LATER])
    assert rows[CHANGED]["罚款金额(万元)"] == "1.5"          # 2 in the January export
    assert rows[CHANGED]["_file"] == LATER
    assert rows[ONLY_EARLIER]["_file"] == EARLIER
    assert rows[ONLY_LATER]["_file"] == LATER


def test_the_change_is_reported_as_info_naming_both_files_and_the_field():
    problems = [p for p in two_exports().report.problems]
    assert [(p.rule, p.severity, p.file, p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("docno.replaced", "info", LATER, "公示表", 3, "行政处罚决定书文号", CHANGED)]
    p = problems[0]
    assert EARLIER in p.detail and LATER in p.detail and "罚款金额(万元)" in p.detail
    assert "处罚内容" not in p.detail and "处罚决定日期" not in p.detail     # only what changed
    assert CHANGED in p.message_zh and CHANGED in p.message_en


def test_the_change_list_names_the_decision_the_files_and_the_fields():
    assert [(c["记录编号"], c["from_file"], c["to_file"], c["fields"]) for c in two_exports().changes] == [
        (CHANGED, EARLIER, LATER, ["罚款金额(万元)"])]


def test_an_identical_decision_in_two_exports_merges_silently():
    """皖亳环罚〔2026〕12号 is in both exports: a text date in the CSV, a date cell in the workbook."""
    c = two_exports()
    assert not any(SAME in (p.value + p.detail) for p in c.report.problems)
    assert not any(ch["记录编号"] == SAME for ch in c.changes)
    assert list(c.penalties["记录编号"]).count(SAME) == 1


def test_the_date_in_the_file_name_decides_before_the_name(tmp_path):
    """Named so that name order and date order disagree: the date decides."""
    folder = tmp_path / "penalties"
    folder.mkdir()
    shutil.copy(TWO / "2026-06-30-行政处罚信息公示表.xlsx", folder / "2026-06-30-导出.xlsx")
    shutil.copy(TWO / "2026-01-31-行政处罚信息公示表.csv", folder / "导出（20260131）.csv")
    rows = by_id(run_at(tmp_path))
    assert rows[CHANGED]["罚款金额(万元)"] == "1.5"
    # and the other way round: the CSV dated later wins
    (folder / "导出（20260131）.csv").rename(folder / "导出（20260701）.csv")
    c = run_at(tmp_path)
    assert by_id(c)[CHANGED]["罚款金额(万元)"] == "2"
    replaced = [p for p in c.report.problems if p.rule == "docno.replaced"]
    assert [(p.file, p.value) for p in replaced] == [("penalties/导出（20260701）.csv", CHANGED)]


def test_without_dates_the_name_decides(tmp_path):
    folder = tmp_path / "penalties"
    folder.mkdir()
    shutil.copy(TWO / "2026-01-31-行政处罚信息公示表.csv", folder / "导出B.csv")
    shutil.copy(TWO / "2026-06-30-行政处罚信息公示表.xlsx", folder / "导出A.xlsx")
    c = run_at(tmp_path)
    assert by_id(c)[CHANGED]["罚款金额(万元)"] == "2"            # 导出B comes after 导出A
    assert [p.file for p in c.report.problems if p.rule == "docno.replaced"] == ["penalties/导出B.csv"]


def test_the_same_export_saved_twice_merges_silently(tmp_path):
    folder = tmp_path / "penalties"
    folder.mkdir()
    shutil.copy(TWO / "2026-01-31-行政处罚信息公示表.csv", folder / "2026-01-31-导出.csv")
    shutil.copy(TWO / "2026-01-31-行政处罚信息公示表.csv", folder / "2026-02-01-导出（再次下载）.csv")
    c = run_at(tmp_path)
    assert c.report.problems == [] and c.changes == []
    assert sorted(c.penalties["记录编号"]) == sorted([CHANGED, SAME, ONLY_EARLIER])


def test_validate_exits_0_when_a_later_export_replaces_an_earlier_one(tmp_path):
    report = tmp_path / "r.json"
    r = gongshi("validate", "--sources", str(CASES / "two-exports-replace"), "--as-of", AS_OF, "--report", str(report))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "(docno.replaced)" in r.stdout and LATER in r.stdout


# ---------------------------------------------------------------- inside one file

CONFLICT = "penalties/2026-06-30-行政处罚信息公示表.csv"


def test_conflicting_rows_in_one_file_are_an_error_naming_both_rows():
    c = run_at(CASES / "conflict-in-one-file")
    conflicts = [p for p in c.report.problems if p.rule == "docno.conflict"]
    assert [(p.severity, p.file, p.row, p.value, p.detail) for p in conflicts] == [
        ("error", CONFLICT, 4, "皖亳环罚〔2026〕901号", "2")]
    assert "4" in conflicts[0].where() and "第 2 行" in conflicts[0].message_zh and "row 2" in conflicts[0].message_en
    # the exact repeat of 902 (rows 3 and 5) is not a conflict
    assert not any("902" in p.value for p in c.report.problems)
    assert len(c.report.problems) == 1


def test_conflict_names_the_column_as_the_file_writes_it():
    """The file's header is 处罚决定书文号 (a synonym): the record says so, as for every other problem."""
    conflicts = [p for p in run_at(CASES / "conflict-in-one-file").report.problems if p.rule == "docno.conflict"]
    assert [p.column for p in conflicts] == ["处罚决定书文号"]


def test_conflict_across_two_sheets_of_one_workbook_is_an_error(tmp_path):
    folder = tmp_path / "penalties"
    folder.mkdir()
    header = ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
              "处罚内容", "罚款金额(万元)", "处罚决定日期"]
    row = ["亳州市示例两表有限公司", "91341600MA2N0A0105", "皖亳环罚〔2026〕971号", "超标排放大气污染物",
           "经查，该公司废气超标排放。", "《中华人民共和国大气污染防治法》第九十九条第二项", "罚款", "罚款人民币2万元"]
    wb = xlsxwriter.Workbook(str(folder / "2026-06-30-导出.xlsx"))
    for name, fine in (("上半年", "2"), ("全年", "3")):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header)
        ws.write_row(1, 0, [*row, fine, "2026-03-05"])
    wb.close()
    conflicts = [p for p in run_at(tmp_path).report.problems if p.rule == "docno.conflict"]
    assert [(p.severity, p.file, p.value) for p in conflicts] == [
        ("error", "penalties/2026-06-30-导出.xlsx", "皖亳环罚〔2026〕971号")]


def test_the_same_decision_in_two_files_is_not_a_conflict(tmp_path):
    """Different fines for one decision in two exports: a replacement (info), not an error."""
    folder = tmp_path / "penalties"
    folder.mkdir()
    rows = list(csv.reader((TWO / "2026-01-31-行政处罚信息公示表.csv").open(encoding="utf-8")))
    with (folder / "2026-01-31-导出.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    rows[1][9] = "3"
    with (folder / "2026-02-28-导出.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    c = run_at(tmp_path)
    assert c.report.ok
    assert [(p.rule, p.severity, p.file, p.row) for p in c.report.problems] == [
        ("docno.replaced", "info", "penalties/2026-02-28-导出.csv", 2)]
    assert by_id(c)[CHANGED]["罚款金额(万元)"] == "3"
