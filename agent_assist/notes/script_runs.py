"""Reading the guided-script runs stored with a note (``RunSummary.to_dict()``), for people.

A quality inspector wants the way the call went in one line — ``受理（情绪激动 → 情绪缓和）→
解释澄清（仍有异议）→ 提出方案`` — and how long each stage took. Runs are stored as plain JSON
dicts, and older ones lack some keys, so everything here reads them defensively. No Qt and no
import of ``agent_assist.scripts`` (notes sit below scripts): the dict is the contract.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Choice labels that only move on: not a customer reaction worth showing.
PLAIN_MOVES = ("下一步", "完成")
ARROW = " → "


@dataclass
class StagePart:
    """One stretch of the path inside one stage: its steps and the reactions chosen there."""

    stage: str
    steps: list[str] = field(default_factory=list)
    reactions: list[str] = field(default_factory=list)
    moves: list[tuple[str, str]] = field(default_factory=list)  # (step title, choice label)


def stage_parts(run: dict[str, Any]) -> list[StagePart]:
    """The path grouped by consecutive stage; a run stored without stage names (older
    versions) gives one part per step, named after the step."""
    titles = [str(t) for t in run.get("path_titles") or run.get("path") or []]
    stages = [str(s) for s in run.get("path_stages") or []]
    if len(stages) != len(titles):
        stages = titles
    choices = [c for c in run.get("choices") or [] if isinstance(c, dict)]
    parts: list[StagePart] = []
    for i, (title, stage) in enumerate(zip(titles, stages)):
        if not parts or parts[-1].stage != stage:
            parts.append(StagePart(stage))
        part = parts[-1]
        part.steps.append(title)
        if i < len(choices):
            label = str(choices[i].get("label", ""))
            part.moves.append((title, label))
            if label and label not in PLAIN_MOVES:
                part.reactions.append(label)
    return parts


def path_text(run: dict[str, Any]) -> str:
    """``受理（情绪激动 → 情绪缓和）→ 解释澄清（仍有异议）→ 提出方案``; ``（中途放弃）`` at the end
    of an abandoned run."""
    pieces = []
    for part in stage_parts(run):
        pieces.append(part.stage + (f"（{ARROW.join(part.reactions)}）" if part.reactions else ""))
    # a full-width bracket already spaces the text: "解释澄清（客户仍不满）→ 提出方案"
    text = "".join(
        piece + ("" if i == len(pieces) - 1 else "→ " if piece.endswith("）") else ARROW)
        for i, piece in enumerate(pieces)
    )
    if run.get("status") == "abandoned":
        text += "（中途放弃）"
    return text


def stage_seconds(run: dict[str, Any]) -> list[tuple[str, float, int]]:
    """(stage title, seconds, target seconds) in the order the stages were reached."""
    out = []
    for st in run.get("stage_times") or []:
        if isinstance(st, dict):
            out.append(
                (
                    str(st.get("title") or st.get("stage") or ""),
                    float(st.get("seconds") or 0.0),
                    int(st.get("target_seconds") or 0),
                )
            )
    return out


def stage_seconds_text(run: dict[str, Any]) -> str:
    """``受理 45；解释澄清 120`` (whole seconds)."""
    return "；".join(f"{title} {round(sec)}" for title, sec, _ in stage_seconds(run))


def runs_cell(runs: Any, one: Callable[[dict[str, Any]], str]) -> str:
    """One spreadsheet cell for all runs of a note: ``one(run)`` each, named by script title
    when there are several."""
    runs = [r for r in runs or () if isinstance(r, dict)]
    if len(runs) == 1:
        return one(runs[0])
    return "\n".join(f"{r.get('title') or r.get('script_id') or '?'}：{one(r)}" for r in runs)
