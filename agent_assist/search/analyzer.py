"""Chinese analysis: jieba words, pinyin syllable bigrams, pinyin initials.

Three views of the same text make search forgiving:

* **words** — jieba search-mode segmentation (``cut_for_search`` emits the long word and its
  dictionary sub-words), with the KB's keywords and short titles added to jieba's dictionary so
  "携号转网" stays one word as well as "携号" + "转网".
* **pinyin bigrams** — each pair of adjacent characters as toneless pinyin ("hua_fei"). A pinyin
  input-method slip (话废 for 话费) changes the characters but not the sound, and it often changes
  how jieba segments the query, so matching on sound bigrams rather than on words of sound survives
  the slip.
* **initials / full pinyin** — "xhzw" and "xiehaozhuanwang" for titles and keywords, so an agent can
  type initials without switching the input method.

The index stores these views as space-separated tokens; whoosh only splits on spaces. Doing the
analysis here (not in a whoosh analyzer) lets bulk indexing fan out over processes and lets the
query side build whoosh queries term by term.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from agent_assist.search.normalize import is_cjk, normalize
from agent_assist.search.pinyin import (  # the pinyin views live there; names kept for callers
    char_pinyin,
    full_pinyin,
    initials,
    is_pinyin_like,
    pinyin_bigrams,
    run_readings,
    syllables,
    text_readings,
)

# Function words and question particles that carry no meaning for finding a process. Kept small on
# purpose: 不 / 没 / 能 are meaningful here ("不能上网" vs "上网").
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "哦",
        "嘛",
        "么",
        "我",
        "你",
        "您",
        "他",
        "她",
        "它",
        "我们",
        "你们",
        "是",
        "在",
        "和",
        "与",
        "及",
        "或",
        "就",
        "都",
        "也",
        "还是",
        "一下",
        "一个",
        "这个",
        "那个",
        "这",
        "那",
        "请问",
        "请",
        "麻烦",
        "怎么",
        "怎样",
        "怎么样",
        "如何",
        "什么",
        "为什么",
        "为何",
        "哪里",
        "哪儿",
        "可以",
        "可不可以",
        "能不能",
        "是不是",
        "有没有",
        "想",
        "要",
        "想要",
        "需要",
        "一",
        "个",
        "下",
        "把",
        "被",
        "让",
        "给",
        "对",
        "从",
        "到",
        "为",
        "啊",
        "嗯",
        "喂",
        "你好",
        "您好",
        "谢谢",
        "？",
        "?",
        "，",
        ",",
        "。",
        "！",
        "!",
    ]
)

_lock = threading.Lock()
_added_words: set[str] = set()


def word_starts(text: str) -> list[int]:
    """Offsets where words of ``text`` begin, sub-words included (search mode, so a KB name that
    is itself one dictionary word still splits): 话费余额查询 → [0, 2, 4]."""
    starts = {0}
    for tok in _jieba().dt.cut_for_search(text, HMM=False):
        if len(tok) >= 2:
            start = text.find(tok)
            while start != -1:
                starts.add(start)
                start = text.find(tok, start + 1)
    return sorted(starts)


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    # jieba logs a failed cache write (a full disk) with a traceback on stderr; the cache is
    # an optimisation and its temp file is cleaned up below, so nothing to tell an agent
    jieba.setLogLevel(logging.CRITICAL)
    from agent_assist.storage import cache_dir

    jieba.dt.tmp_dir = str(cache_dir())  # jieba's dictionary cache lives with our other caches
    with _lock:
        if not jieba.dt.initialized:
            with no_stray_temp_files(jieba.dt.tmp_dir):
                jieba.dt.check_initialized()
    return jieba


@contextmanager
def no_stray_temp_files(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Remove the ``tmp*`` files that appear in ``folder`` meanwhile and are still there after:
    jieba writes its dictionary cache to a ``mkstemp`` file and renames it, and leaves the
    temp file (5-8 MB) behind when the write fails — on a full disk, the worst moment."""
    try:
        before = set(os.listdir(folder))
    except OSError:
        before = None
    try:
        yield
    finally:
        if before is not None:
            try:
                stray = [n for n in os.listdir(folder) if n not in before and n.startswith("tmp")]
            except OSError:
                stray = []
            for name in stray:
                try:
                    os.remove(os.path.join(folder, name))
                except OSError:
                    pass


