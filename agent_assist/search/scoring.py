"""Term-at-a-time BM25 over whoosh's postings.

whoosh's own collector walks a binary tree of union matchers one posting at a time, with several
Python calls per posting per level of the tree — a 40-term query over a 20k-document body field
costs hundreds of milliseconds. Reading each term's postings a block at a time (whoosh stores them
as arrays) and adding BM25 contributions into one dict costs a few microseconds per posting, and
document lengths come from an array cached per reader instead of a method call per posting.

whoosh still owns the index: the lexicon, the postings, document frequencies, deletions, stored
fields and segment merging. If whoosh's on-disk matcher ever changes shape, the public
per-posting API is used instead (slower, same numbers).
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Collection, Container, Iterator
from itertools import compress
from typing import Any

K1 = 1.2
B = {
    "title": 1.0,
    "title_py": 1.0,
    "kw": 0.3,
    "kw_py": 0.3,
    "summary": 0.6,
    "body": 0.75,
    "py": 0.0,
    "py_part": 0.0,
    "chars": 0.0,
}


def _leaf_postings(matcher: Any) -> Iterator[tuple[Any, Any]]:
    """Yield (ids, weights) arrays of a leaf matcher, one block at a time.

    A segment with deletions wraps its matcher in a filter that skips deleted documents one
    posting at a time; the caller filters deletions itself (``Scorer.deleted``), so the wrapper
    is peeled off to reach the block arrays.
    """
    while not hasattr(matcher, "_read_ids") and hasattr(matcher, "child"):
        matcher = matcher.child
    if all(
        hasattr(matcher, a)
        for a in ("_read_ids", "_read_weights", "_lastblock", "_goto", "_nextoffset")
    ):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            yield matcher._ids, matcher._weights
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        return
    ids: list[int] = []  # public API fallback
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights


# decoded postings kept per scorer (one index generation): a hot common term is read and decoded
# once, not again at every keystroke; about 12 bytes a posting, so ~18 MB at the bound
CACHE_POSTINGS = 1_500_000


class Scorer:
    """Scores query terms against one open whoosh searcher (one per index generation)."""

    def __init__(self, searcher: Any, lengths_cache: dict[Any, array[int]] | None = None) -> None:
        self.searcher = searcher
        self._segment_lengths = lengths_cache if lengths_cache is not None else {}
        self.leaves = [(s.reader(), offset) for s, offset in searcher.leaf_searchers()]
        self.n_docs = max(1, searcher.doc_count_all())
        self._offsets = [offset for _, offset in self.leaves]
        self._schema_names = frozenset(searcher.schema.names())
        self._avg: dict[str, float] = {}
        # per-document numbers are arrays, not lists: nothing in them for the garbage
        # collector to walk (a list of 20,000 ints per field added ~1 ms to every full collection)
        self._lengths: dict[str, array[int]] = {}
        self._inv_norm: dict[str, array[float]] = {}
        # (field, term) → (document numbers, length-normalised frequencies), least recent first
        self._cache: OrderedDict[tuple[Any, ...], tuple[array[int], array[float]]] = OrderedDict()
        self._cached_postings = 0
        self._peaks: dict[int, float] = {}  # id of a cached array → its largest value
        self._sets: dict[tuple[Any, ...], frozenset[int]] = {}
        self._df: dict[tuple[str, str], int] = {}
        self.deleted: set[int] = set()
        for r, offset in self.leaves:
            if r.has_deletions():
                deleted = (
                    r.deleted_docs_set
                    if hasattr(r, "deleted_docs_set")
                    else (d for d in range(r.doc_count_all()) if r.is_deleted(d))
                )
                self.deleted.update(offset + d for d in deleted)

    def stored(self, docnum: int) -> dict[str, Any]:
        """The document's stored fields: whoosh's ``stored_fields``, read from its segment's
        per-document reader directly. whoosh then keeps the fields the schema still has with a
        generator and a Python ``__contains__`` call per field — a third of the read's time —;
        here a set of the schema's names does it. Any other reader shape: whoosh's call."""
        i = bisect_right(self._offsets, docnum) - 1
        reader, offset = self.leaves[i] if i >= 0 else (None, 0)
        read = getattr(getattr(reader, "_perdoc", None), "stored_fields", None)
        if read is None or getattr(reader, "is_closed", False):
            return dict(self.searcher.stored_fields(docnum))
        names = self._schema_names
        return {k: v for k, v in read(docnum - offset).items() if k in names}

    def avg_length(self, field: str) -> float:
        """Mean length of ``field`` over the documents that have it.

        Not over all documents: in a KB where thousands of imported articles have no keywords
        or summary, the mean over all would be near zero, and every real keyword list would
        count as many times too long — length normalisation would then erase the very field
        evidence it should weigh."""
        avg = self._avg.get(field)
        if avg is None:
            lengths = self.lengths(field)
            having = sum(1 for n in lengths if n) or 1
            avg = self._avg[field] = max(1.0, sum(lengths) / having)
        return avg

    def lengths(self, field: str) -> array[int]:
        """Length of ``field`` in every document, read once per reader and cached."""
        out = self._lengths.get(field)
        if out is None:
            out = array("i")
            for r, _ in self.leaves:
                segment = r.segment() if hasattr(r, "segment") else None
                key = (segment.segment_id() if segment is not None else id(r), field)
                part = self._segment_lengths.get(key)
                if part is None:  # a segment never changes once written: its lengths neither
                    part = array("i", _field_lengths(r, field))
                    self._segment_lengths[key] = part
                out.extend(part)
            self._lengths[field] = out
        return out

    def inv_norm(self, field: str) -> array[float]:
        """1 / BM25's length normalisation (1 - b + b·len/avg) of every document in ``field``."""
        out = self._inv_norm.get(field)
        if out is None:
            b = B.get(field, 0.75)
            avg = self.avg_length(field)
            k_a, k_b = 1 - b, b / avg
            out = self._inv_norm[field] = array(
                "d", [1.0 / (k_a + k_b * n) for n in self.lengths(field)]
            )
        return out

    def doc_frequency(self, field: str, term: str) -> int:
        key = (field, term)
        df = self._df.get(key)
        if df is None:
            try:
                df = int(self.searcher.doc_frequency(field, term))
            except Exception:
                df = 0
            if len(self._df) > 200_000:
                self._df.clear()
            self._df[key] = df
        return df

    def idf(self, df: int) -> float:
        return math.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5))

    def postings(self, field: str, term: str) -> Iterator[tuple[Any, Any]]:
        """(ids, weights) blocks of ``term`` in ``field`` across segments, ids made global."""
        for r, offset in self.leaves:
            try:
                if (field, term) not in r:
                    continue
                m = r.postings(field, term)
            except Exception:
                continue
            for ids, weights in _leaf_postings(m):
                if offset:
                    ids = [i + offset for i in ids]
                yield ids, weights

    def _cached(self, key: tuple[Any, ...]) -> tuple[array[int], array[float]] | None:
        got = self._cache.get(key)
        if got is not None:
            self._cache.move_to_end(key)
        return got

    def _keep(
        self, key: tuple[Any, ...], got: tuple[array[int], array[float]]
    ) -> tuple[array[int], array[float]]:
        self._cache[key] = got
        self._cached_postings += len(got[1])
        self._peaks[id(got[1])] = max(got[1], default=0.0)
        while self._cached_postings > CACHE_POSTINGS and len(self._cache) > 1:
            old_key, (_, old) = self._cache.popitem(last=False)
            self._cached_postings -= len(old)
            self._peaks.pop(id(old), None)
            if old_key[0] == "n":
                self._sets.pop(old_key[1:], None)
        return got

    def peak(self, values: array[float]) -> float:
        """The largest of ``values`` (kept for the arrays in the cache)."""
        got = self._peaks.get(id(values))
        return got if got is not None else max(values, default=0.0)

    def normalized(self, field: str, term: str) -> tuple[array[int], array[float]]:
        """Every document with ``term`` in ``field`` and its length-normalised frequency
        tf / (1 - b + b·len/avg) — the one per-posting number both BM25 and BM25F need —
        decoded once and kept (least recently used dropped past ``CACHE_POSTINGS``)."""
        got = self._cached(("n", field, term))
        if got is not None:
            return got
        ids: array[int] = array("i")
        ntf: array[float] = array("d")
        b = B.get(field, 0.75)
        for block_ids, tfs in self.postings(field, term):
            ids.extend(block_ids)
            if b == 0.0:
                ntf.extend(list(tfs))
            else:
                inv = self.inv_norm(field)
                ntf.extend([tf * inv[d] for d, tf in zip(block_ids, tfs)])
        if ids and list(ids) != sorted(ids):  # segments out of order: sort (``has`` bisects)
            pairs = sorted(zip(ids, ntf))
            ids, ntf = array("i", [d for d, _ in pairs]), array("d", [x for _, x in pairs])
        return self._keep(("n", field, term), (ids, ntf))

    def saturated(
        self, field: str, term: str, weight: float = 1.0
    ) -> tuple[array[int], array[float]]:
        """Every document with ``term`` in ``field`` and BM25's saturated frequency of it,
        t / (t + k1) with t = ``weight`` × the normalised frequency: a term's score in a document
        is this times the term's IDF factor, so a repeated term costs one add per posting."""
        got = self._cached(("s", field, term, weight))
        if got is not None:
            return got
        ids, ntf = self.normalized(field, term)
        if weight == 1.0:
            sat = array("d", [x / (x + K1) for x in ntf])
        else:
            sat = array("d", [weight * x / (weight * x + K1) for x in ntf])
        return self._keep(("s", field, term, weight), (ids, sat))

    def doc_set(self, field: str, term: str) -> frozenset[int]:
        """The documents with ``term`` in ``field`` (cached with its postings)."""
        key = (field, term)
        out = self._sets.get(key)
        if out is None:
            ids, _ = self.normalized(field, term)
            out = self._sets[key] = frozenset(ids)
        return out

    def contributions(
        self, term: str, fields: tuple[tuple[str, float], ...], df: int
    ) -> tuple[array[int], array[float]]:
        """Every document with ``term`` in any of ``fields`` and the term's whole BM25F score
        there (IDF and weights multiplied in), computed once per generation and kept with the
        postings: the same words come back keystroke after keystroke, and a query then costs
        one add per posting (see :func:`accumulate`) instead of a per-field sum, a saturation
        and a multiplication. The arithmetic is the one :meth:`add_fields` always did, in the
        same order, so the scores are the same to the last bit."""
        key = ("c", term, fields, df)
        got = self._cached(key)
        if got is not None:
            return got
        w = self.idf(df) * (K1 + 1)
        if len(fields) == 1:  # one field: no per-document sum to build first
            field, weight = fields[0]
            ids, sat = self.saturated(field, term, weight)
            return self._keep(key, (ids, array("d", [w * v for v in sat])))
        tf_sum: dict[int, float] = {}
        for field, weight in fields:
            f_ids, ntf = self.normalized(field, term)
            if not tf_sum:  # the first field: no sums yet (0.0 + x is x)
                tf_sum = dict(zip(f_ids, [weight * x for x in ntf]))
                continue
            for d, x in zip(f_ids, ntf):
                tf_sum[d] = tf_sum.get(d, 0.0) + weight * x
        ids = array("i", sorted(tf_sum))
        return self._keep(key, (ids, array("d", [w * tf_sum[d] / (tf_sum[d] + K1) for d in ids])))

    def add(
        self,
        acc: dict[int, float],
        field: str,
        term: str,
        weight: float,
        df: int | None = None,
    ) -> None:
        """Add ``weight`` × BM25(term, field) of every document containing the term to ``acc``."""
        if df is None:
            df = self.doc_frequency(field, term)
        if df <= 0:
            return
        accumulate(acc, *self.term_scores(field, term, weight, df))

    def term_scores(
        self, field: str, term: str, weight: float, df: int
    ) -> tuple[array[int], array[float]]:
        """Every document with ``term`` in ``field`` and ``weight`` × its BM25 there (kept per
        generation like :meth:`contributions`)."""
        key = ("a", field, term, weight, df)
        got = self._cached(key)
        if got is None:
            w = weight * self.idf(df) * (K1 + 1)
            ids, sat = self.saturated(field, term)
            got = self._keep(key, (ids, array("d", [w * v for v in sat])))
        return got

    def add_fields(
        self,
        acc: dict[int, float],
        term: str,
        fields: list[tuple[str, float]],
        df: int,
    ) -> None:
        """BM25F: the term's frequency in each field, length-normalised per field and weighted,
        summed into one pseudo-frequency per document, then saturated once.

        Summing per-field BM25 scores instead lets a word repeated across a long article's body,
        summary and steps add up to more than one match in the title; with one saturation, field
        evidence dominates: the weights say how much one occurrence in a field is worth, and no
        amount of body text buys a title match."""
        if df <= 0 or not fields:
            return
        accumulate(acc, *self.contributions(term, tuple(fields), df))

    def has(self, field: str, term: str, docnum: int) -> bool:
        """Whether ``term`` is in ``field`` of document ``docnum`` (a binary search of the
        cached postings: no set of document numbers to build, nor for the garbage collector
        to walk)."""
        return contains(self.normalized(field, term)[0], docnum)

    def score_tf(self, field: str, tf: float, length: int, df: int, weight: float) -> float:
        """BM25 of one known (tf, document length) pair — used to re-score candidates exactly."""
        b = B.get(field, 0.75)
        norm = K1 * (1 - b + b * length / self.avg_length(field)) if b else K1
        return weight * self.idf(df) * (K1 + 1) * tf / (tf + norm)

    def score_bm25f(self, field: str, tf: float, length: int, df: int, weight: float) -> float:
        """:meth:`add_fields` of one known (tf, length) pair in one field."""
        b = B.get(field, 0.75)
        tf_w = weight * tf / ((1 - b + b * length / self.avg_length(field)) if b else 1.0)
        return self.idf(df) * (K1 + 1) * tf_w / (tf_w + K1)

    def docs_with(self, field: str, term: str) -> frozenset[int]:
        return self.doc_set(field, term)


