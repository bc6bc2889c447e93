"""The `gongshi` command: build, validate, serve. Each is a thin wrapper over the pipeline.

Exit codes: 0 success (warnings allowed), 1 invalid input (a report says what and where),
2 usage error. A problem with the input is reported, never raised as a traceback."""
from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import time
from pathlib import Path

import click

from . import config as config_mod
from .problems import Report, format_text

CHINA = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai: UTC+8 all year, no DST


def today_in_china() -> dt.date:
    """The default as-of date: SOURCE_DATE_EPOCH when set (reproducible builds), else today in China."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), CHINA).date()
    return dt.datetime.now(CHINA).date()


def parse_as_of(ctx, param, value):
    if value is None:
        return today_in_china()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是 YYYY-MM-DD 形式的日期 / not a YYYY-MM-DD date")


SOURCES = click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
                       default="datasets/sources", show_default=True,
                       help="来源文件夹，含 penalties/ decisions/ reports/ withdrawals/。Folder of source files.")
CONFIG = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                      default="datasets/publisher.yml", show_default=True, help="发布机关设置。Publisher settings.")
AS_OF = click.option("--as-of", "as_of", callback=parse_as_of, metavar="YYYY-MM-DD",
                     help="按哪一天判断公示状态（默认：北京时间今天，或 SOURCE_DATE_EPOCH）。Date the publicity states are computed for.")
CACHE = click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=".gongshi-cache",
                     show_default=True, help="缓存文件夹：未改动的来源文件和页面不再重新生成（输出与完整构建相同）。"
                     "Cache folder: unchanged sources and pages are reused (output identical to a full build).")
NO_CACHE = click.option("--no-cache", is_flag=True, help="不用缓存，完整构建。Build everything from scratch.")
OUT = click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="site", show_default=True,
                   help="输出文件夹；构建成功后整体替换。Output folder, replaced only when the build succeeds.")


def guarded(fn):
    """No traceback for the user: unexpected failures become one clear line and exit code 1."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("已中断 interrupted", err=True)
            sys.exit(130)
        except Exception as e:  # a bug, not an input problem: say so briefly
            if os.environ.get("GONGSHI_DEBUG"):
                raise
            click.echo(f"内部错误 internal error: {type(e).__name__}: {e}\n"
                       "没有写入任何输出。请报告此问题（设置 GONGSHI_DEBUG=1 可显示详细信息）。\n"
                       "Nothing was written. Please report this (GONGSHI_DEBUG=1 shows details).", err=True)
            sys.exit(1)
    return wrapper


def checked_out(out: Path, sources: Path, cache_dir: Path | None) -> Path:
    """--out, resolved, when gongshi may replace it; else the reason and exit code 2."""
    from . import ROOT, outdir
    protected = {"来源文件夹 sources folder": sources, "项目文件夹 project folder": ROOT}
    if cache_dir is not None:
        protected["缓存文件夹 cache folder"] = cache_dir
    try:
        return outdir.check(out, protected)
    except outdir.OutError as e:
        click.echo(str(e), err=True)
        sys.exit(2)


