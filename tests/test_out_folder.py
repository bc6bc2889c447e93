"""Issue #11, the output folder: --out is only ever a gongshi site; nothing the user did not
ask to delete is deleted; the swap never leaves a moment without a complete site; what a
killed run leaves behind is cleaned at the next run; workers die with their parent; nothing
is left in $TMPDIR."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from build_scripts import outdir
from conftest import AS_OF, FIXTURES, ROOT, build_fixture, gongshi
from test_atomic_and_reproducible import digest

MINI = FIXTURES / "mini"


def refused(r: subprocess.CompletedProcess) -> bool:
    return r.returncode == 2 and "Traceback" not in r.stderr and "gongshi 不会替换它" in r.stderr


def test_build_out_dot_in_a_clone_deletes_nothing(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    for part in ("build_scripts", "datasets", "site_src", "mkdocs.yml"):  # the code under test, committed or not
        src, dst = ROOT / part, clone / part
        if src.is_dir():
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst)
    before = digest(clone)
    assert ".git/HEAD" in before and "README.md" in before and "pyproject.toml" in before
    r = subprocess.run([sys.executable, "-m", "build_scripts.cli", "build", "--out", ".", "--as-of", AS_OF],
                       cwd=clone, capture_output=True, text=True, timeout=600)
    assert refused(r), r.stderr
    assert digest(clone) == before


@pytest.mark.parametrize("where", ["sources", "parent of sources", "inside sources", "home", "root", "cache",
                                   "someone's folder", "a file"])
def test_dangerous_out_folders_are_refused_and_left_untouched(tmp_path, where):
    sources = tmp_path / "data" / "sources"
    shutil.copytree(MINI, sources)
    home = tmp_path / "home"
    (home / "文档").mkdir(parents=True)
    (home / "文档" / "工作.txt").write_text("重要", encoding="utf-8")
    someone = tmp_path / "photos"
    someone.mkdir()
    (someone / "a.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    out = {"sources": sources, "parent of sources": sources.parent, "inside sources": sources / "penalties" / "site",
           "home": home, "root": Path("/"), "cache": tmp_path / "cache", "someone's folder": someone,
           "a file": tmp_path / "notes.txt"}[where]
    before = digest(tmp_path)
    r = gongshi("build", "--sources", str(sources), "--out", str(out), "--as-of", AS_OF,
                "--cache", str(tmp_path / "cache" / "inner"), env={"HOME": str(home)})
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert digest(tmp_path) == before


def test_absent_empty_and_earlier_sites_are_fine(tmp_path):
    assert build_fixture(MINI, tmp_path / "new").returncode == 0
    (tmp_path / "empty").mkdir()
    assert build_fixture(MINI, tmp_path / "empty").returncode == 0
    assert outdir.read_marker(tmp_path / "empty")["generator"] == "gongshi"
    assert build_fixture(MINI, tmp_path / "new").returncode == 0   # a site gongshi built: replaced


def test_stale_staging_folders_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    out = tmp_path / "site"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".site.building-{dead.pid}-abc123"
    (stale / "site").mkdir(parents=True)
    (stale / "site" / "index.html").write_text("old", encoding="utf-8")
    live = tmp_path / f".site.building-{os.getpid()}-xyz789"
    live.mkdir()
    unrelated = tmp_path / ".site.building-notes"
    unrelated.mkdir()
    assert build_fixture(MINI, out).returncode == 0
    assert not stale.exists() and live.exists() and unrelated.exists()


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def test_a_killed_build_leaves_no_workers_and_its_leftovers_go_next_time(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import fake_sources
    fake_sources.scale(3000, tmp_path / "big", units="city", years=(2026,), seed=3)
    out = tmp_path / "killed-site"
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    cmd = [sys.executable, "-m", "build_scripts.cli", "build", "--sources", str(tmp_path / "big" / "sources"),
           "--config", str(tmp_path / "big" / "publisher.yml"), "--out", str(out), "--as-of", "2026-12-31", "--no-cache"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(tmpdir)})
    for line in proc.stderr:
        if "render record pages" in line:
            break
    time.sleep(0.5)
    assert len(_processes_mentioning(str(out))) >= 2     # the build and its worker
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while _processes_mentioning(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(out)) == []
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".killed-site.building-")]
    assert leftovers
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "TMPDIR": str(tmpdir)})
    assert r.returncode == 0, r.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".killed-site.building-") and p in leftovers]
    assert list(tmpdir.iterdir()) == []           # nothing left in $TMPDIR


def test_the_site_is_complete_at_every_moment_of_a_rebuild(tmp_path):
    out = tmp_path / "site"
    assert build_fixture(MINI, out).returncode == 0
    missing, stop = [], threading.Event()

    def watch():
        while not stop.is_set():
            try:
                with open(out / "index.html", "rb") as f:
                    if not f.read(15):
                        missing.append("empty")
            except OSError as e:
                missing.append(str(e))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(2):
            assert build_fixture(MINI, out).returncode == 0
    finally:
        stop.set()
        watcher.join()
    assert missing == []


def test_the_swap_is_one_atomic_exchange_here(tmp_path):
    old, new = tmp_path / "site", tmp_path / "new"
    old.mkdir()
    (old / "index.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    assert outdir._exchange(new, old)          # this file system swaps two folders in one step
    assert (old / "index.html").read_text(encoding="utf-8") == "new"
    assert (new / "index.html").read_text(encoding="utf-8") == "old"
