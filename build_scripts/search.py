"""Stage 7b, the site search index: Chinese search that stays small per query at any scale.

Text is cut into tokens the same way here and in the browser (site_src/assets/gs-search.js):
runs of Chinese characters give their character bigrams (超标排放 → 超标 标排 排放; a single
character stands alone), runs of Latin letters and digits are one token (2025, 12,
91340400553270844u). A query finds the documents holding all its tokens.

Files under search/ (all JSON):
  meta.json        how the index is cut: shard count, chunk size, document count
  p/<n>.json       posting lists of the tokens whose hash falls in shard n, as deltas of
                   document numbers; tokens in very many documents keep only their newest
                   CAP documents and are listed under "t" (truncated)
  d/<n>.json       documents n*CHUNK … as [url, title, line]
A query downloads meta.json, one shard per distinct token and the chunks of the results it
shows: tens of kilobytes, whether the site holds 1,000 decisions or 300,000.

Documents come in the order given (newest decisions first), so document numbers are ranks."""
from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections.abc import Iterable
from pathlib import Path

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{CJK}]+|[0-9a-z]+")
_CJK_CHAR = re.compile(f"[{CJK}]")
CAP = 2000            # postings kept for a token found in more documents than this
CHUNK = 32            # documents per file of the document store
SHARD_BYTES = 12_000  # aim for posting shards about this size


def tokens(text: str) -> set[str]:
    out: set[str] = set()
    for run in _RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        if _CJK_CHAR.match(run):
            out.update((run,) if len(run) == 1 else (run[i:i + 2] for i in range(len(run) - 1)))
        else:
            out.add(run)
    return out


def fnv1a(token: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (the browser computes the same)."""
    h = 0x811C9DC5
    for b in token.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def _deltas(ids: array) -> list[int]:
    out, prev = [], 0
    for i in ids:
        out.append(i - prev)
        prev = i
    return out


def write_index(docs: Iterable[tuple[str, str, str, str]], folder: Path, cap: int = CAP, chunk_size: int = CHUNK,
                shard_bytes: int = SHARD_BYTES) -> dict:
    """docs: (url, title, line shown under it, text searched besides title and line).
    Returns what was written: documents, tokens, shards, bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "d").mkdir(exist_ok=True)
    (folder / "p").mkdir(exist_ok=True)
    postings: dict[str, array] = {}
    chunk: list[list[str]] = []
    n = 0
    for n, (url, title, line, text) in enumerate(docs):
        for tok in tokens(f"{title} {line} {text}"):
            ids = postings.get(tok)
            if ids is None:
                postings[tok] = ids = array("I")
            if len(ids) <= cap:  # one over the cap marks the token as truncated
                ids.append(n)
        chunk.append([url, title, line])
        if len(chunk) == chunk_size:
            _write_json(folder / "d" / f"{n // chunk_size}.json", chunk)
            chunk = []
    count = n + 1 if postings or chunk else 0
    if chunk:
        _write_json(folder / "d" / f"{n // chunk_size}.json", chunk)

    encoded = {tok: (_deltas(ids[:cap]), len(ids) > cap) for tok, ids in postings.items()}
    size = sum(len(tok) * 3 + 4 + sum(len(str(d)) + 1 for d in ds) for tok, (ds, _) in encoded.items())
    shards = 1
    while shards < 65536 and size / shards > shard_bytes:
        shards *= 2
    groups: list[dict] = [{"p": {}, "t": []} for _ in range(shards)]
    for tok in sorted(encoded):
        ds, truncated = encoded[tok]
        g = groups[fnv1a(tok) % shards]
        g["p"][tok] = ds
        if truncated:
            g["t"].append(tok)
    written = 0
    for i, g in enumerate(groups):
        written += _write_json(folder / "p" / f"{i}.json", g)
    meta = {"version": 1, "docs": count, "shards": shards, "chunk": chunk_size, "cap": cap}
    _write_json(folder / "meta.json", meta)
    return {**meta, "tokens": len(postings), "posting_bytes": written}


def _write_json(path: Path, value) -> int:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def document_urls(folder: Path):
    """The URL (site-relative) of every document in a written index (the audit checks each)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    for n in range((meta["docs"] + meta["chunk"] - 1) // meta["chunk"]):
        for url, *_ in json.loads((folder / "d" / f"{n}.json").read_text(encoding="utf-8")):
            yield url
