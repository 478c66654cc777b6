"""Fuzzy lookup of phrases by abbreviation, text or pinyin initials (rapidfuzz).

Agents type whatever their fingers remember: the trigger (``/qr``), the pinyin initials of the
sentence (``/fcbq`` for 非常抱歉), a piece of the text (``抱歉``) — often with a typo. Keys are
computed once per library; a lookup is a few C-level rapidfuzz passes plus cheap substring tests,
well under the 5 ms budget for 5,000 phrases (see ``bench/bench_phrases.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz, process

from agent_assist.phrases.frecency import bonus
from agent_assist.phrases.model import PLACEHOLDER_RE, Phrase


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    score: float  # 0-100 match quality plus a small frecency bonus
    field: str  # what matched: trigger | initials | pinyin | text | title | recent


def pinyin_keys(text: str) -> tuple[str, str]:
    """(initials, full pinyin) of the Chinese in ``text``, placeholders and punctuation dropped.

    ASCII letters and digits are kept as they are, so "5G套餐" gives "5gtc".
    """
    text = PLACEHOLDER_RE.sub("", text)
    initials: list[str] = []
    full: list[str] = []
    for syllable in lazy_pinyin(text, errors=lambda s: list(s)):
        word = "".join(ch for ch in syllable.lower() if ch.isascii() and ch.isalnum())
        if word:
            initials.append(word[0] if not word.isdigit() else word)
            full.append(word)
    return "".join(initials), "".join(full)


def normalize_query(query: str) -> str:
    q = query.strip().lower()
    if q.startswith(("/", "／", "、")):
        q = q[1:]
    return q.strip()


class PhraseMatcher:
    """An immutable index over a list of phrases; rebuild it when the library changes."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.phrases: list[Phrase] = list(phrases)
        self.triggers = [p.trigger for p in self.phrases]
        self.texts = [PLACEHOLDER_RE.sub("", p.text) for p in self.phrases]
        self.titles = [p.title for p in self.phrases]
        keys = [pinyin_keys(p.title + p.text) if p.title else pinyin_keys(p.text) for p in self.phrases]
        self.initials = [k[0] for k in keys]
        self.full_pinyin = [k[1] for k in keys]

    def __len__(self) -> int:
        return len(self.phrases)

    def search(
        self,
        query: str,
        limit: int = 20,
        frecency: Mapping[str, float] | None = None,
        stage: str | None = None,
    ) -> list[Match]:
        """Best matches first. An empty query lists the most used (frecency) phrases first."""
        frecency = frecency or {}
        q = normalize_query(query)
        best: dict[int, tuple[float, str]] = {}

        def offer(i: int, score: float, field: str) -> None:
            if score > best.get(i, (0.0, ""))[0]:
                best[i] = (score, field)

        if not q:
            for i, p in enumerate(self.phrases):
                offer(i, 50.0, "recent")
        elif q.isascii():
            self._ascii(q, offer)
        else:
            self._text(q, offer)
        out: list[Match] = []
        for i, (score, field) in best.items():
            phrase = self.phrases[i]
            if stage and phrase.stage != stage:
                continue
            out.append(Match(phrase, score + bonus(frecency.get(phrase.id, 0.0)), field))
        out.sort(key=lambda m: -m.score)  # stable: library order breaks ties
        return out[:limit] if limit else out

    # ------------------------------------------------------------------------------------
    def _ascii(self, q: str, offer) -> None:
        n = len(q)
        for i, t in enumerate(self.triggers):
            if t == q:
                offer(i, 100.0, "trigger")
            elif t.startswith(q):
                offer(i, 95.0 - min(5, len(t) - n - 1), "trigger")
        for i, ini in enumerate(self.initials):
            if ini.startswith(q):
                offer(i, 90.0 if n > 1 else 70.0, "initials")
            elif n > 1 and q in ini:
                offer(i, 84.0, "initials")
        if n >= 3:
            for i, full in enumerate(self.full_pinyin):
                if q in full:
                    offer(i, 80.0 if full.startswith(q) else 74.0, "pinyin")
        if n >= 2:  # typos: rapidfuzz over triggers and initials
            for _, score, i in process.extract(q, self.triggers, scorer=fuzz.ratio, score_cutoff=66, limit=None):
                offer(i, 60.0 + score * 0.3, "trigger")
            if n >= 3:
                for _, score, i in process.extract(
                    q, self.initials, scorer=fuzz.partial_ratio, score_cutoff=75, limit=None
                ):
                    offer(i, score * 0.8, "initials")

    def _text(self, q: str, offer) -> None:
        for i, (title, text) in enumerate(zip(self.titles, self.texts)):
            if q in title:
                offer(i, 94.0 if title.startswith(q) else 90.0, "title")
            pos = text.find(q)
            if pos != -1:
                offer(i, 92.0 if pos == 0 else 88.0 - min(6.0, pos / 10), "text")
        if len(q) >= 2:
            for _, score, i in process.extract(q, self.texts, scorer=fuzz.partial_ratio, score_cutoff=60, limit=None):
                offer(i, score * 0.8, "text")
