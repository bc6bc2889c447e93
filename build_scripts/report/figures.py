"""The figures of a parsed report: every number with a unit, as written, with its value, unit,
qualifier and (where datasets/schemas/report-indicators.yml defines one) a key that is stable
across years. Rows have exactly the fields of datasets/schemas/report-figures.schema.json.

What counts as a figure: an Arabic number or a Chinese numeral (一 两 十 …) followed by a unit
or measure word from the vocabulary; a number without a unit is not a figure. Durations count:
连续4年 is 4 年 with the qualifier 连续 (it says “four years running”, not “the year 4”); years
(2024年), dates, list labels and fixed expressions (三项制度 …) are listed under not_figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import yaml

from .. import SCHEMAS

VOCABULARY = SCHEMAS / "report-indicators.yml"
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CLAUSE = re.compile(r"[^。；;！!？?]*[。；;！!？?]+|[^。；;！!？?]+$")
BOUNDARY = "，,：:；;。！!？?"
CONNECTORS = "和及与、"
INLINE_POINT = re.compile(r"(?:^|(?<=[：:；;，,。]))([一二三四五六七八九十]+是)")


@cache
def vocabulary() -> dict:
    """The YAML vocabulary with its regular expressions compiled."""
    v = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    q = v["qualifiers"]
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    v["number_re"] = re.compile(
        rf"(?P<before>{alt(q['before'])})?"
        r"(?:(?<![\d.A-Za-z])(?P<arabic>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?P<decimals>\.\d+)?"
        rf"|(?P<cn>[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*))"
        rf"(?P<in1>{alt(q['inside'])})?(?P<mult>{alt(v['multipliers'])})?(?P<in2>{alt(q['inside'])})?"
        rf"(?P<unit>{alt(v['units'])})(?P<after>{alt(q['after'])})?")
    v["not_res"] = [re.compile(n["pattern"]) if "pattern" in n else re.compile(re.escape(n["phrase"]))
                    for n in v["not_figures"]]
    for ind in v["indicators"]:
        for k in ("near", "clause", "not_near"):
            ind[k + "_res"] = [re.compile(p) for p in ind.get(k, [])]
    v["meaning"] = {w: spec["meaning"] for place in q.values() for w, spec in place.items()}
    return v


@dataclass(frozen=True)
class Found:
    """One figure inside a clause: where it is, what it says, and the words around it."""
    start: int
    end: int
    written: str
    value: Decimal
    unit: str
    qualifier: str
    lead: str
    tail: str

    @property
    def label(self) -> str:
        """The words naming what is counted (lead, else tail), without 其中/共/connectors."""
        words = re.sub(r"^(其中|另|共计|共|合计|累计|全年|[和及与、])+", "", self.lead.strip()) or self.tail
        return words.strip("，,、 ")


def cn_number(s: str) -> int | None:
    """一百零五 → 105, 两 → 2; None for strings that are not one number (十四五)."""
    total = section = 0
    digit = None
    for ch in s:
        if ch in CN_DIGITS:
            if CN_DIGITS[ch] == 0:
                digit = None
                continue
            if digit is not None:
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        else:
            total = (total + section + (digit or 0)) * CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def plain(d: Decimal) -> Decimal:
    """A Decimal without exponent or trailing zeros: 4E+4 → 40000, 96.8660 → 96.866."""
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pairs: the text split after 。；！？ (ASCII ; ! ? too)."""
    out = []
    for m in CLAUSE.finditer(text):
        clause = m.group()
        if clause.strip():
            out.append((m.start() + len(clause) - len(clause.lstrip()), clause.strip()))
    return out


def locate(clause: str) -> list[Found]:
    """The figures in one clause, in order."""
    v = vocabulary()
    excluded = [m.span() for r in v["not_res"] for m in r.finditer(clause)]
    raw = []
    for m in v["number_re"].finditer(clause):
        num = m.span("arabic") if m.group("arabic") else m.span("cn")
        if any(a < num[1] and num[0] < b for a, b in excluded):
            continue
        unit = m.group("unit")
        if clause[m.end("unit"):m.end("unit") + 1] and clause[m.end("unit")] in v["unit_not_before"].get(unit, ""):
            continue
        found = _read(m, clause)
        if found:
            raw.append(found)
    out = []
    for i, (start, end, written, value, unit, qualifier) in enumerate(raw):
        lead_from = _after_boundary(clause, raw[i - 1][1] if i else 0, start)
        tail_to = _before_boundary(clause, end, raw[i + 1][0] if i + 1 < len(raw) else len(clause))
        if i:  # words between two figures: split at the last connector (和 及 与 、)
            between = clause[raw[i - 1][1]:start]
            cut = max(between.rfind(c) for c in CONNECTORS)
            if cut >= 0 and not any(b in between for b in BOUNDARY):
                lead_from = raw[i - 1][1] + cut + 1
        if i + 1 < len(raw):
            between = clause[end:raw[i + 1][0]]
            cut = max(between.rfind(c) for c in CONNECTORS)
            if cut >= 0 and not any(b in between for b in BOUNDARY):
                tail_to = end + cut
        out.append(Found(start, end, written, value, unit, qualifier, clause[lead_from:start], clause[end:tail_to]))
    return out


