"""Learned associations: the customers' words that led agents to a process become a ranking
signal for it.

Sources: search sessions that ended in an open (final query and its reformulations → the opened
process), submitted notes (the customer's words → the related processes) and ``learn --from-tsv``
(query TAB process id, as a centre exports from its previous system).

Why not remember wordings: another customer says the same need in other words, sharing a word or
two with the learned ones (宽带一到晚上就卡 / 家里宽带网速慢), rarely the sentence. So every learned
wording is broken into *features* — its words, weighted by how rare they are in everyday Chinese
(``background``: 宽带 counts, 结果 does not; amounts never), and its Chinese characters (留着 /
留住 and 断网 / 网断 meet on them) — and each (feature, process) pair gets an association strength:

* ``concentration`` = c(f, p) / (c(f) + ALPHA): how much of the feature's learned mass (decayed
  counts) is on this process, smoothed so a feature seen once is not certainty;
* ``specificity`` = how few processes the feature was learned with (an IDF over the learned
  processes, 0..1): a word spread over many processes (手机, 怎么, 花呗 on ATEC) adds nothing —
  that is what keeps near-duplicate questions (ATEC) from being pulled to another's process.

A query's evidence for a process is the sum of specificity × concentration over the features it
shares with the process's learned wordings (:meth:`LearnedAssociations.scores`); how that turns
into a bounded boost, and how it is kept below an exact title / keyword match, is the search
side's business (``agent_assist.search.learned``). Counts decay (half-life ``HALF_LIFE_DAYS``);
``reset`` forgets one process.
"""

from __future__ import annotations

import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from agent_assist.search.normalize import is_cjk, normalize
from agent_assist.storage import Database, Migrations, migrate

migrations = Migrations("learning_assoc")

# Every Chinese character is a feature too (``c:``), so inflected and re-worded forms meet; the
# specificity over the learned processes decides what a character is worth (的, 我, 卡 spread over
# many processes: nothing). Tuned on held-out wording halves: at 0.3 the characters were noise,
# at 1.5 they also spread the evidence of a coincidental shared word (fewer wrong first places).
CHAR_WEIGHT = 1.5
FUNCTION_CHARS = frozenset(
    "的了吗呢吧啊呀嘛哦我你他她它们是在有不没要想就都也还和跟这那个一怎么什么为啥"
)

# amounts and counts (五十, 十块, 一百多, 58, 两年) say how much, not which need
_AMOUNT = re.compile(r"[0-9零〇一二两三四五六七八九十百千万几多块元毛角个月天年次]+")

HALF_LIFE_DAYS = 180.0
ALPHA = 0.5  # smoothing of concentration: seen once with one process → 1 / 1.5
MIN_PROCESSES = 40  # specificity is measured as if at least this many processes were learned
# background specificity from jieba's word frequencies: at most RARE_FREQ counts fully, from
# COMMON_FREQ on nothing (宽带 259, 违约金 105 count; 结果 13,963, 怎么 27,339 do not)
RARE_FREQ = 300.0
COMMON_FREQ = 10000.0
# a feature learned with so many processes that its specificity is below this says nothing (and
# is not worth the time: 花呗 on ATEC was learned with 1,000 processes)
MIN_SPECIFICITY = 0.2
MAX_PHRASES = 40  # per process: the newest learned wordings (for reports and the GUI)


@migrations()
def m001_learned(db: Database) -> None:
    db.table("learned_phrase").create(
        {"process_id": str, "phrase": str, "weight": float, "updated": float, "source": str},
        pk=("process_id", "phrase"),
    )
    db.table("learned_phrase").create_index(["process_id"])


@migrations()
def m002_background(db: Database) -> None:
    """The background specificity of every learned word, worked out when it is learned: a search
    then never loads jieba's full dictionary (seconds and 60+ MB) to weigh a word."""
    db.table("learned_background").create({"word": str, "weight": float}, pk="word")


def _decayed(weight: float, updated: float, now: float) -> float:
    factor: float = 0.5 ** (max(0.0, now - updated) / (HALF_LIFE_DAYS * 86400))
    return weight * factor


@dataclass(frozen=True)
class Evidence:
    """What a query's features say about one process: ``strength`` is the sum of specificity ×
    concentration over the shared features (in shared-specific-word units); ``share`` the part of
    all the query's learned evidence that points here (1: nothing else was learned like it)."""

    strength: float
    share: float
    features: tuple[str, ...] = ()


@dataclass
class _Model:
    phrases: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    by_feature: dict[str, dict[str, float]] = field(default_factory=dict)  # f → {pid: c(f, p)}
    specificity: dict[str, float] = field(default_factory=dict)  # f → 0..1


