"""Stage 1 of a search: BM25F over whoosh's postings into an accumulator, cheaply.

whoosh is pure Python, and walking the postings of a term found in most documents (花呗 in a
Huabei KB, 办理 in any operator KB) is where its time goes. So every query word is scored against
title, keywords / customer phrases, summary and body with one saturation per word (BM25F), pinyin
bigrams against title and keywords (homophone slips), and pinyin initials / full pinyin by prefix
for Latin-letter queries — but terms that occur in a large share of a field's documents are left
out (they barely change BM25's order but cost the most) and their exact title contribution is
added in the re-rank stage (``deferred_score``), unless nothing rarer is left.

Field weights follow what agents expect: title > keywords / customer phrases > summary > body.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agent_assist.search.expansion import SYNONYM_WEIGHT, Expansion
from agent_assist.search.names import Names
from agent_assist.search.normalize import is_cjk
from agent_assist.search.query import ParsedQuery
from agent_assist.search.scoring import Contributions, Scorer, contains

MAX_TERMS = 24  # per kind (words, bigrams): the rarest ones are kept
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
# Checked on tests/fixtures/customer_queries.tsv (sample KB alone and + 5,000 synthetic articles)
# on 2026-12-02: r@1 did not move for body 0.1-0.5, keywords 2-3, summary 0.8-1.5; kept.
BM25F = {"title": 3.0, "kw": 2.0, "summary": 0.8, "body": 0.25}
_COVER_FIELDS = frozenset(("kw", "summary", "body"))
# share of a field's documents above which a term is skipped in the retrieval stage
COMMON = {"title": 0.25, "title_py": 0.25, "kw": 0.3, "kw_py": 0.3, "summary": 0.3, "body": 0.06}
# … but a term in this few documents is never deferred: its postings cost nothing to read, and in
# a small KB (100 processes) 6 % is four bodies — 掉线 is then evidence, not a common word
COMMON_MIN_DF = 32

Deferred = list[tuple[str, str, int]]  # (field, term, df) of common title terms


@dataclass(frozen=True)
class Cover:
    """Which query words each document's keywords, customer phrases, summary and body contain,
    and each word's IDF.

    The retrieval score is dominated by a word in the title (weight 4, short titles favoured),
    so a generic word there (宽带 in six titles) outranks the one rare word that says what the
    customer means (掉线, only in one body). The re-rank therefore also asks how much of the
    query's information — its words weighted by IDF — the rest of the document covers. The
    title is left out: it is scored heavily already (and a KB of bare titles stays as it was)."""

    docs: dict[str, list[array[int]]]  # query word → the documents with it (sorted), per field
    idf: dict[str, float]

    def words(self, docnum: int) -> set[str]:
        """The query words this document's keywords, phrases, summary or body contain."""
        return {w for w, ids in self.docs.items() if any(contains(i, docnum) for i in ids)}

    def share(self, docnum: int) -> float:
        total = sum(self.idf.values())
        if total <= 0:
            return 0.0
        return sum(self.idf.get(w, 0.0) for w in self.words(docnum)) / total


@dataclass
class Retrieved:
    """Stage 1's answer: retrieval scores, the deferred common title terms, which query words
    each document covers, and keyword / customer-phrase evidence on its own (``names``)."""

    acc: Contributions
    deferred: Deferred
    cover: Cover
    names: defaultdict[int, float]


