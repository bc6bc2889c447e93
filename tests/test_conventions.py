"""Conventions that keep the code, the schemas and the docs from drifting apart."""
import json
import re

import jsonschema
import pytest
import yaml

from conftest import ROOT, gongshi

SCHEMAS = ROOT / "datasets" / "schemas"


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_every_schema_field_has_a_chinese_title_and_descriptions(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    if "fields" not in doc:  # publisher.schema.json is a JSON Schema, not a Table Schema
        return
    for field in doc["fields"]:
        assert re.search(r"[\u4e00-\u9fff]", field["title"]), field["name"]
        assert len(field["description"]) >= 4 and len(field["description_en"]) >= 4, field["name"]


def test_publisher_config_validates_against_its_schema():
    schema = json.loads((SCHEMAS / "publisher.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load((ROOT / "datasets" / "publisher.yml").read_text(encoding="utf-8")), schema)


def test_every_command_and_option_is_in_the_readme():
    from build_scripts.cli import main
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {"build", "validate", "serve", "audit"} <= set(main.commands)
    for command in sorted(main.commands):
        assert f"gongshi {command}" in readme
        help_text = gongshi(command, "--help").stdout
        for option in set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}:
            assert option in readme, (command, option)


def test_readme_first_code_block_holds_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:bash|sh|shell|console)?\n(.*?)```", readme, re.S).group(1)
    commands = [l for l in block.splitlines() if l.strip() and not l.strip().startswith("#")]
    assert len(commands) == 2 and "gongshi build" in commands[0] and commands[1].strip() == "tests/run"
    assert "tests/run" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_nothing_about_the_bureau_is_hard_coded_in_python():
    for path in (ROOT / "build_scripts").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("亳州", "谯城", "涡阳", "蒙城", "利辛", "341600", "11341600"):
            assert word not in text, (path.name, word)


def test_every_rule_used_in_code_is_in_the_catalogue():
    rules = yaml.safe_load((SCHEMAS / "rules.yml").read_text(encoding="utf-8"))
    call = re.compile(r'(?:problem|\.at|\.column)\(\s*"([a-z_]+\.[a-z_]+)"')
    used = {r for p in (ROOT / "build_scripts").rglob("*.py") for r in call.findall(p.read_text(encoding="utf-8"))}
    assert len(used) > 20
    assert used - set(rules) == set()
    for rule, spec in rules.items():
        assert spec["severity"] in ("error", "warning", "info") and spec["zh"] and spec["en"], rule


def test_mkdocs_is_pinned_below_2():
    assert '"mkdocs>=1.6,<2"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
