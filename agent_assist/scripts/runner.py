"""The run of one guided script: a state machine over its steps.

The GUI shows ``current`` and ``options()``; the agent picks an option (number keys 1-9) with
``choose``; the run records the path, the choices, the time spent in each stage and the
techniques used. A step with ``repeat: {max: N, then: X}`` can be entered N times; the next
attempt goes to X instead — polite repetition has a limit, after which we offer escalation
rather than loop with an insisting customer.

Clocks are injectable so tests drive time exactly.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from agent_assist.scripts.model import END, Branch, Script, Stage, Step, handoff_target
from agent_assist.scripts.summary import ABANDONED, FINISHED, Choice, RunSummary, StageTime

RUNNING = "running"
NEXT_LABEL = "下一步"
FINISH_LABEL = "完成"


class ScriptError(RuntimeError):
    """The run cannot go on (a broken script or an action on a run that has ended)."""


@dataclass(frozen=True)
class Option:
    key: int  # 1-9: the number key that picks it
    label: str
    goto: str
    escalate: bool = False


class ScriptRun:
    def __init__(
        self,
        script: Script,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        if script.first_step not in script.steps:
            raise ScriptError(f"script {script.id} has no start step")
        self.script = script
        self.clock = clock
        self.now = now
        self.status = RUNNING
        self.started_at = now().replace(microsecond=0)
        self.ended_at: dt.datetime | None = None
        self._t0 = clock()
        self._t_end = self._t0
        self.path: list[str] = []
        self.choices: list[Choice] = []
        self.visits: Counter[str] = Counter()
        self.escalated = False
        self.abandon_reason = ""
        self.complaint_type = ""  # set by a branch with ``classify:``; the last pick wins
        self.handoff = ""  # script id a ``goto: script:<id>`` handed the call to
        self._techniques: dict[str, None] = {}
        self.checked: dict[str, list[str]] = {}  # step id → checklist items ticked
        self._stage_seconds: dict[str, float] = {}
        self._stage_order: list[str] = []
        self._stage_since = self._t0
        self.current: Step = script.step(script.first_step)
        self._enter(self.current, self._t0)

    # state -----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.status == RUNNING

    @property
    def stage(self) -> Stage | None:
        return self.script.stage(self.current.stage)

    def options(self) -> list[Option]:
        """What the agent can pick now, numbered from 1."""
        if not self.running:
            return []
        out = []
        for i, branch in enumerate(self._branches(), start=1):
            if branch is None:
                step = self.current
                out.append(
                    Option(i, NEXT_LABEL, step.next) if step.next else Option(i, FINISH_LABEL, END)
                )
            else:
                out.append(Option(i, branch.label, branch.goto, branch.escalate))
        return out

    def _branches(self) -> list[Branch | None]:
        """The step's branches (or ``None`` for its plain next / finish), then the script's
        ``anytime`` branches that do not lead back into this script's current step."""
        step = self.current
        own: list[Branch | None] = list(step.branches) if step.branches else [None]
        extra = [b for b in self.script.anytime if b.goto != step.id]
        return (own + extra)[:9]

    def visits_left(self, sid: str | None = None) -> int | None:
        """How many more times a repeat-limited step may be entered (None: no limit)."""
        step = self.script.step(sid or self.current.id)
        if step.repeat is None:
            return None
        return max(0, step.repeat.max - self.visits[step.id])

    def stage_elapsed(self) -> float:
        """Seconds spent in the current stage so far (all its visits), for the stage timer."""
        now = self.clock()
        return self._stage_seconds.get(self.current.stage, 0.0) + (
            now - self._stage_since if self.running else 0.0
        )

    def elapsed(self) -> float:
        end = self.clock() if self.running else self._t_end
        return end - self._t0

    def techniques(self) -> list[str]:
        return list(self._techniques)

    def check(self, item: str, done: bool = True, step_id: str | None = None) -> None:
        """Tick (or untick) a checklist item of the current (or a visited) step."""
        sid = step_id or self.current.id
        step = self.script.step(sid)
        if item not in step.checklist:
            raise ScriptError(f"step {sid} has no checklist item {item!r}")
        ticked = self.checked.setdefault(sid, [])
        if done and item not in ticked:
            ticked.append(item)
        elif not done and item in ticked:
            ticked.remove(item)
        if not ticked:
            self.checked.pop(sid, None)

    # transitions -------------------------------------------------------------------------
    def choose(self, key: int) -> Step | None:
        """Pick option ``key`` (1-based). Returns the new current step, or None when the run ended."""
        options = self.options()
        if not self.running:
            raise ScriptError("this run has ended")
        if not 1 <= key <= len(options):
            raise ScriptError(f"no option {key}: pick 1-{len(options)}")
        option = options[key - 1]
        step = self.current
        branch = self._branches()[key - 1]
        if branch is not None:
            if branch.technique:
                self._techniques.setdefault(branch.technique, None)
            if branch.escalate:
                self.escalated = True
            if branch.complaint_type:
                self.complaint_type = branch.complaint_type
        now = self.clock()
        target = option.goto
        redirected = ""
        if handoff_target(target):
            self.handoff = handoff_target(target)
            self.choices.append(
                Choice(step.id, step.title, option.label, target, "", round(now - self._t0, 1))
            )
            self._close(FINISHED, now)
            return None
        if target != END:
            resolved = self._resolve(target)
            if resolved != target:
                redirected = resolved
            target = resolved
        self.choices.append(
            Choice(
                step.id, step.title, option.label, option.goto, redirected, round(now - self._t0, 1)
            )
        )
        if target == END:
            self._close(FINISHED, now)
            return None
        self._enter(self.script.step(target), now)
        return self.current

    def choose_label(self, label: str) -> Step | None:
        for option in self.options():
            if option.label == label:
                return self.choose(option.key)
        raise ScriptError(f"no option {label!r} at step {self.current.id}")

    def finish(self) -> RunSummary:
        """End the run as finished (the agent solved it, wherever the script stood)."""
        if self.running:
            self._close(FINISHED, self.clock())
        return self.summary()

    def abandon(self, reason: str = "") -> RunSummary:
        if self.running:
            self.abandon_reason = reason.strip()
            self._close(ABANDONED, self.clock())
        return self.summary()

    def _resolve(self, target: str) -> str:
        """Follow repeat limits: a full step sends the run to its ``then`` (chains allowed)."""
        seen: set[str] = set()
        while target != END:
            if target not in self.script.steps:
                raise ScriptError(
                    f"step {self.current.id} leads to unknown step {target!r}; run agent-assist lint-kb"
                )
            step = self.script.step(target)
            if step.repeat is None or self.visits[target] < step.repeat.max:
                return target
            if target in seen:
                raise ScriptError(f"repeat limits of {sorted(seen)} lead into each other")
            seen.add(target)
            target = step.repeat.then
        return target

    def _enter(self, step: Step, now: float) -> None:
        if self.path and self.current.stage != step.stage:
            self._add_stage_time(self.current.stage, now)
        elif not self.path:
            self._stage_since = now
        self.current = step
        if step.stage not in self._stage_order:
            self._stage_order.append(step.stage)
        self.path.append(step.id)
        self.visits[step.id] += 1
        for technique in step.techniques:
            self._techniques.setdefault(technique, None)
        if step.escalate:
            self.escalated = True

    def _add_stage_time(self, stage_id: str, now: float) -> None:
        self._stage_seconds[stage_id] = self._stage_seconds.get(stage_id, 0.0) + (
            now - self._stage_since
        )
        self._stage_since = now

    def _close(self, status: str, now: float) -> None:
        self._add_stage_time(self.current.stage, now)
        self._t_end = now
        self.status = status
        self.ended_at = self.now().replace(microsecond=0)

    # summary ---------------------------------------------------------------------------
    def _stage_title(self, stage_id: str) -> str:
        stage = self.script.stage(stage_id)
        return stage.title if stage else stage_id

    def summary(self) -> RunSummary:
        """The summary so far (final once the run is finished or abandoned)."""
        stage_times = []
        for stage_id in self._stage_order:
            stage = self.script.stage(stage_id)
            seconds = self._stage_seconds.get(stage_id, 0.0)
            if self.running and stage_id == self.current.stage:
                seconds += self.clock() - self._stage_since
            stage_times.append(
                StageTime(
                    stage_id,
                    stage.title if stage else stage_id,
                    round(seconds, 1),
                    stage.target_seconds if stage else 0,
                )
            )
        last_stage = self.script.stage(self.current.stage)
        return RunSummary(
            script_id=self.script.id,
            title=self.script.title,
            status=self.status if not self.running else RUNNING,
            started_at=self.started_at.isoformat(),
            ended_at=(self.ended_at or self.now().replace(microsecond=0)).isoformat(),
            duration_seconds=round(self.elapsed(), 1),
            path=list(self.path),
            path_titles=[self.script.step(s).title for s in self.path],
            path_stages=[self._stage_title(self.script.step(s).stage) for s in self.path],
            choices=list(self.choices),
            stage_times=stage_times,
            techniques=self.techniques(),
            escalated=self.escalated,
            last_stage=last_stage.title if last_stage else "",
            loops={sid: n for sid, n in self.visits.items() if n > 1},
            checklist={sid: list(items) for sid, items in self.checked.items()},
            abandon_reason=self.abandon_reason,
            complaint_type=self.complaint_type,
            handoff=self.handoff,
        )
