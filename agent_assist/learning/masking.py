"""Phone and ID numbers never reach the search log.

Agents paste what the customer said into the search box, numbers included. The notes package's
free-text masking (``notes.mask_pii``, the same as in exports) runs first; this module's own pass
is the floor it can never fall below: every run of 7 or more digits — after folding full-width
digits, across spaces, dashes, dots and a ``+86`` prefix — keeps only its last four digits.
"""

from __future__ import annotations

import re
import unicodedata

# digits joined by the separators people type inside one number
_RUN = re.compile(r"\+?\d(?:[\s\u3000\-\u2010-\u2015\uff0d.·/()（）]{0,3}\d)*(?:[\s-]?[Xx])?")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def _floor(text: str) -> str:
    def mask(m: re.Match[str]) -> str:
        run = m.group()
        digits = [i for i, ch in enumerate(run) if ch.isdigit()]
        if len(digits) < 7:
            return run
        keep = set(digits[-4:])
        return "".join("*" if ch.isdigit() and i not in keep else ch for i, ch in enumerate(run))

    return _RUN.sub(mask, text)


def mask_query(text: str) -> str:
    """``text`` with phone / ID / card numbers masked (digits → ``*``, last four kept)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    from agent_assist.notes import mask_pii

    return mask_pii(_floor(text))  # the floor first: it leaves no 5-digit head (+86 138…)


__all__ = ["mask_query"]
