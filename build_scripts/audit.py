"""The site audits itself: invariants that must hold for every record, page, link, feed item
and file, checked on the folder as written. `gongshi build` runs it before swapping a new
site in and refuses to publish when anything fails; `gongshi audit --out DIR` runs it on any
copy (a deployed one, say).

- every row of data/penalties.csv has exactly one page, at the address its key gives, and
  that page shows the row's number, party and fine; no page claims a record the CSV lacks;
- every internal link and asset reference of every HTML page resolves to a file;
- every feed entry link and every sitemap URL resolves to a file;
- every search document points to an existing page;
- data/datapackage.json's bytes and hashes match the files, and the package passes
  frictionless's own validation;
- the marker file lists exactly the site's files with their sizes and hashes.
Problems are records (rules `audit.*` in rules.yml), located at the file they concern."""
from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from . import search
from .normalise.values import parse_docno
from .outdir import MARKER, read_marker
from .problems import Problem, problem
from .views import record_url

MAX_PER_RULE = 50  # a broken template breaks every page alike: enough to see the pattern
_LINK = re.compile(rb"""\s(?:href|src)=(?:"([^"]*)"|'([^']*)')""")
_RECORD = re.compile(rb'data-gs-record="([^"]+)"')
_EXTERNAL = ("mailto:", "tel:", "data:", "javascript:", "//")


class Audit:
    def __init__(self, site: Path, site_url: str):
        self.site, self.site_url = site, site_url
        self.base_path = urlsplit(site_url).path or "/"
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}
        self.files: set[str] = set()
        self.dirs: set[str] = set()
        for root, dirnames, names in os.walk(site):
            rel = Path(root).relative_to(site).as_posix()
            prefix = "" if rel == "." else rel + "/"
            self.dirs.add(prefix)
            self.files.update(prefix + n for n in names)

    def add(self, rule: str, file: str, value: str = "", detail: str = "") -> None:
        n = self.counts[rule] = self.counts.get(rule, 0) + 1
        if n <= MAX_PER_RULE:
            self.problems.append(problem(rule, file=file, value=value, detail=detail))

    # ------------------------------------------------------------ addresses
    def resolves(self, path: str) -> bool:
        """Does a site-relative path (no query/fragment, unquoted) name a file?"""
        if path in ("", "/"):
            return "index.html" in self.files
        path = path.lstrip("/")
        if path.endswith("/"):
            return path + "index.html" in self.files
        return path in self.files or (path + "/" in self.dirs and path + "/index.html" in self.files)

    def site_path(self, url: str) -> str | None:
        """The site-relative path of an absolute URL of this site, or None for another site's."""
        if not url.startswith(self.site_url):
            return None
        return unquote(urlsplit(url).path)[len(self.base_path):]

    # ------------------------------------------------------------ checks
    def records(self) -> None:
        """Every CSV row ↔ exactly one page showing its number, party and fine."""
        rows_csv = self.site / "data" / "penalties.csv"
        if not rows_csv.exists():
            self.add("audit.missing_file", "data/penalties.csv")
            return
        seen: dict[str, str] = {}
        with rows_csv.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), start=2):
                key = row.get("记录编号", "")
                d = parse_docno(key)
                if d is None or d.canonical != key:
                    self.add("audit.record_key", "data/penalties.csv", key, f"第{n}行 row {n}")
                    continue
                page = record_url(d.slug) + "index.html"
                if page in seen:
                    self.add("audit.record_shared", page, key, seen[page])
                    continue
                seen[page] = key
                if page not in self.files:
                    self.add("audit.record_page", page, key)
                    continue
                text = (self.site / page).read_text(encoding="utf-8")
                wanted = [row.get("行政处罚决定书文号", ""), row.get("行政相对人名称", "")]
                fine = row.get("罚款金额(万元)", "")
                if fine:
                    wanted.append(f"{fine} 万元")
                missing = [w for w in wanted if w and html.escape(w, quote=False) not in text]
                if missing or f'data-gs-record="{html.escape(key)}"' not in text:
                    self.add("audit.record_content", page, key, "、".join(missing) or "data-gs-record")
        for page in sorted(p for p in self.files if p.startswith("penalties/") and p.endswith("/index.html")):
            if page in seen:
                continue
            m = _RECORD.search((self.site / page).read_bytes())
            if m:
                self.add("audit.record_orphan", page, html.unescape(m.group(1).decode("utf-8")))

    def links(self) -> None:
        """Every href/src of every page resolves to a file of the site (or leaves the site)."""
        memo: dict[tuple[str, str], bool] = {}
        for rel in sorted(p for p in self.files if p.endswith(".html")):
            page_dir = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
            data = (self.site / rel).read_bytes()
            broken: set[str] = set()
            for m in _LINK.finditer(data):
                raw = (m.group(1) if m.group(1) is not None else m.group(2)).decode("utf-8", "replace")
                target = html.unescape(raw).strip()
                if not target or target.startswith("#") or target.lower().startswith(_EXTERNAL):
                    continue
                key = (page_dir, target)
                ok = memo.get(key)
                if ok is None:
                    ok = memo[key] = self._link_ok(page_dir, target)
                if not ok and target not in broken:
                    broken.add(target)
                    self.add("audit.broken_link", rel, target)

    def _link_ok(self, page_dir: str, target: str) -> bool:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            path = self.site_path(target)
            return True if path is None else self.resolves(path)
        absolute = urljoin("https://site.invalid/" + page_dir, target)
        path = unquote(urlsplit(absolute).path)
        if path.startswith("/../") or path == "/..":
            return False
        return self.resolves(path)

    def feeds(self) -> None:
        """Every feed entry's link (and id, when it is a URL of this site) resolves."""
        for rel in sorted(p for p in self.files if p.startswith("feeds/") and p.endswith((".xml", ".atom"))):
            if rel == "feeds/sitemap.xml":
                continue
            try:
                root = ElementTree.parse(self.site / rel).getroot()
            except ElementTree.ParseError as e:
                self.add("audit.feed_invalid", rel, detail=str(e))
                continue
            for url in _feed_links(root):
                path = self.site_path(url)
                if path is None or not self.resolves(path):
                    self.add("audit.feed_link", rel, url)

    def sitemap(self) -> None:
        for rel in sorted(p for p in self.files if re.fullmatch(r"sitemap(-[a-z0-9-]+)?\.xml", p)):
            try:
                root = ElementTree.parse(self.site / rel).getroot()
            except ElementTree.ParseError as e:
                self.add("audit.feed_invalid", rel, detail=str(e))
                continue
            for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
                url = (loc.text or "").strip()
                path = self.site_path(url)
                if path is None or not self.resolves(path):
                    self.add("audit.sitemap_url", rel, url)

    def search_index(self) -> None:
        folder = self.site / "search"
        if not folder.is_dir():
            return
        for url in search.document_urls(folder):
            path = unquote(urlsplit(url).path)
            if not self.resolves(path):
                self.add("audit.search_document", "search/", url)

    def datapackage(self, frictionless: bool = True) -> None:
        rel = "data/datapackage.json"
        if rel not in self.files:
            self.add("audit.missing_file", rel)
            return
        package = json.loads((self.site / rel).read_text(encoding="utf-8"))
        for res in package.get("resources", []):
            path = f"data/{res['path']}"
            if path not in self.files:
                self.add("audit.package_file", path, res["name"], "missing")
                continue
            raw = (self.site / path).read_bytes()
            if len(raw) != res.get("bytes") or f"sha256:{hashlib.sha256(raw).hexdigest()}" != res.get("hash"):
                self.add("audit.package_file", path, res["name"], "bytes/hash")
        if frictionless:
            for name, message in validate_package(self.site / rel):
                self.add("audit.package_invalid", rel, name, message)

    def marker(self) -> None:
        doc = read_marker(self.site)
        if doc is None:
            self.add("audit.marker", MARKER)
            return
        listed = doc.get("files", {})
        actual = {p for p in self.files if not _bookkeeping(p)}
        for p in sorted(actual - listed.keys()):
            self.add("audit.marker", p, detail="unlisted")
        for p in sorted(listed.keys() - actual):
            self.add("audit.marker", p, detail="missing")
        for p in sorted(actual & listed.keys()):
            if os.stat(self.site / p).st_size != listed[p][0]:
                self.add("audit.marker", p, detail="size")


