"""Phrases that restate a process's facts, listed for review (``lint-kb``).

A phrase is copied into calls as it stands; when it repeats a fact of a process (an SMS command,
a time limit, a fee, a hotline number) the two drift apart the day one of them is edited — the
``MMCZ`` phrase once told customers a different format than ``password.reset``. A phrase names
the process it restates with ``process: <id>`` in ``phrases.yaml`` (or by an id that starts with
the process id, ``password.reset.sms``). ``lint-kb`` then

- lists each such pair as a note, so whoever edits one knows to read the other, and
- warns when the phrase states a fact token (``MMCZ#…``, ``3个工作日``, ``2元``, ``96110``) that the
  process — body and 关键信息 — does not contain: that is a contradiction the linter can see.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from agent_assist.knowledge import KnowledgeBase, Problem
from agent_assist.phrases.yamlio import line_of, read_yaml

#: what counts as a checkable fact in a phrase: SMS commands, amounts, time limits, numbers
FACT_TOKEN = re.compile(
    r"[A-Z]{3,}(?:[#\s][^#\s“”\"，。；、]+)+#?"  # MMCZ#证件号码#新密码#新密码, “MMCZ 身份证号”
    r"|\d+(?:[.–-]\d+)?\s*(?:个)?(?:工作日|小时|分钟|天|元|GB|MB)"
    r"|(?<!\d)\d{3,6}(?!\d)"  # 110, 10086, 96110
)


def named_processes(pid: str, explicit: Any, known: set[str]) -> list[str]:
    out = [str(x).strip() for x in ([explicit] if isinstance(explicit, str) else explicit or [])]
    for process_id in known:
        if pid.startswith(process_id + ".") and process_id not in out:
            out.append(process_id)
    return [x for x in out if x]


def phrase_fact_review(kb: KnowledgeBase) -> list[Problem]:
    """Notes (severity ``info``) and contradiction warnings for phrases that name processes."""
    path = Path(kb.root) / "phrases.yaml"
    if not path.is_file():  # the shipped phrases name the shipped processes, not this KB's
        return []
    data, problems = read_yaml(Path(path))
    items = data.get("phrases") if isinstance(data, dict) and not problems else None
    if not isinstance(items, list):
        return []
    known = set(kb.processes)
    out: list[Problem] = []
    for item in items:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        pid, text, line = str(item["id"]), str(item.get("text") or ""), line_of(item)
        for process_id in named_processes(pid, item.get("process"), known):
            process = kb.get(process_id)
            if process is None:
                message = f"phrase {pid}: process {process_id!r} does not exist"
                out.append(Problem(path, line, message, "warning"))
                continue
            facts = " ".join(f.text() for f in process.key_facts)
            source = _plain(process.body + " " + process.summary + " " + facts)
            missing = [t for t in FACT_TOKEN.findall(text) if _plain(t) not in source]
            if missing:
                out.append(
                    Problem(
                        path,
                        line,
                        f"phrase {pid} says {', '.join(missing)} but {process_id} does not: "
                        "one of them is out of date",
                        "warning",
                    )
                )
            else:
                out.append(
                    Problem(
                        path,
                        line,
                        f"phrase {pid} restates facts of {process_id}: review both together",
                        "info",
                    )
                )
    return out


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("-", "–")
