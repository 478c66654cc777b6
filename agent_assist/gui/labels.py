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
