"""Cleaning what agents paste: control characters from CRM screens, odd line breaks, broken
Unicode.

Text copied out of the CTI/CRM screen or Word carries vertical tabs (``\\x0b``), escape codes
(``\\x1b``), form feeds and Unicode line separators. They are invisible in the form, but Excel's
file format forbids them (openpyxl raises ``IllegalCharacterError``) and they make searching by
text miss. So a note keeps only printable text plus ``\\n`` line breaks: line-break-like characters
become ``\\n`` (the agent's line structure survives), every other control character goes.
Full-width punctuation is left alone — it is the customer's wording, not noise.
"""

from __future__ import annotations

import re

# Characters that mean "new line" in some program: vertical tab (Word's Shift+Enter), form feed,
# the ASCII file/group/record separators, NEL, and the Unicode line/paragraph separators.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0/C1 controls except \n and \t, DEL, lone surrogates (a damaged JSON draft) and BOM/U+FFFE/U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def clean_text(value: object, multiline: bool = True) -> str:
    """``value`` as text fit to store and export.

    ``None`` → ``''``; other non-strings (a damaged draft) become their text. Tabs become a
    space; in a one-line field (``multiline=False``) line breaks become a space too.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text).replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    return text
