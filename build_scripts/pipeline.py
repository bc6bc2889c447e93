"""The reading half of a run, stage by stage: read → normalise → validate → combine →
lifecycle → mask, plus the decision catalogue and the annual reports.

`collect` is everything that reads and checks (what `gongshi validate` runs); the writing
half (what `gongshi build` adds) is `build_scripts.build`."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import catalogue, corrections, lifecycle, mask
from .cache import Cache, digest
from .columns import spec
from .combine import combine, file_date
from .config import Publisher
from .normalise import decisions as norm_decisions
from .normalise import penalties as norm_penalties
from .normalise import withdrawals as norm_withdrawals
from .parallel import map_in_order
from .problems import Report, problem
from .read import read_grids
from .sources import list_sources
from .tables import tables_of
from .validate import check

Log = Callable[[str], None]


@dataclass
class Collected:
    """Everything read and checked, before anything is written."""

    pub: Publisher
    as_of: dt.date
    report: Report
    penalties: pd.DataFrame            # every decision (all states), normalised, NOT masked
    public: pd.DataFrame               # active decisions, masked: the only rows outputs may show
    notices: list[dict]                # withdrawal notices (masked reason)
    changes: list[dict]                # decisions a later export altered (raw values: never publish)
    decisions: pd.DataFrame            # current catalogue items, every year
    decision_changes: list[dict]
    reports: list[dict]                # parsed annual reports with figures and checks
    figures: list[dict]                # report-figures rows
    files: dict[str, list[str]] = field(default_factory=dict)  # kind → source names read
    masker: mask.Masker | None = None  # the run's one masker, built from every record
    corrections: dict[str, list[dict]] = field(default_factory=dict)  # public key → masked history
    timings: list[tuple[str, float]] = field(default_factory=list)


def _load_penalty_file_cached(path: Path, name: str, pub: Publisher, order: int, cache: Cache) -> tuple[list[pd.DataFrame], list]:
    """_load_penalty_file, reused from the cache when this file's bytes were read before by
    the same code and settings."""
    key = f"penalties|{name}|{digest(path.read_bytes())}"
    hit = cache.get("read", key)
    if hit is None:
        hit = _load_penalty_file(path, name, pub, 0)
        cache.put("read", key, hit)
    frames, problems = hit
    for f in frames:
        f["_order"] = order
    return frames, problems


def _tables(path: Path, name: str, kind: str) -> tuple[list, list]:
    """read → tables: a file's data tables with standard columns, and the problems found."""
    grids, problems = read_grids(path, name)
    if not grids:
        return [], problems
    tables, more = tables_of(grids, spec(kind), name)
    return tables, problems + more + [p for t in tables for p in t.problems]


def _load_penalty_file(path: Path, name: str, pub: Publisher, order: int) -> tuple[list[pd.DataFrame], list]:
    """read → tables → normalise → validate, for one file."""
    tables, problems = _tables(path, name, "penalties")
    frames = []
    named_date = file_date(name)
    enums = {"所属区县": [u.name for u in pub.units]}
    for t in tables:
        frame, cells = norm_penalties.normalise(t, pub, order=order, file_date=named_date)
        check(frame, cells, "penalties", present=set(t.written), extra_enums=enums)
        problems += cells.problems
        frames.append(frame)
    if frames and not named_date:  # no date in the name: the file is as new as its newest decision
        newest = max((f["处罚决定日期"].max() for f in frames if len(f)), default="") or ""
        for f in frames:
            f["_file_date"] = newest
    for f in frames:  # when a decision was published, if this file is the first to hold it (README)
        f["_published_date"] = named_date or f["处罚决定日期"]
    return frames, problems


def _load_table_files(root: Path, kind: str, normaliser, report: Report,
                      schema: str | None = None) -> list[tuple[str, pd.DataFrame, str]]:
    """read → tables → normalise (→ validate) for every file of a table-shaped kind.
    `normaliser(table)` returns (frame, cells)."""
    out = []
    for path, name in list_sources(root, kind):
        tables, problems = _tables(path, name, kind)
        report.extend(problems)
        for t in tables:
            frame, cells = normaliser(t)
            if schema:
                check(frame, cells, schema, present=set(t.written))
            report.extend(cells.problems)
            out.append((name, frame, t.title))
    return out


