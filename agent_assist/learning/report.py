"""What the search log tells KB owners: failed searches, reformulations, and the customers'
words each process lacks (suggested customer phrases).

A failed search is a session that ended without an open: no result at all, results but nothing
opened, or reformulated before the open (the first wording failed). Suggested phrases are the
words of queries that led agents to a process (the final query and the wordings before it)
which the process's title, keywords and customer phrases do not contain — with how many sessions
used them and example queries, for the owner to judge; nothing is written to the KB.

Two steps, so the team report (``team/search_report.py``) gives the same answer from SQL: the
sessions are first reduced to :class:`SearchAggregates` (counts, top lists, and each distinct
(opened process, query chain) with its sessions), here in Python or there in PostgreSQL; then
:func:`report_from` segments the chains and compares them with the KB — the only step that needs
jieba and the KB, and it runs on the small aggregated rows. Ties are ordered by code point, a
chain as a list (the server's columns are ``COLLATE "C"`` text and text arrays, which compare the
same way), so both sides list the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent_assist.learning.associations import background_specificity, is_amount
from agent_assist.learning.searchlog import SearchSession, load_sessions
from agent_assist.search.analytics import FAILED_KINDS, SearchAggregates
from agent_assist.storage import Database

if TYPE_CHECKING:
    from agent_assist.knowledge import KnowledgeBase

PATCH_FILE = "search-suggestions.yaml"
# a word is suggested for a process only when more than this share of the sessions that used it
# opened that process: a word that leads agents everywhere (办理, 取消, 手机号) is nobody's phrase
SPREAD_SHARE = 1 / 3
# words below this specificity in general Chinese are everyday words (家里 0.13, 手机 0.21,
# 不用 0.36; 信号 0.41 and 宽带 1.0 stay), see ``associations.background_specificity``
MIN_BACKGROUND = 0.4
# what callers say around every need; rare in written Chinese, so the dictionary lets them through
SPOKEN_FILLERS = frozenset(
    [
        "怎么办",
        "怎么回事",
        "怎么样",
        "为什么",
        "为啥",
        "是不是",
        "能不能",
        "可不可以",
        "可以",
        "请问",
        "你好",
        "您好",
        "麻烦",
        "帮忙",
        "谢谢",
        "知道",
        "的话",
        "就是",
        "那个",
        "这个",
        "然后",
        "现在",
        "一直",
        "还是",
        "到底",
        "一下",
    ]
)


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


@dataclass
class SearchFilter:
    """Which sessions a report covers: start day range (inclusive, local time) and agent."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    agent: str = ""
    since: float | None = None  # epoch seconds (``--days``), on top of the dates

    def start(self) -> dt.datetime | None:
        """The earliest start (local wall clock) a session may have."""
        first = dt.datetime.combine(self.date_from, dt.time()) if self.date_from else None
        if self.since is not None:
            since = dt.datetime.fromtimestamp(int(self.since))
            first = since if first is None else max(first, since)
        return first

    def end(self) -> dt.datetime | None:
        """Sessions start before this (the day after ``date_to``)."""
        return (
            dt.datetime.combine(self.date_to, dt.time()) + dt.timedelta(1) if self.date_to else None
        )

    def matches(self, s: SearchSession) -> bool:
        started = dt.datetime.fromtimestamp(int(s.started))  # whole seconds, as the server keeps
        first, end = self.start(), self.end()
        return (
            (first is None or started >= first)
            and (end is None or started < end)
            and (not self.agent.strip() or s.agent == self.agent.strip())
        )


def aggregate(sessions: Iterable[SearchSession], top: int = 20) -> SearchAggregates:
    """The aggregates of ``sessions`` in Python (the local log)."""
    sessions = sorted(sessions, key=lambda s: (s.started, s.id))
    opened = [s for s in sessions if s.opened]
    ranks = [s.rank for s in opened if s.rank > 0]
    failed = {
        "no_result": Counter(s.query for s in sessions if s.results == 0),
        "no_open": Counter(s.query for s in sessions if s.results > 0 and not s.opened),
        "reformulated": Counter(s.chain[0] for s in opened if len(s.chain) > 1),
        "missing_flag": Counter(s.query for s in sessions if s.missing),
    }
    chains = Counter((tuple(s.chain), s.opened) for s in opened if len(s.chain) > 1)
    paths: dict[tuple[str, tuple[str, ...]], list[Any]] = {}  # (opened, queries) → [first, n]
    for s in opened:
        queries = tuple(dict.fromkeys(s.chain or [s.query]))
        entry = paths.setdefault((s.opened, queries), [s.started, 0])
        entry[1] += 1
    return SearchAggregates(
        sessions=len(sessions),
        zero=sum(1 for s in sessions if s.results == 0),
        opened=len(opened),
        rank_sum=sum(ranks),
        ranked=len(ranks),
        failed={k: _top(c.items(), top) for k, c in failed.items()},
        chains=[
            (list(chain), pid, n)
            for (chain, pid), n in sorted(chains.items(), key=lambda x: (-x[1], x[0]))
        ][:top],
        paths=[
            (pid, list(queries), n)
            for (pid, queries), (_first, n) in sorted(
                paths.items(), key=lambda x: (x[1][0], x[0][0], x[0][1])
            )
        ],
    )


