"""What the team server receives: a note in the server's column names and types.

Shared by the outbox (new notes, amendments carry the note after the change) and the tests that
compare what landed on the server with what was saved here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent_assist.notes import Note


def iso(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value).isoformat(sep=" ", timespec="seconds")
    if hasattr(value, "isoformat"):
        return str(value.isoformat(sep=" ", timespec="seconds"))
    return str(value)


def note_payload(note: Note, note_uuid: str) -> dict[str, Any]:
    return {
        "uuid": note_uuid,
        "agent_no": note.agent_no,
        "started_at": iso(note.started_at),
        "ended_at": iso(note.ended_at),
        "submitted_at": iso(note.submitted_at or note.ended_at),
        "agent_name": note.agent_name,
        "customer_name": note.customer_name,
        "customer_phone": note.customer_phone,
        "reason_text": note.reason_text,
        "reason_codes": list(note.reason_codes),
        "related_processes": list(note.related_processes),
        "complaint_type": note.complaint_type,
        "emotion_start": note.emotion_start,
        "emotion_end": note.emotion_end,
        "repeat_call": bool(note.repeat_call),
        "previous_calls": int(note.previous_calls),
        "other_department": note.other_department,
        "stage": note.stage,
        "solution": note.solution,
        "solution_accepted": note.solution_accepted,
        "resolved": bool(note.resolved),
        "escalated": bool(note.escalated),
        "escalated_to": note.escalated_to,
        "deadline": iso(note.deadline),
        "customer_value": note.customer_value,
        "company_value": note.company_value,
        "handling_minutes": float(note.handling_minutes),
        "notes": note.notes,
        "script_runs": list(note.script_runs),
    }
