"""Issue #7: a rebuild reuses what did not change and writes exactly what a full build
writes; the work split over two processes writes exactly what one process writes."""
import sys

import pytest

from conftest import ROOT, gongshi
from test_atomic_and_reproducible import digest

sys.path.insert(0, str(ROOT / "benchmarks"))
import fake_sources  # noqa: E402

AS_OF = "2026-12-31"


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    fake_sources.scale(600, root, units="city", years=(2026,), seed=5)
    return root


def build(sources, out, *extra, env=None):
    r = gongshi("build", "--sources", str(sources / "sources"), "--config", str(sources / "publisher.yml"),
                "--out", str(out), "--as-of", AS_OF, *extra, env=env)
    assert r.returncode == 0, r.stderr
    return r


def test_rebuild_after_one_new_decision_equals_a_full_build(sources, tmp_path):
    out, cache = tmp_path / "site", tmp_path / "cache"
    first = build(sources, out, "--cache", str(cache))
    assert "沿用上次构建" not in first.stdout
    again = build(sources, out, "--cache", str(cache))
    assert "沿用上次构建的" in again.stdout  # nothing changed: every record page reused
    extra = fake_sources.penalty_records(1, 2026, seed=42, units=fake_sources.city_units()[1:2],
                                         start="2026-12-30", end="2026-12-30")
    extra[0]["行政处罚决定书文号"] = "皖亳环(谯)罚〔2026〕9999号"
    added = sources / "sources" / "penalties" / "2026-12-30-新增.xlsx"
    fake_sources.write_xlsx(extra, added, "新增（示例）")
    try:
        rebuilt = build(sources, out, "--cache", str(cache))
        fresh = tmp_path / "fresh"
        build(sources, fresh, "--no-cache")
    finally:
        added.unlink()
    assert "沿用上次构建的" in rebuilt.stdout
    assert (out / "penalties" / "皖亳环谯罚-2026-9999" / "index.html").is_file()
    a, b = digest(out), digest(fresh)
    assert [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)] == []


def test_one_process_and_two_write_the_same_bytes(sources, tmp_path):
    build(sources, tmp_path / "two", "--no-cache")
    build(sources, tmp_path / "one", "--no-cache", env={"GONGSHI_WORKERS": "1"})
    assert digest(tmp_path / "one") == digest(tmp_path / "two")


def test_a_changed_template_is_never_served_from_the_cache(sources, tmp_path):
    """The cache key holds the code: any template or module change invalidates it."""
    from build_scripts.cache import code_fingerprint
    template = ROOT / "site_src" / "templates" / "records" / "company.html"
    before = code_fingerprint()
    original = template.read_bytes()
    try:
        template.write_bytes(original + b"\n")
        assert code_fingerprint() != before
    finally:
        template.write_bytes(original)
    assert code_fingerprint() == before
