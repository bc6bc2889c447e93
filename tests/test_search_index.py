"""The site search index (build_scripts/search.py): Chinese bigrams, shards, truncation, and
what a query downloads. The browser side is exercised in test_site_browser.py."""
import json
from pathlib import Path

from build_scripts.search import fnv1a, tokens, write_index


def query(folder: Path, text: str) -> tuple[list[str], int, bool]:
    """What the page's script does: fetch meta, one shard per token, intersect; (titles,
    bytes read, partial). Mirrors site_src/assets/gs-search.js."""
    read = 0

    def load(path):
        nonlocal read
        raw = (folder / path).read_bytes()
        read += len(raw)
        return json.loads(raw)

    meta = load("meta.json")
    lists, partial = [], False
    for tok in sorted(tokens(text)):
        shard = load(f"p/{fnv1a(tok) % meta['shards']}.json")
        if tok not in shard["p"]:
            return [], read, False
        ids, v = [], 0
        for d in shard["p"][tok]:
            v += d
            ids.append(v)
        lists.append((ids, tok in shard["t"]))
    complete = [ids for ids, t in lists if not t]
    use = complete or [ids for ids, _ in lists]
    partial = not complete
    hits = sorted(set.intersection(*map(set, use)))
    titles = []
    for i in hits[:20]:
        titles.append(load(f"d/{i // meta['chunk']}.json")[i % meta["chunk"]][1])
    return titles, read, partial


def test_tokens_are_bigrams_single_characters_and_latin_runs():
    assert tokens("超标排放") == {"超标", "标排", "排放"}
    assert tokens("皖亳环(谯)罚〔2025〕12号") == {"皖亳", "亳环", "谯", "罚", "2025", "12", "号"}
    assert tokens("９１３４ＡＢ") == {"9134ab"}  # full-width folded, lower case
    assert tokens("  ,。") == set()


def test_fnv1a_is_the_32_bit_hash():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C  # published FNV-1a test vector


def test_a_query_finds_the_documents_holding_all_its_tokens(tmp_path):
    docs = [("p/1/", "皖亳环罚〔2026〕1号 示例化工有限公司", "超标排放大气污染物", ""),
            ("p/2/", "皖亳环罚〔2026〕2号 示例食品厂", "通过暗管排放水污染物", ""),
            ("p/3/", "皖亳环罚〔2026〕12号 示例建材有限公司", "未批先建", "该公司超标排放")]
    stats = write_index(docs, tmp_path)
    assert stats["docs"] == 3
    assert query(tmp_path, "超标排放")[0] == [docs[0][1], docs[2][1]]
    assert query(tmp_path, "暗管")[0] == [docs[1][1]]
    assert query(tmp_path, "皖亳环罚〔2026〕12号")[0] == [docs[2][1]]
    assert query(tmp_path, "示例化工")[0] == [docs[0][1]]
    assert query(tmp_path, "不存在的词")[0] == []


def test_very_common_tokens_are_truncated_and_the_query_says_so(tmp_path):
    docs = [(f"p/{i}/", f"示例公司{i}", "超标排放" if i % 2 else "未批先建", "") for i in range(50)]
    write_index(docs, tmp_path, cap=10, chunk_size=8)
    shard_of = json.loads((tmp_path / "meta.json").read_text())["shards"]
    common = json.loads((tmp_path / "p" / f"{fnv1a('示例') % shard_of}.json").read_text())
    assert "示例" in common["t"] and len(common["p"]["示例"]) == 10
    titles, _, partial = query(tmp_path, "示例")
    assert partial and titles == [f"示例公司{i}" for i in range(10)]  # the newest ten, said to be partial
    titles, _, partial = query(tmp_path, "示例公司3")  # "3" is rare: complete, exact
    assert not partial and titles == ["示例公司3"]


def test_bundled_site_queries_download_little(site):
    folder = site / "search"
    for text in ("超标排放", "暗管", "有限公司", "皖亳环罚"):
        titles, read, _ = query(folder, text)
        assert titles, text
        assert read < 300 * 1024, (text, read)
