"""Issue #10, a cache that cannot lie: what decides page reuse lives in the output folder it
describes (the site's marker), and is checked against it. After any sequence of cached,
uncached and differently-cached builds, a cached build equals a --no-cache build byte for byte."""
from __future__ import annotations

import json

from conftest import AS_OF, gongshi, penalty_row, write_export
from test_atomic_and_reproducible import digest

FIRST, CHANGED = "该公司超标排放废气。", "该公司超标排放废气（已更正）。"


def sources(folder, facts: str):
    write_export(folder, "2026-06-30-导出.csv", [
        penalty_row("皖亳环罚〔2026〕1号", facts=facts),
        penalty_row("皖亳环（谯）罚〔2026〕2号", name="亳州市示例乙有限公司", code="91341602MA2N0U191X", facts="该公司未批先建。"),
    ])
    return folder


def build(src, out, *extra):
    r = gongshi("build", "--sources", str(src), "--out", str(out), "--as-of", AS_OF, *extra)
    assert r.returncode == 0, r.stderr
    return r


def page(out) -> str:
    return (out / "penalties" / "皖亳环罚-2026-1" / "index.html").read_text(encoding="utf-8")


def test_cached_uncached_cached_never_serves_a_stale_page(tmp_path):
    """The failure of the issue: cache, then an edited source with --no-cache, then the
    original with the cache again showed the edited text on the page."""
    original, edited = sources(tmp_path / "a", FIRST), sources(tmp_path / "b", CHANGED)
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(original, out, "--cache", str(cache))
    build(edited, out, "--no-cache")
    assert CHANGED in page(out)
    build(original, out, "--cache", str(cache))
    assert FIRST in page(out) and CHANGED not in page(out)
    fresh = tmp_path / "fresh"
    build(original, fresh, "--no-cache")
    assert digest(out) == digest(fresh)


def test_any_sequence_of_builds_equals_a_fresh_build(tmp_path):
    original, edited = sources(tmp_path / "a", FIRST), sources(tmp_path / "b", CHANGED)
    out, one, two = tmp_path / "site", tmp_path / "cache1", tmp_path / "cache2"
    steps = [(original, ("--cache", str(one))), (edited, ("--cache", str(two))), (original, ("--cache", str(two))),
             (edited, ("--no-cache",)), (edited, ("--cache", str(one))), (original, ("--cache", str(one)))]
    for src, extra in steps:
        build(src, out, *extra)
        fresh = tmp_path / f"fresh-{src.name}"
        if not fresh.exists():
            build(src, fresh, "--no-cache")
        assert digest(out) == digest(fresh), (src.name, extra)


def test_a_hand_edited_page_in_the_output_is_rendered_again(tmp_path):
    src = sources(tmp_path / "a", FIRST)
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(src, out, "--cache", str(cache))
    target = out / "penalties" / "皖亳环罚-2026-1" / "index.html"
    target.write_text(target.read_text(encoding="utf-8").replace(FIRST, "篡改的内容。"), encoding="utf-8")
    build(src, out, "--cache", str(cache))
    assert FIRST in page(out) and "篡改" not in page(out)


def test_the_marker_lists_every_file_with_its_size_and_hash(tmp_path):
    import hashlib
    src = sources(tmp_path / "a", FIRST)
    out = tmp_path / "site"
    build(src, out)
    marker = json.loads((out / ".gongshi-site.json").read_text(encoding="utf-8"))
    files = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert marker["generator"] == "gongshi" and set(marker["files"]) == set(files)
    for rel, p in files.items():
        data = p.read_bytes()
        assert marker["files"][rel][:2] == [len(data), hashlib.sha256(data).hexdigest()], rel
    assert len(marker["files"]["penalties/皖亳环罚-2026-1/index.html"]) == 3     # a record page: + fingerprint
