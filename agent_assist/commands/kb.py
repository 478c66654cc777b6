"""``agent-assist kb …``: the KB owner's side of a process's life — publish, releases, import, diff.

::

    agent-assist kb publish DIR --to FOLDER --message TEXT [--by NAME]
    agent-assist kb releases --to FOLDER [--json]
    agent-assist kb import FILE… --out DIR
    agent-assist kb diff PID [--from VERSION] [--to-version VERSION]

``publish`` lints ``DIR`` first (the same checks as ``lint-kb``) and refuses with the errors
(exit 1, nothing written) when any fails. See docs/releases.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from agent_assist.commands.common import SubParsers, print_json

if TYPE_CHECKING:
    from agent_assist.knowledge import KnowledgeBase, Problem
    from agent_assist.storage import Database
    from agent_assist.team.connect import Connection


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("kb", help="KB releases: publish, list releases, import Word/HTML, diff")
    kb_sub = p.add_subparsers(dest="kb_command", metavar="ACTION", required=True)

    pub = kb_sub.add_parser("publish", help="lint DIR and publish it as the next release")
    pub.add_argument("dir", type=Path, help="the knowledge folder to publish")
    _channel_options(pub)
    pub.add_argument("--message", "-m", required=True, help="release notes agents will read")
    pub.add_argument("--by", default="", help="publisher (default: the agent profile's name)")
    pub.set_defaults(handler=run_publish)

    rel = kb_sub.add_parser("releases", help="list the releases of a release folder")
    _channel_options(rel)
    rel.add_argument("--json", action="store_true", help="one JSON object per line")
    rel.set_defaults(handler=run_releases)

    pull = kb_sub.add_parser(
        "pull", help="team mode: bring the newest team release to this PC (also done by --kb team:)"
    )
    pull.add_argument("--team", action="store_true", required=True)
    pull.set_defaults(handler=run_pull)

    imp = kb_sub.add_parser("import", help="turn .docx / .html / .md documents into process files")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE")
    imp.add_argument("--out", type=Path, required=True, help="folder to write processes into")
    imp.set_defaults(handler=run_import)

    dif = kb_sub.add_parser("diff", help="versions of a process this data dir has seen, and a diff")
    dif.add_argument("pid", help="process id")
    dif.add_argument("--from", dest="old", default="", help="older version (default: previous)")
    dif.add_argument("--to-version", dest="new", default="", help="newer version (default: newest)")
    dif.add_argument("--json", action="store_true")
    dif.set_defaults(handler=run_diff)


def _channel_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", dest="to", type=Path, help="release folder (a share)")
    where.add_argument(
        "--team", action="store_true", help="the team server (team mode; see docs/team.md)"
    )


def _team_conn() -> tuple[Connection | None, str]:
    """A connection to the team server, or (None, message) when team mode is off / unreachable."""
    from agent_assist.storage import open_db
    from agent_assist.team.connect import TeamError, configured_dsn, connect

    dsn = configured_dsn(open_db())
    if not dsn:
        return None, "团队模式未开启：先运行 agent-assist team use --dsn …"
    try:
        return connect(dsn), ""
    except TeamError as exc:
        return None, str(exc)


def team_pull(db: Database | None = None) -> tuple[Path, str]:
    """Mirror the newest team releases into the data dir's release folder; (folder, message)."""
    from agent_assist.releases.team_channel import TeamChannel, team_folder

    conn, problem = _team_conn()
    folder = team_folder()
    if conn is None:
        return folder, problem
    with conn:
        try:
            TeamChannel(conn).mirror(folder)
        except Exception as exc:  # the server answered but the release could not be copied
            return folder, f"从团队服务器获取知识库发布失败：{exc}"
    return folder, ""


def lint_problems(kb: KnowledgeBase) -> list[Problem]:
    """Everything ``lint-kb`` reports for ``kb`` (errors and warnings), in file order."""
    from agent_assist.commands.lint_kb import _extra_linters
    from agent_assist.knowledge import content_warnings

    problems = sorted([*kb.problems, *content_warnings(kb)], key=lambda p: (str(p.path), p.line))
    for linter in _extra_linters():
        problems.extend(linter(kb))
    return problems


def _publisher(args: argparse.Namespace) -> str:
    by: str = args.by.strip()
    if by:
        return by
    from agent_assist.knowledge import ProfileStore
    from agent_assist.storage import open_db

    profile = ProfileStore(open_db()).load()
    if profile is None or profile.is_empty:
        return ""
    name, number = profile.name.strip(), profile.agent_no.strip()
    return f"{name}（{number}）" if name and number else name or number


