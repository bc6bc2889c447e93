"""The writing half of `gongshi build`: publish datasets → render pages → render feeds →
search index → build site, into a temporary folder that replaces the output only when all
of it succeeded.

Two cores, in two phases: first a forked process renders a contiguous share of the decision
pages while this one renders the rest and the company, county and year pages; then a forked
process writes the penalties dataset while this one writes the other datasets, feeds, the
list and search indexes and the sitemap. A forked process copies only the memory it touches,
so a contiguous share keeps the peak low at national scale. Each process writes its own
files; nothing is shared but the collected data."""
from __future__ import annotations

import datetime as dt
import gc
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from . import audit, feeds, outdir, pages, publish, search, site
from .cache import Cache, PageReuse, code_fingerprint
from .config import Publisher
from .parallel import Background
from .pipeline import Collected, Log, collect
from .records import PageWriter, Shell, fill_slots, load_shells
from .render import environment
from .views import penalties as pv
from .views import site as site_view
from .views.opendata import datasets as opendata_datasets
from .views.reports import report_views
from .views.search import documents
from .views.updates import events as all_events

SHELLS = [Shell(2), Shell(3)]


@dataclass
class Built:
    collected: Collected
    files: int = 0
    bytes: int = 0
    pages: int = 0
    search: dict | None = None
    reused: int = 0


def gongshi_extra(c: Collected, data_date: str) -> dict:
    """What the theme templates read as config.extra.gongshi."""
    from .views import domain
    s = c.pub.site
    return {
        "site_name": s["name"], "site_domain": domain(c.pub.site_url), "site_id_code": s["site_id_code"],
        "content_source": s.get("content_source", c.pub.name), "pub_date": f"{data_date} 00:00",
        "sample_data": c.pub.sample_data, "conac": s["conac"], "icp": s["icp"], "police_record": s["police_record"],
        "sponsor": s["sponsor"], "contact": s.get("contact", {}), "error_report_url": s["error_report_url"],
        "licence": c.pub.licence,
        "feeds": [{"key": f.key, "title": f.title, "rss": f.rss, "atom": f.atom} for f in feeds.specs(c.pub)],
    }


def penalty_dataset(c: Collected, folder: Path) -> list:
    """The penalties dataset, the largest, in every format (run in a second process)."""
    return publish.write_datasets(c, folder, ["penalties"])


def data_outputs(c: Collected, folder: Path, evts: list[dict], data_date: str, mkdocs_pages: list[str],
                 groups: dict) -> dict:
    """The other datasets, feeds, the list index, the search index and the sitemap."""
    written = publish.write_datasets(c, folder, [n for n in publish.DATASETS if n != "penalties"])
    for spec in feeds.specs(c.pub):
        feeds.write(spec, [{"id": e["url"], "title": e["title"], "summary": e["summary"], "date": e["date"],
                            "category": e.get("category", "")} for e in evts if spec.key in e["feeds"]],
                    c.pub.site_url, folder, c.pub.name, data_date)
    write_list_index(c, folder / "penalties")
    stats = search.write_index(documents(c, report_views(c)), folder / "search")
    site.write_sitemap(folder, c.pub.site_url, sitemap_entries(c, mkdocs_pages, groups))
    return {"written": written, "search": stats}


def split_point(decisions: int, companies: int) -> int:
    """Where the second process's decisions start: it renders decisions[split:], this one the
    rest plus every company, county and year page (a company page costs about half a decision's)."""
    total = decisions + companies / 2
    return max(0, min(decisions, round(decisions - total / 2)))


def decision_range(c: Collected, writer: PageWriter, lo: int, hi: int, groups: dict) -> dict:
    """Decision pages lo…hi (the second process runs this on its contiguous share)."""
    heads = environment("templates").get_template("records/_head.html")
    head_of = {u.code: heads.render(base="../../", feeds=[feed_title(c, "penalties"), feed_title(c, f"county-{u.code}")])
               for u in c.pub.units}
    for d in pv.decision_pages(c, lo, hi, groups):
        it = d["item"]
        writer.write(d["path"], "records/decision.html", title=f"{it['docno']} {it['name']}", column="行政处罚",
                     column_type="行政处罚决定", pub_date=f"{it['date']} 00:00", head=head_of[it["unit_code"]],
                     record=it["id"], d=d)
    return writer.reuse.state()


def list_pages(c: Collected, writer: PageWriter, data_date: str, groups: dict) -> None:
    """Company, county and year pages."""
    heads = environment("templates").get_template("records/_head.html")
    rows = pv.Rows(c.public)
    for p in pv.company_pages(c, rows, groups):
        writer.write(p["path"], "records/company.html", title=p["name"], column="行政处罚", column_type="当事人",
                     pub_date=f"{p['last']} 00:00", p=p)
    for u in pv.county_pages(c, rows):
        head = heads.render(base="../" * u["path"].count("/"), feeds=[feed_title(c, f"county-{u['unit']['code']}")])
        writer.write(u["path"], "records/county.html", title=f"{u['unit']['name']}行政处罚决定", column="行政处罚",
                     column_type="列表", pub_date=f"{data_date} 00:00", head=head, u=u)
    for y in pv.year_pages(c, rows):
        writer.write(y["path"], "records/year.html", title=f"{y['year']}年行政处罚决定", column="行政处罚",
                     column_type="列表", pub_date=f"{data_date} 00:00", y=y)


def feed_title(c: Collected, key: str) -> dict:
    spec = next(s for s in feeds.specs(c.pub) if s.key == key)
    return {"key": key, "title": spec.title}