def _read(m: re.Match, clause: str) -> tuple | None:
    v = vocabulary()
    before = m.group("before") or ""
    if before:
        not_after = v["qualifiers"]["before"][before].get("not_after", "")
        if m.start() and clause[m.start() - 1] in not_after:
            before = ""
    if m.group("arabic"):
        value = Decimal(m.group("arabic").replace(",", "") + (m.group("decimals") or ""))
    else:
        n = cn_number(m.group("cn"))
        if n is None:
            return None
        value = Decimal(n)
    unit, mult = m.group("unit"), m.group("mult") or ""
    if mult and unit == "元":
        unit, mult = mult + "元", ""
    if mult:
        value *= Decimal(v["multipliers"][mult])
    if unit in v["convert"]:
        to, factor = v["convert"][unit]
        unit, value = to, value * Decimal(factor)
    qualifier = ";".join(q for q in (before, m.group("in1"), m.group("in2"), m.group("after")) if q)
    start = m.start() if before else m.start("arabic" if m.group("arabic") else "cn")
    return start, m.end(), clause[start:m.end()], plain(value), unit, qualifier


def _after_boundary(clause: str, lo: int, start: int) -> int:
    cut = max(clause.rfind(b, lo, start) for b in BOUNDARY)
    return lo if cut < 0 else cut + 1


def _before_boundary(clause: str, end: int, hi: int) -> int:
    cuts = [i for i in (clause.find(b, end, hi) for b in BOUNDARY) if i >= 0]
    return min(cuts) if cuts else hi


def indicator(found: Found, clause: str) -> str:
    """The key of the first indicator matching this figure, or ''."""
    context = found.lead + "#" + found.tail
    for ind in vocabulary()["indicators"]:
        if ind.get("units") and found.unit not in ind["units"]:
            continue
        if all(r.search(context) for r in ind["near_res"]) \
                and all(r.search(clause) for r in ind["clause_res"]) \
                and not any(r.search(context) for r in ind["not_near_res"]):
            return ind["key"]
    return ""


def indicators() -> dict[str, dict]:
    """Indicator key → its definition (zh, en, units …), in the order of the YAML file."""
    return {ind["key"]: ind for ind in vocabulary()["indicators"]}


def paragraphs(parsed: dict):
    """(section path, paragraph) for every paragraph of a parsed report, in reading order."""
    for p in parsed["preamble"]:
        yield ["前言"], p
    for part in parsed["parts"]:
        for p in part["paragraphs"]:
            yield [part["heading"]], p
        for sec in part["sections"]:
            for p in sec["paragraphs"]:
                yield [part["heading"], sec["heading"]], p


def extract(parsed: dict) -> list[dict]:
    """The figure rows of one parsed report, numbered in order of appearance."""
    year = parsed["year"]
    rows = []
    for path, para in paragraphs(parsed):
        text = para["text"]
        points = [(m.start(1), m.group(1)) for m in INLINE_POINT.finditer(text)]
        for offset, clause in clauses(text):
            for f in locate(clause):
                at = offset + f.start
                point = next((p for i, p in reversed(points) if i <= at), para["point"] or "")
                where = " / ".join(path + ([point] if point else []))
                rows.append({
                    "编号": f"{year}-{len(rows) + 1:03d}", "年度": year, "章节": where,
                    "原文": clause, "写法": f.written, "数值": f.value, "单位": f.unit,
                    "修饰": f.qualifier, "指标": indicator(f, clause),
                })
    return rows


def compare(reports: list[dict]) -> dict:
    """Keyed figures across years: {keys, years, rows}; each row one indicator with one cell per
    year (None where that year's report has no such figure). A cell is the first figure with the
    key that year; `others` lists later ones with another value (the report contradicts itself)."""
    years = sorted({r["year"] for r in reports})
    by_year = {r["year"]: r["figures"] for r in reports}
    defs = indicators()
    present = {f["指标"] for figs in by_year.values() for f in figs if f["指标"]}
    keys = [k for k in defs if k in present]
    rows = []
    for key in keys:
        cells, previous = [], None
        for year in years:
            figs = [f for f in by_year[year] if f["指标"] == key]
            if not figs:
                cells.append(None)
                previous = None
                continue
            first = figs[0]
            cell = {k: first[k] for k in ("编号", "年度", "数值", "写法", "单位", "修饰", "原文")}
            cell["others"] = [f["编号"] for f in figs[1:] if f["数值"] != first["数值"]]
            cell["change"] = (first["数值"] - previous["数值"]
                              if previous and previous["单位"] == first["单位"] else None)
            cells.append(cell)
            previous = first
        rows.append({"指标": key, "label": defs[key]["zh"], "label_en": defs[key]["en"], "cells": cells})
    return {"keys": keys, "years": years, "rows": rows}
