"""KB health: reviews overdue (by owner), open flags, processes never / most opened, lint

``agent-assist report kb-health`` reads the KB (``--kb``: a folder or a release folder) with
this data dir's usage and feedback. A process's review date comes from its front matter
``review_by: YYYY-MM-DD`` or ``review_every: 90d`` (counted from ``updated``); ``owner`` says
who reviews it. ``--json`` prints one JSON object.

Examples::

    agent-assist report kb-health --kb /srv/kb
    agent-assist report kb-health --json
"""

from __future__ import annotations

import argparse

from agent_assist.commands.common import add_kb_option, kb_dir, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kb_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.add_argument("--top", type=int, default=10, help="how many most-opened to list")


def run(args: argparse.Namespace) -> int:
    from agent_assist.commands.kb import lint_problems
    from agent_assist.knowledge import load_kb
    from agent_assist.releases.health import kb_health
    from agent_assist.storage import open_db

    kb = load_kb(kb_dir(args))
    health = kb_health(kb, open_db(), lint_problems(kb), top=args.top)
    if args.json:
        print_json(health.to_dict())
        return 0
    data = health.to_dict()
    print(
        f"流程 {health.processes} 个；lint 错误 {health.lint_errors}，提醒 {health.lint_warnings}"
    )
    print(f"复核已过期 {data['overdue_count']} 个；未设复核日期 {health.no_review_date} 个")
    for owner, items in sorted(health.overdue.items()):
        print(f"  {owner}：")
        for item in items:
            print(
                f"    {item['pid']} {item['title']}  应于 {item['review_by']} 前复核"
                f"（已过 {item['days_overdue']} 天）"
            )
    print(f"有待处理反馈的流程 {len(health.open_feedback)} 个")
    for item in health.open_feedback:
        print(f"    {item['pid']} {item['title']}  待处理 {item['open']} 条")
    print(f"从未被打开的流程 {len(health.never_opened)} 个")
    if health.never_opened:
        head = health.never_opened[:20]
        print("    " + ", ".join(head) + (" …" if len(health.never_opened) > 20 else ""))
    if health.most_opened:
        print("最常打开：")
        for item in health.most_opened:
            print(f"    {item['opens']:>5}  {item['pid']} {item['title']}")
    print("（搜索无结果的记录：本机尚无搜索日志，暂不统计）")
    return 0
