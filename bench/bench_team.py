#!/usr/bin/env python3
"""Team mode at scale, against a real PostgreSQL on this machine (loopback / unix socket only).
Prints numbers; asserts only correctness (every note exactly once), never times.

  push     200 simulated agents (each its own SQLite store and login) file 50 notes each, then all
           push at once (one thread per agent): notes/s, and every one of the 10,000 on the server
           exactly once
  outage   the server is stopped for --outage seconds while 20 agents keep filing notes: local save
           latency while offline (the agent never waits), failed push attempts (fast: connection
           refused), then the drain time after the server is back, exactly once again
  reports  1,000,000 notes generated server-side (generate_series), then each team report timed:
           whole centre, one month, one agent, a lead's team (row-level security on)

usage:
  python bench/bench_team.py                       # throwaway cluster (fsync on), everything
  python bench/bench_team.py --only push,reports --notes 1000000
  python bench/bench_team.py --dsn "host=/tmp/… user=postgres dbname=postgres"   # an existing server
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent.parent))

import psycopg  # noqa: E402
from psycopg.conninfo import conninfo_to_dict, make_conninfo  # noqa: E402

from agent_assist.notes import Note, NoteFilter, NoteStore, reason_codes_for  # noqa: E402
from agent_assist.storage import open_db, shipped_kb_dir  # noqa: E402
from agent_assist.team import outbox  # noqa: E402
from agent_assist.team.admin import add_user, init_schema  # noqa: E402
from agent_assist.team.connect import TeamError  # noqa: E402
from agent_assist.team.hook import install  # noqa: E402
from agent_assist.team.local_state import set_state  # noqa: E402
from agent_assist.team.pusher import push_all  # noqa: E402
from agent_assist.team.reports import build_team_report  # noqa: E402

EMOTIONS = ("平静", "焦虑", "不满", "愤怒")
STAGES = ("受理", "解释澄清", "提出方案", "回访")


def note(agent_no: str, i: int) -> Note:
    start = dt.datetime(2026, 11, 2, 8) + dt.timedelta(minutes=13 * i)
    return Note(
        started_at=start,
        ended_at=start + dt.timedelta(minutes=6),
        submitted_at=start + dt.timedelta(minutes=7),
        agent_name=f"坐席{agent_no}",
        agent_no=agent_no,
        reason_text=f"客户说上个月话费多扣了{i % 90 + 10}元",
        reason_codes=(1 + i % 12,) if i % 3 else (1 + i % 12, 13),
        emotion_start=EMOTIONS[i % 4],
        emotion_end=EMOTIONS[(i * 3) % 4],
        stage=STAGES[i % 4],
        handling_minutes=round(2 + (i * 37 % 100) / 10, 1),
        customer_phone=f"139{i % 100000000:08d}",
        repeat_call=i % 4 == 0,
        previous_calls=1 if i % 4 == 0 else 0,
        deadline=start + dt.timedelta(days=1) if i % 5 == 0 else None,
    )


def with_db(dsn: str, dbname: str) -> str:
    p = conninfo_to_dict(dsn)
    p["dbname"] = dbname
    return make_conninfo(**p)


def fresh_database(admin_dsn: str) -> str:
    name = f"aa_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    dsn = with_db(admin_dsn, name)
    init_schema(dsn)
    return dsn


def drop_database(admin_dsn: str, dsn: str) -> None:
    name = conninfo_to_dict(dsn)["dbname"]
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_agents(
    dsn: str, n: int, per: int, root: Path, prefix: str
) -> list[tuple[str, object, str]]:
    """(agent_no, local db, login DSN) for n agents, each with ``per`` notes queued locally."""
    agents = []
    for a in range(n):
        no = f"{prefix}{a:04d}"
        login = add_user(dsn, no, "agent", f"T{a % 20:02d}").dsn
        db = open_db(root / f"{no}.db")
        set_state(db, dsn=login)  # team mode on for this PC
        NoteStore(db).add_many(note(no, a * per + i) for i in range(per))
        agents.append((no, db, login))
    return agents


def server_counts(dsn: str, prefix: str) -> tuple[int, int]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(
            "SELECT count(*), count(DISTINCT uuid) FROM agent_assist.notes WHERE agent_no LIKE %s",
            [prefix + "%"],
        ).fetchone()


def bench_push(dsn: str, agents_n: int, per: int, root: Path) -> None:
    t0 = time.perf_counter()
    agents = make_agents(dsn, agents_n, per, root, "p")
    print(
        f"push: {agents_n} agents × {per} notes filed locally and queued in {time.perf_counter() - t0:.1f} s"
    )
    barrier = threading.Barrier(agents_n + 1)
    errors: list[str] = []

    def run(no, db, login):
        local = open_db(root / f"{no}.db")
        barrier.wait()
        try:
            push_all(local, login)
        except Exception as exc:
            errors.append(f"{no}: {exc}")

    threads = [threading.Thread(target=run, args=a) for a in agents]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    total, distinct = server_counts(dsn, "p")
    expected = agents_n * per
    print(
        f"push: {expected} notes from {agents_n} agents at once in {wall:.2f} s → "
        f"{expected / wall:,.0f} notes/s; on the server: {total} rows, {distinct} distinct"
    )
    assert not errors, errors[:3]
    assert total == distinct == expected, "not exactly once!"
    left = sum(outbox.summary(db).pending for _, db, _ in agents)
    assert left == 0


def bench_outage(dsn: str, cluster, seconds: float, root: Path) -> None:
    if cluster is None:
        print("outage: skipped (needs the throwaway cluster to stop the server)")
        return
    agents = make_agents(dsn, 20, 0, root, "o")
    print(f"outage: stopping the server for {seconds:.0f} s; 20 agents keep filing notes")
    cluster.stop("fast")
    saves: list[float] = []
    fails = attempts = 0
    i = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for no, db, _ in agents:
            t0 = time.perf_counter()
            NoteStore(db).add(note(no, 100_000 + i))
            saves.append((time.perf_counter() - t0) * 1000)
            i += 1
        for _, db, login in agents[:5]:  # what the background pushers do (they back off)
            attempts += 1
            try:
                push_all(db, login)
            except TeamError:
                fails += 1
        time.sleep(1.0)
    queued = sum(outbox.summary(db).pending for _, db, _ in agents)
    saves.sort()
    print(
        f"outage: {len(saves)} notes saved locally while offline, save p50 {statistics.median(saves):.1f} ms,"
        f" p99 {saves[int(len(saves) * 0.99) - 1]:.1f} ms; {fails}/{attempts} push attempts failed"
        f" as 离线; queue {queued}"
    )
    cluster.start()
    t0 = time.perf_counter()
    for _, db, login in agents:
        push_all(db, login)
    drain = time.perf_counter() - t0
    total, distinct = server_counts(dsn, "o")
    print(
        f"outage: server back, queue of {queued} drained in {drain:.2f} s; server rows {total}, distinct {distinct}"
    )
    assert total == distinct == len(saves)


GENERATE = """
INSERT INTO agent_assist.notes (uuid, agent_no, team, started_at, ended_at, submitted_at, agent_name,
    customer_phone, reason_text, reason_codes, emotion_start, emotion_end, repeat_call, previous_calls,
    other_department, stage, resolved, escalated, escalated_to, deadline, customer_value,
    company_value, handling_minutes)
