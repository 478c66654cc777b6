"""processes agents flagged (内容错误/已过时/不清楚/缺少流程), for the KB owners

``agent-assist report feedback`` lists the open flags, most-flagged first: how many, of which
kinds, the latest comments, first and last date. It is the "Check" of the KB's PDCA loop:
owners fix the files, and the report then tells the flags raised against an older version of a
process ("已更新，待确认": the process changed since, confirm the edit answers the flag) from
the ones still open. ``--resolve`` closes the flags on a process explicitly. 缺少流程 flags are
grouped by what they ask for.

Examples::

    agent-assist report feedback                       # open flags (titles from the sample KB)
    agent-assist report feedback --all                 # also 已更新，待确认 and 已处理
    agent-assist report feedback --kb /srv/kb          # the centre's KB: titles and versions
    agent-assist report feedback --since 2026-10-01    # flags since the last KB release
    agent-assist report feedback --json                # JSON lines: one object per process
    agent-assist report feedback --csv flags.csv       # every flag, full comments (Excel-ready)
    agent-assist report feedback --resolve number.port-out --note "授权码指令已更正" --by 张工
    agent-assist report feedback --resolve-missing "国际漫游套餐退订" --note "已新增 roaming.cancel"

``--json`` prints JSON lines (like ``search --batch``): one object per flagged process (or
缺少流程 request) with ``pid``, ``title``, ``topic``, ``status`` (open / updated / resolved),
``status_label``, ``count``, ``open``, ``updated``, ``resolved``, ``by_kind``,
``latest_comments`` (newest first), ``first`` and ``last`` (ISO 8601), ``resolution``,
``resolved_by``; nothing at all when nothing is listed. ``--csv FILE`` writes one row per flag
(UTF-8 with BOM, every status) and still prints the report.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from agent_assist.commands.common import (
    add_kb_option,
    database_failed,
    kb_dir,
    open_data,
    print_json,
)

if TYPE_CHECKING:
    from agent_assist.knowledge import FeedbackStore, FeedbackSummary, KnowledgeBase


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kb_option(parser)
    parser.add_argument(
        "--json", action="store_true", help="JSON lines: one object per flagged process"
    )
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="also write every flag to FILE (CSV, UTF-8 with BOM)",
    )
    parser.add_argument(
        "--since", type=_date, metavar="YYYY-MM-DD", help="only flags raised on or after this day"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list flags resolved by an update (已更新，待确认) or by an owner (已处理)",
    )
    closing = parser.add_mutually_exclusive_group()
    closing.add_argument(
        "--resolve", metavar="PID", help="mark every open flag on process PID as 已处理"
    )
    closing.add_argument(
        "--resolve-missing",
        metavar="TEXT",
        help="mark the 缺少流程 flags asking for TEXT (as the report shows it) as 已处理",
    )
    parser.add_argument(
        "--note", default="", help="with --resolve: what was done (shown in the report and CSV)"
    )
    parser.add_argument("--by", default="", help="with --resolve: who resolved it")


def _date(text: str) -> date:
    import argparse

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期 {text!r} 格式不对，请写成 YYYY-MM-DD，例如 2026-10-01"
        ) from None


def run(args: argparse.Namespace) -> int:
    from agent_assist.knowledge import FeedbackStore

    resolving = args.resolve is not None or args.resolve_missing is not None
    prog = "agent-assist report feedback"
    # a plain report only reads: it works in a read-only data dir and never migrates
    db = open_data(prog, readonly=not resolving)
    if db is None:
        return 1
    try:
        store = FeedbackStore(db)
        if resolving:
            return _resolve(store, args)
        return _report(store, args)
    except sqlite3.DatabaseError as exc:
        return database_failed(prog, exc)


def _report(store: FeedbackStore, args: argparse.Namespace) -> int:
    from agent_assist.knowledge import FEEDBACK_KINDS

    since = getattr(args, "since", None)
    flags = store.all(since)
    kb = _load_kb(kb_dir(args)) if flags else None
    everything = store.summary(since=since, kb=kb)
    # by default the open flags only, so counts and comments are about what is still to do
    summaries = everything if args.all else store.summary(since=since, kb=kb, only_open=True)

    if args.csv is not None:
        try:
            n = store.to_csv(args.csv, kb=kb, since=since)
        except OSError as exc:
            print(
                f"agent-assist report feedback: 无法写入 {args.csv}: {exc.strerror or exc}",
                file=sys.stderr,
            )
            return 1
        print(f"已导出 {n} 条反馈到 {args.csv}", file=sys.stderr)

    if args.json:
        for entry in summaries:
            print_json(
                {
                    "pid": entry.pid,
                    "title": _title(kb, entry),
                    **{k: v for k, v in entry.to_dict().items() if k != "pid"},
                }
            )
        return 0

    if not flags:
        print("还没有坐席反馈。(no feedback yet)")
        return 0
    if summaries:
        _print_table(summaries, kb, FEEDBACK_KINDS, show_status=args.all)
        total = sum(e.count for e in summaries)
        print(f"\n共 {len(summaries)} 项，{total} 条反馈。")
    else:
        print("没有待处理的反馈。(no open feedback)")
    if not args.all:  # say what the default view leaves out, flag by flag
        pending = sum(e.updated for e in everything)
        done = sum(e.resolved for e in everything)
        if pending or done:
            print(f"另有 {pending} 条反馈已更新待确认、{done} 条已处理（加 --all 查看）。")
    if kb is None and any(f.version or f.updated for f in flags):
        print("warning: 没有知识库，无法判断哪些流程已在反馈后更新", file=sys.stderr)
    return 0


def _resolve(store: FeedbackStore, args: argparse.Namespace) -> int:
    from agent_assist.knowledge import FeedbackError

    pid = (args.resolve or "").strip()
    try:
        n = store.resolve(pid, note=args.note, by=args.by, comment=args.resolve_missing)
    except FeedbackError as exc:
        print(f"agent-assist report feedback: {exc}", file=sys.stderr)
        return 2
    what = pid or f"缺少流程「{args.resolve_missing.strip()}」"
    if n == 0:
        print(
            f"agent-assist report feedback: {what} 没有未处理的反馈（编号或内容请照 report feedback 的输出填写）",
            file=sys.stderr,
        )
        return 1
    print(f"已将 {what} 的 {n} 条反馈标记为已处理。")
    return 0


def _print_table(
    summaries: Sequence[FeedbackSummary],
    kb: KnowledgeBase | None,
    kinds: Mapping[str, str],
    show_status: bool,
) -> None:
    rows = [
        [
            str(e.count),
            e.pid or "—",
            _title(kb, e),
            " ".join(f"{kinds.get(k, k)}×{n}" for k, n in e.by_kind.items()),
            e.first.strftime("%Y-%m-%d") if e.first else "",
            e.last.strftime("%Y-%m-%d") if e.last else "",
            *([_status_cell(e)] if show_status else []),
        ]
        for e in summaries
    ]
    header = [
        "次数",
        "流程编号",
        "标题",
        "类型",
        "首次",
        "最近",
        *(["状态"] if show_status else []),
    ]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(_line(header, widths))
    print(_line(["-" * w for w in widths], widths))
    for entry, row in zip(summaries, rows):
        print(_line(row, widths))
        for comment in entry.latest_comments:
            flat = " ".join(comment.split())
            if entry.pid or flat != _short(entry.topic):  # a 缺少流程 row already shows its request
                print(f"      「{flat}」")
        if entry.resolution or entry.resolved_by:
            print(
                f"      处理：{' '.join(entry.resolution.split())}"
                + (f"（{entry.resolved_by}）" if entry.resolved_by else "")
            )


def _status_cell(entry: FeedbackSummary) -> str:
    parts = [
        f"{label}{n}"
        for label, n in (
            ("待处理", entry.open),
            ("已更新待确认", entry.updated),
            ("已处理", entry.resolved),
        )
        if n
    ]
    return " ".join(parts)


def _load_kb(folder: Path) -> KnowledgeBase | None:
    """The KB for titles, or None (the report still works without one)."""
    if not folder.is_dir():
        print(f"warning: 知识库目录不存在，不显示标题: {folder}", file=sys.stderr)
        return None
    from agent_assist.knowledge import load_kb

    return load_kb(folder)


def _title(kb: KnowledgeBase | None, entry: FeedbackSummary) -> str:
    if not entry.pid:
        return f"（缺少：{_short(entry.topic)}）" if entry.topic else "（缺少的流程，见意见）"
    if kb is None:
        return ""
    process = kb.get(entry.pid)
    return process.title if process else "（知识库中已没有此流程）"


def _short(text: str, limit: int = 30) -> str:
    """A long 缺少流程 request cut for the table column; the full text follows on its own line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    padded = [cell + " " * (w - _width(cell)) for cell, w in zip(cells, widths)]
    padded[0] = " " * (widths[0] - _width(cells[0])) + cells[0]  # counts right-aligned
    return "  ".join(padded).rstrip()