class Contributions:
    """Stage 1's score of every document — the sum of its query terms' contributions —, kept as
    the terms' (document, score) arrays until :meth:`top` adds them up.

    The sums go into a list indexed by document number (a list index is cheaper than a dict's
    hash, get and set per posting, ~40 % of stage 1), and only the best ``RERANK_DEPTH`` are
    ever asked for: :meth:`top` finds them without a (score, docnum) pair for every one of the
    ~7,000 documents a query reaches at 20k, nor a look at every document. Each document's sum
    adds its terms in the order they were added, as the dict did: the same scores to the bit."""

    def __init__(self, n_docs: int) -> None:
        self.n_docs = n_docs
        self.terms: list[tuple[array[int], array[float], float]] = []  # ids, scores, max score
        self._sums: list[float] | None = None

    def add(self, ids: array[int], scores: array[float], peak: float | None = None) -> None:
        """A term's documents and scores; ``peak``: the largest score (computed if not given)."""
        if len(ids):
            self.terms.append((ids, scores, max(scores) if peak is None else peak))
            self._sums = None

    def __bool__(self) -> bool:
        return bool(self.terms)

    def sums(self) -> list[float]:
        """Every document's score (0.0: no query term in it), computed once."""
        if self._sums is None:
            acc = [0.0] * self.n_docs
            for ids, scores, _ in self.terms:
                for d, v in zip(ids, scores):
                    acc[d] += v
            self._sums = acc
        return self._sums

    def score(self, docnum: int) -> float:
        """One document's stage-1 score (0.0 for one :meth:`top` was told is deleted)."""
        return self.sums()[docnum]

    def top(
        self,
        k: int,
        deleted: Collection[int] = (),
        allowed: Container[int] | None = None,
    ) -> list[tuple[float, int]]:
        """The ``k`` best (score, docnum) of the documents with a score, not ``deleted`` and, if
        given, ``allowed``, best first: ``heapq.nlargest(k, (score, d) for those d)`` (ties:
        the higher document number first).

        The k-th best score θ comes from a heap of bare floats. A document scoring θ or more
        must hold one of the terms with the largest maxima — the rest together add less than
        θ to anything —, so only their documents are compared with θ, and only the k (or a few
        more on ties) that pass go through the heap of (score, docnum) pairs."""
        acc = self.sums()
        if not self.terms:
            return []
        for d in deleted:  # never a candidate (nor asked for its score)
            acc[d] = 0.0
        if allowed is not None:
            keep = [d for d in compress(range(len(acc)), acc) if d in allowed]
            return heapq.nlargest(k, zip(map(acc.__getitem__, keep), keep))
        best = heapq.nlargest(k, acc)  # floats only: no tuple per document
        theta = best[-1] if len(best) == k else 0.0
        if theta <= 0.0:  # fewer than k documents with a score: all of them
            keep = list(compress(range(len(acc)), acc))
        else:
            order = sorted(self.terms, key=lambda t: -t[2])
            cut, rest = len(order), 0.0
            margin = 1e-9 * max(1.0, theta)  # the sums round; the bound must not
            while cut > 1 and rest + order[cut - 1][2] + margin < theta:
                cut -= 1
                rest += order[cut][2]
            if sum(len(t[0]) for t in order[:cut]) < len(acc):
                keep = list(dict.fromkeys(d for t in order[:cut] for d in t[0] if acc[d] >= theta))
            else:
                keep = [d for d, v in enumerate(acc) if v >= theta]
        return heapq.nlargest(k, zip(map(acc.__getitem__, keep), keep))


