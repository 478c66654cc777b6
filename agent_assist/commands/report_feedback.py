"""processes agents flagged (内容错误/已过时/不清楚/缺少流程), for the KB owners

``agent-assist report feedback`` lists every flagged process, most-flagged first: how many
flags, of which kinds, the latest comments, first and last date. It is the "Check" of the KB's
PDCA loop — owners fix the files, the next KB version carries the fix.

Examples::

    agent-assist report feedback                       # table (titles from the sample KB)
    agent-assist report feedback --kb /srv/kb          # titles from the centre's KB
    agent-assist report feedback --since 2026-10-01    # flags since the last KB release
    agent-assist report feedback --json                # JSON lines: one object per process
    agent-assist report feedback --csv flags.csv       # every flag, full comments (Excel-ready)

``--json`` prints JSON lines (like ``search --batch``): one object per flagged process with
``pid``, ``title``, ``count``, ``by_kind``, ``latest_comments`` (newest first), ``first`` and
``last`` (ISO 8601); nothing at all when no process is flagged. ``--csv FILE`` writes one row per
flag (UTF-8 with BOM) and still prints the report.
"""

from __future__ import annotations

import sys
import unicodedata
from datetime import date
from pathlib import Path

from agent_assist.commands.common import add_kb_option, kb_dir, print_json


def add_arguments(parser) -> None:
    add_kb_option(parser)
    parser.add_argument("--json", action="store_true", help="JSON lines: one object per flagged process")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="also write every flag to FILE (CSV, UTF-8 with BOM)")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only flags raised on or after this day")


def _date(text: str) -> date:
    import argparse

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期 {text!r} 格式不对，请写成 YYYY-MM-DD，例如 2026-10-01") from None


def run(args) -> int:
    from agent_assist.knowledge import FEEDBACK_KINDS, FeedbackStore
    from agent_assist.storage import open_db

    store = FeedbackStore(open_db())
    since = getattr(args, "since", None)
    summaries = store.summary(since=since)
    kb = _load_kb(kb_dir(args)) if summaries else None

    if args.csv is not None:
        try:
            n = store.to_csv(args.csv, kb=kb, since=since)
        except OSError as exc:
            print(f"agent-assist report feedback: 无法写入 {args.csv}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"已导出 {n} 条反馈到 {args.csv}", file=sys.stderr)

    if args.json:
        for entry in summaries:
            print_json({"pid": entry.pid, "title": _title(kb, entry.pid), **{k: v for k, v in entry.to_dict().items() if k != "pid"}})
        return 0

    if not summaries:
        print("还没有坐席反馈。(no feedback yet)")
        return 0
    rows = [
        [
            str(e.count),
            e.pid or "—",
            _title(kb, e.pid),
            " ".join(f"{FEEDBACK_KINDS.get(k, k)}×{n}" for k, n in e.by_kind.items()),
            e.first.strftime("%Y-%m-%d") if e.first else "",
            e.last.strftime("%Y-%m-%d") if e.last else "",
        ]
        for e in summaries
    ]
    header = ["次数", "流程编号", "标题", "类型", "首次", "最近"]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(_line(header, widths))
    print(_line(["-" * w for w in widths], widths))
    for entry, row in zip(summaries, rows):
        print(_line(row, widths))
        for comment in entry.latest_comments:
            print(f"      「{' '.join(comment.split())}」")
        if entry.count > len(entry.latest_comments) and not entry.pid:
            print(f"      …… 共 {entry.count} 条，全部意见请用 --csv 导出")
    total = sum(e.count for e in summaries)
    print(f"\n共 {len(summaries)} 项，{total} 条反馈。")
    return 0


def _load_kb(folder: Path):
    """The KB for titles, or None (the report still works without one)."""
    if not folder.is_dir():
        print(f"warning: 知识库目录不存在，不显示标题: {folder}", file=sys.stderr)
        return None
    from agent_assist.knowledge import load_kb

    return load_kb(folder)


def _title(kb, pid: str) -> str:
    if not pid:
        return "（缺少的流程，见意见）"
    if kb is None:
        return ""
    process = kb.get(pid)
    return process.title if process else "（知识库中已没有此流程）"


def _width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    padded = [cell + " " * (w - _width(cell)) for cell, w in zip(cells, widths)]
    padded[0] = " " * (widths[0] - _width(cells[0])) + cells[0]  # counts right-aligned
    return "  ".join(padded).rstrip()
