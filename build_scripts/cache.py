"""Reusing the outputs of stages whose inputs did not change, so a commit that adds one
decision rebuilds in seconds, with output identical to a full build.

Everything is keyed by checksums: of the input (a source file's bytes, a page's context)
and of the code that turns it into output (build_scripts, schemas, templates, theme,
settings, and the versions of the libraries that write files). Change any of them and the
key changes; nothing is ever reused on a guess. The cache is a plain folder (default
.gongshi-cache/); deleting it only makes the next build a full one."""
from __future__ import annotations

import hashlib
import os
import pickle
from importlib import metadata
from pathlib import Path

from . import ROOT

LIBRARIES = ("mkdocs", "mkdocs-material", "Jinja2", "MarkupSafe", "pandas", "XlsxWriter", "feedgen",
             "python-calamine", "charset-normalizer", "python-stdnum", "lxml", "python-docx")


def code_fingerprint(*extra_files: Path) -> str:
    """One checksum of everything that shapes the output besides the sources."""
    h = hashlib.sha256()
    folders = [ROOT / "build_scripts", ROOT / "datasets" / "schemas", ROOT / "site_src"]
    files = sorted(p for f in folders for p in f.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for p in [*files, ROOT / "mkdocs.yml", *extra_files]:
        h.update(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p.name).encode())
        h.update(p.read_bytes())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(lib.encode())
    return h.hexdigest()


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


class Cache:
    """Pickled values by (kind, key) under a folder; a disabled cache (folder None) keeps nothing."""

    def __init__(self, folder: Path | None, code: str):
        self.folder, self.code = folder, code

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.pickle"

    def get(self, kind: str, key: str):
        if self.folder is None:
            return None
        try:
            return pickle.loads(self._path(kind, digest(self.code, key)).read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def put(self, kind: str, key: str, value) -> None:
        if self.folder is None:
            return
        path = self._path(kind, digest(self.code, key))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PageReuse:
    """Record pages whose inputs are those of the page already in the output folder are
    hard-linked from it instead of rendered again.

    What decides reuse lives with the output it describes: the previous site's marker
    (outdir.MARKER) lists every file with its size and sha256, and every record page with the
    fingerprint of its inputs (context, template, shell, code). A page is reused only when its
    fingerprint is unchanged AND the file in the previous site still has the listed content:
    checked through (inode, mtime, size) as the last cached build recorded them (`stats`), or,
    when those differ, by hashing the file. Anything else — no marker, another build replaced
    the site in between, a hand-edited page — means the page is rendered afresh."""

    def __init__(self, old_site: Path | None, previous_files: dict[str, list] | None = None,
                 stats: dict[str, list[int]] | None = None):
        self.old_site, self.previous, self.stats = old_site, previous_files or {}, stats or {}
        self.files: dict[str, list] = {}        # rel path → [size, sha256, fingerprint] of this build's pages
        self.new_stats: dict[str, list[int]] = {}  # rel path → [inode, mtime_ns, size]
        self.reused = 0

    def try_reuse(self, rel: str, fingerprint: str, target: Path) -> bool:
        known = self.previous.get(rel)
        if self.old_site is None or known is None or len(known) < 3 or known[2] != fingerprint:
            return False
        source = self.old_site / rel
        try:
            st = os.stat(source)
            if st.st_size != known[0]:
                return False
            if self.stats.get(rel) != [st.st_ino, st.st_mtime_ns, st.st_size] \
                    and file_hash(source.read_bytes()) != known[1]:
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
        except OSError:
            return False
        self.files[rel] = [known[0], known[1], fingerprint]
        self.new_stats[rel] = [st.st_ino, st.st_mtime_ns, st.st_size]
        self.reused += 1
        return True

    def wrote(self, rel: str, fingerprint: str, data: bytes, target: Path) -> None:
        st = os.stat(target)
        self.files[rel] = [len(data), file_hash(data), fingerprint]
        self.new_stats[rel] = [st.st_ino, st.st_mtime_ns, st.st_size]

    def merge(self, other: dict) -> None:
        """Take in what a second process's PageReuse recorded (its `state()`)."""
        self.files.update(other["files"])
        self.new_stats.update(other["stats"])
        self.reused += other["reused"]

    def state(self) -> dict:
        return {"files": self.files, "stats": self.new_stats, "reused": self.reused}