def collect(sources: Path, pub: Publisher, as_of: dt.date, log: Log = lambda _: None,
            cache: Cache | None = None) -> Collected:
    report = Report()
    timings: list[tuple[str, float]] = []
    files: dict[str, list[str]] = {}

    def stage(name: str):
        timings.append((name, time.perf_counter()))
        log(name)

    # penalties
    stage("读取并规范化处罚数据 read + normalise penalties")
    frames = []
    penalty_files = list_sources(sources, "penalties")
    files["penalties"] = [n for _, n in penalty_files]
    big = sum(p.stat().st_size for p, _ in penalty_files) > 4 * 2**20  # forking pays off past a few MB
    cache = cache or Cache(None, "")
    jobs = [(path, name, pub, order, cache) for order, (path, name) in enumerate(penalty_files)]
    for fs, problems in map_in_order(_load_penalty_file_cached, jobs, worth_it=big):
        frames += fs
        report.extend(problems)
    stage("合并多份导出 combine exports")
    fields = norm_penalties.fields()
    penalties, problems, changes = combine(frames, [*fields, "所属区县"], norm_penalties.columns())
    report.extend(problems)
    future = penalties["处罚决定日期"] > as_of.isoformat()
    for _, r in penalties[future].iterrows():  # not yet decided as of that day: exists nowhere yet
        report.add(problem("date.future", file=r["_file"], sheet=r["_sheet"], row=r["_row"], column=r["_date_header"],
                           value=r["处罚决定日期"], detail=as_of.isoformat()))
    penalties = penalties[~future].reset_index(drop=True)

    # lifecycle
    stage("公示期限与撤回 publicity and withdrawals")
    ends, problems = lifecycle.publicity_end(penalties, pub)
    penalties["公示截止期"] = ends
    report.extend(problems)
    withdrawal_tables = _load_table_files(sources, "withdrawals",
                                          lambda t: norm_withdrawals.normalise(t, pub.docno_rules), report)
    files["withdrawals"] = sorted({n for n, _, _ in withdrawal_tables})
    withdrawals = pd.concat([f for _, f, _ in withdrawal_tables], ignore_index=True) if withdrawal_tables \
        else pd.DataFrame(columns=["行政处罚决定书文号", "记录编号", "类型", "日期", "理由", "_file", "_sheet", "_row"])
    penalties, problems = lifecycle.apply_withdrawals(penalties, withdrawals, as_of)
    report.extend(problems)
    penalties["_state"] = lifecycle.states(penalties, as_of)
    penalties = penalties.sort_values(["处罚决定日期", "记录编号"], ascending=[False, True], kind="stable").reset_index(drop=True)

    # personal data
    stage("遮蔽个人信息 mask personal data")
    masker = mask.masker_for(pd.concat([penalties, corrections.versions(changes, penalties)], ignore_index=True),
                             pub.masking)
    public = mask.mask_penalties(penalties[penalties["_state"] == lifecycle.ACTIVE], masker, pub.masking)
    public = public.reset_index(drop=True)
    history = corrections.history(changes, public, masker, pub.masking)
    notices = lifecycle.notices(penalties)
    for n in notices:
        n["理由"] = masker.text(n["理由"])

    # decision catalogue
    stage("重大行政决策事项目录 decision catalogue")
    versions = []
    def normalise_version(t):
        year = norm_decisions.year_of(t.file, t.title)
        frame, cells = norm_decisions.normalise(t, year)
        return frame, cells
    for name, frame, title in _load_table_files(sources, "decisions", normalise_version, report, "decisions"):
        years = frame["年度"][frame["年度"].str.fullmatch(r"20\d{2}")]
        if years.empty:
            report.add(problem("decision.year", file=name))
            continue
        year = int(years.iloc[0])
        versions.append({"year": year, "date": file_date(name) or f"{year}-01-01", "file": name, "frame": frame})
    files["decisions"] = sorted({v["file"] for v in versions})
    decisions, decision_changes = catalogue.build(versions)

    # annual reports
    stage("法治政府建设年度报告 annual reports")
    from . import report as annual
    report_paths = list_sources(sources, "reports")
    files["reports"] = [n for _, n in report_paths]
    reports, figures, problems = annual.load_reports(report_paths)
    report.extend(problems)
    sidecars = {name: _sidecar(path) for path, name in report_paths}
    for r in reports:
        meta = sidecars.get(r["file"], {})
        r["source_meta"] = meta
        r["published"] = str(meta.get("published") or file_date(r["file"]) or f"{r['year'] + 1}-01-01")
    facts = data_facts(penalties)
    for r in reports:
        r["data_checks"] = annual.checks.data_checks(r["year"], r["figures"], facts.get(r["year"], {}))

    stage("完成 done")
    return Collected(pub=pub, as_of=as_of, report=report, penalties=penalties, public=public, notices=notices,
                     changes=changes, decisions=decisions, decision_changes=decision_changes, reports=reports,
                     figures=figures, files=files, timings=timings, masker=masker, corrections=history)


def _sidecar(path: Path) -> dict:
    """The provenance note beside a source file (<name>.meta.yml): url, publisher, published…"""
    import yaml
    meta = path.with_name(path.name + ".meta.yml")
    if not meta.exists():
        return {}
    try:
        return yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}


def data_facts(penalties: pd.DataFrame) -> dict[int, dict[str, dict]]:
    """Figures the data can confirm, per year, counting decisions no longer public (numbers only)."""
    years = penalties["处罚决定日期"].str[:4]
    facts: dict[int, dict[str, dict]] = {}
    for year, n in years.value_counts().items():
        if not year:
            continue
        facts[int(year)] = {
            "penalties_published": {"value": int(n), "label": f"{year}年处罚决定（含已不再公示的）", "source": "penalties"},
            "general_penalty_cases": {"value": int(n), "label": f"{year}年处罚决定（含已不再公示的）", "source": "penalties"},
        }
    return facts
