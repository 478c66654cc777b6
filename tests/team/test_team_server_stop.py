"""The whole server stopped while a batch is inside its transaction (``pg_ctl stop -m
immediate``, like a power cut), then started again: nothing is lost, nothing arrives twice.

This needs a cluster of its own (the shared one cannot be stopped), so it starts a throwaway
cluster when the server binaries are installed; otherwise it skips with the reason — except under
``CI=true``, where ``.ci/run`` installs them and a skip would hide a failure.
"""

from __future__ import annotations

import os
import threading
import time

import psycopg
import pytest
from team.helpers import make_note

from agent_assist.notes import NoteStore
from agent_assist.storage import open_db
from agent_assist.team import outbox
from agent_assist.team.admin import add_user, init_schema
from agent_assist.team.connect import ENV_DSN, TeamError
from agent_assist.team.hook import install, uninstall
from agent_assist.team.pusher import push_all, status


@pytest.fixture(scope="module")
def cluster():
    from agent_assist.team.throwaway import start_cluster

    try:
        own = start_cluster()
    except RuntimeError as exc:
        reason = f"no PostgreSQL server binaries for a cluster of its own ({exc})"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    try:
        yield own
    finally:
        own.destroy()


def _waiting_backend(dsn: str) -> int:
    deadline = time.monotonic() + 20
    with psycopg.connect(dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'agent-assist'"
                " AND wait_event_type = 'Lock'"
            ).fetchone()
            if row:
                return int(row[0])
            time.sleep(0.05)
    raise AssertionError("the push never reached the server")


def test_server_stopped_mid_batch_loses_nothing(cluster, monkeypatch):
    init_schema(cluster.dsn)
    agent = add_user(cluster.dsn, "t701", "agent", "七组").dsn
    monkeypatch.setenv(ENV_DSN, agent)
    install()
    try:
        db = open_db()
        store = NoteStore(db)
        notes = [store.add(make_note("t701", i)) for i in range(40)]
        ids = [outbox.note_uuid(db, n.id) for n in notes]
        errors: list[Exception] = []

        def push() -> None:
            worker_db = open_db()
            try:
                push_all(worker_db, agent)
            except Exception as exc:
                errors.append(exc)
            finally:
                worker_db.conn.close()

        owner = psycopg.connect(cluster.dsn)
        owner.execute("LOCK TABLE agent_assist.notes IN EXCLUSIVE MODE")  # the batch waits
        pusher = threading.Thread(target=push)
        pusher.start()
        _waiting_backend(cluster.dsn)
        cluster.stop("immediate")  # the server goes away with the batch uncommitted
        pusher.join(60)
        assert not pusher.is_alive()
        try:
            owner.close()
        except psycopg.Error:
            pass
        assert errors and isinstance(errors[0], TeamError), errors
        assert errors[0].kind == "offline"
        assert outbox.summary(db).pending == 40  # every item still queued
        assert status(db).state == "offline"
        # and while it is down, the agent's next note is saved and queued like any other
        store.add(make_note("t701", 99))
        assert outbox.summary(db).pending == 41

        cluster.start()
        result = push_all(db, agent)
        assert (result.sent, result.rejected) == (41, 0)
        assert status(db).state == "synced"
        with psycopg.connect(cluster.dsn) as conn:
            got = conn.execute(
                "SELECT count(*), count(DISTINCT uuid) FROM agent_assist.notes"
                " WHERE uuid = ANY(%s::uuid[])",
                [ids],
            ).fetchone()
            assert got == (40, 40)
            assert conn.execute("SELECT count(*) FROM agent_assist.notes").fetchone()[0] == 41
    finally:
        uninstall()
