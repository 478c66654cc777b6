"""searches that failed and the customers' words processes lack (search log), for KB owners

``agent-assist report search`` reads the local search log: top failed searches (no result, no
open, reformulated before the open, 缺少流程 flagged), the zero-result rate, the mean rank of the
opened result, reformulation chains (query → next query → opened process) and suggested customer
phrases per process — words of queries that led agents to a process whose title, keywords and
customer phrases lack them, with counts and examples.

Examples::

    agent-assist report search
    agent-assist report search --json
    agent-assist report search --days 30 --patch review/   # writes review/search-suggestions.yaml
    agent-assist report search --team --from 2026-11-01 --to 2026-11-30 --json
    agent-assist report search --team --agent 1001

``--patch DIR`` writes the suggestions as a YAML file for the KB owner to review; the KB itself is
never edited. ``--team`` computes the same report (same JSON) in PostgreSQL over the sessions the
agents' PCs pushed (team mode), for a KB owner (every team) or a lead (its team); an agent's login
is refused with a message.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from agent_assist.commands.common import add_date_range, add_kb_option, kb_dir, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kb_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.add_argument("--days", type=float, default=None, help="only the last N days")
    add_date_range(parser)
    parser.add_argument("--agent", default="", metavar="NO", help="only this agent (工号)")
    parser.add_argument(
        "--team",
        action="store_true",
        help="over the sessions pushed to the team server (team mode; computed by PostgreSQL)",
    )
    parser.add_argument("--top", type=int, default=20, help="rows per list (default 20)")
    parser.add_argument("--min-count", type=int, default=2, help="sessions per suggestion")
    parser.add_argument("--patch", type=Path, default=None, help="write suggestions to DIR")


def run(args: argparse.Namespace) -> int:
    from agent_assist.knowledge import load_kb
    from agent_assist.learning.report import (
        SearchFilter,
        kb_texts,
        local_search_report,
        report_from,
        search_words,
        write_patch,
    )

    prog = "agent-assist report search"
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"{prog}: --from 晚于 --to，请交换两个日期", file=sys.stderr)
        return 2
    names, titles = kb_texts(load_kb(kb_dir(args)))
    flt = SearchFilter(
        date_from=args.date_from,
        date_to=args.date_to,
        agent=args.agent or "",
        since=time.time() - args.days * 86400 if args.days else None,
    )
    top, min_count = max(1, args.top), max(1, args.min_count)
    if args.team:
        from agent_assist.team.connect import TeamError
        from agent_assist.team.search_report import team_search_aggregates

        try:
            agg = team_search_aggregates(flt.start(), flt.end(), flt.agent, top)
            report = report_from(agg, names, search_words, min_count=min_count)
        except TeamError as exc:
            print(f"{prog} --team: {exc}", file=sys.stderr)
            return 1
    else:
        from agent_assist.storage import open_db

        report = local_search_report(open_db(), flt, names, top=top, min_count=min_count)
    if args.patch is not None:
        try:
            out = write_patch(report, titles, args.patch)
        except OSError as exc:
            print(f"{prog}: cannot write {args.patch}: {exc}", file=sys.stderr)
            return 1
        print(f"suggestions written to {out} (review them; the KB is unchanged)", file=sys.stderr)
    if args.json:
        print_json(report.as_dict())
        return 0
    print(f"搜索会话 sessions: {report.sessions}")
    print(f"无结果率 zero-result rate: {report.zero_result_rate:.1%}")
    print(f"打开率 open rate: {report.open_rate:.1%}")
    print(f"打开结果的平均名次 mean rank of the opened result: {report.mean_open_rank:.2f}")
    labels = {
        "no_result": "无结果 no result",
        "no_open": "有结果未打开 no open",
        "reformulated": "改写后才找到 reformulated",
        "missing_flag": "缺少流程 flagged missing",
    }
    for kind, rows in report.failed.items():
        if rows:
            print(f"\n{labels[kind]}:")
            for q, n in rows:
                print(f"  {n:4d}  {q}")
    if report.chains:
        print("\n改写链 reformulation chains:")
        for queries, opened, n in report.chains:
            print(f"  {n:4d}  {' → '.join(queries)} → {opened} {titles.get(opened, '')}")
    if report.suggestions:
        print("\n建议补充的客户说法 suggested customer phrases:")
        for pid, lst in report.suggestions.items():
            print(f"  {pid} {titles.get(pid, '')}")
            for s in lst:
                print(f"    {s.word} ×{s.count}  例: {' / '.join(s.examples)}")
    return 0
