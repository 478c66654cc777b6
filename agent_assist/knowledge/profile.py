"""The agent's profile (name, 工号, display preferences) and small app settings.

The profile decides whose tiers and study cards the app shows, so the first run asks for it —
but an agent picked up a headset with a customer already waiting must be able to skip the
question: ``mark_skipped`` stores an empty profile so the app stops asking and the default
agent (``""``) is used until the agent fills it in from the settings.

Settings are JSON values under a key so any panel (cost per minute for the reason report, the
last window layout …) can keep one without a migration of its own.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from agent_assist.knowledge.schema import db_lock, migrations
from agent_assist.storage import Database, migrate

PROFILE_KEY = "agent.profile"
THEMES = ("light", "dark")
LANGUAGES = ("zh_CN", "en")


@dataclass
class AgentProfile:
    """Who is at this desk and how they like the app to look.

    ``font_size`` 0 means "the system default"; ``kb_dir`` "" means the shipped sample KB.
    """

    name: str = ""
    agent_no: str = ""  # 工号: the key of the agent's tiers, study cards and notes
    theme: str = "light"
    font_size: int = 0
    language: str = "zh_CN"
    kb_dir: str = ""

    @property
    def is_empty(self) -> bool:
        """No name and no 工号: the first-run question was skipped."""
        return not self.name.strip() and not self.agent_no.strip()

    def validate(self) -> list[tuple[str, str]]:
        """Problems as ``(field, message)`` pairs, empty when the profile can be saved."""
        problems: list[tuple[str, str]] = []
        if self.agent_no and not self.agent_no.strip().isprintable():
            problems.append(("agent_no", "工号含有不可见字符，请重新输入"))
        if len(self.name) > 50:
            problems.append(("name", "姓名过长（最多 50 个字）"))
        if len(self.agent_no) > 32:
            problems.append(("agent_no", "工号过长（最多 32 个字符）"))
        if self.theme not in THEMES:
            problems.append(
                ("theme", f"主题 {self.theme!r} 无效：请选 light（浅色）或 dark（深色）")
            )
        if self.language not in LANGUAGES:
            problems.append(("language", f"界面语言 {self.language!r} 无效：请选 zh_CN 或 en"))
        if not isinstance(self.font_size, int) or not (
            self.font_size == 0 or 8 <= self.font_size <= 40
        ):
            problems.append(("font_size", "字号应为 8–40 之间的整数（0 = 系统默认）"))
        return problems


class ProfileError(ValueError):
    """A profile field the agent must fix; ``field`` names the input to point at."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ProfileStore:
    """Load/save the agent profile and generic JSON settings."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = db_lock(db)
        with self._lock:
            migrate(db, migrations)

    # profile ---------------------------------------------------------------------------------
    def load(self) -> AgentProfile | None:
        """The saved profile; ``None`` on a first run (ask the agent), an empty profile once the
        question was skipped. Unknown keys (from a newer version) are ignored, missing ones take
        their defaults, and a damaged value loads as defaults instead of stopping the app."""
        raw = self.get_setting(PROFILE_KEY, None)
        if raw is None:
            return None
        if not isinstance(raw, dict):
            return AgentProfile()
        known = {f.name: f for f in fields(AgentProfile)}
        values: dict[str, Any] = {}
        defaults = AgentProfile()
        for key, value in raw.items():
            if key in known and isinstance(value, type(getattr(defaults, key))):
                values[key] = value
        profile = AgentProfile(**values)
        for field_name, _message in profile.validate():  # e.g. a theme removed in this version
            setattr(profile, field_name, getattr(defaults, field_name))
        return profile

    def save(self, profile: AgentProfile) -> None:
        """Store ``profile`` (names trimmed); raises ``ProfileError`` naming the bad field."""
        profile = AgentProfile(
            **{
                **asdict(profile),
                "name": profile.name.strip(),
                "agent_no": profile.agent_no.strip(),
            }
        )
        problems = profile.validate()
        if problems:
            raise ProfileError(*problems[0])
        self.set_setting(PROFILE_KEY, asdict(profile))

    def mark_skipped(self) -> None:
        """The agent skipped the first-run question: remember it (an empty profile), keeping
        whatever was saved before."""
        with self._lock:
            if self.get_setting(PROFILE_KEY, None) is None:
                self.set_setting(PROFILE_KEY, asdict(AgentProfile()))

    # generic settings ------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        """The JSON value stored under ``key``, or ``default``."""
        with self._lock:
            row = self.db.execute("select value from app_setting where key = ?", [key]).fetchone()
        if row is None or row[0] is None:
            return default
        try:
            return json.loads(row[0])
        except json.JSONDecodeError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-serialisable ``value`` under ``key`` (``TypeError`` otherwise)."""
        if not key:
            raise ValueError("设置项名称不能为空")
        text = json.dumps(value, ensure_ascii=False)
        with self._lock:
            self.db.execute(
                "insert into app_setting (key, value) values (?, ?) "
                "on conflict(key) do update set value = excluded.value",
                [key, text],
            )

    def delete_setting(self, key: str) -> None:
        with self._lock:
            self.db.execute("delete from app_setting where key = ?", [key])
