#!/usr/bin/env python3
"""Fictitious source exports: the sample data the site ships with, and benchmark inputs.

Everything made here is unmistakably fictitious: every organisation name contains 示例, every
person is a real surname followed by 示例 (张示例, 欧阳示例), every catalogue item ends in
（示例）. Output is deterministic: random.Random(seed) only, never the clock; workbook dates
come from the data, so the same arguments give byte-identical files.

    python benchmarks/fake_sources.py bundled --out datasets/sources
    python benchmarks/fake_sources.py scale --records 300000 --out /tmp/bench --units province

The violations, names and catalogue items are data: benchmarks/violation_templates.yml.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import string
import sys
import time
from decimal import Decimal
from functools import cache
from pathlib import Path

import xlsxwriter
import yaml
from stdnum.cn import uscc as stdnum_uscc

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMAS = ROOT / "datasets" / "schemas"
PUBLISHER_YML = ROOT / "datasets" / "publisher.yml"


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


VOCAB = _yaml(HERE / "violation_templates.yml")
_COLUMNS = _yaml(SCHEMAS / "penalties.columns.yml")
FIELDS = [f for f in _COLUMNS if f != "ignore"]                      # the national standard, in order
PUBLISHED = [f for f in FIELDS if _COLUMNS[f].get("publish", True)]  # without the ID-number columns
PROCEDURES = [p["name"] for p in _yaml(SCHEMAS / "decision-procedures.yml")["procedures"]]

CODE, FINE, CONFISCATED, DATE = ("行政相对人代码_1(统一社会信用代码)", "罚款金额(万元)",
                                 "没收违法所得、没收非法财物的金额(万元)", "处罚决定日期")

# Who is penalised: kind → (行政相对人类别, share of decisions).
PARTY_KINDS = {"company": ("法人及非法人组织", 0.80), "individual": ("个体工商户", 0.12), "person": ("自然人", 0.08)}
REPEAT_SHARE = 0.15     # of all decisions: an earlier company of the same unit again
NO_CODE_SHARE = 0.25    # of individual businesses: entered without a code
NO_CODE = "00000000000000000X"
CITY_SHARE = 0.30       # the unit without a mark (the city bureau); the rest share the remainder
REMARKS = {"": 18, "罚款已缴纳": 1, "已履行完毕": 1, "分期缴纳罚款": 0.3}
DEFAULT_PREFIX = "皖亳环"
PROVINCE_PREFIX = "皖示例环"
NOTE = "注：本表为虚构示例数据，仅用于演示，不指向任何真实单位或个人。"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
TEN_THOUSAND = Decimal(10000)
HOLIDAYS = {(1, 1), (5, 1), *((10, d) for d in range(1, 8))}

# How an export looks: its headers (header → standard field), amount unit, dates, separators.
HEADER_STYLES = {
    "standard": {
        "columns": [("序号", "序号"), *[(f, f) for f in PUBLISHED]],
        "amounts": "万元", "dates": "excel", "separator": ";",
    },
    "county": {
        "columns": [("序号", "序号"), ("当事人", "行政相对人名称"), ("当事人类型", "行政相对人类别"),
                    ("统一社会信用代码", CODE), ("处罚决定文号", "行政处罚决定书文号"),
                    ("案由", "违法行为类型"), ("主要违法事实", "违法事实"), ("处罚依据", "处罚依据"),
                    ("处罚种类", "处罚类别"), ("处罚结果", "处罚内容"), ("罚款金额(元)", FINE),
                    ("没收金额(元)", CONFISCATED), ("决定日期", DATE), ("处罚机关", "处罚机关")],
        "amounts": "元", "dates": "chinese", "separator": "、",
    },
}
DECISION_COLUMNS = ["序号", "决策事项名称", "决策主体", "决策承办单位", "法律法规政策依据",
                    "决策事项程序", "是否需听证", "计划完成时间", "备注"]
WIDTHS = {"序号": 6, "违法事实": 60, "主要违法事实": 60, "处罚依据": 36, "处罚内容": 30, "处罚结果": 30,
          "行政相对人名称": 32, "当事人": 32, "决策事项名称": 40, "法律法规政策依据": 40, "决策事项程序": 36}

# Bundled sample: year, records, seed, and for 2024 the county whose records go to a CSV.
BUNDLED_PENALTIES = [
    {"year": 2023, "n": 360, "seed": 20231},
    {"year": 2024, "n": 400, "seed": 20241, "csv_unit": "341622", "csv_name": "2024-蒙城分局行政处罚信息.csv"},
    {"year": 2025, "n": 380, "seed": 20251},
    {"year": 2026, "n": 330, "seed": 20261, "start": "2026-01-05", "end": "2026-11-20"},
]
BUNDLED_DECISIONS = [
    {"file": "2024-亳州市生态环境局重大行政决策事项目录.xlsx", "year": 2024, "seed": 20240, "created": "2024-02-26"},
    {"file": "2025-03-01-亳州市生态环境局重大行政决策事项目录.xlsx", "year": 2025, "seed": 20250, "created": "2025-03-01"},
    {"file": "2025-08-15-亳州市生态环境局重大行政决策事项目录（调整）.xlsx", "year": 2025, "seed": 20250,
     "created": "2025-08-15", "adjust_seed": 20258},
]


# ---------------------------------------------------------------- small helpers

def as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Monday to Friday, without the fixed-date public holidays (元旦, 劳动节, 国庆)."""
    days = (start + dt.timedelta(d) for d in range((end - start).days + 1))
    return [d for d in days if d.weekday() < 5 and (d.month, d.day) not in HOLIDAYS]


