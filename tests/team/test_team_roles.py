"""Roles enforced by the database: logged in as agent A, A cannot read B's notes, cannot write a
note as B, cannot edit a submitted note (amendments only), cannot read other agents' phone
numbers; a lead reads the team's notes with masked phones only; a KB owner reads feedback."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from team.helpers import insert_notes, server_note

from agent_assist.team import migrate
from agent_assist.team.admin import add_user, login_for
from agent_assist.team.connect import TeamError, connect


@pytest.fixture(scope="module")
def users(team_db):
    made = {
        "A": add_user(team_db, "t101", "agent", "一组"),
        "B": add_user(team_db, "t102", "agent", "一组"),
        "M": add_user(team_db, "t201", "agent", "二组"),
        "L": add_user(team_db, "t100", "lead", "一组"),
        "K": add_user(team_db, "t900", "kb-owner", ""),
    }
    notes = {}
    for who, no in (("A", "t101"), ("B", "t102"), ("M", "t201")):
        payload = server_note(no, 1)
        payload["customer_phone"] = {"A": "13800000001", "B": "13900000002", "M": "13700000003"}[
            who
        ]
        with psycopg.connect(made[who].dsn) as conn:
            insert_notes(conn, [payload])
        notes[who] = payload["uuid"]
    return made, notes


def as_(users, who):
    return psycopg.connect(users[0][who].dsn, autocommit=True)


def test_add_user_prints_a_dsn_without_password(users, team_db):
    made, _ = users
    assert made["A"].login == login_for("t101") == "aa_t101"
    assert "password" not in made["A"].dsn and "user=aa_t101" in made["A"].dsn
    # logins are cluster-wide and outlive a test database: a new one shows its password once
    no = f"t{uuid.uuid4().hex[:8]}"
    new = add_user(team_db, no, "agent", "一组")
    assert new.password  # shown once to the admin
    assert "password" not in new.dsn and f"user=aa_{no}" in new.dsn
    assert add_user(team_db, no, "agent", "一组").password == ""  # not again


def test_agent_reads_only_own_notes(users):
    _, notes = users
    with as_(users, "A") as conn:
        seen = {str(r[0]) for r in conn.execute("SELECT uuid FROM agent_assist.notes")}
        phones = [r[0] for r in conn.execute("SELECT customer_phone FROM agent_assist.notes")]
    assert seen == {notes["A"]}
    assert phones == ["13800000001"]  # its own number, nobody else's


def test_agent_cannot_write_a_note_as_someone_else(users):
    with as_(users, "A") as conn, pytest.raises(errors.InsufficientPrivilege, match="row-level"):
        insert_notes(conn, [server_note("t102", 2)])


def test_empty_agent_number_is_filled_from_the_login(users, team_db):
    payload = server_note("", 3)
    with as_(users, "A") as conn:
        insert_notes(conn, [payload])
    with psycopg.connect(team_db) as owner:
        row = owner.execute(
            "SELECT agent_no, team FROM agent_assist.notes WHERE uuid = %s", [payload["uuid"]]
        ).fetchone()
    assert row == ("t101", "一组")


def test_submitted_note_cannot_be_edited_or_deleted(users):
    _, notes = users
    with as_(users, "A") as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(
                "UPDATE agent_assist.notes SET reason_text = 'x' WHERE uuid = %s", [notes["A"]]
            )
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("DELETE FROM agent_assist.notes WHERE uuid = %s", [notes["A"]])


def _amendment(note_uuid: str, agent_no: str, seq: int, after: dict) -> dict:
    return {
        "uuid": str(uuid.uuid4()),
        "note_uuid": note_uuid,
        "agent_no": agent_no,
        "seq": seq,
        "amended_at": "2026-11-03 10:00:00",
        "amended_by": agent_no,
        "changes": [{"field": "solution", "old": "", "new": "退费30元"}],
        "reason": "补充方案",
        "note_after": after,
    }


def test_amendment_corrects_own_note_but_not_anothers(users, team_db):
    from agent_assist.team.pusher import _INSERTS

    _, notes = users
    with psycopg.connect(team_db) as owner:
        cols = owner.execute(
            "SELECT to_jsonb(n) FROM agent_assist.notes n WHERE uuid = %s", [notes["A"]]
        ).fetchone()[0]
    after = {**cols, "solution": "退费30元"}
    with as_(users, "A") as conn:
        conn.execute(
            _INSERTS["amendment"], [json.dumps([_amendment(notes["A"], "t101", 1, after)])]
        )
        assert conn.execute(
            "SELECT solution, amendments FROM agent_assist.notes WHERE uuid = %s", [notes["A"]]
        ).fetchone() == ("退费30元", 1)
        with pytest.raises(errors.InsufficientPrivilege, match="row-level"):
            conn.execute(
                _INSERTS["amendment"],
                [json.dumps([_amendment(notes["B"], "t101", 1, {**after, "uuid": notes["B"]})])],
            )


def test_lead_reads_team_notes_with_masked_phones_only(users):
    _, notes = users
    with as_(users, "L") as conn:
        rows = dict(
            (str(u), m)
            for u, m in conn.execute("SELECT uuid, customer_phone_masked FROM agent_assist.notes")
        )
        assert notes["A"] in rows and notes["B"] in rows and notes["M"] not in rows
        assert rows[notes["A"]] == "138****0001"
        with pytest.raises(errors.InsufficientPrivilege, match="permission denied"):
            conn.execute("SELECT customer_phone FROM agent_assist.notes")


def test_kb_owner_reads_feedback_not_notes(users):
    from agent_assist.team.pusher import _INSERTS

    events = [
        {
            "uuid": str(uuid.uuid4()),
            "kind": k,
            "agent_no": "",
            "at": "2026-11-03 10:00:00",
            "data": {"pid": "p1"},
        }
        for k in ("feedback", "study")
    ]
    with as_(users, "A") as conn:
        conn.execute(_INSERTS["event"], [json.dumps(events)])
    with as_(users, "K") as conn:
        kinds = {r[0] for r in conn.execute("SELECT kind FROM agent_assist.events")}
        assert kinds == {"feedback"}
        assert conn.execute("SELECT count(*) FROM agent_assist.notes").fetchone()[0] == 0
    with as_(users, "B") as conn:
        assert conn.execute("SELECT count(*) FROM agent_assist.events").fetchone()[0] == 0


def test_wrong_password_is_named(users, pg_server):
    params = conninfo_to_dict(users[0]["A"].dsn)
    params.update(host="127.0.0.1", password="not-the-password")
    with pytest.raises(TeamError) as info:
        connect(make_conninfo(**params))
    assert info.value.kind == "auth" and "密码错误" in str(info.value)


def test_unreachable_server_is_named():
    from agent_assist.team.throwaway import free_port

    with pytest.raises(TeamError) as info:
        connect(f"host=127.0.0.1 port={free_port()} user=x dbname=x connect_timeout=2")
    assert info.value.kind == "offline" and "无法连接" in str(info.value)


def test_server_schema_newer_than_the_app_is_refused(fresh_db):
    from agent_assist.team.admin import init_schema

    init_schema(fresh_db)
    with psycopg.connect(fresh_db) as conn:
        conn.execute(
            "INSERT INTO agent_assist.schema_migrations (version, name) VALUES (%s, 'future')",
            [migrate.app_version() + 1],
        )
        conn.commit()
        with pytest.raises(migrate.SchemaTooNew, match="请先升级"):
            migrate.check_version(conn)
