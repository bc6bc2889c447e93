"""The whole run, stage by stage: read → normalise → validate → (combine, lifecycle, mask) →
publish datasets → render pages → render feeds → build site.

`collect` does everything that reads and checks (what `gongshi validate` runs); `build`
adds everything that writes (what `gongshi build` runs)."""
from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import catalogue, lifecycle, mask
from .columns import spec
from .combine import combine, file_date
from .config import Publisher
from .normalise import decisions as norm_decisions
from .normalise import penalties as norm_penalties
from .normalise import withdrawals as norm_withdrawals
from .problems import Report, problem
from .read import read_grids
from .sources import list_sources
from .tables import tables_of
from .validate import check

Log = Callable[[str], None]


@dataclass
class Collected:
    """Everything read and checked, before anything is written."""

    pub: Publisher
    as_of: dt.date
    report: Report
    penalties: pd.DataFrame            # every decision (all states), normalised, NOT masked
    public: pd.DataFrame               # active decisions, masked: the only rows outputs may show
    notices: list[dict]                # withdrawal notices (masked reason)
    changes: list[dict]                # decisions a later export altered
    decisions: pd.DataFrame            # current catalogue items, every year
    decision_changes: list[dict]
    reports: list[dict]                # parsed annual reports with figures and checks
    figures: list[dict]                # report-figures rows
    files: dict[str, list[str]] = field(default_factory=dict)  # kind → source names read
    timings: list[tuple[str, float]] = field(default_factory=list)


def _load_penalty_file(path: Path, name: str, pub: Publisher, order: int) -> tuple[list[pd.DataFrame], list]:
    """read → tables → normalise → validate, for one file."""
    grids, problems = read_grids(path, name)
    if not grids:
        return [], problems
    tables, more = tables_of(grids, spec("penalties"), name)
    problems += more
    frames = []
    named_date = file_date(name)
    enums = {"所属区县": [u.name for u in pub.units]}
    for t in tables:
        problems += t.problems
        frame, cells = norm_penalties.normalise(t, pub, order=order, file_date=named_date)
        check(frame, cells, "penalties", present=set(t.written), extra_enums=enums)
        problems += cells.problems
        frames.append(frame)
    if frames and not named_date:  # no date in the name: the file is as new as its newest decision
        newest = max((f["处罚决定日期"].max() for f in frames if len(f)), default="") or ""
        for f in frames:
            f["_file_date"] = newest
    return frames, problems


def _load_table_files(root: Path, kind: str, normaliser, report: Report,
                      schema: str | None = None) -> list[tuple[str, pd.DataFrame, str]]:
    """read → tables → normalise (→ validate) for every file of a table-shaped kind.
    `normaliser(table)` returns (frame, cells)."""
    out = []
    for path, name in list_sources(root, kind):
        grids, problems = read_grids(path, name)
        report.extend(problems)
        if not grids:
            continue
        tables, problems = tables_of(grids, spec(kind), name)
        report.extend(problems)
        for t in tables:
            report.extend(t.problems)
            frame, cells = normaliser(t)
            if schema:
                check(frame, cells, schema, present=set(t.written))
            report.extend(cells.problems)
            out.append((name, frame, t.title))
    return out


