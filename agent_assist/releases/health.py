"""KB health for the owners: review dates, open flags, what agents open and never open.

A process states when it must be looked at again with front matter ``review_by: YYYY-MM-DD`` or
``review_every: 90d`` (counted from ``updated``; also ``12w``, ``6m``, ``1y``), and who looks
with ``owner``. Past that date the process is *overdue*: ``lint-kb`` warns and
``report kb-health`` lists it under its owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from agent_assist.knowledge import FeedbackStore, KnowledgeBase, Problem, Process
from agent_assist.storage import Database

_EVERY = re.compile(r"^\s*(\d+)\s*([dwmy天周月年])\s*$")
_UNIT_DAYS = {"d": 1, "天": 1, "w": 7, "周": 7, "m": 30, "月": 30, "y": 365, "年": 365}


@dataclass(frozen=True)
class Review:
    """A process's review date, and why it is what it is."""

    pid: str
    title: str
    owner: str
    due: date | None
    problem: str = ""  # a review_by / review_every that cannot be read
    line: int = 1


def review(process: Process) -> Review:
    """The review date of ``process`` from its ``review_by`` / ``review_every`` front matter."""
    due: date | None = None
    problem = ""
    key = ""
    if process.review_by:
        key = "review_by"
        try:
            due = date.fromisoformat(process.review_by[:10])
        except ValueError:
            problem = f"review_by {process.review_by!r} 不是日期：请写成 YYYY-MM-DD"
    elif process.review_every:
        key = "review_every"
        m = _EVERY.match(process.review_every)
        if not m:
            problem = f"review_every {process.review_every!r} 无法识别：请写成 90d、12w、6m 或 1y"
        elif not process.updated:
            problem = "有 review_every 但没有 updated 日期，无法推算复核日期"
        else:
            try:
                start = date.fromisoformat(process.updated[:10])
                due = start + timedelta(days=int(m.group(1)) * _UNIT_DAYS[m.group(2)])
            except ValueError:
                problem = f"updated {process.updated!r} 不是日期，无法推算复核日期"
    line = _key_line(process.path, key) if key and process.path is not None else 1
    return Review(process.id, process.title, process.owner, due, problem, line)


def _key_line(path: Path, key: str) -> int:
    """1-based line of ``key:`` in the file (only read for a process that has the key)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, start=1):
                if line.startswith(f"{key}:"):
                    return n
    except OSError:
        pass
    return 1


def reviews(kb: KnowledgeBase) -> list[Review]:
    return [review(p) for p in kb]


def review_warnings(kb: KnowledgeBase, today: date | None = None) -> list[Problem]:
    """``lint-kb`` warnings: reviews overdue, and review fields that cannot be read."""
    today = today or date.today()
    out: list[Problem] = []
    for item in reviews(kb):
        process = kb.processes[item.pid]
        path = process.path or kb.root
        if item.problem:
            out.append(Problem(path, item.line, item.problem, "warning"))
        elif item.due is not None and item.due < today:
            who = f"（负责人：{item.owner}）" if item.owner else "（未写 owner）"
            out.append(
                Problem(
                    path,
                    item.line,
                    f"复核已过期：应在 {item.due.isoformat()} 前复核{who}",
                    "warning",
                )
            )
    return out


@dataclass
class Health:
    """What ``report kb-health`` prints."""

    processes: int
    overdue: dict[str, list[dict[str, Any]]] = field(
        default_factory=dict
    )  # owner → overdue processes
    no_review_date: int = 0
    open_feedback: list[dict[str, Any]] = field(default_factory=list)
    never_opened: list[str] = field(default_factory=list)
    most_opened: list[dict[str, Any]] = field(default_factory=list)
    lint_warnings: int = 0
    lint_errors: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "processes": self.processes,
            "overdue": self.overdue,
            "overdue_count": sum(len(v) for v in self.overdue.values()),
            "no_review_date": self.no_review_date,
            "open_feedback": self.open_feedback,
            "never_opened": self.never_opened,
            "never_opened_count": len(self.never_opened),
            "most_opened": self.most_opened,
            "lint_warnings": self.lint_warnings,
            "lint_errors": self.lint_errors,
        }


def kb_health(
    kb: KnowledgeBase,
    db: Database,
    problems: list[Problem] | None = None,
    today: date | None = None,
    top: int = 10,
) -> Health:
    """Health of ``kb`` with this database's usage and flags (all agents on it)."""
    today = today or date.today()
    health = Health(processes=len(kb))
    for item in reviews(kb):
        if item.due is None:
            health.no_review_date += 1
        elif item.due < today:
            health.overdue.setdefault(item.owner or "（未写 owner）", []).append(
                {
                    "pid": item.pid,
                    "title": item.title,
                    "review_by": item.due.isoformat(),
                    "days_overdue": (today - item.due).days,
                }
            )
    for entries in health.overdue.values():
        entries.sort(key=lambda e: -e["days_overdue"])
    for summary in FeedbackStore(db).summary(kb=kb, only_open=True):
        if summary.pid:
            process = kb.get(summary.pid)
            health.open_feedback.append(
                {
                    "pid": summary.pid,
                    "title": process.title if process else "",
                    "open": summary.open,
                    "by_kind": summary.by_kind,
                }
            )
    opened: dict[str, int] = {}
    if "kb_open" in db.table_names():
        opened = dict(db.execute("select pid, count(*) from kb_open group by pid").fetchall())
    health.never_opened = sorted(pid for pid in kb.processes if not opened.get(pid))
    ranked = sorted(
        ((n, pid) for pid, n in opened.items() if pid in kb), key=lambda x: (-x[0], x[1])
    )
    health.most_opened = [
        {"pid": pid, "title": kb.processes[pid].title, "opens": n} for n, pid in ranked[:top]
    ]
    if problems is not None:
        health.lint_errors = sum(1 for p in problems if p.severity == "error")
        health.lint_warnings = sum(1 for p in problems if p.severity == "warning")
    return health