def sitemap_entries(c: Collected, mkdocs_pages: list[str], groups: dict) -> list[tuple[str, str]]:
    """Every public page, with the date of its content where it has one."""
    entries = [(p, "") for p in mkdocs_pages]
    entries += [(f"penalties/{s}/", d) for s, d in zip(c.public["_slug"].tolist(), c.public["处罚决定日期"].tolist())]
    entries += pv.company_index(c, groups)
    entries += [(path, "") for path in pv.list_page_paths(c)]
    return entries


def build(sources: Path, out: Path, pub: Publisher, as_of: dt.date, log: Log = lambda _: None,
          cache_dir: Path | None = None) -> Built:
    """Everything: refuses to write anything when the sources have an error or the written
    site fails its audit. With a cache folder, unchanged source files are not read again and
    unchanged record pages are taken from the site already at `out` (see cache.PageReuse).
    `out` must have passed outdir.check."""
    out = out.resolve()
    outdir.clean_stale(out)
    cache = Cache(cache_dir, code_fingerprint(pub.path))
    c = collect(sources, pub, as_of, log, cache)
    result = Built(collected=c)
    if not c.report.ok:
        return result

    def stage(name: str) -> None:
        c.timings.append((name, time.perf_counter()))
        log(name)

    # only counts are needed of decisions no longer public: let their text go before forking
    c.penalties = c.penalties[["记录编号", "处罚决定日期", "所属区县", "_unit_code", "罚款金额(万元)", "处罚类别",
                               "_state", "_withdrawal_date"]].copy()
    data_date = publish.data_date(c).isoformat()
    epoch = int(dt.datetime.fromisoformat(data_date).replace(tzinfo=dt.timezone.utc).timestamp())
    evts = all_events(c)
    groups = pv.company_groups(c)
    with outdir.staging(out) as tmp:
        docs, site_dir, data_dir = tmp / "docs", tmp / "site", tmp / "data-out"
        stage("生成页面 render pages")
        feed_counts = {s.key: min(feeds.MAX_ENTRIES, sum(1 for e in evts if s.key in e["feeds"])) for s in feeds.specs(pub)}
        contexts = pages.contexts(c, evts, feed_counts, data_date, report_views(c))
        result.pages = pages.render(contexts, docs)
        site.write_shells(docs, SHELLS)
        mkdocs_warnings = site.run_mkdocs(docs, site_dir, pub, gongshi_extra(c, data_date), epoch)
        previous = outdir.read_marker(out) if cache_dir is not None else None
        reuse = PageReuse(out if previous else None, (previous or {}).get("files"),
                          cache.get("stat", str(out)) if previous else None)
        writer = PageWriter(site_dir, load_shells(site_dir, SHELLS, pub.site_url), pub.site_url, reuse, cache.code)
        site.remove_shells(site_dir)
        gc.freeze()  # forked processes then copy only the memory they write, not what the collector walks
        try:
            stage("生成记录页（两个进程） render record pages (two processes)")
            n = len(c.public)
            split = split_point(n, len(groups))
            second = Background(decision_range, c, writer, split, n, groups)
            decision_range(c, writer, 0, split, groups)
            list_pages(c, writer, data_date, groups)
            reuse.merge(second.join())
            result.reused = reuse.reused

            stage("数据集、订阅、搜索索引与网站地图（两个进程） datasets, feeds, search index, sitemap (two processes)")
            penalties_job = Background(penalty_dataset, c, data_dir)
            outputs = data_outputs(c, data_dir, evts, data_date, [site.page_url(p) for p in contexts], groups)
            outputs["written"] += penalties_job.join()
            publish.write_package(c, data_dir, outputs["written"])
            result.search = outputs["search"]
        finally:
            gc.unfreeze()

        stage("组装网站 assemble site")
        for part in sorted(data_dir.iterdir()):
            target = site_dir / part.name
            if target.is_dir():
                for child in part.iterdir():
                    shutil.move(str(child), str(target / child.name))
            else:
                target.unlink(missing_ok=True)  # MkDocs' own sitemap gives way to ours
                shutil.move(str(part), str(target))
        (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)
        fill_slots(site_dir / "opendata" / "index.html",
                   files=environment("templates").get_template("_opendata_files.html").render(
                       datasets=opendata_datasets(outputs["written"]), site=site_view(c, data_date)))
        site.answer_theme_lookups(site_dir)
        outdir.write_marker(site_dir, pub.site_url, data_date, reuse.files)
        result.files, result.bytes = site.folder_size(site_dir)

        stage("自检 audit")
        problems, _ = audit.run(site_dir, pub.site_url)
        c.report.extend(site.mkdocs_problems(mkdocs_warnings, site_dir))
        c.report.extend(problems)
        if not c.report.ok:
            return result

        stage("替换输出 swap output")
        outdir.swap_in(site_dir, out)
        cache.put("stat", str(out), reuse.new_stats)
    stage("完成 done")
    return result


def write_list_index(c: Collected, folder: Path) -> None:
    """penalties/index-<year>.json: the compact rows the list page filters in the browser."""
    folder.mkdir(parents=True, exist_ok=True)
    years: dict[str, list] = {}
    for r in pv.list_index(c):
        years.setdefault(r["d"][:4], []).append(r)
    for year, part in years.items():
        (folder / f"index-{year}.json").write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (folder / "index.json").write_text(json.dumps({"years": sorted(years, reverse=True),
                                                    "counts": {y: len(p) for y, p in years.items()}},
                                                   ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