def collect(sources: Path, pub: Publisher, as_of: dt.date, log: Log = lambda _: None) -> Collected:
    report = Report()
    timings: list[tuple[str, float]] = []
    files: dict[str, list[str]] = {}

    def stage(name: str):
        timings.append((name, time.perf_counter()))
        log(name)

    # penalties
    stage("读取并规范化处罚数据 read + normalise penalties")
    frames = []
    penalty_files = list_sources(sources, "penalties")
    files["penalties"] = [n for _, n in penalty_files]
    for order, (path, name) in enumerate(penalty_files):
        fs, problems = _load_penalty_file(path, name, pub, order)
        frames += fs
        report.extend(problems)
    stage("合并多份导出 combine exports")
    fields = norm_penalties.fields()
    penalties, problems, changes = combine(frames, [*fields, "所属区县"], norm_penalties.columns())
    report.extend(problems)
    future = penalties["处罚决定日期"] > as_of.isoformat()
    for _, r in penalties[future].iterrows():  # not yet decided as of that day: exists nowhere yet
        report.add(problem("date.future", file=r["_file"], sheet=r["_sheet"], row=r["_row"], column=r["_date_header"],
                           value=r["处罚决定日期"], detail=as_of.isoformat()))
    penalties = penalties[~future].reset_index(drop=True)

    # lifecycle
    stage("公示期限与撤回 publicity and withdrawals")
    ends, problems = lifecycle.publicity_end(penalties, pub)
    penalties["公示截止期"] = ends
    report.extend(problems)
    withdrawal_tables = _load_table_files(sources, "withdrawals", norm_withdrawals.normalise, report)
    files["withdrawals"] = sorted({n for n, _, _ in withdrawal_tables})
    withdrawals = pd.concat([f for _, f, _ in withdrawal_tables], ignore_index=True) if withdrawal_tables \
        else pd.DataFrame(columns=["行政处罚决定书文号", "记录编号", "类型", "日期", "理由", "_file", "_sheet", "_row"])
    penalties, problems = lifecycle.apply_withdrawals(penalties, withdrawals, as_of)
    report.extend(problems)
    penalties["_state"] = lifecycle.states(penalties, as_of)
    penalties = penalties.sort_values(["处罚决定日期", "记录编号"], ascending=[False, True], kind="stable").reset_index(drop=True)

    # personal data
    stage("遮蔽个人信息 mask personal data")
    masker = mask.masker_for(penalties, pub.masking)
    public = mask.mask_penalties(penalties[penalties["_state"] == lifecycle.ACTIVE], pub.masking)
    public = public.reset_index(drop=True)
    notices = lifecycle.notices(penalties)
    for n in notices:
        n["理由"] = masker.text(n["理由"])

    # decision catalogue
    stage("重大行政决策事项目录 decision catalogue")
    versions = []
    def normalise_version(t):
        year = norm_decisions.year_of(t.file, t.title)
        frame, cells = norm_decisions.normalise(t, year)
        return frame, cells
    for name, frame, title in _load_table_files(sources, "decisions", normalise_version, report, "decisions"):
        years = frame["年度"][frame["年度"].str.fullmatch(r"20\d{2}")]
        if years.empty:
            report.add(problem("decision.year", file=name))
            continue
        year = int(years.iloc[0])
        versions.append({"year": year, "date": file_date(name) or f"{year}-01-01", "file": name, "frame": frame})
    files["decisions"] = sorted({v["file"] for v in versions})
    decisions, decision_changes = catalogue.build(versions)

    # annual reports
    stage("法治政府建设年度报告 annual reports")
    from . import report as annual
    report_paths = list_sources(sources, "reports")
    files["reports"] = [n for _, n in report_paths]
    reports, figures, problems = annual.load_reports(report_paths)
    report.extend(problems)
    sidecars = {name: _sidecar(path) for path, name in report_paths}
    for r in reports:
        meta = sidecars.get(r["file"], {})
        r["source_meta"] = meta
        r["published"] = str(meta.get("published") or file_date(r["file"]) or f"{r['year'] + 1}-01-01")
    facts = data_facts(penalties)
    for r in reports:
        r["data_checks"] = annual.checks.data_checks(r["year"], r["figures"], facts.get(r["year"], {}))

    stage("完成 done")
    return Collected(pub=pub, as_of=as_of, report=report, penalties=penalties, public=public, notices=notices,
                     changes=changes, decisions=decisions, decision_changes=decision_changes, reports=reports,
                     figures=figures, files=files, timings=timings)


def _sidecar(path: Path) -> dict:
    """The provenance note beside a source file (<name>.meta.yml): url, publisher, published…"""
    import yaml
    meta = path.with_name(path.name + ".meta.yml")
    if not meta.exists():
        return {}
    try:
        return yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}


def data_facts(penalties: pd.DataFrame) -> dict[int, dict[str, dict]]:
    """Figures the data can confirm, per year, counting decisions no longer public (numbers only)."""
    years = penalties["处罚决定日期"].str[:4]
    facts: dict[int, dict[str, dict]] = {}
    for year, n in years.value_counts().items():
        if not year:
            continue
        facts[int(year)] = {
            "penalties_published": {"value": int(n), "label": f"{year}年处罚决定（含已不再公示的）", "source": "penalties"},
            "general_penalty_cases": {"value": int(n), "label": f"{year}年处罚决定（含已不再公示的）", "source": "penalties"},
        }
    return facts


@dataclass
class Built:
    collected: Collected
    files: int = 0
    bytes: int = 0
    pages: int = 0
    records_read: int = 0


def gongshi_extra(c: Collected, data_date: str) -> dict:
    """What the theme templates read as config.extra.gongshi."""
    from .feeds import specs
    from .views import domain
    s = c.pub.site
    return {
        "site_name": s["name"], "site_domain": domain(c.pub.site_url), "site_id_code": s["site_id_code"],
        "content_source": s.get("content_source", c.pub.name), "pub_date": f"{data_date} 00:00",
        "sample_data": c.pub.sample_data, "conac": s["conac"], "icp": s["icp"], "police_record": s["police_record"],
        "sponsor": s["sponsor"], "contact": s.get("contact", {}), "error_report_url": s["error_report_url"],
        "licence": c.pub.licence,
        "feeds": [{"key": f.key, "title": f.title, "rss": f.rss, "atom": f.atom} for f in specs(c.pub)],
    }


