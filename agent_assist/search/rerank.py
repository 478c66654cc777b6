"""Stage 2 of a search: re-rank the candidates of stage 1 with everything.

The retrieval score, how much of the query's sound (pinyin) the title covers — rapidfuzz on
pinyin strings, which forgives input-method slips —, the share of query words in the names, an
exact keyword / customer-phrase match, how much of the query's information the rest of the
document covers, the best single name's match (field evidence over scattered evidence), the
learned signal and the caller's boosts (tier / usage)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from agent_assist.search.expansion import Expansion
from agent_assist.search.highlight import matched_terms
from agent_assist.search.hit import Hit
from agent_assist.search.learned import Scored, with_learned
from agent_assist.search.names import Names
from agent_assist.search.normalize import normalize
from agent_assist.search.query import ParsedQuery
from agent_assist.search.retrieve import Cover

NAME_TITLE = False  # the title is scored by the other signals; names here: keywords, phrases
# how the re-rank stage mixes its signals. retrieval, sound, common, dice: tuned on the ATEC dev
# queries (bench/bench_relevance.py; a titles-only KB, where the other signals are 0). cover,
# name, exact: checked on tests/fixtures/customer_queries.tsv over the sample KB alone and with
# 5,000 synthetic articles (bench/bench_mixed_kb.py), 2026-12-02: cover 0.7 won one query more
# on the sample KB but lost r@3 on longer customer wordings; kept at 0.5.
MIX = {
    "retrieval": 1.0,
    "sound": 0.35,
    "common": 0.35,
    "dice": 0.5,
    "exact": 0.6,
    "cover": 0.5,
    "name": 2.0,
}


def rerank(
    p: ParsedQuery,
    cands: list[tuple[int, float, Any]],
    limit: int,
    names: Names,
    boosts: Mapping[str, float] | None = None,
    cover: Cover | None = None,
    qidf: Mapping[str, float] | None = None,
    exp: Expansion | None = None,
    learned: Mapping[str, float] | None = None,
) -> list[Hit]:
    """The best ``limit`` of ``cands`` — (docnum, stage-1 score, stored fields) — as hits."""
    if not cands:
        return []
    top = max(score for _, score, _ in cands) or 1.0
    qbig = set(p.bigrams)
    scored: list[Scored] = []
    for docnum, score, f in cands:
        title = f.get("title_s", "")
        keys = f.get("keys_s") or ()
        sound = dice = 0.0
        if p.pinyin and not p.latin:
            tp, tbig, _ = names.title_sound(title, f.get("sound_s"))
            if len(p.pinyin) <= len(tp):
                sound = fuzz.partial_ratio(p.pinyin, tp) / 100
            else:
                sound = fuzz.ratio(p.pinyin, tp) / 100
            if qbig and tbig:
                dice = 2 * len(qbig & tbig) / (len(qbig) + len(tbig))
        common = 0.0
        if p.words:  # share of the query's words the title or a keyword / phrase contains
            text = normalize(title) + "\n" + "\n".join(keys)
            common = sum(1 for w in p.words if w in text) / len(p.words)
        key = key_match(p.text, keys, exp)
        final = (
            MIX["retrieval"] * score / top
            + MIX["sound"] * sound
            + MIX["common"] * common
            + MIX["dice"] * dice
            + MIX["exact"] * key
            + MIX["cover"] * (cover.share(docnum) if cover is not None else 0.0)
        )
        if qidf:
            name_keys = (title, *keys) if NAME_TITLE else keys
            final += MIX["name"] * names.match(qidf, name_keys, exp)
        if boosts:
            final += boosts.get(f["id"], 0.0)
        exact = normalize(title).replace(" ", "") == p.text.replace(" ", "") or key >= 1.0
        scored.append((final, f, exact, (learned or {}).get(f["id"], 0.0)))
    if learned:
        scored = with_learned(scored)
    ranked = [(final, f) for final, f, _, _ in scored]
    ranked.sort(key=lambda x: -x[0])
    return [
        Hit(
            f["id"],
            f.get("title_s", ""),
            f.get("category", ""),
            f.get("summary_s", "") or "",
            round(final, 4),
            matched_terms(p, f.get("title_s", ""), f.get("summary_s", "") or ""),
        )
        for final, f in ranked[:limit]
    ]


def key_match(query: str, keys: Sequence[str], exp: Expansion | None = None) -> float:
    """1 when the query is one of the process's keywords / customer phrases (agents' shorthand is
    deliberate), 0.5 when it contains one or is contained in one, else 0. A keyword the query
    holds only inside a longer synonym member (``exp``) does not count: 骚扰电话 is not what
    显示骚扰电话 means."""
    q = query.replace(" ", "")
    if len(q) < 2 or not keys:
        return 0.0
    best = 0.0
    for key in keys:
        if q == key:
            return 1.0
        if len(key) >= 2 and (key in q or (len(q) >= 3 and q in key)):
            if key in q and exp is not None and exp.inside_longer(key):
                continue
            best = 0.5
    return best
