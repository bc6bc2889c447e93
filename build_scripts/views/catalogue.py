"""Views of the decision catalogue: the current items of each year and the changelog."""
from __future__ import annotations


def catalogue_years(c) -> list[dict]:
    out = []
    for year in sorted(c.decisions["年度"].unique(), reverse=True):
        rows = c.decisions[c.decisions["年度"] == year].sort_values("序号")
        recs = rows.to_dict("records")
        changes = sum(1 for ch in c.decision_changes if ch["year"] == year and ch["kind"] != "发布")
        versions = {ch["date"] for ch in c.decision_changes if ch["year"] == year}
        out.append({"year": int(year), "items": recs, "version_date": recs[0]["版本日期"] if recs else "",
                    "file": recs[0]["_file"] if recs else "", "changes": len(versions) - 1 if changes else 0})
    return out


def change_years(c) -> list[dict]:
    years: dict[int, list[dict]] = {}
    for ch in c.decision_changes:
        years.setdefault(ch["year"], []).append(ch)
    return [{"year": y, "changes": years[y]} for y in sorted(years, reverse=True)]
