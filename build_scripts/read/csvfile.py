"""CSV (and tab-separated) text in any encoding Chinese office software writes.

The encoding is detected with charset-normalizer, not assumed; a UTF-8 BOM is honoured.
Row numbers are the editor's line numbers of each record's first line.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from charset_normalizer import from_bytes

from .cells import Grid, cell_text

# Among equally plausible decodings, the one Chinese office software writes (GBK ⊂ GB18030).
GB_FAMILY = {"gb18030", "gbk", "gb2312", "hz"}


def decode(raw: bytes) -> str:
    """Bytes → text: BOMs honoured; valid UTF-8 is UTF-8; otherwise charset-normalizer decides,
    preferring GB18030 among the guesses that read the bytes equally cleanly (short Chinese
    text also decodes as Big5 or CP949)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = raw[:256 * 1024]
    if len(raw) > len(sample) and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]  # whole lines: never half a character
    matches = list(from_bytes(sample))
    if not matches:
        raise ValueError("无法识别文本编码 unknown text encoding")
    least = min(m.chaos for m in matches)
    plausible = [m.encoding for m in matches if m.chaos <= least + 0.05]
    encoding = next((e for e in plausible if e in GB_FAMILY), plausible[0])
    if encoding in GB_FAMILY:
        encoding = "gb18030"
    return raw.decode(encoding, errors="replace")


def read(path: Path) -> list[Grid]:
    text = decode(path.read_bytes())
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, numbers = [], []
    line = 1
    for record in reader:
        rows.append([cell_text(v) for v in record])
        numbers.append(line)
        line = reader.line_num + 1
    return [Grid(sheet="", rows=rows, numbers=numbers)]