@lru_cache(maxsize=1)
def _native() -> Any:
    """rjieba (jieba-rs: jieba's dictionary and algorithm in Rust, ~7x faster), or None.

    Measured equivalent: the same search-mode words as jieba for all 38,987 ATEC titles and every
    line of the sample KB. Used only where the full dictionary segments (bulk indexing); queries
    keep the index's vocabulary tokenizer. ``AGENT_ASSIST_NO_RJIEBA=1`` turns it off."""
    if os.environ.get("AGENT_ASSIST_NO_RJIEBA"):
        return None
    try:
        import rjieba
    except ImportError:
        return None
    try:
        seg = rjieba.Jieba()
        with _lock:
            for w in _added_words:
                seg.add_word(w, _added_freq.get(w, 2000), None)
        return seg
    except Exception:
        return None


_added_freq: dict[str, int] = {}


def add_words(words: Iterable[str]) -> None:
    """Teach jieba the KB's own vocabulary (keywords, short titles). Idempotent and cheap."""
    jieba = _jieba()
    native = _native()
    with _lock:
        for w in words:
            w = normalize(w).replace(" ", "")
            if len(w) >= 2 and w not in _added_words:
                freq = max(jieba.dt.FREQ.get(w, 0), 2000)
                jieba.add_word(w, freq=freq)
                _added_words.add(w)
                _added_freq[w] = freq
                if native is not None:
                    native.add_word(w, freq, None)


def added_words() -> list[str]:
    """The KB words taught to jieba so far (to teach a fresh worker process the same)."""
    with _lock:
        return sorted(_added_words)


def vocabulary_of(title: str, keywords: Iterable[str]) -> list[str]:
    """Which words of a process should enter jieba's dictionary: every keyword, and the title when
    it is a short name ("携号转网"), not a sentence (a question-style title would swallow words)."""
    out = [k for k in keywords if 2 <= len(k) <= 12]
    t = normalize(title)
    if 2 <= len(t) <= 8 and all(is_cjk(c) for c in t):
        out.append(t)
    return out


def words(
    text: str, *, normalized: bool = False, keep_stopwords: bool = False, tokenizer: Any = None
) -> list[str]:
    """Search-mode words of ``text`` (normalized first unless told it already is), in order,
    with repeats; punctuation and whitespace dropped. ``tokenizer`` is a jieba Tokenizer to use
    instead of the full dictionary (see :func:`vocabulary_tokenizer`)."""
    if not normalized:
        text = normalize(text)
    if not text:
        return []
    # str.isalnum() is true for Chinese characters too: it drops punctuation and spaces only
    native = _native() if tokenizer is None else None
    if native is not None:
        tokens = native.cut_for_search(text, False)
    else:
        tokens = (tokenizer or _jieba().dt).cut_for_search(text, HMM=False)
    if keep_stopwords:
        return [t for t in tokens if t.isalnum()]
    return [t for t in tokens if t.isalnum() and t not in STOPWORDS]


