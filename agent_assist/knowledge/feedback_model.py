"""What a feedback flag is: its kinds, its states in the PDCA loop, and the per-process summary.

Plain values shared by the store (:mod:`agent_assist.knowledge.feedback`), the report
(:mod:`agent_assist.knowledge.feedback_summary`), the CLI and the GUI; no database here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from agent_assist.knowledge.model import KnowledgeBase

FEEDBACK_KINDS: dict[str, str] = {
    "wrong": "内容错误",
    "outdated": "已过时",
    "unclear": "不清楚",
    "missing": "缺少流程",
}
# A flag's state in the PDCA loop, in the order the report lists them.
FEEDBACK_STATUSES: dict[str, str] = {
    "open": "待处理",
    "updated": "已更新，待确认",  # the process changed after the flag: resolved by an update?
    "resolved": "已处理",
}


class FeedbackError(ValueError):
    """Feedback that cannot be stored; ``field`` names the input to fix (kind / pid / comment …)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Feedback:
    """One flag as an agent raised it, and what the owners did about it."""

    id: int
    pid: str  # "" for a missing process (the comment says what is missing)
    kind: str
    comment: str
    agent: str
    created: datetime  # aware, local time
    version: str = ""  # the process's content_hash when flagged ("" = not known)
    updated: str = ""  # the process's ``updated:`` date when flagged ("" = not known)
    resolved: datetime | None = None  # when an owner marked it 已处理
    resolved_by: str = ""
    resolution: str = ""  # the owner's note ("第3步已改为先查合约")

    @property
    def kind_label(self) -> str:
        return FEEDBACK_KINDS.get(self.kind, self.kind)

    @property
    def topic(self) -> str:
        """What a 缺少流程 flag asks for, normalised so that the same request typed twice (a
        different space, full-width letters, a trailing 。) groups as one; "" for other flags."""
        return topic_key(self.comment) if not self.pid else ""

    def status(self, kb: KnowledgeBase | None = None) -> str:
        """``open`` / ``updated`` / ``resolved`` (keys of ``FEEDBACK_STATUSES``).

        ``updated`` needs the current ``kb``: the process's content hash differs from the one
        flagged (or, for flags that only know the date, its ``updated:`` is later). Without a
        KB, or for a process the KB no longer has, an unresolved flag stays open.
        """
        if self.resolved is not None:
            return "resolved"
        process = kb.get(self.pid) if kb is not None and self.pid else None
        if process is None:
            return "open"
        if self.version and process.content_hash:
            return "updated" if self.version != process.content_hash else "open"
        if self.updated and process.updated and process.updated > self.updated:
            return "updated"
        return "open"


@dataclass
class FeedbackSummary:
    """All flags on one process, or — for ``pid`` "" — one group of 缺少流程 flags asking for
    the same thing (``topic``)."""

    pid: str
    count: int
    by_kind: dict[str, int] = field(default_factory=dict)
    latest_comments: list[str] = field(default_factory=list)  # newest first, at most 3
    first: datetime | None = None
    last: datetime | None = None
    topic: str = ""  # 缺少流程: the newest wording of the request; "" for a process
    open: int = 0
    updated: int = 0  # flags raised against an older version of the process (已更新，待确认)
    resolved: int = 0
    resolution: str = ""  # the owner's latest note, if any flag was resolved
    resolved_by: str = ""

    @property
    def status(self) -> str:
        """``open`` while any flag is open, else ``updated`` while any awaits confirmation."""
        if self.open:
            return "open"
        return "updated" if self.updated else "resolved"

    @property
    def status_label(self) -> str:
        return FEEDBACK_STATUSES[self.status]

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly: dates as ISO 8601 with the local UTC offset."""
        out = asdict(self)
        out["first"] = self.first.isoformat(timespec="seconds") if self.first else None
        out["last"] = self.last.isoformat(timespec="seconds") if self.last else None
        out["status"] = self.status
        out["status_label"] = self.status_label
        return out


def normalise_kind(kind: str) -> str:
    """``wrong`` / ``内容错误`` → ``wrong``; anything else raises ``FeedbackError``."""
    text = (kind or "").strip()
    for key, label in FEEDBACK_KINDS.items():
        if text in (key, label):
            return key
    choices = "、".join(f"{key}（{label}）" for key, label in FEEDBACK_KINDS.items())
    raise FeedbackError("kind", f"反馈类型 {kind!r} 无效：请选 {choices} 之一")


def topic_key(text: str) -> str:
    """Fold a 缺少流程 comment for grouping: NFKC (full-width → half-width), case folded, with
    spaces, punctuation and symbols dropped — "国际漫游 套餐退订。" and "国际漫游套餐退订" are
    one request; different requests stay different rows."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZSC")
