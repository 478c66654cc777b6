"""Sending the outbox: batches in one server transaction each, ``INSERT … ON CONFLICT (uuid) DO
NOTHING``, then the sent rows leave the local outbox.

Why this is exactly once in effect: an item's UUID is its primary key on the server. If the PC dies
(or the server goes away) after the server committed but before the outbox rows were deleted, the
same batch is sent again and every row is a no-op conflict. If the server dies mid-batch, its
transaction rolls back and the batch is sent again whole.

A batch the server refuses because of one bad row (a constraint, a row-level-security denial) is
split: each row goes in its own savepoint, the good ones are committed, the bad ones stay in the
outbox marked rejected with the server's message and an exponential backoff. A server that cannot
be reached leaves the queue as it is (:class:`~agent_assist.team.connect.TeamError` kind
``offline``); the background :class:`Pusher` retries with backoff, the agent notices nothing but
the status-bar indicator.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_assist.storage import Database
from agent_assist.team import migrate, outbox
from agent_assist.team.connect import Connection, TeamError, connect, explain
from agent_assist.team.local_state import get_state, set_state

S = migrate.SCHEMA
# Insert statements per kind: rows arrive as one JSON array, expanded by the server.
_INSERTS = {
    "note": (
        f"INSERT INTO {S}.notes (uuid, agent_no, started_at, ended_at, submitted_at, agent_name,"
        " customer_name, customer_phone, reason_text, reason_codes, related_processes,"
        " complaint_type, emotion_start, emotion_end, repeat_call, previous_calls,"
        " other_department, stage, solution, solution_accepted, resolved, escalated,"
        " escalated_to, deadline, customer_value, company_value, handling_minutes, notes,"
        " script_runs)"
        " SELECT uuid, agent_no, started_at, ended_at, submitted_at, agent_name, customer_name,"
        " customer_phone, reason_text, reason_codes, related_processes, complaint_type,"
        " emotion_start, emotion_end, repeat_call, previous_calls, other_department, stage,"
        " solution, solution_accepted, resolved, escalated, escalated_to, deadline,"
        " customer_value, company_value, handling_minutes, notes, script_runs"
        f" FROM jsonb_populate_recordset(NULL::{S}.notes, %s::jsonb)"
        " ON CONFLICT (uuid) DO NOTHING"
    ),
    "amendment": (
        f"INSERT INTO {S}.note_amendments (uuid, note_uuid, agent_no, seq, amended_at, amended_by,"
        " changes, reason, note_after)"
        " SELECT uuid, note_uuid, agent_no, seq, amended_at, amended_by, changes, reason, note_after"
        f" FROM jsonb_populate_recordset(NULL::{S}.note_amendments, %s::jsonb)"
        " ON CONFLICT (uuid) DO NOTHING"
    ),
    "followup_outcome": (
        f"INSERT INTO {S}.followup_outcomes (uuid, note_uuid, agent_no, closed_at, closed_by,"
        " outcome, satisfaction)"
        " SELECT uuid, note_uuid, agent_no, closed_at, closed_by, outcome, satisfaction"
        f" FROM jsonb_populate_recordset(NULL::{S}.followup_outcomes, %s::jsonb)"
        " ON CONFLICT (uuid) DO NOTHING"
    ),
    "event": (
        f"INSERT INTO {S}.events (uuid, kind, agent_no, at, data)"
        " SELECT uuid, kind, agent_no, at, data"
        f" FROM jsonb_populate_recordset(NULL::{S}.events, %s::jsonb)"
        " ON CONFLICT (uuid) DO NOTHING"
    ),
}
# Dependency order inside a batch: a note before its amendments and follow-up outcome.
_ORDER = ("note", "amendment", "followup_outcome", "event")


def _group(kind: str) -> str:
    return "event" if kind in outbox.EVENT_KINDS else kind


@dataclass
class PushResult:
    sent: int = 0
    rejected: int = 0
    batches: int = 0


def _insert(conn: Connection, items: list[outbox.Item]) -> None:
    by_group: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_group.setdefault(_group(item.kind), []).append(item.payload)
    for group in _ORDER:
        rows = by_group.get(group)
        if rows:
            conn.execute(_INSERTS[group], [json.dumps(rows, ensure_ascii=False)])


def _is_row_error(exc: Exception) -> bool:
    """An error caused by the rows themselves (retrying the same rows would fail again)."""
    import psycopg
    from psycopg import errors

    if isinstance(exc, psycopg.OperationalError) and not isinstance(
        exc, errors.InsufficientPrivilege
    ):
        return False
    return isinstance(
        exc,
        (
            psycopg.IntegrityError,
            psycopg.DataError,
            errors.InsufficientPrivilege,
            errors.RaiseException,
            psycopg.ProgrammingError,
        ),
    )


def row_message(exc: Exception) -> str:
    """The server's reason for refusing a row, in words an admin can act on."""
    from psycopg import errors

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, errors.InsufficientPrivilege):
        return f"服务器拒绝（权限/行级安全）：{text}"
    if isinstance(exc, errors.ForeignKeyViolation):
        return f"服务器拒绝（引用的小结/回访不在服务器上）：{text}"
    return f"服务器拒绝：{text}"


