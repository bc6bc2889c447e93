"""Properties of the single-value normalisers (issue #3): dates, amounts, decision numbers."""
from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from build_scripts.normalise.values import AmountError, parse_amount, parse_date, parse_docno

# ---------------------------------------------------------------- dates

CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–31 as written in dates: 三, 十, 十五, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else "") + (CN_DIGITS[ones] if ones else "")


OFFICE_FORMS = [
    lambda d: d.isoformat(),                                  # 2024-03-05
    lambda d: f"{d.year}/{d.month}/{d.day}",                  # 2024/3/5
    lambda d: f"{d.year}.{d.month}.{d.day}",                  # 2024.3.5
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",          # 2024.03.05
    lambda d: f"{d.year}年{d.month}月{d.day}日",               # 2024年3月5日
    lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",       # 2024年03月05日
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",            # 20240305
    lambda d: f"{d.year}-{d.month}-{d.day} 00:00:00",         # a date cell exported with its time
    lambda d: "".join(CN_DIGITS[int(c)] for c in str(d.year)) + f"年{cn_number(d.month)}月{cn_number(d.day)}日",
]
EXCEL_EPOCH = dt.date(1899, 12, 30)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(range(len(OFFICE_FORMS))))
@example(dt.date(2024, 2, 29), 4)
@example(dt.date(2024, 3, 5), 8)
def test_any_real_date_in_any_office_form_reads_to_its_iso_form(day, form):
    assert parse_date(OFFICE_FORMS[form](day)) == day.isoformat()


@given(st.dates(min_value=dt.date(1955, 1, 1), max_value=dt.date(2118, 12, 31)))
def test_excel_serial_numbers_read_to_their_date(day):
    serial = (day - EXCEL_EPOCH).days
    assert parse_date(str(serial)) == day.isoformat()
    assert parse_date(f"{serial}.0") == day.isoformat()


@st.composite
def impossible_dates(draw):
    year = draw(st.integers(1900, 2099))
    if draw(st.booleans()):
        month = draw(st.sampled_from([0, *range(13, 100)]))
        day = draw(st.integers(1, 28))
    else:
        month = draw(st.integers(1, 12))
        day = draw(st.sampled_from([0, *range(calendar.monthrange(year, month)[1] + 1, 100)]))
    return year, month, day


@given(impossible_dates(), st.sampled_from(["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日",
                                            "{y}{m:02d}{d:02d}"]))
@example((2026, 2, 30), "{y}-{m:02d}-{d:02d}")
@example((2026, 13, 1), "{y}年{m}月{d}日")
@example((2025, 2, 29), "{y}/{m}/{d}")
def test_impossible_month_or_day_is_not_a_date(ymd, form):
    y, m, d = ymd
    assert parse_date(form.format(y=y, m=m, d=d)) is None


# ---------------------------------------------------------------- amounts

CAPITAL = "零壹贰叁肆伍陆柒捌玖"


def capital_section(n: int) -> str:
    """1–9999 in financial capitals, with 零 for skipped places: 1005 → 壹仟零伍."""
    out, zero = "", False
    for value, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += CAPITAL[digit] + unit
            zero = False
        else:
            zero = True
    return out


def capital_yuan(n: int) -> str:
    """0–99,999,999 yuan as written on a decision: 100500 → 壹拾万零伍佰元整."""
    if n == 0:
        return "零元整"
    high, low = divmod(n, 10000)
    text = capital_section(high) + "万" if high else ""
    if low:
        if high and low < 1000:
            text += "零"
        text += capital_section(low)
    return text + "元整"


def test_the_capital_numeral_encoder_writes_what_offices_write():
    assert capital_yuan(20000) == "贰万元整"
    assert capital_yuan(100500) == "壹拾万零伍佰元整"
    assert capital_yuan(3500) == "叁仟伍佰元整"
    assert capital_yuan(10005) == "壹万零伍元整"
    assert capital_yuan(99999999) == "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整"


yuan = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2, allow_nan=False, allow_infinity=False)


def plain(d: Decimal) -> str:
    return format(d, "f")


