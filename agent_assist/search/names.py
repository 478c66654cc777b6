"""Names of a process — its title, each keyword, each customer phrase — matched against a query.

Field evidence must dominate scattered evidence: a customer phrase that says what the customer
said (我还剩多少话费 for 我手机里还剩多少钱) beats a long article whose body happens to hold the
same generic words. ``Names`` caches each name's words and each title's sound per searcher, because
the same candidates come back keystroke after keystroke."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from agent_assist.search import analyzer
from agent_assist.search.expansion import Expansion
from agent_assist.search.normalize import normalize

TitleSound = tuple[str, frozenset[str], list[str]]  # pinyin, bigram set, bigrams in order

# a query phrase that is a synonym member, matched by a name holding another member of its
# group: the KB owners said both mean the same, so it counts more than a synonym does in
# retrieval (expansion.SYNONYM_WEIGHT, 0.5) — tuned on tests/fixtures/customer_queries.tsv,
# sample KB alone and with 5,000 synthetic articles (0.5 -> 0.75)
NAME_SYNONYM_WEIGHT = 0.75
_MAX_NAMES = 20000  # cached name → words entries before the cache starts again
_MAX_TITLES = 4096  # enough titles for the candidates of recent keystrokes


class Names:
    """Word and sound caches for names, bound to the index's query segmenter."""

    def __init__(self, tokenizer: Any = None) -> None:
        self.tokenizer = tokenizer  # a jieba Tokenizer (untyped) or None: jieba's dictionary
        self._words: dict[str, frozenset[str]] = {}
        self._sound: dict[str, TitleSound] = {}
        self._title_words: dict[str, list[str]] = {}

    def clear(self) -> None:
        self._words.clear()
        self._sound.clear()
        self._title_words.clear()

    def words_of(self, name: str) -> frozenset[str]:
        """A title's / keyword's / customer phrase's words."""
        cached = self._words.get(name)
        if cached is None:
            cached = frozenset(
                analyzer.words(name, tokenizer=self.tokenizer)
                or analyzer.words(name, keep_stopwords=True, tokenizer=self.tokenizer)
            )
            if len(self._words) > _MAX_NAMES:
                self._words.clear()
            self._words[name] = cached
        return cached

    def match(
        self, qidf: Mapping[str, float], names: Sequence[str], exp: Expansion | None = None
    ) -> float:
        """How well the best single name matches the query: the IDF-weighted share of the
        query's words it has, times the square root of the share of its own words the query
        has. A query word the name lacks but whose synonym it holds counts ``NAME_SYNONYM_WEIGHT``.

        So a title that shares one rare word but is about something else (花呗分期还剩多少期)
        loses to a name that says the whole of what the customer said."""
        total = sum(qidf.values())
        if total <= 0:
            return 0.0
        best = 0.0
        for name in names:
            nw = self.words_of(name)
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
                    got += NAME_SYNONYM_WEIGHT * sum(
                        qidf.get(w, 0.0) for w in inside if w not in hit_words
                    )
                    hit_words |= self.words_of(m) & nw
            if got <= 0:
                continue
            n_share = min(1.0, len(hit_words) / len(nw)) if hit_words else 0.5 / len(nw)
            best = max(best, min(1.0, got / total) * n_share**0.5)
        return best

    def title_sound(self, title: str, stored: object = None) -> TitleSound:
        """The title's full pinyin, its set of pinyin bigrams and the bigrams as indexed —
        needed only for re-rank candidates. Read from the document's stored ``sound_s``
        (written at index time) when given, else computed here (an index written before it was
        stored): computing it was about a quarter of a search."""
        cached = self._sound.get(title)
        if cached is None:
            pinyin, bigrams = stored_pinyin(stored) or title_pinyin(normalize(title))
            cached = (pinyin, frozenset(bigrams), bigrams)
            if len(self._sound) > _MAX_TITLES:
                self._sound.clear()
            self._sound[title] = cached
        return cached

    def title_words(self, title: str) -> list[str]:
        """The title's words as this query segmenter splits them (stopwords kept, repeats
        kept), for the deferred common title terms. The segmenter's, not the index's: the
        index's splits some titles differently (多少钱 vs 多少 钱), and the scores were tuned
        on these; asked only when a query has a deferred title term."""
        cached = self._title_words.get(title)
        if cached is None:
            cached = analyzer.words(
                normalize(title), normalized=True, keep_stopwords=True, tokenizer=self.tokenizer
            )
            if len(self._title_words) > _MAX_TITLES:
                self._title_words.clear()
            self._title_words[title] = cached
        return cached


def title_pinyin(norm: str) -> tuple[str, list[str]]:
    """A normalized title's full pinyin and its pinyin bigrams (what ``sound_s`` stores)."""
    return analyzer.full_pinyin(norm, normalized=True), analyzer.pinyin_bigrams(
        norm, normalized=True
    )


def stored_pinyin(stored: object) -> tuple[str, list[str]] | None:
    """A title's full pinyin and pinyin bigrams from the stored ``sound_s`` field
    (``documents.title_sound``: the pinyin, then the bigrams space-separated). None when it is
    absent or not of that shape."""
    if not (
        isinstance(stored, (list, tuple))
        and len(stored) == 2
        and all(isinstance(x, str) for x in stored)
    ):
        return None
    return stored[0], stored[1].split()
