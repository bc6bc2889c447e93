"""How long a penalty stays public, and when it must come down (domain.md §4).

As of a given day every decision has one state: 公示中 (active), 已到期 (past its 公示截止期),
已信用修复 (credit repair granted) or 已撤回 (revoked, changed, found unlawful or void). Only
active decisions are published; a withdrawn one leaves a notice with no case content."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .config import Publisher
from .normalise.values import add_months
from .problems import Problem, problem

ACTIVE, EXPIRED, REPAIRED, WITHDRAWN = "公示中", "已到期", "已信用修复", "已撤回"
NOTICE_TYPES = ("撤销", "变更", "确认违法", "确认无效")


def publicity_end(frame: pd.DataFrame, pub: Publisher) -> tuple[pd.Series, list[Problem]]:
    """公示截止期 within the legal bounds: a period the source states outside 3 months – 3 years
    (by default) is clamped to the nearer bound, with a warning. (Absent ones were filled
    from the default period when the sources were normalised.)"""
    p = pub.publicity
    ends, problems = frame["公示截止期"].copy(), []
    given = frame[frame["_end_given"] & (frame["处罚决定日期"] != "") & (frame["公示截止期"] != "")]
    for i, decided, end_text, file, sheet, row in zip(given.index, given["处罚决定日期"], given["公示截止期"],
                                                     given["_file"], given["_sheet"], given["_row"]):
        d = dt.date.fromisoformat(decided)
        lo, hi = add_months(d, p["min_period_months"]), add_months(d, p["max_period_months"])
        end = dt.date.fromisoformat(end_text)
        if not (lo <= end <= hi):
            problems.append(problem("period.clamped", file=file, sheet=sheet, row=row, column="公示截止期",
                                    value=end_text, detail=f"{decided} → {end_text}"))
            ends.at[i] = min(max(end, lo), hi).isoformat()
    return ends, problems


def apply_withdrawals(frame: pd.DataFrame, withdrawals: pd.DataFrame, as_of: dt.date) -> tuple[pd.DataFrame, list[Problem]]:
    """Attach to each decision the withdrawal in effect as of `as_of` (the latest one)."""
    problems: list[Problem] = []
    frame = frame.copy()
    frame["_withdrawal"], frame["_withdrawal_date"], frame["_withdrawal_reason"] = "", "", ""
    if withdrawals.empty:
        return frame, problems
    known = dict(zip(frame["记录编号"], frame["处罚决定日期"]))
    pos = {rid: i for i, rid in enumerate(frame["记录编号"])}
    effective = withdrawals[(withdrawals["日期"] != "") & (withdrawals["记录编号"] != "")]
    for _, w in effective.sort_values("日期", kind="stable").iterrows():
        rid = w["记录编号"]
        if rid not in known:
            problems.append(problem("withdrawal.unknown", file=w["_file"], sheet=w["_sheet"], row=w["_row"],
                                    column="行政处罚决定书文号", value=w["行政处罚决定书文号"]))
            continue
        if known[rid] and w["日期"] < known[rid]:
            problems.append(problem("withdrawal.before_decision", file=w["_file"], sheet=w["_sheet"], row=w["_row"],
                                    column="日期", value=w["日期"], detail=known[rid]))
            continue
        if w["日期"] > as_of.isoformat():  # takes effect on its day
            problems.append(problem("date.future", file=w["_file"], sheet=w["_sheet"], row=w["_row"],
                                    column="日期", value=w["日期"], detail=as_of.isoformat()))
            continue
        i = pos[rid]
        frame.iat[i, frame.columns.get_loc("_withdrawal")] = w["类型"]
        frame.iat[i, frame.columns.get_loc("_withdrawal_date")] = w["日期"]
        frame.iat[i, frame.columns.get_loc("_withdrawal_reason")] = w["理由"]
    return frame, problems


def states(frame: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """Each decision's state as of `as_of`. A decision is public through its 公示截止期 and
    comes down the day after."""
    day = as_of.isoformat()
    state = pd.Series(ACTIVE, index=frame.index, dtype=object)
    state[frame["公示截止期"] < day] = EXPIRED
    state[frame["_withdrawal"] == "信用修复"] = REPAIRED
    state[frame["_withdrawal"].isin(NOTICE_TYPES)] = WITHDRAWN
    return state


def notices(frame: pd.DataFrame) -> list[dict]:
    """Withdrawal notices (行政处罚法 art. 48): number, authority, date, reason; nothing else."""
    rows = frame[frame["_withdrawal"].isin(NOTICE_TYPES)].sort_values(["_withdrawal_date", "记录编号"],
                                                                       ascending=[False, True])
    return [
        {"行政处罚决定书文号": r["行政处罚决定书文号"], "处罚机关": r["处罚机关"], "撤回类型": r["_withdrawal"],
         "撤回日期": r["_withdrawal_date"], "理由": r["_withdrawal_reason"], "所属区县": r["所属区县"],
         "记录编号": r["记录编号"]}
        for _, r in rows.iterrows()
    ]
