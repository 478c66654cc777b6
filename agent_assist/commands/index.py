"""``agent-assist index [--kb DIR] [--rebuild]``: sync (or rebuild) the search index and report."""

from __future__ import annotations

import argparse
import sys

from agent_assist.commands.common import (
    SubParsers,
    add_kb_option,
    kb_dir,
    one_line_failures,
    print_json,
)


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("index", help="build or update the search index of a knowledge folder")
    add_kb_option(p)
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(handler=run)


def _run(args: argparse.Namespace) -> int:
    from agent_assist.search import IndexStore

    folder = kb_dir(args)
    if not folder.is_dir():
        print(f"agent-assist index: knowledge folder not found: {folder}", file=sys.stderr)
        return 2
    try:  # checks every index file: a damaged cache is reported and rebuilt
        stats = IndexStore(folder).sync(rebuild=args.rebuild, verify=True)
    except OSError as exc:  # a full disk, a read-only cache, another build holding the lock
        print(f"agent-assist index: cannot build the index: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if stats.healed:
        print(
            f"agent-assist index: the index cache was damaged ({stats.healed}): rebuilt",
            file=sys.stderr,
        )
    for problem in stats.problems:
        print(f"warning: {problem}", file=sys.stderr)
    data = {
        "added": stats.added,
        "updated": stats.updated,
        "removed": stats.removed,
        "unchanged": stats.unchanged,
        "rebuilt": stats.rebuilt,
        "seconds": round(stats.seconds, 3),
    }
    if args.json:
        print_json(data)
    else:
        print(" ".join(f"{k}={v}" for k, v in data.items()))
    return 0


# any unexpected failure: one line on stderr, exit 2 (never a traceback)
run = one_line_failures("agent-assist index", _run)
