"""The knowledge package's tables (``Migrations("knowledge")``) and the conventions its stores share.

Tables, all per agent where it matters (``agent`` = 工号, ``""`` = the default agent on a
machine nobody signed in to):

- ``kb_tier``         the agent's tier for a process, and when it last changed
- ``kb_open``         every process the agent opened: when, and the query that found it
- ``kb_dismissal``    "don't ask again for a while" for tier suggestions (demote / promote)
- ``kb_study_card``   the FSRS card of a process being studied (``Card.to_dict`` as JSON)
- ``kb_study_review`` every study rating, for promotion suggestions and later analysis
- ``kb_feedback``     PDCA flags on processes (内容错误 / 已过时 / 不清楚 / 缺少流程), the process
                      version each was raised against, and the owner's resolution
- ``app_setting``     the agent profile and other small settings, JSON values

Times are stored as UNIX seconds (REAL): window queries ("opened in the last 7 days") become
plain comparisons and no time zone is baked into the file. Public APIs take and return
``datetime``; a naive ``datetime`` means local time, as the agent sees it on the wall clock.

One connection is shared by the GUI thread and worker threads (``open_db`` passes
``check_same_thread=False``), so every store serialises its statements through one lock per
connection: a read on a worker thread can never land inside another thread's transaction.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from agent_assist.storage import Database, Migrations

migrations = Migrations("knowledge")

DAY = 86400.0


@migrations()
def m001_tiers_usage_study_feedback(db: Database) -> None:
    db.table("kb_tier").create(
        {"agent": str, "pid": str, "tier": str, "changed_at": float},
        pk=("agent", "pid"),
        not_null={"agent", "pid", "tier"},
    )
    db.table("kb_open").create(
        {"id": int, "agent": str, "pid": str, "query": str, "at": float},
        pk="id",
        not_null={"agent", "pid", "at"},
    )
    db.table("kb_open").create_index(["agent", "at"])
    db.table("kb_open").create_index(["agent", "pid", "at"])
    db.table("kb_dismissal").create(
        {"agent": str, "pid": str, "kind": str, "at": float},
        pk=("agent", "pid", "kind"),
        not_null={"agent", "pid", "kind", "at"},
    )
    db.table("kb_study_card").create(
        {
            "agent": str,
            "pid": str,
            "title": str,  # snapshot, so a card can be shown even if the KB lost the process
            "card": str,  # fsrs Card.to_dict() as JSON
            "due": float,
            "reps": int,
            "stability": float,
            "created_at": float,
            "first_review_at": float,  # NULL until the first rating: new-card quota per day
        },
        pk=("agent", "pid"),
        not_null={"agent", "pid", "card", "due"},
    )
    db.table("kb_study_card").create_index(["agent", "due"])
    db.table("kb_study_review").create(
        {
            "id": int,
            "agent": str,
            "pid": str,
            "rating": int,
            "at": float,
            "stability": float,
            "difficulty": float,
            "due": float,
        },
        pk="id",
        not_null={"agent", "pid", "rating", "at"},
    )
    db.table("kb_study_review").create_index(["agent", "pid", "at"])
    db.table("kb_feedback").create(
        {"id": int, "pid": str, "kind": str, "comment": str, "agent": str, "created_at": float},
        pk="id",
        not_null={"pid", "kind", "created_at"},
    )
    db.table("kb_feedback").create_index(["created_at"])
    db.table("app_setting").create({"key": str, "value": str}, pk="key", not_null={"key"})


@migrations()
def m002_feedback_version_and_resolution(db: Database) -> None:
    """PDCA: remember which version of a process a flag was raised against, and who closed it.

    ``version`` is the process's ``content_hash`` and ``process_updated`` its ``updated:`` date
    when the agent flagged it (both NULL for flags stored before this step, and when the caller
    did not know them): a later KB version with another hash means the owners have edited the
    process since, so the flag is "已更新，待确认" rather than still open. ``resolved_*`` record
    an owner's explicit "已处理".
    """
    table = db.table("kb_feedback")
    table.add_column("version", str)
    table.add_column("process_updated", str)
    table.add_column("resolved_at", float)
    table.add_column("resolved_by", str)
    table.add_column("resolution", str)
    table.create_index(["pid", "created_at"])


# --- one lock per connection ---------------------------------------------------------------
_locks_guard = threading.Lock()
_LOCK_ATTR = "_agent_assist_lock"


def db_lock(db: Database) -> threading.RLock:
    """The lock every knowledge store holds while it talks to ``db``'s connection.

    Kept on the ``Database`` object itself (``sqlite3.Connection`` takes no attributes or weak
    references), so it lives exactly as long as the connection wrapper every store shares.
    """
    lock = getattr(db, _LOCK_ATTR, None)
    if lock is None:
        with _locks_guard:
            lock = getattr(db, _LOCK_ATTR, None)
            if lock is None:
                lock = threading.RLock()
                setattr(db, _LOCK_ATTR, lock)
    return lock


# --- time ------------------------------------------------------------------------------------
def to_ts(moment: datetime | float | None, clock: Callable[[], float] | None = None) -> float:
    """UNIX seconds for ``moment`` (naive datetimes are local time). ``None`` is now: the
    store's injected ``clock`` when it has one (tests, replays), else the system time."""
    if moment is None:
        return float(clock()) if clock is not None else time.time()
    if isinstance(moment, (int, float)):
        return float(moment)
    return moment.timestamp()


def to_utc(moment: datetime | float | None) -> datetime:
    """An aware UTC datetime (what ``fsrs`` requires)."""
    return datetime.fromtimestamp(to_ts(moment), UTC)


def from_ts(ts: float) -> datetime:
    """An aware datetime in the machine's local zone, for display and reports."""
    return datetime.fromtimestamp(ts, UTC).astimezone()


def local_midnight(ts: float) -> float:
    """Start of the local calendar day containing ``ts`` (daily quotas reset at midnight)."""
    day = datetime.fromtimestamp(ts).replace(hour=0, minute=0, second=0, microsecond=0)
    return day.timestamp()
