"""Stage 7, build site: MkDocs for the fixed pages and the record-page shells, the sitemap,
and the temporary folder that replaces the output folder only when everything succeeded
(a failed build leaves the old site as it was)."""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from . import ROOT
from .render import environment
from .records import Shell, shell_markdown

SITEMAP_LIMIT = 50_000


@contextlib.contextmanager
def staging(out: Path):
    """A fresh folder beside `out` (same file system, so the final swap is a rename)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def swap_in(built: Path, out: Path) -> None:
    """Replace `out` with `built`: two renames. The old site is deleted afterwards by a
    detached process (tens of thousands of files take seconds to unlink; nobody waits)."""
    out = out.resolve()
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
    try:
        built.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    for stale in out.parent.glob(f".{out.name}.old-*"):
        remove_later(stale)


def remove_later(path: Path) -> None:
    """Delete a folder without waiting for it (a detached `rm -rf`, or here and now)."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def write_shells(docs: Path, shells: list[Shell]) -> None:
    for s in shells:
        p = docs / s.md_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(shell_markdown(s), encoding="utf-8")


def run_mkdocs(docs: Path, site_dir: Path, pub, gongshi_extra: dict, epoch: int) -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    cfg = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site_dir),
                      site_name=pub.site["name"], site_url=pub.site_url, site_description=pub.site.get("description", ""))
    cfg["extra"]["gongshi"] = gongshi_extra
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        mkdocs_build(cfg)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def remove_shells(site_dir: Path) -> None:
    for p in site_dir.glob("_shells*"):
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def page_url(md_path: str) -> str:
    """The URL MkDocs gives a Markdown page (use_directory_urls): penalties/index.md → penalties/."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def write_sitemap(site_dir: Path, site_url: str, urls: list[tuple[str, str]]) -> None:
    """sitemap.xml (a sitemap index with parts beyond 50,000 URLs). It replaces MkDocs' own,
    whose gz copy is dropped so no file carries a stale list."""
    env = environment("templates")
    urls = sorted(set(urls))
    if len(urls) <= SITEMAP_LIMIT:
        (site_dir / "sitemap.xml").write_text(env.get_template("sitemap.xml").render(site_url=site_url, urls=urls), encoding="utf-8")
        return
    parts = [urls[i:i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)]
    names = []
    for n, part in enumerate(parts, start=1):
        name = f"sitemap-{n}.xml"
        (site_dir / name).write_text(env.get_template("sitemap.xml").render(site_url=site_url, urls=part), encoding="utf-8")
        names.append(name)
    (site_dir / "sitemap.xml").write_text(env.get_template("sitemap-index.xml").render(site_url=site_url, parts=names), encoding="utf-8")


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
