"""Read one annual report (法治政府建设情况报告) into its title, year and lines of text.

Formats: .txt and .md (any encoding read.csvfile.decode recognises), saved web pages (.html,
.htm: the article from its title line to the page footer), .docx (paragraphs).

Text copied out of a PDF is repaired without changing a word: lines broken inside a sentence
are joined, and page numbers (- 3 -, 第 3 页, —3—, bare numbers counting up) and running
headers (a short line equal to the title, or repeated on several pages) are dropped. Blank
lines carry no meaning (PDF text has them at page breaks): a paragraph ends where its line
ends with 。！？；：”」 or where the next line starts a heading (一、 （一） 一是 1、) or a date.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, problem
from ..read import csvfile, docx, html
from ..read.sniff import sniff
from .figures import vocabulary

CN = "一二三四五六七八九十"
TERMINAL = "。！？；：”」!?;:"
HEADING = re.compile(rf"^(?:[{CN}]+、|[（(][{CN}]+[）)])")  # parts and sections
STARTS = re.compile(rf"^(?:[{CN}]+、|[（(][{CN}]+[）)]|[{CN}]+是|[（(]\d+[）)]|\d+[、．.](?!\d))")
DATE_LINE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d〇一二三四五六七八九十]{1,3}月[\d〇一二三四五六七八九十]{1,3}日$")
PAGE_NUMBER = re.compile(
    r"^(?:[-－—–―~～]+\d{1,4}[-－—–―~～]+|第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?|\d{1,4}[/／]\d{1,4}"
    r"|(?:page|p\.)\d{1,4}(?:of\d{1,4})?)$", re.I)
BARE_NUMBER = re.compile(r"^\d{1,3}$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
MAX_TITLE = 60
MAX_HEADER = 30


@dataclass(frozen=True)
class Source:
    year: int
    title: str
    lines: tuple[str, ...]  # the repaired lines after the title: one paragraph or heading each
    shown: str  # the file name as shown to people (in problems, on pages)
    original: str  # the text as read from the file, before any repair
    format: str  # txt, md, html or docx

    @property
    def text(self) -> str:
        return "\n".join(([self.title] if self.title else []) + list(self.lines))


def load_report(path: Path, shown: str) -> tuple[Source | None, list[Problem]]:
    """One report file → its Source, or None and the problems that stopped it."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, [problem("file.unreadable", file=shown, detail=e.strerror or str(e))]
    if not raw.strip():
        return None, [problem("file.empty", file=shown)]
    kind = sniff(path, raw[:8192])
    suffix = path.suffix.lower()
    try:
        if kind == "docx":
            fmt, text = "docx", docx.text_of(path)
        elif kind == "html" or suffix in (".html", ".htm", ".shtml"):
            fmt, text = "html", html.text_of(path)
        elif kind == "csv":  # sniff's name for “some text”
            fmt, text = ("md" if suffix in (".md", ".markdown") else "txt"), csvfile.decode(raw)
        else:
            return None, [problem("file.unsupported", file=shown, detail=kind)]
    except Exception as e:  # a broken file of a known kind: report it, never a traceback
        return None, [problem("file.unreadable", file=shown, detail=f"{type(e).__name__}: {e}"[:200])]
    lines = [_clean(line, fmt) for line in text.splitlines()]
    title, title_at, body = _layout(lines, fmt)
    repaired = join_lines([lines[i] for i in body])
    if not title and not repaired:
        return None, [problem("file.empty", file=shown)]
    year = year_of(title, shown, path.name)
    if year is None:
        return None, [problem("report.year", file=shown)]
    return Source(year, title, tuple(repaired), shown, text, fmt), []


def year_of(title: str, *names: str) -> int | None:
    """The year from the title (关于2024年度…的报告), else from a file name (2024-…)."""
    m = YEAR.search(title)
    if m:
        return int(m.group(1))
    for name in names:
        base = Path(name).name
        m = re.match(r"((?:19|20)\d{2})(?!\d)", base) or YEAR.search(base)
        if m:
            return int(m.group(1))
    return None


def _clean(line: str, fmt: str) -> str:
    line = line.strip().replace("\u3000", "").replace("\xa0", " ").strip()
    if fmt == "md":
        if re.fullmatch(r"(?:[-*_]\s*){3,}", line):
            return ""
        line = re.sub(r"^(?:#{1,6}\s*|>\s?|[-*+]\s+)", "", line).replace("**", "").replace("__", "")
    return line.strip()


