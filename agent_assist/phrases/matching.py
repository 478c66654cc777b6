"""Fuzzy lookup of phrases by abbreviation, text or pinyin initials (rapidfuzz).

Agents type whatever their fingers remember: the trigger (``/qr``), the pinyin initials of the
sentence (``/fcbq`` for 非常抱歉), a piece of the text (``抱歉``) — often with a typo. Keys are
computed once per library. A lookup never loops over phrases in Python: substring tests run as
one regex scan over all keys joined into a single string, prefix tests as a bisect over the
sorted triggers, typos as rapidfuzz passes in C — well under the 5 ms budget for 5,000 phrases
(see ``bench/bench_phrases.py``).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from agent_assist.phrases.frecency import bonus
from agent_assist.phrases.model import PLACEHOLDER_RE, Phrase

SEP = "\x1f"  # between keys in the joined search strings; never typed by an agent
# Fuzzy (typo) passes run only when exact and substring matching found fewer candidates than
# this: with plenty of real hits a typo guess would only add noise below them.
FUZZY_BELOW = 30
PERSONAL_BONUS = 1.0  # an agent's own wording wins a tie with the team's


def _each_char(text: str) -> Any:
    """pypinyin's ``errors`` callback: characters without a reading stay as they are, one item
    each (pypinyin accepts a list here; its annotation says ``str``)."""
    return list(text)


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    score: float  # 0-100 match quality plus a small frecency bonus
    field: str  # what matched: trigger | initials | pinyin | text | title | recent


class _KeyCache:
    """Pinyin keys of phrase texts, kept in the data dir between runs.

    pypinyin gives context-correct readings (银行 yinhang, 还款 huankuan) but loading its phrase
    dictionary costs ~45 MB and ~0.4 s. Phrase texts rarely change, so their keys are computed
    once and read back on later starts; pypinyin is imported only for a text never seen before.
    """

    VERSION = 1

    def __init__(self) -> None:
        import threading

        self._keys: dict[str, list[str]] | None = None
        self._dirty = False
        self._lock = threading.Lock()  # the phrase index is built on worker threads

    def _path(self) -> Path:
        from agent_assist.storage import cache_dir

        return cache_dir() / f"phrase-pinyin-v{self.VERSION}.json"

    def _load(self) -> dict[str, list[str]]:
        if self._keys is None:
            import json

            try:
                self._keys = json.loads(self._path().read_text(encoding="utf-8"))
                if not isinstance(self._keys, dict):
                    self._keys = {}
            except (OSError, ValueError):
                self._keys = {}
        return self._keys

    def get(self, text: str) -> tuple[str, str]:
        with self._lock:
            keys = self._load()
            hit = keys.get(text)
            if isinstance(hit, list) and len(hit) == 2:
                return hit[0], hit[1]
            value = _compute_pinyin_keys(text)
            keys[text] = list(value)
            self._dirty = True
            return value

    def save(self) -> None:
        """Write new keys back (atomically); a failure only costs recomputing next time."""
        import json
        import os

        with self._lock:
            if not self._dirty or self._keys is None:
                return
            data = json.dumps(self._keys, ensure_ascii=False)
        path = self._path()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_text(data, encoding="utf-8")
            os.replace(tmp, path)
            self._dirty = False
        except OSError:
            pass


_key_cache = _KeyCache()


def _compute_pinyin_keys(text: str) -> tuple[str, str]:
    from pypinyin import lazy_pinyin

    initials: list[str] = []
    full: list[str] = []
    for syllable in lazy_pinyin(text, errors=_each_char):
        word = "".join(ch for ch in syllable.lower() if ch.isascii() and ch.isalnum())
        if word:
            initials.append(word[0] if not word.isdigit() else word)
            full.append(word)
    return "".join(initials), "".join(full)


@lru_cache(maxsize=32768)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(initials, full pinyin) of the Chinese in ``text``, placeholders and punctuation dropped.

    ASCII letters and digits are kept as they are, so "5G套餐" gives "5gtc". Cached: pypinyin
    costs ~0.4 ms a sentence, most of an index build; with the cache, rebuilding after a personal
    phrase is saved or the KB is reloaded only pays for the texts that changed.
    """
    return _key_cache.get(PLACEHOLDER_RE.sub("", text))


