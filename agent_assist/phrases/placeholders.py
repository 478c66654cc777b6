"""Filling ``{称呼}`` ``{时限}`` ``{工号}`` … from what the app knows about the call.

The fill keeps where each placeholder landed (a :class:`Slot`) so the picker can walk them with
Tab and let the agent adjust each one — a phrase is a starting point, not a script to read out.
A placeholder with no value stays visibly unfilled (``{时限}``) instead of vanishing: a promise
without its deadline is exactly what the tone checker warns about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from agent_assist.phrases.model import PLACEHOLDER_RE

#: Other spellings KB editors use for the same context value.
ALIASES: dict[str, str] = {
    "坐席工号": "工号",
    "客户称呼": "称呼",
    "客户": "称呼",
    "姓名": "坐席姓名",
    "坐席": "坐席姓名",
    "今天": "日期",
}


@dataclass(frozen=True)
class Slot:
    """Where placeholder ``name`` sits in the filled text (``start``..``end``)."""

    name: str
    start: int
    end: int
    filled: bool  # False: the text still shows ``{name}`` and needs the agent


@dataclass
class FilledText:
    text: str
    slots: list[Slot] = field(default_factory=list)

    @property
    def unfilled(self) -> list[str]:
        return [s.name for s in self.slots if not s.filled]

    def shifted(self, offset: int) -> list[Slot]:
        """Slots moved by ``offset`` (the position the text was inserted at)."""
        return [Slot(s.name, s.start + offset, s.end + offset, s.filled) for s in self.slots]


def context_values(
    agent_no: str = "",
    customer_title: str = "",
    agent_name: str = "",
    today: dt.date | None = None,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """The placeholder values the app can fill by itself; empty ones are left out."""
    today = today or dt.date.today()
    values = {
        "工号": agent_no.strip(),
        "称呼": customer_title.strip(),
        "坐席姓名": agent_name.strip(),
        "日期": f"{today.month}月{today.day}日",
    }
    values.update(extra or {})
    return {k: v for k, v in values.items() if v}


def fill(
    text: str, values: dict[str, str] | None = None, hints: dict[str, str] | None = None
) -> FilledText:
    """Replace each placeholder by its context value, else its hint, else leave ``{name}``.

    Every occurrence gets a slot (a phrase may say ``{称呼}`` twice); the agent walks them in
    text order.
    """
    values = values or {}
    hints = hints or {}
    out: list[str] = []
    slots: list[Slot] = []
    pos = 0
    length = 0
    for m in PLACEHOLDER_RE.finditer(text):
        before = text[pos : m.start()]
        out.append(before)
        length += len(before)
        name = m.group(1)
        key = ALIASES.get(name, name)
        value = values.get(name) or values.get(key) or hints.get(name) or hints.get(key) or ""
        shown = value if value else m.group(0)
        slots.append(Slot(name, length, length + len(shown), bool(value)))
        out.append(shown)
        length += len(shown)
        pos = m.end()
    out.append(text[pos:])
    return FilledText("".join(out), slots)
