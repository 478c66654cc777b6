"""Turning what the agent typed into a trustworthy :class:`Note`, or saying exactly what to fix.

Every invalid field gets its own message that names the field (as the form labels it) and says
how to fix it, so the form can put the message under the field and the CLI can print it. The
rules are the call-listening method's: the reason must be *specific* and in the customer's words,
at least one numbered code, the caller's emotion at both ends, and the facts a supervisor needs
(repeat call, which other department, who it was escalated to, what was promised by when).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from agent_assist.notes.model import (
    COMPLAINT_TYPES,
    EMOTIONS,
    FIELD_LABELS,
    STAGES,
    VALUE_CHOICES,
    Note,
    NoteDraft,
    now as _now,
    parse_time,
)
from agent_assist.notes.phones import normalize_phone, phone_problem
from agent_assist.notes.reason_codes import ReasonCodeBook

MIN_REASON_CHARS = 6
MAX_MINUTES = 480
# Words that name a category instead of what happened; the method asks for "到货晚了" /
# "一直没到", never "配送问题".
GENERIC_REASONS = {
    "投诉", "问题", "咨询", "查询", "其他", "无", "不满", "不满意", "业务问题", "网络问题",
    "话费问题", "套餐问题", "服务问题", "信号问题", "宽带问题", "客户投诉", "客户不满",
}


@dataclass(frozen=True)
class FieldError:
    """One invalid field: ``field`` is the NoteDraft attribute, ``message`` says how to fix it."""

    field: str
    message: str

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def __str__(self) -> str:
        return f"{self.label}：{self.message}"


@dataclass
class Validation:
    note: Note | None
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


class NoteInvalid(ValueError):
    """Raised by the store when asked to submit a draft that does not validate."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("；".join(str(e) for e in errors))
        self.errors = errors


def parse_minutes(text: str) -> float | None:
    """``"12"``, ``"12.5"``, ``"12分钟"``, ``"1:30"`` (m:ss) → minutes; None if unreadable."""
    raw = text.strip().replace("：", ":")
    m = re.fullmatch(r"(\d+):([0-5]\d)", raw)
    if m:
        return int(m.group(1)) + int(m.group(2)) / 60
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(分钟|分|min|m)?", raw, flags=re.IGNORECASE)
    return float(m.group(1)) if m else None


def parse_deadline(text: str, base: dt.datetime) -> dt.datetime | None:
    """A promised time: absolute (``2026-11-25 18:00``, ``2026-11-25`` = end of that day,
    ``11-25 18:00``) or relative to ``base`` (``24h``, ``24小时``, ``2天``, ``+48h``) — the way
    agents promise ("24小时内给您回复"). None if unreadable.
    """
    raw = text.strip().replace("：", ":").replace("/", "-").replace("T", " ")
    if not raw:
        return None
    m = re.fullmatch(r"\+?(\d+)\s*(h|小时|个小时|d|天)(内)?", raw, flags=re.IGNORECASE)
    if m:
        n = int(m.group(1))
        unit = m.group(2).lower()
        return base + (dt.timedelta(hours=n) if unit in ("h", "小时", "个小时") else dt.timedelta(days=n))
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            value = dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
        return value.replace(hour=23, minute=59) if fmt == "%Y-%m-%d" else value
    try:
        value = dt.datetime.strptime(raw, "%m-%d %H:%M")
    except ValueError:
        return None
    value = value.replace(year=base.year)
    return value if value >= base - dt.timedelta(days=1) else value.replace(year=base.year + 1)


