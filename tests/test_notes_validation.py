"""Validation table: every invalid field gets its own message naming the field and the fix."""

from __future__ import annotations

import datetime as dt

import pytest

from agent_assist.notes import (
    NoteDraft,
    mask_phone,
    normalize_phone,
    parse_deadline,
    parse_minutes,
    phone_problem,
    reason_codes_for,
    validate_draft,
)

CODES = reason_codes_for()
START = dt.datetime(2026, 11, 24, 9, 30, 0)
NOW = dt.datetime(2026, 11, 24, 9, 42, 0)


def good(**changes) -> NoteDraft:
    base = dict(
        started_at="2026-11-24 09:30:00",
        agent_name="李娜",
        agent_no="A10086",
        customer_name="王先生",
        customer_phone="138 1234 5678",
        reason_text="微信充了100元话费两小时还没到账",
        reason_codes="7",
        emotion_start="不满",
        emotion_end="平静",
        stage="提出方案",
    )
    base.update(changes)
    return NoteDraft(**base)


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("0086 19912345678", "19912345678"),
        ("8613812345678", "13812345678"),
        ("010-12345678", "010-12345678"),
        ("(021)87654321", "021-87654321"),
        ("0755 8888 8888", "0755-88888888"),
        ("0571-8765432", "0571-8765432"),
        ("", ""),
    ],
)
def test_phone_shapes_are_accepted_and_normalised(raw, canonical):
    assert normalize_phone(raw) == canonical
    assert phone_problem(raw) is None


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("1381234567", "11位，现在是10位"),
        ("138123456789", "11位，现在是12位"),
        ("12812345678", "第二位应为3–9"),
        ("010-1234", "区号"),
        ("0100-12345678", "区号"),
        ("12345", "11位"),
        ("138abc45678", "只能包含数字"),
        ("88888888", "带区号的固话"),
    ],
)
def test_bad_phones_say_what_is_wrong(raw, fragment):
    message = phone_problem(raw)
    assert message is not None and fragment in message
    assert "010-12345678" in message  # always shows the expected shape
    errors = validate_draft(good(customer_phone=raw), CODES, now=NOW).by_field()
    assert list(errors) == ["customer_phone"]


