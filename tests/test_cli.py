"""The command line: help with examples, exit codes, no tracebacks."""
import json

import pytest

from conftest import AS_OF, FIXTURES, gongshi


@pytest.mark.parametrize("command", ["build", "validate", "serve"])
def test_every_command_has_help_with_an_example(command):
    r = gongshi(command, "--help")
    assert r.returncode == 0
    assert "例 Example" in r.stdout and f"gongshi {command}" in r.stdout


def test_top_level_help_lists_the_commands():
    r = gongshi("--help")
    assert r.returncode == 0
    for command in ("build", "validate", "serve"):
        assert command in r.stdout


def test_bad_date_is_a_usage_error():
    r = gongshi("validate", "--as-of", "2026-13-45")
    assert r.returncode == 2
    assert "2026-13-45" in r.stderr and "Traceback" not in r.stderr


def test_missing_sources_folder_is_a_usage_error(tmp_path):
    r = gongshi("validate", "--sources", str(tmp_path / "nope"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_validate_bundled_data_passes_and_writes_only_the_report(tmp_path):
    report = tmp_path / "report.json"
    r = gongshi("validate", "--as-of", AS_OF, "--report", str(report))
    assert r.returncode == 0, r.stdout + r.stderr
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["valid"] is True and doc["counts"]["error"] == 0
    assert list(tmp_path.iterdir()) == [report]


def test_validate_invalid_sources_exits_1_with_a_located_report(tmp_path):
    sources = tmp_path / "sources" / "penalties"
    sources.mkdir(parents=True)
    (sources / "bad.csv").write_text(
        "行政相对人名称,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,处罚决定日期\n"
        "示例化工有限公司,皖亳环罚〔2026〕3号,超标排放,事实,依据,罚款,罚款1万元,2026-02-30\n", encoding="utf-8")
    report = tmp_path / "r.json"
    r = gongshi("validate", "--sources", str(tmp_path / "sources"), "--as-of", AS_OF, "--report", str(report))
    assert r.returncode == 1
    assert "penalties/bad.csv" in r.stdout and "第2行" in r.stdout and "2026-02-30" in r.stdout
    problems = json.loads(report.read_text(encoding="utf-8"))["problems"]
    dates = [p for p in problems if p["rule"] == "date.invalid"]
    assert dates == [{**dates[0], "file": "penalties/bad.csv", "row": 2, "column": "处罚决定日期", "value": "2026-02-30"}]
    assert "不是有效日期" in dates[0]["message_zh"] and "Not a valid date" in dates[0]["message_en"]


def test_broken_config_is_reported_not_raised(tmp_path):
    bad = tmp_path / "publisher.yml"
    bad.write_text("publisher: {name: 示例局}\n", encoding="utf-8")
    r = gongshi("validate", "--config", str(bad), "--sources", str(FIXTURES / "mini"))
    assert r.returncode == 1
    assert "配置文件有误" in r.stderr and "Traceback" not in r.stderr
