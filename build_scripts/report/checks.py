"""Checks of a report's figures: (a) the sums it states itself, (b) its keyed figures against
facts computed from the published data. Every check is one plain dict of the same shape:

{id, kind ("internal" | "data"), 指标, label, label_en, statement, 编号, unit,
 expected, parts: [{label, value, 编号 | source}], actual, verdict ("agrees" | "differs" |
 "no_data"), difference (actual − expected, None without data), note_zh, note_en}

internal: expected is the stated total, parts the stated shares, actual their sum.
data: expected is the report's figure, parts the fact used, actual the data's value.
A disagreement is reported plainly, never smoothed over.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..normalise.values import decimal_text
from .figures import Found, indicators, locate, vocabulary

ABOUT = Decimal("0.05")  # 约/左右: within 5 %
BELOW = Decimal("0.10")  # 近/将近: at most 10 % under


def n(d) -> str:
    """A number as people write it: 288, 96.866 (no exponent, no trailing zeros)."""
    return decimal_text(Decimal(d)) if d is not None else "—"


def _clauses(figures: list[dict]):
    """(rows, found) per clause: the rows of one clause with what locate() says about them."""
    i = 0
    while i < len(figures):
        found = locate(figures[i]["原文"]) or [None]
        yield figures[i:i + len(found)], found
        i += len(found)


def internal_sums(parsed: dict, figures: list[dict]) -> list[dict]:
    """The sums stated in the report (共X，其中A，B; 发现X，完成整改A，有序推进B), checked.
    The clauses are read from the figure rows (extract()'s output, whole and in order); parsed
    is taken for symmetry with extract() and is not needed beyond that."""
    sums = vocabulary()["sums"]
    checks = []
    for rows, found in _clauses(figures):
        if None in found or len(rows) != len(found):
            continue
        clause = rows[0]["原文"]
        for word in sums["breakdown"]:
            for m in re.finditer(re.escape(word), clause):
                before = [k for k, f in enumerate(found) if f.end <= m.start()]
                if not before:
                    continue
                total = before[-1]
                parts = _same_unit_after(found, total, start=m.end())
                if len(parts) >= 2:
                    _add(checks, _sum(rows, found, total, parts))
        for k, f in enumerate(found):
            if any(w in f.lead for w in sums["found"]):
                parts = _same_unit_after(found, k, start=f.end)
                labels = [found[p].label for p in parts]
                if len(parts) >= 2 and any(re.search(sums["done"], x) for x in labels) \
                        and any(re.search(sums["pending"], x) for x in labels):
                    _add(checks, _sum(rows, found, k, parts))
    return checks


def _add(checks: list[dict], check: dict) -> None:
    if all(c["id"] != check["id"] for c in checks):
        checks.append(check)


def _same_unit_after(found: list[Found], total: int, start: int) -> list[int]:
    out = []
    for k in range(total + 1, len(found)):
        if found[k].start < start:
            continue
        if found[k].unit != found[total].unit:
            break
        out.append(k)
    return out


def _sum(rows: list[dict], found: list[Found], total: int, parts: list[int]) -> dict:
    expected = found[total].value
    everything = sum((found[k].value for k in parts), Decimal(0))
    core, extra = parts, []
    if everything != expected:
        run = [parts[0]]  # the leading parallel shares: 报告书项目, 报告表项目 (same last character)
        for k in parts[1:]:
            if found[k].label[-1:] != found[parts[0]].label[-1:]:
                break
            run.append(k)
        if 2 <= len(run) < len(parts):
            core, extra = run, parts[len(run):]
    actual = sum((found[k].value for k in core), Decimal(0))
    verdict = "agrees" if actual == expected else "differs"
    unit = found[total].unit
    terms = " + ".join(n(found[k].value) for k in core)
    extras_zh = "、".join(f"{found[k].label} {n(found[k].value)} {unit}" for k in extra)
    if verdict == "agrees":
        note_zh = f"{n(expected)} = {terms}"
        note_en = f"{n(expected)} = {terms}: the parts add up to the total."
        if extra:
            note_zh += f"；另述{extras_zh}，未计入"
            note_en += f" Also stated, not counted: {extras_zh}."
    else:
        note_zh = f"{n(expected)} ≠ {terms} = {n(actual)}"
        note_en = f"{n(expected)} ≠ {terms} = {n(actual)}"
        if extra:
            rest = expected - everything
            gap_zh = f"仍差 {n(rest)}" if rest > 0 else f"多出 {n(-rest)}"
            gap_en = f"still {n(rest)} short" if rest > 0 else f"{n(-rest)} too many"
            note_zh += f"；即使加上{extras_zh}，合计 {n(everything)}，{gap_zh}"
            note_en += f"; even adding {extras_zh}, the parts come to {n(everything)}, {gap_en}."
        else:
            gap = expected - actual
            note_zh += f"，{'差' if gap > 0 else '多出'} {n(abs(gap))}"
            note_en += f": the parts are {n(abs(gap))} {'short of' if gap > 0 else 'more than'} the total."
    key = rows[total]["指标"]
    defs = indicators()
    return {
        "id": f"sum-{rows[total]['编号']}", "kind": "internal", "指标": key,
        "label": defs[key]["zh"] if key else found[total].label,
        "label_en": defs[key]["en"] if key else "",
        "statement": rows[total]["原文"], "编号": rows[total]["编号"], "unit": unit,
        "expected": expected,
        "parts": [{"label": found[k].label, "value": found[k].value, "编号": rows[k]["编号"]} for k in core],
        "actual": actual, "verdict": verdict, "difference": actual - expected,
        "note_zh": note_zh, "note_en": note_en,
    }


def data_checks(year: int, figures: list[dict], facts: dict[str, dict]) -> list[dict]:
    """Keyed figures of one year's report against facts from the published data, one check per
    key and stated value, for the indicators listed under checked_against_data. facts: {key: {value, label, source}}; a missing fact gives no_data."""
    defs = indicators()
    checkable = set(vocabulary().get("checked_against_data", []))
    seen: dict[str, list] = {}
    checks = []
    for row in figures:
        key = row["指标"]
        if row["年度"] != year or key not in checkable or row["数值"] in seen.get(key, []):
            continue
        seen.setdefault(key, []).append(row["数值"])
        nth = len(seen[key])
        fact = facts.get(key) or {}
        value = fact.get("value")
        check = {
            "id": f"data-{year}-{key}" + (f"-{nth}" if nth > 1 else ""), "kind": "data", "指标": key,
            "label": defs[key]["zh"], "label_en": defs[key]["en"], "statement": row["原文"],
            "编号": row["编号"], "unit": row["单位"], "expected": row["数值"], "parts": [],
            "actual": None, "verdict": "no_data", "difference": None,
            "note_zh": "没有可比较的公开数据", "note_en": "No published data to compare with",
        }
        if value is not None:
            actual = Decimal(str(value))
            check["parts"] = [{"label": fact.get("label", ""), "value": actual, "source": fact.get("source", "")}]
            check["actual"], check["difference"] = actual, actual - row["数值"]
            ok = _consistent(row["数值"], row["修饰"], actual)
            check["verdict"] = "agrees" if ok else "differs"
            check["note_zh"], check["note_en"] = _data_note(row, actual, ok)
        checks.append(check)
    return checks


def _consistent(stated: Decimal, qualifier: str, actual: Decimal) -> bool:
    """Whether the data's value fits the report's wording (近4万 fits 39 000; 98%以上 fits 99)."""
    meaning = vocabulary()["meaning"]
    ok = True
    exact = True
    for q in filter(None, qualifier.split(";")):
        m = meaning.get(q, "exact")
        if m == "exact":
            continue
        exact = False
        ok &= {"at_least": actual >= stated, "above": actual > stated, "at_most": actual <= stated,
               "below": stated * (1 - BELOW) <= actual <= stated,
               "about": abs(actual - stated) <= abs(stated) * ABOUT}[m]
    return actual == stated if exact else ok


def _data_note(row: dict, actual: Decimal, ok: bool) -> tuple[str, str]:
    unit = row["单位"]
    said = f"报告“{row['写法']}”，数据 {n(actual)} {unit}"
    said_en = f"Report: {row['写法']}; data: {n(actual)} {unit}"
    if ok:
        return said + "，相符", said_en + " — consistent"
    gap = actual - row["数值"]
    return (said + f"，数据{'多' if gap > 0 else '少'} {n(abs(gap))}",
            said_en + f" — the data has {n(abs(gap))} {'more' if gap > 0 else 'fewer'}")
