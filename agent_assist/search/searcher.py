"""Searcher: from what an agent typed to ranked processes, in a few milliseconds.

Two stages, because whoosh is pure Python and walking the postings of a term found in most
documents (花呗 in a Huabei KB, 办理 in any operator KB) is where its time goes:

1. **Retrieve** with whoosh (BM25F): every query word against title, keywords/customer phrases,
   summary and body; pinyin bigrams against title and keywords (homophone slips); pinyin
   initials / full pinyin by prefix for Latin-letter queries. Terms that occur in a large share of
   a field's documents are left out of this stage (they barely change BM25's order but cost the
   most), unless nothing rarer is left.
2. **Re-rank** the top candidates in Python with everything: the retrieval score, how much of the
   query's sound (pinyin) the title covers — rapidfuzz on pinyin strings, which forgives slips —
   the common words skipped in stage 1, and the caller's boosts (tier / usage).

Field weights follow what agents expect: title > keywords / customer phrases > summary > body.
"""

from __future__ import annotations

import heapq
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rapidfuzz import fuzz

from agent_assist.search import analyzer
from agent_assist.search.index import IndexStore, SyncStats
from agent_assist.search.normalize import is_cjk, normalize
from agent_assist.search.scoring import Scorer

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 256  # a pasted e-mail is searched by its head; the rest adds noise and time
MAX_TERMS = 24  # per kind (words, bigrams): the rarest ones are kept
RERANK_DEPTH = 60
NAME_TITLE = False  # the title is scored by the other signals; names here: keywords, phrases
SYNONYM_WEIGHT = 0.5  # a synonym counts half a word the agent typed
NAME_POOL = 20  # extra re-rank candidates: the best keyword / customer-phrase matches
# learned associations (agent_assist.learning): a learned wording counts like a customer phrase
# at LEARNED["phrase"], repeated words at LEARNED["word"]; LEARNED_POOL processes join the
# re-rank. Never above an exact title / keyword match (see _rerank).
LEARNED = {"phrase": 0.5, "word": 1.5}
LEARNED_POOL = 10
# a learned wording must match at least this well to count; with 0.3 and a phrase weight of 2,
# learning 2,800 ATEC dev pairs lowered r@10 on other questions 0.222 → 0.216; 0.5 and 0.5: 0.220
LEARNED_MIN_MATCH = 0.5
# how the re-rank stage mixes its signals (tuned on the ATEC dev queries, with bench/bench_relevance.py)
MIX = {
    "retrieval": 1.0,
    "sound": 0.35,
    "common": 0.35,
    "dice": 0.5,
    "exact": 0.6,
    "cover": 0.5,
    "name": 2.0,
}

WEIGHTS = {
    "title": 4.0,
    "title_py": 1.6,
    "kw": 2.2,
    "kw_py": 0.9,
    "summary": 1.2,
    "body": 0.5,
    "chars": 2.0,
    "py": 6.0,
    "py_part": 3.0,
}
# BM25F weights of the word fields: what one occurrence in each field is worth before the single
# saturation (see Scorer.add_fields); title and keywords / customer phrases dominate the body.
BM25F = {"title": 3.0, "kw": 2.0, "summary": 0.8, "body": 0.25}
_COVER_FIELDS = frozenset(("kw", "summary", "body"))
# share of a field's documents above which a term is skipped in the retrieval stage
COMMON = {"title": 0.25, "title_py": 0.25, "kw": 0.3, "kw_py": 0.3, "summary": 0.3, "body": 0.06}
# … but a term in this few documents is never deferred: its postings cost nothing to read, and in
# a small KB (100 processes) 6 % is four bodies — 掉线 is then evidence, not a common word
COMMON_MIN_DF = 32


class LearnedSource(Protocol):
    """What the Searcher asks of learned associations (``LearnedAssociations`` has it)."""

    def processes_with(self, words: Iterable[str]) -> set[str]: ...

    def phrases(self, process_id: str) -> list[tuple[str, float]]: ...

    def word_scores(self, words: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]: ...


