"""Three tiers of knowledge per agent, and the log of what the agent opens.

"What I have mastered I don't need to look at; what I am unsure of I find fast; what I don't know
I learn easily." The tier decides how a process opens (collapsed / quick card / learn view), so
it is personal: two agents at neighbouring desks know different things. A process the agent has
never rated is *unknown* — the safe default, it opens with everything on screen.

The open log feeds the empty-query lists (recent, most used), search ranking, and one gentle
rule: a process marked *known* that the agent keeps opening probably isn't known any more, so we
*suggest* moving it back to *uncertain* — never force it, and stop asking for a week once the
agent says no.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum

from agent_assist.knowledge.schema import DAY, db_lock, from_ts, migrations, to_ts
from agent_assist.storage import Database, migrate
from agent_assist.storage.hooks import emit

DEMOTE_OPENS = 3  # opens of a *known* process …
DEMOTE_WINDOW_DAYS = 7  # … within this many days suggest moving it to *uncertain*
DISMISS_DAYS = 7  # after "no thanks", stay quiet this long

# Search-rank nudges from the agent's own situation (added to the search score, whose text match
# ranges 0..~1.7). What the agent marked *uncertain* is exactly what they come back to look up
# mid-call, and what they opened a lot lately is what they most likely want again — but a nudge
# must never beat a clearly better text match, so both stay around a tenth of the score.
UNCERTAIN_BOOST = 0.12
USAGE_BOOST = 0.10  # for the most-opened process; the others in proportion to their opens


class Tier(str, Enum):
    """How well an agent knows a process. Values are what the database stores."""

    KNOWN = "known"
    UNCERTAIN = "uncertain"
    UNKNOWN = "unknown"

    @property
    def key(self) -> str:
        """The keyboard key that sets this tier in the GUI (1 / 2 / 3)."""
        return _KEYS[self]

    @property
    def label(self) -> str:
        """Chinese label shown on badges and buttons (the GUI wraps it for translation)."""
        return _LABELS[self]

    @classmethod
    def from_key(cls, key: str | int) -> Tier:
        """``"1"`` → known (已掌握), ``"2"`` → uncertain (不确定), ``"3"`` → unknown (不会).

        Also accepts the stored values and the Chinese labels, so settings files and command
        lines can say ``known`` or ``已掌握``.
        """
        text = str(key).strip()
        for tier in cls:
            if text in (tier.key, tier.value, tier.label) or (
                tier is cls.UNKNOWN and text == "不会"
            ):
                return tier
        raise ValueError(
            f"无效的掌握程度 {key!r}：请用 1（已掌握 known）、2（不确定 uncertain）或 3（未掌握 unknown）"
        )


_KEYS = {Tier.KNOWN: "1", Tier.UNCERTAIN: "2", Tier.UNKNOWN: "3"}
_LABELS = {Tier.KNOWN: "已掌握", Tier.UNCERTAIN: "不确定", Tier.UNKNOWN: "未掌握"}


class TierStore:
    """One agent's tiers and open log. ``agent`` is the 工号 (``""`` = the default agent).

    Every method that depends on the time takes an optional ``now`` (``datetime``; naive = local
    time) so tests and replays never sleep; ``clock`` replaces the default "now" for a whole store.
    """

    def __init__(
        self, db: Database, agent: str = "", clock: Callable[[], float] | None = None
    ) -> None:
        self.db = db
        self.agent = agent or ""
        self._clock = clock
        self._lock = db_lock(db)
        with self._lock:
            migrate(db, migrations)

    # tiers -----------------------------------------------------------------------------------
    def tier(self, pid: str) -> Tier:
        """The agent's tier for ``pid``; a process never rated is UNKNOWN."""
        with self._lock:
            row = self.db.execute(
                "select tier from kb_tier where agent = ? and pid = ?", [self.agent, pid]
            ).fetchone()
        return _tier_or_unknown(row[0]) if row else Tier.UNKNOWN

    def tiers(self) -> dict[str, Tier]:
        """Every process the agent has rated (absent ids are UNKNOWN) — one query for ranking."""
        with self._lock:
            rows = self.db.execute(
                "select pid, tier from kb_tier where agent = ?", [self.agent]
            ).fetchall()
        return {pid: _tier_or_unknown(value) for pid, value in rows}

    def changed_at(self, pid: str) -> datetime | None:
        """When the agent last set the tier of ``pid`` (None = never)."""
        with self._lock:
            row = self.db.execute(
                "select changed_at from kb_tier where agent = ? and pid = ?", [self.agent, pid]
            ).fetchone()
        return from_ts(row[0]) if row and row[0] is not None else None

    def set_tier(
        self, pid: str, tier: Tier | str | int, now: datetime | float | None = None
    ) -> Tier:
        """Store the agent's tier for ``pid`` (a ``Tier``, its value, or key 1/2/3)."""
        if not pid:
            raise ValueError("流程编号（pid）不能为空")
        value = tier if isinstance(tier, Tier) else Tier.from_key(tier)
        at = to_ts(now, self._clock)
        with self._lock:
            self.db.execute(
                "insert into kb_tier (agent, pid, tier, changed_at) values (?, ?, ?, ?) "
                "on conflict(agent, pid) do update set tier = excluded.tier, changed_at = excluded.changed_at",
                [self.agent, pid, value.value, at],
            )
            emit("tier", self.db, pid=pid, tier=value.value, at=at, agent=self.agent)  # team mode
        return value

    # open log --------------------------------------------------------------------------------
    def log_open(self, pid: str, query: str = "", now: datetime | float | None = None) -> None:
        """Record that the agent opened ``pid`` (with the search query that found it, if any)."""
        if not pid:
            return
        with self._lock:
            self.db.execute(
                "insert into kb_open (agent, pid, query, at) values (?, ?, ?, ?)",
                [self.agent, pid, query or "", to_ts(now, self._clock)],
            )
            if query:
                emit(
                    "search",
                    self.db,
                    pid=pid,
                    query=query,
                    at=to_ts(now, self._clock),
                    agent=self.agent,
                )

    def recent(self, limit: int = 10) -> list[str]:
        """Distinct processes the agent opened, newest first."""
        with self._lock:
            rows = self.db.execute(
                "select pid, max(at) as last from kb_open where agent = ? "
                "group by pid order by last desc, pid limit ?",
                [self.agent, limit],
            ).fetchall()
        return [r[0] for r in rows]

    def open_counts(self, days: float = 30, now: datetime | float | None = None) -> dict[str, int]:
        """How often each process was opened in the last ``days`` days."""
        since = to_ts(now, self._clock) - days * DAY
        with self._lock:
            rows = self.db.execute(
                "select pid, count(*) from kb_open where agent = ? and at >= ? group by pid",
                [self.agent, since],
            ).fetchall()
        return {pid: n for pid, n in rows}

    def most_used(
        self, limit: int = 10, days: float = 30, now: datetime | float | None = None
    ) -> list[str]:
        """Processes opened most in the last ``days`` days; ties go to the more recent one."""
        since = to_ts(now, self._clock) - days * DAY
        with self._lock:
            rows = self.db.execute(
                "select pid, count(*) as n, max(at) as last from kb_open where agent = ? and at >= ? "
                "group by pid order by n desc, last desc, pid limit ?",
                [self.agent, since, limit],
            ).fetchall()
        return [r[0] for r in rows]

    def rank_boosts(
        self, days: float = 30, now: datetime | float | None = None
    ) -> dict[str, float]:
        """Score nudges for search ranking (``Searcher.search(boosts=...)``): +UNCERTAIN_BOOST for
        each *uncertain* process, plus up to USAGE_BOOST by how often it was opened in the last
        ``days`` days relative to the agent's most-opened one (relative, so a busy agent's
        hundreds of opens weigh no more than a new agent's handful). Known and unknown processes
        get no tier nudge: known ones fold away in the results, unknown is the default.
        """
        out: dict[str, float] = {}
        for pid, tier in self.tiers().items():
            if tier == Tier.UNCERTAIN:
                out[pid] = UNCERTAIN_BOOST
        used = self.open_counts(days=days, now=now)
        if used:
            top = max(used.values()) or 1
            for pid, count in used.items():
                out[pid] = round(out.get(pid, 0.0) + USAGE_BOOST * count / top, 6)
        return out

    def queries(self, pid: str, limit: int = 10) -> list[str]:
        """Distinct queries that led the agent to ``pid``, newest first (agents' own words for
        a process: material for the KB's keywords)."""
        with self._lock:
            rows = self.db.execute(
                "select query, max(at) as last from kb_open where agent = ? and pid = ? and query != '' "
                "group by query order by last desc limit ?",
                [self.agent, pid, limit],
            ).fetchall()
        return [r[0] for r in rows]

    # suggestions -----------------------------------------------------------------------------
    def suggest_demotion(self, pid: str, now: datetime | float | None = None) -> bool:
        """True when a *known* process was opened 3+ times in the last 7 days and the agent has
        not turned this suggestion down in the last 7 days.

        Only opens after the agent marked it known count: looking a process up a few times while
        learning it and then marking it known is the normal path, not a sign of forgetting.
        """
        at = to_ts(now, self._clock)
        window_start = at - DEMOTE_WINDOW_DAYS * DAY
        with self._lock:
            row = self.db.execute(
                "select tier, changed_at from kb_tier where agent = ? and pid = ?",
                [self.agent, pid],
            ).fetchone()
            if not row or row[0] != Tier.KNOWN.value:
                return False
            since = max(window_start, row[1] or 0.0)
            opens = self.db.execute(
                "select count(*) from kb_open where agent = ? and pid = ? and at >= ? and at <= ?",
                [self.agent, pid, since, at],
            ).fetchone()[0]
            if opens < DEMOTE_OPENS:
                return False
            return not self._dismissed(pid, "demote", at)

    def dismiss_suggestion(self, pid: str, now: datetime | float | None = None) -> None:
        """The agent said "no, I still know it": don't suggest demoting ``pid`` for 7 days."""
        self.dismiss(pid, "demote", now)

    def dismiss(self, pid: str, kind: str, now: datetime | float | None = None) -> None:
        """Record a turned-down suggestion of ``kind`` (``demote`` / ``promote``) for ``pid``."""
        with self._lock:
            self.db.execute(
                "insert into kb_dismissal (agent, pid, kind, at) values (?, ?, ?, ?) "
                "on conflict(agent, pid, kind) do update set at = excluded.at",
                [self.agent, pid, kind, to_ts(now, self._clock)],
            )

    def _dismissed(self, pid: str, kind: str, at: float) -> bool:
        row = self.db.execute(
            "select at from kb_dismissal where agent = ? and pid = ? and kind = ?",
            [self.agent, pid, kind],
        ).fetchone()
        return bool(row) and at - row[0] < DISMISS_DAYS * DAY

    def dismissed(self, pid: str, kind: str, now: datetime | float | None = None) -> bool:
        """Whether the agent turned down a ``kind`` suggestion for ``pid`` within 7 days."""
        with self._lock:
            return self._dismissed(pid, kind, to_ts(now, self._clock))


def _tier_or_unknown(value: str) -> Tier:
    try:
        return Tier(value)
    except ValueError:  # a value from a newer version: the safe default
        return Tier.UNKNOWN
