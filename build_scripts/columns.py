"""Header spellings → standard field names, from datasets/schemas/<dataset>.columns.yml."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import yaml

from . import SCHEMAS

_MARKERS = re.compile(r"[*＊★☆※]|\((?:必填|选填|必填项|选填项|可选|非必填)\)")
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")", "<": "(", ">": ")", "《": "", "》": ""})
_UNIT = re.compile(r"\((万元|元|人民币元|人民币万元)\)$")


def header_key(text: str) -> str:
    """What two spellings of one header have in common: no spaces, half-width, one bracket shape."""
    key = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    key = re.sub(r"\s+", "", key)
    key = _MARKERS.sub("", key)
    key = re.sub(r"^\d+[.、]", "", key)  # "1.当事人名称"
    return key.lower()  # a label ending in ：/: (索引号： 名称：) is page furniture, not a header


@dataclass(frozen=True)
class Match:
    field: str
    unit: str | None = None


@dataclass
class ColumnSpec:
    dataset: str
    fields: dict[str, dict]  # standard name → its entry (kind, required, publish, synonyms)
    index: dict[str, Match]
    ignore: frozenset[str]

    @property
    def required(self) -> list[str]:
        return [f for f, e in self.fields.items() if e.get("required")]

    def kind(self, field: str) -> str:
        return self.fields[field].get("kind", "text")

    def publish(self, field: str) -> bool:
        return self.fields[field].get("publish", True)

    def match(self, header: str) -> Match | None:
        key = header_key(header)
        if not key:
            return None
        if key in self.index:
            return self.index[key]
        m = _UNIT.search(key)
        if m:  # a known header with a unit suffix the synonyms did not list
            base = self.index.get(key[: m.start()])
            if base and self.kind(base.field) == "amount":
                return Match(base.field, "元" if m.group(1) in ("元", "人民币元") else "万元")
        return None

    def ignored(self, header: str) -> bool:
        return header_key(header) in self.ignore

    def closest(self, header: str) -> str:
        """The standard field whose name or synonym is nearest to an unknown header."""
        key = header_key(header)
        keys = list(self.index)
        best = difflib.get_close_matches(key, keys, n=1, cutoff=0.0)
        if not best:
            return next(iter(self.fields))
        return self.index[best[0]].field


@cache
def spec(dataset: str) -> ColumnSpec:
    doc = yaml.safe_load((SCHEMAS / f"{dataset}.columns.yml").read_text(encoding="utf-8"))
    ignore = frozenset(header_key(x) for x in doc.pop("ignore", []))
    index: dict[str, Match] = {}
    for name, entry in doc.items():
        unit = "万元" if name.endswith("(万元)") else None
        index.setdefault(header_key(name), Match(name, unit))
        for syn in entry.get("synonyms", []):
            if isinstance(syn, dict):
                index.setdefault(header_key(syn["name"]), Match(name, syn.get("unit")))
            else:
                index.setdefault(header_key(syn), Match(name, unit))
    return ColumnSpec(dataset=dataset, fields=doc, index=index, ignore=ignore)
