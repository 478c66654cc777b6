"""``agent-assist search``: the same search agents use in the app, from the shell.

Single query: a readable list (or ``--json``). Batch (``--batch FILE``): the index is synced once,
then one JSON object per input line — ``{"query", "ids", "ms"}`` with ``ms`` the search time of that
query alone — which is what the benchmarks drive.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent_assist.learning import LearnedAssociations
    from agent_assist.search import Searcher

from agent_assist.commands.common import (
    SubParsers,
    add_kb_option,
    kb_dir,
    one_line_failures,
    print_json,
)


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("search", help="search the knowledge base")
    p.add_argument("query", nargs="?", default=None, help="what to look for (any text)")
    add_kb_option(p)
    p.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
    p.add_argument(
        "--category", choices=["咨询", "查询", "办理", "投诉"], help="only this category"
    )
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument(
        "--batch", type=Path, metavar="FILE", help="one query per line; one JSON line per query out"
    )
    p.set_defaults(handler=run)


def _run(args: argparse.Namespace) -> int:
    from agent_assist.search import Searcher

    if args.query is None and args.batch is None:
        print("agent-assist search: give a QUERY or --batch FILE", file=sys.stderr)
        return 2
    folder = kb_dir(args)
    if not folder.is_dir():
        print(f"agent-assist search: knowledge folder not found: {folder}", file=sys.stderr)
        return 2
    try:
        searcher = Searcher.open(folder)
    except OSError as exc:  # a full disk or a read-only cache while the index is built
        print(f"agent-assist search: cannot open the index: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if searcher.last_sync.healed:
        print(
            f"warning: the index cache was damaged ({searcher.last_sync.healed}): rebuilt",
            file=sys.stderr,
        )
    for problem in searcher.last_sync.problems:
        print(f"warning: {problem}", file=sys.stderr)
    searcher.learned = _learned()
    limit = max(0, args.limit)
    if args.batch is not None:
        return _batch(searcher, args.batch, limit, args.category)
    t = time.perf_counter()
    hits = searcher.search(args.query, limit=limit, category=args.category)
    ms = (time.perf_counter() - t) * 1000
    if args.json:
        print_json(
            {
                "query": args.query,
                "ids": [h.id for h in hits],
                "ms": round(ms, 3),
                "hits": [
                    {
                        "id": h.id,
                        "title": h.title,
                        "category": h.category,
                        "summary": h.summary,
                        "score": h.score,
                        "terms": list(h.terms),
                    }
                    for h in hits
                ],
            }
        )
        return 0
    if not hits:
        print("没有找到相关流程 (no results)")
    for n, h in enumerate(hits, 1):
        print(f"{n:>2}. [{h.category}] {h.title}  ({h.id})")
        if h.summary:
            print(f"    {h.summary}")
    return 0


# characters str.splitlines() breaks at that JSON leaves unescaped: escaped in the output too, so
# one input line is exactly one output line for any reader
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def _batch(searcher: Searcher, path: Path, limit: int, category: str | None) -> int:
    try:  # one query per '\n' line: \x0b, \x1c, U+2028 … are characters of a query, not breaks
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            text = f.read()
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        if lines and lines[-1] == "":
            lines.pop()
    except OSError as exc:
        print(f"agent-assist search: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    searcher.search("预热 yure")  # first use loads lazy tables; not part of any query's time
    for line in lines:
        t = time.perf_counter()
        hits = searcher.search(line, limit=limit, category=category)
        ms = (time.perf_counter() - t) * 1000
        record = json.dumps(
            {"query": line, "ids": [h.id for h in hits], "ms": round(ms, 3)}, ensure_ascii=False
        )
        out.write(record.translate(_LINE_BREAKS) + "\n")
    out.flush()
    return 0


def _learned() -> LearnedAssociations | None:
    """What ``agent-assist learn`` taught, or None when nothing was (no cost then)."""
    try:
        from agent_assist.storage import db_path

        if not db_path().exists():
            return None
        from agent_assist.learning import LearnedAssociations
        from agent_assist.storage import open_db

        db = open_db()
        if "learned_phrase" not in db.table_names():
            return None
        learned = LearnedAssociations(db)
        return learned if learned.count() else None
    except Exception as exc:  # a locked or damaged database: search without learning
        print(f"warning: learned associations not used: {exc}", file=sys.stderr)
        return None


# any unexpected failure: one line on stderr, exit 2 (never a traceback)
run = one_line_failures("agent-assist search", _run)
