"""Masking personal numbers inside free text: phone numbers, ID numbers, bank cards.

Agents type what the customer said, and customers say their numbers: ``138 0013 8000``,
``+86-138-0013-8000``, full-width ``１３８００１３８０００`` from an IME, ``tel:+8613800138000`` pasted
from the CTI screen, ``010-12345678``, an 18-digit 身份证号 ending in ``X``, a 16–19 digit card
number in groups of four — sometimes with an invisible zero-width space inside. An export (and a
later search log) must not carry any of them, so :func:`mask_pii` finds them across separators,
full-width and other Unicode digits and zero-width characters, and keeps only what identifies
nothing on its own: a mobile's first 3 and last 4 digits (as the 电话 column shows them), a
landline's area code and last 4, an ID's or card's last 4.

Ordinary numbers stay as typed: amounts (``58元``, ``1,280.50``), dates (``2026-03-01``), times,
order numbers of a few digits. A candidate must have the shape of a number that identifies a
person: a mainland mobile (1[3-9], 11 digits, optionally +86), a landline with area code, an ID
whose birth date is a real date, or a card number (16–19 digits, one block or blocks of four).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["mask_pii", "find_pii", "PiiSpan"]

MASK = "*"
# What people put between the digits of one number: spaces (any width), dashes of every kind,
# dots, slashes, brackets — and invisible characters a paste can carry (zero-width space/joiners,
# word joiner, BOM, soft hyphen, direction marks).
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"
_VISIBLE_SEP = (
    r"[\s\u3000\-\u2010-\u2015\u2212\uff0d\ufe58\ufe63.\uff0e\u00b7/\uff0f_()\uff08\uff09]"
)
_INV = f"[{_INVISIBLE}]*"
_SEP = f"{_INV}(?:{_VISIBLE_SEP}{_INV}){{0,3}}"  # up to 3 visible separators; invisibles free
# one number: optional + (or full-width ＋), digits joined by separators, and an ID's final X
_CANDIDATE = re.compile(rf"[+\uff0b]?\d(?:{_SEP}\d)*(?:{_SEP}[Xx\uff38\uff58](?![A-Za-z]))?")
# a group: digits with nothing visible between them (a zero-width space does not split a number)
_GROUP = re.compile(rf"\d(?:[{_INVISIBLE}]*\d)*|[Xx\uff38\uff58]")

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(010|02\d|0[3-9]\d{2})([1-9]\d{6,7})")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class PiiSpan:
    """A personal number found in text: ``text[start:end]``, its kind, the digits to keep."""

    start: int
    end: int
    kind: str  # "mobile" | "landline" | "id" | "card"
    keep_head: int  # national digits left visible at the front …
    keep_tail: int  # … and at the end
    skip: int  # leading country-code digits (never masked, never counted)


def mask_pii(text: str) -> str:
    """``text`` with every phone / ID / card number masked (digits → ``*``; separators kept,
    invisible characters inside a number dropped). Idempotent; ``''`` and ``None`` → ``''``."""
    if not text:
        return ""
    spans = find_pii(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for span in spans:
        out.append(text[pos : span.start])
        out.append(_masked(text[span.start : span.end], span))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def find_pii(text: str) -> list[PiiSpan]:
    """Every personal number in ``text``, left to right (for masking, highlighting, logging)."""
    spans: list[PiiSpan] = []
    for m in _CANDIDATE.finditer(text):
        if sum(ch.isdecimal() for ch in m.group()) < 7:
            continue  # amounts, dates, times, short order numbers: fast path
        spans.extend(_in_run(m.group(), m.start()))
    return spans


def _in_run(run: str, offset: int) -> list[PiiSpan]:
    """Split a run of digits and separators into groups and take, leftmost-longest, the spans of
    consecutive groups that form a personal number (so ``2026-03-01 13800138000`` masks only the
    phone, not date and phone as one 19-digit "card")."""
    groups = [(g.start(), g.end(), _digits(g.group())) for g in _GROUP.finditer(run)]
    plus = run[:1] in "+\uff0b"
    found: list[PiiSpan] = []
    i = 0
    while i < len(groups):
        for j in range(len(groups) - 1, i - 1, -1):
            digits = "".join(g[2] for g in groups[i : j + 1])
            lengths = [len(g[2]) for g in groups[i : j + 1]]
            kind = _classify(digits, lengths, plus and i == 0)
            if kind is not None:
                start = 0 if (plus and i == 0) else groups[i][0]
                found.append(PiiSpan(offset + start, offset + groups[j][1], *kind))
                i = j + 1
                break
        else:
            i += 1
    return found


def _classify(digits: str, lengths: list[int], plus: bool) -> tuple[str, int, int, int] | None:
    """(kind, keep_head, keep_tail, country-code digits) when ``digits`` is a personal number."""
    if "X" in digits[:-1]:
        return None
    for prefix in ("0086", "86"):
        rest = digits[len(prefix) :]
        if (
            digits.startswith(prefix)
            and _MOBILE.fullmatch(rest)
            and min(lengths[1:], default=3) >= 3
        ):
            return ("mobile", 3, 4, len(prefix))
    if plus:
        return None  # "+<something else>": a foreign number; left alone unless it is long
    # phone numbers are written in blocks of 3+ digits: "03-01" of a date is never part of one
    phone_blocks = all(n >= 3 for n in lengths[1:])
    if _MOBILE.fullmatch(digits) and phone_blocks:
        return ("mobile", 3, 4, 0)
    m = _LANDLINE.fullmatch(digits)
    # the area code is a group of its own (or the number is one block): never "0105 2026…"
    if m and phone_blocks and (len(lengths) == 1 or lengths[0] == len(m.group(1))):
        return ("landline", len(m.group(1)), 4, 0)
    if len(digits) == 18 and _id_birthday(digits[6:14]):
        return ("id", 0, 4, 0)
    if len(digits) == 15 and digits.isdigit() and _id_birthday("19" + digits[6:12]):
        return ("id", 0, 4, 0)
    if 16 <= len(digits) <= 19 and digits.isdigit() and digits[0] != "0":
        blocks = len(lengths) == 1 or all(n == 4 for n in lengths[:-1])
        if blocks and (digits.startswith("62") or _luhn(digits)):
            return ("card", 0, 4, 0)
    return None


def _id_birthday(yyyymmdd: str) -> bool:
    if not yyyymmdd.isdigit():
        return False
    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def _luhn(digits: str) -> bool:
    total = 0
    for n, ch in enumerate(reversed(digits)):
        d = int(ch)
        if n % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _digits(group: str) -> str:
    """ASCII digits of a group (full-width and other scripts' digits too); X for an ID's X."""
    if group in "Xx\uff38\uff58":
        return "X"
    return "".join(str(unicodedata.decimal(ch)) for ch in group if ch not in _INVISIBLE)


def _masked(chunk: str, span: PiiSpan) -> str:
    """The chunk with its national digits masked except the kept head and tail; separators stay,
    invisible characters go (they hid the number from simpler filters; they carry nothing)."""
    total = sum(1 for ch in chunk if _is_digitish(ch)) - span.skip
    out = []
    n = -span.skip
    for ch in chunk:
        if ch in _INVISIBLE:
            continue
        if _is_digitish(ch):
            visible = n < 0 or n < span.keep_head or n >= total - span.keep_tail
            out.append(ch if visible else MASK)
            n += 1
        else:
            out.append(ch)
    return "".join(out)


def _is_digitish(ch: str) -> bool:
    return ch.isdecimal() or ch in "Xx\uff38\uff58"
