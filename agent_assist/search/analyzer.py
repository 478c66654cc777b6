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

from agent_assist.search.normalize import _CJK_RUN, cjk_runs, is_cjk, normalize

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


def _no_reading(chars: str) -> Any:
    """pypinyin's ``errors`` callback: an empty reading per character that has none (pypinyin
    accepts a list here; its annotation says ``str``)."""
    return [""] * len(chars)


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


_PINYIN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_pinyin_table: dict[str, str] | None = None
_word_readings: dict[str, tuple[str, ...]] = {}
_longest_word = 0
_longest_from: dict[str, int] = {}  # first two characters → longest word read differently
PINYIN_CACHE = "pinyin-v2.json"

# Call-centre words whose reading pypinyin's phrase data gets wrong or lacks (it reads 还款 as
# "hai kuan" and 重置 as "zhong zhi"); agents type what they hear: hkcx, chongzhi.
DOMAIN_READINGS = {
    "还款": "huan kuan",
    "还贷": "huan dai",
    "还本": "huan ben",
    "还息": "huan xi",
    "还欠款": "huan qian kuan",
    "还清": "huan qing",
    "还钱": "huan qian",
    "还机": "huan ji",
    "还卡": "huan ka",
    "还给": "huan gei",
    "退还": "tui huan",
    "重置": "chong zhi",
    "重办": "chong ban",
    "重发": "chong fa",
    "重开": "chong kai",
    "重装": "chong zhuang",
    "重拨": "chong bo",
    "重设": "chong she",
    "重输": "chong shu",
    "重填": "chong tian",
    "重试": "chong shi",
    "重连": "chong lian",
    "重签": "chong qian",
    "重补": "chong bu",
    "重扣": "chong kou",
    "重复扣费": "chong fu kou fei",
    "重号": "chong hao",
    "重名": "chong ming",
    "调速": "tiao su",
    "调价": "tiao jia",
    "调低": "tiao di",
    "调高": "tiao gao",
    "调账": "tiao zhang",
    "调档": "tiao dang",
    "下调": "xia tiao",
    "上调": "shang tiao",
    "行长": "hang zhang",
    "银行": "yin hang",
    "网银": "wang yin",
    "长期": "chang qi",
    "长途": "chang tu",
    "会员": "hui yuan",
    "单独": "dan du",
    "处理": "chu li",
    "发票": "fa piao",
    "还剩": "hai sheng",
    "还有": "hai you",
    "还是": "hai shi",
    "还要": "hai yao",
    "还没": "hai mei",
    "还在": "hai zai",
    "还欠": "hai qian",
    "还差": "hai cha",
    "还能": "hai neng",
}


def _load_pinyin_table() -> dict[str, str]:
    """Toneless most-common reading of every Chinese character, plus the words whose reading
    differs from their characters' (银行 "yin hang", not "yin xing"), from pypinyin.

    Importing pypinyin costs ~0.3 s (it loads its phrase dictionaries); a search only needs one
    reading per character and the few thousand words read differently, so both are computed
    once and kept as a small JSON in the cache dir, which loads in milliseconds on every later
    start.
    """
    global _pinyin_table, _longest_word
    if _pinyin_table is not None:
        return _pinyin_table
    import json

    from agent_assist.storage import cache_dir

    path = cache_dir() / PINYIN_CACHE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        table: dict[str, str] = data["chars"]
        words_: dict[str, str] = data["words"]
        if not isinstance(table, dict) or not isinstance(words_, dict):
            raise ValueError("not a pinyin table")
    except (OSError, ValueError, KeyError, TypeError):
        table, words_ = _compute_pinyin_tables()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_text(
                json.dumps(
                    {"chars": table, "words": words_}, ensure_ascii=False, separators=(",", ":")
                ),
                encoding="utf-8",
            )
            os.replace(tmp, path)
        except OSError:
            try:
                tmp.unlink(missing_ok=True)  # a full disk: no half-written table left behind
            except OSError:
                pass
    _word_readings.clear()
    for w, r in words_.items():
        syl = tuple(r.split())
        if len(syl) == len(w):
            _word_readings[w] = syl
    _longest_word = max((len(w) for w in _word_readings), default=0)
    _longest_from.clear()
    for w in _word_readings:
        _longest_from[w[:2]] = max(_longest_from.get(w[:2], 0), len(w))
    _pinyin_table = table
    return table