@pytest.mark.parametrize(
    "phone, masked",
    [
        ("13812341234", "138****1234"),
        ("+86 138 1234 1234", "138****1234"),
        ("010-12345678", "010-****5678"),
        ("0571-8765432", "0571-***5432"),
        ("", ""),
    ],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


# (changes, field that must be reported, words its message must contain)
INVALID = [
    (dict(reason_text=""), "reason_text", "必填"),
    (dict(reason_text="话费问题"), "reason_text", "太笼统"),
    (dict(reason_text="话费扣多了"), "reason_text", "太笼统"),  # just the code's name
    (dict(reason_text="没到账"), "reason_text", "至少写4个字"),
    (dict(reason_text="没到！！！"), "reason_text", "太短（2个字）"),  # punctuation is not words
    (dict(reason_text="我要投诉！"), "reason_text", "太笼统"),
    (dict(reason_text="很不满意啊"), "reason_text", "太笼统"),
    (dict(reason_text="有问题"), "reason_text", "太笼统"),
    (dict(previous_calls="abc", repeat_call=True), "previous_calls", "“abc”不是次数"),
    (dict(previous_calls=1.5, repeat_call=True), "previous_calls", "不是次数"),
    (dict(deadline="明天吧"), "deadline", "3个工作日"),
    (dict(reason_codes=""), "reason_codes", "至少选择一个"),
    (dict(reason_codes="7 99"), "reason_codes", "没有这些代码：99"),
    (dict(reason_codes="七"), "reason_codes", "没有这些代码：七"),
    (dict(emotion_start=""), "emotion_start", "请选择客户开始时的情绪"),
    (dict(emotion_end=""), "emotion_end", "请选择客户结束时的情绪"),
    (dict(emotion_start="开心"), "emotion_start", "开始情绪“开心”不是可选项"),
    (dict(emotion_end="开心"), "emotion_end", "结束情绪“开心”不是可选项"),
    (dict(stage=""), "stage", "阶段"),
    (dict(stage="结案"), "stage", "受理/解释澄清/提出方案/回访"),
    (dict(complaint_type="服务型"), "complaint_type", "事务型/态度型/意见型"),
    (dict(repeat_call=True, previous_calls=0), "previous_calls", "至少1次"),
    (dict(repeat_call=False, previous_calls=2), "previous_calls", "勾选“重复来电”"),
    (dict(other_department_caused=True, other_department=""), "other_department", "哪个部门"),
    (dict(escalated=True, escalated_to=" "), "escalated_to", "转给了谁"),
    (dict(solution_accepted=True, solution=""), "solution", "写出提供的方案"),
    (dict(deadline="下周吧"), "deadline", "2026-11-25 18:00"),
    (dict(deadline="2026-11-24 08:00"), "deadline", "晚于来电开始"),
    (dict(customer_value="还行"), "customer_value", "价值/烦扰"),
    (dict(company_value="x"), "company_value", "价值/烦扰"),
    (dict(handling_minutes="半小时"), "handling_minutes", "请填写数字"),
    (dict(handling_minutes="900"), "handling_minutes", "0–480"),
    (dict(agent_name="", agent_no=""), "agent_no", "工号或姓名"),
    (dict(agent_no="A 1"), "agent_no", "字母、数字"),
    (dict(customer_name="王" * 31), "customer_name", "最多30个字"),
    (dict(ended_at="2026-11-24 09:00:00"), "ended_at", "早于开始"),
    (dict(started_at="昨天"), "started_at", "格式"),
]


@pytest.mark.parametrize(
    "changes, field, words", INVALID, ids=[f"{c[1]}-{i}" for i, c in enumerate(INVALID)]
)
def test_each_invalid_field_gets_its_own_message(changes, field, words):
    result = validate_draft(good(**changes), CODES, now=NOW)
    assert not result.ok and result.note is None
    errors = result.by_field()
    assert list(errors) == [field], errors
    assert words in errors[field]
    assert str(result.errors[0]).startswith(result.errors[0].label + "：")


def test_several_bad_fields_are_all_reported_at_once():
    draft = good(
        customer_phone="123", reason_text="", reason_codes="", emotion_end="", escalated=True
    )
    fields = [e.field for e in validate_draft(draft, CODES, now=NOW).errors]
    assert fields == [
        "customer_phone",
        "reason_text",
        "reason_codes",
        "emotion_end",
        "escalated_to",
    ]


def test_valid_draft_becomes_a_clean_note():
    draft = good(
        reason_codes="7, 1 7",
        related_processes=["billing.recharge", "billing.recharge", " "],
        repeat_call=True,
        previous_calls=2,
        other_department_caused=True,
        other_department="渠道代理商",
        escalated=False,
        escalated_to="值班长",  # ignored: not escalated
        solution="核实后补充值并短信通知",
        solution_accepted=True,
        deadline="24h",
        customer_value="烦扰",
        company_value="烦扰",
        script_runs=[{"script": "calm-angry-caller", "finished": True}],
    )
    result = validate_draft(draft, CODES, now=NOW)
    assert result.ok, result.errors
    note = result.note
    assert note.reason_codes == (7, 1)
    assert note.customer_phone == "13812345678"
    assert note.related_processes == ("billing.recharge",)
    assert note.escalated_to == ""
    assert note.deadline == START + dt.timedelta(hours=24)
    assert note.handling_minutes == 12.0  # from 09:30 to "now" 09:42
    assert note.script_runs == ({"script": "calm-angry-caller", "finished": True},)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12", 12.0),
        ("8.5", 8.5),
        ("12分钟", 12.0),
        ("3分", 3.0),
        ("1:30", 1.5),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_minutes(text, expected):
    assert parse_minutes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("24h", START + dt.timedelta(hours=24)),
        ("48小时", START + dt.timedelta(hours=48)),
        ("+2天", START + dt.timedelta(days=2)),
        ("24小时内", START + dt.timedelta(hours=24)),
        ("2026-11-25 18:00", dt.datetime(2026, 11, 25, 18, 0)),
        ("2026/11/25 18:00", dt.datetime(2026, 11, 25, 18, 0)),
        ("2026-11-26", dt.datetime(2026, 11, 26, 23, 59)),
        ("11-25 18:00", dt.datetime(2026, 11, 25, 18, 0)),
        ("明天吧", None),
    ],
)
def test_parse_deadline(text, expected):
    assert parse_deadline(text, START) == expected