def normalize_query(query: str) -> str:
    q = query.strip().lower()
    if q.startswith(("/", "／", "、")):
        q = q[1:]
    return q.strip()


class _Joined:
    """Keys joined into one string: ``str.find`` (C, fast for any script) finds every key that
    contains a query; a sorted copy answers prefix queries with a bisect."""

    def __init__(self, keys: list[str]) -> None:
        self.starts: list[int] = []
        pos = 0
        for key in keys:
            self.starts.append(pos)
            pos += len(key) + 1
        self.starts.append(pos)  # sentinel: where a key after the last would start
        self.text = SEP.join(keys)
        self.sorted = sorted((k, i) for i, k in enumerate(keys))

    def find(self, q: str) -> dict[int, int]:
        """{key index: offset of the first occurrence of ``q`` in that key}."""
        out: dict[int, int] = {}
        text, starts = self.text, self.starts
        pos = text.find(q)
        while pos != -1:
            i = bisect.bisect_right(starts, pos) - 1
            out[i] = pos - starts[i]
            pos = text.find(q, starts[i + 1])  # the rest of this key cannot add anything
        return out

    def prefixed(self, q: str) -> list[int]:
        """Indices of the keys starting with ``q``."""
        lo = bisect.bisect_left(self.sorted, (q, -1))
        out = []
        for key, i in self.sorted[lo:]:
            if not key.startswith(q):
                break
            out.append(i)
        return out