SELECT gen_random_uuid(), 'g' || lpad((i %% 1000)::text, 4, '0'), 'G' || lpad((i %% 1000 / 50)::text, 2, '0'),
    ts, ts + interval '6 min', ts + interval '7 min', '坐席' || (i %% 1000),
    '139' || lpad((i %% 100000000)::text, 8, '0'), '客户说话费多扣了' || (i %% 90 + 10) || '元',
    CASE WHEN i %% 3 = 0 THEN ARRAY[1 + i %% 12, 13] ELSE ARRAY[1 + i %% 12] END,
    (ARRAY['平静','焦虑','不满','愤怒'])[1 + i %% 4], (ARRAY['平静','焦虑','不满','愤怒'])[1 + (i * 3) %% 4],
    i %% 4 = 0, CASE WHEN i %% 4 = 0 THEN 1 + i %% 3 ELSE 0 END,
    (ARRAY['', '', '网络部', '营业厅'])[1 + i %% 4], (ARRAY['受理','解释澄清','提出方案','回访'])[1 + i %% 4],
    i %% 5 <> 1, i %% 7 = 0, CASE WHEN i %% 7 = 0 THEN '二线' ELSE '' END,
    CASE WHEN i %% 5 = 0 THEN ts + interval '1 day' END,
    (ARRAY['', '价值', '烦扰'])[1 + i %% 3], (ARRAY['', '烦扰', '价值'])[1 + (i / 3) %% 3],
    2 + (i * 37 %% 100) / 10.0
FROM generate_series(1, %s) AS i,
     LATERAL (SELECT timestamp '2026-01-01 08:00' + (i * 29 %% (365 * 24 * 60)) * interval '1 min' AS ts) t
