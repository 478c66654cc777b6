"""Text folding shared by indexing and querying, so both sides see the same characters.

Agents paste from CRMs, chats and e-mails: full-width letters and digits, ideographic spaces,
zero-width joiners, Traditional characters from Hong Kong / Taiwan customers. All of it folds to
one canonical form before segmentation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"), None)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def cjk_runs(text: str) -> list[str]:
    """Maximal runs of Chinese characters (pinyin is computed per run, never across punctuation)."""
    return _CJK_RUN.findall(text)


@lru_cache(maxsize=1)
def _converter() -> tuple[Any, frozenset[str]]:
    """zhconv plus the set of Traditional-only characters of its zh-hans table.

    Almost all text an operator centre indexes is already Simplified; one set test
    tells whether zhconv's (pure-Python, phrase-aware) pass is needed at all.
    """
    import zhconv
    from zhconv import zhconv as impl

    table = impl.getdict("zh-hans")
    # a Traditional-only character: converting is needed (phrase rules that start with a shared
    # character still contain one of these further on)
    trad = frozenset(k for k, v in table.items() if len(k) == 1 and v != k)
    return zhconv, trad


def to_simplified(text: str) -> str:
    """Traditional → Simplified (zhconv's phrase-aware table, e.g. 話費 → 话费, 攜號轉網 → 携号转网)."""
    if not text or text.isascii():
        return text
    zhconv, trad = _converter()
    if trad.isdisjoint(text):  # a C-speed scan; a 4,700-character regex class is 50x slower
        return text
    return str(zhconv.convert(text, "zh-hans"))


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """NFKC (full-width → half-width, ideographic space → space), drop zero-width characters,
    fold Traditional to Simplified, lower-case, collapse whitespace."""
    if not text:
        return ""
    # cached: the re-rank stage folds the same titles again and again
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    text = to_simplified(text).lower()
    return " ".join(text.split())
