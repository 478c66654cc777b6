"""What a PC pulls from the team server: team phrases (managed by leads, overlaying
``phrases.yaml``), reason codes and departments (the centre's lists), the follow-ups a lead
assigned to this agent for a colleague's note (a colleague calls back when the owner is off),
and the login's role (:mod:`agent_assist.team.roles`).

Everything is copied into local tables (``local_state.py``) in one transaction per
pull, so the app reads them offline and a failed pull keeps the previous copy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from agent_assist.storage import Database
from agent_assist.team import migrate, outbox
from agent_assist.team.connect import connect, explain, one
from agent_assist.team.roles import remember_role

S = migrate.SCHEMA


@dataclass(frozen=True)
class AssignedFollowUp:
    note_uuid: str
    owner_no: str  # the colleague whose note it is
    due_at: dt.datetime
    customer_name: str
    customer_phone: str  # masked: the caller does not own the note
    reason_text: str
    assigned_by: str

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        return self.due_at < (now or dt.datetime.now())


def pull_all(db: Database, dsn: str) -> dict[str, int]:
    """Refresh every pulled table from the server; returns how many rows each got. A failure
    keeps the previous copy and is remembered (``last_pull_error``, shown by ``team status``)."""
    from agent_assist.team.connect import TeamError

    outbox.ensure_schema(db)
    try:
        return _pull_all(db, dsn)
    except (TeamError, migrate.SchemaTooNew, migrate.SchemaMissing) as exc:
        outbox.set_state(db, last_pull_error=str(exc))
        raise


def _pull_all(db: Database, dsn: str) -> dict[str, int]:
    import psycopg

    try:
        with connect(dsn) as conn:
            migrate.check_version(conn)
            role = one(conn.execute(f"SELECT {S}.role_of(current_user)"))[0]
            phrases = conn.execute(
                f"SELECT id, team, category, title, text, updated_by, updated_at::text"
                f" FROM {S}.team_phrases ORDER BY team, category, id"
            ).fetchall()
            codes = conn.execute(
                f"SELECT code, name, category FROM {S}.reason_codes ORDER BY code"
            ).fetchall()
            departments = conn.execute(f"SELECT name FROM {S}.departments ORDER BY name").fetchall()
            assigned = conn.execute(
                f"SELECT note_uuid::text, owner_no, due_at::text, customer_name,"
                f" customer_phone_masked, reason_text, assigned_by FROM {S}.assigned_followups()"
            ).fetchall()
    except psycopg.Error as exc:
        raise explain(exc, dsn) from None
    with db.atomic():
        # a call-back already recorded here but not sent yet is done: the server still has it
        # open until the outcome arrives, so it must not come back into the agent's list
        waiting = {
            r[0]
            for r in db.execute(
                "SELECT json_extract(payload, '$.note_uuid') FROM team_outbox"
                " WHERE kind = 'followup_outcome'"
            )
        }
        assigned = [r for r in assigned if r[0] not in waiting]
        for table in (
            "team_phrases",
            "team_reason_codes",
            "team_departments",
            "team_assigned_followups",
        ):
            db.execute(f"DELETE FROM {table}")
        db.conn.executemany("INSERT INTO team_phrases VALUES (?, ?, ?, ?, ?, ?, ?)", phrases)
        db.conn.executemany("INSERT INTO team_reason_codes VALUES (?, ?, ?)", codes)
        db.conn.executemany("INSERT INTO team_departments VALUES (?)", departments)
        db.conn.executemany(
            "INSERT INTO team_assigned_followups VALUES (?, ?, ?, ?, ?, ?, ?)", assigned
        )
        outbox.set_state(
            db,
            last_pull=dt.datetime.now().isoformat(sep=" ", timespec="seconds"),
            last_pull_error="",
        )
        remember_role(db, dsn, role)  # which views the desktop offers this login
    return {
        "团队话术": len(phrases),
        "原因代码": len(codes),
        "部门": len(departments),
        "指派给我的回访": len(assigned),
    }


def team_phrases(db: Database) -> list[tuple[str, str, str]]:
    """(category, title, text) of the pulled team phrases: the centre's first, then the team's."""
    outbox.ensure_schema(db)
    return db.execute(
        "SELECT category, title, text FROM team_phrases ORDER BY team != '', category, id"
    ).fetchall()


def team_phrase_rows(db: Database) -> list[dict[str, Any]]:
    """The pulled team phrases as dicts (id, team, category, title, text), centre's first."""
    outbox.ensure_schema(db)
    rows = db.execute(
        "SELECT id, team, category, title, text FROM team_phrases ORDER BY team != '', category, id"
    ).fetchall()
    return [dict(zip(("id", "team", "category", "title", "text"), r)) for r in rows]


