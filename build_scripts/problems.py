"""Problems are data: one record per problem, messages in Chinese and English.

The rule catalogue (severity and message templates) is datasets/schemas/rules.yml.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cache

import yaml

from . import SCHEMAS

MAX_VALUE_CHARS = 80


@cache
def rules() -> dict:
    return yaml.safe_load((SCHEMAS / "rules.yml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Problem:
    rule: str
    severity: str
    message_zh: str
    message_en: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    detail: str = ""

    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"[{self.sheet}]")
        if self.row is not None:
            parts.append(f"第{self.row}行 row {self.row}")
        if self.column:
            parts.append(f"列 column “{self.column}”")
        return " ".join(p for p in parts if p)


def problem(rule: str, *, file="", sheet="", row=None, column="", value="", detail="") -> Problem:
    """Make a Problem from a rule id in rules.yml and where it happened."""
    spec = rules()[rule]
    value = _short(str(value))
    fill = {"file": file, "sheet": sheet, "row": row, "column": column, "value": value, "detail": detail}
    return Problem(
        rule=rule,
        severity=spec["severity"],
        message_zh=spec["zh"].format(**fill),
        message_en=spec["en"].format(**fill),
        file=str(file),
        sheet=str(sheet or ""),
        row=None if row is None else int(row),
        column=str(column or ""),
        value=value,
        detail=str(detail),
    )


def _short(value: str) -> str:
    value = value.replace("\n", "⏎")
    return value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"


@dataclass
class Report:
    """All problems of one run, in the order found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, *items: Problem) -> None:
        self.problems.extend(items)

    def extend(self, items) -> None:
        self.problems.extend(items)

    def of(self, severity: str) -> list[Problem]:
        return [p for p in self.problems if p.severity == severity]

    @property
    def errors(self) -> list[Problem]:
        return self.of("error")

    @property
    def warnings(self) -> list[Problem]:
        return self.of("warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        c = Counter(p.severity for p in self.problems)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    def to_json(self) -> str:
        doc = {
            "valid": self.ok,
            "counts": self.counts(),
            "problems": [asdict(p) for p in self.problems],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


SEVERITY_LABEL = {"error": "✗ 错误 error", "warning": "! 警告 warning", "info": "· 说明 info"}


def format_text(report: Report, *, include_info: bool = True) -> str:
    """The problems as a readable listing grouped by file, for a terminal or a CI log."""
    shown = [p for p in report.problems if include_info or p.severity != "info"]
    if not shown:
        return "没有发现问题 · No problems found.\n"
    by_file: dict[str, list[Problem]] = {}
    for p in shown:
        by_file.setdefault(p.file or "(配置 config)", []).append(p)
    lines = []
    for file, items in by_file.items():
        lines.append(file)
        for p in items:
            where = "  ".join(
                x for x in (
                    f"[{p.sheet}]" if p.sheet else "",
                    f"第{p.row}行" if p.row is not None else "",
                    f"列“{p.column}”" if p.column else "",
                    f"值“{p.value}”" if p.value else "",
                ) if x
            )
            lines.append(f"  {SEVERITY_LABEL[p.severity]}  {where}  ({p.rule})".rstrip())
            lines.append(f"      {p.message_zh}")
            lines.append(f"      {p.message_en}")
        lines.append("")
    c = report.counts()
    lines.append(f"共 {c['error']} 个错误、{c['warning']} 个警告、{c['info']} 条说明 · "
                 f"{c['error']} errors, {c['warning']} warnings, {c['info']} notes")
    return "\n".join(lines) + "\n"


def redacted(p: Problem) -> Problem:
    """The same problem without the cell's content, for pages the public can read."""
    return problem(p.rule, file=p.file, sheet=p.sheet, row=p.row, column=p.column, value="（略）",
                   detail="（略）" if "{detail}" in rules()[p.rule]["zh"] and p.rule not in SAFE_DETAIL else p.detail)


# rules whose detail names only a column, a standard field or dates, never a cell's content
SAFE_DETAIL = {"column.unknown", "column.missing", "column.duplicate", "period.clamped", "sheet.no_header"}
