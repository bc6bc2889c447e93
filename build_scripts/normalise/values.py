"""Pure normalisers for single values: dates, amounts, decision numbers, credit codes,
penalty kinds. Each takes the cell text and returns the standard value or says why not."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import yaml
from stdnum.cn import uscc as stdnum_uscc

from .. import SCHEMAS

# ---------------------------------------------------------------- dates

EXCEL_EPOCH = dt.date(1899, 12, 30)
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_DATE = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.年]|\s)\s*(?P<m>\d{1,2})\s*(?:[-/.月]|\s)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}(?::\d{1,2}){1,2}(?:\.\d+)?)?$"
)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def _cn_date_to_digits(s: str) -> str:
    """二〇二四年三月十五日 → 2024年3月15日 (years digit by digit, months and days as numbers)."""
    def number(chunk: str) -> str:
        if "十" in chunk:
            tens, _, ones = chunk.partition("十")
            return str((_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0))
        return "".join(str(_CN_DIGIT[c]) for c in chunk)
    m = re.fullmatch(r"([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", s)
    if not m:
        return s
    return f"{number(m.group(1))}年{number(m.group(2))}月{number(m.group(3))}日"


@lru_cache(maxsize=1 << 16)
def parse_date(text: str) -> str | None:
    """Any date an office writes → 'YYYY-MM-DD', or None when it is not a real date."""
    s = unicodedata.normalize("NFKC", text).strip()  # ２０２６－０４－０１, ２０２６．４．１
    if not s:
        return None
    s = _cn_date_to_digits(s)
    m = _DATE.match(s) or _COMPACT.match(s)
    if m:
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            return None
    if _SERIAL.match(s):  # Excel serial day number (1955–2118)
        n = float(s)
        if 20000 <= n < 80000:
            return (EXCEL_EPOCH + dt.timedelta(days=int(n))).isoformat()
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)


# ---------------------------------------------------------------- amounts

_CN_NUM = {"零": 0, "〇": 0, "壹": 1, "一": 1, "贰": 2, "貳": 2, "二": 2, "两": 2, "叁": 3, "參": 3, "三": 3,
           "肆": 4, "四": 4, "伍": 5, "五": 5, "陆": 6, "陸": 6, "六": 6, "柒": 7, "七": 7,
           "捌": 8, "八": 8, "玖": 9, "九": 9}
_CN_SMALL = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_CHARS = set(_CN_NUM) | set(_CN_SMALL) | set(_CN_BIG) | set("元圆角分整正")
_EMPTY_AMOUNT = {"", "无", "/", "-", "—", "--", "——", "0元", "不适用", "空"}
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_NUM_UNIT = re.compile(r"^(?P<n>[-+]?[\d,，]*\.?\d+)\s*(?P<u>万元|万|元|圆)?(?:人民币)?(?:整)?$")
SIX_PLACES = Decimal("0.000001")
TEN_THOUSAND = Decimal(10000)


def _cn_integer(s: str) -> int:
    total, section, digit = 0, 0, 0
    for ch in s:
        if ch in _CN_NUM:
            digit = _CN_NUM[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch in _CN_BIG:
            total = (total + section + digit) * _CN_BIG[ch]
            section = digit = 0
        else:
            raise ValueError(ch)
    return total + section + digit


def _cn_yuan(s: str) -> Decimal:
    """贰万元整 / 壹拾万零伍佰元 / 叁仟伍佰元伍角 → Decimal yuan."""
    s = s.replace("人民币", "").replace("整", "").replace("正", "")
    yuan_part, _, rest = s.partition("元") if "元" in s else s.partition("圆")
    value = Decimal(_cn_integer(yuan_part)) if yuan_part else Decimal(0)
    m = re.fullmatch(r"(?:([零〇壹贰叁肆伍陆柒捌玖一二三四五六七八九])角)?(?:([零〇壹贰叁肆伍陆柒捌玖一二三四五六七八九])分)?", rest.replace("零", "", 1) if rest.startswith("零") else rest)
    if rest and not m:
        raise ValueError(rest)
    if m and m.group(1):
        value += Decimal(_CN_NUM[m.group(1)]) / 10
    if m and m.group(2):
        value += Decimal(_CN_NUM[m.group(2)]) / 100
    return value


class AmountError(ValueError):
    def __init__(self, rule: str):
        super().__init__(rule)
        self.rule = rule


@lru_cache(maxsize=1 << 16)
def parse_amount(text: str, unit: str | None) -> Decimal | None:
    """An amount cell → Decimal in 万元 (exact), None when empty.

    `unit` is the unit the column header states (元 or 万元), None when it states none; a unit
    in the cell wins over the header's. Raises AmountError(rule) for what cannot be an amount.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("￥", "").replace("¥", "").replace("RMB", "").replace("人民币", "").strip()
    s = re.sub(r"^(罚款|罚金|金额|计)[:：]?", "", s).strip()
    if s in _EMPTY_AMOUNT:
        return None if s != "0元" else Decimal(0)
    m = _NUM_UNIT.match(s)
    if m:
        digits = m["n"].replace(",", "").replace("，", "")
        try:
            value = Decimal(digits)
        except InvalidOperation:
            raise AmountError("amount.invalid")
        cell_unit = m["u"]
        if cell_unit in ("万元", "万"):
            wan = value
        elif cell_unit in ("元", "圆"):
            wan = value / TEN_THOUSAND
        else:
            wan = value / TEN_THOUSAND if unit == "元" else value
    elif s and set(s) <= _CN_CHARS | {" "}:
        try:
            wan = _cn_yuan(s.replace(" ", "")) / TEN_THOUSAND
        except (ValueError, KeyError):
            raise AmountError("amount.invalid")
    else:
        raise AmountError("amount.invalid")
    if wan < 0:
        raise AmountError("amount.negative")
    if wan != wan.quantize(SIX_PLACES):
        raise AmountError("amount.precision")
    return wan


