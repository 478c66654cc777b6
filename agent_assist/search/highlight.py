"""Which stretches of a title or summary a query matched, for highlighting in the result list:
the query's words and any two characters that sound like a query bigram (homophone slips)."""

from __future__ import annotations

from collections.abc import Sequence

from agent_assist.search import analyzer
from agent_assist.search.normalize import is_cjk, normalize
from agent_assist.search.query import ParsedQuery


def matched_terms(p: ParsedQuery, *texts: str) -> tuple[str, ...]:
    """Stretches of ``texts`` the query matched, merged: its words, and any two characters whose
    sound equals a query bigram (so 话废余额 highlights 话费余额 in the title, as one stretch).
    Single characters count only while the query itself is that short (the first keystroke)."""
    found: list[str] = []
    bigrams = set(p.bigrams)
    short = len(p.text.replace(" ", "")) <= 2
    words = [w for w in p.words if len(w) >= 2 or short]
    for text in texts:
        norm = normalize(text)
        if len(norm) != len(text):  # folding changed the length: match on the lower-cased text
            norm = text.lower()
        covered = [False] * len(norm)
        sound = analyzer.text_readings(norm)
        for w in words:
            start = norm.find(w)
            while start != -1:
                covered[start : start + len(w)] = [True] * len(w)
                start = norm.find(w, start + 1)
        for i in range(len(norm) - 1):
            a, b = norm[i], norm[i + 1]
            if is_cjk(a) and is_cjk(b) and f"{sound[i]}_{sound[i + 1]}" in bigrams:
                covered[i] = covered[i + 1] = True
        i = 0
        while i < len(norm):
            if covered[i]:
                j = i
                while j < len(norm) and covered[j]:
                    j += 1
                if norm[i:j].strip() and norm[i:j] not in found:
                    found.append(norm[i:j])
                i = j
            else:
                i += 1
    return tuple(found)


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``terms`` in ``text``, longest match first.

    Matching is done on the folded text (Traditional, full-width, case), whose length equals the
    original's for CJK text, so spans index the original string.
    """
    if not text or not terms:
        return []
    folded = normalize(text) if len(normalize(text)) == len(text) else text.lower()
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                for i in range(start, end):
                    taken[i] = True
            start = folded.find(term, end)
    return sorted(spans)