class LearnedAssociations:
    """What was learned, in the app database; ``words_of`` segments a text (the search
    analyzer's words, injected so the learning store needs no index; ``freq_of`` a word's
    frequency in general Chinese, jieba's dictionary by default)."""

    def __init__(
        self,
        db: Database,
        words_of: Callable[[str], list[str]] | None = None,
        clock: Callable[[], float] = time.time,
        freq_of: Callable[[str], float] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        from agent_assist.search import analyzer

        if words_of is None:

            def words_of(text: str) -> list[str]:
                return analyzer.words(text)

        self.words_of = words_of
        self.freq_of = freq_of or analyzer.word_frequency
        self._background: dict[str, float] = {}
        migrate(db, migrations)
        self._cache: _Model | None = None

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

    def forget_cache(self) -> None:
        """Re-read the store on the next question (after writing to it behind this object)."""
        self._cache = None

    # -- features ------------------------------------------------------------------------------
    def features(self, text: str) -> dict[str, float]:
        """A text's features with their weights: its words (search-mode words, so 违约金 also
        gives 违约) weighted by how specific they are in the language at large (``background``),
        and its Chinese characters (``c:`` + character, ``CHAR_WEIGHT``)."""
        weights = {f: self.weight(f) for f in self.feature_keys(text)}
        return {f: v for f, v in weights.items() if v > 0}

    def feature_keys(self, text: str) -> list[str]:
        """The features of a text without their weights (cheap: no dictionary look-up)."""
        norm = normalize(text or "")
        keys = [w for w in self.words_of(norm) if not _AMOUNT.fullmatch(w)]
        # 留着 / 留住, 欠着 / 欠了, 一卡一卡 / 就卡: the same need in other words
        keys += [
            "c:" + ch
            for ch in norm
            if is_cjk(ch) and ch not in FUNCTION_CHARS and not _AMOUNT.fullmatch(ch)
        ]
        return list(dict.fromkeys(keys))

    def weight(self, feature: str) -> float:
        if feature.startswith("c:"):
            return CHAR_WEIGHT
        bg = self.background(feature)
        return bg * 0.5 if len(feature) == 1 else bg

    def background(self, word: str) -> float:
        """0..1: 1 for a word rare in general Chinese (宽带, 违约金, wifi), 0 for an everyday one
        (结果, 附近, 怎么) — from jieba's dictionary frequency."""
        v = self._background.get(word)
        if v is None:
            v = self._background[word] = background_specificity(word, self.freq_of)
        return v

    def _load(self) -> _Model:
        if self._cache is not None:
            return self._cache
        now = self.clock()
        phrases: dict[str, list[tuple[str, float]]] = defaultdict(list)
        by_feature: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for row in self.db.query(
            "SELECT process_id, phrase, weight, updated FROM learned_phrase ORDER BY updated DESC"
        ):
            w = _decayed(row["weight"], row["updated"], now)
            pid = row["process_id"]
            if len(phrases[pid]) < MAX_PHRASES:
                phrases[pid].append((row["phrase"], min(1.0, w)))
            for f in self.feature_keys(row["phrase"]):
                by_feature[f][pid] += w
        self._weigh_words([f for f in by_feature if not f.startswith("c:")])
        n = max(MIN_PROCESSES, len(phrases))
        top = math.log(1.0 + n)
        specificity = {f: math.log(1.0 + n / len(per)) / top for f, per in by_feature.items()}
        self._cache = _Model(
            dict(phrases), {f: dict(per) for f, per in by_feature.items()}, specificity
        )
        return self._cache

    def _weigh_words(self, words: list[str]) -> None:
        """Background weights of the learned words: from the database, the missing ones worked
        out (jieba's dictionary) and stored — by ``learn``, which calls :meth:`prepare`."""
        table = self.db.table("learned_background")
        if not self._background:
            self._background.update(
                (row["word"], row["weight"])
                for row in self.db.query("SELECT word, weight FROM learned_background")
            )
        missing = [w for w in words if w not in self._background]
        if not missing:
            return
        for w in missing:
            self.background(w)
        try:
            table.upsert_all(
                [{"word": w, "weight": self._background[w]} for w in missing], pk="word"
            )
        except Exception:  # a read-only or locked store: weighed again next time
            pass

    def prepare(self) -> None:
        """Work out everything a search will ask (after learning, in the learning process)."""
        self._cache = None
        self._load()

    # -- what the Searcher asks ----------------------------------------------------------------
    def scores(self, text: str) -> dict[str, Evidence]:
        """Process id → the query's learned evidence for it (processes with none are absent)."""
        model = self._load()
        if not model.by_feature:
            return {}
        strength: dict[str, float] = defaultdict(float)
        shared: dict[str, list[str]] = defaultdict(list)
        for f in self.feature_keys(text):
            per = model.by_feature.get(f)
            if not per:
                continue
            weight = self.weight(f)  # a learned word: its weight is known (no dictionary)
            if weight <= 0:
                continue
            spec = model.specificity[f]
            if spec < MIN_SPECIFICITY:
                continue
            total = sum(per.values()) + ALPHA
            for pid, c in per.items():
                strength[pid] += weight * spec * c / total
                shared[pid].append(f)
        mass = sum(strength.values())
        if mass <= 0:
            return {}
        return {
            pid: Evidence(v, v / mass, tuple(dict.fromkeys(shared[pid])))
            for pid, v in strength.items()
        }

    def phrases(self, process_id: str) -> list[tuple[str, float]]:
        """Learned wordings of the process with their (decayed, at most 1) weights."""
        return self._load().phrases.get(process_id, [])

    def processes(self) -> list[str]:
        return list(self._load().phrases)


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


__all__ = ["HALF_LIFE_DAYS", "Evidence", "LearnedAssociations", "learn_pairs"]


def background_specificity(word: str, freq_of: Callable[[str], float]) -> float:
    """0..1: how specific ``word`` is in general Chinese by its dictionary frequency
    (``freq_of``): 1 up to RARE_FREQ (宽带 259, 违约金 105), 0 from COMMON_FREQ on (结果 13,963,
    怎么 27,339), log-linear between. Used by the learned signal and by the search report's
    suggested phrases alike."""
    freq = max(1.0, float(freq_of(word)))
    return min(1.0, max(0.0, math.log(COMMON_FREQ / freq) / math.log(COMMON_FREQ / RARE_FREQ)))


def is_amount(word: str) -> bool:
    """An amount or count (五十, 十块, 一百多, 58, 两年): says how much, not which need."""
    return bool(_AMOUNT.fullmatch(word))
