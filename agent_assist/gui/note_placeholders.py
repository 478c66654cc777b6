"""Placeholders ({称呼} {工号} {时限}) in the note's free text, filled from what the note already
says: the customer field (王先生) → 称呼, the 工号 field (else the profile's) → 工号, the
promised deadline → 时限.

Kept apart from :mod:`note_form`: the phrase picker, the tone panels' rewrites and the form's
own fill-in all ask the same question, and the core (``context_values``, ``known_spans``)
answers it; this module only reads the fields.
"""

from __future__ import annotations

from agent_assist.gui.context import AppContext
from agent_assist.gui.note_fields import NoteFields
from agent_assist.gui.text_access import TextAccess
from agent_assist.notes import parse_deadline, parse_time
from agent_assist.phrases import context_values, known_spans


def placeholder_values(fields: NoteFields, started_at: str, ctx: AppContext) -> dict[str, str]:
    """Placeholder → value from the fields; ``started_at`` (the draft's) anchors "24h"."""
    try:
        started = parse_time(started_at) or ctx.call.started_at
    except ValueError:  # a damaged restored draft: validation names the field
        started = ctx.call.started_at
    typed = fields.deadline.text()
    deadline = parse_deadline(typed, started) if typed.strip() else None
    return context_values(
        agent_no=fields.agent_no.text().strip() or ctx.agent_no,
        customer_title=fields.customer_name.text().strip() or ctx.call.customer_title,
        agent_name=fields.agent_name.text().strip() or ctx.agent_name,
        deadline=deadline,
    )


def fill_placeholders(fields: NoteFields, values: dict[str, str]) -> int:
    """Fill ``{称呼}`` … already in the free-text fields once the note knows the value (a
    phrase inserted before the customer's name was typed). Returns how many were filled."""
    count = 0
    for edit in (fields.reason_text, fields.solution, fields.notes):
        access = TextAccess(edit)
        for start, end, value in reversed(known_spans(access.text(), values)):
            access.replace(start, end, value)
            count += 1
    return count
