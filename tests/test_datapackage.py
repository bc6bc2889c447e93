"""The open data package, checked by frictionless itself and against the files."""
import hashlib
import json

import frictionless
import pytest
from openpyxl import load_workbook


@pytest.fixture(scope="module")
def package(site):
    return json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validates_the_whole_package(site):
    report = frictionless.validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]


def test_the_three_datasets_are_there_in_csv_xlsx_and_json(package):
    names = {r["name"] for r in package["resources"]}
    for base in ("penalties", "decisions", "report-figures"):
        assert {base, f"{base}-xlsx", f"{base}-json"} <= names
    main = {r["name"]: r for r in package["resources"]}
    assert main["penalties"]["path"] == "penalties.csv" and main["penalties"]["encoding"] == "utf-8"


def test_bytes_and_hash_match_every_file(site, package):
    for r in package["resources"]:
        raw = (site / "data" / r["path"]).read_bytes()
        assert r["bytes"] == len(raw), r["path"]
        assert r["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest(), r["path"]


def test_licence_sources_and_schema_documentation(package):
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    penalties = next(r for r in package["resources"] if r["name"] == "penalties")
    assert penalties["sources"] and all("亳州市生态环境局" in s["title"] for s in penalties["sources"])
    for field in penalties["schema"]["fields"]:
        assert field["title"] and field["description"] and field["description_en"], field["name"]
    unit = next(f for f in penalties["schema"]["fields"] if f["name"] == "所属区县")
    assert unit["constraints"]["enum"] == ["市本级", "谯城区", "涡阳县", "蒙城县", "利辛县"]


def test_copies_hold_the_same_rows(site):
    import csv
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    copy = json.loads((site / "data" / "penalties.json").read_text(encoding="utf-8"))
    assert [r["记录编号"] for r in copy] == [r["记录编号"] for r in rows]
    ws = load_workbook(site / "data" / "penalties.xlsx", read_only=True).active
    xrows = list(ws.iter_rows(values_only=True))
    assert len(xrows) == len(rows) + 1 and xrows[1][xrows[0].index("记录编号")] == rows[0]["记录编号"]
    from decimal import Decimal
    fined = [r for r in rows if r["罚款金额(万元)"]]
    assert fined
    jfines = {r["记录编号"]: r["罚款金额(万元)"] for r in copy}
    for r in fined:  # every amount, compared as a number (1, 10 and 100 are not equal)
        assert Decimal(str(jfines[r["记录编号"]])) == Decimal(r["罚款金额(万元)"]), r["记录编号"]


def test_report_figures_resource_has_the_required_fields(site):
    import csv
    with (site / "data" / "report-figures.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {"年度", "章节", "原文", "写法", "数值", "单位", "修饰", "指标"} <= set(rows[0])
    hearings = [r for r in rows if r["指标"] == "hearings_held"]
    assert hearings and hearings[0]["数值"] == "14" and "听证会" in hearings[0]["原文"]