def accumulate(acc: dict[int, float], ids: array[int], values: array[float]) -> None:
    """``acc[d] += v`` for every (d, v) of ``zip(ids, values)``."""
    get = acc.get
    for d, v in zip(ids, values):
        acc[d] = get(d, 0.0) + v


def contains(ids: array[int], docnum: int) -> bool:
    """Whether the sorted ``ids`` hold ``docnum``."""
    i = bisect_left(ids, docnum)
    return i < len(ids) and ids[i] == docnum


def _field_lengths(reader: Any, field: str) -> list[int]:
    """Every document's length in ``field``. whoosh keeps them as a column of one byte a
    document (a compressed length); reading it in one piece instead of a call per document takes
    the first search of a 20k-document index from ~130 ms to a few. Any other reader shape
    takes whoosh's public per-document call (same numbers)."""
    n = reader.doc_count_all()
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.util.numeric import byte_to_length

        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if column is None:
            return [0] * n
        raw = column._dbfile.get(column._basepos, column._count) if column._count else b""
        table = [0] + [byte_to_length(b) for b in range(1, 256)]
        out = [table[b] for b in raw] + [0] * (n - len(raw))
        if len(out) == n and all(
            out[d] == (reader.doc_field_length(d, field) or 0) for d in (0, n // 2, n - 1) if n
        ):
            return out
    except Exception:  # another codec or version: the public API below
        pass
    return [(reader.doc_field_length(d, field) or 0) for d in range(n)]
