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

import math
from collections import defaultdict
from collections.abc import Iterator
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


class Scorer:
    """Scores query terms against one open whoosh searcher (one per index generation)."""

    def __init__(self, searcher: Any, lengths_cache: dict[Any, list[int]] | None = None) -> None:
        self.searcher = searcher
        self._segment_lengths = lengths_cache if lengths_cache is not None else {}
        self.leaves = [(s.reader(), offset) for s, offset in searcher.leaf_searchers()]
        self.n_docs = max(1, searcher.doc_count_all())
        self._avg: dict[str, float] = {}
        self._lengths: dict[str, list[int]] = {}
        self.deleted: set[int] = set()
        for r, offset in self.leaves:
            if r.has_deletions():
                deleted = (
                    r.deleted_docs_set
                    if hasattr(r, "deleted_docs_set")
                    else (d for d in range(r.doc_count_all()) if r.is_deleted(d))
                )
                self.deleted.update(offset + d for d in deleted)

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

    def lengths(self, field: str) -> list[int]:
        """Length of ``field`` in every document, read once per reader and cached."""
        out = self._lengths.get(field)
        if out is None:
            out = []
            for r, _ in self.leaves:
                segment = r.segment() if hasattr(r, "segment") else None
                key = (segment.segment_id() if segment is not None else id(r), field)
                part = self._segment_lengths.get(key)
                if part is None:  # a segment never changes once written: its lengths neither
                    part = [(r.doc_field_length(d, field) or 0) for d in range(r.doc_count_all())]
                    self._segment_lengths[key] = part
                out.extend(part)
            self._lengths[field] = out
        return out

    def doc_frequency(self, field: str, term: str) -> int:
        try:
            df: int = self.searcher.doc_frequency(field, term)
            return df
        except Exception:
            return 0

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

    def add(
        self,
        acc: defaultdict[int, float],
        field: str,
        term: str,
        weight: float,
        df: int | None = None,
        found: defaultdict[int, set[str]] | None = None,
    ) -> None:
        """Add ``weight`` × BM25(term, field) of every document containing the term to ``acc``;
        with ``found``, also note ``term`` in ``found[doc]`` (which query words a document has)."""
        if df is None:
            df = self.doc_frequency(field, term)
        if df <= 0:
            return
        w = weight * self.idf(df) * (K1 + 1)
        b = B.get(field, 0.75)
        if b == 0.0:
            norm = K1
            for ids, tfs in self.postings(field, term):
                for d, tf in zip(ids, tfs):
                    acc[d] += w * tf / (tf + norm)
                if found is not None:
                    for d in ids:
                        found[d].add(term)
            return
        lengths = self.lengths(field)
        avg = self.avg_length(field)
        k_a, k_b = K1 * (1 - b), K1 * b / avg
        for ids, tfs in self.postings(field, term):
            for d, tf in zip(ids, tfs):
                acc[d] += w * tf / (tf + k_a + k_b * lengths[d])
            if found is not None:  # same block, no second read of the postings
                for d in ids:
                    found[d].add(term)

    def add_fields(
        self,
        acc: defaultdict[int, float],
        term: str,
        fields: list[tuple[str, float]],
        df: int,
        found: defaultdict[int, set[str]] | None = None,
        found_fields: frozenset[str] = frozenset(),
    ) -> None:
        """BM25F: the term's frequency in each field, length-normalised per field and weighted,
        summed into one pseudo-frequency per document, then saturated once.

        Summing per-field BM25 scores instead lets a word repeated across a long article's body,
        summary and steps add up to more than one match in the title; with one saturation, field
        evidence dominates: the weights say how much one occurrence in a field is worth, and no
        amount of body text buys a title match. ``found``: note the term for documents that have
        it in one of ``found_fields`` (which query words a document covers)."""
        if df <= 0 or not fields:
            return
        tf_sum: defaultdict[int, float] = defaultdict(float)
        for field, weight in fields:
            b = B.get(field, 0.75)
            note = found is not None and field in found_fields
            if b == 0.0:
                for ids, tfs in self.postings(field, term):
                    for d, tf in zip(ids, tfs):
                        tf_sum[d] += weight * tf
                    if note and found is not None:
                        for d in ids:
                            found[d].add(term)
                continue
            lengths = self.lengths(field)
            avg = self.avg_length(field)
            k_a, k_b = 1 - b, b / avg
            for ids, tfs in self.postings(field, term):
                for d, tf in zip(ids, tfs):
                    tf_sum[d] += weight * tf / (k_a + k_b * lengths[d])
                if note and found is not None:
                    for d in ids:
                        found[d].add(term)
        w = self.idf(df) * (K1 + 1)
        for d, tf in tf_sum.items():
            acc[d] += w * tf / (tf + K1)

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

    def docs_with(self, field: str, term: str) -> set[int]:
        out: set[int] = set()
        for ids, _ in self.postings(field, term):
            out.update(ids)
        return out
