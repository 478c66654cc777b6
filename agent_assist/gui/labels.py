"""Translatable display names for values the core defines in Chinese (tiers, categories, feedback).

The core keeps its Chinese names (they are data: the KB says ``category: 办理``); the GUI shows
them through Qt's translator so the English UI can say "Transactions" without touching the data.
Literal ``QCoreApplication.translate`` calls let ``pyside6-lupdate`` find every string.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agent_assist.knowledge import Tier


def tier_text(tier: Tier) -> str:
    if tier == Tier.KNOWN:
        return QCoreApplication.translate("Labels", "已掌握")
    if tier == Tier.UNCERTAIN:
        return QCoreApplication.translate("Labels", "不确定")
    return QCoreApplication.translate("Labels", "未掌握")


def category_text(category: str | None) -> str:
    names = {
        None: QCoreApplication.translate("Labels", "全部"),
        "": QCoreApplication.translate("Labels", "全部"),
        "咨询": QCoreApplication.translate("Labels", "咨询"),
        "查询": QCoreApplication.translate("Labels", "查询"),
        "办理": QCoreApplication.translate("Labels", "办理"),
        "投诉": QCoreApplication.translate("Labels", "投诉"),
    }
    return names.get(category, category or "")


def feedback_text(kind: str) -> str:
    names = {
        "wrong": QCoreApplication.translate("Labels", "内容错误"),
        "outdated": QCoreApplication.translate("Labels", "已过时"),
        "unclear": QCoreApplication.translate("Labels", "不清楚"),
        "missing": QCoreApplication.translate("Labels", "缺少流程"),
    }
    return names.get(kind, kind)


def rating_text(rating: int) -> str:
    names = {
        1: QCoreApplication.translate("Labels", "重来"),
        2: QCoreApplication.translate("Labels", "困难"),
        3: QCoreApplication.translate("Labels", "良好"),
        4: QCoreApplication.translate("Labels", "简单"),
    }
    return names[rating]


# The note's choices are stored in Chinese (reports group by them, exports print them); the form,
# history, follow-ups and reports show them through these, so English shows English.


def emotion_text(emotion: str) -> str:
    names = {
        "平静": QCoreApplication.translate("Labels", "平静"),
        "焦虑": QCoreApplication.translate("Labels", "焦虑"),
        "不满": QCoreApplication.translate("Labels", "不满"),
        "愤怒": QCoreApplication.translate("Labels", "愤怒"),
    }
    return names.get(emotion, emotion)


def stage_text(stage: str) -> str:
    names = {
        "受理": QCoreApplication.translate("Labels", "受理"),
        "解释澄清": QCoreApplication.translate("Labels", "解释澄清"),
        "提出方案": QCoreApplication.translate("Labels", "提出方案"),
        "回访": QCoreApplication.translate("Labels", "回访"),
    }
    return names.get(stage, stage)


def complaint_type_text(kind: str) -> str:
    names = {
        "事务型": QCoreApplication.translate("Labels", "事务型"),
        "态度型": QCoreApplication.translate("Labels", "态度型"),
        "意见型": QCoreApplication.translate("Labels", "意见型"),
    }
    return names.get(kind, kind)


def value_text(value: str) -> str:
    names = {
        "价值": QCoreApplication.translate("Labels", "价值"),
        "烦扰": QCoreApplication.translate("Labels", "烦扰"),
    }
    return names.get(value, value)


def satisfaction_text(score: int) -> str:
    names = {
        1: QCoreApplication.translate("Labels", "很不满意"),
        2: QCoreApplication.translate("Labels", "不满意"),
        3: QCoreApplication.translate("Labels", "一般"),
        4: QCoreApplication.translate("Labels", "满意"),
        5: QCoreApplication.translate("Labels", "很满意"),
    }
    return names.get(score, str(score))


def quadrant_text(customer: str, company: str) -> str:
    """What to do with the reasons in one cell of the value/irritant grid."""
    names = {
        ("价值", "价值"): QCoreApplication.translate("Labels", "双方有价值：做好、做简单"),
        ("价值", "烦扰"): QCoreApplication.translate(
            "Labels", "客户有价值、公司烦扰：改流程降成本"
        ),
        ("烦扰", "价值"): QCoreApplication.translate(
            "Labels", "客户烦扰、公司有价值：主动推送/自助"
        ),
        ("烦扰", "烦扰"): QCoreApplication.translate("Labels", "双方烦扰：消除根源"),
    }
    return names.get((customer, company), f"{customer}/{company}")


def phrase_stage_text(key: str, label: str) -> str:
    """A phrase stage (``greeting`` …) by its key; unknown keys show the KB's own label."""
    names = {
        "greeting": QCoreApplication.translate("Labels", "问候"),
        "identity": QCoreApplication.translate("Labels", "身份核验"),
        "emotion": QCoreApplication.translate("Labels", "情绪安抚"),
        "apology": QCoreApplication.translate("Labels", "致歉"),
        "explain": QCoreApplication.translate("Labels", "解释说明"),
        "options": QCoreApplication.translate("Labels", "提供方案"),
        "repeat": QCoreApplication.translate("Labels", "礼貌重复"),
        "escalation": QCoreApplication.translate("Labels", "升级转接"),
        "closing": QCoreApplication.translate("Labels", "结束语"),
        "followup": QCoreApplication.translate("Labels", "回访"),
        "hold": QCoreApplication.translate("Labels", "等待与转接"),
        "other": QCoreApplication.translate("Labels", "其他"),
    }
    return names.get(key, label)


