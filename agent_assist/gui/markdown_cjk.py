"""Bold next to Chinese punctuation, for markdown-it-py.

CommonMark's flanking rules were written for languages with spaces between words: in
``**不暗示"升档套餐就能升星"**等`` the closing ``**`` sits between a quote (punctuation) and a
Chinese character (not space, not punctuation), so it can't close and the asterisks show. KB
authors write exactly this. Following the idea of the CommonMark "CJK-friendly" draft, a CJK
character next to a ``*`` run counts as punctuation where that *allows* emphasis and as a
letter where punctuation would *block* it; runs with no CJK neighbour keep CommonMark's rules.
The rule replaces markdown-it-py's ``emphasis`` tokenizer for the one parser that uses it (no
global patching).
"""

from __future__ import annotations

import re

_CJK = re.compile(
    "[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0002a6df]"
)


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _flanking(last: str, nxt: str) -> tuple[bool, bool]:
    """(can_open, can_close) of a ``*`` run between ``last`` and ``nxt``, CJK-friendly."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

    def punct(ch: str) -> bool:
        return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)

    last_block = not _is_cjk(last) and punct(last)
    next_block = not _is_cjk(nxt) and punct(nxt)
    last_allow = _is_cjk(last) or punct(last)
    next_allow = _is_cjk(nxt) or punct(nxt)
    last_ws, next_ws = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
    left = not next_ws and (not next_block or last_ws or last_allow)
    right = not last_ws and (not last_block or next_ws or next_allow)
    return left, right  # ``*`` may split words: flanking alone decides


def _tokenize(state, silent: bool) -> bool:
    from markdown_it.rules_inline.state_inline import Delimiter

    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    scanned = state.scanDelims(start, marker == "*")
    can_open, can_close, length = scanned.can_open, scanned.can_close, scanned.length
    if marker == "*" and not (can_open and can_close):
        last = state.src[start - 1] if start > 0 else " "
        end = start + length
        nxt = state.src[end] if end < state.posMax else " "
        if _is_cjk(last) or _is_cjk(nxt):
            can_open, can_close = _flanking(last, nxt)
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(
                marker=ord(marker),
                length=length,
                token=len(state.tokens) - 1,
                end=-1,
                open=can_open,
                close=can_close,
            )
        )
    state.pos += length
    return True


def cjk_emphasis(md) -> None:
    """markdown-it-py plugin: ``MarkdownIt(...).use(cjk_emphasis)``."""
    md.inline.ruler.at("emphasis", _tokenize)
