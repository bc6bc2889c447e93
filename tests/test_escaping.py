"""Values from the data are always text: a 违法事实 with <script> or Markdown shows literally."""
import lxml.html

from conftest import FIXTURES, build_fixture


def test_script_and_markdown_in_the_data_show_as_text(tmp_path, serve, page):
    out = tmp_path / "site"
    assert build_fixture(FIXTURES / "mini", out).returncode == 0
    html = (out / "penalties" / "皖亳环罚-2026-1" / "index.html").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    scripts = [s.get("src") or (s.text or "")[:30] for s in doc.iter("script")]
    assert not any("alert" in s for s in scripts)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; **未加粗** [链接](http://example.com)" in html
    assert "<strong>未加粗</strong>" not in html and 'href="http://example.com"' not in html
    # in the browser: the text reads literally and no script from the data ran
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = serve(out)
    for path in ("penalties/皖亳环罚-2026-1/", "", "penalties/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert dialogs == []
    page.goto(base + "penalties/皖亳环罚-2026-1/")
    assert "<script>alert('x')</script> **未加粗**" in page.inner_text("article")
