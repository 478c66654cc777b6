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


COMPACT_FACTS = 3  # facts a compact block shows before its 全部 (n) link
COMPACT_CHARS = 24  # a compact fact shows its first clause, at most this many characters


def first_clause(text: str, limit: int = COMPACT_CHARS) -> str:
    """``text`` up to its first ``；`` and at most ``limit`` characters, "…" when cut. A
    ``【本地：…】`` slot is never cut in two (it would read as a figure)."""
    cut = text.find("；")
    cut = min(cut if cut >= 0 else len(text), limit)
    if cut >= len(text):
        return text
    open_slot = text.rfind("【", 0, cut)
    if open_slot >= 0 and text.find("】", open_slot) >= cut:
        cut = text.find("】", open_slot) + 1
    return text if cut >= len(text) else text[:cut].rstrip("，、：:") + "…"


def key_facts_block(
    p: Process, kb: KnowledgeBase | None = None, *, limit: int | None = None, toggle: bool = False
) -> str:
    """HTML of the process's key facts ('' when it has none).

    ``limit``: the compact block for large fonts, where the full block would fill the first
    screen — the first ``limit`` facts, each cut to its first clause, and an ``action:facts``
    link 全部 (n) to the whole block. ``toggle``: the whole block ends with 收起 (the same link)."""
    if not p.key_facts:
        return ""
    local = local_facts(kb.root) if kb is not None else {}
    heading = QCoreApplication.translate("KeyFacts", "关键信息")
    todo = QCoreApplication.translate("KeyFacts", "待本中心填写")
    every = p.key_facts.facts
    cuttable = len(every) > (limit or COMPACT_FACTS) or any(
        first_clause(f.text(local)) != f.text(local) for f in every
    )
    compact = limit is not None and cuttable
    facts = every[:limit] if compact else every
    items = []
    for fact in facts:
        text = fact.text(local)
        value = html.escape(first_clause(text) if compact else text)
        value = SLOT.sub(lambda m: f'<span class="muted">〔{todo}：{m.group(1)}〕</span>', value)
        items.append(f"<b>{html.escape(_label(fact.field))}</b>&nbsp;{value}")
    if compact:
        more = QCoreApplication.translate("KeyFacts", "全部 (%1)").replace("%1", str(len(every)))
        items.append(f'<a href="action:facts">{more}</a>')
    elif toggle and cuttable:
        less = QCoreApplication.translate("KeyFacts", "收起")
        items.append(f'<a href="action:facts">{less}</a>')
    # flowing text, not one row per fact: the quick card must still show the summary and
    # every step on the first screen of a 1024×600 window
    body = "　·　".join(items)
    return (
        f'<p style="font-size: small; margin: 2px 0 4px 0">'
        f'<span class="tag"><b>{heading}</b></span>　{body}</p>'
    )