def build(sources: Path, out: Path, pub: Publisher, as_of: dt.date, log: Log = lambda _: None) -> Built:
    """Everything: refuses to write anything when the sources have an error."""
    from . import feeds, pages, publish, site
    from .records import PageWriter, Shell, load_shells
    from .render import environment
    from .views import penalties as pv
    from .views.reports import report_views
    from .views.updates import events as all_events

    c = collect(sources, pub, as_of, log)
    result = Built(collected=c)
    if not c.report.ok:
        return result
    data_date = publish.data_date(c).isoformat()
    epoch = int(dt.datetime.fromisoformat(data_date).replace(tzinfo=dt.timezone.utc).timestamp())
    with site.staging(out) as tmp:
        docs, site_dir, data_tmp = tmp / "docs", tmp / "site", tmp / "data-out"
        c.timings.append(("发布数据集 publish datasets", time.perf_counter())); log(c.timings[-1][0])
        written = publish.write_all(c, data_tmp)
        evts = all_events(c)
        feed_counts = {s.key: min(feeds.MAX_ENTRIES, sum(1 for e in evts if s.key in e["feeds"])) for s in feeds.specs(pub)}
        c.timings.append(("生成页面 render pages", time.perf_counter())); log(c.timings[-1][0])
        ctx = pages.contexts(c, written, evts, feed_counts, data_date, report_views(c))
        result.pages = pages.render(ctx, docs)
        shells = [Shell(d, s) for d in (2, 3) for s in (True, False)]
        site.write_shells(docs, shells)
        site.run_mkdocs(docs, site_dir, pub, gongshi_extra(c, data_date), epoch)
        mk_pages = [p for p in site.mkdocs_pages(site_dir) if not p.startswith("_shells")]
        templates = load_shells(site_dir, shells, pub.site_url)
        site.remove_shells(site_dir)

        c.timings.append(("生成记录页 render record pages", time.perf_counter())); log(c.timings[-1][0])
        writer = PageWriter(site_dir, templates, pub.site_url)
        head_env = environment("templates")
        sitemap: list[tuple[str, str]] = [(p, "") for p in mk_pages]
        for d in pv.decision_pages(c):
            it = d["item"]
            head = head_env.get_template("records/_head.html").render(base="../../", feeds=["penalties", f"county-{it['unit_code']}"])
            writer.write(d["path"], "records/decision.html", title=f"{it['docno']} {it['name']}", column="行政处罚",
                         column_type="行政处罚决定", pub_date=f"{it['date']} 00:00", head=head, d=d)
            sitemap.append((d["path"], it["date"]))
        for p in pv.company_pages(c):
            writer.write(p["path"], "records/company.html", title=p["name"], column="行政处罚", column_type="当事人",
                         pub_date=f"{p['last']} 00:00", p=p)
            sitemap.append((p["path"], p["last"]))
        for u in pv.county_pages(c):
            head = head_env.get_template("records/_head.html").render(base="../" * u["path"].count("/"), feeds=[f"county-{u['unit']['code']}"])
            writer.write(u["path"], "records/county.html", title=f"{u['unit']['name']}行政处罚决定", column="行政处罚",
                         column_type="列表", pub_date=f"{data_date} 00:00", head=head, searchable=False, u=u)
            sitemap.append((u["path"], ""))
        for y in pv.year_pages(c):
            writer.write(y["path"], "records/year.html", title=f"{y['year']}年行政处罚决定", column="行政处罚",
                         column_type="列表", pub_date=f"{data_date} 00:00", searchable=False, y=y)
            sitemap.append((y["path"], ""))
        (site_dir / "penalties").mkdir(exist_ok=True)
        write_list_index(c, site_dir / "penalties")

        c.timings.append(("生成订阅 render feeds", time.perf_counter())); log(c.timings[-1][0])
        for spec in feeds.specs(pub):
            feeds.write(spec, [{"id": e["url"], "title": e["title"], "summary": e["summary"], "date": e["date"],
                                "category": e.get("category", "")} for e in evts if spec.key in e["feeds"]],
                        pub.site_url, site_dir, pub.name, data_date)
        shutil_move(data_tmp / "data", site_dir / "data")
        site.write_sitemap(site_dir, pub.site_url, sitemap)
        site.answer_theme_lookups(site_dir)

        c.timings.append(("搜索索引 search index", time.perf_counter())); log(c.timings[-1][0])
        site.run_pagefind(site_dir)
        result.files, result.bytes = site.folder_size(site_dir)
        c.timings.append(("替换输出 swap output", time.perf_counter())); log(c.timings[-1][0])
        site.swap_in(site_dir, out)
    c.timings.append(("完成 done", time.perf_counter()))
    return result


def shutil_move(src: Path, dst: Path) -> None:
    import shutil
    shutil.move(str(src), str(dst))


def write_list_index(c: Collected, folder: Path) -> None:
    """penalties/index-<year>.json: the compact rows the list page filters in the browser."""
    import json

    from .views import penalties as pv
    rows = pv.list_index(c)
    years: dict[str, list] = {}
    for r in rows:
        years.setdefault(r["d"][:4], []).append(r)
    for year, part in years.items():
        (folder / f"index-{year}.json").write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (folder / "index.json").write_text(json.dumps({"years": sorted(years, reverse=True),
                                                    "counts": {y: len(p) for y, p in years.items()}},
                                                   ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
