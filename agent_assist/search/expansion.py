"""Synonyms at query time: the KB owners' groups (掉线 / 断网 / 网断了 …) widen a query with the
other members of every group it touches, weighted below the words the agent typed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from agent_assist.search.normalize import normalize
from agent_assist.search.query import ParsedQuery

log = logging.getLogger(__name__)

SYNONYM_WEIGHT = 0.5  # a synonym counts half a word the agent typed
MAX_EXTRA_WORDS = 48  # words the synonyms of one query may add to it


@dataclass(frozen=True)
class Expansion:
    """Synonyms a query triggered: per group, the query words inside the member it contains
    and the group's other members (their words are searched, weighted below typed words)."""

    concepts: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = ()
    words: tuple[str, ...] = ()


def load_groups(kb_dir: Path) -> tuple[tuple[str, ...], ...]:
    """The KB's synonym groups, folded like queries; none when the file is unusable (its errors
    are ``lint-kb``'s to report, search goes on without synonyms)."""
    from agent_assist.knowledge.synonyms import synonyms_for

    try:
        book = synonyms_for(kb_dir)
        groups = []
        for g in book.groups:
            members = tuple(dict.fromkeys(normalize(w).replace(" ", "") for w in g))
            if len(members) >= 2:
                groups.append(members)
        return tuple(groups)
    except Exception:
        log.exception("loading synonyms failed; searching without them")
        return ()


def expand(
    p: ParsedQuery,
    groups: tuple[tuple[str, ...], ...],
    words_of: Callable[[str], frozenset[str]],
) -> Expansion:
    """Groups whose member the query contains (网断了 in 家里网断了一直连不上), the query
    words inside that member, and the words (``words_of``) of the group's other members."""
    text = p.text.replace(" ", "")
    if not text or p.latin:
        return Expansion()
    concepts = []
    extra: dict[str, None] = {}
    for group in groups:
        hit = next((m for m in group if m in text), None)
        if hit is None:
            continue
        inside = frozenset(w for w in p.words if w in hit)
        others = tuple(m for m in group if m not in text)
        if not others:
            continue
        concepts.append((inside, others))
        for m in others:
            for w in words_of(m):
                if w not in p.words:
                    extra[w] = None
    return Expansion(tuple(concepts), tuple(extra)[:MAX_EXTRA_WORDS])