def _compute_pinyin_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(character → reading, word → space-separated readings) from pypinyin's data; only words
    read differently from their characters are kept (a few thousand of its 47k phrases)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    chars = "".join(chr(c) for lo, hi in _PINYIN_RANGES for c in range(lo, hi + 1))
    readings = lazy_pinyin(list(chars), style=Style.NORMAL, errors=_no_reading)
    table = {c: r for c, r in zip(chars, readings) if r and r.isascii()}
    words_: dict[str, str] = {}
    for phrase in PHRASES_DICT:
        if not 2 <= len(phrase) <= 6 or not all(c in table for c in phrase):
            continue
        syl = lazy_pinyin(phrase, style=Style.NORMAL, errors=_no_reading)
        if len(syl) == len(phrase) and all(s.isascii() and s for s in syl):
            if any(s != table[c] for s, c in zip(syl, phrase)):
                words_[phrase] = " ".join(syl)
    for w, r in DOMAIN_READINGS.items():
        if len(r.split()) == len(w):
            words_[w] = r
    return table, words_


def char_pinyin(ch: str) -> str:
    """Toneless pinyin of one character, its most common reading (what the input method types)."""
    table = _pinyin_table if _pinyin_table is not None else _load_pinyin_table()
    return table.get(ch, ch)


def run_readings(run: str) -> list[str]:
    """Readings of a run of Chinese characters, word by word: the longest word starting at each
    position whose reading differs from its characters' gives its syllables (银行代扣 →
    yin hang dai kou, 重复投诉 → chong fu tou su); other characters their common reading.

    The index and the query read text the same way, so a slip keeps matching on sound."""
    cached = _run_cache.get(run)
    if cached is not None:
        return list(cached)
    table = _pinyin_table if _pinyin_table is not None else _load_pinyin_table()
    longest_from = _longest_from
    get = table.get
    out = [get(c, c) for c in run]  # every character's common reading, then the words on top
    n = len(run)
    free = 0  # positions before this are covered by a word already read
    for i in [i for i in range(n - 1) if run[i : i + 2] in longest_from]:
        if i < free:
            continue
        # the longest word starting here whose reading differs from its characters'
        for length in range(min(longest_from[run[i : i + 2]], n - i), 1, -1):
            found = _word_readings.get(run[i : i + length])
            if found is not None:
                out[i : i + length] = found
                free = i + length
                break
    if len(_run_cache) >= _RUN_CACHE:
        _run_cache.clear()
    _run_cache[run] = tuple(out)
    return out


# readings of recent runs: a title's sound is read twice (bigrams, full pinyin), and the same
# names come back keystroke after keystroke
_RUN_CACHE = 8192
_run_cache: dict[str, tuple[str, ...]] = {}


def text_readings(text: str) -> list[str]:
    """One reading per character of ``text`` (same length); characters that are not Chinese
    stand for themselves."""
    out = list(text)
    for m in _CJK_RUN.finditer(text):
        out[m.start() : m.end()] = run_readings(m.group())
    return out


def syllables(text: str) -> list[list[str]]:
    """Pinyin syllables per run of Chinese characters, read word by word."""
    return [run_readings(run) for run in cjk_runs(text)]


def pinyin_bigrams(text: str, *, normalized: bool = False) -> list[str]:
    """Adjacent-syllable pairs, 'hua_fei'; a one-character run gives its single syllable."""
    if not normalized:
        text = normalize(text)
    out: list[str] = []
    for run in syllables(text):
        if len(run) == 1:
            out.append(run[0])
        out.extend(f"{a}_{b}" for a, b in zip(run, run[1:]))
    return out


def initials(text: str, *, normalized: bool = False) -> str:
    """First letters of the syllables: 携号转网 → 'xhzw' (ASCII words keep their first letter)."""
    if not normalized:
        text = normalize(text)
    out = []
    for ch, reading in zip(text, text_readings(text)):
        if is_cjk(ch):
            out.append(reading[:1])
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
    return "".join(out)


def full_pinyin(text: str, *, normalized: bool = False) -> str:
    """Toneless pinyin without spaces: 携号转网 → 'xiehaozhuanwang'."""
    if not normalized:
        text = normalize(text)
    return "".join(r for c, r in zip(text, text_readings(text)) if c.isalnum())


def is_pinyin_like(query: str) -> bool:
    """A query of Latin letters only (maybe spaced): initials or full pinyin typed without the IME."""
    q = query.replace(" ", "")
    return q.isascii() and q.isalpha() and 1 <= len(q) <= 40


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
