"""Which notes a history view, a report or an export is about, as one SQL ``WHERE``.

Dates are inclusive calendar days (``--from 2026-11-01 --to 2026-11-30`` covers all of November),
because that is how a supervisor asks for "last month".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent_assist.notes.reason_codes import ReasonCodeBook


def parse_day(text: str | dt.date | None) -> dt.date | None:
    """``2026-11-01`` / ``2026/11/1`` / a date → date; '' or None → None; else ValueError with a
    message naming the expected format."""
    if text is None or text == "":
        return None
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text.strip())
    if not m:
        raise ValueError(f"日期“{text}”格式不对，请写成 2026-11-01")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"日期“{text}”不存在，请检查月份和日子，如 2026-11-30") from None


@dataclass
class NoteFilter:
    """All criteria are optional; an empty filter means every note.

    ``emotion`` matches the start or the end emotion; ``repeat`` True/False keeps only repeat /
    first calls; ``text`` searches the customer's words, solution, notes, name and phone.
    ``also_codes`` are the stored numbers that count as ``code`` (retired ones merged into it):
    :meth:`with_codes` fills them from the reason-code book.
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    code: int | None = None
    emotion: str = ""
    agent: str = ""
    repeat: bool | None = None
    text: str = ""
    also_codes: tuple[int, ...] = ()

    def with_codes(self, codes: ReasonCodeBook) -> NoteFilter:
        """This filter with ``code`` matching the old notes filed under a retired number that
        became it (23 also finds notes filed under 12), as the book's ``legacy:`` says."""
        if self.code is None:
            return self
        return replace(self, also_codes=codes.filed_under(int(self.code)))

    def where(self, alias: str = "notes") -> tuple[str, list[Any]]:
        """``(sql, params)``; sql is ``1`` when nothing is filtered."""
        a = alias
        parts: list[str] = []
        params: list[Any] = []
        if self.date_from:
            parts.append(f"{a}.started_at >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to:
            parts.append(f"{a}.started_at < ?")
            params.append((self.date_to + dt.timedelta(days=1)).isoformat())
        if self.code is not None:
            numbers = sorted({int(self.code), *self.also_codes})
            marks = ", ".join("?" for _ in numbers)
            parts.append(f"{a}.id IN (SELECT note_id FROM note_codes WHERE code IN ({marks}))")
            params += numbers
        if self.emotion:
            parts.append(f"({a}.emotion_start = ? OR {a}.emotion_end = ?)")
            params += [self.emotion, self.emotion]
        if self.agent.strip():
            parts.append(f"({a}.agent_name = ? OR {a}.agent_no = ?)")
            params += [self.agent.strip(), self.agent.strip()]
        if self.repeat is not None:
            parts.append(f"{a}.repeat_call = ?")
            params.append(int(self.repeat))
        for word in self.text.split():
            like = f"%{_escape(word)}%"
            digits = re.sub(r"\D", "", word)
            cols = (
                "reason_text",
                "solution",
                "notes",
                "customer_name",
                "escalated_to",
                "other_department",
            )
            clause = " OR ".join(f"{a}.{c} LIKE ? ESCAPE '\\'" for c in cols)
            params += [like] * len(cols)
            if len(digits) >= 3:
                clause += f" OR replace({a}.customer_phone, '-', '') LIKE ?"
                params.append(f"%{digits}%")
            parts.append(f"({clause})")
        return (" AND ".join(parts) or "1"), params

    def date_range(self) -> tuple[str | None, str | None]:
        """Start / exclusive end as the text ``started_at`` compares against."""
        return (
            self.date_from.isoformat() if self.date_from else None,
            (self.date_to + dt.timedelta(days=1)).isoformat() if self.date_to else None,
        )


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
