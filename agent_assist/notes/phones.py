"""Mainland China phone numbers: check, normalise, mask.

Agents paste numbers from the CTI screen in every shape (``+86 138-1234-5678``,
``(010)12345678``, ``0755 8888 8888``). We accept the shapes, store one canonical form
(``13812345678`` / ``010-12345678``) so searching by number works, and mask by default when a note
leaves the building (exports), because a phone number is personal data.
"""

from __future__ import annotations

import re
import unicodedata

# Only ASCII digits count: ``\d`` and ``str.isdigit`` also accept full-width and other scripts'
# digits, which would be stored raw and then slip past masking and searching. Input is
# NFKC-normalised first, so full-width ``１３８…`` (an IME in full-width mode) becomes ``138…``.
# 1[3-9] then 9 digits: every mainland mobile range in use.
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# Area codes: 010 and 02x are three digits, the rest four (0[3-9]xx); local numbers are 7–8
# digits and never start with 0 (010-12345678 is the example agents are shown).
LANDLINE = re.compile(r"^(010|02[0-9]|0[3-9][0-9]{2})([1-9][0-9]{6,7})$")
_SEPARATORS = re.compile(r"[\s\-()（）—–‐－]")
_ASCII_DIGITS = re.compile(r"^[0-9]+$")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


PHONE_HINT = "请输入11位手机号（1开头）或带区号的固话，如 010-12345678"


def normalize_phone(text: str) -> str | None:
    """The canonical form of a valid number, or None if ``text`` is not a mainland number.

    ``''`` stays ``''`` (the phone is optional).
    """
    raw = _nfkc(text).strip()
    if not raw:
        return ""
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not _ASCII_DIGITS.match(digits):
        return None
    if MOBILE.match(digits):
        return digits
    m = LANDLINE.match(digits)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    return None


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not acceptable (a message the agent can act on), or None if it is."""
    raw = _nfkc(text).strip()
    if not raw or normalize_phone(raw) is not None:
        return None
    digits = re.sub(r"[^0-9]", "", raw)
    if re.search(r"[^0-9\s\-+()（）—–‐－]", raw):
        return f"只能包含数字、空格、短横线或 +86。{PHONE_HINT}"
    if digits.startswith("1") and len(digits) != 11:
        return f"手机号应为11位，现在是{len(digits)}位。{PHONE_HINT}"
    if digits.startswith("1"):
        return f"第二位应为3–9。{PHONE_HINT}"
    if digits.startswith("0"):
        return f"固话应为区号（3–4位）加7–8位号码。{PHONE_HINT}"
    return PHONE_HINT


def mask_phone(phone: str) -> str:
    """``13812341234`` → ``138****1234``; ``010-12345678`` → ``010-****5678``.

    Masks whatever is given (an old note stored before normalisation, a number with an
    extension, text around it): anything that is not a canonical number keeps only its last
    four digits visible, so an export never shows a run of more than four digits of a
    customer's number, whatever its format.
    """
    if not phone:
        return ""
    canonical = normalize_phone(phone)
    if canonical:
        if "-" in canonical:
            area, local = canonical.split("-", 1)
            return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}"
        return canonical[:3] + "*" * (len(canonical) - 7) + canonical[-4:]
    text = _nfkc(phone)
    digits = [i for i, ch in enumerate(text) if ch.isdecimal()]
    keep = set(digits[-4:]) if len(digits) > 4 else set()
    return "".join("*" if ch.isdecimal() and i not in keep else ch for i, ch in enumerate(text))