def _compact(line: str) -> str:
    return re.sub(r"\s+", "", line)


def _is_title(compact: str) -> bool:
    return 0 < len(compact) <= MAX_TITLE and compact.endswith("报告") and not any(c in compact for c in "。；;")


def _titles(lines: list[str], upto: int) -> list[tuple[int, ...]]:
    """Candidate title lines before index upto: one line, or two lines read as one."""
    found = []
    filled = [i for i in range(upto) if lines[i]]
    for n, i in enumerate(filled):
        one = _compact(lines[i])
        if _is_title(one):
            found.append((i,))
        elif n + 1 < len(filled) and len(one) <= 40 and not one.endswith(tuple(TERMINAL)) \
                and _is_title(one + _compact(lines[filled[n + 1]])):
            found.append((i, filled[n + 1]))
    return found


def _layout(lines: list[str], fmt: str) -> tuple[str, tuple[int, ...], list[int]]:
    """(title, indices of its lines, indices of the body lines kept) of a report's lines."""
    filled = [i for i, line in enumerate(lines) if line]
    if fmt == "html":
        first_part = next((i for i in filled if re.match(rf"^[{CN}]+、", lines[i])), len(lines))
        candidates = _titles(lines, first_part)
        with_year = [c for c in candidates if YEAR.search("".join(lines[i] for i in c))]
        title_at = (with_year or candidates or [()])[-1]
    else:
        candidates = _titles(lines, filled[1] + 1 if len(filled) > 1 else len(lines))
        title_at = candidates[0] if candidates and candidates[0][0] == (filled or [0])[0] else ()
    title = "".join(_compact(lines[i]) for i in title_at)
    start = title_at[-1] + 1 if title_at else 0
    end = len(lines)
    if fmt == "html":
        page = vocabulary()["html_page"]
        end = next((i for i in range(start, len(lines)) if re.search(page["end"], lines[i])), end)
        while start < end and (not lines[start] or re.match(page["meta"], lines[start])):
            start += 1
    body = [i for i in range(start, end) if lines[i]]
    furniture = page_furniture(lines, body, title_at)
    return title, title_at, [i for i in body if i not in furniture]


def page_furniture(lines: list[str], body: list[int], title_at: tuple[int, ...]) -> set[int]:
    """Indices of page numbers and running headers among the body lines."""
    compact = {i: _compact(lines[i]) for i in body}
    drop = {i for i in body if PAGE_NUMBER.match(compact[i])}
    bare = [i for i in body if BARE_NUMBER.match(compact[i])]
    values = [int(compact[i]) for i in bare]
    if len(bare) >= 2 and all(b > a for a, b in zip(values, values[1:])):
        drop.update(bare)
    titles = {_compact(lines[i]) for i in title_at} | {"".join(_compact(lines[i]) for i in title_at)}
    titles.discard("")
    headerish = {i: c for i, c in compact.items()
                 if 4 <= len(c) <= MAX_HEADER and not c.endswith(tuple(TERMINAL)) and not STARTS.match(c)}
    repeats = Counter(headerish.values())
    drop.update(i for i, c in headerish.items() if c in titles or repeats[c] >= 2)
    drop.update(i for i in body if compact[i] in titles and len(compact[i]) <= MAX_TITLE)
    return drop


def _continues(previous: str, line: str) -> bool:
    return not (previous.endswith(tuple(TERMINAL)) or HEADING.match(previous) or STARTS.match(line)
                or DATE_LINE.match(_compact(previous)) or DATE_LINE.match(_compact(line)))


def join_lines(lines: list[str]) -> list[str]:
    """Join lines broken inside a sentence; nothing else changes."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return out


def characters_in_order(original: str, rendered_text: str) -> bool:
    """True when every non-space character of a plain-text report, less the page numbers and
    running headers the reader drops, appears in rendered_text in the same order."""
    lines = [_clean(line, "txt") for line in original.splitlines()]
    _title, title_at, body = _layout(lines, "txt")
    kept = sorted(set(title_at) | set(body))
    want = "".join(ch for i in kept for ch in lines[i] if not ch.isspace())
    have = iter(ch for ch in rendered_text if not ch.isspace())
    return all(ch in have for ch in want)