def decimal_text(value: Decimal) -> str:
    """The shortest exact text of a Decimal, never in exponent form: 100, 0.2, 96.866."""
    return format(value.normalize(), "f")


def format_amount(value: Decimal | None) -> str:
    """Decimal 万元 → the shortest exact text ('0.2', '12', '0.000001')."""
    return "" if value is None else decimal_text(value.quantize(SIX_PLACES))


# ---------------------------------------------------------------- decision numbers
#
# Record identity: one decision number, one key, one address. A number is
#     organ abbreviation [（unit mark）] kind  〔year〕  [第] sequence [号]
# e.g. 皖亳环（谯）罚〔2026〕59号. Brackets of any style and width, spaces and leading zeros
# are spelling, not identity. With the bureau's settings (publisher.yml `docno.organs` and
# the units' `marks`), a mark written without brackets right after the organ abbreviation
# (皖亳环谯罚〔2026〕59号) is the same number. Anything else in a number — a slash, ?, #, %,
# a dot, a quote, a control character — is not part of a real number: the value is refused.

_OPEN = "〔[【（(［﹝〖"
_CLOSE = "〕]】）)］﹞〗"
_WORD = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Z0-9"
_DOCNO = re.compile(
    rf"^(?P<org>.+?)[{re.escape(_OPEN)}](?P<year>(?:19|20)\d{{2}})年?[{re.escape(_CLOSE)}]"
    rf"第?(?P<seq>\d{{1,7}})号?$"
)
_ORG = re.compile(rf"^(?P<pre>[{_WORD}]*)(?:[{re.escape(_OPEN)}](?P<mark>[{_WORD}]{{1,6}})[{re.escape(_CLOSE)}]"
                  rf"(?P<post>[{_WORD}]*))?$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class DocnoRules:
    """What the bureau's settings say about its numbers (see Publisher.docno_rules)."""
    organs: tuple[str, ...] = ()       # organ abbreviations a unit mark may follow unbracketed
    marks: frozenset[str] = frozenset()


NO_RULES = DocnoRules()


@dataclass(frozen=True)
class DocNo:
    canonical: str     # 皖亳环（谯）罚〔2024〕5号: the record key (记录编号)
    org: str           # 皖亳环（谯）罚
    year: int
    seq: int
    mark: str          # 谯, or "" for none

    @property
    def key(self) -> str:
        return self.canonical

    @property
    def slug(self) -> str:
        """The one address of a record: penalties/<slug>/ — 皖亳环谯罚-2026-59. The key's
        characters are CJK, A–Z and 0–9 besides the mark's brackets, so the slug is safe in
        any file system and URL; two keys that would share one are refused (combine)."""
        return f"{self.org.replace('（', '').replace('）', '')}-{self.year}-{self.seq}"


@lru_cache(maxsize=1 << 16)
def parse_docno(text: str, rules: DocnoRules = NO_RULES) -> DocNo | None:
    """A decision number as written → its DocNo, or None when it is not a real number."""
    s = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    s = re.sub(r"\s+", "", s).upper()
    m = _DOCNO.match(s)
    if not m:
        return None
    org = _ORG.match(m["org"])
    if not org or not (org["pre"] or org["post"]):
        return None
    pre, mark, post = org["pre"], org["mark"] or "", org["post"] or ""
    if not mark and rules.marks:
        pre, mark, post = _unbracketed_mark(pre, rules)
    seq = int(m["seq"])
    if seq == 0:
        return None
    org_text = f"{pre}（{mark}）{post}" if mark else pre + post
    year = int(m["year"])
    return DocNo(canonical=f"{org_text}〔{year}〕{seq}号", org=org_text, year=year, seq=seq, mark=mark)


def _unbracketed_mark(org: str, rules: DocnoRules) -> tuple[str, str, str]:
    """皖亳环谯罚 → (皖亳环, 谯, 罚) when 皖亳环 is an organ and 谯 a unit mark; else (org, '', '')."""
    for organ in sorted(rules.organs, key=len, reverse=True):
        if not org.startswith(organ):
            continue
        rest = org[len(organ):]
        for mark in sorted(rules.marks, key=len, reverse=True):
            if rest.startswith(mark) and len(rest) > len(mark):
                return organ, mark, rest[len(mark):]
    return org, "", ""


# ---------------------------------------------------------------- credit codes

NO_CODE = "00000000000000000X"
_USCC_LABEL = re.compile(r"^(统一社会信用代码|信用代码|代码)[:：]?")
_USCC_SUFFIX = re.compile(r"[(（]\s*\d+\s*[-/／]\s*\d+\s*[)）]$")
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


@dataclass(frozen=True)
class CodeCheck:
    code: str          # cleaned code ('' for none)
    status: str        # ok | none | checksum | invalid
    expected: str = ""  # the right check character, for status checksum


@lru_cache(maxsize=1 << 16)
def check_uscc(text: str) -> CodeCheck:
    s = unicodedata.normalize("NFKC", text).strip().upper()
    s = _USCC_LABEL.sub("", s)
    s = _USCC_SUFFIX.sub("", s).replace(" ", "").replace("-", "")
    if not s or s in {"无", "/", "—"}:
        return CodeCheck("", "none")
    if s == NO_CODE or re.fullmatch(r"0{17}[X0]", s):
        return CodeCheck("", "none")
    if not _USCC_SHAPE.match(s):
        return CodeCheck(s, "invalid")
    expected = stdnum_uscc.calc_check_digit(s[:17])  # GB 32100-2015, as python-stdnum computes it
    if s[17] == expected:
        return CodeCheck(s, "ok")
    return CodeCheck(s, "checksum", expected)


# ---------------------------------------------------------------- penalty kinds

@cache
def _categories() -> tuple[str, dict[str, str], list[tuple[str, str]], list[str]]:
    doc = yaml.safe_load((SCHEMAS / "penalty-categories.yml").read_text(encoding="utf-8"))
    lookup: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for c in doc["categories"]:
        lookup[c["name"]] = c["name"]
        for code in c.get("codes", []):
            lookup[str(code)] = c["name"]
        for syn in c.get("synonyms", []):
            lookup[syn] = c["name"]
        for p in c.get("prefixes", []):
            prefixes.append((p, c["name"]))
    order = [c["name"] for c in doc["categories"]]
    return doc["separators"], lookup, prefixes, order


def split_categories(text: str) -> tuple[list[str], list[str]]:
    """'警告;罚款' / '02、03' / '警告;其他-其他' → (['警告', '罚款'], unknown parts)."""
    seps, lookup, prefixes, order = _categories()
    parts = [p.strip() for p in re.split(f"[{re.escape(seps)}]+", text) if p.strip()]
    found, bad = [], []
    for part in parts:
        p = re.sub(r"^\d{1,2}(?=[\u4e00-\u9fff])", "", part)  # "02罚款"
        name = lookup.get(part) or lookup.get(p)
        if name is None:
            name = next((n for pre, n in prefixes if p.startswith(pre)), None)
        names = [name] if name else _run_together(p, lookup)
        if not names:
            bad.append(part)
        for name in names:
            if name not in found:
                found.append(name)
    found.sort(key=order.index)
    return found, bad


def _run_together(text: str, lookup: dict[str, str]) -> list[str]:
    """警告罚款 (two kinds a line break once separated) → [警告, 罚款]; [] if it is not that."""
    keys = sorted((k for k in lookup if not k.isdigit()), key=len, reverse=True)
    out, rest = [], text
    while rest:
        key = next((k for k in keys if rest.startswith(k)), None)
        if key is None:
            return []
        out.append(lookup[key])
        rest = rest[len(key):]
    return out if len(out) > 1 else []


# ---------------------------------------------------------------- names

_ORG_WORDS = re.compile(
    r"公司|厂|店|部|中心|合作社|农场|场|站|院|所|馆|社|队|行|室|处|局|会|委|园|坊|庄|作坊|门市|超市|酒家|"
    r"酒店|宾馆|医院|学校|集团|企业|工作室|经营|养殖|加工|回收|诊所|协会|基地|工程|项目|车间|\(|（"
)
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,10}$")


def looks_like_person(name: str) -> bool:
    """A bare 2–4 character Chinese name (or a minority name with ·), no organisation words."""
    return bool(_PERSON.match(name)) and not _ORG_WORDS.search(name)
