"""What the KB owners read: feedback flags folded per process (the to-do list) and the full CSV.

Pure functions over :class:`~agent_assist.knowledge.feedback_model.Feedback` lists, so the
store only reads rows and the report logic is tested without a database.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from agent_assist.knowledge.feedback_model import (
    FEEDBACK_KINDS,
    FEEDBACK_STATUSES,
    Feedback,
    FeedbackSummary,
)
from agent_assist.knowledge.model import KnowledgeBase

LATEST_COMMENTS = 3

CSV_HEADER = [
    "编号",
    "时间",
    "流程编号",
    "流程标题",
    "类型",
    "类型名称",
    "意见",
    "坐席工号",
    "状态",
    "反馈时流程版本",
    "反馈时更新日期",
    "处理时间",
    "处理人",
    "处理说明",
]


def summarise(
    items: Iterable[Feedback], kb: KnowledgeBase | None = None, *, only_open: bool = False
) -> list[FeedbackSummary]:
    """One entry per flagged process (and per distinct 缺少流程 request): open ones first,
    then 已更新，待确认, then 已处理; within each, most-flagged first, then most recent.

    ``items`` come newest first (as :meth:`FeedbackStore.all` gives them). With ``kb`` (the
    current knowledge base) flags raised against an older version of their process count as
    ``updated`` instead of ``open``. ``only_open`` summarises open flags only — the owners'
    to-do list.
    """
    groups: dict[tuple[str, str], FeedbackSummary] = {}
    for item in items:  # newest first: comments and ``last`` fall out in order
        status = item.status(kb)
        if only_open and status != "open":
            continue
        key = (item.pid, item.topic)
        entry = groups.get(key)
        if entry is None:
            topic = " ".join(item.comment.split()) if not item.pid else ""
            entry = groups[key] = FeedbackSummary(item.pid, 0, last=item.created, topic=topic)
        entry.count += 1
        setattr(entry, status, getattr(entry, status) + 1)
        if status == "resolved" and not entry.resolution and not entry.resolved_by:
            entry.resolution, entry.resolved_by = item.resolution, item.resolved_by
        entry.by_kind[item.kind] = entry.by_kind.get(item.kind, 0) + 1
        if item.comment and len(entry.latest_comments) < LATEST_COMMENTS:
            entry.latest_comments.append(item.comment)
        entry.first = item.created
    for entry in groups.values():  # stable order of kinds: as FEEDBACK_KINDS lists them
        entry.by_kind = {k: entry.by_kind[k] for k in FEEDBACK_KINDS if k in entry.by_kind} | {
            k: n for k, n in entry.by_kind.items() if k not in FEEDBACK_KINDS
        }
    rank = {status: n for n, status in enumerate(FEEDBACK_STATUSES)}
    return sorted(
        groups.values(),
        key=lambda e: (
            rank[e.status],
            -e.count,
            -(e.last.timestamp() if e.last else 0),
            e.pid,
            e.topic,
        ),
    )


def write_csv(items: list[Feedback], path: Path | str, kb: KnowledgeBase | None = None) -> int:
    """Write every flag to ``path`` as CSV (UTF-8 with BOM, so Excel shows the Chinese) and
    return the number of rows. With ``kb`` the process titles are filled in and flags on an
    edited process show 已更新，待确认."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for item in items:
            process = kb.get(item.pid) if kb is not None and item.pid else None
            writer.writerow(
                [
                    item.id,
                    item.created.strftime("%Y-%m-%d %H:%M:%S"),
                    item.pid,
                    process.title if process else "",
                    item.kind,
                    item.kind_label,
                    item.comment,
                    item.agent,
                    FEEDBACK_STATUSES[item.status(kb)],
                    item.version,
                    item.updated,
                    item.resolved.strftime("%Y-%m-%d %H:%M:%S") if item.resolved else "",
                    item.resolved_by,
                    item.resolution,
                ]
            )
    return len(items)
