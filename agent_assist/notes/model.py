"""The records of a complaint / call-listening note: the raw draft the agent is typing and the
validated note that lands in the store.

Two records, on purpose. A :class:`NoteDraft` holds exactly what the agent typed (a phone number
with a typo, "半小时" in the minutes box, codes as ``"3 12"``) so an autosave never loses or
"corrects" anything. A :class:`Note` only exists after :func:`agent_assist.notes.validate_draft`
accepted every field, so reports and exports can trust its types.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# The fixed vocabularies of the call-listening method (complaint type, emotion, repeat call).
# Stored as these Chinese words so the database reads the same as the form and the exported sheet.
COMPLAINT_TYPES: tuple[str, ...] = ("事务型", "态度型", "意见型")
EMOTIONS: tuple[str, ...] = ("平静", "焦虑", "不满", "愤怒")  # ordered: calmer → angrier
STAGES: tuple[str, ...] = ("受理", "解释澄清", "提出方案", "回访")
VALUE_CHOICES: tuple[str, ...] = ("价值", "烦扰")  # value / irritant, for customer and company

# The four cells of the value/irritant grid: (customer, company) → what to do with such reasons.
QUADRANTS: dict[tuple[str, str], str] = {
    ("价值", "价值"): "双方有价值：做好、做简单",
    ("价值", "烦扰"): "客户有价值、公司烦扰：改流程降成本",
    ("烦扰", "价值"): "客户烦扰、公司有价值：主动推送/自助",
    ("烦扰", "烦扰"): "双方烦扰：消除根源",
}

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def now() -> dt.datetime:
    """Local wall-clock time to the second: agents and supervisors read these times."""
    return dt.datetime.now().replace(microsecond=0)


def fmt_time(value: dt.datetime | None) -> str:
    return value.strftime(TIME_FORMAT) if value else ""


def parse_time(text: str | None) -> dt.datetime | None:
    """Read a time this package wrote ('' or None → None)."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text)


@dataclass
class NoteDraft:
    """What the form holds, field by field, exactly as typed.

    Every attribute has a default so an older draft (saved before a field existed) still loads.
    ``reason_codes`` is the raw code text (``"3 12"``); ``handling_minutes`` and ``deadline`` are
    raw text too, because an agent may type them half-way when the autosave fires.
    """

    draft_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: str = field(default_factory=lambda: fmt_time(now()))
    ended_at: str = ""
    agent_name: str = ""
    agent_no: str = ""
    customer_name: str = ""
    customer_phone: str = ""
    reason_text: str = ""
    reason_codes: str = ""
    related_processes: list[str] = field(default_factory=list)
    complaint_type: str = ""
    emotion_start: str = ""
    emotion_end: str = ""
    repeat_call: bool = False
    previous_calls: int = 0
    other_department_caused: bool = False
    other_department: str = ""
    stage: str = ""
    solution: str = ""
    solution_accepted: bool | None = None
    resolved: bool = False
    escalated: bool = False
    escalated_to: str = ""
    deadline: str = ""
    customer_value: str = ""
    company_value: str = ""
    handling_minutes: str = ""
    notes: str = ""
    script_runs: list[dict[str, Any]] = field(default_factory=list)
    tone_kept: list[dict[str, Any]] = field(default_factory=list)  # see Note.tone_kept
    updated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NoteDraft:
        """Tolerant: unknown keys (from a newer version) are ignored, missing ones default."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def is_blank(self) -> bool:
        """True while the agent has typed nothing worth offering back after a crash."""
        typed = (
            self.customer_name,
            self.customer_phone,
            self.reason_text,
            self.reason_codes,
            self.solution,
            self.notes,
            self.other_department,
            self.escalated_to,
            self.deadline,
        )
        return not any(str(v).strip() for v in typed)


@dataclass
class Note:
    """A submitted, validated note. ``id`` is 0 until the store assigns one.

    ``escalated_to`` and ``other_department`` are '' when the call was not escalated / not caused
    by another department; ``deadline`` is None when nothing was promised.
    """

    started_at: dt.datetime
    ended_at: dt.datetime
    agent_name: str
    agent_no: str
    reason_text: str
    reason_codes: tuple[int, ...]
    emotion_start: str
    emotion_end: str
    stage: str
    handling_minutes: float
    customer_name: str = ""
    customer_phone: str = ""
    related_processes: tuple[str, ...] = ()
    complaint_type: str = ""
    repeat_call: bool = False
    previous_calls: int = 0
    other_department: str = ""
    solution: str = ""
    solution_accepted: bool | None = None
    resolved: bool = False
    escalated: bool = False
    escalated_to: str = ""
    deadline: dt.datetime | None = None
    customer_value: str = ""
    company_value: str = ""
    notes: str = ""
    script_runs: tuple[dict[str, Any], ...] = ()
    # tone findings the agent saw when submitting and chose to keep the wording of
    # ({field, text, rule_id, category}): coaching material, not an error
    tone_kept: tuple[dict[str, Any], ...] = ()
    id: int = 0
    submitted_at: dt.datetime | None = None
    amendments: int = 0  # how many corrections were recorded (see NoteStore.amend)

    def to_draft(self) -> NoteDraft:
        """The editable form of this note (used to amend it through the same validation)."""
        return NoteDraft(
            draft_id=f"note-{self.id}",
            started_at=fmt_time(self.started_at),
            ended_at=fmt_time(self.ended_at),
            agent_name=self.agent_name,
            agent_no=self.agent_no,
            customer_name=self.customer_name,
            customer_phone=self.customer_phone,
            reason_text=self.reason_text,
            reason_codes=" ".join(str(c) for c in self.reason_codes),
            related_processes=list(self.related_processes),
            complaint_type=self.complaint_type,
            emotion_start=self.emotion_start,
            emotion_end=self.emotion_end,
            repeat_call=self.repeat_call,
            previous_calls=self.previous_calls,
            other_department_caused=bool(self.other_department),
            other_department=self.other_department,
            stage=self.stage,
            solution=self.solution,
            solution_accepted=self.solution_accepted,
            resolved=self.resolved,
            escalated=self.escalated,
            escalated_to=self.escalated_to,
            deadline=fmt_time(self.deadline),
            customer_value=self.customer_value,
            company_value=self.company_value,
            handling_minutes=f"{self.handling_minutes:g}",
            notes=self.notes,
            script_runs=[dict(r) for r in self.script_runs],
            tone_kept=[dict(k) for k in self.tone_kept],
        )


# Labels of the fields, used in validation messages, amendment history and export headers.
FIELD_LABELS: dict[str, str] = {
    "started_at": "来电开始",
    "ended_at": "来电结束",
    "agent_name": "坐席",
    "agent_no": "工号",
    "customer_name": "客户姓名",
    "customer_phone": "电话",
    "reason_text": "客户原话",
    "reason_codes": "原因代码",
    "related_processes": "相关流程",
    "complaint_type": "投诉类型",
    "emotion_start": "开始情绪",
    "emotion_end": "结束情绪",
    "repeat_call": "重复来电",
    "previous_calls": "之前来电次数",
    "other_department_caused": "其他部门导致",
    "other_department": "责任部门",
    "stage": "处理阶段",
    "solution": "解决方案",
    "solution_accepted": "客户接受方案",
    "resolved": "本次解决",
    "escalated": "升级/转接",
    "escalated_to": "升级/转接给",
    "deadline": "承诺回复时限",
    "customer_value": "对客户",
    "company_value": "对公司",
    "handling_minutes": "处理时长(分钟)",
    "notes": "备注",
    "script_runs": "引导脚本记录",
    "tone_kept": "保留原措辞（语气提示）",
}
