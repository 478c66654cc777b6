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
import unicodedata
from dataclasses import dataclass, field

from agent_assist.notes.deadlines import parse_deadline
from agent_assist.notes.model import (
    COMPLAINT_TYPES,
    EMOTIONS,
    FIELD_LABELS,
    STAGES,
    VALUE_CHOICES,
    Note,
    NoteDraft,
    parse_time,
)
from agent_assist.notes.model import (
    now as _now,
)
from agent_assist.notes.phones import normalize_phone, phone_problem
from agent_assist.notes.reason_codes import ReasonCodeBook
from agent_assist.notes.text import clean_text

# Specific reasons are short in Chinese: 一直没到, 到货晚了, 网速太慢 are four characters and say
# exactly what happened. What makes a reason useless is being a category (GENERIC_REASONS), not
# being short, so the length floor only catches fragments like "没到" or "扣费".
MIN_REASON_CHARS = 4
MAX_MINUTES = 480
# Words that name a category instead of what happened; the method asks for "到货晚了" /
# "一直没到", never "配送问题".
GENERIC_REASONS = {
    "投诉",
    "问题",
    "咨询",
    "查询",
    "其他",
    "无",
    "不满",
    "不满意",
    "业务问题",
    "网络问题",
    "话费问题",
    "套餐问题",
    "服务问题",
    "信号问题",
    "宽带问题",
    "客户投诉",
    "客户不满",
    "有问题",
    "出问题",
    "抱怨",
    "反映问题",
    "业务咨询",
    "业务办理",
    "办理业务",
    "故障",
    "其它",
    "见备注",
}
# Filler around a category word that does not make it specific: "我要投诉", "很不满意啊", "有问题".
_FILLER_HEAD = re.compile(r"^(?:客户|用户|我|我们|要|想|说|有|很|非常|特别|十分|就是|一直)+")
_FILLER_TAIL = re.compile(r"(?:了|的|啊|呀|呢|吧|哦|啦)+$")
# Punctuation, symbols and spaces do not count towards the length of a reason.
_NOT_WORDS = re.compile(r"[\W_]+")
_ONE_LINE = (
    "started_at",
    "ended_at",
    "agent_name",
    "agent_no",
    "customer_name",
    "customer_phone",
    "reason_codes",
    "complaint_type",
    "emotion_start",
    "emotion_end",
    "other_department",
    "stage",
    "escalated_to",
    "deadline",
    "customer_value",
    "company_value",
    "handling_minutes",
)
_MULTI_LINE = ("reason_text", "solution", "notes")
_EMOTION_WHEN = {"emotion_start": "开始", "emotion_end": "结束"}


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


#: ``{称呼}`` ``{时限}`` …: the placeholder syntax of phrases (phrases.model.PLACEHOLDER_RE).
PLACEHOLDER = re.compile(r"\{([\w\u4e00-\u9fff]{1,12})\}")


def unfilled_placeholder(text: str) -> re.Match[str] | None:
    """The first placeholder still in ``text`` (a phrase the agent did not finish), or None."""
    return PLACEHOLDER.search(text or "")


def parse_minutes(text: str) -> float | None:
    """``"12"``, ``"12.5"``, ``"12分钟"``, ``"1:30"`` (m:ss) → minutes; None if unreadable."""
    raw = text.strip().replace("：", ":")
    m = re.fullmatch(r"(\d+):([0-5]\d)", raw)
    if m:
        return int(m.group(1)) + int(m.group(2)) / 60
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(分钟|分|min|m)?", raw, flags=re.IGNORECASE)
    return float(m.group(1)) if m else None


