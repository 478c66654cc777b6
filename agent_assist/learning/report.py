"""What the search log tells KB owners: failed searches, reformulations, and the customers'
words each process lacks (suggested customer phrases).

A failed search is a session that ended without an open: no result at all, results but nothing
opened, or reformulated before the open (the first wording failed). Suggested phrases are the
words of queries that led agents to a process (the final query and the wordings before it)
which the process's title, keywords and customer phrases do not contain — with how many sessions
used them and example queries, for the owner to judge; nothing is written to the KB.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from agent_assist.learning.searchlog import SearchSession


@dataclass
class Suggestion:
    process_id: str
    word: str
    count: int
    examples: list[str] = field(default_factory=list)


@dataclass
class SearchReport:
    sessions: int
    zero_result_rate: float
    open_rate: float
    mean_open_rank: float
    failed: dict[str, list[tuple[str, int]]]  # kind → [(query, count)]
    chains: list[tuple[list[str], str, int]]  # (queries, opened, count)
    suggestions: dict[str, list[Suggestion]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "zero_result_rate": round(self.zero_result_rate, 4),
            "open_rate": round(self.open_rate, 4),
            "mean_open_rank": round(self.mean_open_rank, 3),
            "failed": {k: [{"query": q, "count": n} for q, n in v] for k, v in self.failed.items()},
            "chains": [{"queries": q, "opened": o, "count": n} for q, o, n in self.chains],
            "suggestions": {
                pid: [{"word": s.word, "count": s.count, "examples": s.examples} for s in lst]
                for pid, lst in self.suggestions.items()
            },
        }


def build_report(
    sessions: Iterable[SearchSession],
    names_of: Mapping[str, str],
    words_of: Callable[[str], list[str]],
    top: int = 20,
    min_count: int = 2,
) -> SearchReport:
    """``names_of``: process id → its title, keywords and customer phrases as one text (a
    suggestion is a word not in it); ``words_of`` segments a query."""
    sessions = list(sessions)
    n = len(sessions)
    zero = [s for s in sessions if s.results == 0]
    opened = [s for s in sessions if s.opened]
    ranks = [s.rank for s in opened if s.rank > 0]
    failed = {
        "no_result": Counter(s.query for s in zero),
        "no_open": Counter(s.query for s in sessions if s.results > 0 and not s.opened),
        "reformulated": Counter(s.chain[0] for s in opened if len(s.chain) > 1),
        "missing_flag": Counter(s.query for s in sessions if s.missing),
    }
    chains = Counter((tuple(s.chain), s.opened) for s in opened if len(s.chain) > 1)
    words: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in opened:
        text = names_of.get(s.opened)
        if text is None:
            continue
        seen: set[str] = set()
        for q in dict.fromkeys(s.chain or [s.query]):
            for w in words_of(q):
                if len(w) < 2 or w in text or w in seen or "*" in w:
                    continue
                seen.add(w)
                words[s.opened][w] += 1
                if len(examples[(s.opened, w)]) < 3 and q not in examples[(s.opened, w)]:
                    examples[(s.opened, w)].append(q)
    suggestions = {
        pid: [
            Suggestion(pid, w, c, examples[(pid, w)])
            for w, c in counter.most_common(10)
            if c >= min_count
        ]
        for pid, counter in sorted(words.items())
    }
    return SearchReport(
        sessions=n,
        zero_result_rate=len(zero) / n if n else 0.0,
        open_rate=len(opened) / n if n else 0.0,
        mean_open_rank=sum(ranks) / len(ranks) if ranks else 0.0,
        failed={k: c.most_common(top) for k, c in failed.items()},
        chains=[(list(q), o, c) for (q, o), c in chains.most_common(top)],
        suggestions={pid: lst for pid, lst in suggestions.items() if lst},
    )


def patch_text(report: SearchReport, titles: Mapping[str, str]) -> str:
    """The suggestions as a YAML file for review (the owner copies what fits into
    ``customer_phrases``); never applied automatically."""
    lines = [
        "# 建议补充的客户说法（来自搜索日志，请人工审核后再写入流程的 customer_phrases）",
        "# Suggested customer phrases from the search log: review, then copy what fits.",
        "suggestions:",
    ]
    for pid, lst in report.suggestions.items():
        lines.append(f"  {pid}:  # {titles.get(pid, '')}")
        for s in lst:
            ex = ", ".join(e.replace('"', "'") for e in s.examples)
            lines.append(f'    - {{word: "{s.word}", count: {s.count}, examples: "{ex}"}}')
    return "\n".join(lines) + "\n"


__all__ = ["SearchReport", "Suggestion", "build_report", "patch_text"]
