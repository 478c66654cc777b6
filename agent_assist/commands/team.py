"""``agent-assist team …``: the centre's shared store on PostgreSQL (team mode).

Examples::

    agent-assist team init --dsn "host=db.centre port=5432 dbname=assist user=assist_owner"
    agent-assist team add-user 1001 --role agent --team 一组 --dsn "…owner DSN…"
    agent-assist team use --dsn "host=db.centre dbname=assist user=aa_1001 sslmode=verify-full"
    agent-assist team status        # server, schema version, this PC's queue and rejected rows
    agent-assist team sync          # push the queue now (the desktop app does it in the background)
    agent-assist team publish-lists --reason-codes reason_codes.yaml --departments departments.yaml
                                    # a KB owner publishes the centre's codes and departments
    agent-assist team publish-lists --phrases phrases.yaml   # a lead: the team's phrases

The DSN of ``status`` / ``sync`` comes from AGENT_ASSIST_TEAM_DSN, else the one saved by ``team use``.
Passwords are never saved with it: libpq's ~/.pgpass or service file, or the OS keyring.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from agent_assist.commands.common import SubParsers


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser(
        "team",
        help="team mode: shared PostgreSQL store (init, add-user, use, status, sync, publish-lists)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    i = acts.add_parser("init", help="create / upgrade schema, roles and policies (owner DSN)")
    i.add_argument("--dsn", required=True, help="libpq connection string of the owner/superuser")
    i.set_defaults(handler=run_init)
    u = acts.add_parser("add-user", help="create the login of an agent, lead or KB owner")
    u.add_argument("agent_no", metavar="NO", help="工号, e.g. 1001")
    u.add_argument("--role", required=True, choices=["agent", "lead", "kb-owner"])
    u.add_argument("--team", default="", help="team / group name, e.g. 一组")
    u.add_argument("--dsn", required=True, help="owner/superuser DSN")
    u.set_defaults(handler=run_add_user)
    s = acts.add_parser("use", help="turn team mode on for this PC with the agent's DSN")
    s.add_argument("--dsn", help="the DSN `team add-user` printed (or service=…)")
    s.add_argument("--off", action="store_true", help="turn team mode off (the queue is kept)")
    s.set_defaults(handler=run_use)
    st = acts.add_parser("status", help="server, schema version, this PC's queue")
    st.set_defaults(handler=run_status)
    sy = acts.add_parser("sync", help="push this PC's queue now")
    sy.add_argument(
        "--backfill", action="store_true", help="also queue local notes filed before team mode"
    )
    sy.add_argument(
        "--batch", type=int, default=500, metavar="N", help="rows per server transaction"
    )
    sy.add_argument("--pull", action="store_true", help="also pull team phrases, codes, follow-ups")
    sy.set_defaults(handler=run_sync)
    pl = acts.add_parser(
        "publish-lists",
        help="publish the centre's reason codes / departments (KB owner) or team phrases (lead)",
    )
    pl.add_argument("--reason-codes", type=Path, metavar="FILE", help="a reason_codes.yaml")
    pl.add_argument("--departments", type=Path, metavar="FILE", help="a departments.yaml")
    pl.add_argument("--phrases", type=Path, metavar="FILE", help="a phrases.yaml (your team's)")
    pl.add_argument("--dsn", help="your DSN (default: AGENT_ASSIST_TEAM_DSN, else the settings)")
    pl.set_defaults(handler=run_publish_lists)


def _err(message: str) -> int:
    print(f"agent-assist team: {message}", file=sys.stderr)
    return 1


def run_init(args: argparse.Namespace) -> int:
    from agent_assist.team import migrate
    from agent_assist.team.admin import init_schema
    from agent_assist.team.connect import TeamError, describe

    try:
        applied = init_schema(args.dsn)
    except (TeamError, migrate.SchemaTooNew) as exc:
        return _err(str(exc))
    done = "、".join(f"{s.version:04d}_{s.name}" for s in applied) or "无（已是最新）"
    print(f"团队数据库 {describe(args.dsn)}：版本 {migrate.app_version()}，本次应用 {done}")
    print("角色 aa_agent / aa_lead / aa_kb_owner 与行级安全策略已就绪；用 team add-user 添加账号")
    return 0


def run_add_user(args: argparse.Namespace) -> int:
    from agent_assist.team import migrate
    from agent_assist.team.admin import add_user
    from agent_assist.team.connect import TeamError

    try:
        user = add_user(args.dsn, args.agent_no, args.role, args.team)
    except (TeamError, migrate.SchemaTooNew, migrate.SchemaMissing) as exc:
        return _err(str(exc))
    print(f"账号 {user.login}（工号 {args.agent_no}，{args.role}，团队“{args.team or '—'}”）已就绪")
    if user.password:
        print(f"初始密码（只显示这一次）：{user.password}")
        print(
            "请写入该坐席电脑的 ~/.pgpass（Windows: %APPDATA%\\postgresql\\pgpass.conf）或系统钥匙串"
        )
    print("该坐席的连接串（agent-assist team use --dsn …）：")
    print(user.dsn)
    return 0


def run_use(args: argparse.Namespace) -> int:
    from agent_assist.storage import open_db
    from agent_assist.team.connect import KEYRING_SERVICE, TeamError, describe, split_password
    from agent_assist.team.local_state import set_state

    db = open_db()
    if args.off:
        set_state(db, dsn="")
        print("团队模式已关闭（本机待同步的记录保留，重新开启后继续上传）")
        return 0
    if not args.dsn:
        return _err("请给出连接串：team use --dsn …（关闭团队模式：team use --off）")
    try:
        dsn, password = split_password(args.dsn)
    except TeamError as exc:
        return _err(str(exc))
    if password:
        try:
            import keyring

            from agent_assist.team.connect import dsn_user

            keyring.set_password(KEYRING_SERVICE, dsn_user(dsn), password)
        except Exception:
            return _err(
                "连接串里有密码，但本机没有可用的系统钥匙串（keyring）：密码不会明文保存。"
                "请去掉 password=…，把密码写入 ~/.pgpass 或 PostgreSQL 服务文件后重试"
            )
    set_state(db, dsn=dsn)
    print(f"团队模式已开启：{describe(dsn)}（密码不保存在设置里）")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from agent_assist.storage import open_db
    from agent_assist.team import migrate, outbox
    from agent_assist.team.connect import TeamError, configured_dsn, connect, describe
    from agent_assist.team.local_state import get_state
    from agent_assist.team.pusher import status

    db = open_db()
    dsn = configured_dsn(db)
    if not dsn:
        print("团队模式：关（本机单机使用）。开启：agent-assist team use --dsn …")
        return 2
    code = 0
    print(f"团队模式：开  服务器 {describe(dsn)}")
    try:
        with connect(dsn) as conn:
            version = migrate.server_version(conn)
            who = (
                conn.execute(
                    f"SELECT agent_no, team, role FROM {migrate.SCHEMA}.agents WHERE login = current_user"
                ).fetchone()
                if version
                else None
            )
        if version is None:
            print("  数据库：还没有团队表（请管理员运行 team init）")
            code = 1
        else:
            newer = "（比本软件新，请升级）" if version > migrate.app_version() else ""
            print(f"  数据库版本 {version}{newer}，本软件支持到 {migrate.app_version()}")
            if who:
                print(f"  登录身份：工号 {who[0]}，团队“{who[1] or '—'}”，角色 {who[2]}")
            code = 1 if newer else 0
    except TeamError as exc:
        print(f"  连接失败：{exc}")
        code = 1
    except Exception as exc:  # a server error while asking: say it, show the queue anyway
        print(f"  服务器出错：{exc}")
        code = 1
    st = status(db)
    q = outbox.summary(db)
    print(
        f"  本机队列：待同步 {q.pending}，被服务器拒绝 {q.rejected}"
        + (f"（最早 {q.oldest}）" if q.oldest else "")
    )
    print(f"  上次同步：{st.last_sync or '从未'}；已上传累计 {get_state(db, 'sent_total', '0')}")
    last = get_state(db, "last_error")
    if last:
        print(f"  上次错误：{last}")
    # what the PC pulled (team phrases, reason codes, departments, assigned follow-ups)
    print(f"  上次下载：{get_state(db, 'last_pull') or '从未'}")
    pull_error = get_state(db, "last_pull_error")
    if pull_error:
        print(f"  下载出错：{pull_error}（沿用上次下载的内容）")
    for kind, item, error in q.errors:
        print(f"  拒绝 {kind} {item}：{error}")
    return code


def run_sync(args: argparse.Namespace) -> int:
    from agent_assist.storage import open_db
    from agent_assist.team import migrate, outbox
    from agent_assist.team.connect import TeamError, configured_dsn
    from agent_assist.team.pusher import push_all

    db = open_db()
    dsn = configured_dsn(db)
    if not dsn:
        return _err(
            "团队模式未开启：先运行 agent-assist team use --dsn …（或设置 AGENT_ASSIST_TEAM_DSN）"
        )
    if args.backfill:
        n = outbox.backfill_notes(db)
        print(f"已把 {n} 条早先的小结加入上传队列")
    try:
        result = push_all(db, dsn, batch=max(args.batch, 1))
    except (TeamError, migrate.SchemaTooNew, migrate.SchemaMissing) as exc:
        q = outbox.summary(db)
        return _err(f"{exc}\n本机保留待同步 {q.pending} 条、被拒绝 {q.rejected} 条，不会丢失")
    q = outbox.summary(db)
    print(
        f"已上传 {result.sent} 条（{result.batches} 批）；被拒绝 {result.rejected} 条；本机待同步 {q.pending}、被拒绝共 {q.rejected}"
    )
    for kind, item, error in q.errors[:5]:
        print(f"  拒绝 {kind} {item}：{error}")
    if args.pull:
        from agent_assist.team.pull import pull_all

        try:
            got = pull_all(db, dsn)
        except TeamError as exc:
            return _err(str(exc))
        print("已下载：" + "，".join(f"{k} {v}" for k, v in got.items()))
    return 1 if q.rejected else 0


def run_publish_lists(args: argparse.Namespace) -> int:
    """Each list replaces the server's whole list; PCs get it with their next pull."""
    from agent_assist.team import migrate
    from agent_assist.team.connect import TeamError, configured_dsn, describe
    from agent_assist.team.publish import ListInvalid, publish_lists

    if not (args.reason_codes or args.departments or args.phrases):
        return _err("请至少给出 --reason-codes、--departments 或 --phrases 之一")
    dsn = args.dsn
    if not dsn:
        from agent_assist.storage import open_db

        dsn = configured_dsn(open_db())
    if not dsn:
        return _err("没有连接串：加 --dsn …，或先运行 agent-assist team use --dsn …")
    try:
        done = publish_lists(dsn, args.reason_codes, args.departments, args.phrases)
    except ListInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return _err("文件有错误，什么都没有发布（服务器上的列表保持不变）")
    except (TeamError, migrate.SchemaTooNew, migrate.SchemaMissing) as exc:
        return _err(f"{exc}\n什么都没有发布（服务器上的列表保持不变）")
    for name, (added, changed, removed, total) in done.counts.items():
        print(f"{name}：共 {total}（新增 {added}，修改 {changed}，删除 {removed}）")
    for note in done.notes:
        print(f"  注：{note}")
    print(f"已发布到 {describe(dsn)}；各坐席电脑下次同步（约10分钟内，或 team sync --pull）后生效")
    return 0