def field_text(name: str) -> str:
    """A note field's name (the core's ``FIELD_LABELS`` are Chinese: CSV headers, messages)."""
    names = {
        "started_at": QCoreApplication.translate("Labels", "来电开始"),
        "ended_at": QCoreApplication.translate("Labels", "来电结束"),
        "agent_name": QCoreApplication.translate("Labels", "坐席"),
        "agent_no": QCoreApplication.translate("Labels", "工号"),
        "customer_name": QCoreApplication.translate("Labels", "客户姓名"),
        "customer_phone": QCoreApplication.translate("Labels", "电话"),
        "reason_text": QCoreApplication.translate("Labels", "客户原话"),
        "reason_codes": QCoreApplication.translate("Labels", "原因代码"),
        "related_processes": QCoreApplication.translate("Labels", "相关流程"),
        "complaint_type": QCoreApplication.translate("Labels", "投诉类型"),
        "emotion_start": QCoreApplication.translate("Labels", "开始情绪"),
        "emotion_end": QCoreApplication.translate("Labels", "结束情绪"),
        "repeat_call": QCoreApplication.translate("Labels", "重复来电"),
        "previous_calls": QCoreApplication.translate("Labels", "之前来电次数"),
        "other_department_caused": QCoreApplication.translate("Labels", "其他部门导致"),
        "other_department": QCoreApplication.translate("Labels", "责任部门"),
        "stage": QCoreApplication.translate("Labels", "处理阶段"),
        "solution": QCoreApplication.translate("Labels", "解决方案"),
        "solution_accepted": QCoreApplication.translate("Labels", "客户接受方案"),
        "resolved": QCoreApplication.translate("Labels", "本次解决"),
        "escalated": QCoreApplication.translate("Labels", "升级/转接"),
        "escalated_to": QCoreApplication.translate("Labels", "升级/转接给"),
        "deadline": QCoreApplication.translate("Labels", "承诺回复时限"),
        "customer_value": QCoreApplication.translate("Labels", "对客户"),
        "company_value": QCoreApplication.translate("Labels", "对公司"),
        "handling_minutes": QCoreApplication.translate("Labels", "处理时长(分钟)"),
        "notes": QCoreApplication.translate("Labels", "备注"),
        "script_runs": QCoreApplication.translate("Labels", "引导脚本记录"),
    }
    return names.get(name, name)
