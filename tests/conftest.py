"""Shared fixtures: the bundled data built once per session through the real command, a
static file server, and Debian's chromium driven by Playwright."""
from __future__ import annotations

import functools
import http.server
import os
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
AS_OF = "2026-11-26"          # a fixed day, so the bundled site's states never depend on the clock
CHROMIUM = "/usr/bin/chromium"
OUTPUT = ROOT / "tests" / "output"  # screenshots and other artefacts worth looking at


def gongshi(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed command exactly as a user would."""
    return subprocess.run([sys.executable, "-m", "build_scripts.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=600)


@pytest.fixture(scope="session")
def bundled(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("bundled") / "site"
    result = gongshi("build", "--out", str(out), "--as-of", AS_OF, "--no-cache")
    assert result.returncode == 0, result.stderr + result.stdout
    return out, result


@pytest.fixture(scope="session")
def site(bundled) -> Path:
    return bundled[0]


EXPORT_HEADER = ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据",
                 "处罚类别", "处罚内容", "罚款金额(万元)", "处罚决定日期"]


def penalty_row(docno: str, name: str = "亳州市示例甲化工有限公司", code: str = "91341600MA2MTH97XH", fine: str = "5",
                date: str = "2026-04-30", facts: str = "该公司超标排放废气。") -> list[str]:
    """One row of a small fictitious export (EXPORT_HEADER's columns)."""
    return [name, code, docno, "超标排放大气污染物", facts, "《中华人民共和国大气污染防治法》第九十九条", "罚款",
            f"罚款{fine}万元", fine, date]


def write_export(sources: Path, name: str, rows: list[list[str]]) -> Path:
    """A UTF-8 CSV export at sources/penalties/<name>."""
    import csv
    (sources / "penalties").mkdir(parents=True, exist_ok=True)
    path = sources / "penalties" / name
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(EXPORT_HEADER)
        w.writerows(rows)
    return path


def build_fixture(sources: Path, out: Path, as_of: str = AS_OF, *extra: str) -> subprocess.CompletedProcess:
    return gongshi("build", "--sources", str(sources), "--out", str(out), "--as-of", as_of, *extra)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(folder) → base URL of a local HTTP server for that folder."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield start
    for s in servers:
        s.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), "Debian's chromium is required (tests/run installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
