"""The learned signal in ranking: the words and characters of wordings that led agents to a
process before (``agent_assist.learning.LearnedAssociations``) lift that process — bounded, gated
by ambiguity, re-ordering the best few candidates unless strong, and never above a process whose
title or keyword is exactly the query."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any, Protocol

from agent_assist.search.query import ParsedQuery

log = logging.getLogger(__name__)

# The learned boost of a process: LEARNED_MAX × (1 − exp(−strength / LEARNED_SCALE)) × share, for
# a strength of at least LEARNED_MIN (strength: shared specific features, see LearnedSource.scores;
# share: the part of the query's learned evidence on this process). LEARNED_MAX is about what a
# customer-phrase match is worth in the re-rank (rerank.MIX["name"] = 2.0 × a 0..1 match): enough to
# lift a process from rank 2–5 to 1, and the LEARNED_POOL strongest join the re-rank even when
# stage 1 missed them. A query whose learned evidence is spread over many processes (ATEC's
# near-duplicate questions) gets little from any of them.
LEARNED_MAX = 1.5
LEARNED_SCALE = 1.0
LEARNED_MIN = 0.3
LEARNED_POOL = 5
LEARNED_REACH = 5  # candidates (by score without learning) a learned boost may re-order
LEARNED_JOIN = 1.0  # a boost that lifts a process from beyond them


class Evidence(Protocol):
    """A query's learned evidence for one process (``learning.Evidence`` has it)."""

    @property
    def strength(self) -> float: ...

    @property
    def share(self) -> float: ...


class LearnedSource(Protocol):
    """What the Searcher asks of learned associations (``LearnedAssociations`` has it)."""

    def scores(self, text: str) -> Mapping[str, Evidence]: ...


def learned_scores(
    learned: LearnedSource | None,
    p: ParsedQuery,
    qidf: Mapping[str, float] | None = None,
    exp: object = None,
    names: object = None,
) -> dict[str, float]:
    """Process id → learned boost for this query (empty when nothing was learned, and when the
    learned store fails: search goes on without it). ``qidf``, ``exp`` and ``names`` are not
    needed any more (the learned wordings are matched by their own features, not as customer
    phrases); kept so the Searcher's call stays as it was."""
    if learned is None or not p.text or p.latin:
        return {}
    try:
        out = {}
        for pid, ev in learned.scores(p.text).items():
            if ev.strength >= LEARNED_MIN:
                saturation = 1.0 - math.exp(-ev.strength / LEARNED_SCALE)
                out[pid] = LEARNED_MAX * saturation * ev.share
        return out
    except Exception:
        log.exception("learned associations unusable; searching without them")
        return {}


Scored = tuple[float, Any, bool, float]  # (score, stored fields, exact name match, learned boost)


def with_learned(scored: list[Scored]) -> list[Scored]:
    """Add each candidate's learned boost where it may act: in full to the LEARNED_REACH best
    candidates without learning (it re-orders what search already found plausible: rank 2–5 → 1),
    beyond them only a boost of at least LEARNED_JOIN (several specific learned words: the
    process joins the top even when search missed it). It never lifts a process above one whose
    title or keyword is exactly the query and that ranked above it without learning."""
    out = []
    order = sorted(range(len(scored)), key=lambda i: -scored[i][0])
    within = set(order[:LEARNED_REACH])
    exact_finals = [(base, base + boost) for base, _, exact, boost in scored if exact]
    for i, (base, f, exact, boost) in enumerate(scored):
        if i not in within and boost < LEARNED_JOIN:
            boost = 0.0
        final = base + boost
        if not exact:
            caps = [ef for eb, ef in exact_finals if eb >= base]
            if caps:
                final = min(final, min(caps) - 1e-6)
        out.append((final, f, exact, boost))
    return out
