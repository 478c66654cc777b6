"""What a guided-script run leaves behind for the complaint note and for coaching.

A quality inspector reading a note wants to know which script the agent followed, which way the
call went (path and choices), how long each stage took, which techniques were used, and whether
it was escalated. ``to_dict()`` is plain JSON so the note store keeps it as-is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

FINISHED = "finished"
ABANDONED = "abandoned"


@dataclass
class Choice:
    step: str
    step_title: str
    label: str  # the branch label, "下一步" for a plain next, "完成" for an end step
    goto: str
    redirected_to: str = ""  # set when a repeat limit sent the run elsewhere
    at_seconds: float = 0.0  # seconds since the run started


@dataclass
class StageTime:
    stage: str
    title: str
    seconds: float
    target_seconds: int = 0

    @property
    def over_target(self) -> bool:
        return bool(self.target_seconds) and self.seconds > self.target_seconds


@dataclass
class RunSummary:
    script_id: str
    title: str
    status: str  # finished | abandoned
    started_at: str  # ISO local time, seconds
    ended_at: str
    duration_seconds: float
    path: list[str] = field(default_factory=list)  # step ids in the order visited
    path_titles: list[str] = field(default_factory=list)
    path_stages: list[str] = field(default_factory=list)  # stage title of each visited step
    choices: list[Choice] = field(default_factory=list)
    stage_times: list[StageTime] = field(default_factory=list)
    techniques: list[str] = field(default_factory=list)
    escalated: bool = False
    last_stage: str = ""  # title of the stage reached (the note's 处理阶段)
    loops: dict[str, int] = field(
        default_factory=dict
    )  # step id → visits, for steps visited twice or more
    checklist: dict[str, list[str]] = field(default_factory=dict)  # step id → items ticked
    abandon_reason: str = ""
    complaint_type: str = ""  # 事务型 / 态度型 / 意见型 when a step classified the complaint
    handoff: str = ""  # id of the script the call was handed to (e.g. escalation-threat)

    @property
    def finished(self) -> bool:
        return self.status == FINISHED

    @property
    def stage_seconds(self) -> dict[str, float]:
        return {s.stage: s.seconds for s in self.stage_times}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stage_seconds"] = self.stage_seconds
        data["text"] = self.text()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSummary:
        known = {f for f in cls.__dataclass_fields__}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["choices"] = [Choice(**c) for c in data.get("choices", [])]
        kwargs["stage_times"] = [StageTime(**s) for s in data.get("stage_times", [])]
        return cls(**kwargs)

    def text(self) -> str:
        """One paragraph in Chinese for the note's free text and for reports."""
        state = "已完成" if self.finished else "中途放弃"
        parts = [f"话术脚本《{self.title}》{state}，用时{_mmss(self.duration_seconds)}"]
        if self.stage_times:
            parts.append(
                "各阶段：" + "，".join(f"{s.title}{_mmss(s.seconds)}" for s in self.stage_times)
            )
        if self.choices:
            picked = [
                c.label + (f"（已达上限，转{c.redirected_to}）" if c.redirected_to else "")
                for c in self.choices
            ]
            parts.append("客户反应：" + " → ".join(picked))
        if self.techniques:
            parts.append("使用技巧：" + "、".join(self.techniques))
        if self.complaint_type:
            parts.append(f"投诉分类：{self.complaint_type}")
        parts.append("已升级处理" if self.escalated else "未升级")
        if self.handoff:
            parts.append(f"转入脚本：{self.handoff}")
        if self.abandon_reason:
            parts.append(f"放弃原因：{self.abandon_reason}")
        return "；".join(parts) + "。"


def _mmss(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}分{s % 60:02d}秒" if s >= 60 else f"{s}秒"
