#!/usr/bin/env python3
"""Benchmark (issue #7): the full `gongshi build` at city, province and nation scale, side by
side with a plain mkdocs-material site of the same records, and the rebuild after one new
decision.

For each workload it generates fictitious sources (benchmarks/fake_sources.py: GBK CSV and
XLSX mixed, several files per unit), all decided in 2026 and built as of 2026-12-31, so every
record is active. It reports, per stage, wall time and peak memory (the whole process tree,
sampled every 50 ms), then files and bytes written per folder, the largest HTML page, the
search bytes a browser downloads to answer Chinese queries, and what the home page loads.

    python benchmarks/bench_build.py                         # city and province, with plain mkdocs
    python benchmarks/bench_build.py --workloads nation --no-plain
    python benchmarks/bench_build.py --workloads city --out /tmp/bench

Needs Debian's chromium (for the browser measurements) and, for the plain comparison, jieba
(pip install -e '.[bench]'), with which mkdocs-material's built-in search segments Chinese.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import fake_sources  # noqa: E402

AS_OF = "2026-12-31"
WORKLOADS = {"city": (1_200, "city"), "province": (30_000, "province"), "nation": (300_000, "province")}
QUERIES = ["超标排放", "暗管", "示例化工", "DOCNO"]


# ------------------------------------------------------------------ measuring a process tree

def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def run_measured(cmd: list[str], cwd: Path = ROOT) -> dict:
    """Run a command; return wall time, peak tree memory, and per-stage times and peaks
    (stages are the progress lines gongshi prints: '  [  12.3s] stage name')."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stages: list[list] = [["start", 0.0, 0]]
    lines: list[str] = []
    peak = [0]

    def sample():
        while proc.poll() is None:
            rss = tree_rss(proc.pid)
            peak[0] = max(peak[0], rss)
            stages[-1][2] = max(stages[-1][2], rss)
            time.sleep(0.05)

    def read():
        for line in proc.stderr:
            lines.append(line)
            if line.strip().startswith("[") and "s]" in line:
                stages.append([line.split("]", 1)[1].strip(), time.perf_counter() - started, 0])

    threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=read, daemon=True)]
    for t in threads:
        t.start()
    out = proc.stdout.read()
    proc.wait()
    for t in threads:
        t.join(timeout=5)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{''.join(lines[-30:])}\n{out}")
    timed = []
    for i, (name, at, mem) in enumerate(stages):
        end = stages[i + 1][1] if i + 1 < len(stages) else wall
        timed.append({"stage": name, "seconds": round(end - at, 1), "peak_mb": round(mem / 2**20)})
    return {"seconds": round(wall, 1), "peak_mb": round(peak[0] / 2**20), "stages": timed, "stdout": out}


# ------------------------------------------------------------------ what the build wrote

def written(site: Path) -> dict:
    folders: dict[str, list[int]] = {}
    largest = (0, "")
    for root, _, names in os.walk(site):
        rel = Path(root).relative_to(site)
        top = rel.parts[0] if rel.parts else "(top)"
        for name in names:
            size = os.stat(os.path.join(root, name)).st_size
            f = folders.setdefault(top, [0, 0])
            f[0] += 1
            f[1] += size
            if name.endswith(".html") and size > largest[0]:
                largest = (size, str(rel / name))
    return {"folders": {k: {"files": v[0], "mb": round(v[1] / 2**20, 1)} for k, v in sorted(folders.items())},
            "files": sum(v[0] for v in folders.values()), "mb": round(sum(v[1] for v in folders.values()) / 2**20, 1),
            "largest_html_kb": round(largest[0] / 1024, 1), "largest_html": largest[1]}


