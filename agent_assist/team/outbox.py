"""The local outbox: what this PC still has to send to the team server.

``team_outbox`` (created with the other team tables, :mod:`agent_assist.team.local_state`) holds
one row per item, with the UUID that makes it land exactly once on the server, its kind (note,
amendment, followup_outcome, feedback, study, tier, search), the JSON payload in the server's
column names (:mod:`agent_assist.team.payloads`), and for a row the server rejected: attempts,
the error, and when to try again (exponential backoff, never a hot loop).

:func:`on_event` is subscribed to :mod:`agent_assist.storage.hooks` by ``team.hook.install``; it runs
inside the store's own transaction, so a note and its outbox row are saved together or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agent_assist.storage import Database
from agent_assist.team.connect import configured_dsn
from agent_assist.team.local_state import ensure_schema as ensure_schema  # pull.py: outbox.*
from agent_assist.team.local_state import get_state
from agent_assist.team.local_state import set_state as set_state  # pull.py: outbox.set_state
from agent_assist.team.payloads import iso, note_payload

if TYPE_CHECKING:
    from agent_assist.notes import FollowUp, Note

KINDS = ("note", "amendment", "followup_outcome", "feedback", "study", "tier", "search")
EVENT_KINDS = ("feedback", "study", "tier", "search")
MAX_BACKOFF = 6 * 3600.0  # a rejected row is retried at most every 6 hours


def enabled(db: Database) -> bool:
    """Team mode is on when a DSN is configured (env or settings)."""
    return bool(configured_dsn(db))


# -- queueing ------------------------------------------------------------------------------------


def enqueue(db: Database, kind: str, payload: dict[str, Any], item_uuid: str | None = None) -> str:
    """Queue one item; returns its UUID (the payload's ``uuid`` is set to it)."""
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    ensure_schema(db)
    item = item_uuid or payload.get("uuid") or str(uuid.uuid4())
    payload = {**payload, "uuid": item}
    db.execute(
        "INSERT OR IGNORE INTO team_outbox (uuid, kind, payload, created_at) VALUES (?, ?, ?, ?)",
        [item, kind, json.dumps(payload, ensure_ascii=False), iso(dt.datetime.now())],
    )
    _kick()
    return item


def note_uuid(db: Database, note_id: int) -> str | None:
    ensure_schema(db)
    row = db.execute("SELECT uuid FROM team_note_uuids WHERE note_id = ?", [note_id]).fetchone()
    return row[0] if row else None


def enqueue_note(db: Database, note: Note) -> str:
    """Queue a note (once: a note already queued keeps its UUID and is not queued again)."""
    existing = note_uuid(db, note.id)
    if existing:
        return existing
    item = str(uuid.uuid4())
    db.execute("INSERT INTO team_note_uuids (note_id, uuid) VALUES (?, ?)", [note.id, item])
    return enqueue(db, "note", note_payload(note, item), item)


def _ensure_note_queued(db: Database, note_id: int) -> str:
    """The UUID of a local note, queueing the note first if it was filed before team mode."""
    existing = note_uuid(db, note_id)
    if existing:
        return existing
    from agent_assist.notes import NoteStore

    note = NoteStore(db).get(note_id)
    if note is None:
        raise KeyError(f"note {note_id} not found")
    return enqueue_note(db, note)


def enqueue_amendment(
    db: Database,
    note: Note,
    diffs: list[tuple[str, str, str]],
    by: str,
    reason: str,
    at: dt.datetime,
) -> str:
    target = _ensure_note_queued(db, note.id)
    db.execute("UPDATE team_note_uuids SET amend_seq = amend_seq + 1 WHERE note_id = ?", [note.id])
    seq = db.execute(
        "SELECT amend_seq FROM team_note_uuids WHERE note_id = ?", [note.id]
    ).fetchone()[0]
    return enqueue(
        db,
        "amendment",
        {
            "note_uuid": target,
            "agent_no": note.agent_no,
            "seq": seq,
            "amended_at": iso(at),
            "amended_by": by,
            "changes": [{"field": f, "old": o, "new": n} for f, o, n in diffs],
            "reason": reason,
            "note_after": note_payload(note, target),
        },
    )


def enqueue_outcome(db: Database, followup: FollowUp) -> str:
    target = _ensure_note_queued(db, followup.note_id)
    return enqueue(
        db,
        "followup_outcome",
        {
            "note_uuid": target,
            "agent_no": "",
            "closed_at": iso(followup.closed_at),
            "closed_by": followup.closed_by,
            "outcome": followup.outcome,
            "satisfaction": followup.satisfaction,
        },
    )


def enqueue_event(db: Database, kind: str, data: dict[str, Any]) -> str:
    at = data.pop("at", None) or time.time()
    return enqueue(db, kind, {"kind": kind, "agent_no": "", "at": iso(at), "data": data})


def on_event(kind: str, db: Database, data: dict[str, Any]) -> None:
    """The :mod:`storage.hooks` listener: queue what was just saved, when team mode is on."""
    if not enabled(db):
        return
    if kind == "note":
        enqueue_note(db, data["note"])
    elif kind == "amendment":
        enqueue_amendment(db, data["note"], data["diffs"], data["by"], data["reason"], data["at"])
    elif kind == "followup_outcome":
        enqueue_outcome(db, data["followup"])
    elif kind in EVENT_KINDS:
        enqueue_event(db, kind, dict(data))


def backfill_notes(db: Database) -> int:
    """Queue the local notes never queued (filed before team mode was turned on)."""
    ensure_schema(db)
    from agent_assist.notes import NoteStore

    store = NoteStore(db)
    ids = [
        r[0]
        for r in db.execute(
            "SELECT id FROM notes WHERE id NOT IN (SELECT note_id FROM team_note_uuids) ORDER BY id"
        ).fetchall()
    ]
    count = 0
    for start in range(0, len(ids), 500):
        with db.atomic():
            for note_id in ids[start : start + 500]:
                note = store.get(note_id)
                if note is not None:
                    enqueue_note(db, note)
                    count += 1
    return count


# -- reading the queue -----------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    id: int
    uuid: str
    kind: str
    payload: dict[str, Any]
    attempts: int
    last_error: str
    rejected: bool


def due(db: Database, limit: int, now: float | None = None) -> list[Item]:
    """The next items to send, oldest first: never-rejected ones, and rejected ones whose
    backoff has passed (a backoff further ahead than the maximum means the PC clock jumped
    back: then it is due now)."""
    ensure_schema(db)
    t = time.time() if now is None else now
    rows = db.execute(
        "SELECT id, uuid, kind, payload, attempts, last_error, rejected FROM team_outbox"
        " WHERE next_at <= ? OR next_at > ? ORDER BY id LIMIT ?",
        [t, t + MAX_BACKOFF, limit],
    ).fetchall()
    return [Item(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], bool(r[6])) for r in rows]