def push_batch(
    db: Database, conn: Connection, items: list[outbox.Item], now: float | None = None
) -> PushResult:
    """Send ``items`` in one server transaction; split it when rows are refused."""
    import psycopg

    result = PushResult(batches=1)
    try:
        with conn.transaction():
            _insert(conn, items)
    except psycopg.Error as exc:
        if not _is_row_error(exc):
            raise explain(exc) from None
        good, bad = [], []
        try:
            with conn.transaction():
                for item in items:
                    try:
                        with conn.transaction():
                            _insert(conn, [item])
                        good.append(item)
                    except psycopg.Error as row_exc:
                        if not _is_row_error(row_exc):
                            raise
                        bad.append((item, row_message(row_exc)))
        except psycopg.Error as exc2:
            raise explain(exc2) from None
        with db.atomic():
            for item, message in bad:
                outbox.mark_rejected(db, item, message, now)
        outbox.mark_sent(db, [i.id for i in good])
        result.sent, result.rejected = len(good), len(bad)
        return result
    # committed on the server: now forget them locally (a crash here means a harmless resend)
    outbox.mark_sent(db, [i.id for i in items])
    result.sent = len(items)
    return result


def push_all(
    db: Database,
    dsn: str,
    batch: int = 500,
    now: float | None = None,
    conn: Connection | None = None,
) -> PushResult:
    """Send everything due, batch by batch, on one connection. Records the outcome in the local
    state (``last_sync`` / ``last_error``) and re-raises :class:`TeamError` when the server cannot
    be reached, refuses the login, or has a newer schema."""
    total = PushResult()
    own = conn is None
    try:
        if conn is None:  # own: this call opens (and closes) the connection
            conn = connect(dsn)
        migrate.check_version(conn)
        conn.commit()
        seen: set[int] = set()
        while True:
            items = [i for i in outbox.due(db, batch, now) if i.id not in seen]
            if not items:
                break
            seen.update(i.id for i in items)
            r = push_batch(db, conn, items, now)
            total.sent += r.sent
            total.rejected += r.rejected
            total.batches += 1
    except (TeamError, migrate.SchemaTooNew, migrate.SchemaMissing) as exc:
        kind = exc.kind if isinstance(exc, TeamError) else "schema"
        set_state(db, last_error=str(exc), last_error_kind=kind, last_attempt=_stamp())
        raise
    except Exception as exc:
        import psycopg

        if isinstance(exc, psycopg.Error):
            err = explain(exc, dsn)
            set_state(db, last_error=str(err), last_error_kind=err.kind, last_attempt=_stamp())
            raise err from None
        raise
    finally:
        if own and conn is not None:
            conn.close()
    set_state(db, last_error="", last_error_kind="", last_attempt=_stamp(), last_sync=_stamp())
    return total