def validate_draft(
    draft: NoteDraft, codes: ReasonCodeBook, now: dt.datetime | None = None
) -> Validation:
    """Check every field of ``draft``; return the note when all are valid, else every error.

    ``draft`` is not changed; the note gets cleaned text (no control characters, see
    :func:`clean_text`). A damaged draft (wrong types after a crash or a hand edit) gets field
    messages, never an exception.
    """
    current = now or _now()
    errors: list[FieldError] = []
    draft = _cleaned(draft)

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
    # a code's name, or one half of a “A/B” name, copied as the reason says nothing specific
    code_names = {part for c in codes for part in (c.name, *c.name.split("/"))}
    if not reason:
        err("reason_text", "必填。请用客户自己的话写出具体原因，如“上月多扣了30元流量费”")
    elif _is_generic(reason, code_names):
        err("reason_text", f"“{reason}”太笼统。请写客户的具体说法，如“充了100元两小时还没到账”")
    elif (length := len(_NOT_WORDS.sub("", reason))) < MIN_REASON_CHARS:
        err(
            "reason_text",
            f"太短（{length}个字）。请至少写{MIN_REASON_CHARS}个字，说清发生了什么，如“一直没到账”",
        )

    if bad_codes:
        err(
            "reason_codes",
            f"没有这些代码：{'、'.join(bad_codes)}。请输入列表中的编号，用空格分隔，如 3 12",
        )
    elif not code_numbers:
        err("reason_codes", "至少选择一个原因代码：输入编号（如 3 12）或在列表中勾选")

    complaint_type = draft.complaint_type.strip()
    if complaint_type and complaint_type not in COMPLAINT_TYPES:
        err("complaint_type", f"请选择{'/'.join(COMPLAINT_TYPES)}之一，非投诉来电留空")
    for name in ("emotion_start", "emotion_end"):
        value = getattr(draft, name).strip()
        when = _EMOTION_WHEN[name]
        if not value:
            err(name, f"请选择客户{when}时的情绪：{'/'.join(EMOTIONS)}")
        elif value not in EMOTIONS:
            err(name, f"{when}情绪“{value}”不是可选项，请选择{'/'.join(EMOTIONS)}之一")

    previous = _count(draft.previous_calls)
    if previous is None:
        err(
            "previous_calls",
            f"“{clean_text(draft.previous_calls, multiline=False)[:20]}”不是次数，请填写0–99的整数（首次来电为0）",
        )
        previous = 0
    elif draft.repeat_call and previous < 1:
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
        err(
            "solution", "已选择客户是否接受方案，请写出提供的方案；没有方案请把“接受方案”设为未提出"
        )

    escalated_to = draft.escalated_to.strip()
    if draft.escalated and not escalated_to:
        err("escalated_to", "已勾选升级/转接，请写明转给了谁，如 值班长、投诉处理中心、宽带专席")

    deadline = None
    if draft.deadline.strip():
        deadline = parse_deadline(draft.deadline, started)
        if deadline is None:
            err(
                "deadline",
                "看不懂这个时间。请写 2026-11-25 18:00，或 24小时内、3个工作日、明天下午、"
                "后天18:00（从来电开始算）",
            )
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

    # a phrase inserted with {称呼} / {时限} left unfilled must not reach the customer's record
    flagged = {e.field for e in errors}
    for name in _MULTI_LINE:
        hole = unfilled_placeholder(getattr(draft, name))
        if hole is not None and name not in flagged:
            err(name, f"还有未填写的占位符 {hole.group(0)}：请填上{hole.group(1)}，或删掉它")

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
            related_processes=tuple(
                dict.fromkeys(p.strip() for p in draft.related_processes if p.strip())
            ),
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
            tone_kept=tuple(dict(k) for k in draft.tone_kept),
        ),
        [],
    )


def _is_generic(reason: str, code_names: set[str]) -> bool:
    """A category word, alone or with filler ("我要投诉", "很不满意啊"), or just a code's name."""
    core = _NOT_WORDS.sub("", reason)
    bare = _FILLER_TAIL.sub("", _FILLER_HEAD.sub("", core))
    return bool({reason, core, bare} & (GENERIC_REASONS | code_names)) or not bare and bool(core)


def _count(value: object) -> int | None:
    """A count typed or restored as int, float or text ("2", "２", " 3 "); None if not a count."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = clean_text(value, multiline=False).strip()
    try:
        return int(unicodedata.normalize("NFKC", text))
    except ValueError:
        return None


def _flag(value: object) -> bool:
    """A yes/no restored from a draft: bools as they are, "false"/"0"/"否"/'' as False."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "否", "none", "null")
    return bool(value)


def _cleaned(draft: NoteDraft) -> NoteDraft:
    """A copy of ``draft`` with text fields as clean strings and flags as bools, so the checks
    below can rely on types whatever a damaged autosave held."""
    data = draft.to_dict()
    for name in _ONE_LINE:
        data[name] = clean_text(data.get(name), multiline=False)
    for name in _MULTI_LINE:
        data[name] = clean_text(data.get(name))
    for name in ("repeat_call", "other_department_caused", "resolved", "escalated"):
        data[name] = _flag(data.get(name))
    accepted = data.get("solution_accepted")
    data["solution_accepted"] = None if accepted is None or accepted == "" else _flag(accepted)
    related = data.get("related_processes")
    if isinstance(related, str):
        related = related.split()
    data["related_processes"] = [
        clean_text(p, multiline=False) for p in related or [] if p is not None
    ]
    runs = data.get("script_runs")
    data["script_runs"] = [r for r in runs if isinstance(r, dict)] if isinstance(runs, list) else []
    kept = data.get("tone_kept")
    data["tone_kept"] = [k for k in kept if isinstance(k, dict)] if isinstance(kept, list) else []
    return NoteDraft.from_dict(data)
