"""Personal data out, once, before anything public is written (domain.md §5).

ID numbers were already dropped when the sources were normalised. Here: natural persons' and
individual-business operators' names keep the surname only (王**), wherever they occur, free
text included; names introduced in free text by 当事人/经营者/负责人/法定代表人 are masked too;
phone numbers, ID-like numbers and bank account numbers in free text become asterisks.
Company names are not masked."""
from __future__ import annotations

import re
from functools import cache

import pandas as pd
import yaml

from . import SCHEMAS
from .normalise.values import looks_like_person

FREE_TEXT = ["违法事实", "处罚内容", "处罚依据", "备注", "暂扣或吊销证照名称及编号", "违法行为类型"]
PHONE = re.compile(r"(?<![0-9])(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3,4}-\d{7,8})(?![0-9])")
LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){11,29}[Xx]?(?![0-9A-Za-z])")  # IDs, bank accounts
ID15_18 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?:\d{2}[\dXx])?(?![0-9A-Za-z])")
# characters that, right after a two-character name, begin the sentence rather than the name
FUNCTION_CHARS = "于在的未因将对从为已擅私等以及与和无被经使违把自通向所涉拒不没至到由称系是"


@cache
def _surnames() -> tuple[tuple[str, ...], str]:
    doc = yaml.safe_load((SCHEMAS / "surnames.yml").read_text(encoding="utf-8"))
    return tuple(doc["compound"]), doc["single"].replace(" ", "")


def mask_name(name: str, char: str = "*") -> str:
    """张三 → 张*, 欧阳娜娜 → 欧阳**, 阿卜杜·热合曼 → 阿******."""
    name = name.strip()
    if not name:
        return name
    compound, _ = _surnames()
    keep = 2 if name[:2] in compound and len(name) > 2 else 1
    return name[:keep] + char * (len(name) - keep)


def _introduced(words: list[str], char: str) -> re.Pattern:
    """当事人张三 / 经营者：李四 …: the name after an introducing word (not one already masked)."""
    compound, single = _surnames()
    surname = "(?:" + "|".join(compound) + f"|[{single}])"
    return re.compile(rf"(?P<intro>{'|'.join(map(re.escape, words))})(?P<sep>[:：]?\s*(?:为|是)?\s*)"
                      rf"(?P<name>{surname}[\u4e00-\u9fff]{{1,2}})(?!{re.escape(char)})")


def _trie_regex(words: set[str]) -> re.Pattern | None:
    """One regex matching any of many names, longest first (a trie, so it stays fast)."""
    if not words:
        return None
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + pattern(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return re.compile(pattern(trie))


class Masker:
    def __init__(self, policy: dict, known_names: set[str]):
        self.char = policy.get("mask_char", "*")
        free = policy.get("free_text", {})
        self.phones = free.get("phone_numbers", True)
        self.numbers = free.get("id_numbers", True) or free.get("bank_accounts", True)
        self.intro = _introduced(free.get("introduced_names", ["当事人", "经营者", "负责人", "法定代表人"]), self.char)
        self.known = _trie_regex({n for n in known_names if len(n) >= 2})

    def name(self, text: str) -> str:
        return mask_name(text, self.char)

    def _introduced_name(self, m: re.Match) -> str:
        name = m["name"]
        rest = ""
        if len(name) == 3 and name[2] in FUNCTION_CHARS:
            name, rest = name[:2], name[2]
        return m["intro"] + m["sep"] + mask_name(name, self.char) + rest

    def text(self, text: str) -> str:
        if not text:
            return text
        if self.known is not None:
            text = self.known.sub(lambda m: mask_name(m.group(0), self.char), text)
        text = self.intro.sub(self._introduced_name, text)
        if self.numbers:
            text = LONG_NUMBER.sub(lambda m: re.sub(r"[0-9Xx]", self.char, m.group(0)), text)
            text = ID15_18.sub(lambda m: self.char * len(m.group(0)), text)
        if self.phones:
            text = PHONE.sub(lambda m: re.sub(r"\d", self.char, m.group(0)), text)
        return text


def person_names(frame: pd.DataFrame, policy: dict) -> set[str]:
    """Every natural person's name the records state in a field of their own."""
    names: set[str] = set()
    persons = frame["行政相对人类别"] == "自然人"
    names.update(frame.loc[persons, "行政相对人名称"])
    business = frame["行政相对人类别"] == "个体工商户"
    names.update(n for n in frame.loc[business, "行政相对人名称"] if looks_like_person(n))
    reps = frame["法定代表人"] if policy.get("legal_representatives", "surname") == "surname" \
        else frame.loc[business, "法定代表人"]
    names.update(n for n in reps if looks_like_person(n))
    return {n for n in names if n}


def mask_penalties(frame: pd.DataFrame, masker: Masker, policy: dict) -> pd.DataFrame:
    """The public copy of the records: what every output (pages, datasets, feeds, search) uses.
    `masker` knows the names of every record, public or not (see masker_for)."""
    out = frame.copy()
    hide = out["行政相对人类别"].eq("自然人") | (
        out["行政相对人类别"].eq("个体工商户") & out["行政相对人名称"].map(looks_like_person))
    out.loc[hide, "行政相对人名称"] = out.loc[hide, "行政相对人名称"].map(masker.name)
    reps = out["法定代表人"].map(lambda n: bool(n) and looks_like_person(n))
    if policy.get("legal_representatives", "surname") != "surname":
        reps &= out["行政相对人类别"].eq("个体工商户")
    out.loc[reps, "法定代表人"] = out.loc[reps, "法定代表人"].map(masker.name)
    for field in FREE_TEXT:
        if field in out.columns:
            out[field] = out[field].map(masker.text)
    return out


def masker_for(frame: pd.DataFrame, policy: dict) -> Masker:
    """One masker for a run, built from all records: a person penalised in a decision no longer
    public is still masked where a public one names them."""
    return Masker(policy, person_names(frame, policy))
