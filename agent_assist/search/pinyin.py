"""Pinyin views of Chinese text: syllable bigrams (against input-method slips), initials and full
pinyin (typed without switching the input method), read from words, not characters.

A per-character table reads 银行 as "yinxing" and 重复 as "zhongfu"; readings here come from
pypinyin's phrase data (the words read differently from their characters) plus the call-centre
words it lacks or gets wrong (``DOMAIN_READINGS``). A run of characters is read by the longest such
word at each position, other characters by their common reading. Index and query read text the
same way, so a homophone slip (银航代扣) still shares the sound bigrams.
"""

from __future__ import annotations

import os
from typing import Any

from agent_assist.search.normalize import _CJK_RUN, cjk_runs, is_cjk, normalize


def _no_reading(chars: str) -> Any:
    """pypinyin's ``errors`` callback: an empty reading per character that has none (pypinyin
    accepts a list here; its annotation says ``str``)."""
    return [""] * len(chars)


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
