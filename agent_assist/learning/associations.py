"""Learned associations: the customers' words that led agents to a process become a ranking
signal for it.

Sources: search sessions that ended in an open (final query and its reformulations → the opened
process), submitted notes (the customer's words → the related processes) and ``learn --from-tsv``
(query TAB process id, as a centre exports from its previous system).

Two views of what was learned, both handed to the Searcher (which never imports this package):

* **phrases** — each learned wording is kept as an extra, lower-weight customer phrase of its
  process; the re-rank scores it like the process's own phrases (IDF-weighted share of the
  query's words, times the share of the phrase's words the query has), so a new wording that
  shares most of the informative words of a learned one finds the process.
* **words** — word → process evidence, P(process | word) shrunk by how often the word was seen
  and decayed by age; only words seen with the process at least ``MIN_WORD_COUNT`` times count,
  so one stray wording does not move unrelated queries (ATEC: learning the dev pairs must not
  lower recall on other questions).

Bounded (the Searcher caps the boost and never lets it lift a process above an exact title or
keyword match), decaying (half-life ``HALF_LIFE_DAYS``), and reset per process.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from agent_assist.storage import Database, Migrations, migrate

# (process → learned phrases, word → {process: strength}, word → processes)
_Loaded = tuple[
    dict[str, list[tuple[str, float]]], dict[str, dict[str, float]], dict[str, set[str]]
]

migrations = Migrations("learning_assoc")

HALF_LIFE_DAYS = 180.0
MIN_WORD_COUNT = 2.0  # "repeatedly": a word must have led to the process twice (decayed count)
MAX_PHRASES = 40  # per process: the newest learned wordings


@migrations()
def m001_learned(db: Database) -> None:
    db.table("learned_phrase").create(
        {"process_id": str, "phrase": str, "weight": float, "updated": float, "source": str},
        pk=("process_id", "phrase"),
    )
    db.table("learned_phrase").create_index(["process_id"])


def _decayed(weight: float, updated: float, now: float) -> float:
    factor: float = 0.5 ** (max(0.0, now - updated) / (HALF_LIFE_DAYS * 86400))
    return weight * factor


class LearnedAssociations:
    """What was learned, in the app database; ``words_of`` segments a text (the search
    analyzer's words, injected so the learning store needs no index)."""

    def __init__(
        self,
        db: Database,
        words_of: Callable[[str], list[str]] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.clock = clock
        if words_of is None:
            from agent_assist.search import analyzer

            def words_of(text: str) -> list[str]:
                return analyzer.words(text)

        self.words_of = words_of
        migrate(db, migrations)
        self._cache: _Loaded | None = None

    # -- learning ------------------------------------------------------------------------------
    def add(self, phrase: str, process_id: str, source: str = "log", weight: float = 1.0) -> None:
        phrase = " ".join((phrase or "").split())[:200]
        if not phrase or not process_id:
            return
        now = self.clock()
        table = self.db.table("learned_phrase")
        try:
            row = table.get((process_id, phrase))
            weight += _decayed(row["weight"], row["updated"], now)
        except Exception:
            pass
        table.upsert(
            {
                "process_id": process_id,
                "phrase": phrase,
                "weight": weight,
                "updated": now,
                "source": source,
            },
            pk=("process_id", "phrase"),
        )
        self._cache = None

    def reset(self, process_id: str | None = None) -> int:
        """Forget what was learned for ``process_id`` (all processes when None)."""
        if process_id is None:
            cur = self.db.execute("DELETE FROM learned_phrase")
        else:
            cur = self.db.execute("DELETE FROM learned_phrase WHERE process_id = ?", [process_id])
        self._cache = None
        return cur.rowcount or 0

    def count(self) -> int:
        return self.db.table("learned_phrase").count

    # -- what the Searcher asks ----------------------------------------------------------------
    def _load(self) -> _Loaded:
        if self._cache is not None:
            return self._cache
        now = self.clock()
        phrases: dict[str, list[tuple[str, float]]] = defaultdict(list)
        word_pid: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        by_word: dict[str, set[str]] = defaultdict(set)  # word → processes with a phrase having it
        for row in self.db.query(
            "SELECT process_id, phrase, weight, updated FROM learned_phrase ORDER BY updated DESC"
        ):
            w = _decayed(row["weight"], row["updated"], now)
            pid = row["process_id"]
            if len(phrases[pid]) < MAX_PHRASES:
                phrases[pid].append((row["phrase"], min(1.0, w)))
            for word in set(self.words_of(row["phrase"])):
                word_pid[word][pid] += w
                by_word[word].add(pid)
        words: dict[str, dict[str, float]] = {}
        for word, per in word_pid.items():
            total = sum(per.values())
            strong = {
                pid: (c / total) * (c / (c + 1.0)) for pid, c in per.items() if c >= MIN_WORD_COUNT
            }
            if strong:
                words[word] = strong
        self._cache = (dict(phrases), words, dict(by_word))
        return self._cache

    def processes_with(self, words: Iterable[str]) -> set[str]:
        """Processes with a learned wording that shares a word with ``words``."""
        by_word = self._load()[2]
        out: set[str] = set()
        for w in words:
            out |= by_word.get(w, set())
        return out

    def phrases(self, process_id: str) -> list[tuple[str, float]]:
        """Learned wordings of the process with their (decayed, at most 1) weights."""
        return self._load()[0].get(process_id, [])

    def processes(self) -> list[str]:
        return list(self._load()[0])

    def word_scores(self, words: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]:
        """Process → share (0..1) of the query's information its repeated words point to."""
        table = self._load()[1]
        total = sum(idf.get(w, 0.0) for w in words) or 0.0
        if total <= 0:
            return {}
        out: dict[str, float] = defaultdict(float)
        for w in words:
            for pid, strength in table.get(w, {}).items():
                out[pid] += idf.get(w, 0.0) * strength / total
        return {pid: min(1.0, v) for pid, v in out.items()}


def learn_pairs(
    assoc: LearnedAssociations,
    pairs: Iterable[tuple[str, str]],
    known: set[str] | None = None,
    source: str = "tsv",
) -> tuple[int, list[str]]:
    """Learn (query, process id) pairs; returns (learned, unknown ids in input order)."""
    learned = 0
    unknown: list[str] = []
    for query, pid in pairs:
        if known is not None and pid not in known:
            unknown.append(pid)
            continue
        assoc.add(query, pid, source)
        learned += 1
    return learned, unknown


__all__ = ["HALF_LIFE_DAYS", "LearnedAssociations", "learn_pairs"]
