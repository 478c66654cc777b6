"""Filling ``{称呼}`` ``{时限}`` ``{工号}`` … from what the app knows about the call.

The fill keeps where each placeholder landed (a :class:`Slot`) so the picker can walk them with
Tab and let the agent adjust each one — a phrase is a starting point, not a script to read out.
A placeholder with no value stays visibly unfilled (``{时限}``) instead of vanishing: a promise
without its deadline is exactly what the tone checker warns about, and a note still holding one
cannot be submitted. A phrase's suggested fill (its ``hints``) is only shown to the agent, never
inserted: "10元" or "李主管" typed into a note by the app is an invented fact.
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
    hint: str = ""  # the phrase's suggested fill, shown to the agent (never inserted)


@dataclass
class FilledText:
    text: str
    slots: list[Slot] = field(default_factory=list)

    @property
    def unfilled(self) -> list[str]:
        return [s.name for s in self.slots if not s.filled]

    def shifted(self, offset: int) -> list[Slot]:
        """Slots moved by ``offset`` (the position the text was inserted at)."""
        return [
            Slot(s.name, s.start + offset, s.end + offset, s.filled, s.hint) for s in self.slots
        ]


def context_values(
    agent_no: str = "",
    customer_title: str = "",
    agent_name: str = "",
    today: dt.date | None = None,
    extra: dict[str, str] | None = None,
    deadline: dt.datetime | None = None,
) -> dict[str, str]:
    """The placeholder values the app can fill by itself; empty ones are left out.

    ``customer_title`` is how the agent addresses the customer (王先生, as typed in the note's
    customer field); ``deadline`` is the note's promised time, said the way an agent says it."""
    today = today or dt.date.today()
    values = {
        "工号": agent_no.strip(),
        "称呼": customer_title.strip(),
        "坐席姓名": agent_name.strip(),
        "日期": f"{today.month}月{today.day}日",
        "时限": spoken_deadline(deadline, today) if deadline else "",
    }
    values.update(extra or {})
    return {k: v for k, v in values.items() if v}


def spoken_deadline(when: dt.datetime, today: dt.date | None = None) -> str:
    """``今天18:00前`` / ``明天12:00前`` / ``12月3日18:00前``: a deadline as said on the phone."""
    today = today or dt.date.today()
    days = (when.date() - today).days
    day = {0: "今天", 1: "明天", 2: "后天"}.get(days, f"{when.month}月{when.day}日")
    return f"{day}{when:%H:%M}前"


def fill(
    text: str, values: dict[str, str] | None = None, hints: dict[str, str] | None = None
) -> FilledText:
    """Replace each placeholder by its context value, else leave ``{name}`` for the agent (its
    hint, if any, goes on the slot as a suggestion — it is never inserted).

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
        value = values.get(name) or values.get(key) or ""
        hint = hints.get(name) or hints.get(key) or ""
        shown = value if value else m.group(0)
        slots.append(Slot(name, length, length + len(shown), bool(value), "" if value else hint))
        out.append(shown)
        length += len(shown)
        pos = m.end()
    out.append(text[pos:])
    return FilledText("".join(out), slots)


def known_spans(text: str, values: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, value) of every placeholder in ``text`` that ``values`` can fill — for text
    already typed: a ``{称呼}`` inserted before the customer's name was known is filled once it is."""
    out = []
    for m in PLACEHOLDER_RE.finditer(text):
        name = m.group(1)
        value = values.get(name) or values.get(ALIASES.get(name, name)) or ""
        if value:
            out.append((m.start(), m.end(), value))
    return out
