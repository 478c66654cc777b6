"""The learned signal in ranking: wordings and words that led agents to a process before
(``agent_assist.learning.LearnedAssociations``) lift that process — bounded, gated by ambiguity,
and never above a process whose title or keyword is exactly the query."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from agent_assist.search.expansion import Expansion
from agent_assist.search.names import Names
from agent_assist.search.query import ParsedQuery

log = logging.getLogger(__name__)

# a learned wording counts like a customer phrase at LEARNED["phrase"], repeated words at
# LEARNED["word"]; LEARNED_POOL processes join the re-rank.
LEARNED = {"phrase": 0.5, "word": 1.5}
LEARNED_POOL = 10
# a learned wording must match at least this well to count; with 0.3 and a phrase weight of 2,
# learning 2,800 ATEC dev pairs lowered r@10 on other questions 0.222 → 0.216; 0.5 and 0.5: 0.220
LEARNED_MIN_MATCH = 0.5


class LearnedSource(Protocol):
    """What the Searcher asks of learned associations (``LearnedAssociations`` has it)."""

    def processes_with(self, words: Iterable[str]) -> set[str]: ...

    def phrases(self, process_id: str) -> list[tuple[str, float]]: ...

    def word_scores(self, words: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]: ...


def learned_scores(
    learned: LearnedSource | None,
    p: ParsedQuery,
    qidf: Mapping[str, float],
    exp: Expansion | None,
    names: Names,
) -> dict[str, float]:
    """Process id → learned boost for this query (empty when nothing was learned, and when the
    learned store fails: search goes on without it)."""
    if learned is None or not qidf or p.latin:
        return {}
    try:
        matches: dict[str, float] = {}
        for pid in learned.processes_with(qidf):
            best = 0.0
            for phrase, weight in learned.phrases(pid):
                best = max(best, weight * names.match(qidf, (phrase,), exp))
            if best >= LEARNED_MIN_MATCH:
                matches[pid] = best
        # gated by ambiguity: a query that matches the learned wordings of many processes
        # about equally (near-duplicate questions) says little about any one of them
        total = sum(matches.values())
        out = {pid: LEARNED["phrase"] * m * (m / total) for pid, m in matches.items()}
        for pid, share in learned.word_scores(list(qidf), qidf).items():
            out[pid] = out.get(pid, 0.0) + LEARNED["word"] * share
        return out
    except Exception:
        log.exception("learned associations unusable; searching without them")
        return {}


Scored = tuple[float, Any, bool, float]  # (score, stored fields, exact name match, learned boost)


def with_learned(scored: list[Scored]) -> list[Scored]:
    """Add each candidate's learned boost, except that it never lifts a process above one whose
    title or keyword is exactly the query and that ranked above it without learning."""
    out = []
    exact_finals = [(base, base + boost) for base, _, exact, boost in scored if exact]
    for base, f, exact, boost in scored:
        final = base + boost
        if not exact:
            caps = [ef for eb, ef in exact_finals if eb >= base]
            if caps:
                final = min(final, min(caps) - 1e-6)
        out.append((final, f, exact, boost))
    return out
