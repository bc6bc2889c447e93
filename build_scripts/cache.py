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


class PageReuse:
    """Pages of the previous build whose fingerprint is unchanged are hard-linked from it
    instead of rendered again. `previous` is the last build's {path: fingerprint} for the site
    still in place at `old_site`."""

    def __init__(self, old_site: Path | None, previous: dict[str, str]):
        self.old_site, self.previous = old_site, previous
        self.fingerprints: dict[str, str] = {}
        self.reused = 0

    def try_reuse(self, path: str, fingerprint: str, target: Path) -> bool:
        self.fingerprints[path] = fingerprint
        if self.old_site is None or self.previous.get(path) != fingerprint:
            return False
        source = self.old_site / path / "index.html"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
        except OSError:
            return False
        self.reused += 1
        return True
