"""What an agent typed, analysed once: normalized text, words, pinyin bigrams, full pinyin, and the
Latin-letters form (initials / pinyin) — the one input every ranking signal reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent_assist.search import analyzer
from agent_assist.search.normalize import normalize

MAX_QUERY_CHARS = 256  # a pasted e-mail is searched by its head; the rest adds noise and time


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # normalized query
    words: tuple[str, ...]
    bigrams: tuple[str, ...]
    pinyin: str  # the query's full pinyin without spaces (for fuzzy sound matching)
    latin: str  # the query itself when it is Latin letters only (initials / pinyin), else ""


def parse_query(query: str, tokenizer: Any = None) -> ParsedQuery:
    """Analyse a query. Any string is fine: syntax characters mean nothing here, the text is only
    ever turned into individual terms, never given to a query parser. ``tokenizer``: the index's
    vocabulary segmenter (default: jieba's full dictionary)."""
    text = normalize(query or "")[:MAX_QUERY_CHARS].strip()
    if not text:
        return ParsedQuery("", (), (), "", "")
    words = list(dict.fromkeys(analyzer.words(text, normalized=True, tokenizer=tokenizer)))
    if not words:  # only function words ("怎么办"): better them than nothing
        words = list(
            dict.fromkeys(
                analyzer.words(text, normalized=True, keep_stopwords=True, tokenizer=tokenizer)
            )
        )
    bigrams = list(dict.fromkeys(analyzer.pinyin_bigrams(text, normalized=True)))
    latin = text.replace(" ", "") if analyzer.is_pinyin_like(text) else ""
    return ParsedQuery(
        text, tuple(words), tuple(bigrams), analyzer.full_pinyin(text, normalized=True), latin
    )
