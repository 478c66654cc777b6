"""Searcher: from what an agent typed to ranked processes, in a few milliseconds.

Two stages: ``retrieve`` (BM25F over whoosh's postings, common terms deferred) picks candidates
cheaply; ``rerank`` orders them with every signal — sound, names, coverage, synonyms, the learned
signal, tier / usage boosts. This module holds the index's lifecycle around them: opening and
syncing the cache, following another process's rebuild, healing a damaged index once.
"""

from __future__ import annotations

import gc
import heapq
import logging
import threading
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from agent_assist.search import analyzer
from agent_assist.search.expansion import expand, load_groups
from agent_assist.search.highlight import highlight_spans, matched_terms
from agent_assist.search.hit import Hit
from agent_assist.search.index import IndexStore, SyncStats
from agent_assist.search.learned import LEARNED_POOL, LearnedSource, learned_scores
from agent_assist.search.names import Names
from agent_assist.search.query import ParsedQuery, parse_query
from agent_assist.search.rerank import rerank
from agent_assist.search.retrieve import deferred_score, retrieve
from agent_assist.search.scoring import Scorer

__all__ = ["Hit", "Searcher", "highlight_spans", "matched_terms", "parse_query"]

log = logging.getLogger(__name__)

RERANK_DEPTH = 60  # stage-1 candidates the re-rank sees
STORED_CACHE = 4096  # stored documents kept per generation: the candidates of recent keystrokes
# searches between two gc.freeze() calls (see Searcher._settle): at 20k documents, the time
# collections took inside the 25 slowest of 500 searches was 20-27 ms at 16, 53-75 ms at 128
FREEZE_EVERY = 16
NAME_POOL = 20  # extra re-rank candidates: the best keyword / customer-phrase matches


