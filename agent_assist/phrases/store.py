"""Personal phrases and phrase usage in the agent's SQLite database.

Tables belong to this package (``Migrations("phrases")``): ``phrase_personal`` holds what the
agent wrote; ``phrase_usage`` one row per used phrase (team or personal) with a count and a
decayed frecency score, so ranking never has to scan a history table.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from agent_assist.phrases.frecency import bump, decayed
from agent_assist.phrases.loader import TRIGGER_RE
from agent_assist.phrases.model import PERSONAL_PREFIX, STAGES, Phrase, PhraseUse, placeholders_in
from agent_assist.storage import Database, Migrations, migrate

migrations = Migrations("phrases")


@migrations()
def m001_personal_and_usage(db: Database) -> None:
    db.table("phrase_personal").create(
        {
            "id": str,
            "trigger": str,
            "title": str,
            "text": str,
            "stage": str,
            "emotion": str,  # JSON list
            "created": float,
            "updated": float,
        },
        pk="id",
        not_null={"id", "text"},
    )
    db.table("phrase_usage").create(
        {"phrase_id": str, "count": int, "last_used": float, "score": float},
        pk="phrase_id",
        not_null={"phrase_id"},
    )


class PhraseError(ValueError):
    """A personal phrase the agent must fix; ``field`` names the input to point at."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PhraseStore:
    """CRUD for personal phrases and the usage counter. ``clock`` is injectable for tests."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock
        migrate(db, migrations)

    # personal phrases -------------------------------------------------------------------
    def personal(self) -> list[Phrase]:
        rows = self.db.execute(
            "select id, trigger, title, text, stage, emotion from phrase_personal order by created"
        ).fetchall()
        return [_phrase(*row) for row in rows]

    def get(self, pid: str) -> Phrase | None:
        row = self.db.execute(
            "select id, trigger, title, text, stage, emotion from phrase_personal where id = ?",
            [pid],
        ).fetchone()
        return _phrase(*row) if row else None

    def save(
        self,
        text: str,
        trigger: str,
        title: str = "",
        stage: str = "other",
        emotion: tuple[str, ...] | list[str] = (),
        pid: str | None = None,
    ) -> Phrase:
        """Create (``pid`` None) or update a personal phrase; bad input raises :class:`PhraseError`."""
        text = text.strip()
        trigger = trigger.strip().lower().lstrip("/")
        if not text:
            raise PhraseError("text", "话术内容不能为空 — 请输入要插入的句子")
        if len(text) > 500:
            raise PhraseError("text", "话术内容太长（超过 500 字）— 请拆成几条")
        if not TRIGGER_RE.match(trigger):
            raise PhraseError("trigger", "快捷码只能是 1-12 个小写字母或数字，例如 qr、bq2")
        if stage not in STAGES:
            raise PhraseError("stage", f"未知的阶段 {stage!r}")
        now = self.clock()
        row = {
            "trigger": trigger,
            "title": title.strip(),
            "text": text,
            "stage": stage,
            "emotion": json.dumps(list(emotion), ensure_ascii=False),
            "updated": now,
        }
        if pid is None:
            pid = self._new_id()
            self.db.table("phrase_personal").insert({"id": pid, "created": now, **row})
        else:
            if self.get(pid) is None:
                raise PhraseError("id", f"个人话术 {pid} 不存在（可能已被删除）")
            self.db.table("phrase_personal").update(pid, row)
        return self.get(pid)  # type: ignore[return-value]

    def delete(self, pid: str) -> bool:
        existed = self.get(pid) is not None
        self.db.execute("delete from phrase_personal where id = ?", [pid])
        self.db.execute("delete from phrase_usage where phrase_id = ?", [pid])
        return existed

    def _new_id(self) -> str:
        rows = self.db.execute(
            "select id from phrase_personal where id like ?", [PERSONAL_PREFIX + "%"]
        ).fetchall()
        numbers = [
            int(r[0][len(PERSONAL_PREFIX) :])
            for r in rows
            if r[0][len(PERSONAL_PREFIX) :].isdigit()
        ]
        return f"{PERSONAL_PREFIX}{max(numbers, default=0) + 1}"

    # usage ------------------------------------------------------------------------------
    def record_use(self, pid: str) -> PhraseUse:
        now = self.clock()
        use = self.usage().get(pid) or PhraseUse(pid)
        use.score = bump(use.score, use.last_used, now)
        use.count += 1
        use.last_used = now
        self.db.table("phrase_usage").upsert(
            {"phrase_id": pid, "count": use.count, "last_used": now, "score": use.score},
            pk="phrase_id",
        )
        return use

    def usage(self) -> dict[str, PhraseUse]:
        rows = self.db.execute(
            "select phrase_id, count, last_used, score from phrase_usage"
        ).fetchall()
        return {
            r[0]: PhraseUse(r[0], int(r[1] or 0), float(r[2] or 0), float(r[3] or 0)) for r in rows
        }

    def frecency(self) -> dict[str, float]:
        """Current frecency of every used phrase."""
        now = self.clock()
        return {pid: decayed(u.score, u.last_used, now) for pid, u in self.usage().items()}


def _phrase(pid: str, trigger: str, title: str, text: str, stage: str, emotion: str) -> Phrase:
    try:
        emotions = tuple(json.loads(emotion or "[]"))
    except ValueError:
        emotions = ()
    return Phrase(
        id=pid,
        trigger=trigger or "",
        text=text,
        stage=stage or "other",
        emotion=emotions,
        placeholders=placeholders_in(text),
        title=title or "",
        source="personal",
    )