def load_config(path: Path):
    try:
        return config_mod.load(path)
    except config_mod.ConfigError as e:
        r = Report()
        r.extend(e.problems)
        click.echo(format_text(r), err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """gongshi：生态环境部门公示与开放数据站的构建工具。

    Builds the disclosure site and open data from the bureau's published files.

    \b
    例 Examples:
      gongshi validate                      # 只检查，不写文件
      gongshi build                         # 生成网站到 site/
      gongshi serve                         # 生成并在 http://127.0.0.1:8000 预览
      gongshi audit --out site              # 检查已生成或已部署的网站
    """


def _progress(started: float):
    def log(stage: str) -> None:
        click.echo(f"  [{time.perf_counter() - started:6.1f}s] {stage}", err=True)
    return log


@main.command()
@SOURCES
@OUT
@AS_OF
@CONFIG
@CACHE
@NO_CACHE
@guarded
def build(sources: Path, out: Path, as_of: dt.date, config_path: Path, cache_dir: Path = Path(".gongshi-cache"),
          no_cache: bool = False):
    """校验来源数据并生成整个网站。Validate the sources and build the whole site.

    有任何错误时不写入输出，原有网站保持不变，退出码 1。
    On any error nothing is written, the previous site stays as it was, exit code 1.

    \b
    例 Example:
      gongshi build --sources datasets/sources --out site --as-of 2026-11-26
    """
    from .build import build as run_build
    pub = load_config(config_path)
    out = checked_out(out, sources, None if no_cache else cache_dir)
    started = time.perf_counter()
    click.echo(f"gongshi build：来源 {sources}，公示状态按 {as_of} 计算", err=True)
    result = run_build(sources, out, pub, as_of, _progress(started), None if no_cache else cache_dir)
    c = result.collected
    if not c.report.ok:
        click.echo(format_text(c.report, include_info=False), err=True)
        click.echo(f"构建失败：发现 {len(c.report.errors)} 个错误，未写入任何文件，{out}/ 保持原样。\n"
                   f"Build failed: {len(c.report.errors)} errors; nothing written, {out}/ left as it was.", err=True)
        sys.exit(1)
    states = c.penalties["_state"].value_counts().to_dict()
    withheld = len(c.penalties) - states.get("公示中", 0)
    detail = "，".join(f"{k} {v:,}" for k, v in sorted(states.items()) if k != "公示中")
    click.echo(
        f"完成 done：读取处罚决定 {len(c.penalties):,} 条（{len(c.files.get('penalties', []))} 个文件），"
        f"发布 {states.get('公示中', 0):,} 条，不再公示 {withheld:,} 条{('（' + detail + '）') if detail else ''}；"
        f"重大行政决策事项 {len(c.decisions):,} 项，年度报告 {len(c.reports)} 份（数字 {len(c.figures):,} 个）；"
        f"警告 {len(c.report.warnings):,} 条。\n"
        f"输出 {out}/：{result.files:,} 个文件，{result.bytes / 2**20:.1f} MB"
        f"{f'（沿用上次构建的 {result.reused:,} 个页面）' if result.reused else ''}，用时 {time.perf_counter() - started:.1f} 秒。"
        f"\n查看 view：gongshi serve，然后打开 http://127.0.0.1:8000/")


@main.command()
@SOURCES
@CONFIG
@AS_OF
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="把问题清单写成 JSON 文件。Write the problems as JSON.")
@guarded
def validate(sources: Path, config_path: Path, as_of: dt.date, report_path: Path | None):
    """只检查来源数据，除 --report 外不写任何文件。Check the sources; write nothing but the report.

    退出码：0 通过（可有警告），1 有错误，2 用法错误。
    Exit 0 valid (warnings allowed), 1 invalid, 2 usage error.

    \b
    例 Example:
      gongshi validate --sources datasets/sources --report problems.json
    """
    from .pipeline import collect
    pub = load_config(config_path)
    c = collect(sources, pub, as_of)
    click.echo(format_text(c.report))
    if report_path:
        report_path.write_text(c.report.to_json(), encoding="utf-8")
    if not c.report.ok:
        click.echo("校验未通过 invalid.", err=True)
        sys.exit(1)
    click.echo("校验通过 valid.", err=True)


@main.command()
@click.option("--out", type=click.Path(exists=True, file_okay=False, path_type=Path), default="site", show_default=True,
              help="要检查的网站文件夹（构建结果或部署副本）。Site folder to check (a build or a deployed copy).")
@CONFIG
@click.option("--no-frictionless", is_flag=True, help="不运行 frictionless 数据包校验（较快）。Skip frictionless's package validation.")
@guarded
def audit(out: Path, config_path: Path, no_frictionless: bool):
    """检查网站的不变量：每条记录有且只有一个页面、链接、订阅、网站地图、搜索索引、数据包。
    Check the site's invariants: one page per record, links, feeds, sitemap, search, data package.

    与 gongshi build 在替换网站前所做的检查相同；有问题时退出码 1。
    The same checks gongshi build runs before swapping a site in; exit 1 on any problem.

    \b
    例 Example:
      gongshi audit --out site
    """
    from . import audit as audit_mod
    from . import outdir
    from .problems import Report
    marker = outdir.read_marker(out)
    site_url = marker["site_url"] if marker and marker.get("site_url") else load_config(config_path).site_url
    problems, counts = audit_mod.run(out, site_url, frictionless=not no_frictionless)
    report = Report()
    report.extend(problems)
    click.echo(format_text(report))
    hidden = {rule: n - audit_mod.MAX_PER_RULE for rule, n in counts.items() if n > audit_mod.MAX_PER_RULE}
    for rule, n in sorted(hidden.items()):
        click.echo(f"（另有 {n} 个 {rule} 问题未列出 · {n} more {rule} problems not listed）")
    if not report.ok:
        click.echo(f"自检未通过 audit failed: {out}", err=True)
        sys.exit(1)
    click.echo(f"自检通过 audit passed: {out}", err=True)


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="端口 port.")
@SOURCES
@OUT
@AS_OF
@CONFIG
@CACHE
@NO_CACHE
@click.pass_context
@guarded
def serve(ctx, port: int, sources: Path, out: Path, as_of: dt.date, config_path: Path, cache_dir: Path, no_cache: bool):
    """生成网站，然后在 127.0.0.1 上预览。Build, then serve the site on 127.0.0.1.

    \b
    例 Example:
      gongshi serve --port 8000
    """
    import http.server
    import socketserver

    ctx.invoke(build, sources=sources, out=out, as_of=as_of, config_path=config_path, cache_dir=cache_dir,
               no_cache=no_cache)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    socketserver.TCPServer.allow_reuse_address = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", port), handler) as httpd:
        click.echo(f"预览 serving http://127.0.0.1:{port}/ （Ctrl+C 结束）")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