def _top(counts: Iterable[tuple[str, int]], top: int) -> list[tuple[str, int]]:
    return sorted(counts, key=lambda x: (-x[1], x[0]))[:top]


def report_from(
    agg: SearchAggregates,
    names_of: Mapping[str, str],
    words_of: Callable[[str], list[str]],
    min_count: int = 2,
) -> SearchReport:
    """The report from the aggregates: ``names_of`` maps a process id to its title, keywords and
    customer phrases as one text (a suggestion is a word not in it); ``words_of`` segments."""
    words: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pid, queries, n in agg.paths:
        text = names_of.get(pid)
        if text is None:
            continue
        seen: set[str] = set()
        for q in queries:
            for w in words_of(q):
                if len(w) < 2 or w in text or w in seen or "*" in w:
                    continue
                seen.add(w)
                words[pid][w] += n
                if len(examples[(pid, w)]) < 3 and q not in examples[(pid, w)]:
                    examples[(pid, w)].append(q)
    spread: Counter[str] = Counter()  # word → sessions over every process
    for counter in words.values():
        spread.update(counter)
    suggestions = {
        pid: [
            Suggestion(pid, w, c, examples[(pid, w)])
            for w, c in _top(counter.items(), 10)
            if c >= min_count and c > SPREAD_SHARE * spread[w]
        ]
        for pid, counter in sorted(words.items())
    }
    n = agg.sessions
    return SearchReport(
        sessions=n,
        zero_result_rate=agg.zero / n if n else 0.0,
        open_rate=agg.opened / n if n else 0.0,
        mean_open_rank=agg.rank_sum / agg.ranked if agg.ranked else 0.0,
        failed={k: list(agg.failed.get(k, [])) for k in FAILED_KINDS},
        chains=[(list(q), o, c) for q, o, c in agg.chains],
        suggestions={pid: lst for pid, lst in suggestions.items() if lst},
    )


def build_report(
    sessions: Iterable[SearchSession],
    names_of: Mapping[str, str],
    words_of: Callable[[str], list[str]],
    top: int = 20,
    min_count: int = 2,
) -> SearchReport:
    """The report over the local ``sessions`` (see :func:`report_from` for the arguments)."""
    return report_from(aggregate(sessions, top), names_of, words_of, min_count)


def search_words(query: str) -> list[str]:
    """A query's words worth suggesting: the words the search index segments it into (jieba,
    search mode), without everyday words (怎么办, 一下, 现在: common in general Chinese, see
    ``associations.background_specificity``), amounts and counts (五十块, 两个月) and masked
    numbers — a KB owner reviewing suggestions wants 网断 and 掉线, not 我想问一下."""
    from agent_assist.search import analyzer

    out = []
    for w in analyzer.words(query):
        if len(w) < 2 or "*" in w or is_amount(w):
            continue
        if w in SPOKEN_FILLERS:
            continue
        if background_specificity(w, analyzer.word_frequency) < MIN_BACKGROUND:
            continue
        out.append(w)
    return out


def local_search_report(
    db: Database,
    flt: SearchFilter,
    names_of: Mapping[str, str],
    top: int = 20,
    min_count: int = 2,
) -> SearchReport:
    """The report over this PC's search log in ``db`` (``report search``, the 我的 scope)."""
    sessions = [s for s in load_sessions(db, flt.since) if flt.matches(s)]
    return build_report(sessions, names_of, search_words, top=top, min_count=min_count)


def kb_texts(kb: KnowledgeBase) -> tuple[dict[str, str], dict[str, str]]:
    """(process id → title, keywords and customer phrases as one text; id → title)."""
    names = {
        p.id: "\n".join([p.title, *p.keywords, *p.customer_phrases]) for p in kb.processes.values()
    }
    return names, {p.id: p.title for p in kb.processes.values()}


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


def write_patch(report: SearchReport, titles: Mapping[str, str], folder: Path) -> Path:
    """``folder/search-suggestions.yaml`` (:func:`patch_text`); raises ``OSError``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / PATCH_FILE
    out.write_text(patch_text(report, titles), encoding="utf-8")
    return out


__all__ = [
    "FAILED_KINDS",
    "SearchAggregates",
    "SearchFilter",
    "SearchReport",
    "Suggestion",
    "aggregate",
    "build_report",
    "kb_texts",
    "local_search_report",
    "patch_text",
    "report_from",
    "search_words",
    "write_patch",
]
