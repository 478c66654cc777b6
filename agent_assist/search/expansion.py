"""Synonyms at query time: the KB owners' groups (掉线 / 断网 / 网断了 …) widen a query with the
other members of every group it touches, weighted below the words the agent typed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from agent_assist.search.normalize import normalize
from agent_assist.search.query import ParsedQuery

log = logging.getLogger(__name__)

SYNONYM_WEIGHT = 0.5  # a synonym counts half a word the agent typed
MAX_EXTRA_WORDS = 48  # words the synonyms of one query may add to it
# particles and measure words a customer slips into a fixed phrase without changing it:
# 宽带换个地址 is 宽带换地址, 充了没到账 is 充没到账
FILLERS = "个了的一下点些"
GAPPED_MIN_CHARS = 3  # shorter members only match as written (没网 is not 没了网)


@dataclass(frozen=True)
class Expansion:
    """Synonyms a query triggered: per group, the query words inside the member it contains
    and the group's other members (their words are searched, weighted below typed words)."""

    concepts: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = ()
    words: tuple[str, ...] = ()
    said: tuple[str, ...] = ()  # the members found in the query, longest readings only

    def inside_longer(self, phrase: str) -> bool:
        """Whether ``phrase`` is only part of a longer synonym member the query holds (骚扰电话
        in 显示骚扰电话): then the query does not say ``phrase`` on its own."""
        return any(phrase in m and len(m) > len(phrase) for m in self.said)


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
    words inside that member, and the words (``words_of``) of the group's other members.

    The longest reading wins: a member found inside a longer member of another group at the
    same place does not trigger its own group — 显示骚扰电话 (being marked as a nuisance caller)
    is not 骚扰电话 (receiving nuisance calls)."""
    text = p.text.replace(" ", "")
    if not text or p.latin:
        return Expansion()
    found: list[tuple[tuple[int, int], str, tuple[str, ...]]] = []
    starts = _groups_by_first_char(groups)
    # a member is found only where its first character is (as written or gapped): the groups
    # with no member starting with one of the query's characters are not looked at
    for i in sorted({i for c in {"", *text} for i in starts.get(c, ())}):
        group = groups[i]
        spans = [(span, m) for m in group if (span := _find(m, text)) is not None]
        if spans:
            span, hit = max(spans, key=lambda x: x[0][1] - x[0][0])
            found.append((span, hit, group))
    concepts = []
    said = []
    extra: dict[str, None] = {}
    for (start, end), hit, group in found:
        if any(s <= start and end <= e and e - s > end - start for (s, e), _, _ in found):
            continue  # part of a longer member of another group
        said.append(hit)
        inside = frozenset(w for w in p.words if w in hit)
        others = tuple(m for m in group if m not in text)
        if not others:
            continue
        concepts.append((inside, others))
        for m in others:
            for w in words_of(m):
                if w not in p.words:
                    extra[w] = None
    return Expansion(tuple(concepts), tuple(extra)[:MAX_EXTRA_WORDS], tuple(said))


def _find(member: str, text: str) -> tuple[int, int] | None:
    """Where ``member`` is in ``text``: as written, else with fillers (see :func:`_gapped`)."""
    at = text.find(member)
    if at >= 0:
        return at, at + len(member)
    if len(member) < GAPPED_MIN_CHARS or member[0] not in text:
        return None
    return _gapped(member, text)


def _gapped(member: str, text: str) -> tuple[int, int] | None:
    """The leftmost place where ``member`` is written with at most one filler (``FILLERS``)
    between two of its characters, as the regular expression ``c1[F]?c2[F]?…cn`` would find
    it (a filler taken where one can be). Plain Python instead of that expression: compiling
    one per member cost ~1 ms each, on the first query that came near it."""
    start = text.find(member[0])
    while start >= 0:
        end = _gapped_end(member, text, 0, start)
        if end is not None:
            return start, end
        start = text.find(member[0], start + 1)
    return None


def _gapped_end(member: str, text: str, i: int, pos: int) -> int | None:
    """Where ``member[i:]`` ends if it is written from ``text[pos]`` on, fillers allowed (a
    module function, not a closure: a recursive closure is a reference cycle per call, left for
    the garbage collector)."""
    if pos >= len(text) or text[pos] != member[i]:
        return None
    if i == len(member) - 1:
        return pos + 1
    if pos + 1 < len(text) and text[pos + 1] in FILLERS:
        end = _gapped_end(member, text, i + 1, pos + 2)
        if end is not None:
            return end
    return _gapped_end(member, text, i + 1, pos + 1)


@lru_cache(maxsize=8)
def _groups_by_first_char(groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[int, ...]]:
    """For each character, the groups (by index) with a member starting with it (``""``: an
    empty member, which any text holds)."""
    out: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        for c in dict.fromkeys(m[:1] for m in group):
            out.setdefault(c, []).append(i)
    return {c: tuple(ids) for c, ids in out.items()}
