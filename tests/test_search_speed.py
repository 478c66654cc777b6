"""The fast paths of indexing and searching give exactly what whoosh's own paths give.

Speed itself is measured in bench/bench_search.py (no timing asserts here): these tests pin that
each shortcut — the build's term pool, the postings cache, the one-piece length read, the native
query segmenter — changes how long things take, never what they answer."""

from __future__ import annotations

import json
import weakref
from collections import defaultdict
from pathlib import Path

import pytest
from whoosh import index as windex

from agent_assist.search import IndexStore, Searcher, analyzer, scoring
from agent_assist.search import names as names_mod
from agent_assist.search.bulk import fast_build
from agent_assist.search.normalize import normalize
from agent_assist.search.retrieve import deferred_score
from agent_assist.search.schema import SCHEMA_VERSION, make_schema

# 128 postings make a whoosh block: terms in 1, 127, 128, 129, 256 and 300 documents cover an
# inlined term, a block exactly full, a full block with one more, and several blocks
SIZES = (1, 127, 128, 129, 256, 300)


def _docs() -> list[dict[str, str]]:
    docs = []
    for d in range(300):
        words = [f"w{n}" for n in SIZES if d < n] + ["w1"] * (d % 3)  # tf 1..3
        docs.append(
            {
                "id": f"p{d}",
                "category": "办理" if d % 2 else "咨询",
                "title": " ".join(words[:2]),
                "body": " ".join(words + [f"only{d}"] * (1 + d % 5)),
                "title_s": f"标题{d}",
            }
        )
    return docs


def _build(folder: Path, fast: bool) -> object:
    folder.mkdir()
    ix = windex.create_in(str(folder), make_schema())
    writer = ix.writer()
    if fast:
        writer = fast_build(writer)
    for doc in _docs():
        writer.add_document(**doc)
    writer.commit(optimize=True)
    return windex.open_dir(str(folder))


