"""The 关键信息 block at the top of a quick card: 费用 / 时限 / 证件材料 / 办理渠道 / 身份核验.

Separate from :mod:`process_render` so the card layout and this block can change apart. Slots a
centre has not filled (``【本地：补卡工本费】``) are shown as such, in a muted colour, so an agent
never reads a placeholder as a figure.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from agent_assist.knowledge import KnowledgeBase, Process
from agent_assist.knowledge.key_facts import SLOT, local_facts


def _label(field: str) -> str:
    labels = {  # literal calls, so lupdate finds them
        "fee": QCoreApplication.translate("KeyFacts", "费用"),
        "time_limit": QCoreApplication.translate("KeyFacts", "时限"),
        "documents": QCoreApplication.translate("KeyFacts", "证件材料"),
        "channel": QCoreApplication.translate("KeyFacts", "办理渠道"),
        "identity": QCoreApplication.translate("KeyFacts", "身份核验"),
    }
    return labels.get(field, field)


def key_facts_block(p: Process, kb: KnowledgeBase | None = None) -> str:
    """HTML table of the process's key facts ('' when it has none)."""
    if not p.key_facts:
        return ""
    local = local_facts(kb.root) if kb is not None else {}
    heading = QCoreApplication.translate("KeyFacts", "关键信息")
    todo = QCoreApplication.translate("KeyFacts", "待本中心填写")
    items = []
    for fact in p.key_facts:
        value = html.escape(fact.text(local))
        value = SLOT.sub(lambda m: f'<span class="muted">〔{todo}：{m.group(1)}〕</span>', value)
        items.append(f"<b>{html.escape(_label(fact.field))}</b>&nbsp;{value}")
    # flowing text, not one row per fact: the quick card must still show the summary and
    # every step on the first screen of a 1024×600 window
    body = "　·　".join(items)
    return (
        f'<p style="font-size: small; margin: 2px 0 4px 0">'
        f'<span class="tag"><b>{heading}</b></span>　{body}</p>'
    )
