"""The open-data page: every resource with its files, sizes, rows, hashes and its data
dictionary, straight from the Table Schemas."""
from __future__ import annotations

from ..publish import DATASETS
from ..validate import schema


def _rules(field: dict) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("必填")
    if c.get("unique"):
        parts.append("唯一")
    if "enum" in c:
        parts.append("取值：" + "、".join(c["enum"]))
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "pattern" in c and "enum" not in c:
        parts.append("格式：" + c["pattern"])
    return "；".join(parts)


def datasets(written) -> list[dict]:
    out = []
    for name, (schema_name, title, description_en) in DATASETS.items():
        files = [w for w in written if w.resource == name and w.year is None]
        years = {}
        for w in written:
            if w.resource == name and w.year is not None:
                years.setdefault(w.year, {})[w.format] = w
        out.append({
            "name": name, "title": title, "description_en": description_en, "files": files,
            "years": [{"year": y, "csv": years[y]["csv"]} for y in sorted(years, reverse=True)],
            "fields": [{**f, "rules": _rules(f)} for f in schema(schema_name)["fields"]],
        })
    return out
