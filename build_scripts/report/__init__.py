"""The annual reports (法治政府建设情况报告): read → outline → figures → checks.

    source.load_report   one file → Source (title, year, repaired lines)
    structure.parse      Source → {year, title, file, preamble, parts, closing}
    figures.extract      parsed → figure rows (datasets/schemas/report-figures.schema.json)
    checks.internal_sums parsed, figures → the report's own sums, checked
    checks.data_checks   year, figures, facts → keyed figures against the published data
    figures.compare      parsed reports → keyed figures across years

Vocabulary (units, qualifiers, not-figures, indicators): datasets/schemas/report-indicators.yml.
"""
from __future__ import annotations

from pathlib import Path

from ..problems import Problem, problem
from .checks import data_checks, internal_sums
from .figures import compare, extract
from .source import Source, characters_in_order, load_report
from .structure import parse

__all__ = ["Source", "characters_in_order", "compare", "data_checks", "extract", "internal_sums",
           "load_report", "load_reports", "parse"]


def load_reports(paths: list[tuple[Path, str]]) -> tuple[list[dict], list[dict], list[Problem]]:
    """(parsed reports by year, each with `figures` and `checks` attached; all figure rows;
    problems). A second report for a year already read is reported and left out."""
    reports: dict[int, dict] = {}
    problems: list[Problem] = []
    for path, shown in paths:
        source, found = load_report(path, shown)
        problems.extend(found)
        if source is None:
            continue
        if source.year in reports:
            problems.append(problem("report.duplicate", file=shown, detail=source.year))
            continue
        parsed = parse(source)
        if not parsed["parts"]:
            problems.append(problem("report.structure", file=shown))
        parsed["figures"] = extract(parsed)
        parsed["checks"] = internal_sums(parsed, parsed["figures"])
        reports[source.year] = parsed
    ordered = [reports[y] for y in sorted(reports)]
    return ordered, [f for r in ordered for f in r["figures"]], problems