def _postings(reader, field, term):
    m = reader.postings(field, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_fast_build_writes_what_whoosh_writes(tmp_path):
    plain = _build(tmp_path / "plain", fast=False).reader()
    fast = _build(tmp_path / "fast", fast=True).reader()
    assert fast.doc_count_all() == plain.doc_count_all() == 300
    compared = 0
    for field in ("id", "category", "title", "body"):
        terms = [t for t, _ in plain.iter_field(field)]
        assert [t for t, _ in fast.iter_field(field)] == terms
        for term in terms:
            a, b = plain.term_info(field, term), fast.term_info(field, term)
            stats = ("weight", "doc_frequency", "min_length", "max_length", "max_weight")
            assert [getattr(a, s)() for s in stats] == [getattr(b, s)() for s in stats], term
            assert (a.min_id(), a.max_id()) == (b.min_id(), b.max_id())
            assert _postings(fast, field, term) == _postings(plain, field, term)
            compared += 1
        for d in range(300):
            assert fast.doc_field_length(d, field) == plain.doc_field_length(d, field)
    assert compared > 300
    assert [fast.stored_fields(d) for d in range(300)] == [
        plain.stored_fields(d) for d in range(300)
    ]


def test_field_lengths_read_in_one_piece_match_whoosh(tmp_path):
    reader = _build(tmp_path / "ix", fast=True).reader()
    for field in ("title", "body", "id"):
        expected = [reader.doc_field_length(d, field) or 0 for d in range(300)]
        assert scoring._field_lengths(reader, field) == expected


QUERIES = ["宽带一直掉线", "花呗还款", "查话费余额", "xhzw", "携", "银行代扣", "怎么办", "5G套餐"]


def _answers(searcher: Searcher) -> list[list[tuple[str, float]]]:
    return [[(h.id, h.score) for h in searcher.search(q, limit=10)] for q in QUERIES]


def test_postings_cache_bound_does_not_change_answers(sample_kb_dir, monkeypatch):
    searcher = Searcher.open(sample_kb_dir)
    roomy = _answers(searcher)
    assert searcher._scorer._cache  # terms were cached…
    assert _answers(searcher) == roomy  # … and a cached answer is the same answer
    monkeypatch.setattr(scoring, "CACHE_POSTINGS", 5)  # evict all the time
    tight = Searcher.open(sample_kb_dir)
    assert _answers(tight) == roomy
    assert tight._scorer._cached_postings <= max(
        5, max(len(i) for i, _ in tight._scorer._cache.values())
    )


def test_scorer_matches_the_per_posting_formula(sample_kb_dir):
    """The cached, length-normalised postings give the BM25 of the textbook formula."""
    searcher = Searcher.open(sample_kb_dir)
    sc = searcher._scorer
    term = next(t for t in ("宽带", "话费", "办理") if sc.doc_frequency("body", t))
    acc: defaultdict[int, float] = defaultdict(float)
    sc.add(acc, "body", term, 1.0)
    lengths, avg, b = sc.lengths("body"), sc.avg_length("body"), scoring.B["body"]
    idf = sc.idf(sc.doc_frequency("body", term))
    expected = {}
    for ids, tfs in sc.postings("body", term):
        for d, tf in zip(ids, tfs):
            norm = scoring.K1 * (1 - b + b * lengths[d] / avg)
            expected[d] = idf * (scoring.K1 + 1) * tf / (tf + norm)
    assert expected and set(acc) == set(expected)
    for d, v in expected.items():
        assert acc[d] == pytest.approx(v, rel=1e-12)


def test_native_query_segmenter_agrees_with_jieba(sample_kb_dir):
    pytest.importorskip("rjieba")
    store = IndexStore(sample_kb_dir)
    store.sync()
    native = analyzer.vocabulary_tokenizer(store.vocab_path)
    assert isinstance(native, analyzer.NativeVocabulary)
    reference = analyzer.jieba_vocabulary_tokenizer(store.vocab_path)
    texts = [
        *QUERIES,
        "我的宽带从昨天晚上开始一直掉线，重启光猫也没用",
        "iPhone15 换 5G 套餐 可以吗",
    ]
    texts += [
        line
        for f in sorted(sample_kb_dir.rglob("*.md"))
        for line in f.read_text("utf-8").splitlines()
    ]
    for text in texts:
        expected = list(reference.cut_for_search(text, HMM=False))
        assert native.cut_for_search(text, HMM=False) == expected, text


def test_native_query_segmenter_refuses_a_torn_vocabulary(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("宽带 300\n掉线\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"vocab.txt:2"):
        analyzer.read_vocabulary(path)


def test_a_one_file_sync_scans_the_folder_once(tmp_path, sample_kb_dir, monkeypatch):
    import shutil

    from agent_assist.search import index as index_module

    kb = tmp_path / "kb"
    shutil.copytree(sample_kb_dir, kb)
    store = IndexStore(kb)
    store.sync()
    one = next(kb.rglob("*.md"))
    one.write_text(one.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    scans = []
    real = index_module.scan_kb
    monkeypatch.setattr(index_module, "scan_kb", lambda d: scans.append(d) or real(d))
    stats = store.sync()
    assert stats.updated == 1
    assert len(scans) == 1  # the change check's scan is the one the update uses


def test_opening_a_searcher_freezes_what_is_alive(sample_kb_dir):
    """Later full collections skip the index's objects (the 60-130 ms pause a keystroke met)."""
    import gc

    gc.unfreeze()
    Searcher.open(sample_kb_dir)
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_title_sound_is_read_from_the_index_not_computed(sample_kb_dir, monkeypatch):
    """The re-rank reads each candidate's title pinyin and pinyin bigrams from the stored
    ``sound_s`` field (written by the analysis workers), and answers as computing them does."""
    with monkeypatch.context() as m:
        m.setattr(names_mod, "stored_pinyin", lambda stored: None)  # as for an older index
        computed = _answers(Searcher.open(sample_kb_dir))

    def refuse(norm):
        raise AssertionError(f"title pinyin computed at query time: {norm}")

    monkeypatch.setattr(names_mod, "title_pinyin", refuse)
    assert _answers(Searcher.open(sample_kb_dir)) == computed


def test_stored_title_pinyin_is_what_the_query_side_computes(sample_kb_dir):
    searcher = Searcher.open(sample_kb_dir)
    s = searcher._searcher
    checked = 0
    for docnum in range(s.doc_count_all()):
        f = s.stored_fields(docnum)
        got = names_mod.stored_pinyin(f["sound_s"])
        assert got == names_mod.title_pinyin(normalize(f["title_s"])), f["title_s"]
        checked += 1
    assert checked > 50


def test_an_index_of_the_previous_schema_is_rebuilt(sample_kb_dir):
    store = IndexStore(sample_kb_dir)
    store.sync()
    data = json.loads(store.manifest_path.read_text(encoding="utf-8"))
    data["version"] = SCHEMA_VERSION - 1  # written before sound_s was stored
    store.manifest_path.write_text(json.dumps(data), encoding="utf-8")
    again = IndexStore(sample_kb_dir)
    assert again.sync().rebuilt
    searcher = Searcher(again)
    searcher.sync()
    assert all("sound_s" in searcher._searcher.stored_fields(d) for d in range(5))


def test_titles_are_segmented_only_for_a_deferred_title_word(sample_kb_dir, monkeypatch):
    searcher = Searcher.open(sample_kb_dir)
    f = searcher._searcher.stored_fields(0)
    names = names_mod.Names(searcher._tokenizer)
    asked: list[str] = []
    real = names_mod.Names.title_words

    def spy(self, title):
        asked.append(title)
        return real(self, title)

    monkeypatch.setattr(names_mod.Names, "title_words", spy)
    bigram = names.title_sound(f["title_s"], f["sound_s"])[2][0]
    only_sound = deferred_score(searcher._scorer, names, f["title_s"], [("title_py", bigram, 9)])
    assert only_sound > 0 and not asked
    word = names.title_words(f["title_s"])[0]
    asked.clear()
    assert deferred_score(searcher._scorer, names, f["title_s"], [("title", word, 9)]) > 0
    assert asked == [f["title_s"]]


def test_searching_freezes_what_its_caches_keep(sample_kb_dir, monkeypatch):
    """Every FREEZE_EVERY searches the objects alive are frozen, so a full collection landing in
    a keystroke walks only what the last few searches allocated."""
    import gc

    from agent_assist.search import searcher as searcher_mod

    monkeypatch.setattr(searcher_mod, "FREEZE_EVERY", 3)
    searcher = Searcher.open(sample_kb_dir)
    try:
        frozen = gc.get_freeze_count()
        searcher.search("宽带")
        searcher.search("话费")
        cached = next(iter(searcher._stored.values()))  # kept by the searcher, not yet frozen
        assert gc.get_freeze_count() == frozen and any(o is cached for o in gc.get_objects())
        searcher.search("流量")
        assert gc.get_freeze_count() > frozen
        assert not any(o is cached for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_reopening_unfreezes_first_so_old_cycles_can_be_freed(sample_kb_dir):
    import gc

    searcher = Searcher.open(sample_kb_dir)
    try:

        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a  # a reference cycle, frozen by the searcher's opening …
        gc.freeze()
        ref = weakref.ref(a)
        del a, b
        searcher._reopen()  # … freed when the searcher re-opens
        assert ref() is None
    finally:
        gc.unfreeze()


def test_stored_fields_are_read_once_per_generation(sample_kb_dir, monkeypatch):
    searcher = Searcher.open(sample_kb_dir)
    reads: list[int] = []
    real = searcher._scorer.stored
    monkeypatch.setattr(searcher._scorer, "stored", lambda d: reads.append(d) or real(d))
    first = searcher.search("宽带")
    n = len(reads)
    assert n and searcher.search("宽带") == first
    assert len(reads) == n  # the second search read nothing again
    searcher._reopen()
    assert not searcher._stored  # a new generation starts empty


def test_top_documents_are_the_heaps_over_every_full_sum():
    """Contributions.top skips documents that cannot reach the k-th best score; the answer is
    the plain heap over every document's full sum, ties (same score, many documents) included."""
    import heapq
    import random
    from array import array

    rng = random.Random(5)
    for case in range(200):
        n = rng.randint(1, 400)
        acc = scoring.Contributions(n)
        full: dict[int, float] = {}
        for _ in range(rng.randint(1, 12)):
            ids = sorted(rng.sample(range(n), rng.randint(1, n)))
            # few distinct values: many exact ties between documents
            scores = [rng.choice((0.5, 1.0, 2.0, rng.random() * 3)) for _ in ids]
            acc.add(array("i", ids), array("d", scores))
            for d, v in zip(ids, scores):
                full[d] = full.get(d, 0.0) + v
        k = rng.choice((1, 5, 60))
        deleted = set(rng.sample(range(n), rng.randint(0, n // 4)))
        allowed = set(rng.sample(range(n), n // 2)) if case % 3 == 0 else None
        expected = heapq.nlargest(
            k,
            (
                (v, d)
                for d, v in full.items()
                if d not in deleted and (allowed is None or d in allowed)
            ),
        )
        assert acc.top(k, deleted, allowed) == expected
        live = [d for d in full if d not in deleted]
        assert all(acc.score(d) == full[d] for d in live)


def test_searching_leaves_no_reference_cycles(sample_kb_dir):
    """Searcher._settle freezes what is alive; that is safe only while searching leaves nothing
    that the collector alone could free (a recursive closure per synonym check once did)."""
    import gc

    searcher = Searcher.open(sample_kb_dir)
    queries = [
        "宽带换个地址要多少钱",
        "充值了没到账怎么办",
        "家里网断了一直连不上",
        "yhdk",
        "查话费",
    ]
    searcher.search(queries[0])  # first-use caches
    gc.collect()
    gc.disable()
    try:
        for q in queries:
            searcher.search(q)
        assert gc.collect() == 0
    finally:
        gc.enable()
        gc.unfreeze()


def test_stored_fields_read_directly_are_whooshs(tmp_path, sample_kb_dir):
    """Scorer.stored skips whoosh's per-field schema check, not a field nor a segment: the
    same dict as whoosh's stored_fields for every document, across segments and deletions."""
    import shutil

    kb = tmp_path / "kb"
    shutil.copytree(sample_kb_dir, kb)
    searcher = Searcher.open(kb)
    one = next(kb.rglob("*.md"))
    one.write_text(one.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    assert searcher.sync().updated == 1  # a second segment, a deleted document in the first
    sc = searcher._scorer
    assert len(sc.leaves) > 1 and sc.deleted
    for d in range(searcher._searcher.doc_count_all()):
        if d not in sc.deleted:
            assert sc.stored(d) == searcher._searcher.stored_fields(d)


def test_tidy_frees_cycles_a_periodic_freeze_kept(sample_kb_dir):
    """A cycle the rest of the process dropped after a freeze (a closed dialog's widgets) is
    freed by the next tidy, which the desktop runs once the agent stops typing."""
    import gc

    searcher = Searcher.open(sample_kb_dir)
    try:

        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a
        gc.freeze()  # what _settle does every FREEZE_EVERY searches
        ref = weakref.ref(a)
        del a, b
        gc.collect()
        assert ref() is not None  # frozen: no collection reaches it
        searcher.tidy()
        assert ref() is None
        assert searcher.search("宽带")  # and searching goes on
    finally:
        gc.unfreeze()