@dataclass(frozen=True)
class Hit:
    """One ranked process. ``terms`` are surface strings to highlight in title and summary."""

    id: str
    title: str
    category: str
    summary: str
    score: float
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Cover:
    """Which query words each document's keywords, customer phrases, summary and body contain,
    and each word's IDF.

    The retrieval score is dominated by a word in the title (weight 4, short titles favoured),
    so a generic word there (宽带 in six titles) outranks the one rare word that says what the
    customer means (掉线, only in one body). The re-rank therefore also asks how much of the
    query's information — its words weighted by IDF — the rest of the document covers. The
    title is left out: it is scored heavily already (and a KB of bare titles stays as it was)."""

    found: defaultdict[int, set[str]]
    idf: dict[str, float]

    def share(self, docnum: int) -> float:
        total = sum(self.idf.values())
        if total <= 0:
            return 0.0
        return sum(self.idf.get(w, 0.0) for w in self.found.get(docnum, ())) / total


@dataclass(frozen=True)
class _Expansion:
    """Synonyms a query triggered: per group, the query words inside the member it contains
    and the group's other members (their words are searched, weighted below typed words)."""

    concepts: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Parsed:
    text: str  # normalized query
    words: tuple[str, ...]
    bigrams: tuple[str, ...]
    pinyin: str  # the query's full pinyin without spaces (for fuzzy sound matching)
    latin: str  # the query itself when it is Latin letters only (initials / pinyin), else ""


def parse_query(query: str, tokenizer: Any = None) -> _Parsed:
    """Analyse a query. Any string is fine: syntax characters mean nothing here, the text is only
    ever turned into individual terms, never given to a query parser. ``tokenizer``: the index's
    vocabulary segmenter (default: jieba's full dictionary)."""
    text = normalize(query or "")[:MAX_QUERY_CHARS].strip()
    if not text:
        return _Parsed("", (), (), "", "")
    words = list(dict.fromkeys(analyzer.words(text, normalized=True, tokenizer=tokenizer)))
    if not words:  # only function words ("怎么办"): better them than nothing
        words = list(
            dict.fromkeys(
                analyzer.words(text, normalized=True, keep_stopwords=True, tokenizer=tokenizer)
            )
        )
    bigrams = list(dict.fromkeys(analyzer.pinyin_bigrams(text, normalized=True)))
    latin = text.replace(" ", "") if analyzer.is_pinyin_like(text) else ""
    return _Parsed(
        text, tuple(words), tuple(bigrams), analyzer.full_pinyin(text, normalized=True), latin
    )


