"""``agent-assist search``: the same search agents use in the app, from the shell.

Single query: a readable list (or ``--json``). Batch (``--batch FILE``): the index is synced once,
then one JSON object per input line — ``{"query", "ids", "ms"}`` with ``ms`` the search time of that
query alone — which is what the benchmarks drive.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from agent_assist.commands.common import add_kb_option, kb_dir, print_json


def add_parser(sub) -> None:
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


def run(args) -> int:
    from agent_assist.search import Searcher

    if args.query is None and args.batch is None:
        print("agent-assist search: give a QUERY or --batch FILE", file=sys.stderr)
        return 2
    folder = kb_dir(args)
    if not folder.is_dir():
        print(f"agent-assist search: knowledge folder not found: {folder}", file=sys.stderr)
        return 2
    searcher = Searcher.open(folder)
    for problem in searcher.last_sync.problems:
        print(f"warning: {problem}", file=sys.stderr)
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


def _batch(searcher, path: Path, limit: int, category: str | None) -> int:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        print(f"agent-assist search: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    searcher.search("预热 yure")  # first use loads lazy tables; not part of any query's time
    for line in lines:
        t = time.perf_counter()
        hits = searcher.search(line, limit=limit, category=category)
        ms = (time.perf_counter() - t) * 1000
        out.write(
            json.dumps(
                {"query": line, "ids": [h.id for h in hits], "ms": round(ms, 3)}, ensure_ascii=False
            )
            + "\n"
        )
    out.flush()
    return 0