def team_reason_codes(db: Database) -> dict[int, str]:
    """Number → name of the pulled reason codes."""
    return {code: name for code, name, _group in team_reason_code_rows(db)}


def team_reason_code_rows(db: Database) -> list[tuple[int, str, str]]:
    """(number, name, group) of the pulled reason codes, by number: what the note form, History
    and the reports lay over the KB's codes (``notes.team_lists``)."""
    outbox.ensure_schema(db)
    rows = db.execute("SELECT code, name, category FROM team_reason_codes ORDER BY code")
    return [(int(code), str(name), str(group)) for code, name, group in rows.fetchall()]


def team_departments(db: Database) -> list[str]:
    """The pulled departments, by name (laid over the KB's ``departments.yaml``)."""
    outbox.ensure_schema(db)
    return [r[0] for r in db.execute("SELECT name FROM team_departments ORDER BY name")]


def assigned_followups(db: Database) -> list[AssignedFollowUp]:
    outbox.ensure_schema(db)
    rows = db.execute(
        "SELECT note_uuid, owner_no, due_at, customer_name, customer_phone, reason_text, assigned_by"
        " FROM team_assigned_followups ORDER BY due_at"
    ).fetchall()
    return [
        AssignedFollowUp(r[0], r[1], dt.datetime.fromisoformat(r[2]), r[3], r[4], r[5], r[6])
        for r in rows
    ]


def reassign(dsn: str, note_uuid: str, to_agent_no: str) -> None:
    """A lead gives a follow-up of the team to a colleague (the database checks the lead's team
    and that the colleague is in it)."""
    import psycopg

    try:
        with connect(dsn) as conn:
            cur = conn.execute(
                f"UPDATE {S}.followups SET assigned_to = %s,"
                f" assigned_by = {S}.agent_no_of(current_user), assigned_at = now()"
                " WHERE note_uuid = %s AND closed_at IS NULL",
                [to_agent_no, note_uuid],
            )
            if cur.rowcount != 1:
                from agent_assist.team.connect import TeamError

                raise TeamError(f"没有可改派的回访 {note_uuid}（已关闭，或不是你团队的）", "denied")
            conn.commit()
    except psycopg.Error as exc:
        raise explain(exc, dsn) from None


def close_assigned(
    db: Database, note_uuid: str, outcome: str, satisfaction: int | None, by: str
) -> str:
    """Record the call-back of an assigned follow-up: queued like any outcome (saved locally
    first, sent in the background); it leaves this PC's assigned list at once."""
    from agent_assist.notes import SATISFACTION_LABELS

    if not outcome.strip():
        raise ValueError("请写回访结果，如“已退费30元，客户确认到账”")
    if satisfaction is not None and satisfaction not in SATISFACTION_LABELS:
        raise ValueError("满意度请选1–5（1很不满意，5很满意）；客户未评价可不选")
    if not by.strip():
        raise ValueError("请填写回访坐席的工号或姓名")
    with db.atomic():
        item = outbox.enqueue(
            db,
            "followup_outcome",
            {
                "note_uuid": note_uuid,
                "agent_no": "",
                "closed_at": dt.datetime.now().isoformat(sep=" ", timespec="seconds"),
                "closed_by": by.strip(),
                "outcome": outcome.strip(),
                "satisfaction": satisfaction,
            },
        )
        db.execute("DELETE FROM team_assigned_followups WHERE note_uuid = ?", [note_uuid])
    return item


@dataclass(frozen=True)
class TeamFollowUp:
    note_uuid: str
    agent_no: str  # whose note
    assigned_to: str
    due_at: dt.datetime
    customer_name: str
    customer_phone: str  # masked
    reason_text: str


def team_overdue(dsn: str, now: dt.datetime | None = None, limit: int = 200) -> list[TeamFollowUp]:
    """A lead's view: the team's open follow-ups already past due, most overdue first (the
    server's row-level security keeps it to the lead's team; phones come masked)."""
    import psycopg

    current = now or dt.datetime.now().replace(microsecond=0)
    try:
        with connect(dsn) as conn:
            role = one(conn.execute(f"SELECT {S}.role_of(current_user)"))[0]
            if role != "lead":
                return []
            rows = conn.execute(
                f"SELECT f.note_uuid::text, f.agent_no, f.assigned_to, f.due_at, n.customer_name,"
                f" n.customer_phone_masked, n.reason_text FROM {S}.followups f"
                f" JOIN {S}.notes n ON n.uuid = f.note_uuid"
                " WHERE f.closed_at IS NULL AND f.due_at < %s ORDER BY f.due_at LIMIT %s",
                [current, limit],
            ).fetchall()
    except psycopg.Error as exc:
        raise explain(exc, dsn) from None
    return [TeamFollowUp(*r) for r in rows]
