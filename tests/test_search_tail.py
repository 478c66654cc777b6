"""The weak tail of a ranked list is cut in the core (no Qt): the first five always stay."""

from __future__ import annotations

from dataclasses import dataclass

from agent_assist.search import strong_hits


@dataclass(frozen=True)
class Scored:
    pid: str
    score: float


def test_strong_hits_keeps_the_first_five_and_drops_the_weak():
    def entry(i, score):
        return Scored(f"p{i}", score)

    scores = [2.0, 1.9, 0.3, 0.2, 0.2, 0.1, 1.0, 0.5, 0.6]
    kept = strong_hits([entry(i, sc) for i, sc in enumerate(scores)])
    assert [e.pid for e in kept] == ["p0", "p1", "p2", "p3", "p4", "p6", "p8"]
    assert strong_hits([entry(0, 1.0), entry(1, 0.01)]) == [entry(0, 1.0), entry(1, 0.01)]
    assert len(strong_hits([entry(i, 0.0) for i in range(8)])) == 8  # no scores: nothing to cut