def mark_sent(db: Database, ids: list[int]) -> None:
    if not ids:
        return
    with db.atomic():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            db.execute(
                f"DELETE FROM team_outbox WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
            )
        sent = int(get_state(db, "sent_total", "0") or 0) + len(ids)
        set_state(db, sent_total=sent)


def backoff(attempts: int) -> float:
    """Seconds before retrying a rejected row: 1 min, 2, 4 … capped at 6 hours."""
    return min(60.0 * 2.0 ** max(attempts - 1, 0), MAX_BACKOFF)


def mark_rejected(db: Database, item: Item, error: str, now: float | None = None) -> None:
    t = time.time() if now is None else now
    attempts = item.attempts + 1
    db.execute(
        "UPDATE team_outbox SET attempts = ?, next_at = ?, last_error = ?, rejected = 1 WHERE id = ?",
        [attempts, t + backoff(attempts), error, item.id],
    )


@dataclass(frozen=True)
class QueueSummary:
    pending: int  # waiting to be sent (not rejected)
    rejected: int  # refused by the server, kept with their error
    oldest: str  # created_at of the oldest waiting item ('' when none)
    errors: list[tuple[str, str, str]]  # (kind, uuid, error) of rejected rows, newest first


def summary(db: Database, errors: int = 10) -> QueueSummary:
    ensure_schema(db)
    pending, rejected = db.execute(
        "SELECT coalesce(sum(rejected = 0), 0), coalesce(sum(rejected), 0) FROM team_outbox"
    ).fetchone()
    oldest = db.execute("SELECT min(created_at) FROM team_outbox").fetchone()[0] or ""
    rows = db.execute(
        "SELECT kind, uuid, last_error FROM team_outbox WHERE rejected = 1 ORDER BY id DESC LIMIT ?",
        [errors],
    ).fetchall()
    return QueueSummary(int(pending), int(rejected), oldest, [tuple(r) for r in rows])


# The running pusher (if any) is woken when something is queued.
_wakers: list[Callable[[], object]] = []


def _kick() -> None:
    for wake in list(_wakers):
        try:
            wake()
        except Exception:
            pass
