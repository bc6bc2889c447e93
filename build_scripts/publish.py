"""Stage 4, publish datasets: data/datapackage.json with each resource as UTF-8 CSV, XLSX
and JSON, per-year files beside the full ones, sizes and sha256 hashes.

Only the public rows (active, masked) are ever written here. Output is byte-for-byte
reproducible: no clock, fixed XLSX timestamps, dates taken from the data."""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter

from .validate import schema as load_schema

DATASETS = {
    "penalties": ("penalties", "行政处罚信息公示", "Administrative penalty decisions currently public"),
    "decisions": ("decisions", "重大行政决策事项目录", "Catalogue of major administrative decisions (current version of each year)"),
    "report-figures": ("report-figures", "法治政府建设年度报告中的数字", "Every figure stated in the annual rule-of-law reports"),
    "withdrawals": ("withdrawals", "行政处罚撤回公告", "Notices of penalty decisions withdrawn from publicity"),
}


@dataclass
class Written:
    """One file written, as the open-data page and datapackage.json describe it."""

    resource: str
    path: str        # relative to data/
    format: str
    rows: int
    bytes: int
    sha256: str
    year: int | None = None


def _schema_for(name: str, enums: dict[str, list[str]]) -> dict:
    s = copy.deepcopy(load_schema(name))
    s.pop("$comment", None)
    for f in s["fields"]:
        if f["name"] in enums:
            f.setdefault("constraints", {})["enum"] = enums[f["name"]]
    return s


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _json(frame: pd.DataFrame, schema: dict, path: Path) -> None:
    """An array of objects, one record per line (readable, diffable), written row by row."""
    numeric = {f["name"] for f in schema["fields"] if f["type"] in ("number", "integer", "year")}
    cols = list(frame.columns)
    kinds = [c in numeric for c in cols]
    with path.open("w", encoding="utf-8") as f:
        f.write("[")
        for n, row in enumerate(frame.itertuples(index=False, name=None)):
            rec = {c: (_number(v) if k else v) for c, k, v in zip(cols, kinds, row)}
            f.write(("\n" if n == 0 else ",\n") + json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        f.write("\n]\n")


def _number(v):
    if v == "" or v is None:
        return None
    text = str(v)
    return int(text) if text.lstrip("-").isdigit() else float(text)


def _xlsx(frame: pd.DataFrame, schema: dict, path: Path, created: dt.datetime, title: str) -> None:
    types = {f["name"]: f["type"] for f in schema["fields"]}
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                          "strings_to_urls": False, "strings_to_formulas": False})
    wb.set_properties({"title": title, "created": created, "author": "gongshi"})
    ws = wb.add_worksheet("data")
    bold = wb.add_format({"bold": True})
    datefmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    cols = list(frame.columns)
    for j, c in enumerate(cols):
        ws.write_string(0, j, c, bold)
    kinds = [types.get(c, "string") for c in cols]
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        for j, (v, kind) in enumerate(zip(row, kinds)):
            if v == "" or v is None:
                continue
            if kind in ("number", "integer", "year"):
                ws.write_number(i, j, _number(v))
            elif kind == "date":
                ws.write_datetime(i, j, dt.datetime.fromisoformat(str(v)), datefmt)
            else:
                ws.write_string(i, j, str(v))
    ws.freeze_panes(1, 0)
    wb.close()


def _describe(path: Path, data_dir: Path, resource: str, fmt: str, rows: int, year=None) -> Written:
    raw = path.read_bytes()
    return Written(resource=resource, path=path.relative_to(data_dir).as_posix(), format=fmt, rows=rows,
                   bytes=len(raw), sha256=hashlib.sha256(raw).hexdigest(), year=year)


def write_dataset(frame: pd.DataFrame, name: str, data_dir: Path, created: dt.datetime,
                  enums: dict[str, list[str]], year_field: str | None) -> list[Written]:
    """The full dataset in three formats, then one CSV per year."""
    schema = _schema_for(DATASETS[name][0], enums)
    frame = frame[[f["name"] for f in schema["fields"]]]
    written = []
    title = DATASETS[name][1]
    for fmt, writer in (("csv", lambda p: _csv(frame, p)), ("xlsx", lambda p: _xlsx(frame, schema, p, created, title)),
                        ("json", lambda p: _json(frame, schema, p))):
        path = data_dir / f"{name}.{fmt}"
        writer(path)
        written.append(_describe(path, data_dir, name, fmt, len(frame)))
    if year_field and len(frame):  # per-year CSV (the full XLSX already opens in any spreadsheet)
        years = frame[year_field].astype(str).str[:4]
        (data_dir / name).mkdir(exist_ok=True)
        for year in sorted(years.unique()):
            part = frame[years == year]
            path = data_dir / name / f"{year}.csv"
            _csv(part, path)
            written.append(_describe(path, data_dir, name, "csv", len(part), int(year)))
    return written