@given(yuan)
@example(Decimal("20000.00"))
@example(Decimal("0.01"))
@example(Decimal("3500.50"))
def test_any_yuan_amount_in_any_form_is_exactly_a_ten_thousandth_in_wan(amount):
    wan = amount / Decimal(10000)
    assert parse_amount(plain(amount), "元") == wan                      # header says 元
    assert parse_amount(f"{amount:,.2f}", "元") == wan                   # thousands separators
    assert parse_amount(f"{amount:,}", "元") == wan
    assert parse_amount(plain(amount) + "元", None) == wan               # unit in the cell
    assert parse_amount(f"{amount:,.2f}元", "万元") == wan               # the cell's unit wins
    assert parse_amount(plain(wan) + "万元", None) == wan                # X万元
    assert parse_amount(plain(wan) + "万元", "元") == wan
    assert parse_amount(plain(wan), "万元") == wan                       # header says 万元


@given(st.integers(0, 99_999_999))
@example(20000)
@example(100500)
@example(10_000_001)
def test_capital_numerals_round_trip(n):
    assert parse_amount(capital_yuan(n), None) == Decimal(n) / Decimal(10000)
    assert parse_amount(capital_yuan(n), "元") == Decimal(n) / Decimal(10000)


@given(yuan)
def test_amounts_are_exact_to_six_places(amount):
    wan = parse_amount(plain(amount), "元")
    assert wan == wan.quantize(Decimal("0.000001"))
    assert -wan.as_tuple().exponent <= 6 or wan == 0


@given(st.integers(0, 10**9), st.integers(1, 9))
@example(0, 5)
def test_more_than_six_places_in_wan_is_an_error_not_a_rounding(whole, thousandth):
    """0.005 yuan is 0.0000005 万元: reported (amount.precision), never silently rounded."""
    with pytest.raises(AmountError) as e:
        parse_amount(f"{whole}.00{thousandth}", "元")
    assert e.value.rule == "amount.precision"


# ---------------------------------------------------------------- decision numbers

BRACKETS = [("〔", "〕"), ("[", "]"), ("【", "】"), ("（", "）"), ("(", ")"), ("［", "］"), ("﹝", "﹞")]
ORG_CHARS = "皖亳环罚决字衡东豫淮南市县区局"
MARKS = ["谯", "涡", "蒙", "利", "潘"]
space = st.sampled_from(["", " ", "  ", "\u3000"])


@st.composite
def docnos(draw):
    """(written, canonical) for any org / mark / year / sequence in any bracket style and spacing."""
    head = draw(st.text(ORG_CHARS, min_size=1, max_size=4))
    mark = draw(st.none() | st.sampled_from(MARKS))
    tail = draw(st.text("罚决字", min_size=1, max_size=2))
    year = draw(st.integers(1900, 2099))
    seq = draw(st.integers(1, 99999))
    (mo, mc), (yo, yc) = draw(st.sampled_from(BRACKETS)), draw(st.sampled_from(BRACKETS))
    s = [draw(space) for _ in range(10)]
    di = draw(st.sampled_from(["", "第"]))
    marked = f"{s[0]}{mo}{s[1]}{mark}{s[2]}{mc}{s[3]}" if mark else s[0]
    written = f"{head}{marked}{tail}{s[4]}{yo}{s[5]}{year}{s[6]}{yc}{s[7]}{di}{seq}{s[8]}号"
    canonical = f"{head}{'（' + mark + '）' if mark else ''}{tail}〔{year}〕{seq}号"
    return written, canonical, mark or ""


@given(docnos())
@example(("皖亳环罚[2024]34号", "皖亳环罚〔2024〕34号", ""))
@example(("皖亳环(谯)罚【2024】 5 号", "皖亳环（谯）罚〔2024〕5号", "谯"))
@example(("皖淮南环(潘)罚〔2026〕5号", "皖淮南环（潘）罚〔2026〕5号", "潘"))
def test_any_spelling_of_a_decision_number_gives_one_canonical_form(case):
    written, canonical, mark = case
    d = parse_docno(written)
    assert d is not None, written
    assert d.canonical == canonical
    assert d.mark == mark


@given(docnos())
def test_the_canonical_form_is_a_fixed_point(case):
    written, _, _ = case
    once = parse_docno(written)
    twice = parse_docno(once.canonical)
    assert twice == once


@given(docnos(), docnos())
def test_different_decisions_get_different_ids(a, b):
    if a[1] != b[1]:
        assert parse_docno(a[0]).canonical != parse_docno(b[0]).canonical