"""


def bench_reports(dsn: str, n: int) -> None:
    t0 = time.perf_counter()
    with psycopg.connect(dsn) as conn:
        # bulk load with the row triggers off; their per-code facts and follow-ups filled set-wise
        conn.execute("SET session_replication_role = replica")
        conn.execute(GENERATE, [n])
        conn.execute(
            "INSERT INTO agent_assist.note_codes SELECT n.uuid, c, n.started_at, n.agent_no, n.team,"
            " n.repeat_call, n.handling_minutes, n.handling_minutes / cardinality(n.reason_codes),"
            " n.customer_value, n.company_value FROM agent_assist.notes n, unnest(n.reason_codes) c"
            " WHERE n.agent_no LIKE 'g%%'"
        )
        conn.execute(
            "INSERT INTO agent_assist.followups (note_uuid, agent_no, team, assigned_to, due_at,"
            " created_at, started_at, agent_name)"
            " SELECT uuid, agent_no, team, agent_no, deadline, submitted_at, started_at, agent_name"
            " FROM agent_assist.notes"
            " WHERE deadline IS NOT NULL AND agent_no LIKE 'g%%'"
        )
        conn.execute(
            "INSERT INTO agent_assist.rollup_dirty SELECT DISTINCT started_at::date FROM agent_assist.notes"
        )
        conn.execute("SET session_replication_role = DEFAULT")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE agent_assist.notes")
        conn.execute("VACUUM ANALYZE agent_assist.note_codes")
        conn.execute("VACUUM ANALYZE agent_assist.followups")
    print(f"reports: {n:,} notes generated server-side in {time.perf_counter() - t0:.1f} s")
    with psycopg.connect(dsn) as conn:
        t0 = time.perf_counter()
        days = conn.execute("SELECT agent_assist.refresh_rollups()").fetchone()[0]
        conn.commit()
        full = time.perf_counter() - t0
        conn.execute("INSERT INTO agent_assist.rollup_dirty VALUES (date '2026-06-15')")
        conn.commit()
        t0 = time.perf_counter()
        conn.execute("SELECT agent_assist.refresh_rollups()")
        conn.commit()
        one = time.perf_counter() - t0
    print(
        f"reports: rollups built for {days} days in {full:.1f} s; one dirty day refreshed in {one * 1000:.0f} ms"
    )
    lead = add_user(dsn, "g0000L", "lead", "G00").dsn
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "INSERT INTO agent_assist.agents (login, agent_no, team, role) VALUES ('x_g0001', 'g0001', 'G00', 'agent')"
            " ON CONFLICT DO NOTHING"
        )
        conn.commit()
    codes = reason_codes_for(shipped_kb_dir())
    cases = [
        ("whole centre, all time", dsn, NoteFilter()),
        (
            "whole centre, one month",
            dsn,
            NoteFilter(date_from=dt.date(2026, 6, 1), date_to=dt.date(2026, 6, 30)),
        ),
        ("one agent (工号), notes", dsn, NoteFilter(agent="g0007")),
        ("lead, own team (RLS)", lead, NoteFilter()),
    ]
    cases.append(("whole centre, scan of notes", dsn, NoteFilter(), False))
    for label, who, flt, *raw in cases:
        rollups = not raw
        with psycopg.connect(who) as conn:
            build_team_report(conn, flt, codes, 1.5, rollups=rollups)  # warm the cache once
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                r = build_team_report(conn, flt, codes, 1.5, rollups=rollups)
                times.append((time.perf_counter() - t0) * 1000)
        parts = ", ".join(f"{k} {v:.0f}" for k, v in r.timings_ms.items())
        print(
            f"reports: {label:<28} {r.calls:>9,} calls  best {min(times):6.0f} ms"
            f"  median {statistics.median(times):6.0f} ms  ({parts} ms)"
        )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--dsn", help="superuser DSN of an existing server (default: a throwaway cluster)"
    )
    ap.add_argument("--only", default="push,outage,reports")
    ap.add_argument("--agents", type=int, default=200)
    ap.add_argument("--per-agent", type=int, default=50)
    ap.add_argument("--outage", type=float, default=60.0, help="seconds the server is down")
    ap.add_argument("--notes", type=int, default=1_000_000, help="notes for the report timings")
    args = ap.parse_args()
    only = set(args.only.split(","))
    os.environ.pop("AGENT_ASSIST_TEAM_DSN", None)
    install()
    cluster = None
    admin = args.dsn or os.environ.get("AGENT_ASSIST_TEST_PG_DSN")
    if not admin:
        from agent_assist.team.throwaway import start_cluster

        cluster = start_cluster(durable=True)
        admin = cluster.dsn
    with psycopg.connect(admin) as conn:
        print(
            f"server: {conn.execute('SHOW server_version').fetchone()[0]}, {os.cpu_count()} cores"
            f"{' (throwaway cluster, fsync on)' if cluster else ''}"
        )
    dsn = fresh_database(admin)
    try:
        with tempfile.TemporaryDirectory(prefix="aa-bench-team-") as tmp:
            root = Path(tmp)
            if "push" in only:
                bench_push(dsn, args.agents, args.per_agent, root)
            if "outage" in only:
                bench_outage(dsn, cluster, args.outage, root)
            if "reports" in only:
                bench_reports(dsn, args.notes)
    finally:
        drop_database(admin, dsn)
        if cluster is not None:
            cluster.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