def kept(
    sc: Scorer, field: str, terms: Sequence[str]
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Split a field's query terms into (scored now, deferred to re-rank), each as (term, df).

    Absent terms are dropped. Very common terms are deferred — the re-rank stage adds their
    exact title contribution for the candidates — unless nothing rarer is left."""
    present = [(t, sc.doc_frequency(field, t)) for t in terms]
    present = sorted(((t, df) for t, df in present if df > 0), key=lambda x: x[1])
    if not present:
        return [], []
    limit = COMMON.get(field)
    keep = [
        (t, df) for t, df in present if limit is None or df <= max(limit * sc.n_docs, COMMON_MIN_DF)
    ]
    deferred = [(t, df) for t, df in present if (t, df) not in keep]
    if not keep and field in ("title", "title_py"):
        keep, deferred = present[:1], present[1:]
    return keep[:MAX_TERMS], deferred[:MAX_TERMS]


def retrieve(sc: Scorer, reader: Any, p: ParsedQuery, exp: Expansion | None = None) -> Retrieved:
    """Stage 1: BM25 of the informative terms into an accumulator; ``reader`` is whoosh's index
    reader (for the prefix terms of Latin-letter queries)."""
    acc = Contributions(sc.n_docs)
    deferred: Deferred = []
    cover = Cover({}, {})
    names: defaultdict[int, float] = defaultdict(float)  # keyword / customer-phrase evidence alone
    for terms, fields in (
        (p.words, ("title", "kw", "summary", "body")),
        (p.bigrams, ("title_py", "kw_py")),
    ):
        split = {field: kept(sc, field, terms) for field in fields}
        # IDF from the term's document frequency across the fields (as BM25F does), not per
        # field: 手机 in one title but forty bodies is a common word, not a rare one
        doc_df: dict[str, int] = {}
        for now, later in split.values():
            for term, df in now + later:
                doc_df[term] = max(doc_df.get(term, 0), df)
        words = terms is p.words
        if words and BM25F:
            # one saturation per word over the fields where it is informative
            per_term: dict[str, list[tuple[str, float]]] = defaultdict(list)
            for field, (now, _) in split.items():
                for term, _ in now:
                    per_term[term].append((field, BM25F[field]))
            for term, flds in per_term.items():
                _add_fields(sc, acc, term, flds, doc_df[term])
                covered = [sc.normalized(f, term)[0] for f, _ in flds if f in _COVER_FIELDS]
                if covered:  # which documents cover the word: looked up for candidates only
                    cover.docs.setdefault(term, []).extend(covered)
                cover.idf[term] = sc.idf(doc_df[term])
                if any(f == "kw" for f, _ in flds):
                    sc.add(names, "kw", term, 1.0, doc_df[term])
        else:
            for field, (now, _) in split.items():
                for term, _ in now:
                    _add(sc, acc, field, term, WEIGHTS[field], doc_df[term])
                    if words and field != "title":
                        cover.docs.setdefault(term, []).append(sc.normalized(field, term)[0])
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
                df = max(sc.doc_frequency(f, term) for f, _ in flds)
                _add_fields(sc, acc, term, flds, df)
                if any(f == "kw" for f, _ in flds):
                    sc.add(names, "kw", term, SYNONYM_WEIGHT, df)
    compact = p.text.replace(" ", "")
    if 1 <= len(compact) <= 2 and all(is_cjk(c) for c in compact):  # first keystrokes: 携 / 携转
        for c in compact:
            _add(sc, acc, "chars", c, WEIGHTS["chars"])
    if p.latin and len(p.latin) >= 2:
        for field in ("py", "py_part"):  # whole title / keyword first, then from a word on
            for n, term in enumerate(reader.expand_prefix(field, p.latin)):
                if n >= 64:
                    break
                term = term.decode("utf-8") if isinstance(term, bytes) else term
                # an exact initials / pinyin match beats a longer name that merely starts with it
                _add(sc, acc, field, term, WEIGHTS[field] * (1.0 if term == p.latin else 0.7))
    return Retrieved(acc, deferred, cover, names)


def _add(
    sc: Scorer, acc: Contributions, field: str, term: str, weight: float, df: int | None = None
) -> None:
    """``weight`` × BM25(term, field) of every document with the term (see ``Scorer.add``)."""
    if df is None:
        df = sc.doc_frequency(field, term)
    if df > 0:
        ids, scores = sc.term_scores(field, term, weight, df)
        acc.add(ids, scores, sc.peak(scores))


def _add_fields(
    sc: Scorer, acc: Contributions, term: str, fields: list[tuple[str, float]], df: int
) -> None:
    """BM25F of the term over ``fields`` (see ``Scorer.add_fields``)."""
    if df > 0 and fields:
        ids, scores = sc.contributions(term, tuple(fields), df)
        acc.add(ids, scores, sc.peak(scores))


def deferred_score(
    sc: Scorer, names: Names, title: str, deferred: Deferred, stored: object = None
) -> float:
    """Exact BM25 of the deferred common terms in this title (same formula as stage 1);
    ``stored`` is the document's stored ``sound_s`` (see ``Names.title_sound``)."""
    words = names.title_words(title) if any(f == "title" for f, _, _ in deferred) else []
    bigrams = (
        names.title_sound(title, stored)[2] if any(f != "title" for f, _, _ in deferred) else []
    )
    total = 0.0
    for field, term, df in deferred:
        field_tokens = words if field == "title" else bigrams
        tf = field_tokens.count(term)
        if tf and field == "title" and BM25F:
            total += sc.score_bm25f(field, tf, len(field_tokens), df, BM25F[field])
        elif tf:
            total += sc.score_tf(field, tf, len(field_tokens), df, WEIGHTS[field])
    return total