class Searcher:
    """Searches one knowledge folder. Thread-safe; reuse one instance (it caches the reader)."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._searcher: Any = None  # a whoosh searcher (untyped)
        self._tokenizer: Any = None  # a jieba Tokenizer (untyped)
        self._lengths_cache: dict[
            Any, list[int]
        ] = {}  # (segment id, field) → lengths, reused across re-opens
        self._title_py: dict[str, tuple[str, frozenset[str], tuple[list[str], list[str]]]] = {}
        self._name_words: dict[str, frozenset[str]] = {}
        self._synonyms: tuple[tuple[str, ...], ...] | None = None
        # learned associations: any object with phrases(pid), processes_with(words) and
        # word_scores(words, idf) — agent_assist.learning.LearnedAssociations; None: no learning
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
        if self._tokenizer is None or self.store.vocab_rebuilt or new_vocabulary:
            self._tokenizer = self._load_tokenizer()
        else:  # words of re-indexed documents: teach the live segmenter, no reload
            for word in self.store.vocab_added:
                self._tokenizer.add_word(word, analyzer.word_frequency(word))
        self._title_py.clear()
        self._name_words.clear()

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
                return self._search(query, limit, category, boosts)
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
        exp = self._expand(parsed)
        acc, deferred, cover, names = self._retrieve(parsed, exp)
        if not acc:
            return []
        sc = self._scorer
        allowed = sc.docs_with("category", category) if category else None
        depth = max(limit, RERANK_DEPTH)
        pool = (
            (score, d)
            for d, score in acc.items()
            if d not in sc.deleted and (allowed is None or d in allowed)
        )
        chosen = heapq.nlargest(depth, pool)
        # the processes whose keywords / customer phrases match best join the re-rank even when
        # long articles sharing generic words outscore them in stage 1: field evidence decides
        # there, not here
        taken = {d for _, d in chosen}
        best_names = heapq.nlargest(
            NAME_POOL,
            (
                (v, d)
                for d, v in names.items()
                if d not in taken and d not in sc.deleted and (allowed is None or d in allowed)
            ),
        )
        chosen += [(acc.get(d, 0.0), d) for _, d in best_names]
        qidf = self._query_idf(parsed)
        learned = self._learned_scores(parsed, qidf, exp)
        if learned:
            taken = {d for _, d in chosen}
            extra = []
            for pid, _ in sorted(learned.items(), key=lambda x: -x[1])[:LEARNED_POOL]:
                d = self._docnum(pid)
                if d is not None and d not in taken and (allowed is None or d in allowed):
                    extra.append((acc.get(d, 0.0), d))
            chosen += extra
        cands = []
        for score, d in chosen:
            fields = self._searcher.stored_fields(d)
            if deferred:
                score += self._deferred_score(fields.get("title_s", ""), deferred)
            cands.append((d, score, fields))
        return self._rerank(parsed, cands, limit, boosts, cover, qidf, exp, learned)

    def _kept(
        self, field: str, terms: Sequence[str]
    ) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """Split a field's query terms into (scored now, deferred to re-rank), each as (term, df).

        Absent terms are dropped. Very common terms are deferred — the re-rank stage adds their
        exact title contribution for the candidates — unless nothing rarer is left."""
        sc = self._scorer
        present = [(t, sc.doc_frequency(field, t)) for t in terms]
        present = sorted(((t, df) for t, df in present if df > 0), key=lambda x: x[1])
        if not present:
            return [], []
        limit = COMMON.get(field)
        kept = [
            (t, df)
            for t, df in present
            if limit is None or df <= max(limit * sc.n_docs, COMMON_MIN_DF)
        ]
        deferred = [(t, df) for t, df in present if (t, df) not in kept]
        if not kept and field in ("title", "title_py"):
            kept, deferred = present[:1], present[1:]
        return kept[:MAX_TERMS], deferred[:MAX_TERMS]

    def _retrieve(
        self, p: _Parsed, exp: _Expansion | None = None
    ) -> tuple[
        defaultdict[int, float], list[tuple[str, str, int]], _Cover, defaultdict[int, float]
    ]:
        """Stage 1: BM25 of the informative terms into an accumulator; also returns the deferred
        (field, term, df) of the title fields for the re-rank stage, and which query words each
        document contains in any field (for the re-rank's coverage signal)."""
        sc = self._scorer
        acc: defaultdict[int, float] = defaultdict(float)
        deferred: list[tuple[str, str, int]] = []
        cover = _Cover(defaultdict(set), {})
        names: defaultdict[int, float] = defaultdict(
            float
        )  # keyword / customer-phrase evidence alone
        for terms, fields in (
            (p.words, ("title", "kw", "summary", "body")),
            (p.bigrams, ("title_py", "kw_py")),
        ):
            split = {field: self._kept(field, terms) for field in fields}
            # IDF from the term's document frequency across the fields (as BM25F does), not per
            # field: 手机 in one title but forty bodies is a common word, not a rare one
            doc_df: dict[str, int] = {}
            for kept, later in split.values():
                for term, df in kept + later:
                    doc_df[term] = max(doc_df.get(term, 0), df)
            words = terms is p.words
            if words and BM25F:
                # one saturation per word over the fields where it is informative
                per_term: dict[str, list[tuple[str, float]]] = defaultdict(list)
                for field, (kept, _) in split.items():
                    for term, _ in kept:
                        per_term[term].append((field, BM25F[field]))
                for term, flds in per_term.items():
                    sc.add_fields(acc, term, flds, doc_df[term], cover.found, _COVER_FIELDS)
                    cover.idf[term] = sc.idf(doc_df[term])
                    if any(f == "kw" for f, _ in flds):
                        sc.add(names, "kw", term, 1.0, doc_df[term])
            else:
                for field, (kept, _) in split.items():
                    for term, _ in kept:
                        found = cover.found if words and field != "title" else None
                        sc.add(acc, field, term, WEIGHTS[field], doc_df[term], found)
                        if words:
                            cover.idf[term] = sc.idf(doc_df[term])
            for field in ("title", "title_py"):
                if field in split:
                    deferred += [(field, t, doc_df[t]) for t, _ in split[field][1]]
        if exp is not None and exp.words:  # synonyms: names and summaries only, weighted down
            for term in exp.words:
                flds = [
                    (f, BM25F[f] * SYNONYM_WEIGHT)
                    for f in ("title", "kw", "summary")
                    if sc.doc_frequency(f, term) > 0
                ]
                if flds:
                    df = max(sc.doc_frequency(f, t) for f, t in ((f, term) for f, _ in flds))
                    sc.add_fields(acc, term, flds, df)
                    if any(f == "kw" for f, _ in flds):
                        sc.add(names, "kw", term, SYNONYM_WEIGHT, df)
        compact = p.text.replace(" ", "")
        if 1 <= len(compact) <= 2 and all(
            is_cjk(c) for c in compact
        ):  # first keystrokes: 携 / 携转
            for c in compact:
                sc.add(acc, "chars", c, WEIGHTS["chars"])
        if p.latin and len(p.latin) >= 2:
            reader = self._searcher.reader()
            for field in ("py", "py_part"):  # whole title / keyword first, then from a word on
                for n, term in enumerate(reader.expand_prefix(field, p.latin)):
                    if n >= 64:
                        break
                    term = term.decode("utf-8") if isinstance(term, bytes) else term
                    # an exact initials / pinyin match beats a longer name that merely starts with it
                    sc.add(acc, field, term, WEIGHTS[field] * (1.0 if term == p.latin else 0.7))
        return acc, deferred, cover, names

    def synonym_groups(self) -> tuple[tuple[str, ...], ...]:
        """The KB's synonym groups, folded like queries (loaded once per searcher)."""
        if self._synonyms is None:
            from agent_assist.knowledge.synonyms import synonyms_for

            try:
                book = synonyms_for(self.store.kb_dir)
                groups = []
                for g in book.groups:
                    members = tuple(dict.fromkeys(normalize(w).replace(" ", "") for w in g))
                    if len(members) >= 2:
                        groups.append(members)
                self._synonyms = tuple(groups)
            except Exception:
                log.exception("loading synonyms failed; searching without them")
                self._synonyms = ()
        return self._synonyms

    def _expand(self, p: _Parsed) -> _Expansion:
        """Groups whose member the query contains (网断了 in 家里网断了一直连不上), the query
        words inside that member, and the words of the group's other members."""
        text = p.text.replace(" ", "")
        if not text or p.latin:
            return _Expansion()
        concepts = []
        extra: dict[str, None] = {}
        for group in self.synonym_groups():
            hit = next((m for m in group if m in text), None)
            if hit is None:
                continue
            inside = frozenset(w for w in p.words if w in hit)
            others = tuple(m for m in group if m not in text)
            if not others:
                continue
            concepts.append((inside, others))
            for m in others:
                for w in self._words_of_name(m):
                    if w not in p.words:
                        extra[w] = None
        return _Expansion(tuple(concepts), tuple(extra)[: MAX_TERMS * 2])

    def _docnum(self, pid: str) -> int | None:
        try:
            d = self._searcher.document_number(id=pid)
        except Exception:
            return None
        return None if d is None or d in self._scorer.deleted else d

    def _learned_scores(
        self, p: _Parsed, qidf: Mapping[str, float], exp: _Expansion | None
    ) -> dict[str, float]:
        """Process id → learned boost for this query (0 when nothing was learned)."""
        learned = self.learned
        if learned is None or not qidf or p.latin:
            return {}
        try:
            matches: dict[str, float] = {}
            for pid in learned.processes_with(qidf):
                best = 0.0
                for phrase, weight in learned.phrases(pid):
                    best = max(best, weight * self._name_match(qidf, (phrase,), exp))
                if best >= LEARNED_MIN_MATCH:
                    matches[pid] = best
            # gated by ambiguity: a query that matches the learned wordings of many processes
            # about equally (near-duplicate questions) says little about any one of them
            total = sum(matches.values())
            out = {pid: LEARNED["phrase"] * m * (m / total) for pid, m in matches.items()}
            for pid, share in learned.word_scores(list(qidf), qidf).items():
                out[pid] = out.get(pid, 0.0) + LEARNED["word"] * share
            return out
        except Exception:
            log.exception("learned associations unusable; searching without them")
            return {}

    def _query_idf(self, p: _Parsed) -> dict[str, float]:
        """IDF of each query word from its document frequency across the word fields."""
        sc = self._scorer
        out = {}
        for w in p.words:
            df = max(sc.doc_frequency(field, w) for field in ("title", "kw", "summary", "body"))
            if df > 0:
                out[w] = sc.idf(df)
        return out

    def _words_of_name(self, name: str) -> frozenset[str]:
        """A title's / keyword's / customer phrase's words (cached: the same candidates come
        back keystroke after keystroke)."""
        cached = self._name_words.get(name)
        if cached is None:
            cached = frozenset(
                analyzer.words(name, tokenizer=self._tokenizer)
                or analyzer.words(name, keep_stopwords=True, tokenizer=self._tokenizer)
            )
            if len(self._name_words) > 20000:
                self._name_words.clear()
            self._name_words[name] = cached
        return cached

    def _name_match(
        self, qidf: Mapping[str, float], names: Sequence[str], exp: _Expansion | None = None
    ) -> float:
        """How well the best single name of a process — its title, one keyword or one customer
        phrase — matches the query: the IDF-weighted share of the query's words it has, times
        the square root of the share of its own words the query has. A query word the name
        lacks but whose synonym it holds counts ``SYNONYM_WEIGHT``.

        Field evidence must dominate scattered evidence: a customer phrase that says what the
        customer said (我还剩多少话费 for 我手机里还剩多少钱) beats a long article whose body
        happens to hold the same generic words, and beats a title that shares one rare word but
        is about something else (花呗分期还剩多少期)."""
        total = sum(qidf.values())
        if total <= 0:
            return 0.0
        best = 0.0
        for name in names:
            nw = self._words_of_name(name)
            if not nw:
                continue
            got = 0.0
            hit_words: set[str] = set()
            for w, idf in qidf.items():
                if w in nw:
                    got += idf
                    hit_words.add(w)
            if exp is not None and exp.concepts:
                norm = normalize(name).replace(" ", "")
                for inside, others in exp.concepts:
                    m = next((o for o in others if o in norm), None)
                    if m is None:
                        continue
                    got += SYNONYM_WEIGHT * sum(
                        qidf.get(w, 0.0) for w in inside if w not in hit_words
                    )
                    hit_words |= self._words_of_name(m) & nw
            if got <= 0:
                continue
            n_share = min(1.0, len(hit_words) / len(nw)) if hit_words else 0.5 / len(nw)
            best = max(best, min(1.0, got / total) * n_share**0.5)
        return best

    def _deferred_score(self, title: str, deferred: list[tuple[str, str, int]]) -> float:
        """Exact BM25 of the deferred common terms in this title (same formula as stage 1)."""
        _, _, tokens = self._title_sound(title)
        total = 0.0
        for field, term, df in deferred:
            field_tokens = tokens[0] if field == "title" else tokens[1]
            tf = field_tokens.count(term)
            if tf and field == "title" and BM25F:
                total += self._scorer.score_bm25f(field, tf, len(field_tokens), df, BM25F[field])
            elif tf:
                total += self._scorer.score_tf(field, tf, len(field_tokens), df, WEIGHTS[field])
        return total

    def _title_sound(self, title: str) -> tuple[str, frozenset[str], tuple[list[str], list[str]]]:
        """The title's full pinyin, its set of pinyin bigrams and its indexed tokens (title words,
        title bigrams) — cached per title, computed only for re-rank candidates."""
        cached = self._title_py.get(title)
        if cached is None:
            norm = normalize(title)
            bigrams = analyzer.pinyin_bigrams(norm, normalized=True)
            cached = (
                analyzer.full_pinyin(norm, normalized=True),
                frozenset(bigrams),
                (
                    analyzer.words(
                        norm, normalized=True, keep_stopwords=True, tokenizer=self._tokenizer
                    ),
                    bigrams,
                ),
            )
            if (
                len(self._title_py) > 4096
            ):  # bounded: enough for the candidates of recent keystrokes
                self._title_py.clear()
            self._title_py[title] = cached
        return cached

    def _rerank(
        self,
        p: _Parsed,
        cands: list[tuple[int, float, Any]],
        limit: int,
        boosts: Mapping[str, float] | None,
        cover: _Cover | None = None,
        qidf: Mapping[str, float] | None = None,
        exp: _Expansion | None = None,
        learned: Mapping[str, float] | None = None,
    ) -> list[Hit]:
        if not cands:
            return []
        top = max(score for _, score, _ in cands) or 1.0
        qbig = set(p.bigrams)
        scored: list[tuple[float, Any, bool, float]] = []
        for docnum, score, f in cands:
            title = f.get("title_s", "")
            sound = dice = 0.0
            if p.pinyin and not p.latin:
                tp, tbig, _ = self._title_sound(title)
                if len(p.pinyin) <= len(tp):
                    sound = fuzz.partial_ratio(p.pinyin, tp) / 100
                else:
                    sound = fuzz.ratio(p.pinyin, tp) / 100
                if qbig and tbig:
                    dice = 2 * len(qbig & tbig) / (len(qbig) + len(tbig))
            common = 0.0
            if p.words:  # share of the query's words the title or a keyword / phrase contains
                names = normalize(title) + "\n" + "\n".join(f.get("keys_s") or ())
                common = sum(1 for w in p.words if w in names) / len(p.words)
            final = (
                MIX["retrieval"] * score / top
                + MIX["sound"] * sound
                + MIX["common"] * common
                + MIX["dice"] * dice
                + MIX["exact"] * _key_match(p.text, f.get("keys_s") or ())
                + MIX["cover"] * (cover.share(docnum) if cover is not None else 0.0)
            )
            if qidf:
                name_keys = (
                    (title, *(f.get("keys_s") or ())) if NAME_TITLE else f.get("keys_s") or ()
                )
                final += MIX["name"] * self._name_match(qidf, name_keys, exp)
            if boosts:
                final += boosts.get(f["id"], 0.0)
            exact = normalize(title).replace(" ", "") == p.text.replace(" ", "") or (
                _key_match(p.text, f.get("keys_s") or ()) >= 1.0
            )
            scored.append((final, f, exact, (learned or {}).get(f["id"], 0.0)))
        if learned:
            scored = _with_learned(scored)
        ranked = [(final, f) for final, f, _, _ in scored]
        ranked.sort(key=lambda x: -x[0])
        return [
            Hit(
                f["id"],
                f.get("title_s", ""),
                f.get("category", ""),
                f.get("summary_s", "") or "",
                round(final, 4),
                matched_terms(p, f.get("title_s", ""), f.get("summary_s", "") or ""),
            )
            for final, f in ranked[:limit]
        ]


def _with_learned(
    scored: list[tuple[float, Any, bool, float]],
) -> list[tuple[float, Any, bool, float]]:
    """Add each candidate's learned boost, except that it never lifts a process above one whose
    title or keyword is exactly the query and that ranked above it without learning."""
    out = []
    exact_finals = [(base, base + boost) for base, _, exact, boost in scored if exact]
    for base, f, exact, boost in scored:
        final = base + boost
        if not exact:
            caps = [ef for eb, ef in exact_finals if eb >= base]
            if caps:
                final = min(final, min(caps) - 1e-6)
        out.append((final, f, exact, boost))
    return out


def _key_match(query: str, keys: Sequence[str]) -> float:
    """1 when the query is one of the process's keywords / customer phrases (agents' shorthand is
    deliberate), 0.5 when it contains one or is contained in one, else 0."""
    q = query.replace(" ", "")
    if len(q) < 2 or not keys:
        return 0.0
    best = 0.0
    for key in keys:
        if q == key:
            return 1.0
        if len(key) >= 2 and (key in q or (len(q) >= 3 and q in key)):
            best = 0.5
    return best


def matched_terms(p: _Parsed, *texts: str) -> tuple[str, ...]:
    """Stretches of ``texts`` the query matched, merged: its words, and any two characters whose
    sound equals a query bigram (so 话废余额 highlights 话费余额 in the title, as one stretch).
    Single characters count only while the query itself is that short (the first keystroke)."""
    found: list[str] = []
    bigrams = set(p.bigrams)
    short = len(p.text.replace(" ", "")) <= 2
    words = [w for w in p.words if len(w) >= 2 or short]
    for text in texts:
        norm = normalize(text)
        if len(norm) != len(text):  # folding changed the length: match on the lower-cased text
            norm = text.lower()
        covered = [False] * len(norm)
        sound = analyzer.text_readings(norm)
        for w in words:
            start = norm.find(w)
            while start != -1:
                covered[start : start + len(w)] = [True] * len(w)
                start = norm.find(w, start + 1)
        for i in range(len(norm) - 1):
            a, b = norm[i], norm[i + 1]
            if is_cjk(a) and is_cjk(b) and f"{sound[i]}_{sound[i + 1]}" in bigrams:
                covered[i] = covered[i + 1] = True
        i = 0
        while i < len(norm):
            if covered[i]:
                j = i
                while j < len(norm) and covered[j]:
                    j += 1
                if norm[i:j].strip() and norm[i:j] not in found:
                    found.append(norm[i:j])
                i = j
            else:
                i += 1
    return tuple(found)


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``terms`` in ``text``, longest match first.

    Matching is done on the folded text (Traditional, full-width, case), whose length equals the
    original's for CJK text, so spans index the original string.
    """
    if not text or not terms:
        return []
    folded = normalize(text) if len(normalize(text)) == len(text) else text.lower()
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                for i in range(start, end):
                    taken[i] = True
            start = folded.find(term, end)
    return sorted(spans)
