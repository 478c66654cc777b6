#!/usr/bin/env python3
"""``report search --team`` at scale: N search sessions generated server-side (generate_series,
shaped like the ones the PCs push: abandoned, flagged, reformulated, opened at ranks 1–10), then
the team search report timed — whole centre, one month, one agent, a lead's team (row-level
security on) — split into the server's aggregates and the PC's suggestion step. Prints numbers;
asserts only that the report covers the sessions, never times.

usage:
  python bench/bench_team_search.py --dsn "host=/tmp/… user=postgres dbname=postgres"
  python bench/bench_team_search.py --sessions 1000000
  python bench/bench_team_search.py          # a throwaway cluster (needs the server binaries)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent.parent))

import psycopg  # noqa: E402
from psycopg.conninfo import conninfo_to_dict, make_conninfo  # noqa: E402

from agent_assist.knowledge import load_kb  # noqa: E402
from agent_assist.learning.report import kb_texts, report_from, search_words  # noqa: E402
from agent_assist.storage import shipped_kb_dir  # noqa: E402
from agent_assist.team.admin import add_user, init_schema  # noqa: E402
from agent_assist.team.migrate import SCHEMA as S  # noqa: E402
from agent_assist.team.search_report import team_search_aggregates  # noqa: E402

QUERIES = [
    "家里网络老掉线",
    "宽带连不上",
    "手机没信号",
    "话费怎么扣这么多",
    "流量用超了怎么办",
    "套餐怎么改便宜点",
    "出国了打不了电话",
    "彩铃怎么退",
    "发票开不出来",
    "银行代扣没扣上",
    "补卡要带什么",
    "光猫灯一直闪红色的",
    "积分兑换",
    "密码忘了",
    "合约到期了",
    "号码停机了",
]


def _with_db(dsn: str, name: str) -> str:
    params = conninfo_to_dict(dsn)
    params["dbname"] = name
    return make_conninfo(**params)


def generate(dsn: str, sessions: int, pids: list[str]) -> None:
    """``sessions`` search events over 90 days, 100 agents in 10 teams."""
    with psycopg.connect(dsn) as conn:
        # the agents' rows (no logins needed): the insert trigger files each event under its team
        conn.execute(
            f"INSERT INTO {S}.agents (login, agent_no, team, role) SELECT 'bench_b' || i,"
            " 'b' || i, 't' || (i % 10), 'agent' FROM generate_series(0, 99) AS i"
            " ON CONFLICT DO NOTHING"
        )
        conn.execute(
            f"INSERT INTO {S}.events (uuid, kind, agent_no, team, at, data)"
            " SELECT gen_random_uuid(), 'search', 'b' || (i %% 100), 't' || (i %% 10),"
            " TIMESTAMP '2026-09-01' + (i * (90 * 86400.0 / %(n)s)) * INTERVAL '1 second',"
            " jsonb_build_object('session', jsonb_build_object("
            "  'query', q1, 'chain', CASE WHEN i %% 4 = 0 THEN jsonb_build_array(q0, q1)"
            "   ELSE jsonb_build_array(q1) END,"
            "  'shown', '[]'::jsonb, 'results', CASE WHEN i %% 7 = 0 THEN 0 ELSE 10 END,"
            "  'opened', CASE WHEN i %% 7 = 0 OR i %% 11 = 0 THEN '' ELSE pid END,"
            "  'rank', CASE WHEN i %% 7 = 0 OR i %% 11 = 0 THEN 0 ELSE 1 + i %% 10 END,"
            "  'open_s', 4.5, 'missing', i %% 29 = 0, 'agent', 'b' || (i %% 100),"
            "  'started', extract(epoch FROM TIMESTAMP '2026-09-01') + i * (90 * 86400.0 / %(n)s)))"
            " FROM (SELECT i, (%(q)s::text[])[1 + (i * 7) %% %(nq)s] AS q0,"
            "  (%(q)s::text[])[1 + (i * 13 / 3) %% %(nq)s] AS q1,"
            "  (%(p)s::text[])[1 + (i * 31) %% %(np)s] AS pid"
            "  FROM generate_series(1, %(n)s) AS i) g",
            {"n": sessions, "q": QUERIES, "nq": len(QUERIES), "p": pids, "np": len(pids)},
        )
        conn.execute(f"ANALYZE {S}.events")


def timed(label: str, names: dict[str, str], **kwargs) -> None:
    t0 = time.perf_counter()
    agg = team_search_aggregates(**kwargs)
    t1 = time.perf_counter()
    report = report_from(agg, names, search_words)
    t2 = time.perf_counter()
    assert report.sessions > 0
    print(
        f"  {label:<40} {report.sessions:>9,} sessions  server {1000 * (t1 - t0):7.0f} ms"
        f"  suggestions {1000 * (t2 - t1):5.0f} ms  ({len(agg.paths)} paths)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dsn", default="", help="a superuser DSN (default: a throwaway cluster)")
    ap.add_argument("--sessions", type=int, default=1_000_000)
    args = ap.parse_args()
    cluster = None
    dsn = args.dsn
    if not dsn:
        from agent_assist.team.throwaway import start_cluster

        cluster = start_cluster()
        dsn = cluster.dsn
    name = f"aa_bench_search_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = _with_db(dsn, name)
    try:
        init_schema(db)
        owner = add_user(db, "bench-kb", "kb-owner").dsn
        lead = add_user(db, "bench-lead", "lead", "t3").dsn
        names, _ = kb_texts(load_kb(shipped_kb_dir()))
        t0 = time.perf_counter()
        generate(db, args.sessions, sorted(names))
        print(f"generated {args.sessions:,} search sessions in {time.perf_counter() - t0:.1f} s")
        search_words("预热")  # jieba's dictionary loads once per process, not per report
        timed("KB owner, whole centre, 90 days", names, dsn=owner)
        timed(
            "KB owner, one month",
            names,
            first=dt.datetime(2026, 10, 1),
            end=dt.datetime(2026, 11, 1),
            dsn=owner,
        )
        timed("KB owner, one agent (--agent b7)", names, agent="b7", dsn=owner)
        timed("lead, own team (row-level security)", names, dsn=lead)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if cluster is not None:
            cluster.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
