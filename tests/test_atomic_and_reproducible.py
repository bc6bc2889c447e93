"""A failed build leaves the previous output exactly as it was; the same sources and as-of
date give byte-identical output; nothing carries the build clock."""
import hashlib
import re
import shutil
from pathlib import Path

from conftest import AS_OF, FIXTURES, ROOT, build_fixture, gongshi


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_sources_same_bytes(tmp_path, site):
    """`site` was built with --no-cache; so is this, in another time zone: same bytes."""
    again = tmp_path / "again"
    r = gongshi("build", "--out", str(again), "--as-of", AS_OF, "--no-cache", env={"TZ": "America/New_York"})
    assert r.returncode == 0, r.stderr
    a, b = digest(site), digest(again)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_a_cold_and_a_warm_cache_give_the_bytes_of_an_uncached_build(tmp_path, site):
    out, cache = tmp_path / "cached", tmp_path / "cache"
    for _ in range(2):
        r = gongshi("build", "--out", str(out), "--as-of", AS_OF, "--cache", str(cache))
        assert r.returncode == 0, r.stderr
        assert digest(out) == digest(site)
    assert "沿用上次构建的" in r.stdout   # the second build did reuse pages


def test_no_wall_clock_in_the_output(tmp_path, site):
    """The same build with the clock moved years ahead (libfaketime, for every process the
    build starts) writes the same bytes, and no file names that year."""
    import subprocess
    import sys
    shifted = tmp_path / "shifted"
    r = subprocess.run(["faketime", "2031-05-17 03:04:05", sys.executable, "-m", "build_scripts.cli", "build",
                        "--out", str(shifted), "--as-of", AS_OF, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    a, b = digest(site), digest(shifted)
    assert [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)] == []
    for p in shifted.rglob("*"):
        if p.is_file() and p.suffix in (".html", ".xml", ".atom", ".json", ".csv") and p.name != ".gongshi-site.json":
            # (the marker lists sizes and hashes only, and is byte-identical above)
            text = re.sub(r"[0-9a-f]{32,}", "", p.read_text(encoding="utf-8", errors="ignore"))  # hashes aside
            assert "2031" not in text, p


def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    out = tmp_path / "site"
    assert build_fixture(FIXTURES / "mini", out).returncode == 0
    before = digest(out)
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURES / "mini", bad)
    (bad / "penalties" / "2026-07-01-坏导出.csv").write_text("行政相对人名称,行政处罚决定书文号\n示例,不是文号\n", encoding="utf-8")
    sources_before = digest(bad)
    r = build_fixture(bad, out)
    assert r.returncode == 1
    assert "构建失败" in r.stderr and "2026-07-01-坏导出.csv" in r.stderr
    assert digest(out) == before
    assert digest(bad) == sources_before  # no source file touched
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # no half-written folder left


def test_failed_first_build_creates_no_output(tmp_path):
    bad = tmp_path / "bad" / "penalties"
    bad.mkdir(parents=True)
    (bad / "x.xlsx").write_bytes(b"this is not a workbook")
    r = build_fixture(tmp_path / "bad", tmp_path / "site")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "site").exists()


def test_no_external_assets(site):
    """Everything a page loads is served from the site: no CDN, no web fonts, no analytics."""
    import re
    for p in site.rglob("*.html"):
        html = p.read_text(encoding="utf-8")
        for m in re.finditer(r'<link\b[^>]*>', html):
            tag = m.group(0)
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue
            assert not re.search(r'href="(https?:)?//', tag), (p, tag)
        for m in re.finditer(r'<(?:script|img|iframe|source)\b[^>]*>', html):
            assert not re.search(r'src="(https?:)?//', m.group(0)), (p, m.group(0))
    for p in list(site.rglob("*.css")) + list(site.glob("assets/*.js")):
        text = p.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert not re.search(r"url\((['\"]?)https?://", text), p
