"""KB releases and re-learning: what changed, who still has to re-learn it

``agent-assist report releases`` lists the releases this data dir received, newest first, and
for each changed process the agents on this database who knew or studied it: re-learned (they
rated its study card after the release arrived) or still to re-learn. ``--mine`` keeps only the
agent at this desk (profile 工号, else name; or ``--agent``). ``--json`` prints one JSON object
per release.

Examples::

    agent-assist report releases
    agent-assist report releases --mine
    agent-assist report releases --json
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from agent_assist.commands.common import add_kb_option, kb_dir, print_json

if TYPE_CHECKING:
    from agent_assist.releases import Received, Relearn, Release
    from agent_assist.storage import Database


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kb_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per release")
    parser.add_argument("--mine", action="store_true", help="only the agent at this desk")
    parser.add_argument("--agent", default=None, help="only this agent (工号)")
    parser.add_argument(
        "--team",
        action="store_true",
        help="every agent's re-learning, from the team server (team mode; leads: their team)",
    )


def _me(db: Database) -> str:
    from agent_assist.knowledge import ProfileStore

    profile = ProfileStore(db).load()
    if profile is None:
        return ""
    return profile.agent_no.strip() or profile.name.strip()


def run(args: argparse.Namespace) -> int:
    from agent_assist.knowledge import load_kb
    from agent_assist.releases import ReleaseLog
    from agent_assist.storage import open_db

    if args.team:
        return _run_team(args)
    db = open_db()
    log = ReleaseLog(db)
    agent = args.agent if args.agent is not None else (_me(db) if args.mine else None)
    received = log.received(limit=1000)
    if not received:
        print("本机还没有收到任何知识库发布（用 --kb 指向发布文件夹即可拉取）", file=sys.stderr)
        return 0
    kb = None
    if getattr(args, "kb", None) or args.sub_kb:
        kb = load_kb(kb_dir(args))
    else:  # titles from the local copy of the newest release received
        from pathlib import Path

        from agent_assist.releases import local_release

        _number, live = local_release(Path(received[0].channel))
        if live is not None:
            kb = load_kb(live)
    rows = log.relearn(agent)
    by_release: dict[tuple[str, int], list[Relearn]] = {}
    for row in rows:
        by_release.setdefault((row.channel, row.number), []).append(row)
    pending_total = 0
    for rel in received:
        items = by_release.get((rel.channel, rel.number), [])
        changed = []
        for pid in rel.changed:
            mine = [r for r in items if r.pid == pid]
            done = sorted(r.agent or "（默认坐席）" for r in mine if r.done)
            todo = sorted(r.agent or "（默认坐席）" for r in mine if not r.done)
            pending_total += len(todo)
            process = kb.get(pid) if kb is not None else None
            title = process.title if process is not None else ""
            changed.append({"pid": pid, "title": title, "relearned": done, "not_yet": todo})
        if agent is not None:
            changed = [c for c in changed if c["relearned"] or c["not_yet"]]
        record = _record(rel, changed)
        if args.json:
            print_json(record)
            continue
        print(f"#{rel.number}  {rel.published_at}  {rel.publisher}  {rel.message}")
        print(f"    新增 {len(rel.added)}，修改 {len(rel.changed)}，删除 {len(rel.removed)}")
        for c in changed:
            name = f"{c['pid']} {c['title']}".strip()
            if not c["relearned"] and not c["not_yet"]:
                print(f"    {name}：本机没有坐席掌握或学过")
                continue
            print(
                f"    {name}：已重新学习 {len(c['relearned'])} 人"
                + (f"（{', '.join(c['relearned'])}）" if c["relearned"] else "")
                + f"；未重新学习 {len(c['not_yet'])} 人"
                + (f"（{', '.join(c['not_yet'])}）" if c["not_yet"] else "")
            )
    if not args.json:
        who = f"坐席 {agent}" if agent else "本机坐席"
        print(f"{who}还有 {pending_total} 个更新过的流程待重新学习（在学习模式里复习即可）")
    return 0


def _run_team(args: argparse.Namespace) -> int:
    """Per team release and changed process: who re-learned it, who has not (server rules)."""
    from agent_assist.commands.kb import _team_conn
    from agent_assist.releases.team_channel import TeamChannel

    conn, problem = _team_conn()
    if conn is None:
        print(f"agent-assist report releases --team: {problem}", file=sys.stderr)
        return 1
    with conn:
        channel = TeamChannel(conn)
        releases = channel.releases()[:20]
        rows = {r.number: channel.relearn(r.number) for r in releases}
    for rel in releases:
        changed = []
        for pid in rel.changed:
            mine = [r for r in rows[rel.number] if r[0] == pid]
            if args.agent:
                mine = [r for r in mine if r[1] == args.agent]
            done = sorted(r[1] for r in mine if r[3] is not None)
            todo = sorted(r[1] for r in mine if r[3] is None)
            changed.append({"pid": pid, "relearned": done, "not_yet": todo})
        record = _record(rel, changed)
        if args.json:
            print_json(record)
            continue
        print(f"#{rel.number}  {rel.published_at}  {rel.publisher}  {rel.message}")
        for c in changed:
            print(
                f"    {c['pid']}：已重新学习 {len(c['relearned'])} 人；未重新学习 "
                f"{len(c['not_yet'])} 人"
                + (f"（{', '.join(c['not_yet'])}）" if c["not_yet"] else "")
            )
    if not releases:
        print("团队服务器上还没有知识库发布", file=sys.stderr)
    return 0


def _record(rel: Received | Release, changed: list[dict[str, Any]]) -> dict[str, Any]:
    """One release as ``--json`` prints it, local or team: the same keys either way."""
    return {
        "number": rel.number,
        "published_at": rel.published_at,
        "publisher": rel.publisher,
        "message": rel.message,
        "added": rel.added,
        "removed": rel.removed,
        "changed": changed,
    }