def split_counts(n: int, weights: list[float]) -> list[int]:
    """n split in proportion to weights, exactly (largest remainder)."""
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    return counts


def unit_weights(units: list[dict]) -> list[float]:
    """The city bureau (the one unit without a mark) takes 30 %, the branches share the rest."""
    home = [u for u in units if not u.get("marks")]
    if len(units) < 2 or len(home) != 1:
        return [1.0] * len(units)
    rest = (1 - CITY_SHARE) / (len(units) - 1)
    return [CITY_SHARE if not u.get("marks") else rest for u in units]


def weighted(rng: random.Random, options: dict):
    return rng.choices(list(options), weights=list(options.values()))[0]


def wan_text(value: Decimal) -> str:
    """Decimal → shortest plain text: 20, 1.35, 0.05."""
    return format(value.normalize(), "f")


def yuan(wan: Decimal) -> Decimal:
    y = wan * TEN_THOUSAND
    return y.quantize(Decimal(1)) if y == y.to_integral_value() else y.quantize(Decimal("0.01"))


def chinese_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def rmb_upper(amount: int) -> str:
    """Whole yuan in the capital numerals of financial documents: 200000 → 贰拾万元整."""
    digits, places, groups = "零壹贰叁肆伍陆柒捌玖", ["", "拾", "佰", "仟"], ["", "万", "亿"]
    s, out, zero = str(amount), [], False
    for i, ch in enumerate(s):
        power = len(s) - 1 - i
        if ch == "0":
            zero = True
        else:
            out.append(("零" if zero and out else "") + digits[int(ch)] + places[power % 4])
            zero = False
        if power % 4 == 0 and power and int(s[max(0, i - 3): i + 1]):
            out.append(groups[power // 4])
    return "".join(out or ["零"]) + "元整"


def make_uscc(head: str, division: str, rng: random.Random, org_prefix: str = "MA") -> str:
    """A valid unified social credit code: head (91, 92, 11) + division + organisation code + check."""
    body = head + division + org_prefix + "".join(rng.choice(USCC_ALPHABET) for _ in range(9 - len(org_prefix)))
    return body + stdnum_uscc.calc_check_digit(body)


# ---------------------------------------------------------------- parties

def area(unit: dict) -> str:
    """Where a unit's parties are registered: 谯城区; 亳州市 for the city bureau (市本级)."""
    if unit["name"] == "市本级":
        return unit["authority"].removesuffix("生态环境局")
    return unit["name"]


def person_name(rng: random.Random) -> str:
    return rng.choice(VOCAB["parties"]["surnames"]) + "示例"


@cache
def trades(kind: str, tags: tuple[str, ...]) -> list[dict]:
    fits = [t for t in VOCAB["parties"]["trades"] if t["kind"] == kind and (not tags or t["tag"] in tags)]
    return fits or [t for t in VOCAB["parties"]["trades"] if t["kind"] == kind]


def organisation(kind: str, name: str, division: str, tag: str) -> dict:
    """A company or individual business. Its code and representative follow from its name, so
    the same name is always the same party."""
    own = random.Random(name)
    rep = person_name(own)
    if kind == "individual" and own.random() < NO_CODE_SHARE:
        code = NO_CODE
    else:
        code = make_uscc("91" if kind == "company" else "92", division, own, "MA" if own.random() < 0.7 else "")
    return {"kind": kind, "tag": tag, "行政相对人名称": name, "行政相对人类别": PARTY_KINDS[kind][0],
            CODE: code, "法定代表人": rep, "法定代表人证件类型": "身份证"}


def new_party(rng: random.Random, kind: str, unit: dict, template: dict) -> dict:
    if kind == "person":
        return {"kind": kind, "tag": "", "行政相对人名称": person_name(rng), "行政相对人类别": "自然人",
                "证件类型": "身份证"}
    trade = rng.choice(trades(kind, tuple(template.get("tags", []))))
    heads, tails = VOCAB["parties"]["word_heads"], VOCAB["parties"]["word_tails"]
    name = f"{area(unit)}示例{rng.choice(heads)}{rng.choice(tails)}{trade['name']}"
    return organisation(kind, name, unit["code"], trade["tag"])


# ---------------------------------------------------------------- violation templates

def _prepare(t: dict) -> dict:
    text = "".join(line.strip() for line in t["违法事实"].splitlines())
    fields = tuple(dict.fromkeys(f for _, f, _, _ in string.Formatter().parse(text) if f))
    return {**t, "违法事实": text, "fields": fields}


TEMPLATES = [_prepare(t) for t in VOCAB["templates"]]


@cache
def templates_for(kind: str, tag: str | None = None) -> tuple[list[dict], list[float]]:
    """Templates a party of this kind (and trade, for an existing party) can commit, with weights."""
    fits = [t for t in TEMPLATES if kind in t["parties"]]
    if tag is not None:
        fits = [t for t in fits if not t.get("tags") or tag in t["tags"]] or fits
    return fits, [t["weight"] for t in fits]


def pick_template(rng: random.Random, kind: str, tag: str | None = None) -> dict:
    fits, weights = templates_for(kind, tag)
    return rng.choices(fits, weights=weights)[0]


def pick_fine(rng: random.Random, spec: dict) -> Decimal:
    """万元, exact: usually a common amount, else a step of 0.5 (0.05 for small ranges, 0.01 rarely)."""
    if rng.random() < 0.75:
        return Decimal(str(rng.choice(spec["common"])))
    lo, hi = Decimal(str(spec["min"])), Decimal(str(spec["max"]))
    step = Decimal("0.01") if rng.random() < 0.1 else Decimal("0.5") if hi - lo >= 2 else Decimal("0.05")
    return lo + step * rng.randint(0, int((hi - lo) / step))


# Placeholders of 违法事实: each filler returns one or more of them.
# env: the unit, the party's trade tag, the decision date, the fine, the template.
def _measure(rng, env):
    p = rng.choice(VOCAB["pollutants"][env["template"]["medium"]])
    times = Decimal(rng.randint(1, 60)) / 10
    limit = Decimal(str(p["limit"]))
    return {"pollutant": p["name"], "standard": p["standard"], "limit": wan_text(limit),
            "times": wan_text(times), "value": wan_text((limit * (1 + times)).quantize(Decimal("0.01")))}


def _noise(rng, env):
    night = rng.random() < 0.4
    limit = 50 if night else 60
    return {"daypart": "夜间" if night else "昼间", "db_limit": str(limit),
            "db": f"{limit + rng.randint(11, 150) / 10:.1f}",
            "clock": f"{rng.choice([22, 23] if night else [9, 10, 14, 15])}时{rng.randint(0, 59):02d}分"}


def _hazardous(rng, env):
    w = rng.choice(VOCAB["hazardous_wastes"])
    return {"hw": w["name"], "hw_code": w["code"]}


def _investment(rng, env):
    rate = Decimal(rng.choice(["0.01", "0.015", "0.02", "0.025", "0.03", "0.05"]))
    return {"investment": wan_text((env["fine"] / rate).quantize(Decimal("0.1")))}


def _fee_yuan(rng, env):
    cars = rng.randint(3, 40)
    return {"cars": str(cars), "fee_yuan": str(cars * rng.choice([150, 180, 200, 260, 300]))}


def _inspect_date(rng, env):
    return {"inspect_date": chinese_date(env["decided"] - dt.timedelta(rng.randint(20, 150)))}


def _project(rng, env):
    projects = VOCAB["projects"]
    return {"project": rng.choice(projects.get(env["tag"]) or projects["通用"])}


def _place(rng, env):
    return {"place": area(env["unit"]) + rng.choice(VOCAB["choices"]["place"])}


def _number(name, lo, hi, places=0):
    """A number in [lo, hi] with `places` decimals."""
    scale = 10 ** places
    def fill(rng, env):
        return {name: wan_text(Decimal(rng.randint(round(lo * scale), round(hi * scale))) / scale)}
    return fill


def _choice(name):
    return lambda rng, env: {name: rng.choice(VOCAB["choices"][name])}


FILLERS = {name: _choice(name) for name in VOCAB["choices"]}
FILLERS.update({
    "inspect_date": _inspect_date, "place": _place, "project": _project, "investment": _investment,
    **dict.fromkeys(["pollutant", "standard", "limit", "times", "value"], _measure),
    **dict.fromkeys(["daypart", "db_limit", "db", "clock"], _noise),
    **dict.fromkeys(["hw", "hw_code"], _hazardous),
    **dict.fromkeys(["cars", "fee_yuan"], _fee_yuan),
    "pipe": _number("pipe", 50, 300), "days": _number("days", 5, 90), "tons": _number("tons", 0.2, 30, 1),
    "fee": _number("fee", 1.5, 19.5, 1), "area": _number("area", 300, 6000), "fume": _number("fume", 2.5, 12, 1),
    "kg": _number("kg", 10, 300), "heads": _number("heads", 300, 5000), "minutes": _number("minutes", 20, 90),
    "night": lambda rng, env: {"night": f"{rng.choice([22, 23, 0, 1])}时{rng.randint(0, 59):02d}分"},
})


def facts(rng: random.Random, template: dict, env: dict) -> dict:
    values: dict[str, str] = {}
    for name in template["fields"]:
        if name not in values:
            values.update(FILLERS[name](rng, env))
    return values


def penalty_content(rng: random.Random, kinds: list[str], fine: Decimal, confiscated: Decimal | None) -> str:
    """处罚内容 that agrees with the amounts: 罚款人民币贰拾万元整 / 罚款20万元 / 罚款人民币200000元."""
    money = rng.choice([f"人民币{rmb_upper(int(yuan(fine)))}", f"{wan_text(fine)}万元", f"人民币{yuan(fine)}元"])
    parts = []
    if "警告" in kinds:
        parts.append("警告")
    if "没收违法所得" in kinds:
        parts.append(f"没收违法所得人民币{yuan(confiscated)}元")
    if "责令停产停业" in kinds:
        parts.append("责令停产停业")
    parts.append(("并处罚款" if parts else "罚款") + money)
    return "，".join(parts)


def confiscation(rng: random.Random, template: dict, values: dict) -> Decimal:
    """万元: the fees the facts name, or a round sum in the template's range."""
    spec = template["confiscate"]
    if "from" in spec:
        return Decimal(values[spec["from"]]) / TEN_THOUSAND
    return Decimal(rng.randint(spec["min"] // 10, spec["max"] // 10) * 10) / TEN_THOUSAND


# ---------------------------------------------------------------- records

def docno(prefix: str, unit: dict, year: int, seq: int) -> str:
    """皖亳环罚〔2024〕34号 for the city; 皖亳环(谯)罚〔2024〕5号 for a branch."""
    mark = f"({unit['marks'][0]})" if unit.get("marks") else ""
    return f"{prefix}{mark}罚〔{year}〕{seq}号"


def pick_party(rng: random.Random, unit: dict, companies: list[dict]) -> tuple[dict, dict]:
    """(party, template): ~15 % of all decisions go to a company this unit penalised before."""
    kinds = list(PARTY_KINDS)
    kind = rng.choices(kinds, weights=[PARTY_KINDS[k][1] for k in kinds])[0]
    if kind == "company" and companies and rng.random() < REPEAT_SHARE / PARTY_KINDS["company"][1]:
        party = rng.choice(companies)
        return party, pick_template(rng, kind, party["tag"])
    template = pick_template(rng, kind)
    party = new_party(rng, kind, unit, template)
    if kind == "company":
        companies.append(party)
    return party, template


def one_record(rng: random.Random, unit: dict, companies: list[dict], decided: dt.date, number: str) -> dict:
    party, template = pick_party(rng, unit, companies)
    fine = pick_fine(rng, template["fine"])
    env = {"unit": unit, "tag": party["tag"], "decided": decided, "fine": fine, "template": template}
    values = facts(rng, template, env)
    categories = weighted(rng, template["categories"])
    kinds = categories.split(";")
    confiscated = confiscation(rng, template, values) if "没收违法所得" in kinds else None
    record = dict.fromkeys(FIELDS, "")
    record.update({k: v for k, v in party.items() if k in record})
    record.update({
        "行政处罚决定书文号": number, "违法行为类型": template["违法行为类型"],
        "违法事实": template["违法事实"].format(**values), "处罚依据": template["处罚依据"],
        "处罚类别": categories, "处罚内容": penalty_content(rng, kinds, fine, confiscated),
        FINE: fine, CONFISCATED: confiscated, DATE: decided,
        "处罚机关": unit["authority"], "处罚机关统一社会信用代码": unit.get("uscc", ""),
        "备注": weighted(rng, REMARKS),
    })
    return record


def penalty_records(n: int, year: int, seed, units: list[dict], start=None, end=None,
                    prefix: str = DEFAULT_PREFIX) -> list[dict]:
    """n fictitious decisions of one year over the units, sorted by date; keys: standard field names.

    Dates are working days in [start, end] (default the whole year); document numbers run
    1, 2, 3 … per unit in date order. Amounts are Decimal 万元 (None when none), dates dt.date."""
    rng = random.Random(seed)
    days = working_days(as_date(start or dt.date(year, 1, 1)), as_date(end or dt.date(year, 12, 31)))
    rows = []
    for order, (unit, k) in enumerate(zip(units, split_counts(n, unit_weights(units)))):
        companies: list[dict] = []
        for seq, decided in enumerate(sorted(rng.choice(days) for _ in range(k)), 1):
            record = one_record(rng, unit, companies, decided, docno(prefix, unit, year, seq))
            rows.append((decided, order, seq, record))
    rows.sort(key=lambda r: r[:3])
    return [r[3] for r in rows]


# ---------------------------------------------------------------- writers

def cell_value(record: dict, field: str, style: dict, number: int):
    """A record's field as the export shows it (dates and Decimals stay typed for XLSX)."""
    if field == "序号":
        return number
    value = record.get(field)
    if isinstance(value, dt.date):
        return value if style["dates"] == "excel" else chinese_date(value)
    if isinstance(value, Decimal):
        return yuan(value) if style["amounts"] == "元" else value
    if field == "处罚类别":
        return value.replace(";", style["separator"])
    return "" if value is None else value


def _text(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return wan_text(value) if isinstance(value, Decimal) else str(value)


def write_csv(records: list[dict], path, encoding: str = "gbk", header_style: str = "county") -> Path:
    """A county export: synonym headers, amounts in 元, dates 2024年3月5日, CRLF, GBK by default."""
    style = HEADER_STYLES[header_style]
    path = Path(path)
    with path.open("w", encoding=encoding, newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow([h for h, _ in style["columns"]])
        for i, record in enumerate(records, 1):
            out.writerow([_text(cell_value(record, field, style, i)) for _, field in style["columns"]])
    return path


def _sheet(path: Path, title: str, headers: list[str], rows, created: dt.datetime, sheet: str,
           constant_memory: bool = False) -> Path:
    """Title row merged across, header row, typed data rows, a blank row, the note row."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    wb.set_properties({"title": title, "author": "gongshi 示例数据生成器", "created": created,
                       "comments": NOTE})
    bold = {"bold": True, "align": "center", "valign": "vcenter", "border": 1}
    fmt = {"title": wb.add_format({**bold, "font_size": 14, "border": 0}),
           "head": wb.add_format({**bold, "text_wrap": True}),
           "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
           "text": wb.add_format({"text_wrap": True, "valign": "top"})}
    ws = wb.add_worksheet(sheet)
    for j, h in enumerate(headers):
        ws.set_column(j, j, WIDTHS.get(h, 16))
    ws.merge_range(0, 0, 0, len(headers) - 1, title, fmt["title"])
    ws.write_row(1, 0, headers, fmt["head"])
    r = 1
    for r, row in enumerate(rows, 2):
        for j, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, j, dt.datetime.combine(v, dt.time()), fmt["date"])
            elif isinstance(v, (int, Decimal)):
                ws.write_number(r, j, float(v))
            elif v:
                ws.write_string(r, j, v, fmt["text"] if len(v) > 30 else None)
    ws.write_string(r + 2, 0, NOTE)
    ws.freeze_panes(2, 0)
    wb.close()
    return path


def write_xlsx(records: list[dict], path, title: str, header_style: str = "standard", sheet: str = "Sheet1",
               constant_memory: bool = False) -> Path:
    """An office-style workbook of penalty records; its creation time is the latest decision date."""
    style = HEADER_STYLES[header_style]
    latest = max((r[DATE] for r in records), default=dt.date(2000, 1, 1))
    rows = ([cell_value(rec, f, style, i) for _, f in style["columns"]] for i, rec in enumerate(records, 1))
    return _sheet(Path(path), title, [h for h, _ in style["columns"]], rows,
                  dt.datetime.combine(latest, dt.time(17, 30)), sheet, constant_memory)


# ---------------------------------------------------------------- decision catalogue

def pick_procedures(rng: random.Random) -> list[str]:
    """Always 合法性审查 and 集体讨论决定; the others by chance, in statutory order."""
    odds = {"公众参与": 0.7, "专家论证": 0.6, "风险评估": 0.5, "公平竞争审查": 0.3, "决策公布": 0.4}
    return [p for p in PROCEDURES if p in ("合法性审查", "集体讨论决定") or rng.random() < odds.get(p, 0)]


def decision_item(rng: random.Random, entry: dict, year: int, month: int) -> dict:
    procedures = pick_procedures(rng)
    return {"序号": 0, "决策事项名称": entry["name"].format(year=year), "决策主体": entry["subject"],
            "决策承办单位": entry["dept"], "法律法规政策依据": entry["basis"],
            "决策事项程序": "、".join(procedures),
            "是否需听证": "是" if "公众参与" in procedures and rng.random() < 0.3 else "否",
            "计划完成时间": f"{year}年{month}月", "备注": ""}


def numbered(items: list[dict]) -> list[dict]:
    return [{**item, "序号": i} for i, item in enumerate(items, 1)]


def decision_items(year: int, seed, n: int | None = None) -> list[dict]:
    """A fictitious catalogue of 6–10 major decisions (names end in （示例））."""
    rng = random.Random(seed)
    n = n or rng.randint(6, 10)
    entries = rng.sample(VOCAB["decisions"], n)
    months = sorted(rng.randint(3, 12) for _ in entries)
    return numbered([decision_item(rng, e, year, m) for e, m in zip(entries, months)])


def adjust_decisions(items: list[dict], year: int, seed) -> list[dict]:
    """The mid-year adjustment: one item removed, one changed (later date, other procedures), one added."""
    rng = random.Random(seed)
    items = [dict(i) for i in items]
    changeable = [i for i, item in enumerate(items) if not item["计划完成时间"].endswith("12月")]
    changed = rng.choice(changeable)
    item = items[changed]
    month = int(item["计划完成时间"].removeprefix(f"{year}年").removesuffix("月"))
    procedures = item["决策事项程序"].split("、")
    optional = [p for p in PROCEDURES if p not in ("合法性审查", "集体讨论决定")]
    missing = [p for p in optional if p not in procedures]
    procedures = procedures + [rng.choice(missing)] if missing else [p for p in procedures if p != optional[0]]
    item.update({"计划完成时间": f"{year}年{rng.randint(month + 1, 12)}月", "备注": "调整计划完成时间和决策程序",
                 "决策事项程序": "、".join(p for p in PROCEDURES if p in procedures)})
    del items[rng.choice([i for i in range(len(items)) if i != changed])]
    names = {i["决策事项名称"] for i in items}
    fresh = [e for e in VOCAB["decisions"] if e["name"].format(year=year) not in names]
    added = decision_item(rng, rng.choice(fresh), year, rng.randint(10, 12))
    return numbered(items + [{**added, "备注": "年中新增"}])


def write_decisions_xlsx(items: list[dict], path, title: str, created=None) -> Path:
    """The catalogue as published: title row, header, items, note. created: the publication date."""
    created = as_date(created) if created else dt.date(int(items[0]["计划完成时间"][:4]), 1, 1)
    rows = ([item[c] for c in DECISION_COLUMNS] for item in items)
    return _sheet(Path(path), title, DECISION_COLUMNS, rows, dt.datetime.combine(created, dt.time(9)), "Sheet1")


# ---------------------------------------------------------------- units

def city_units() -> list[dict]:
    return _yaml(PUBLISHER_YML)["units"]


def province_units(seed, cities: int = 16) -> list[dict]:
    """~16 fictitious cities × 5–7 units (~100), each with its own mark, 34xxxx code and USCC 11…."""
    rng = random.Random(f"province-{seed}")
    chars = VOCAB["province"]["name_chars"][:]
    rng.shuffle(chars)
    units = []
    for c in range(cities):
        city = chars.pop() + chars.pop()
        prefix = f"34{51 + c:02d}"
        suffixes = ["00", "02", "03", "21", "22", "23", "24"][: rng.randint(5, 7)]
        for suffix in suffixes:
            code = prefix + suffix
            if suffix == "00":
                unit = {"name": f"{city}市", "authority": f"示例{city}市生态环境局", "marks": [city]}
            else:
                county = chars.pop() + rng.choice(VOCAB["province"]["name_tails"]) + ("区" if suffix < "20" else "县")
                unit = {"name": f"{city}市{county}", "authority": f"示例{city}市{county}生态环境分局", "marks": [county[0]]}
            units.append({"code": code, **unit, "uscc": make_uscc("11", code, rng, "MB")})
    return units


# ---------------------------------------------------------------- commands

def bundled(out) -> list[tuple[Path, int]]:
    """The sample data the site ships with: penalty lists 2023–2026 and the decision catalogues."""
    out = Path(out)
    (out / "penalties").mkdir(parents=True, exist_ok=True)
    (out / "decisions").mkdir(parents=True, exist_ok=True)
    units, written = city_units(), []
    for spec in BUNDLED_PENALTIES:
        year = spec["year"]
        records = penalty_records(spec["n"], year, spec["seed"], units, spec.get("start"), spec.get("end"))
        county = next((u for u in units if u["code"] == spec.get("csv_unit")), None)
        main = [r for r in records if county is None or r["处罚机关"] != county["authority"]]
        path = out / "penalties" / f"{year}-亳州市生态环境局行政处罚信息公示表.xlsx"
        written.append((write_xlsx(main, path, f"亳州市生态环境局行政处罚信息公示表（{year}年）"), len(main)))
        if county:
            rest = [r for r in records if r["处罚机关"] == county["authority"]]
            written.append((write_csv(rest, out / "penalties" / spec["csv_name"]), len(rest)))
    for spec in BUNDLED_DECISIONS:
        year = spec["year"]
        items = decision_items(year, spec["seed"])
        title = f"亳州市生态环境局{year}年重大行政决策事项目录（示例）"
        if "adjust_seed" in spec:
            items = adjust_decisions(items, year, spec["adjust_seed"])
            title = f"亳州市生态环境局{year}年重大行政决策事项目录（调整）（示例）"
        path = write_decisions_xlsx(items, out / "decisions" / spec["file"], title, spec["created"])
        written.append((path, len(items)))
    return written


def write_publisher(units: list[dict], path: Path) -> Path:
    """datasets/publisher.yml with its units replaced."""
    data = _yaml(PUBLISHER_YML)
    data["units"] = units
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def scale(records: int, out, units: str = "city", years=(2024, 2025, 2026), seed=1, prefix=None) -> list[tuple[Path, int]]:
    """N records over the years, one file per unit per half-year, alternating GBK CSV and XLSX.
    Writes OUT/publisher.yml and OUT/sources/penalties/*. Holds one unit-year in memory at a time."""
    out = Path(out)
    unit_list = city_units() if units == "city" else province_units(seed)
    prefix = prefix or (DEFAULT_PREFIX if units == "city" else PROVINCE_PREFIX)
    target = out / "sources" / "penalties"
    target.mkdir(parents=True, exist_ok=True)
    write_publisher(unit_list, out / "publisher.yml")
    written = []
    for y, (year, n_year) in enumerate(zip(years, split_counts(records, [1] * len(years)))):
        for u, (unit, n) in enumerate(zip(unit_list, split_counts(n_year, unit_weights(unit_list)))):
            year_records = penalty_records(n, year, f"{seed}-{year}-{unit['code']}", [unit], prefix=prefix)
            for half in (1, 2):
                part = [r for r in year_records if (r[DATE].month <= 6) == (half == 1)]
                if not part:
                    continue
                name = f"{year}-H{half}-{unit['code']}-{unit['authority']}行政处罚信息"
                if (y + u + half) % 2 == 0:  # formats alternate over halves, units and years
                    path = write_csv(part, target / f"{name}.csv")
                else:
                    title = f"{unit['authority']}行政处罚信息公示表（{year}年{'上' if half == 1 else '下'}半年）"
                    path = write_xlsx(part, target / f"{name}.xlsx", title, constant_memory=True)
                written.append((path, len(part)))
    return written


EPILOG = """examples:
  python benchmarks/fake_sources.py bundled --out datasets/sources
  python benchmarks/fake_sources.py scale --records 2000 --out /tmp/bench
  python benchmarks/fake_sources.py scale --records 300000 --out /tmp/bench --units province --years 2024 2025 2026 --seed 7
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("bundled", help="write the sample data the site ships with", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--out", default=str(ROOT / "datasets" / "sources"), help="sources folder (default: datasets/sources)")
    s = sub.add_parser("scale", help="write N penalty records as benchmark sources", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("--records", type=int, required=True, help="number of penalty records in all")
    s.add_argument("--out", required=True, help="folder for publisher.yml and sources/penalties/")
    s.add_argument("--units", choices=["city", "province"], default="city",
                   help="city: the 5 Bozhou units; province: ~100 fictitious units")
    s.add_argument("--years", type=int, nargs="+", default=[2024, 2025, 2026])
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--prefix", help=f"document-number prefix (default {DEFAULT_PREFIX}; province {PROVINCE_PREFIX})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.command == "bundled":
        written = bundled(args.out)
    else:
        written = scale(args.records, args.out, args.units, args.years, args.seed, args.prefix)
    for path, n in written if len(written) <= 20 else []:
        print(f"{n:>7}  {path}")
    print(f"{sum(n for _, n in written)} rows in {len(written)} files, {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
