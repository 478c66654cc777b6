#!/usr/bin/env python3
"""rjieba (jieba-rs) against jieba: do they segment alike? (prints agreement rates and speed)

The index is analysed with rjieba and queries are segmented with rjieba over the index's
vocabulary; both replace pure-Python jieba only because they give the same search-mode words.
This prints, for each text set, the share of texts whose words are identical, the share of
words in agreement, and the time per 1,000 texts of each segmenter:

* index side — jieba's full dictionary vs rjieba, both taught the KB's own words as indexing
  does (``analyzer.add_words``): every line of the sample KB, the ATEC titles, the ATEC dev
  queries;
* query side — jieba's ``Tokenizer`` over a vocabulary file vs ``analyzer.NativeVocabulary``
  over the same file (the sample KB's index vocabulary; for ATEC a vocabulary of the words of
  its titles, what a titles-only index would write), on the sample KB lines and the ATEC queries.

usage: python bench/bench_segmenter.py --kit KIT_DIR [--work /tmp/aa-bench]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
Segmenter = Callable[[str], list[str]]


def agreement(texts: list[str], ref: Segmenter, other: Segmenter) -> dict[str, object]:
    same = words_ref = words_common = 0
    examples: list[tuple[str, list[str], list[str]]] = []
    t0 = time.perf_counter()
    a_all = [ref(t) for t in texts]
    t_ref = time.perf_counter() - t0
    t0 = time.perf_counter()
    b_all = [other(t) for t in texts]
    t_other = time.perf_counter() - t0
    for text, a, b in zip(texts, a_all, b_all):
        words_ref += len(a)
        words_common += sum((Counter(a) & Counter(b)).values())
        if a == b:
            same += 1
        elif len(examples) < 3:
            examples.append((text[:40], a[:12], b[:12]))
    n = max(1, len(texts))
    return {
        "texts": len(texts),
        "identical": round(same / n, 5),
        "word_agreement": round(words_common / max(1, words_ref), 5),
        "jieba_ms_per_1k": round(t_ref * 1000 / n * 1000, 1),
        "rjieba_ms_per_1k": round(t_other * 1000 / n * 1000, 1),
        "differences": examples,
    }


def report(name: str, result: dict[str, object]) -> None:
    print(
        f"{name:<38} {result['texts']:>7} {result['identical']:>9.2%} {result['word_agreement']:>9.2%}"
        f" {result['jieba_ms_per_1k']:>10} {result['rjieba_ms_per_1k']:>10}",
        flush=True,
    )
    for example in result["differences"]:  # type: ignore[attr-defined]
        print("    differs:", json.dumps(example, ensure_ascii=False))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--kit", type=Path, default=os.environ.get("AGENT_ASSIST_BENCH_KIT"))
    a = ap.parse_args()
    if a.kit is None:
        ap.error("--kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT) is required")
    os.environ.setdefault("AGENT_ASSIST_DATA_DIR", tempfile.mkdtemp(prefix="aa-seg-"))
    sys.path.insert(0, str(REPO))
    from agent_assist.search import IndexStore, analyzer
    from agent_assist.search.normalize import normalize

    native = analyzer._native()
    if native is None:
        print("rjieba is not installed (or AGENT_ASSIST_NO_RJIEBA is set): nothing to compare")
        return 1
    kb_lines = [
        normalize(line)
        for f in sorted((REPO / "knowledge").rglob("*.md"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    titles = [
        normalize(json.loads(line)["title"])
        for line in (a.kit / "atec" / "kb.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    queries = [
        normalize(line.split("\t")[0])
        for line in (a.kit / "atec" / "dev_queries.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    store = IndexStore(REPO / "knowledge")
    store.sync()  # teaches jieba and rjieba the sample KB's words, writes its vocabulary
    analyzer.add_words(w for t in titles for w in analyzer.vocabulary_of(t, []))
    full = analyzer._jieba().dt

    def jieba_full(text: str) -> list[str]:
        return list(full.cut_for_search(text, HMM=False))

    def rjieba_full(text: str) -> list[str]:
        out: list[str] = native.cut_for_search(text, False)
        return out

    print(
        f"{'segmenters, texts':<38} {'texts':>7} {'identical':>9} {'words':>9} {'jieba ms/1k':>10} {'rjieba ms/1k':>10}"
    )
    report("index: sample KB lines", agreement(kb_lines, jieba_full, rjieba_full))
    report("index: ATEC titles", agreement(titles, jieba_full, rjieba_full))
    report("index: ATEC dev queries", agreement(queries, jieba_full, rjieba_full))

    def pair(path: Path) -> tuple[Segmenter, Segmenter]:
        ref = analyzer.jieba_vocabulary_tokenizer(path)
        nat = analyzer.NativeVocabulary.load(path)
        return (
            lambda t: list(ref.cut_for_search(t, HMM=False)),
            lambda t: nat.cut_for_search(t, HMM=False),
        )

    ref, nat = pair(store.vocab_path)
    report("query: sample KB vocabulary, KB lines", agreement(kb_lines, ref, nat))
    report("query: sample KB vocabulary, ATEC q.", agreement(queries, ref, nat))
    atec_vocab = Path(os.environ["AGENT_ASSIST_DATA_DIR"]) / "atec-vocab.txt"
    words: Iterable[str] = {w for t in titles for w in analyzer.words(t, normalized=True)}
    analyzer.write_vocabulary(atec_vocab, words)
    ref, nat = pair(atec_vocab)
    report("query: ATEC title vocabulary, ATEC q.", agreement(queries, ref, nat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
