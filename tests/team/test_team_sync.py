"""The outbox and the pusher against a real server: local save first, exactly once in effect
(the same batch twice, a crash after the server committed, the server gone mid-batch, kill -9
mid-push, clock skew), rejected rows kept with their error and backoff."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from team.helpers import make_note

from agent_assist.notes import AmendmentStore, FollowUpStore, NoteStore, reason_codes_for
from agent_assist.storage import open_db
from agent_assist.team import outbox
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN, TeamError
from agent_assist.team.hook import install, uninstall
from agent_assist.team.payloads import note_payload
from agent_assist.team.pusher import push_all, status

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def agent(team_db):
    return add_user(team_db, "s301", "agent", "三组").dsn


@pytest.fixture
def local(agent, monkeypatch):
    """A PC in team mode: its own SQLite store (the test's data dir), the hook, the agent's DSN."""
    monkeypatch.setenv(ENV_DSN, agent)
    install()
    db = open_db()
    yield db
    uninstall()
    db.conn.close()


def server_count(owner_dsn: str, table: str = "notes", where: str = "TRUE", params=()) -> int:
    with psycopg.connect(owner_dsn) as conn:
        return conn.execute(
            f"SELECT count(*) FROM agent_assist.{table} WHERE {where}", list(params)
        ).fetchone()[0]


def add_notes(db, n: int, start: int = 0, agent_no: str = "s301") -> list:
    store = NoteStore(db)
    return [store.add(make_note(agent_no, start + i)) for i in range(n)]


def uuids_of(db, notes) -> list[str]:
    return [outbox.note_uuid(db, n.id) for n in notes]


def test_team_mode_off_queues_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_DSN, raising=False)
    install()
    try:
        db = open_db(tmp_path / "solo.db")
        add_notes(db, 3)
        assert status(db).state == "off"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not {t for t in tables if t.startswith("team_")}  # nothing changes at all
    finally:
        uninstall()


def test_note_is_saved_locally_and_queued_in_the_same_transaction(local, team_db, agent):
    codes = reason_codes_for(REPO / "knowledge")
    from agent_assist.notes import NoteDraft

    draft = NoteDraft(
        agent_no="s301",
        reason_text="宽带断网三天",
        reason_codes="1",
        emotion_start="不满",
        emotion_end="平静",
        stage="受理",
        handling_minutes="6",
    )
    note = NoteStore(local).submit(draft, codes)
    assert outbox.summary(local).pending == 1  # no network involved in the save
    assert status(local).label == "待同步 1"
    result = push_all(local, agent)
    assert result.sent == 1
    assert server_count(team_db, where="uuid = %s", params=[outbox.note_uuid(local, note.id)]) == 1
    assert outbox.summary(local).pending == 0
    assert status(local).label == "已同步"


def test_amendment_and_followup_outcome_reach_the_server(local, team_db, agent):
    codes = reason_codes_for(REPO / "knowledge")
    (note,) = add_notes(local, 1, start=6)  # i=6: a deadline, so a follow-up
    AmendmentStore(NoteStore(local)).amend(note.id, {"solution": "退费30元"}, "s301", codes)
    fu = FollowUpStore(local).for_note(note.id)
    FollowUpStore(local).close(fu.id, "已退费，客户确认", 5, "s301")
    assert [k for k, _, _ in _kinds(local)] == ["note", "amendment", "followup_outcome"]
    push_all(local, agent)
    u = outbox.note_uuid(local, note.id)
    with psycopg.connect(team_db) as conn:
        assert conn.execute(
            "SELECT solution, amendments FROM agent_assist.notes WHERE uuid = %s", [u]
        ).fetchone() == ("退费30元", 1)
        assert conn.execute(
            "SELECT outcome, satisfaction FROM agent_assist.followups WHERE note_uuid = %s", [u]
        ).fetchone() == ("已退费，客户确认", 5)


def _kinds(db):
    return db.execute("SELECT kind, uuid, rejected FROM team_outbox ORDER BY id").fetchall()


def test_same_batch_twice_and_crash_after_commit_land_once(local, team_db, agent, monkeypatch):
    notes = add_notes(local, 20, start=100)
    items = outbox.due(local, 100)
    real_mark_sent = outbox.mark_sent

    def crash(db, ids):  # the PC dies after the server committed, before the outbox forgot
        raise SystemExit("power cut")

    monkeypatch.setattr(outbox, "mark_sent", crash)
    with pytest.raises(SystemExit):
        push_all(local, agent)
    monkeypatch.setattr(outbox, "mark_sent", real_mark_sent)
    assert len(outbox.due(local, 100)) == len(items)  # still queued locally
    # the same batch, sent again (twice more, by hand and by the pusher)
    from agent_assist.team.pusher import push_batch

    with psycopg.connect(agent) as conn:
        push_batch(local, conn, items)
    push_all(local, agent)
    ids = uuids_of(local, notes)
    assert server_count(team_db, where="uuid = ANY(%s::uuid[])", params=[ids]) == 20
    assert outbox.summary(local).pending == 0


def test_unreachable_server_keeps_the_queue_and_says_offline(local, team_db, agent):
    from agent_assist.team.throwaway import free_port

    notes = add_notes(local, 5, start=200)
    with pytest.raises(TeamError) as info:
        push_all(local, f"host=127.0.0.1 port={free_port()} dbname=x user=x connect_timeout=2")
    assert info.value.kind == "offline"
    st = status(local)
    assert st.state == "offline" and st.pending == 5 and "无法连接" in st.last_error
    assert st.label == "离线 · 待同步 5"
    push_all(local, agent)
    assert (
        server_count(team_db, where="uuid = ANY(%s::uuid[])", params=[uuids_of(local, notes)]) == 5
    )
    assert status(local).label == "已同步"


def test_server_gone_mid_batch_loses_nothing(local, team_db, agent):
    """The pusher's connection is killed while its batch waits inside the server transaction."""
    notes = add_notes(local, 50, start=300)
    with psycopg.connect(team_db) as owner:
        owner.execute("LOCK TABLE agent_assist.notes IN EXCLUSIVE MODE")  # the batch will wait
        errors: list[Exception] = []

        def push():
            try:
                push_all(local_thread_db, agent)
            except Exception as exc:
                errors.append(exc)

        local_thread_db = open_db()
        t = threading.Thread(target=push)
        t.start()
        pid = _wait_for_waiting_backend(team_db)
        with psycopg.connect(team_db, autocommit=True) as killer:
            killer.execute("SELECT pg_terminate_backend(%s)", [pid])
        t.join(30)
        owner.rollback()
    assert errors and isinstance(errors[0], TeamError) and errors[0].kind == "offline"
    assert (
        server_count(team_db, where="uuid = ANY(%s::uuid[])", params=[uuids_of(local, notes)]) == 0
    )
    assert outbox.summary(local).pending == 50
    push_all(local, agent)
    assert (
        server_count(team_db, where="uuid = ANY(%s::uuid[])", params=[uuids_of(local, notes)]) == 50
    )


def _wait_for_waiting_backend(owner_dsn: str, app: str = "agent-assist") -> int:
    deadline = time.monotonic() + 20
    with psycopg.connect(owner_dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s"
                " AND wait_event_type = 'Lock'",
                [app],
            ).fetchone()
            if row:
                return row[0]
            time.sleep(0.05)
    raise AssertionError("the pusher never reached the server")


def test_kill_9_mid_push_then_resume_lands_each_note_once(local, team_db, agent, tmp_path):
    """A real ``team sync`` process is SIGKILLed while pushing (several times), then finishes."""
    notes = add_notes(local, 1500, start=1000)
    env = {**os.environ, ENV_DSN: agent, "PYTHONPATH": str(REPO)}  # same data dir
    ids = uuids_of(local, notes)
    kills = 0
    for _ in range(3):
        before = server_count(team_db, where="uuid = ANY(%s::uuid[])", params=[ids])
        proc = subprocess.Popen(
            [sys.executable, "-m", "agent_assist", "team", "sync", "--batch", "50"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if server_count(team_db, where="uuid = ANY(%s::uuid[])", params=[ids]) > before:
                break
            time.sleep(0.01)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 1
    done = subprocess.run(
        [sys.executable, "-m", "agent_assist", "team", "sync"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with psycopg.connect(team_db) as conn:
        got = conn.execute(
            "SELECT count(*), count(DISTINCT uuid) FROM agent_assist.notes WHERE uuid = ANY(%s::uuid[])",
            [ids],
        ).fetchone()
    assert got == (1500, 1500)


def test_clock_skew_neither_blocks_nor_duplicates(local, team_db, agent):
    """PC clock two days ahead when a row was rejected, then corrected: the row is retried (not
    parked for days), and every note arrives once; server times are the server's own."""
    good = add_notes(local, 3, start=400)
    bad = outbox.enqueue(
        local, "note", {**note_payload(good[0], "x"), "uuid": None, "reason_text": ""}
    )
    future = time.time() + 2 * 86400
    result = push_all(local, agent, now=future)
    assert result.sent == 3 and result.rejected == 1
    assert outbox.due(local, 10, now=future) == []  # backed off, no hot loop
    # the clock is put right: the row's retry time is now further ahead than any backoff
    assert [i.uuid for i in outbox.due(local, 10)] == [bad]
    push_all(local, agent)
    assert (
        server_count(team_db, where="uuid = ANY(%s::uuid[])", params=[uuids_of(local, good)]) == 3
    )
    with psycopg.connect(team_db) as conn:
        skew = conn.execute(
            "SELECT max(abs(extract(epoch FROM received_at - now()))) FROM agent_assist.notes"
            " WHERE uuid = ANY(%s::uuid[])",
            [uuids_of(local, good)],
        ).fetchone()[0]
    assert skew < 3600  # stamped by the server, not by the skewed PC


def test_rejected_rows_stay_with_their_error_and_show_in_status(local, team_db, agent, capsys):
    good = add_notes(local, 2, start=500)
    foreign = add_notes(local, 1, start=510, agent_no="s999")  # not this login: RLS says no
    bad = outbox.enqueue(
        local, "note", {**note_payload(good[0], "x"), "uuid": None, "handling_minutes": -1}
    )
    result = push_all(local, agent)
    assert (result.sent, result.rejected) == (2, 2)
    rows = {
        u: (r, e) for u, r, e in local.execute("SELECT uuid, rejected, last_error FROM team_outbox")
    }
    assert rows[bad][0] == 1 and "handling_minutes" in rows[bad][1]
    assert "行级安全" in rows[outbox.note_uuid(local, foreign[0].id)][1]
    again = push_all(local, agent)  # not retried in a hot loop
    assert again.sent == again.rejected == 0
    from agent_assist.cli import main

    assert main(["team", "status"]) == 0
    out = capsys.readouterr().out
    assert "被服务器拒绝 2" in out and "行级安全" in out and "handling_minutes" in out


def test_note_and_outbox_row_commit_or_roll_back_together(local, monkeypatch):
    store = NoteStore(local)
    real = local.execute

    def failing(sql, *args, **kwargs):
        if sql.startswith("DELETE FROM note_drafts"):
            raise RuntimeError("disk full")  # after the note and its outbox row were written
        return real(sql, *args, **kwargs)

    from agent_assist.notes import NoteDraft

    draft = NoteDraft(
        agent_no="s301",
        reason_text="宽带断网三天",
        reason_codes="1",
        emotion_start="不满",
        emotion_end="平静",
        stage="受理",
        handling_minutes="6",
    )
    monkeypatch.setattr(local, "execute", failing)
    with pytest.raises(RuntimeError):
        store.submit(draft, reason_codes_for(REPO / "knowledge"))
    monkeypatch.setattr(local, "execute", real)
    assert store.count() == 0 and outbox.summary(local).pending == 0


def test_a_failing_outbox_never_loses_the_local_save(local, monkeypatch):
    def broken(db, note):
        raise RuntimeError("outbox table locked")

    monkeypatch.setattr(outbox, "enqueue_note", broken)
    (note,) = add_notes(local, 1, start=700)
    assert NoteStore(local).get(note.id) is not None  # saved, whatever team mode did
    monkeypatch.undo()
    monkeypatch.setenv(ENV_DSN, os.environ.get(ENV_DSN, ""))
    assert outbox.backfill_notes(local) == 1  # `team sync --backfill` catches it up


def test_feedback_study_tier_and_search_reach_the_server_once(local, team_db, agent):
    """Issue 11 item 5: every kind of agent work, saved through the real stores, is queued and
    lands exactly once (pushed twice), stamped with this login's agent number."""
    from agent_assist.knowledge import FeedbackStore, StudyQueue, TierStore

    FeedbackStore(local).add("billing.detail", "outdated", "第三步的入口已改到“我的账单”")
    StudyQueue(local, "s301").rate("billing.detail", 3)
    tiers = TierStore(local, "s301")
    tiers.set_tier("billing.detail", 2)
    tiers.log_open("billing.detail", "话费明细怎么查")
    queued = [k for (k,) in local.execute("SELECT kind FROM team_outbox WHERE rejected = 0")]
    assert sorted(queued) == ["feedback", "search", "study", "tier"]
    push_all(local, agent)
    push_all(local, agent)  # nothing left to send, nothing doubled
    with psycopg.connect(team_db) as conn:
        rows = conn.execute(
            "SELECT kind, count(*), min(agent_no), max(data->>'pid') FROM agent_assist.events"
            " WHERE agent_no = 's301' GROUP BY kind ORDER BY kind"
        ).fetchall()
    assert rows == [
        ("feedback", 1, "s301", "billing.detail"),
        ("search", 1, "s301", "billing.detail"),
        ("study", 1, "s301", "billing.detail"),
        ("tier", 1, "s301", "billing.detail"),
    ]
    assert outbox.summary(local).pending == 0
