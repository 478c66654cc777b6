"""The harness itself: a real server answers, and CI never silently skips."""

import psycopg


def test_server_answers(pg_server):
    with psycopg.connect(pg_server) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
    assert int(version) >= 140000  # the issue asks for PostgreSQL 14 or newer
