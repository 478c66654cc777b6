"""Converting between :class:`Note` and its database row (one place, so store, export and
amendments agree on every column)."""

from __future__ import annotations

import json
from typing import Any

from agent_assist.notes.model import Note, fmt_time, parse_time

NOTE_COLUMNS: tuple[str, ...] = (
    "id",
    "started_at",
    "ended_at",
    "submitted_at",
    "agent_name",
    "agent_no",
    "customer_name",
    "customer_phone",
    "reason_text",
    "related_processes",
    "complaint_type",
    "emotion_start",
    "emotion_end",
    "repeat_call",
    "previous_calls",
    "other_department",
    "stage",
    "solution",
    "solution_accepted",
    "resolved",
    "escalated",
    "escalated_to",
    "deadline",
    "customer_value",
    "company_value",
    "handling_minutes",
    "notes",
    "script_runs",
    "tone_kept",
)


def note_to_row(note: Note) -> dict[str, Any]:
    """The row for ``note`` (without ``id`` when the note is new)."""
    row: dict[str, Any] = {
        "started_at": fmt_time(note.started_at),
        "ended_at": fmt_time(note.ended_at),
        "submitted_at": fmt_time(note.submitted_at),
        "agent_name": note.agent_name,
        "agent_no": note.agent_no,
        "customer_name": note.customer_name,
        "customer_phone": note.customer_phone,
        "reason_text": note.reason_text,
        "related_processes": json.dumps(list(note.related_processes), ensure_ascii=False),
        "complaint_type": note.complaint_type,
        "emotion_start": note.emotion_start,
        "emotion_end": note.emotion_end,
        "repeat_call": int(note.repeat_call),
        "previous_calls": note.previous_calls,
        "other_department": note.other_department,
        "stage": note.stage,
        "solution": note.solution,
        "solution_accepted": None
        if note.solution_accepted is None
        else int(note.solution_accepted),
        "resolved": int(note.resolved),
        "escalated": int(note.escalated),
        "escalated_to": note.escalated_to,
        "deadline": fmt_time(note.deadline) or None,
        "customer_value": note.customer_value,
        "company_value": note.company_value,
        "handling_minutes": float(note.handling_minutes),
        "notes": note.notes,
        "script_runs": json.dumps(list(note.script_runs), ensure_ascii=False),
        "tone_kept": json.dumps(list(note.tone_kept), ensure_ascii=False),
    }
    if note.id:
        row["id"] = note.id
    return row


def row_to_note(row: dict[str, Any], codes: list[int], amendments: int = 0) -> Note:
    accepted = row.get("solution_accepted")
    return Note(
        id=row["id"],
        started_at=parse_time(row["started_at"]),  # type: ignore[arg-type]
        ended_at=parse_time(row["ended_at"]),  # type: ignore[arg-type]
        submitted_at=parse_time(row["submitted_at"]),
        agent_name=row["agent_name"],
        agent_no=row["agent_no"],
        customer_name=row["customer_name"],
        customer_phone=row["customer_phone"],
        reason_text=row["reason_text"],
        reason_codes=tuple(codes),
        related_processes=tuple(str(p) for p in _json_list(row["related_processes"])),
        complaint_type=row["complaint_type"],
        emotion_start=row["emotion_start"],
        emotion_end=row["emotion_end"],
        repeat_call=bool(row["repeat_call"]),
        previous_calls=int(row["previous_calls"]),
        other_department=row["other_department"],
        stage=row["stage"],
        solution=row["solution"],
        solution_accepted=None if accepted is None else bool(accepted),
        resolved=bool(row["resolved"]),
        escalated=bool(row["escalated"]),
        escalated_to=row["escalated_to"],
        deadline=parse_time(row["deadline"]),
        customer_value=row["customer_value"],
        company_value=row["company_value"],
        handling_minutes=float(row["handling_minutes"]),
        notes=row["notes"],
        script_runs=tuple(_json_list(row.get("script_runs"), dict)),
        tone_kept=tuple(_json_list(row.get("tone_kept"), dict)),
        amendments=amendments,
    )


def _json_list(text: Any, item: type | None = None) -> list[Any]:
    """A JSON list column; a damaged one raises ValueError (the store skips and reports the row)."""
    value = json.loads(text or "[]")
    if not isinstance(value, list) or (item and not all(isinstance(v, item) for v in value)):
        raise ValueError(f"not a JSON list: {str(text)[:40]!r}")
    return value


def display_value(name: str, value: Any) -> str:
    """A field value as text for amendment history and exports (是/否, codes joined, times)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], dict):
            return json.dumps(list(value), ensure_ascii=False)
        return " ".join(str(v) for v in value)
    if hasattr(value, "strftime"):
        return fmt_time(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
