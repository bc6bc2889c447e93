"""The catalogue of major administrative decisions, year by year, and how it changed.

A year's catalogue is published, then adjusted: several dated files for one year are
versions. The current catalogue is the latest version; the changelog compares each version
with the one before it (added, removed, changed items, naming the field that changed)."""
from __future__ import annotations

import pandas as pd

FIELDS = ["决策事项名称", "决策主体", "决策承办单位", "法律法规政策依据", "决策程序", "是否听证",
          "计划完成时间", "状态", "备注"]


def build(versions: list[dict]) -> tuple[pd.DataFrame, list[dict]]:
    """versions: [{year, date, file, frame}] → (current items of every year, changes newest first).

    A change: {date, year, file, kind: 发布|新增|调出|调整, 事项编号, 决策事项名称, fields: [{field, old, new}]}."""
    current, changes = [], []
    by_year: dict[int, list[dict]] = {}
    for v in versions:
        by_year.setdefault(v["year"], []).append(v)
    for year in sorted(by_year):
        vs = sorted(by_year[year], key=lambda v: (v["date"], v["file"]))
        ids: dict[str, str] = {}
        previous: dict[str, dict] | None = None
        for v in vs:
            items = {r["_key"]: r for r in v["frame"].sort_values("序号", kind="stable").to_dict("records") if r["_key"]}
            for key in items:
                ids.setdefault(key, f"{year}-{len(ids) + 1:02d}")
            base = {"date": v["date"], "year": year, "file": v["file"]}
            if previous is None:
                changes.append({**base, "kind": "发布", "事项编号": "", "决策事项名称": f"{year}年目录（{len(items)}项）",
                                "fields": [], "count": len(items)})
            else:
                for key, r in items.items():
                    if key not in previous:
                        changes.append({**base, "kind": "新增", "事项编号": ids[key], "决策事项名称": r["决策事项名称"], "fields": []})
                    else:
                        diff = [{"field": f, "old": previous[key][f], "new": r[f]} for f in FIELDS
                                if str(previous[key][f]) != str(r[f])]
                        if diff:
                            changes.append({**base, "kind": "调整", "事项编号": ids[key], "决策事项名称": r["决策事项名称"], "fields": diff})
                for key, r in previous.items():
                    if key not in items:
                        changes.append({**base, "kind": "调出", "事项编号": ids[key], "决策事项名称": r["决策事项名称"], "fields": []})
            previous = items
        latest = vs[-1]
        for r in previous.values():
            current.append({"事项编号": ids[r["_key"]], "年度": year, "序号": r["序号"],
                            **{f: r[f] for f in FIELDS}, "版本日期": latest["date"], "_file": latest["file"]})
    frame = pd.DataFrame(current, columns=["事项编号", "年度", "序号", *FIELDS, "版本日期", "_file"])
    changes.sort(key=lambda c: c["事项编号"])
    changes.sort(key=lambda c: (c["date"], c["year"]), reverse=True)  # newest first; items in order within a day
    return frame, changes