def _bookkeeping(rel: str) -> bool:
    """Files of the build's own bookkeeping, not part of the published site."""
    return rel.startswith(".")


def _feed_links(root) -> Iterator[str]:
    atom = "{http://www.w3.org/2005/Atom}"
    for item in root.iter("item"):
        for tag in ("link", "guid"):
            el = item.find(tag)
            if el is not None and el.text:
                yield el.text.strip()
    for entry in root.iter(f"{atom}entry"):
        for link in entry.findall(f"{atom}link"):
            if link.get("href"):
                yield link.get("href")
        el = entry.find(f"{atom}id")
        if el is not None and el.text and el.text.startswith("http"):
            yield el.text.strip()


def validate_package(path: Path) -> list[tuple[str, str]]:
    """(resource, message) for each error frictionless itself finds in the package."""
    from frictionless import Package, system
    with system.use_context(trusted=True):
        report = Package(str(path)).validate()
    out = []
    for task in report.tasks:
        for err in task.errors[:5]:
            out.append((task.name or task.place, err.message))
    for err in report.errors[:5]:
        out.append(("datapackage", err.message))
    return out


def run(site: Path, site_url: str, *, frictionless: bool = True) -> tuple[list[Problem], dict[str, int]]:
    """All checks on a built site folder: (problems, count per rule)."""
    a = Audit(site, site_url)
    a.records()
    a.links()
    a.feeds()
    a.sitemap()
    a.search_index()
    a.datapackage(frictionless)
    a.marker()
    return a.problems, a.counts

