"""Study mode: spaced repetition of the processes an agent does not know yet (FSRS).

Between calls the agent flips cards: the front is how the customer puts it (their words and the
situation), the back is what to do (the numbered steps). Rating Again/Hard/Good/Easy feeds the
``fsrs`` scheduler, which decides when the card comes back. The queue holds only *unknown* and
*uncertain* processes of the current KB; marking a process *known* takes it out (its card is
kept, so demoting it later resumes the schedule instead of starting over).

New cards are rationed per day (``new_per_day``, like Anki): a new agent on a 5 000-process KB
should see "20 to study today", not 5 000. Unknown processes get their card the first time the
queue shows them.

Recalling a process well again and again (last ratings all Good/Easy and a long memory
stability) makes ``suggest_promotion`` offer moving it to *known* — an offer the agent may
decline; tiers never change by themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Card, Rating, Scheduler, State

__all__ = ["RATING_LABELS", "Rating", "StudyCard", "StudyQueue", "card_back", "card_front"]

from agent_assist.knowledge.model import KnowledgeBase, Process
from agent_assist.knowledge.schema import (
    db_lock,
    from_ts,
    local_midnight,
    migrations,
    to_ts,
    to_utc,
)
from agent_assist.knowledge.tiers import Tier, TierStore
from agent_assist.storage import Database, migrate
from agent_assist.storage.hooks import emit

NEW_PER_DAY = 20
PROMOTE_STREAK = 3  # the last this-many ratings must all be Good or Easy …
PROMOTE_MIN_STABILITY_DAYS = 10.0  # … and FSRS must expect the memory to last this long
RATING_LABELS = {1: "重来", 2: "困难", 3: "良好", 4: "简单"}  # Again / Hard / Good / Easy
_STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


@dataclass(frozen=True)
class StudyCard:
    """One card as the study view shows it.

    ``front`` is the customer's situation (shown under ``title``); ``back`` the numbered steps
    as Markdown. ``due`` is an aware local datetime; ``reps`` 0 means a new card.
    """

    pid: str
    title: str
    front: str
    back: str
    due: datetime
    reps: int = 0
    stability: float = 0.0  # days FSRS expects the memory to last (0 = not yet studied)
    state: str = "new"  # new / learning / review / relearning
    category: str = ""

    @property
    def is_new(self) -> bool:
        return self.reps == 0


def card_front(process: Process) -> str:
    """The customer's side: how they say it, then the 适用情形 section (the summary only as a
    last resort, because it usually gives the answer away)."""
    parts: list[str] = []
    if process.customer_phrases:
        parts.append("\n".join(f"客户：「{phrase}」" for phrase in process.customer_phrases[:3]))
    situation = process.section("适用情形", "适用场景", "情形", "场景")
    if situation:
        parts.append(situation)
    if not parts and process.summary:
        parts.append(process.summary)
    return "\n\n".join(parts)


def card_back(process: Process) -> str:
    """What to do: the numbered steps (Markdown list), else the 步骤 section, else the summary."""
    steps = process.steps
    if steps:
        return "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))
    return process.section("步骤", "流程", "处理") or process.summary or process.body.strip()


class StudyQueue:
    """One agent's study cards (``agent`` = 工号, ``""`` = the default agent).

    ``now`` arguments take a ``datetime`` (naive = local time); ``clock`` replaces the default
    "now" for the whole queue. Fuzzing of intervals is on (so cards learned together don't all
    come back on the same day); pass ``scheduler`` to change FSRS parameters.
    """

    def __init__(
        self,
        db: Database,
        agent: str = "",
        *,
        new_per_day: int = NEW_PER_DAY,
        scheduler: Scheduler | None = None,
        kb: KnowledgeBase | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.db = db
        self.agent = agent or ""
        self.new_per_day = new_per_day
        self.scheduler = scheduler or Scheduler()
        self.kb = kb  # the last KB seen; lets rate() fill in a card's front and back
        self._clock = clock
        self._lock = db_lock(db)
        self.tiers = TierStore(db, self.agent, clock=clock)
        with self._lock:
            migrate(db, migrations)

    # the queue -------------------------------------------------------------------------------
    def due(
        self, kb: KnowledgeBase, now: datetime | float | None = None, limit: int = 50
    ) -> list[StudyCard]:
        """Cards to study now: due reviews first (most overdue first), then today's new cards.

        New processes in the result get their card stored here ("first sight").
        """
        self.kb = kb
        at = to_ts(now, self._clock)
        with self._lock:
            reviews, new, rows = self._plan(kb, at)
            chosen = reviews + new
            chosen = chosen[: max(0, limit)]
            missing = [p for p in chosen if p.id not in rows]
            if missing:
                with self.db.atomic():
                    for process in missing:
                        rows[process.id] = self._insert_new(process, at)
        return [self._study_card(p, rows[p.id]) for p in chosen]

    def due_count(self, kb: KnowledgeBase, now: datetime | float | None = None) -> int:
        """How many cards ``due`` would offer without a limit (for the status bar; stores nothing)."""
        with self._lock:
            reviews, new, _rows = self._plan(kb, to_ts(now, self._clock))
        return len(reviews) + len(new)

    def _plan(
        self, kb: KnowledgeBase, at: float
    ) -> tuple[list[Process], list[Process], dict[str, dict[str, Any]]]:
        """(due reviews, today's new processes, stored rows by pid) — the queue before limits."""
        tiers = self.tiers.tiers()
        rows = {
            r["pid"]: r
            for r in self.db.execute_returning_dicts(
                "select pid, title, card, due, reps, stability, created_at, first_review_at "
                "from kb_study_card where agent = ?",
                [self.agent],
            )
        }
        reviews: list[Process] = []
        fresh: list[Process] = []
        for process in kb:
            if tiers.get(process.id, Tier.UNKNOWN) is Tier.KNOWN:
                continue
            row = rows.get(process.id)
            if row is None or not row["reps"]:
                fresh.append(process)
            elif row["due"] <= at:
                reviews.append(process)
        reviews.sort(key=lambda p: rows[p.id]["due"])
        introduced = self.db.execute(
            "select count(*) from kb_study_card where agent = ? and first_review_at >= ?",
            [self.agent, local_midnight(at)],
        ).fetchone()[0]
        quota = max(0, self.new_per_day - introduced)
        if quota and fresh:
            opened = self.tiers.open_counts(days=30, now=at)
            order = {p.id: n for n, p in enumerate(kb)}

            def priority(p: Process) -> tuple[Any, ...]:
                row = rows.get(p.id)
                return (
                    0 if row is not None else 1,  # already shown, not yet rated: finish those first
                    row["created_at"] if row is not None else 0.0,
                    0 if tiers.get(p.id) is Tier.UNCERTAIN else 1,  # met before, half known
                    -opened.get(p.id, 0),  # what this agent's callers actually ask about
                    order[p.id],
                )

            fresh.sort(key=priority)
        return reviews, fresh[:quota], rows

    def _insert_new(self, process: Process, at: float) -> dict[str, Any]:
        card = Card(due=to_utc(at))
        row = {
            "agent": self.agent,
            "pid": process.id,
            "title": process.title,
            "card": json.dumps(card.to_dict()),
            "due": at,
            "reps": 0,
            "stability": 0.0,
            "created_at": at,
            "first_review_at": None,
        }
        self.db.execute(
            f"insert or replace into kb_study_card ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return row

    # rating ----------------------------------------------------------------------------------
    def rate(
        self, pid: str, rating: Rating | int, now: datetime | float | None = None
    ) -> StudyCard:
        """Record the agent's answer (1 Again, 2 Hard, 3 Good, 4 Easy) and reschedule the card."""
        try:
            value = Rating(int(rating))
        except (TypeError, ValueError):
            raise ValueError(
                f"无效的评分 {rating!r}：请用 1（重来）、2（困难）、3（良好）或 4（简单）"
            ) from None
        if not pid:
            raise ValueError("流程编号（pid）不能为空")
        at = to_ts(now, self._clock)
        process = self.kb.get(pid) if self.kb is not None else None
        with self._lock, self.db.atomic():
            row = self._row(pid)
            if row is None:
                title = process.title if process else pid
                row = self._insert_new(process or Process(id=pid, title=title, category=""), at)
            card = Card.from_dict(json.loads(row["card"]))
            card, _log = self.scheduler.review_card(card, value, to_utc(at))
            due = card.due.timestamp()
            update = {
                "card": json.dumps(card.to_dict()),
                "due": due,
                "reps": (row["reps"] or 0) + 1,
                "stability": float(card.stability or 0.0),
                "first_review_at": row["first_review_at"]
                if row["first_review_at"] is not None
                else at,
            }
            if process is not None:
                update["title"] = process.title
            self.db.execute(
                "update kb_study_card set card = ?, due = ?, reps = ?, stability = ?, first_review_at = ?"
                + (", title = ?" if process is not None else "")
                + " where agent = ? and pid = ?",
                [*update.values(), self.agent, pid],
            )
            self.db.execute(
                "insert into kb_study_review (agent, pid, rating, at, stability, difficulty, due) "
                "values (?, ?, ?, ?, ?, ?, ?)",
                [self.agent, pid, int(value), at, card.stability, card.difficulty, due],
            )
            emit("study", self.db, pid=pid, rating=int(value), at=at, agent=self.agent)  # team mode
            row = {**row, **update}
        return self._study_card(process, row, pid=pid)

    def make_due(self, pid: str, title: str = "", now: datetime | float | None = None) -> None:
        """Bring ``pid``'s card back as a review due ``now`` (a release changed the process).

        Re-learning a changed process is a review, not a new card: it skips the new-card ration,
        and an existing card keeps its FSRS memory state — only its due date moves. A process the
        agent knew without ever studying it gets a card that is due at once.
        """
        at = to_ts(now, self._clock)
        with self._lock, self.db.atomic():
            row = self._row(pid)
            if row is None:
                process = Process(id=pid, title=title or pid, category="")
                row = self._insert_new(process, at)
            card = Card.from_dict(json.loads(row["card"]))
            card.due = to_utc(at)
            self.db.execute(
                "update kb_study_card set card = ?, due = ?, reps = max(coalesce(reps, 0), 1) "
                "where agent = ? and pid = ?",
                [json.dumps(card.to_dict()), at, self.agent, pid],
            )

    def card(self, pid: str) -> StudyCard | None:
        """The stored card of ``pid`` (None = never shown in study mode)."""
        with self._lock:
            row = self._row(pid)
        if row is None:
            return None
        return self._study_card(self.kb.get(pid) if self.kb is not None else None, row, pid=pid)

    def history(self, pid: str) -> list[tuple[datetime, int]]:
        """Every rating of ``pid`` as ``(when, rating 1-4)``, oldest first."""
        with self._lock:
            rows = self.db.execute(
                "select at, rating from kb_study_review where agent = ? and pid = ? order by at, id",
                [self.agent, pid],
            ).fetchall()
        return [(from_ts(at), rating) for at, rating in rows]

    # promotion -------------------------------------------------------------------------------
    def suggest_promotion(self, pid: str, now: datetime | float | None = None) -> bool:
        """True when ``pid`` (not yet *known*) was recalled well repeatedly — the last
        ``PROMOTE_STREAK`` ratings all Good/Easy and stability at least
        ``PROMOTE_MIN_STABILITY_DAYS`` — and the agent hasn't declined this offer in 7 days."""
        at = to_ts(now, self._clock)
        if self.tiers.tier(pid) is Tier.KNOWN:
            return False
        with self._lock:
            row = self._row(pid)
            if row is None or (row["stability"] or 0.0) < PROMOTE_MIN_STABILITY_DAYS:
                return False
            ratings = [
                r[0]
                for r in self.db.execute(
                    "select rating from kb_study_review where agent = ? and pid = ? order by at desc, id desc limit ?",
                    [self.agent, pid, PROMOTE_STREAK],
                ).fetchall()
            ]
        if len(ratings) < PROMOTE_STREAK or any(r < Rating.Good for r in ratings):
            return False
        return not self.tiers.dismissed(pid, "promote", now=at)

    def dismiss_promotion(self, pid: str, now: datetime | float | None = None) -> None:
        """The agent declined moving ``pid`` to *known*: don't offer it again for 7 days."""
        self.tiers.dismiss(pid, "promote", now=to_ts(now, self._clock))

    # helpers ---------------------------------------------------------------------------------
    def _row(self, pid: str) -> dict[str, Any] | None:
        rows = list(
            self.db.execute_returning_dicts(
                "select pid, title, card, due, reps, stability, created_at, first_review_at "
                "from kb_study_card where agent = ? and pid = ?",
                [self.agent, pid],
            )
        )
        return rows[0] if rows else None

    def _study_card(
        self, process: Process | None, row: dict[str, Any], pid: str | None = None
    ) -> StudyCard:
        reps = int(row["reps"] or 0)
        state = "new"
        if reps:
            state = _STATE_NAMES.get(State(json.loads(row["card"])["state"]), "review")
        return StudyCard(
            pid=process.id if process else (pid or row["pid"]),
            title=process.title if process else (row.get("title") or pid or row["pid"]),
            front=card_front(process) if process else "",
            back=card_back(process) if process else "",
            due=from_ts(row["due"]),
            reps=reps,
            stability=float(row["stability"] or 0.0),
            state=state,
            category=process.category if process else "",
        )