def validate_draft(draft: NoteDraft, codes: ReasonCodeBook, now: dt.datetime | None = None) -> Validation:
    """Check every field of ``draft``; return the note when all are valid, else every error."""
    current = now or _now()
    errors: list[FieldError] = []

    def err(name: str, message: str) -> None:
        errors.append(FieldError(name, message))

    # when — set by the app, but a restored or amended draft may carry anything
    try:
        started = parse_time(draft.started_at) or current
    except ValueError:
        err("started_at", "时间格式应为 2026-11-25 09:30:00")
        started = current
    try:
        ended = parse_time(draft.ended_at) or current
    except ValueError:
        err("ended_at", "时间格式应为 2026-11-25 09:42:00")
        ended = current
    if ended < started:
        err("ended_at", "结束时间早于开始时间，请检查两者")

    agent_name, agent_no = draft.agent_name.strip(), draft.agent_no.strip()
    if not agent_name and not agent_no:
        err("agent_no", "请填写坐席工号或姓名（可在设置中保存，之后自动带出）")
    elif agent_no and not re.fullmatch(r"[A-Za-z0-9_-]{1,20}", agent_no):
        err("agent_no", "工号只能是字母、数字、短横线，最多20位，如 A10086")

    customer_name = draft.customer_name.strip()
    if len(customer_name) > 30:
        err("customer_name", "客户姓名最多30个字；其他情况请写在备注里")

    phone = ""
    problem = phone_problem(draft.customer_phone)
    if problem:
        err("customer_phone", problem)
    else:
        phone = normalize_phone(draft.customer_phone) or ""

    reason = draft.reason_text.strip()
    code_numbers, bad_codes = codes.parse(draft.reason_codes)
    code_names = {c.name for c in codes}
    if not reason:
        err("reason_text", "必填。请用客户自己的话写出具体原因，如“上月多扣了30元流量费”")
    elif reason in GENERIC_REASONS or reason in code_names:
        err("reason_text", f"“{reason}”太笼统。请写客户的具体说法，如“充了100元两小时还没到账”")
    elif len(reason) < MIN_REASON_CHARS:
        err("reason_text", f"太短（{len(reason)}个字）。请至少写{MIN_REASON_CHARS}个字的具体原因，如“宽带光猫红灯上不了网”")

    if bad_codes:
        err("reason_codes", f"没有这些代码：{'、'.join(bad_codes)}。请输入列表中的编号，用空格分隔，如 3 12")
    elif not code_numbers:
        err("reason_codes", "至少选择一个原因代码：输入编号（如 3 12）或在列表中勾选")

    complaint_type = draft.complaint_type.strip()
    if complaint_type and complaint_type not in COMPLAINT_TYPES:
        err("complaint_type", f"请选择{'/'.join(COMPLAINT_TYPES)}之一，非投诉来电留空")
    for name in ("emotion_start", "emotion_end"):
        value = getattr(draft, name).strip()
        if not value:
            err(name, f"请选择客户情绪：{'/'.join(EMOTIONS)}")
        elif value not in EMOTIONS:
            err(name, f"“{value}”不是可选情绪，请选择{'/'.join(EMOTIONS)}之一")

    previous = int(draft.previous_calls or 0)
    if draft.repeat_call and previous < 1:
        err("previous_calls", "重复来电请填写之前为此事来电的次数（至少1次）")
    elif not draft.repeat_call and previous:
        err("previous_calls", "首次来电时之前来电次数应为0；如果客户之前打过，请勾选“重复来电”")
    elif previous > 99:
        err("previous_calls", "之前来电次数应在1–99之间")

    department = draft.other_department.strip()
    if draft.other_department_caused and not department:
        err("other_department", "已勾选“其他部门导致”，请写明是哪个部门，如 营业厅、装维、计费")

    stage = draft.stage.strip()
    if not stage:
        err("stage", f"请选择本次处理到的阶段：{'/'.join(STAGES)}")
    elif stage not in STAGES:
        err("stage", f"请选择{'/'.join(STAGES)}之一")

    solution = draft.solution.strip()
    if draft.solution_accepted is not None and not solution:
        err("solution", "已选择客户是否接受方案，请写出提供的方案；没有方案请把“接受方案”设为未提出")

    escalated_to = draft.escalated_to.strip()
    if draft.escalated and not escalated_to:
        err("escalated_to", "已勾选升级/转接，请写明转给了谁，如 值班长、投诉处理中心、宽带专席")

    deadline = None
    if draft.deadline.strip():
        deadline = parse_deadline(draft.deadline, started)
        if deadline is None:
            err("deadline", "看不懂这个时间。请写 2026-11-25 18:00，或 24h / 2天（从来电开始算）")
        elif deadline <= started:
            err("deadline", "承诺的时限应晚于来电开始时间")

    for name in ("customer_value", "company_value"):
        value = getattr(draft, name).strip()
        if value and value not in VALUE_CHOICES:
            err(name, f"请选择{'/'.join(VALUE_CHOICES)}之一，或留空表示未评估")

    if draft.handling_minutes.strip():
        minutes = parse_minutes(draft.handling_minutes)
        if minutes is None:
            err("handling_minutes", "请填写数字（分钟），如 8 或 8.5；留空则按来电起止时间自动计算")
            minutes = 0.0
        elif not 0 < minutes <= MAX_MINUTES:
            err("handling_minutes", f"处理时长应在0–{MAX_MINUTES}分钟之间")
    else:
        minutes = max(round((ended - started).total_seconds() / 60, 1), 0.1)

    if len(draft.notes) > 4000:
        err("notes", "备注最多4000字；长记录请附在工单里")

    if errors:
        return Validation(None, errors)
    return Validation(
        Note(
            started_at=started,
            ended_at=ended,
            agent_name=agent_name,
            agent_no=agent_no,
            reason_text=reason,
            reason_codes=tuple(code_numbers),
            emotion_start=draft.emotion_start.strip(),
            emotion_end=draft.emotion_end.strip(),
            stage=stage,
            handling_minutes=round(minutes, 1),
            customer_name=customer_name,
            customer_phone=phone,
            related_processes=tuple(dict.fromkeys(p.strip() for p in draft.related_processes if p.strip())),
            complaint_type=complaint_type,
            repeat_call=bool(draft.repeat_call),
            previous_calls=previous if draft.repeat_call else 0,
            other_department=department if draft.other_department_caused else "",
            solution=solution,
            solution_accepted=draft.solution_accepted if solution else None,
            resolved=bool(draft.resolved),
            escalated=bool(draft.escalated),
            escalated_to=escalated_to if draft.escalated else "",
            deadline=deadline,
            customer_value=draft.customer_value.strip(),
            company_value=draft.company_value.strip(),
            notes=draft.notes.strip(),
            script_runs=tuple(dict(r) for r in draft.script_runs),
        ),
        [],
    )
