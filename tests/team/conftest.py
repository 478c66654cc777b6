"""The team tests run against a real PostgreSQL.

The server's superuser DSN comes from ``AGENT_ASSIST_TEST_PG_DSN`` (``.ci/run`` starts a throwaway
cluster and sets it). Without it, a throwaway cluster is started here when the server binaries are
installed; otherwise the tests skip with the reason printed — except under ``CI=true``, where a
missing server is a failure, never a skip.
"""

from __future__ import annotations

import os
import uuid

import pytest

ENV_DSN = "AGENT_ASSIST_TEST_PG_DSN"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_server():
    """Superuser DSN of a running server."""
    dsn = os.environ.get(ENV_DSN)
    if dsn:
        yield dsn
        return
    from agent_assist.team.throwaway import start_cluster

    try:
        cluster = start_cluster()
    except RuntimeError as exc:
        reason = f"no PostgreSQL for the team tests: set {ENV_DSN} or install postgresql ({exc})"
        print(reason)
        if _in_ci():
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    try:
        yield cluster.dsn
    finally:
        cluster.destroy()


def _with_db(dsn: str, dbname: str) -> str:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(dsn)
    params["dbname"] = dbname
    return make_conninfo(**params)


@pytest.fixture(scope="module")
def fresh_db(pg_server):
    """A new, empty database for one test module (dropped afterwards); its owner DSN."""
    import psycopg

    name = f"aa_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _with_db(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def team_db(fresh_db):
    """A database with the team schema applied (``team init``)."""
    from agent_assist.team.admin import init_schema

    init_schema(fresh_db)
    return fresh_db