def browser_measures(site: Path, docno: str) -> dict:
    """Bytes of search index downloaded per query, and everything the home page loads."""
    import functools
    import http.server
    import socketserver

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out = {"queries": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-background-networking", "--disable-component-update"])
            for query in QUERIES:
                q = docno if query == "DOCNO" else query
                context = browser.new_context()
                page = context.new_page()
                got = []
                page.on("response", lambda r: got.append(len(r.body())) if "/search/" in r.url and r.url.endswith(".json") else None)
                page.goto(base + "search/?q=" + q)
                page.wait_for_function("document.querySelector('.gs-search__status').innerText.includes('找到')", timeout=60000)
                status = page.inner_text(".gs-search__status")
                out["queries"][q] = {"kb": round(sum(got) / 1024, 1), "requests": len(got), "status": status}
                context.close()
            context = browser.new_context()
            page = context.new_page()
            home = []
            page.on("response", lambda r: home.append(len(r.body())) if r.ok else None)
            page.goto(base)
            page.wait_for_load_state("networkidle")
            out["home_kb"] = round(sum(home) / 1024, 1)
            out["home_requests"] = len(home)
            context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return out


# ------------------------------------------------------------------ the plain mkdocs-material site

PLAIN_MKDOCS = """site_name: 示例 plain mkdocs-material
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
nav:
  - index.md
not_in_nav: |
  /penalties/
"""


def plain_site(penalties_csv: Path, folder: Path) -> Path:
    """One Markdown page per decision (its fields as a table), the built-in search."""
    docs = folder / "docs" / "penalties"
    docs.mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# 行政处罚决定\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(PLAIN_MKDOCS, encoding="utf-8")
    with penalties_csv.open(encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            lines = [f"# {row['行政处罚决定书文号']} {row['行政相对人名称']}", "", "| 字段 | 内容 |", "| --- | --- |"]
            lines += [f"| {k} | {v.replace('|', '｜')} |" for k, v in row.items() if v]
            (docs / f"{i}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# ------------------------------------------------------------------ one workload

def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            p = Path(root) / name
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def gongshi(*args: str) -> list[str]:
    return [sys.executable, "-m", "build_scripts.cli", "build", "--as-of", AS_OF, *args]


def workload(name: str, work: Path, plain: bool, rebuild: bool) -> dict:
    records, units = WORKLOADS[name]
    src = work / name
    if not (src / "publisher.yml").exists():
        fake_sources.scale(records, src, units=units, years=(2026,), seed=7)
    sources, config = src / "sources", src / "publisher.yml"
    site, cache = work / f"{name}-site", work / f"{name}-cache"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    result = {"workload": name, "records": records}
    result["build"] = run_measured(gongshi("--sources", str(sources), "--config", str(config), "--out", str(site),
                                           "--cache", str(cache)))
    result["written"] = written(site)
    with (site / "data" / "penalties.csv").open(encoding="utf-8") as f:
        docno = next(csv.DictReader(f))["行政处罚决定书文号"]
    result["browser"] = browser_measures(site, docno)

    if rebuild:  # one more decision, in a new export, then the cached rebuild
        units_cfg = fake_sources.province_units(7) if units == "province" else fake_sources.city_units()
        prefix = fake_sources.PROVINCE_PREFIX if units == "province" else fake_sources.DEFAULT_PREFIX
        extra = fake_sources.penalty_records(1, 2026, seed=99, units=units_cfg[:1], start="2026-12-30", end="2026-12-30",
                                             prefix=prefix)
        extra[0]["行政处罚决定书文号"] = extra[0]["行政处罚决定书文号"].replace("〕1号", "〕99999号")
        added = sources / "penalties" / "2026-12-30-新增一件.xlsx"
        fake_sources.write_xlsx(extra, added, "新增一件（示例）")
        try:
            result["rebuild"] = run_measured(gongshi("--sources", str(sources), "--config", str(config), "--out", str(site),
                                                     "--cache", str(cache)))
            fresh = work / f"{name}-fresh"
            shutil.rmtree(fresh, ignore_errors=True)
            subprocess.run(gongshi("--sources", str(sources), "--config", str(config), "--out", str(fresh), "--no-cache"),
                           cwd=ROOT, check=True, capture_output=True)
            result["rebuild"]["identical_to_full_build"] = digest(site) == digest(fresh)
            shutil.rmtree(fresh, ignore_errors=True)
        finally:
            added.unlink()

    if plain:
        folder = work / f"{name}-plain"
        shutil.rmtree(folder, ignore_errors=True)
        plain_site(site / "data" / "penalties.csv", folder)
        measured = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml"),
                                 "-d", str(folder / "site")], cwd=folder)
        w = written(folder / "site")
        index = folder / "site" / "search" / "search_index.json"
        result["plain"] = {"seconds": measured["seconds"], "peak_mb": measured["peak_mb"], "files": w["files"], "mb": w["mb"],
                           "largest_html_kb": w["largest_html_kb"],
                           "search_index_kb": round(index.stat().st_size / 1024, 1) if index.exists() else None}
        shutil.rmtree(folder, ignore_errors=True)
    return result


def table(results: list[dict]) -> str:
    out = ["| workload | records | full build | peak memory | files | MB | largest page | search per query | home page | rebuild (+1) | plain mkdocs-material |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        q = max(v["kb"] for v in r["browser"]["queries"].values())
        rb = r.get("rebuild")
        plain = r.get("plain")
        out.append(
            f"| {r['workload']} | {r['records']:,} | {r['build']['seconds']} s | {r['build']['peak_mb']:,} MB | "
            f"{r['written']['files']:,} | {r['written']['mb']:,} | {r['written']['largest_html_kb']} KB | ≤ {q} KB | "
            f"{r['browser']['home_kb']} KB | "
            + (f"{rb['seconds']} s, identical: {rb['identical_to_full_build']}" if rb else "—") + " | "
            + (f"{plain['seconds']} s ({plain['seconds'] / r['build']['seconds']:.1f}x slower), {plain['mb']} MB, "
               f"search index {plain['search_index_kb']:,} KB" if plain else "—") + " |")
    out.append("")
    for r in results:
        out.append(f"{r['workload']}: stages " + "; ".join(
            f"{s['stage'].split(' ')[0]} {s['seconds']} s / {s['peak_mb']} MB" for s in r["build"]["stages"] if s["seconds"] >= 0.1))
        out.append(f"{r['workload']}: written " + ", ".join(f"{k} {v['files']:,} files {v['mb']} MB" for k, v in r["written"]["folders"].items()))
        out.append(f"{r['workload']}: queries " + ", ".join(f"{q} {v['kb']} KB ({v['requests']} files)" for q, v in r["browser"]["queries"].items()))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workloads", nargs="+", choices=list(WORKLOADS), default=["city", "province"])
    ap.add_argument("--out", type=Path, default=HERE / "out", help="where sources and sites go (default benchmarks/out)")
    ap.add_argument("--no-plain", action="store_true", help="skip the plain mkdocs-material comparison")
    ap.add_argument("--no-rebuild", action="store_true", help="skip the one-more-decision rebuild")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.workloads:
        print(f"… {name}", file=sys.stderr)
        r = workload(name, args.out, plain=not args.no_plain, rebuild=not args.no_rebuild)
        (args.out / f"{name}.json").write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
        results.append(r)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
