"""Stage 7, build site: MkDocs for the fixed pages and the record-page shells, the sitemap.
(The output folder itself — staging, swap, marker — is outdir.)"""
from __future__ import annotations

import logging
import os
import re
import shutil
import zlib
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from . import ROOT
from .problems import problem
from .render import environment
from .records import Shell, shell_markdown

SITEMAP_LIMIT = 50_000


def write_shells(docs: Path, shells: list[Shell]) -> None:
    for s in shells:
        p = docs / s.md_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(shell_markdown(s), encoding="utf-8")


class _Collect(logging.Handler):
    """MkDocs' warnings, kept to be reported (not printed, not silenced)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(docs: Path, site_dir: Path, pub, gongshi_extra: dict, epoch: int) -> list[str]:
    """MkDocs builds the fixed pages and the shells; returns its warnings (see mkdocs_problems).
    SOURCE_DATE_EPOCH is set for the duration only: MkDocs reads it for the dates it writes."""
    cfg = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site_dir),
                      site_name=pub.site["name"], site_url=pub.site_url, site_description=pub.site.get("description", ""))
    cfg["extra"]["gongshi"] = gongshi_extra
    logger = logging.getLogger("mkdocs")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # the warnings become problem records, not stray lines on stderr
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        mkdocs_build(cfg)
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return collect.messages


_NOT_FOUND = re.compile(r"contains a link '[^']*', but the target '([^']+)' is not found among documentation files")


def mkdocs_problems(messages: list[str], site_dir: Path) -> list:
    """MkDocs' warnings as problem records. A link to a file the build writes after MkDocs ran
    (data/, feeds/, record pages) is no warning once that file exists in the finished site."""
    out = []
    for message in messages:
        m = _NOT_FOUND.search(message)
        if m and (site_dir / m.group(1)).exists():
            continue
        out.append(problem("mkdocs.warning", detail=message.splitlines()[0]))
    return out


def remove_shells(site_dir: Path) -> None:
    for p in site_dir.glob("_shells*"):
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def page_url(md_path: str) -> str:
    """The URL MkDocs gives a Markdown page (use_directory_urls): penalties/index.md → penalties/."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def sitemap_parts(urls: list[tuple[str, str]], limit: int = SITEMAP_LIMIT) -> dict[str, list[tuple[str, str]]]:
    """The sitemap's files: one `sitemap.xml` while every URL fits in one; beyond that, one
    part per large section (first path segment; the small ones share `pages`), each split into a power-of-two number of shards by
    a hash of the URL. A page added or removed then changes one part, not every part after it
    (as cutting one sorted list into runs of `limit` would)."""
    urls = sorted(set(urls))
    if len(urls) <= limit:
        return {"sitemap.xml": urls}
    by_head: dict[str, list[tuple[str, str]]] = {}
    for url in urls:
        by_head.setdefault(url[0].split("/", 1)[0] if "/" in url[0] else "", []).append(url)
    sections: dict[str, list[tuple[str, str]]] = {}
    for head, members in by_head.items():   # small sections share one part
        name = re.sub(r"[^a-z0-9]", "", head.lower())
        sections.setdefault(name if name and len(members) >= limit // 10 else "pages", []).extend(members)
    parts: dict[str, list[tuple[str, str]]] = {}
    for name, members in sorted(sections.items()):
        shards = 1
        while len(members) / shards > limit / 2:
            shards *= 2
        for url in members:
            key = f"sitemap-{name}-{zlib.crc32(url[0].encode()) % shards + 1}.xml" if shards > 1 else f"sitemap-{name}.xml"
            parts.setdefault(key, []).append(url)
    return parts


def write_sitemap(site_dir: Path, site_url: str, urls: list[tuple[str, str]]) -> None:
    """sitemap.xml, or a sitemap index over the parts `sitemap_parts` makes. It replaces
    MkDocs' own, whose gz copy is dropped so no file carries a stale list."""
    env = environment("templates")
    parts = sitemap_parts(urls)
    for name, members in parts.items():
        (site_dir / name).write_text(env.get_template("sitemap.xml").render(site_url=site_url, urls=members), encoding="utf-8")
    if "sitemap.xml" not in parts:
        (site_dir / "sitemap.xml").write_text(env.get_template("sitemap-index.xml").render(site_url=site_url, parts=sorted(parts)),
                                              encoding="utf-8")


EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'


def answer_theme_lookups(site_dir: Path) -> None:
    """Material's script looks for a sitemap.xml beside every <link rel="alternate"> (its
    language switcher); our alternates are the feeds, so an empty one there answers it
    instead of a 404 on every page load."""
    (site_dir / "feeds").mkdir(exist_ok=True)
    (site_dir / "feeds" / "sitemap.xml").write_text(EMPTY_SITEMAP, encoding="utf-8")


def folder_size(path: Path) -> tuple[int, int]:
    """(files, bytes) under a folder."""
    files = size = 0
    for root, _, names in os.walk(path):
        for name in names:
            files += 1
            size += os.stat(os.path.join(root, name)).st_size
    return files, size
