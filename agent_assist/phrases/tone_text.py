"""Looking through a text for the tone checker: Traditional folded to Simplified (offsets kept),
quoted words (the customer's own) and sentence bounds found once, KB regexes run under a time
budget. Each piece keeps :meth:`ToneChecker.check` linear in the text.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TypeAlias

import regex

# a rule's regex: the KB's are compiled with ``regex`` (it has timeouts); code may pass ``re``
Rx: TypeAlias = "re.Pattern[str] | regex.Pattern[str]"

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|「[^」]*」|『[^』]*』|‘[^’]*’")


@lru_cache(maxsize=1)
def _traditional_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """zhconv's one-character Traditional → Simplified mappings (every one of them maps to one
    character, so folding keeps offsets), and a regex telling whether a text needs folding."""
    from zhconv import zhconv as impl

    pairs = {
        k: v for k, v in impl.getdict("zh-hans").items() if len(k) == 1 and len(v) == 1 and k != v
    }
    needs = re.compile("[" + "".join(re.escape(c) for c in sorted(pairs)) + "]")
    return str.maketrans(pairs), needs


def fold_traditional(text: str) -> str:
    """Traditional characters → Simplified, one for one (``len`` unchanged): 我們不能幫你辦 → 我们不能帮你办."""
    if text.isascii():
        return text
    table, needs = _traditional_table()
    return text.translate(table) if needs.search(text) else text


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start..end`` (split at 。！？；and newlines; commas stay inside)."""
    s0 = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        s0 = m.end()
    after = SENTENCE_END.search(text, end)
    return s0, (after.start() if after else len(text))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


class Spans:
    """Disjoint sorted spans (the union of the ones given): overlap test by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(x for x in spans if x[0] < x[1]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # the first span ending after ``start``
        return i < len(self.starts) and self.starts[i] < end


class Sentences:
    """:func:`sentence_bounds` for many findings in one text: one pass over it, then
    bisection (rescanning from the start for every finding made 42 KB take 10 s)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.breaks = [m.start() for m in SENTENCE_END.finditer(text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.breaks, start)
        j = bisect.bisect_left(self.breaks, end)
        s0 = self.breaks[i - 1] + 1 if i else 0
        return s0, (self.breaks[j] if j < len(self.breaks) else self.length)


# A KB regex gets this long per check (plus a little per character, so `tone --file` on a long
# transcript is not cut short); beyond it the rule is skipped (see ToneChecker.check)
RULE_SECONDS = 0.2
RULE_SECONDS_PER_CHAR = 2e-6


class Budget:
    """Runs KB regexes with a timeout and remembers which rules ran out of it."""

    def __init__(self, length: int) -> None:
        self.seconds = RULE_SECONDS + RULE_SECONDS_PER_CHAR * length
        self.timed_out: set[str] = set()

    def spans(
        self,
        rx: Rx,
        text: str,
        rule_id: str,
        pos: int = 0,
        endpos: int | None = None,
        limit: int | None = None,
    ) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        if rule_id in self.timed_out:
            return out
        if endpos is None:
            endpos = len(text)
        # a rule built in code with Python's ``re`` (tests, callers) has no timeout to give
        matches = (
            rx.finditer(text, pos, endpos)
            if isinstance(rx, re.Pattern)
            else rx.finditer(text, pos, endpos, timeout=self.seconds)
        )
        try:
            for m in matches:
                out.append(m.span())
                if limit is not None and len(out) >= limit:
                    break
        except TimeoutError:
            self.timed_out.add(rule_id)
            return []
        return out