class _CharIndex:
    """Which texts contain which character — to run the (costly) fuzzy pass over Chinese text
    only on texts sharing enough of the query's characters. Characters found in more than a
    fifth of the texts (您, 的, 我 …) tell nothing and are ignored."""

    def __init__(self, texts: list[str]) -> None:
        postings: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            for ch in set(text):
                if ch.isalnum():
                    postings.setdefault(ch, []).append(i)
        common = max(20, len(texts) // 5)
        self.postings = {ch: ids for ch, ids in postings.items() if len(ids) <= common}

    def candidates(self, q: str) -> list[int]:
        chars = [ch for ch in set(q) if ch in self.postings]
        if not chars:
            return []
        need = max(1, (len(chars) + 1) // 2)
        counts: dict[int, int] = {}
        for ch in chars:
            for i in self.postings[ch]:
                counts[i] = counts.get(i, 0) + 1
        return [i for i, n in counts.items() if n >= need]


class PhraseMatcher:
    """An immutable index over a list of phrases; rebuild it when the library changes."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.phrases: list[Phrase] = list(phrases)
        self.triggers = [p.trigger for p in self.phrases]
        self.texts = [PLACEHOLDER_RE.sub("", p.text) for p in self.phrases]
        self.titles = [p.title for p in self.phrases]
        keys = [
            pinyin_keys(p.title + p.text) if p.title else pinyin_keys(p.text) for p in self.phrases
        ]
        _key_cache.save()
        self.initials = [k[0] for k in keys]
        self.full_pinyin = [k[1] for k in keys]
        self._initial_heads = [k[:16] for k in self.initials]  # typos are looked for near the start
        self._sorted_triggers = sorted((t, i) for i, t in enumerate(self.triggers))
        self._initials = _Joined(self.initials)
        self._pinyin = _Joined(self.full_pinyin)
        self._texts = _Joined(self.texts)
        self._titles = _Joined(self.titles)
        self._chars = _CharIndex(self.texts)
        self._index_of_id = {p.id: i for i, p in enumerate(self.phrases)}

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
        if not q:
            return self._recent(limit, frecency, stage)
        if q.isascii():
            self._ascii(q, best)
        else:
            self._text(q, best)
        scored = []
        for i, (score, field) in best.items():
            phrase = self.phrases[i]
            if stage and phrase.stage != stage:
                continue
            f = frecency.get(phrase.id)
            if f:
                score += bonus(f)
            if phrase.source == "personal":
                score += PERSONAL_BONUS
            scored.append((score, i, field))
        key = lambda t: (-t[0], t[1])  # noqa: E731 - library order breaks ties
        top = heapq.nsmallest(limit, scored, key=key) if limit else sorted(scored, key=key)
        return [Match(self.phrases[i], score, field) for score, i, field in top]

    def _recent(self, limit: int, frecency: Mapping[str, float], stage: str | None) -> list[Match]:
        """The empty query: most used first, then library order — without touching every phrase
        when only a page is wanted (the popup opens on "/" before anything is typed)."""
        index = self._index_of_id
        used = sorted(
            (
                (
                    50.0
                    + bonus(f)
                    + (PERSONAL_BONUS if self.phrases[index[pid]].is_personal else 0.0),
                    index[pid],
                )
                for pid, f in frecency.items()
                if f and pid in index
            ),
            key=lambda t: (-t[0], t[1]),
        )
        out = [
            Match(self.phrases[i], score, "recent")
            for score, i in used
            if not stage or self.phrases[i].stage == stage
        ]
        seen = {m.phrase.id for m in out}
        for p in self.phrases:
            if limit and len(out) >= limit:
                break
            if p.id not in seen and (not stage or p.stage == stage):
                out.append(Match(p, 50.0, "recent"))
        return out[:limit] if limit else out

    # ------------------------------------------------------------------------------------
    @staticmethod
    def _offer(best: dict[int, tuple[float, str]], i: int, score: float, field: str) -> None:
        if score > best.get(i, (0.0, ""))[0]:
            best[i] = (score, field)

    def _ascii(self, q: str, best: dict[int, tuple[float, str]]) -> None:
        n = len(q)
        offer = self._offer
        lo = bisect.bisect_left(self._sorted_triggers, (q, -1))
        for t, i in self._sorted_triggers[lo:]:
            if not t.startswith(q):
                break
            best[i] = (100.0 if t == q else 95.0 - min(5, len(t) - n - 1), "trigger")
        get = best.get
        if (
            n <= 2
        ):  # one or two letters anywhere in a sentence's initials mean nothing: prefixes only
            score = 70.0 if n == 1 else 90.0
            for i in self._initials.prefixed(q):
                if get(i, (0.0,))[0] < score:
                    best[i] = (score, "initials")
        else:
            for i, pos in self._initials.find(q).items():
                score = 90.0 if pos == 0 else 84.0
                if get(i, (0.0,))[0] < score:
                    best[i] = (score, "initials")
            for i, pos in self._pinyin.find(q).items():
                score = 80.0 if pos == 0 else 74.0
                if get(i, (0.0,))[0] < score:
                    best[i] = (score, "pinyin")
        strong = any(score >= 90.0 for score, _ in best.values())
        if (
            n >= 2 and len(best) < FUZZY_BELOW and not strong
        ):  # typos: rapidfuzz, triggers and initials
            for _, score, i in process.extract(
                q, self.triggers, scorer=fuzz.ratio, score_cutoff=66, limit=None
            ):
                offer(best, i, 60.0 + score * 0.3, "trigger")
            if n >= 3:
                for _, score, i in process.extract(
                    q, self._initial_heads, scorer=fuzz.partial_ratio, score_cutoff=75, limit=None
                ):
                    offer(best, i, score * 0.8, "initials")

    def _text(self, q: str, best: dict[int, tuple[float, str]]) -> None:
        offer = self._offer
        for i, pos in self._titles.find(q).items():
            offer(best, i, 94.0 if pos == 0 else 90.0, "title")
        get = best.get
        for i, pos in self._texts.find(q).items():
            score = 92.0 if pos == 0 else 88.0 - min(6.0, pos / 10)
            if get(i, (0.0,))[0] < score:
                best[i] = (score, "text")
        if len(q) >= 2 and len(best) < FUZZY_BELOW:
            ids = self._chars.candidates(q)
            texts = [self.texts[i] for i in ids]
            for _, score, k in process.extract(
                q, texts, scorer=fuzz.partial_ratio, score_cutoff=60, limit=None
            ):
                offer(best, ids[k], score * 0.8, "text")