class Searcher:
    """Searches one knowledge folder. Thread-safe; reuse one instance (it caches the reader)."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._searcher: Any = None  # a whoosh searcher (untyped)
        self._tokenizer: Any = None  # a jieba Tokenizer (untyped)
        # (segment id, field) → lengths, reused across re-opens
        self._lengths_cache: dict[Any, array[int]] = {}
        self._stored: dict[int, dict[str, Any]] = {}  # docnum → stored fields, this generation
        self._searches = 0  # since the last gc.freeze()
        self._names = Names()  # word and sound caches of titles, keywords, customer phrases
        self._synonyms: tuple[tuple[str, ...], ...] | None = None
        # learned associations: any object with scores(text) —
        # agent_assist.learning.LearnedAssociations; None: no learning
        self.learned: LearnedSource | None = None
        self._healed: Path | None = None  # the generation rebuilt after a failed search

    @classmethod
    def open(
        cls, kb_dir: Path | str, progress: Callable[[int, int], None] | None = None
    ) -> Searcher:
        """Open the folder's index, syncing it first (builds it on first use)."""
        searcher = cls(IndexStore(Path(kb_dir)))
        searcher.last_sync = searcher.sync(progress)
        return searcher

    def sync(
        self, progress: Callable[[int, int], None] | None = None, *, rebuild: bool = False
    ) -> SyncStats:
        with self._lock:
            stats = self.store.sync(progress, rebuild=rebuild)
            self.last_sync = stats
            if stats.changed or stats.rebuilt or self._searcher is None:
                self._reopen()
            return stats

    def _reopen(self, new_vocabulary: bool = False) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = self.store.ix.searcher()
        self._scorer = Scorer(self._searcher, self._lengths_cache)
        self._stored = {}
        if self._tokenizer is None or self.store.vocab_rebuilt or new_vocabulary:
            self._tokenizer = self._load_tokenizer()
        else:  # words of re-indexed documents: teach the live segmenter, no reload
            for word in self.store.vocab_added:
                self._tokenizer.add_word(word, analyzer.word_frequency(word))
        self._names = Names(self._tokenizer)
        # A full garbage collection walks every live object — after an index opens ~100k whoosh,
        # jieba and app objects, 60-130 ms — and a keystroke that happens to trigger one misses
        # its 50 ms. The searcher just changed (a pause is expected here), so collect now and
        # freeze the survivors: later collections walk only what was allocated since (~20 ms).
        # Unfrozen first: the collector never frees a frozen object, and the generation just
        # closed (frozen at its own opening, or by _settle) may hold reference cycles.
        self._collect()

    def _collect(self) -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._searches = 0

    def tidy(self) -> None:
        """A full garbage collection now, then freeze the survivors — for a caller that knows
        nobody is waiting (the desktop calls it when the agent has stopped typing a while).

        ``_settle`` freezes every ``FREEZE_EVERY`` searches without collecting; searching
        leaves no reference cycles, but the rest of a long-running process (the desktop's
        widgets, a closed dialog) may, and a cycle alive at a freeze is never collected until
        the next unfreeze. Tidying at idle moments bounds that to one stretch of typing."""
        with self._lock:
            self._collect()

    def _load_tokenizer(self) -> Any:
        """The index's query segmenter; a vocabulary file that cannot be read is rewritten from
        the index once, and failing that, jieba's full dictionary segments the queries."""
        for attempt in range(2):
            try:
                return analyzer.vocabulary_tokenizer(self.store.vocab_path)
            except Exception as exc:  # jieba: ValueError on a bad line, and worse
                log.warning("query vocabulary unusable (%s); rewriting it", exc)
                if attempt == 0:
                    try:
                        self.store.rewrite_vocabulary()
                    except Exception:
                        log.exception("rewriting the query vocabulary failed")
                        break
        return None

    def _follow(self) -> None:
        """Another process rebuilt the index (``index --rebuild``, a second app): search its
        newest generation — the one this searcher had open may be deleted soon."""
        try:
            if self.store.refresh():
                self._reopen(new_vocabulary=True)
        except Exception:
            log.exception("reopening the newest index generation failed")

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    @property
    def doc_count(self) -> int:
        with self._lock:
            return self._searcher.doc_count() if self._searcher else 0

    # -- searching -------------------------------------------------------------------------
    def search(
        self,
        query: str,
        limit: int = 20,
        category: str | None = None,
        boosts: Mapping[str, float] | None = None,
    ) -> list[Hit]:
        """Ranked hits for ``query`` (``[]`` for an empty one). Never raises on any text.

        A failure reading the index (a damaged cache: ``zlib.error``, a missing file) rebuilds
        it once and searches again; if even the rebuilt index fails, the answer is ``[]``."""
        with self._lock:
            if self._searcher is None:
                return []
            self._follow()
            try:
                hits = self._search(query, limit, category, boosts)
                self._settle()
                return hits
            except Exception as exc:
                log.warning("search index unreadable (%s); rebuilding it", exc)
                generation = self.store.dir
            try:
                if self._healed == generation:
                    return []  # already rebuilt for this generation: do not loop
                self.sync(rebuild=True)
                self._healed = self.store.dir
                self.last_sync.healed = self.last_sync.healed or "search failed on the index"
                return self._search(query, limit, category, boosts)
            except Exception:
                log.exception("search failed after rebuilding the index")
                return []

    def _search(
        self, query: str, limit: int, category: str | None, boosts: Mapping[str, float] | None
    ) -> list[Hit]:
        """Both stages for one query (the caller holds the lock)."""
        parsed = parse_query(query, self._tokenizer)
        if not parsed.text or limit <= 0:
            return []
        exp = expand(parsed, self.synonym_groups(), self._names.words_of)
        got = retrieve(self._scorer, self._searcher.reader(), parsed, exp)
        if not got.acc:
            return []
        sc = self._scorer
        allowed = sc.docs_with("category", category) if category else None

        def eligible(d: int) -> bool:
            return d not in sc.deleted and (allowed is None or d in allowed)

        depth = max(limit, RERANK_DEPTH)
        chosen = got.acc.top(depth, sc.deleted, allowed)
        # the processes whose keywords / customer phrases match best join the re-rank even when
        # long articles sharing generic words outscore them in stage 1: field evidence decides
        # there, not here
        taken = {d for _, d in chosen}
        best_names = heapq.nlargest(
            NAME_POOL, ((v, d) for d, v in got.names.items() if d not in taken and eligible(d))
        )
        chosen += [(got.acc.score(d), d) for _, d in best_names]
        qidf = self._query_idf(parsed)
        learned = learned_scores(self.learned, parsed, qidf, exp, self._names)
        if learned:
            taken = {d for _, d in chosen}
            for pid, _ in sorted(learned.items(), key=lambda x: -x[1])[:LEARNED_POOL]:
                d = self._docnum(pid)
                if d is not None and d not in taken and eligible(d):
                    chosen.append((got.acc.score(d), d))
        cands = []
        for score, d in chosen:
            fields = self._stored_fields(d)
            if got.deferred:
                score += deferred_score(
                    sc, self._names, fields.get("title_s", ""), got.deferred, fields.get("sound_s")
                )
            cands.append((d, score, fields))
        return rerank(parsed, cands, limit, self._names, boosts, got.cover, qidf, exp, learned)

    def _stored_fields(self, docnum: int) -> dict[str, Any]:
        """A document's stored fields, kept for this generation (whoosh decompresses and
        unpickles them at every call; the same candidates come back keystroke after keystroke).
        Callers only read them."""
        fields = self._stored.get(docnum)
        if fields is None:
            fields = self._scorer.stored(docnum)
            if len(self._stored) >= STORED_CACHE:
                self._stored.clear()
            self._stored[docnum] = fields
        return fields

    def _settle(self) -> None:
        """Freeze what searching has left alive, every ``FREEZE_EVERY`` searches.

        The caches searching fills (postings, stored documents, names' words and sounds) are
        long-lived objects, and every full garbage collection walks all of them: after a few
        hundred searches at 20k documents, 15-30 ms, landing in whichever keystroke triggers it.
        ``gc.freeze()`` moves the objects alive now out of the collector's sight at no cost of
        its own (no collection runs); they are still freed by reference counting when a cache
        drops them. Searching leaves no reference cycles (measured: 0 unreachable objects after
        500 searches), so nothing freed only by the collector is frozen by it. As in
        ``_reopen``, this is the search lifecycle's doing, not an import's."""
        self._searches += 1
        if self._searches >= FREEZE_EVERY:
            self._searches = 0
            gc.freeze()

    def synonym_groups(self) -> tuple[tuple[str, ...], ...]:
        """The KB's synonym groups, folded like queries (loaded once per searcher)."""
        if self._synonyms is None:
            self._synonyms = load_groups(self.store.kb_dir)
        return self._synonyms

    def _docnum(self, pid: str) -> int | None:
        try:
            d = self._searcher.document_number(id=pid)
        except Exception:
            return None
        return None if d is None or d in self._scorer.deleted else d

    def _query_idf(self, p: ParsedQuery) -> dict[str, float]:
        """IDF of each query word from its document frequency across the word fields."""
        sc = self._scorer
        out = {}
        for w in p.words:
            df = max(sc.doc_frequency(field, w) for field in ("title", "kw", "summary", "body"))
            if df > 0:
                out[w] = sc.idf(df)
        return out