def run_publish(args: argparse.Namespace) -> int:
    from agent_assist.knowledge import load_kb
    from agent_assist.releases import FolderChannel, PublishError

    if not args.dir.is_dir():
        print(f"{args.dir}: 知识库文件夹不存在", file=sys.stderr)
        return 2
    publisher = _publisher(args)
    if not publisher:
        print("请用 --by 写明发布人（或先在坐席资料里填写姓名 / 工号）", file=sys.stderr)
        return 2
    kb = load_kb(args.dir)
    problems = lint_problems(kb)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        for error in errors:
            print(f"{error.path}:{error.line}: {error.message}")
        print(f"lint 未通过：{len(errors)} 个错误，未发布任何内容", file=sys.stderr)
        return 1
    if len(kb) == 0:
        print(f"{args.dir}: 没有任何流程文件，未发布", file=sys.stderr)
        return 1
    try:
        if args.team:
            from agent_assist.releases.team_channel import TeamChannel

            conn, problem = _team_conn()
            if conn is None:
                print(problem, file=sys.stderr)
                return 1
            import psycopg

            try:
                with conn:
                    release = TeamChannel(conn).publish(kb, args.message, publisher)
            except psycopg.errors.InsufficientPrivilege:
                print("团队服务器拒绝发布：只有知识库维护人（kb-owner）可以发布", file=sys.stderr)
                return 1
            except psycopg.Error as exc:
                print(f"团队服务器发布失败：{exc}", file=sys.stderr)
                return 1
        else:
            release = FolderChannel(args.to).publish(kb, args.message, publisher)
    except PublishError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        f"已发布 #{release.number}（{release.published_at}，{release.publisher}）："
        f"新增 {len(release.added)}，修改 {len(release.changed)}，删除 {len(release.removed)}"
    )
    for label, ids in (
        ("新增", release.added),
        ("修改", release.changed),
        ("删除", release.removed),
    ):
        if ids and len(ids) <= 50:
            print(f"  {label}：{', '.join(ids)}")
    warnings = len(problems) - len(errors)
    if warnings:
        print(f"lint：{warnings} 条提醒（运行 lint-kb 查看）", file=sys.stderr)
    return 0


def run_releases(args: argparse.Namespace) -> int:
    from agent_assist.releases import FolderChannel

    if args.team:
        from agent_assist.releases.team_channel import TeamChannel

        conn, problem = _team_conn()
        if conn is None:
            print(problem, file=sys.stderr)
            return 1
        with conn:
            releases = TeamChannel(conn).releases()
        channel = None
    else:
        channel = FolderChannel(args.to)
        releases = channel.releases()
    if not releases:
        print(f"{'团队服务器' if args.team else args.to}: 还没有任何发布", file=sys.stderr)
        return 1 if channel is not None and not args.to.is_dir() else 0
    for release in releases:
        why = channel.check(release.number)[1] if channel is not None else ""
        if args.json:
            print_json({**release.summary(), "complete": not why, "problem": why})
            continue
        flag = f"  [不完整：{why}]" if why else ""
        print(
            f"#{release.number}  {release.published_at}  {release.publisher}  "
            f"{release.message}{flag}"
        )
        for label, ids in (
            ("新增", release.added),
            ("修改", release.changed),
            ("删除", release.removed),
        ):
            if ids:
                print(
                    f"    {label} {len(ids)}：{', '.join(ids[:20])}{' …' if len(ids) > 20 else ''}"
                )
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from agent_assist.releases import sync
    from agent_assist.storage import open_db

    folder, problem = team_pull()
    if problem:
        print(problem, file=sys.stderr)
    result = sync(folder, open_db())
    for message in result.messages:
        print(message, file=sys.stderr)
    if result.pull.release is None:
        return 1
    release = result.pull.release
    print(
        f"本机知识库：团队发布 #{release.number}（{release.message}）；"
        f"修改 {len(result.pull.changed)}，待重新学习 {len(result.relearn)}；{result.kb_dir}"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from agent_assist.releases.importer import import_files

    report = import_files(args.files, args.out)
    for path in report.written:
        print(f"写入 {path}")
    for path, why in report.failed:
        print(f"{path}: 无法导入：{why}", file=sys.stderr)
    if report.written:
        from agent_assist.knowledge import load_kb

        kb = load_kb(args.out)
        problems = [
            p
            for p in lint_problems(kb)
            if Path(p.path).resolve() in {w.resolve() for w in report.written}
        ]
        print("lint:")
        for problem in problems:
            prefix = "" if problem.severity == "error" else f"{problem.severity}: "
            print(f"  {problem.path}:{problem.line}: {prefix}{problem.message}")
        if not problems:
            print("  （无问题）")
    return 1 if report.failed else 0


def run_diff(args: argparse.Namespace) -> int:
    from agent_assist.releases import VersionStore, diff_lines, to_text
    from agent_assist.releases.diff import summary
    from agent_assist.storage import open_db

    store = VersionStore(open_db())
    versions = store.versions(args.pid)
    if not versions:
        print(f"{args.pid}: 本机没有保存过这个流程的版本", file=sys.stderr)
        return 1
    if args.json and not (args.old or args.new):
        for v in versions:
            print_json(
                {
                    "pid": v.pid,
                    "version": v.version,
                    "updated": v.updated,
                    "first_seen": v.first_seen,
                }
            )
        return 0
    new = store.get(args.pid, args.new) if args.new else store.get(args.pid, versions[0].version)
    old_key = args.old or (versions[1].version if len(versions) > 1 else "")
    old = store.get(args.pid, old_key) if old_key else None
    if new is None or (old_key and old is None):
        print(
            f"{args.pid}: 版本不存在（已有：{', '.join(v.version for v in versions)}）",
            file=sys.stderr,
        )
        return 1
    if old is None:
        print(f"{args.pid}: 只有一个版本 {new.version}", file=sys.stderr)
        return 0
    lines = diff_lines(old.text, new.text)
    if args.json:
        print_json(
            {
                "pid": args.pid,
                "from": old.version,
                "to": new.version,
                **summary(lines),
                "text": to_text(lines),
            }
        )
        return 0
    print(f"{args.pid}: {old.version}（{old.updated}）→ {new.version}（{new.updated}）")
    print(to_text(lines))
    return 0