MEDIA = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "json": "application/json"}


def datapackage(written: list[Written], enums: dict[str, list[str]], pub, created: dt.datetime,
                sources: dict[str, list[str]]) -> dict:
    resources = []
    for w in written:
        base = DATASETS[w.resource]
        name = w.resource if (w.format == "csv" and w.year is None) else \
            "-".join(str(x) for x in (w.resource, w.year, None if w.format == "csv" else w.format) if x)
        res = {
            "name": name,
            "path": w.path,
            "title": base[1] + (f"（{w.year}年）" if w.year else "") + ("" if w.format == "csv" else f"（{w.format.upper()}）"),
            "description": base[2],
            "format": w.format,
            "mediatype": MEDIA[w.format],
            "bytes": w.bytes,
            "hash": f"sha256:{w.sha256}",
            "schema": _schema_for(base[0], enums),
        }
        if w.format != "xlsx":
            res["encoding"] = "utf-8"
        if w.format == "csv":
            res["dialect"] = {"delimiter": ",", "header": True}
        src = {"penalties": "penalties", "withdrawals": "withdrawals", "decisions": "decisions", "report-figures": "reports"}[w.resource]
        res["sources"] = [{"title": f"{pub.name}：{s}"} for s in sources.get(src, [])]
        resources.append(res)
    return {
        "name": f"gongshi-{pub.data['publisher']['division_code']}",
        "title": pub.site["name"],
        "description": pub.site.get("description", ""),
        "homepage": pub.site_url,
        "created": created.isoformat(),
        "licenses": [pub.licence],
        "contributors": [{"title": pub.name, "role": "publisher", "path": pub.site_url}],
        "sources": [{"title": pub.name, "path": pub.site_url}],
        "gongshi:sample_data": pub.sample_data,
        "resources": resources,
    }


def _frames(c) -> dict[str, tuple[pd.DataFrame, str | None]]:
    """Each published dataset's rows and the field its per-year files are cut by."""
    return {
        "penalties": (c.public, "处罚决定日期"),
        "decisions": (c.decisions, "年度"),
        "report-figures": (pd.DataFrame(c.figures, columns=[f["name"] for f in load_schema("report-figures")["fields"]]), "年度"),
        "withdrawals": (pd.DataFrame(c.notices, columns=[f["name"] for f in load_schema("withdrawals")["fields"]]), None),
    }


def write_datasets(c, out: Path, names: list[str]) -> list[Written]:
    """Some of the datasets into out/data/ (two processes can each write some)."""
    data_dir = out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    frames = _frames(c)
    written = []
    for name in names:
        frame, year_field = frames[name]
        written += write_dataset(frame, name, data_dir, created_at(c), enums_of(c), year_field)
    return written


def write_package(c, out: Path, written: list[Written]) -> None:
    """data/datapackage.json describing every file written, in the order of DATASETS."""
    order = list(DATASETS)
    written = sorted(written, key=lambda w: (order.index(w.resource), w.year is not None, w.year or 0,
                                             ["csv", "xlsx", "json"].index(w.format)))
    package = datapackage(written, enums_of(c), c.pub, created_at(c), c.files)
    (out / "data" / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_all(c, out: Path) -> list[Written]:
    """All datasets of a collected run into out/data/, and their datapackage.json."""
    written = write_datasets(c, out, list(DATASETS))
    write_package(c, out, written)
    return written


def created_at(c) -> dt.datetime:
    return dt.datetime.combine(data_date(c), dt.time(0), tzinfo=dt.timezone(dt.timedelta(hours=8)))


def enums_of(c) -> dict[str, list[str]]:
    return {"所属区县": [u.name for u in c.pub.units]}


def data_date(c) -> dt.date:
    """The newest date the data states (never the clock): decisions, withdrawals, catalogue
    versions, reports. Bounded by the as-of date."""
    dates = [d for d in c.penalties["处罚决定日期"] if d] + [d for d in c.penalties["_withdrawal_date"] if d]
    dates += [ch["date"] for ch in c.decision_changes] + [r.get("published", "") for r in c.reports]
    dates = [d for d in dates if d and d <= c.as_of.isoformat()]
    return dt.date.fromisoformat(max(dates)) if dates else c.as_of
