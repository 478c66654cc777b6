"""Cutting the weak tail of a ranked list: hits far weaker than the best one are noise to an agent
scanning mid-call, but a short list of weak matches is still better than an empty one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

# hits under WEAK_RATIO × the best score go, except that the first MIN_HITS always stay
WEAK_RATIO = 0.28
MIN_HITS = 5


class Scored(Protocol):
    @property
    def score(self) -> float: ...


S = TypeVar("S", bound=Scored)


def strong_hits(entries: Sequence[S], ratio: float = WEAK_RATIO, keep: int = MIN_HITS) -> list[S]:
    """Entries in rank order without the weak tail: those scoring under ``ratio`` × the top
    score go, except that the first ``keep`` always stay. Anything with a ``score`` works."""
    if len(entries) <= keep:
        return list(entries)
    top = max(e.score for e in entries)
    if top <= 0:
        return list(entries)
    floor = top * ratio
    return [e for i, e in enumerate(entries) if i < keep or e.score >= floor]
