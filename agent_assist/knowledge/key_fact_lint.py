"""Key facts compared across the KB: the same named fee or time limit given two values is a
contradiction an agent would read aloud as policy (来电提醒 2元 here, 5元 there), so ``lint-kb``
warns about it. Lives apart from ``key_facts`` (parsing) because it needs the loaded KB."""

from __future__ import annotations

import re

from agent_assist.knowledge.key_facts import COMPARED_FIELDS
from agent_assist.knowledge.loader import _key_line_of
from agent_assist.knowledge.model import KnowledgeBase, Problem


def key_fact_conflicts(kb: KnowledgeBase) -> list[Problem]:
    """Warnings for the same named item of a fee or time limit given different values in two
    processes (e.g. ``fee: {来电提醒: 2元/月}`` here and ``{来电提醒: 5元/月}`` there)."""
    first: dict[tuple[str, str], tuple[str, str]] = {}
    out: list[Problem] = []
    for process in kb:
        for fact in process.key_facts:
            if fact.field not in COMPARED_FIELDS:
                continue
            for name, value in fact.items:
                if not name:
                    continue
                key = (fact.field, name)
                if key not in first:
                    first[key] = (process.id, value)
                    continue
                other, seen = first[key]
                if _norm(seen) != _norm(value):
                    out.append(
                        Problem(
                            process.path or kb.root,
                            _key_line_of(process.path, "key_facts"),
                            f"key_facts.{fact.field} 「{name}」 is {value!r} here but {seen!r} in "
                            f"{other}: one of them is wrong",
                            "warning",
                        )
                    )
    return out


def _norm(text: str) -> str:
    return re.sub(r"[\s，,。（）()]", "", text)