@pytest.mark.parametrize("reason", ["一直没到", "到货晚了", "网速太慢", "扣了两次费", "信号老断"])
def test_short_but_specific_reasons_are_accepted(reason):
    result = validate_draft(good(reason_text=reason), CODES, now=NOW)
    assert result.ok, result.errors
    assert result.note.reason_text == reason


@pytest.mark.parametrize(
    "reason", ["问题", "投诉", "不满意", "咨询", " 投诉。", "客户不满意", "其他"]
)
def test_generic_words_alone_are_rejected(reason):
    errors = validate_draft(good(reason_text=reason), CODES, now=NOW).by_field()
    assert list(errors) == ["reason_text"] and "太笼统" in errors["reason_text"]


def test_control_characters_from_crm_pastes_are_cleaned():
    draft = good(
        reason_text="扣了两次费\x0b第二次是\x1b[0m月初\r\n客户很生气\u2028",
        customer_name="王\x00先生",
        solution="退一次\x0c费用\t并道歉",
        notes="\ufeff见工单\x07",
        other_department_caused=True,
        other_department="计费\n中心",
    )
    result = validate_draft(draft, CODES, now=NOW)
    assert result.ok, result.errors
    note = result.note
    assert note.reason_text == "扣了两次费\n第二次是[0m月初\n客户很生气"
    assert note.customer_name == "王先生"
    assert note.solution == "退一次\n费用 并道歉"
    assert note.notes == "见工单"
    assert note.other_department == "计费 中心"  # one-line field: a break becomes a space
    assert draft.customer_name == "王\x00先生"  # the draft itself is what was typed


def test_a_damaged_restored_draft_gets_field_messages_not_an_exception():
    draft = NoteDraft.from_dict(
        {
            **good().to_dict(),
            "previous_calls": "abc",
            "repeat_call": "true",
            "reason_text": None,
            "emotion_end": 3,
            "resolved": "false",
            "script_runs": ["junk", {"script": "x"}],
            "related_processes": None,
        }
    )
    result = validate_draft(draft, CODES, now=NOW)
    errors = result.by_field()
    assert set(errors) == {"previous_calls", "reason_text", "emotion_end"}
    assert "0–99" in errors["previous_calls"]
    fixed = NoteDraft.from_dict(
        {
            **draft.to_dict(),
            "previous_calls": "２",
            "reason_text": "一直没到账",
            "emotion_end": "平静",
        }
    )
    note = validate_draft(fixed, CODES, now=NOW).note
    assert note is not None
    assert (note.repeat_call, note.previous_calls, note.resolved) == (True, 2, False)
    assert note.script_runs == ({"script": "x"},) and note.related_processes == ()


def test_start_and_end_emotion_messages_say_which():
    errors = validate_draft(good(emotion_start="", emotion_end=""), CODES, now=NOW).by_field()
    assert errors["emotion_start"] != errors["emotion_end"]
    assert "开始" in errors["emotion_start"] and "结束" in errors["emotion_end"]


def test_phone_field_is_labelled_as_any_phone():
    errors = validate_draft(good(customer_phone="123"), CODES, now=NOW).errors
    assert str(errors[0]).startswith("电话：")
