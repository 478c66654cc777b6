"""Complaint / call-listening notes: model, validation, reason codes, store, drafts, amendments,
follow-ups, reports and export. No Qt: the note form and the report views ask these objects.

Typical use::

    codes = reason_codes_for(kb)                 # numbered codes from knowledge/reason_codes.yaml
    drafts = DraftStore(db); drafts.save(draft)  # autosave while typing
    note = NoteStore(db).submit(draft, codes)    # validate + file; raises NoteInvalid(errors)
    report = build_report(db, NoteFilter(date_from=…), codes)
"""

from agent_assist.notes.amendments import (
    Amendment,
    AmendmentNotSaved,
    AmendmentStore,
    diff_notes,
)
from agent_assist.notes.deadlines import add_working_days, parse_deadline, pin_deadline
from agent_assist.notes.departments import (
    Departments,
    departments_for,
    load_departments,
    match_name,
)
from agent_assist.notes.drafts import DraftNotSaved, DraftStore
from agent_assist.notes.export import FORMATS, export_notes
from agent_assist.notes.filters import NoteFilter, parse_day
from agent_assist.notes.followups import SATISFACTION_LABELS, FollowUp, FollowUpStore
from agent_assist.notes.masking import PiiSpan, find_pii, mask_pii
from agent_assist.notes.model import (
    COMPLAINT_TYPES,
    EMOTIONS,
    FIELD_LABELS,
    QUADRANTS,
    STAGES,
    VALUE_CHOICES,
    Note,
    NoteDraft,
    fmt_time,
    parse_time,
)
from agent_assist.notes.phones import PHONE_HINT, mask_phone, normalize_phone, phone_problem
from agent_assist.notes.reason_codes import (
    ReasonCode,
    ReasonCodeBook,
    load_reason_codes,
    reason_codes_for,
)
from agent_assist.notes.report_models import (
    CodeRate,
    CostRow,
    DepartmentRow,
    EmotionShift,
    Escalations,
    FollowUpSummary,
    GridRow,
    HandlingCost,
    NotesReport,
    OtherDepartments,
    Pareto,
    ParetoRow,
    RepeatCalls,
    Resolution,
    ValueGrid,
)
from agent_assist.notes.reports import (
    DEFAULT_COST_PER_MINUTE,
    build_report,
    cost_per_minute,
    emotion_shift,
    escalations,
    fold_emotions,
    followup_summary,
    handling_cost,
    other_departments,
    pareto,
    repeat_calls,
    resolution,
    set_cost_per_minute,
    value_grid,
)
from agent_assist.notes.schema import MIGRATIONS, ensure_schema
from agent_assist.notes.script_runs import (
    PLAIN_MOVES,
    path_text,
    runs_cell,
    stage_parts,
    stage_seconds,
    stage_seconds_text,
)
from agent_assist.notes.store import NoteNotSaved, NoteStore, SkippedRow
from agent_assist.notes.text import clean_text
from agent_assist.notes.validation import (
    FieldError,
    NoteInvalid,
    Validation,
    parse_minutes,
    unfilled_placeholder,
    validate_draft,
)

__all__ = [
    "COMPLAINT_TYPES",
    "DEFAULT_COST_PER_MINUTE",
    "EMOTIONS",
    "FIELD_LABELS",
    "FORMATS",
    "MIGRATIONS",
    "PHONE_HINT",
    "QUADRANTS",
    "SATISFACTION_LABELS",
    "STAGES",
    "VALUE_CHOICES",
    "Amendment",
    "Departments",
    "AmendmentNotSaved",
    "AmendmentStore",
    "CodeRate",
    "CostRow",
    "DepartmentRow",
    "DraftNotSaved",
    "DraftStore",
    "EmotionShift",
    "Escalations",
    "FieldError",
    "FollowUp",
    "FollowUpStore",
    "FollowUpSummary",
    "GridRow",
    "HandlingCost",
    "Note",
    "NoteDraft",
    "NoteFilter",
    "NoteInvalid",
    "NoteNotSaved",
    "NoteStore",
    "NotesReport",
    "PiiSpan",
    "OtherDepartments",
    "PLAIN_MOVES",
    "Pareto",
    "ParetoRow",
    "ReasonCode",
    "ReasonCodeBook",
    "SkippedRow",
    "RepeatCalls",
    "Resolution",
    "Validation",
    "ValueGrid",
    "add_working_days",
    "build_report",
    "clean_text",
    "cost_per_minute",
    "diff_notes",
    "emotion_shift",
    "fold_emotions",
    "ensure_schema",
    "escalations",
    "export_notes",
    "find_pii",
    "fmt_time",
    "followup_summary",
    "handling_cost",
    "load_reason_codes",
    "mask_phone",
    "mask_pii",
    "normalize_phone",
    "other_departments",
    "parse_day",
    "parse_deadline",
    "parse_minutes",
    "parse_time",
    "pareto",
    "path_text",
    "phone_problem",
    "pin_deadline",
    "reason_codes_for",
    "repeat_calls",
    "resolution",
    "runs_cell",
    "set_cost_per_minute",
    "stage_parts",
    "stage_seconds",
    "stage_seconds_text",
    "unfilled_placeholder",
    "validate_draft",
    "value_grid",
    "departments_for",
    "load_departments",
    "match_name",
]
