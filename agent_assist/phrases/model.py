"""Phrase records and the placeholder syntax they share with scripts and the picker.

A phrase is a sentence an agent says often enough to want it one keystroke away. Team phrases
ship as YAML (``knowledge/phrases.yaml``); personal ones live in SQLite. Both become the same
frozen :class:`Phrase`, so ranking, matching and filling never care where one came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Stages a phrase can be tagged with, in call order (the picker groups and filters by them).
STAGES: dict[str, str] = {
    "greeting": "问候",
    "identity": "身份核验",
    "emotion": "情绪安抚",
    "apology": "致歉",
    "explain": "解释说明",
    "options": "提供方案",
    "repeat": "礼貌重复",
    "escalation": "升级转接",
    "closing": "结束语",
    "followup": "回访",
    "hold": "等待与转接",
    "other": "其他",
}

#: Customer emotions a phrase suits (matches the note form's emotion field).
EMOTIONS: tuple[str, ...] = ("平静", "焦虑", "不满", "愤怒", "any")

#: ``{称呼}``, ``{时限}`` … : a name of CJK letters, ASCII word characters or both.
PLACEHOLDER_RE = re.compile(r"\{([\w\u4e00-\u9fff]{1,12})\}")

PERSONAL_PREFIX = "my."


def placeholders_in(text: str) -> tuple[str, ...]:
    """Placeholder names in order of first appearance, without repeats."""
    seen: dict[str, None] = {}
    for m in PLACEHOLDER_RE.finditer(text):
        seen.setdefault(m.group(1), None)
    return tuple(seen)


@dataclass(frozen=True)
class Phrase:
    """One insertable sentence.

    ``trigger`` is the agent's abbreviation typed after "/" (``/ack``, ``/qr``); ``stage`` and
    ``emotion`` come from the YAML ``tags``; ``source`` is ``"team"`` or ``"personal"``.
    """

    id: str
    trigger: str
    text: str
    stage: str = "other"
    emotion: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    hints: tuple[tuple[str, str], ...] = ()  # (placeholder, suggested fill) when context has none
    title: str = ""
    source: str = "team"
    line: int = 0  # line in phrases.yaml (0 for personal phrases), for lint messages

    @property
    def is_personal(self) -> bool:
        return self.source == "personal"

    def hint(self, name: str) -> str:
        return dict(self.hints).get(name, "")

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    @property
    def label(self) -> str:
        """A short name for lists: the title if given, else the first words of the text."""
        if self.title:
            return self.title
        return self.text if len(self.text) <= 18 else self.text[:17] + "…"


@dataclass
class PhraseUse:
    """How often and how recently a phrase was used (per agent database)."""

    phrase_id: str
    count: int = 0
    last_used: float = 0.0  # unix seconds
    score: float = 0.0  # decayed use count at ``last_used`` (see frecency.py)
