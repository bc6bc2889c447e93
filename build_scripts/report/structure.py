"""The outline of a report as plain dicts for the templates: parts (一、), sections ((一) or
（一）), paragraphs, and the points (一是 …) that start paragraphs.

Headings keep the text exactly as written (ASCII parentheses and commas included); `number`
is the normalised label (“一”, “（一）”) for anchors and tables of contents. A paragraph is a
point only when it starts with 一是/二是…; points written inline (…：一是…；二是…) stay inside
their paragraph. A heading line that carries text after its first sentence
(（一）坚持政治引领。一是…) is split there: the rest is the section's first paragraph.

Ids are stable anchors: part-1, part-1-sec-4, p-1-4-2 (part 1, section 4, paragraph 2);
paragraphs directly under a part have section 0, preamble paragraphs are p-0-0-n.
"""
from __future__ import annotations

import re

from .source import DATE_LINE, TERMINAL, Source

CN = "一二三四五六七八九十"
PART = re.compile(rf"^([{CN}]+)、")
SECTION = re.compile(rf"^[（(]([{CN}]+)[）)]")
POINT = re.compile(rf"^([{CN}]+是)")
MAX_CLOSING = 30


def parse(source: Source) -> dict:
    """{year, title, file, preamble, parts, closing}; see the module docstring."""
    preamble: list[dict] = []
    parts: list[dict] = []
    lines, closing = _closing(list(source.lines))
    for line in lines:
        if m := PART.match(line):
            heading, rest = _heading(line)
            parts.append({"id": f"part-{len(parts) + 1}", "number": m.group(1), "heading": heading,
                          "sections": [], "paragraphs": []})
            if rest:
                _paragraph(parts, preamble, rest)
        elif parts and (m := SECTION.match(line)):
            part = parts[-1]
            heading, rest = _heading(line)
            n = len(part["sections"]) + 1
            part["sections"].append({"id": f"{part['id']}-sec-{n}", "number": f"（{m.group(1)}）",
                                     "heading": heading, "paragraphs": []})
            if rest:
                _paragraph(parts, preamble, rest)
        else:
            _paragraph(parts, preamble, line)
    return {"year": source.year, "title": source.title, "file": source.shown,
            "preamble": preamble, "parts": parts, "closing": closing}


def _heading(line: str) -> tuple[str, str]:
    """A heading line → (heading, text after it): split after the first 。 when more follows."""
    cut = line.find("。")
    if 0 <= cut < len(line) - 1:
        return line[: cut + 1], line[cut + 1:]
    return line, ""


def _paragraph(parts: list[dict], preamble: list[dict], text: str) -> None:
    if not parts:
        home, prefix = preamble, "p-0-0"
    elif parts[-1]["sections"]:
        sec = parts[-1]["sections"][-1]
        home = sec["paragraphs"]
        prefix = "p-" + sec["id"].removeprefix("part-").replace("-sec-", "-")
    else:
        home, prefix = parts[-1]["paragraphs"], f"p-{parts[-1]['id'].removeprefix('part-')}-0"
    m = POINT.match(text)
    home.append({"id": f"{prefix}-{len(home) + 1}", "point": m.group(1) if m else None, "text": text})


def _closing(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split off a signature and date at the end (a signing body / 2025年1月20日)."""
    closing: list[str] = []
    while lines and len(closing) < 3:
        last = lines[-1]
        if DATE_LINE.match(last) or (closing and len(last) <= MAX_CLOSING
                                     and not last.endswith(tuple(TERMINAL))
                                     and not (PART.match(last) or SECTION.match(last) or POINT.match(last))):
            closing.insert(0, lines.pop())
        else:
            break
    return lines, closing


def points(section: dict) -> int:
    """How many paragraphs of a section (or part) start with a point (一是 …)."""
    return sum(1 for p in section["paragraphs"] if p["point"])
