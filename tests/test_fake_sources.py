"""benchmarks/fake_sources.py: fictitious, deterministic, shaped like real exports."""
from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml
from python_calamine import CalamineWorkbook
from stdnum.cn import uscc

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "fake_sources.py"


def _load():
    spec = importlib.util.spec_from_file_location("fake_sources", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fs = _load()
UNITS = fs.city_units()
SURNAMES = fs.VOCAB["parties"]["surnames"]
PERSON = re.compile(rf"^({'|'.join(SURNAMES)})示例$")


@pytest.fixture(scope="module")
def records():
    return fs.penalty_records(2000, 2024, 7, UNITS)


def sheet_rows(path) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    try:
        return wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    finally:
        wb.close()


def data_rows_xlsx(path) -> int:
    """Rows whose 序号 cell is a number (title, header, blank and note rows are not)."""
    return sum(1 for r in sheet_rows(path)[2:] if isinstance(r[0], (int, float)) and r[0] != "")


def data_rows_csv(path, encoding="gbk") -> int:
    return len(list(csv.reader(io.StringIO(Path(path).read_text(encoding=encoding), newline="")))) - 1


# ---------------------------------------------------------------- determinism

def test_same_arguments_give_identical_bytes(tmp_path, records):
    again = fs.penalty_records(2000, 2024, 7, UNITS)
    for name, recs in (("a", records), ("b", again)):
        fs.write_xlsx(recs[:300], tmp_path / f"{name}.xlsx", "示例（2024年）")
        fs.write_csv(recs[:300], tmp_path / f"{name}.csv")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_bundled_twice_is_byte_identical(tmp_path):
    first = fs.bundled(tmp_path / "one")
    fs.bundled(tmp_path / "two")
    for path, _ in first:
        twin = tmp_path / "two" / path.relative_to(tmp_path / "one")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_other_seed_gives_other_records(records):
    other = fs.penalty_records(2000, 2024, 8, UNITS)
    assert [r["违法事实"] for r in other] != [r["违法事实"] for r in records]


# ---------------------------------------------------------------- fictitious names and codes

def test_every_name_is_fictitious(records):
    for r in records:
        name = r["行政相对人名称"]
        assert "示例" in name
        if r["行政相对人类别"] == "自然人":
            assert PERSON.match(name), name
        else:
            assert PERSON.match(r["法定代表人"]), r["法定代表人"]


def test_credit_codes_are_valid(records):
    for r in records:
        code, kind = r[fs.CODE], r["行政相对人类别"]
        if kind == "自然人":
            assert code == ""
            assert r["证件类型"] == "身份证" and r["证件号码"] == ""
        elif code != fs.NO_CODE:
            assert uscc.is_valid(code), code
            assert code.startswith("91" if kind == "法人及非法人组织" else "92")
    assert any(r[fs.CODE] == fs.NO_CODE for r in records)


def test_codes_carry_the_units_division(records):
    division = {u["authority"]: u["code"] for u in UNITS}
    for r in records:
        if r[fs.CODE] and r[fs.CODE] != fs.NO_CODE:
            assert r[fs.CODE][2:8] == division[r["处罚机关"]]


def test_same_company_same_code(records):
    codes: dict[str, set] = {}
    for r in records:
        codes.setdefault(r["行政相对人名称"], set()).add(r[fs.CODE])
    assert all(len(c) == 1 for name, c in codes.items() if "示例" in name and not PERSON.match(name))


# ---------------------------------------------------------------- the mix

def test_mix_of_parties_and_units(records):
    kinds = Counter(r["行政相对人类别"] for r in records)
    assert 0.74 < kinds["法人及非法人组织"] / 2000 < 0.86
    assert 0.08 < kinds["个体工商户"] / 2000 < 0.16
    assert 0.05 < kinds["自然人"] / 2000 < 0.11
    units = Counter(r["处罚机关"] for r in records)
    assert units["亳州市生态环境局"] == 600
    assert all(units[u["authority"]] == 350 for u in UNITS[1:])


def test_repeat_offenders(records):
    companies = Counter((r["处罚机关"], r["行政相对人名称"]) for r in records if r["行政相对人类别"] == "法人及非法人组织")
    repeats = sum(n - 1 for n in companies.values())
    assert 0.10 < repeats / len(records) < 0.22
    assert max(companies.values()) >= 3


def test_dates_are_sorted_working_days_in_range():
    recs = fs.penalty_records(300, 2026, 3, UNITS, start="2026-01-05", end="2026-11-20")
    dates = [r[fs.DATE] for r in recs]
    assert dates == sorted(dates)
    assert all(dt.date(2026, 1, 5) <= d <= dt.date(2026, 11, 20) and d.weekday() < 5 for d in dates)


def test_document_numbers_unique_and_sequential(records):
    numbers = [r["行政处罚决定书文号"] for r in records]
    assert len(set(numbers)) == len(numbers)
    for unit in UNITS:
        mine = [r for r in records if r["处罚机关"] == unit["authority"]]
        mark = f"({unit['marks'][0]})" if unit["marks"] else ""
        assert [r["行政处罚决定书文号"] for r in mine] == [f"皖亳环{mark}罚〔2024〕{i}号" for i in range(1, len(mine) + 1)]
    assert "皖亳环罚〔2024〕1号" in numbers and "皖亳环(谯)罚〔2024〕1号" in numbers


def test_prefix_is_a_parameter():
    recs = fs.penalty_records(5, 2025, 1, UNITS[:1], prefix="皖示例环")
    assert recs[0]["行政处罚决定书文号"] == "皖示例环罚〔2025〕1号"


def test_empty_fields_left_for_the_build(records):
    assert all(r["公示截止期"] == "" and r["处罚有效期"] == "" for r in records)
    assert set(records[0]) == set(fs.FIELDS)


# ---------------------------------------------------------------- violations

def test_templates_cover_the_searchable_violations():
    assert len(fs.TEMPLATES) >= 15
    text = " ".join(t["违法行为类型"] + t["违法事实"] for t in fs.TEMPLATES)
    for term in ["超标排放", "暗管", "未批先建", "危险废物", "自动监测数据弄虚作假", "无组织排放", "扬尘", "未取得排污许可证", "噪声"]:
        assert term in text, term
    for law in ["《中华人民共和国大气污染防治法》第九十九条第二项", "《中华人民共和国水污染防治法》第八十三条第三项",
                "《中华人民共和国环境影响评价法》第三十一条第一款", "《排污许可管理条例》第三十三条"]:
        assert any(t["处罚依据"].startswith(law) for t in fs.TEMPLATES), law


def test_every_kind_of_party_has_templates_and_trades():
    for kind in fs.PARTY_KINDS:
        fits, _ = fs.templates_for(kind)
        assert fits, kind
        for t in fits:
            if kind != "person":
                assert fs.trades(kind, tuple(t.get("tags", []))), (kind, t["违法行为类型"])


def test_facts_length_and_categories(records):
    known = {c["name"] for c in yaml.safe_load((ROOT / "datasets/schemas/penalty-categories.yml").read_text("utf-8"))["categories"]}
    for r in records:
        assert 60 <= len(r["违法事实"]) <= 250, r["违法事实"]
        assert "{" not in r["违法事实"]
        assert set(r["处罚类别"].split(";")) <= known
    assert len({r["违法行为类型"] for r in records}) >= 15


def test_amounts_are_exact_and_agree_with_the_content(records):
    for r in records:
        fine = r[fs.FINE]
        assert isinstance(fine, Decimal) and Decimal("0.01") <= fine <= 100
        assert fine == fine.quantize(Decimal("0.01"))
        forms = [f"{fs.wan_text(fine)}万元", f"{fs.yuan(fine)}元", fs.rmb_upper(int(fs.yuan(fine)))]
        assert any(f in r["处罚内容"] for f in forms), (fine, r["处罚内容"])
        confiscated = r[fs.CONFISCATED]
        assert (confiscated is not None) == ("没收违法所得" in r["处罚类别"])
    assert any(r[fs.FINE] != r[fs.FINE].to_integral_value() for r in records)


@pytest.mark.parametrize("yuan, text", [(200000, "贰拾万元整"), (13500, "壹万叁仟伍佰元整"), (100500, "壹拾万零伍佰元整"),
                                        (1005, "壹仟零伍元整"), (500, "伍佰元整"), (1000000, "壹佰万元整")])
def test_rmb_upper(yuan, text):
    assert fs.rmb_upper(yuan) == text


# ---------------------------------------------------------------- writers

def test_csv_is_gbk_county_style(tmp_path, records):
    path = fs.write_csv(records[:200], tmp_path / "county.csv")
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gbk")
    assert text.count("\r\n") == 201 and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    for h in ["当事人", "统一社会信用代码", "处罚决定文号", "案由", "主要违法事实", "处罚依据", "处罚种类",
              "处罚结果", "罚款金额(元)", "决定日期", "处罚机关"]:
        assert h in header
    first, rec = dict(zip(header, rows[1])), records[0]
    d = rec[fs.DATE]
    assert first["决定日期"] == f"{d.year}年{d.month}月{d.day}日"
    assert Decimal(first["罚款金额(元)"]) == rec[fs.FINE] * 10000
    assert re.fullmatch(r"\d+(\.\d{1,2})?", first["罚款金额(元)"])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_other_encodings(tmp_path, records, encoding):
    path = fs.write_csv(records[:5], tmp_path / "x.csv", encoding=encoding)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert data_rows_csv(path, encoding) == 5


def test_xlsx_layout(tmp_path, records):
    path = fs.write_xlsx(records[:50], tmp_path / "t.xlsx", "亳州市生态环境局行政处罚信息公示表（2024年）")
    rows = sheet_rows(path)
    assert rows[0][0] == "亳州市生态环境局行政处罚信息公示表（2024年）"
    assert rows[1][0] == "序号" and rows[1][1:] == fs.PUBLISHED
    assert "证件号码" not in rows[1] and "法定代表人证件号码" not in rows[1]
    data = rows[2:52]
    header = rows[1]
    assert all(isinstance(r[header.index(fs.DATE)], dt.date) for r in data)
    assert all(isinstance(r[header.index(fs.FINE)], float) for r in data)
    assert data[0][header.index(fs.DATE)] == records[0][fs.DATE]
    assert not any(rows[52]) and rows[53][0] == fs.NOTE and len(rows) == 54
    wb = CalamineWorkbook.from_path(str(path))
    merged = wb.get_sheet_by_index(0).merged_cell_ranges
    wb.close()
    assert ((0, 0), (0, len(header) - 1)) in merged


def test_workbook_date_comes_from_the_data(tmp_path, records):
    import zipfile
    path = fs.write_xlsx(records[:10], tmp_path / "t.xlsx", "示例")
    core = zipfile.ZipFile(path).read("docProps/core.xml").decode()
    assert f"{max(r[fs.DATE] for r in records[:10]).isoformat()}T17:30:00Z" in core


# ---------------------------------------------------------------- decision catalogue

def test_decision_items():
    items = fs.decision_items(2025, 1)
    assert 6 <= len(items) <= 10
    assert [i["序号"] for i in items] == list(range(1, len(items) + 1))
    for item in items:
        assert "（示例）" in item["决策事项名称"]
        assert item["决策主体"] in ("亳州市生态环境局", "亳州市人民政府")
        assert set(item["决策事项程序"].split("、")) <= set(fs.PROCEDURES)
        assert item["是否需听证"] in ("是", "否")
        assert re.fullmatch(r"2025年\d{1,2}月", item["计划完成时间"])


def test_adjusted_catalogue_adds_removes_and_changes_one():
    before = fs.decision_items(2025, 20250)
    after = fs.adjust_decisions(before, 2025, 20258)
    old = {i["决策事项名称"]: i for i in before}
    new = {i["决策事项名称"]: i for i in after}
    assert len(set(old) - set(new)) == 1 and len(set(new) - set(old)) == 1
    changed = [n for n in set(old) & set(new)
               if (old[n]["计划完成时间"], old[n]["决策事项程序"]) != (new[n]["计划完成时间"], new[n]["决策事项程序"])]
    assert len(changed) == 1
    c = changed[0]
    assert old[c]["计划完成时间"] != new[c]["计划完成时间"] and old[c]["决策事项程序"] != new[c]["决策事项程序"]


def test_decisions_workbook(tmp_path):
    items = fs.decision_items(2025, 3)
    path = fs.write_decisions_xlsx(items, tmp_path / "d.xlsx", "亳州市生态环境局2025年重大行政决策事项目录（示例）", "2025-03-01")
    rows = sheet_rows(path)
    assert rows[0][0].endswith("目录（示例）")
    assert rows[1] == fs.DECISION_COLUMNS
    assert data_rows_xlsx(path) == len(items)


# ---------------------------------------------------------------- bundled sample and scale command

def test_bundled_counts(tmp_path):
    written = {p.name: n for p, n in fs.bundled(tmp_path)}
    assert set(written) == {
        "2023-亳州市生态环境局行政处罚信息公示表.xlsx", "2024-亳州市生态环境局行政处罚信息公示表.xlsx",
        "2024-蒙城分局行政处罚信息.csv", "2025-亳州市生态环境局行政处罚信息公示表.xlsx",
        "2026-亳州市生态环境局行政处罚信息公示表.xlsx", "2024-亳州市生态环境局重大行政决策事项目录.xlsx",
        "2025-03-01-亳州市生态环境局重大行政决策事项目录.xlsx", "2025-08-15-亳州市生态环境局重大行政决策事项目录（调整）.xlsx"}
    assert written["2024-亳州市生态环境局行政处罚信息公示表.xlsx"] + written["2024-蒙城分局行政处罚信息.csv"] == 400
    assert data_rows_csv(tmp_path / "penalties" / "2024-蒙城分局行政处罚信息.csv") == written["2024-蒙城分局行政处罚信息.csv"]
    for name, n in written.items():
        if name.endswith(".xlsx"):
            assert data_rows_xlsx(next(tmp_path.rglob(name))) == n


def test_committed_sample_csv_is_reproducible(tmp_path):
    committed = ROOT / "datasets" / "sources" / "penalties" / "2024-蒙城分局行政处罚信息.csv"
    if not committed.exists():
        pytest.skip("bundled sample not generated")
    fs.bundled(tmp_path)
    assert (tmp_path / "penalties" / committed.name).read_bytes() == committed.read_bytes()


def _schema_errors(path: Path) -> list:
    schema = json.loads((ROOT / "datasets/schemas/publisher.schema.json").read_text("utf-8"))
    data = yaml.safe_load(path.read_text("utf-8"))
    return list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_scale_writes_n_records_and_a_valid_publisher(tmp_path):
    assert fs.main(["scale", "--records", "2000", "--out", str(tmp_path), "--seed", "3"]) == 0
    files = sorted((tmp_path / "sources" / "penalties").iterdir())
    csvs = [f for f in files if f.suffix == ".csv"]
    xlsxs = [f for f in files if f.suffix == ".xlsx"]
    assert csvs and xlsxs and len(files) == 30
    assert sum(map(data_rows_csv, csvs)) + sum(map(data_rows_xlsx, xlsxs)) == 2000
    assert _schema_errors(tmp_path / "publisher.yml") == []


def test_scale_province_units(tmp_path):
    assert fs.main(["scale", "--records", "600", "--out", str(tmp_path), "--units", "province", "--years", "2025"]) == 0
    assert _schema_errors(tmp_path / "publisher.yml") == []
    units = yaml.safe_load((tmp_path / "publisher.yml").read_text("utf-8"))["units"]
    assert 80 <= len(units) <= 112
    marks = [m for u in units for m in u["marks"]]
    assert len(marks) == len(set(marks)) == len(units)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{1,2}", m) for m in marks)
    assert len({u["code"] for u in units}) == len(units) and all(u["code"].startswith("34") for u in units)
    assert all("示例" in u["authority"] and uscc.is_valid(u["uscc"]) and u["uscc"].startswith("11") for u in units)
    files = list((tmp_path / "sources" / "penalties").iterdir())
    total = sum(data_rows_csv(f) if f.suffix == ".csv" else data_rows_xlsx(f) for f in files)
    assert total == 600


def test_cli_help_has_examples():
    out = subprocess.run([sys.executable, str(SCRIPT), "scale", "--help"], capture_output=True, text=True, check=True)
    assert "examples:" in out.stdout and "--records" in out.stdout