def _stamp() -> str:
    return dt.datetime.now().isoformat(sep=" ", timespec="seconds")


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows: 已同步 / 待同步 N / 离线, plus the last error."""

    state: str  # synced | pending | offline | off
    pending: int
    rejected: int
    last_error: str
    last_sync: str

    @property
    def label(self) -> str:
        if self.state == "off":
            return ""
        if self.state == "offline":
            return f"离线 · 待同步 {self.pending}" if self.pending else "离线"
        if self.pending or self.rejected:
            n = self.pending + self.rejected
            return f"待同步 {n}"
        return "已同步"


def status(db: Database) -> SyncStatus:
    from agent_assist.team.connect import configured_dsn

    if not configured_dsn(db):
        return SyncStatus("off", 0, 0, "", "")
    q = outbox.summary(db, errors=1)
    kind = get_state(db, "last_error_kind")
    error = get_state(db, "last_error")
    if kind in ("offline", "auth", "schema", "config", "error"):
        state = "offline"
    elif q.pending or q.rejected:
        state = "pending"
    else:
        state = "synced"
    if not error and q.errors:
        error = q.errors[0][2]
    return SyncStatus(state, q.pending, q.rejected, error, get_state(db, "last_sync"))


class Pusher(threading.Thread):
    """The background sender: wakes when something is queued (or every ``interval`` seconds),
    pushes, and after a failed connection waits 2, 4, 8 … up to 300 s (with jitter, so 200 PCs
    coming back after an outage do not hit the server in the same second)."""

    def __init__(
        self,
        db_path: Path | str | None,
        dsn: str | None = None,
        interval: float = 30.0,
        pull_every: float = 600.0,
    ) -> None:
        super().__init__(name="team-pusher", daemon=True)
        self.db_path = db_path
        self.dsn = dsn
        self.interval = interval
        self.pull_every = pull_every  # team phrases, codes, assigned follow-ups: every 10 min
        self._pulled_at = 0.0
        self._wake = threading.Event()
        self._halt = threading.Event()
        self.failures = 0

    def kick(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._halt.set()
        self._wake.set()
        self.join(timeout)

    def run(self) -> None:
        from agent_assist.storage import open_db
        from agent_assist.team.connect import configured_dsn

        db = open_db(self.db_path)
        outbox._wakers.append(self.kick)
        try:
            while not self._halt.is_set():
                delay = self.interval
                dsn = self.dsn or configured_dsn(db)
                if dsn and outbox.summary(db, errors=0).pending + self._due_rejected(db):
                    try:
                        push_all(db, dsn)
                        self.failures = 0
                    except (TeamError, migrate.SchemaTooNew, migrate.SchemaMissing):
                        self.failures += 1
                        delay = min(2.0**self.failures, 300.0) * random.uniform(0.8, 1.2)
                    except Exception as exc:  # never let the thread die
                        self.failures += 1
                        set_state(db, last_error=f"同步出错：{exc}", last_error_kind="error")
                        delay = min(2.0**self.failures, 300.0)
                if (
                    dsn
                    and self.failures == 0
                    and time.monotonic() - self._pulled_at > self.pull_every
                ):
                    self._pull(db, dsn)
                self._wake.wait(delay)
                if self._wake.is_set() and not self._halt.is_set():
                    self._wake.clear()
                    self._halt.wait(0.2)  # let the transaction that queued it commit
        finally:
            if self.kick in outbox._wakers:
                outbox._wakers.remove(self.kick)
            db.conn.close()

    def _pull(self, db: Database, dsn: str) -> None:
        from agent_assist.team.pull import pull_all

        self._pulled_at = time.monotonic()
        try:
            pull_all(db, dsn)  # records its own server / schema errors
        except (TeamError, migrate.SchemaTooNew, migrate.SchemaMissing):
            pass
        except Exception as exc:  # a local fault (database locked …): never let the thread die
            set_state(db, last_pull_error=f"本机出错：{exc}")

    def _due_rejected(self, db: Database) -> int:
        return len(outbox.due(db, 1)) if outbox.summary(db, errors=0).rejected else 0
