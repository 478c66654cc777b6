"""Turn a process into the token strings the index stores (the analysis side of indexing).

Pure functions of a ``Process``, so bulk indexing can run them in worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agent_assist.knowledge import Process
from agent_assist.search import analyzer
from agent_assist.search.normalize import is_cjk, normalize

# the body can be long; a process is found by what it is about, which the first few thousand
# characters say. Capping keeps a pasted manual from dominating index time and size.
BODY_CHARS = 6000


@dataclass(frozen=True)
class IndexDoc:
    """One process, analysed: whoosh field name → space-separated tokens, plus stored values."""

    fields: dict[str, str | list[str]]  # token strings; stored key lists
    vocabulary: tuple[str, ...]  # words this process adds to jieba's dictionary


# titles / keywords up to this long also get pinyin forms from each word on ("yecx", "chaxun")
PART_MAX_CHARS = 12


def _join(tokens: Iterable[str]) -> str:
    return " ".join(tokens)


def _pinyin_forms(text: str) -> list[str]:
    """Initials and full pinyin of ``text`` ("xhzw", "xiehaozhuanwang"), empty ones dropped."""
    return [
        t
        for t in (
            analyzer.initials(text, normalized=True),
            analyzer.full_pinyin(text, normalized=True),
        )
        if t
    ]


def title_sound(title: str, title_bigrams: list[str]) -> list[str]:
    """What the re-rank stage reads of a title's sound, stored so no query computes it: the
    title's full pinyin and its pinyin bigrams, space-separated (``names.stored_pinyin`` reads
    it back). Computed here, in the analysis workers: at query time it was about a quarter of a
    search — ~80 candidates, cold for each new query."""
    return [analyzer.full_pinyin(title, normalized=True), _join(title_bigrams)]


def analyse(p: Process) -> IndexDoc:
    title = normalize(p.title)
    keywords = [normalize(k) for k in p.keywords]
    phrases = [normalize(x) for x in p.customer_phrases]
    summary = normalize(p.summary)
    body = normalize(p.body[:BODY_CHARS])
    names = [title, *keywords]
    py_tokens: list[str] = []
    part_tokens: list[str] = []
    for name in names:
        compact = name.replace(" ", "")
        if not compact:
            continue
        py_tokens.extend(_pinyin_forms(compact))
        if len(compact) <= PART_MAX_CHARS:  # names, not sentences: 余额查询 of 话费余额查询
            for start in analyzer.word_starts(compact)[1:]:
                part_tokens.extend(_pinyin_forms(compact[start:]))
    chars = sorted({c for name in names for c in name if is_cjk(c)})
    title_words = analyzer.words(title, normalized=True, keep_stopwords=True)
    title_bigrams = analyzer.pinyin_bigrams(title, normalized=True)
    fields: dict[str, str | list[str]] = {
        "id": p.id,
        "category": p.category,
        "title": _join(title_words),
        "title_py": _join(title_bigrams),
        "kw": _join(w for k in keywords + phrases for w in analyzer.words(k, normalized=True)),
        "kw_py": _join(
            b for k in keywords + phrases for b in analyzer.pinyin_bigrams(k, normalized=True)
        ),
        "summary": _join(analyzer.words(summary, normalized=True)),
        "body": _join(analyzer.words(body, normalized=True)),
        "py": _join(py_tokens),
        "py_part": _join(part_tokens),
        "chars": _join(chars),
        "title_s": p.title,
        "summary_s": p.summary,
        "keys_s": [k.replace(" ", "") for k in keywords + phrases if k],
        "hash": p.content_hash,
        "sound_s": title_sound(title, title_bigrams),
    }
    return IndexDoc(fields, tuple(analyzer.vocabulary_of(p.title, p.keywords)))
