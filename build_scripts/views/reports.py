"""Views of the annual reports: the text verbatim with its figures marked, the checks of
each figure (the report's own sums; the published data), and keyed figures across years."""
from __future__ import annotations

from decimal import Decimal

from ..normalise.values import decimal_text
from . import charts

VERDICT = {"agrees": ("✓", "一致"), "differs": ("✗", "不一致"), "no_data": ("—", "无数据可核对")}


def _num(v) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, Decimal):
        return decimal_text(v)
    return str(v)


def _check_view(ch: dict) -> dict:
    mark, word = VERDICT.get(ch["verdict"], ("—", ch["verdict"]))
    return {**ch, "mark": mark, "word": word, "expected_text": _num(ch.get("expected")), "actual_text": _num(ch.get("actual")),
            "difference_text": _num(ch.get("difference")),
            "parts_text": " + ".join(f"{p['label']} {_num(p['value'])}" for p in ch.get("parts", []))}


def _segments(text: str, figures: list[dict], checks_by_figure: dict[str, list[dict]]) -> list[dict]:
    """A paragraph cut into plain text and marked figures, in order, without changing a character."""
    segs, cursor = [], 0
    for f in figures:
        start_sentence = text.find(f["原文"], 0 if not segs else max(0, cursor - len(f["原文"])))
        if start_sentence < 0:
            start_sentence = text.find(f["原文"])
        if start_sentence < 0:
            continue
        pos = text.find(f["写法"], max(cursor, start_sentence))
        if pos < 0:
            continue
        if pos > cursor:
            segs.append({"text": text[cursor:pos], "figure": None, "checks": []})
        segs.append({"text": f["写法"], "figure": f, "checks": checks_by_figure.get(f["编号"], [])})
        cursor = pos + len(f["写法"])
    if cursor < len(text):
        segs.append({"text": text[cursor:], "figure": None, "checks": []})
    return segs


def _paragraphs(report: dict):
    for p in report["preamble"]:
        yield p
    for part in report["parts"]:
        yield from part["paragraphs"]
        for sec in part["sections"]:
            yield from sec["paragraphs"]


def report_view(report: dict) -> dict:
    checks = [_check_view(c) for c in report.get("checks", []) + report.get("data_checks", [])]
    by_figure: dict[str, list[dict]] = {}
    for ch in checks:
        for key in [ch.get("编号")] + [p.get("编号") for p in ch.get("parts", [])]:
            if key:
                by_figure.setdefault(key, []).append(ch)
    remaining = list(report["figures"])
    marked = {}
    for p in _paragraphs(report):
        mine = []
        while remaining and remaining[0]["原文"] in p["text"]:
            mine.append(remaining.pop(0))
        marked[p["id"]] = _segments(p["text"], mine, by_figure)
    return {**report, "segments": marked, "all_checks": checks,
            "figure_count": len(report["figures"]),
            "keyed": [f for f in report["figures"] if f["指标"]]}


def compare_charts(table: dict) -> list[dict]:
    """A chart per keyed figure stated in two or more years in one unit."""
    out = []
    for row in table["rows"]:
        cells = [(y, c) for y, c in zip(table["years"], row["cells"]) if c]
        units = {c["单位"] for _, c in cells}
        if len(cells) >= 2 and len(units) == 1:
            out.append(charts.bars(row["label"], [(str(y), c["数值"]) for y, c in cells], units.pop(),
                                   "各年度报告中的原文数字。"))
    return out


def report_views(c) -> dict:
    from ..report import compare
    reports = [report_view(r) for r in sorted(c.reports, key=lambda r: r["year"], reverse=True)]
    table = compare(c.reports) if c.reports else {"keys": [], "years": [], "rows": []}
    return {"reports": reports, "list": [{"year": r["year"], "title": r["title"], "figure_count": r["figure_count"]}
                                         for r in reports], "compare": table, "compare_charts": compare_charts(table)}