def write_vocabulary(path: str | os.PathLike[str], terms: Iterable[str]) -> None:
    """Write a jieba dictionary of the index's own words (``word freq`` lines), frequencies from
    the full dictionary. Queries are segmented with it: a word that is not in the index can never
    match, and jieba with 10k words instead of 350k loads in a blink (the full dictionary takes
    ~0.5 s to load, most of a cold command's time)."""
    jieba = _jieba()
    freq = jieba.dt.FREQ
    lines = []
    for term in sorted(set(terms)):
        if term and not any(c.isspace() for c in term) and any(is_cjk(c) for c in term):
            lines.append(f"{term} {max(1, freq.get(term, 0) or 3)}")
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def append_vocabulary(path: str | os.PathLike[str], terms: Iterable[str]) -> list[str]:
    """Append words to a vocabulary file; returns the ``word freq`` pairs' words written."""
    freq = _jieba().dt.FREQ
    written: list[str] = []
    lines: list[str] = []
    for term in terms:
        if term and not any(c.isspace() for c in term) and any(is_cjk(c) for c in term):
            lines.append(f"{term} {max(1, freq.get(term, 0) or 3)}")
            written.append(term)
    if lines:
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    return written


def word_frequency(word: str) -> int:
    """The frequency a vocabulary file gives ``word`` (see :func:`write_vocabulary`)."""
    return max(1, _jieba().dt.FREQ.get(word, 0) or 3)


class NativeVocabulary:
    """The query segmenter in rjieba: the index's vocabulary in jieba-rs, the same search-mode
    words as jieba's Tokenizer over the same file (bench/bench_segmenter.py prints the agreement),
    about ten times faster per query and per re-rank candidate."""

    def __init__(self, seg: Any) -> None:
        self._seg = seg

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> NativeVocabulary:
        """rjieba with only the words of a vocabulary file (``ImportError`` without rjieba)."""
        import rjieba

        entries = read_vocabulary(path)
        seg = rjieba.Jieba.empty()  # type: ignore[no-untyped-call]
        for word, freq in entries:
            seg.add_word(word, freq, None)
        return cls(seg)

    def cut_for_search(self, text: str, HMM: bool = False) -> list[str]:  # jieba's name
        out: list[str] = self._seg.cut_for_search(text, HMM)
        return out

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._seg.add_word(word, freq, tag)


def read_vocabulary(path: str | os.PathLike[str]) -> list[tuple[str, int]]:
    """The ``word freq`` lines of a vocabulary file; a malformed line raises ``ValueError``
    naming ``path:line`` (as jieba's own loader refuses it)."""
    out: list[tuple[str, int]] = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            parts = line.split(" ")
            if len(parts) < 2 or not parts[1].isdigit():
                raise ValueError(f"{path}:{n}: invalid dictionary entry {line[:40]!r}")
            out.append((parts[0], int(parts[1])))
    return out


def vocabulary_tokenizer(path: str | os.PathLike[str]) -> Any:
    """A segmenter over a vocabulary written by :func:`write_vocabulary`: rjieba when it is
    installed (see :class:`NativeVocabulary`), else a jieba Tokenizer (its prefix-dict cache sits
    beside the file)."""
    if not os.environ.get("AGENT_ASSIST_NO_RJIEBA"):
        try:
            return NativeVocabulary.load(path)
        except ImportError:
            pass
    return jieba_vocabulary_tokenizer(path)


def jieba_vocabulary_tokenizer(path: str | os.PathLike[str]) -> Any:
    """jieba's Tokenizer over a vocabulary file (the reference :class:`NativeVocabulary` is
    measured against, and the segmenter where rjieba is missing)."""
    import jieba

    jieba.setLogLevel(logging.CRITICAL)  # see _jieba
    tok = jieba.Tokenizer(dictionary=str(path))
    tok.tmp_dir = os.path.dirname(os.path.abspath(path))
    with no_stray_temp_files(tok.tmp_dir):
        tok.initialize()
    return tok


__all__ = [
    "vocabulary_tokenizer",
    "write_vocabulary",
    "STOPWORDS",
    "add_words",
    "char_pinyin",
    "full_pinyin",
    "initials",
    "is_pinyin_like",
    "pinyin_bigrams",
    "run_readings",
    "syllables",
    "text_readings",
    "vocabulary_of",
    "words",
]
