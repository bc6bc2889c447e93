"""Stage 5b, render pages: site_src/pages/**/*.md.j2 → Markdown for MkDocs, one context each.

The templates get plain dicts from `views`; values are escaped by Jinja and placed in HTML
blocks, so a 违法事实 containing <script> or Markdown shows as literal text."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import SITE_SRC
from .feeds import MAX_ENTRIES
from .problems import redacted
from .render import environment
from .views import items, penalties as pv, site as site_view
from .views.catalogue import catalogue_years, change_years
from .views.opendata import datasets as opendata_datasets
from .views.updates import by_date, published_order

LATEST = 50
LIST_LIMIT = 300  # rows on the 撤回公告 and 数据质量 pages; the datasets and the report hold them all


def _by_rule(problems) -> list[dict]:
    counts: dict[str, dict] = {}
    for p in problems:
        entry = counts.setdefault(p.rule, {"rule": p.rule, "count": 0, "example": redacted(p)})
        entry["count"] += 1
    return sorted(counts.values(), key=lambda e: -e["count"])


def contexts(c, events, feed_counts, data_date, report_views) -> dict[str, dict]:
    """Output Markdown path → context of its template (template = same path + .j2)."""
    site = site_view(c, data_date)
    overview = pv.overview(c)
    options = pv.filter_options(c)
    latest = items(published_order(c.public).head(LATEST))
    years = catalogue_years(c)
    current = years[0] if years else {"year": "", "items": []}
    latest_year = overview["latest_year"]
    from .feeds import specs
    feeds = [{"key": s.key, "title": s.title, "description": s.description, "rss": s.rss, "atom": s.atom,
              "count": feed_counts.get(s.key, 0)} for s in specs(c.pub)]
    base = {"site": site}
    ctx = {
        "index.md": {**base, "overview": overview, "latest": latest[:10],
                     "catalogue_events": [e for e in events if e["kind"].startswith("目录")][:6],
                     "catalogue_count": len(current["items"]), "catalogue_year": current["year"],
                     "reports": report_views["list"]},
        "penalties/index.md": {**base, "overview": overview, "options": options, "latest": latest,
                               "index_path": "../penalties/index.json"},
        "counties/index.md": {**base, "units": pv.unit_summary(c, latest_year), "latest_year": latest_year},
        "withdrawals/index.md": {**base, "notices": c.notices[:LIST_LIMIT], "total": len(c.notices)},
        "decisions/index.md": {**base, "years": years, "procedures": _procedures()},
        "decisions/changes.md": {**base, "years": change_years(c)},
        "opendata/index.md": {**base, "datasets": opendata_datasets([])},
        "feeds/index.md": {**base, "feeds": feeds, "max_entries": MAX_ENTRIES},
        "updates.md": {**base, "days": by_date(events)},
        "search.md": base,
        "about.md": base,
        "quality.md": {**base, "warnings": [redacted(p) for p in c.report.warnings[:LIST_LIMIT]],
                       "total": len(c.report.warnings), "by_rule": _by_rule(c.report.warnings), "changes": c.changes},
        "reports/index.md": {**base, **report_views},
        "reports/checks.md": {**base, **report_views},
        "reports/compare.md": {**base, **report_views},
    }
    for r in report_views["reports"]:
        ctx[f"reports/{r['year']}.md"] = {**base, "r": r, "template": "reports/year.md.j2"}
    return ctx


def _procedures() -> list[str]:
    from .normalise.decisions import _procedure_lookup
    return _procedure_lookup()[1]


def render(ctx: dict[str, dict], docs: Path) -> int:
    """Write every page into `docs`, copy the static assets; returns the number of pages."""
    env = environment("pages")
    for out, context in ctx.items():
        template = env.get_template(context.get("template", out + ".j2"))
        path = docs / out
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.render(**context), encoding="utf-8")
    shutil.copytree(SITE_SRC / "assets", docs / "assets", dirs_exist_ok=True)
    return len(ctx)
