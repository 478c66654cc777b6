"""``sql/0004_search_sessions.sql``: a server that already holds pushed search events gets them
as ``search_sessions`` rows when it is upgraded, and new pushes are parsed as they arrive — the
chain's distinct queries in first-use order, defaults for what a session lacks, and the tiers'
'search' events (an open, not a session) left out."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from agent_assist.team import migrate
from agent_assist.team.migrate import SCHEMA as S

SESSION = {
    "query": "宽带连不上",
    "chain": ["网断了", "宽带连不上", "网断了"],
    "shown": ["a", "b"],
    "results": 2,
    "opened": "complaint.broadband-fault",
    "rank": 2,
    "open_s": 7.5,
    "missing": False,
    "agent": "x1",
    "started": 1_800_000_000.25,
}


def _event(conn, data: dict, at: str = "2027-01-15 09:00:00") -> str:
    u = str(uuid.uuid4())
    conn.execute(
        f"INSERT INTO {S}.events (uuid, kind, agent_no, at, data) VALUES (%s, 'search', 'x1', %s,"
        " %s::jsonb)",
        [u, at, json.dumps(data, ensure_ascii=False)],
    )
    return u


def _row(conn, u: str):
    return conn.execute(
        f"SELECT query, chain, chain_len, first_query, queries, results, opened, rank, missing,"
        f" started FROM {S}.search_sessions WHERE uuid = %s",
        [u],
    ).fetchone()


def test_upgrade_fills_old_events_and_new_ones_arrive_parsed(fresh_db, monkeypatch):
    shipped = migrate.steps()
    before = [s for s in shipped if s.version < 4]
    monkeypatch.setattr(migrate, "steps", lambda: before)  # a server from before step 4
    with psycopg.connect(fresh_db) as conn:
        migrate.apply(conn)
        old = _event(conn, {"session": SESSION})
        tiers = _event(conn, {"pid": "vas.ringback", "query": "彩铃", "agent": "x1"})
        conn.commit()
    monkeypatch.setattr(migrate, "steps", lambda: shipped)
    with psycopg.connect(fresh_db) as conn:
        assert 4 in [s.version for s in migrate.apply(conn)]
        assert _row(conn, old) == (
            "宽带连不上",
            ["网断了", "宽带连不上", "网断了"],
            3,
            "网断了",
            ["网断了", "宽带连不上"],  # distinct, first use first (what the suggestions read)
            2,
            "complaint.broadband-fault",
            2,
            False,
            1_800_000_000.25,
        )
        assert _row(conn, tiers) is None
        # pushed after the upgrade: parsed by the trigger; a bare session gets the defaults
        bare = _event(conn, {"session": {"query": "查话费"}}, at="2027-01-16 10:30:00")
        conn.commit()
        assert _row(conn, bare) == (
            "查话费",
            [],
            0,
            "查话费",
            ["查话费"],
            0,
            "",
            0,
            False,
            pytest.approx(_epoch(conn, "2027-01-16 10:30:00")),
        )


def _epoch(conn, at: str) -> float:
    return float(conn.execute("SELECT extract(epoch FROM %s::timestamp)", [at]).fetchone()[0])
