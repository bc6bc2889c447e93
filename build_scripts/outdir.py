"""The output folder: which folders gongshi may replace, how a new site replaces the old one,
and what a crashed run leaves behind.

- `--out` is only ever a gongshi site: absent, empty, or carrying the marker file
  (MARKER, written into every site gongshi builds). Never the sources, the project, the
  cache, the home folder or / (nor any folder holding one of them), never inside the sources.
- A site is built in a staging folder beside `--out` (same file system) and swapped in with
  one atomic exchange of the two folders (Linux renameat2 RENAME_EXCHANGE): at every moment
  `--out` is a complete site, the old one or the new one. Where the exchange is not
  available, two renames (a moment without a site; said in README).
- Staging folders are named `.<out>.building-<pid>-<random>`; one whose process is gone
  (killed mid-build, or the old site of a finished swap whose removal was interrupted) is
  removed at the next run.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

MARKER = ".gongshi-site.json"
GENERATOR = "gongshi"


class OutError(Exception):
    """--out names a folder gongshi must not replace (a usage error: exit 2)."""


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def read_marker(folder: Path) -> dict | None:
    """The marker of a gongshi site, or None when the folder is not one."""
    try:
        doc = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) and doc.get("generator") == GENERATOR else None


def check(out: Path, protected: dict[str, Path]) -> Path:
    """The resolved output folder, or OutError saying why gongshi must not replace it.
    `protected`: {description: path} of folders that must never be replaced or held by
    `--out` (sources, project, cache …); the home folder and / are always protected."""
    target = out.resolve()
    guarded = {**protected, "用户主目录 home folder": Path.home(), "根目录 /": Path("/")}
    for what, path in guarded.items():
        path = path.resolve()
        if _within(path, target):
            raise OutError(f"输出文件夹 {out} 是{what}（或包含它）；gongshi 不会替换它。\n"
                           f"Output folder {out} is, or holds, the {what.split(' ', 1)[-1]}; gongshi will not replace it.")
    sources = protected.get("来源文件夹 sources folder")
    if sources is not None and _within(target, sources.resolve()):
        raise OutError(f"输出文件夹 {out} 在来源文件夹之内；请换一个位置。\n"
                       f"Output folder {out} is inside the sources folder; choose another place.")
    if target.exists():
        if not target.is_dir():
            raise OutError(f"输出位置 {out} 是一个文件，不是文件夹。\nOutput {out} is a file, not a folder.")
        if any(target.iterdir()) and read_marker(target) is None:
            raise OutError(f"输出文件夹 {out} 不是空的，也不是 gongshi 生成的网站（没有 {MARKER}）；"
                           f"为免删除他人文件，gongshi 不会替换它。请指定空文件夹或新的位置。\n"
                           f"Output folder {out} is neither empty nor a site gongshi built (no {MARKER}); to avoid "
                           f"deleting anyone's files gongshi will not replace it. Give an empty or new folder.")
    return target


_STAGING = re.compile(r"^\.(?P<name>.+)\.building-(?P<pid>\d+)-[A-Za-z0-9_]+$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out: Path) -> list[Path]:
    """Remove staging folders beside `out` left by runs that no longer exist; returns them."""
    removed = []
    if not out.parent.is_dir():
        return removed
    for p in out.parent.iterdir():
        m = _STAGING.match(p.name)
        if m and m["name"] == out.name and p.is_dir() and not p.is_symlink() and not _alive(int(m["pid"])):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def _staging_name(out: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.building-{os.getpid()}-", dir=out.parent))


@contextlib.contextmanager
def staging(out: Path):
    """A fresh folder beside `out`, removed when the build ends however it ends."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _staging_name(out)
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(built: Path, out: Path) -> None:
    """Make `built` the site at `out`. The old site moves to a staging name of its own and is
    removed in the background (clean_stale finishes it if that is cut short)."""
    if not out.exists():
        built.rename(out)
        return
    old = _staging_name(out)
    if _exchange(built, out):
        built.rename(old / "site")
    else:
        out.rename(old / "site")  # no exchange here: a moment without a site
        try:
            built.rename(out)
        except OSError:
            (old / "site").rename(out)
            raise
    remove_later(old)


def remove_later(path: Path) -> None:
    """Delete a folder without waiting for it (a detached `rm -rf`, or here and now). A
    removal cut short leaves a staging name that clean_stale finishes next time."""
    if not path.exists():
        return
    try:
        subprocess.Popen(["rm", "-rf", "--", str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def write_marker(site_dir: Path, site_url: str, data_date: str, pages: dict[str, list]) -> None:
    """MARKER: says the folder is a gongshi site, and lists every file of it with its size and
    sha256 (record pages also with the fingerprint of their inputs, for PageReuse). Same site,
    same bytes. `pages`: rel path → [size, sha256, fingerprint] of the record pages written."""
    import hashlib
    files: dict[str, list] = {}
    for root, _, names in os.walk(site_dir):
        rel_root = Path(root).relative_to(site_dir).as_posix()
        for name in names:
            rel = name if rel_root == "." else f"{rel_root}/{name}"
            if rel.startswith("."):
                continue
            known = pages.get(rel)
            if known is not None:
                files[rel] = known
                continue
            h = hashlib.sha256()
            with open(os.path.join(root, name), "rb") as f:
                size = 0
                while chunk := f.read(1 << 20):
                    h.update(chunk)
                    size += len(chunk)
            files[rel] = [size, h.hexdigest()]
    doc = {"generator": GENERATOR, "format": 1, "site_url": site_url, "data_date": data_date,
           "files": dict(sorted(files.items()))}
    (site_dir / MARKER).write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
