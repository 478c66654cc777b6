"""Guided-script records: a script is stages → steps; a step leads on by ``next``, by branch
choices the agent clicks from what the customer does, or ends the run.

Format (``knowledge/scripts/<id>.yaml``)::

    id: calm-angry-caller
    title: 安抚愤怒客户
    summary: 先处理心情，再处理事情
    when: 客户一开口就情绪激动……            # when to pick this script
    stages:
      - id: mood
        title: 处理心情
        target_seconds: 90                   # the stage timer turns amber after this
        steps:
          - id: listen
            title: 让客户把话说完
            do: 不打断，不辩解……               # what the agent does now
            say: [emotion.listen]             # phrase ids from phrases.yaml (insertable)
            checklist: [记下时间、金额、业务]
            techniques: [倾听]
            branches:                         # or `next: step-id`, or `end: true`
              - {label: 情绪缓和, goto: facts}
              - {label: 仍然坚持, goto: listen, technique: 礼貌重复}
              - {label: 要求升级, goto: escalate, escalate: true}
            repeat: {max: 3, then: escalate}  # entered at most 3 times, then go to `then`

A branch may ``goto: end`` to finish the run, or ``goto: script:<id>`` to hand the call over to
another script (the run ends and the GUI starts that one). ``anytime:`` at the top of a script
lists branches offered on every step after the step's own — e.g. "客户扬言投诉/曝光" to
``script:escalation-threat`` — so a threat mid-call never has to wait for the right step.
A branch may carry ``classify: 事务型|态度型|意见型``: picking it records the complaint type,
which the run summary carries into the note. Step ids are unique across the whole script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

END = "end"
HANDOFF = "script:"  # ``goto: script:<id>``: end this run and start script <id>
MAX_BRANCHES = 9  # picked with number keys 1-9


def handoff_target(goto: str) -> str:
    """The script id of a ``script:<id>`` goto ('' for an ordinary step id or ``end``)."""
    return goto[len(HANDOFF) :].strip() if goto.startswith(HANDOFF) else ""


@dataclass(frozen=True)
class Branch:
    label: str
    goto: str
    technique: str = ""
    escalate: bool = False
    line: int = 0
    complaint_type: str = ""  # ``classify:`` 事务型 / 态度型 / 意见型, recorded when picked


@dataclass(frozen=True)
class RepeatLimit:
    max: int
    then: str


@dataclass(frozen=True)
class Step:
    id: str
    stage: str  # id of the stage it belongs to
    title: str
    do: str = ""
    say: tuple[str, ...] = ()  # phrase ids
    checklist: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    branches: tuple[Branch, ...] = ()
    next: str = ""
    end: bool = False
    escalate: bool = False
    repeat: RepeatLimit | None = None
    line: int = 0

    def targets(self) -> list[str]:
        """Every id this step can lead to (``end`` included), for lint and reachability."""
        out = [b.goto for b in self.branches]
        if self.next:
            out.append(self.next)
        if self.repeat is not None:
            out.append(self.repeat.then)
        return out


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    steps: tuple[Step, ...]
    target_seconds: int = 0
    line: int = 0


@dataclass(frozen=True)
class Script:
    id: str
    title: str
    stages: tuple[Stage, ...]
    summary: str = ""
    when: str = ""
    start: str = ""
    anytime: tuple[Branch, ...] = ()  # offered on every step, after the step's own options
    path: Path | None = None
    line: int = 1
    steps: dict[str, Step] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.steps:
            for stage in self.stages:
                for step in stage.steps:
                    self.steps.setdefault(step.id, step)

    @property
    def first_step(self) -> str:
        if self.start:
            return self.start
        for stage in self.stages:
            if stage.steps:
                return stage.steps[0].id
        return ""

    def step(self, sid: str) -> Step:
        return self.steps[sid]

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def phrase_ids(self) -> list[str]:
        return [pid for step in self.steps.values() for pid in step.say]
