"""Read guided scripts from YAML into :class:`Script` records.

Parsing is forgiving (a missing title or an odd checklist item is reported, and the rest of the
script still loads) because the same parse feeds the linter, which must report *every* problem
with its line, not stop at the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeAlias

from agent_assist.knowledge import KnowledgeBase, Problem
from agent_assist.phrases import line_of, read_yaml
from agent_assist.scripts.model import Branch, RepeatLimit, Script, Stage, Step

# reports a problem of the file being parsed: (line, message, severity)
Reporter: TypeAlias = Callable[..., None]

SCRIPT_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _texts(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(x, (str, int, float)) for x in value):
        return tuple(str(x).strip() for x in value if str(x).strip())
    return None


def parse_script(data: object, path: Path) -> tuple[Script | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(line: int, message: str, severity: str = "error") -> None:
        problems.append(Problem(path, line, message, severity))

    if not isinstance(data, dict):
        return None, [Problem(path, 1, "a script must be a mapping with id, title and stages")]
    sid = str(data.get("id") or "").strip()
    if not sid:
        bad(line_of(data), f"missing id: add 'id: {path.stem}'")
        sid = path.stem
    elif not SCRIPT_ID_RE.match(sid):
        bad(line_of(data), f"bad script id {sid!r}: use lower-case letters, digits and '-'")
    title = str(data.get("title") or "").strip()
    if not title:
        bad(line_of(data), f"script {sid}: missing title")
    raw_stages = data.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        bad(line_of(data), f"script {sid}: 'stages' must be a non-empty list of stages with steps")
        raw_stages = []
    stages: list[Stage] = []
    seen_steps: dict[str, int] = {}
    for n, raw in enumerate(raw_stages, start=1):
        line = line_of(raw, line_of(data))
        if not isinstance(raw, dict):
            bad(line, f"stage {n}: must be a mapping with id, title and steps")
            continue
        stage_id = str(raw.get("id") or f"stage{n}")
        stage_title = str(raw.get("title") or "").strip()
        if not stage_title:
            bad(line, f"stage {stage_id}: missing title")
        target = raw.get("target_seconds", 0)
        if not isinstance(target, int) or target < 0:
            bad(line, f"stage {stage_id}: target_seconds must be a whole number of seconds")
            target = 0
        raw_steps = raw.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            bad(line, f"stage {stage_id}: needs a non-empty 'steps' list")
            raw_steps = []
        steps = []
        for raw_step in raw_steps:
            step = _parse_step(raw_step, stage_id, path, line, bad)
            if step is None:
                continue
            if step.id in seen_steps:
                bad(
                    step.line,
                    f"duplicate step id {step.id!r} (first on line {seen_steps[step.id]})",
                )
                continue
            seen_steps[step.id] = step.line
            steps.append(step)
        stages.append(Stage(stage_id, stage_title or stage_id, tuple(steps), target, line))
    start = str(data.get("start") or "").strip()
    anytime = _parse_branches(data.get("anytime"), f"script {sid}: anytime", line_of(data), bad)
    script = Script(
        id=sid,
        title=title or sid,
        stages=tuple(stages),
        summary=str(data.get("summary") or "").strip(),
        when=str(data.get("when") or "").strip(),
        start=start,
        anytime=tuple(anytime),
        path=path,
        line=line_of(data),
    )
    return script, problems


def _parse_step(
    raw: object, stage_id: str, path: Path, stage_line: int, bad: Reporter
) -> Step | None:
    line = line_of(raw, stage_line)
    if not isinstance(raw, dict):
        bad(line, f"stage {stage_id}: each step must be a mapping with id, title, do")
        return None
    sid = str(raw.get("id") or "").strip()
    if not sid:
        bad(line, f"stage {stage_id}: step without id")
        return None
    if sid == "end":
        bad(line, "'end' is reserved (a branch uses 'goto: end' to finish); rename this step")
        return None
    title = str(raw.get("title") or "").strip()
    if not title:
        bad(line, f"step {sid}: missing title")
    lists = {}
    for key in ("say", "checklist", "techniques"):
        value = _texts(raw.get(key))
        if value is None:
            bad(line, f"step {sid}: {key} must be a list of short texts")
            value = ()
        lists[key] = value
    branches = _parse_branches(raw.get("branches"), f"step {sid}", line, bad)
    repeat = None
    raw_repeat = raw.get("repeat")
    if raw_repeat is not None:
        if (
            not isinstance(raw_repeat, dict)
            or not isinstance(raw_repeat.get("max"), int)
            or not str(raw_repeat.get("then") or "").strip()
        ):
            bad(line, f"step {sid}: repeat must look like {{max: 3, then: step-id}}")
        else:
            repeat = RepeatLimit(int(raw_repeat["max"]), str(raw_repeat["then"]).strip())
    return Step(
        id=sid,
        stage=stage_id,
        title=title or sid,
        do=str(raw.get("do") or "").strip(),
        say=lists["say"],
        checklist=lists["checklist"],
        techniques=lists["techniques"],
        branches=tuple(branches),
        next=str(raw.get("next") or "").strip(),
        end=bool(raw.get("end", False)),
        escalate=bool(raw.get("escalate", False)),
        repeat=repeat,
        line=line,
    )


def _parse_branches(raw_branches: object, where: str, line: int, bad: Reporter) -> list[Branch]:
    branches: list[Branch] = []
    if raw_branches is None:
        return branches
    if not isinstance(raw_branches, list):
        bad(line, f"{where}: branches must be a list of {{label, goto}}")
        return branches
    for b in raw_branches:
        bline = line_of(b, line)
        if (
            not isinstance(b, dict)
            or not str(b.get("label") or "").strip()
            or not str(b.get("goto") or "").strip()
        ):
            bad(bline, f"{where}: each branch needs a label and a goto")
            continue
        branches.append(
            Branch(
                label=str(b["label"]).strip(),
                goto=str(b["goto"]).strip(),
                technique=str(b.get("technique") or "").strip(),
                escalate=bool(b.get("escalate", False)),
                line=bline,
                complaint_type=str(b.get("classify") or "").strip(),
            )
        )
    return branches


def load_script(path: Path) -> tuple[Script | None, list[Problem]]:
    path = Path(path)
    data, problems = read_yaml(path)
    if problems:
        return None, problems
    return parse_script(data, path)


def script_files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(  # rglob follows no folder symlink; a FIFO or device is refused on reading
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in (".yaml", ".yml")
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


class ScriptSet(dict[str, Script]):
    """Scripts by id (a plain dict to callers) that also carries the ``problems`` of the files
    that did not load, so a menu can list what works and a status line can say what did not."""

    def __init__(self, *args: Any, problems: list[Problem] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[Problem] = list(problems or [])


def load_scripts(folder: Path | None = None) -> ScriptSet:
    """Every script of ``folder`` (default: the shipped ``scripts/``); a broken file is reported
    in ``.problems`` and skipped; on duplicate ids the first file wins."""
    if folder is None:
        from agent_assist.storage import shipped_kb_dir

        folder = shipped_kb_dir() / "scripts"
    scripts = ScriptSet()
    for path in script_files(folder):
        script, file_problems = load_script(path)
        scripts.problems.extend(file_problems)
        if script is None:
            continue
        if script.id in scripts:
            scripts.problems.append(
                Problem(
                    path,
                    script.line,
                    f"duplicate script id {script.id!r}: already in {scripts[script.id].path}",
                )
            )
            continue
        scripts[script.id] = script
    return scripts


def scripts_for_kb(kb: KnowledgeBase | None = None) -> ScriptSet:
    """The scripts of ``kb`` (its ``scripts/`` folder, else the shipped one)."""
    folder = kb.resource("scripts") if kb is not None else None
    if kb is not None and folder is None:
        return ScriptSet()
    return load_scripts(folder)


def script_phrases_path(kb: KnowledgeBase | None = None) -> Path | None:
    """The ``phrases.yaml`` that the ``say:`` ids of ``kb``'s scripts refer to.

    Scripts and the phrases they name are written together, so a scripts folder resolves its ids
    against the ``phrases.yaml`` beside it: a centre's own scripts use its phrases (or the shipped
    ones when it has none); the shipped scripts — what a centre without ``scripts/`` gets — use
    the shipped phrases, even when the centre has its own ``phrases.yaml`` with other ids.
    """
    from agent_assist.storage import shipped_kb_dir

    folder = kb.resource("scripts") if kb is not None else shipped_kb_dir() / "scripts"
    if folder is not None:
        beside = Path(folder).parent / "phrases.yaml"
        if beside.exists():
            return beside
    if kb is not None:
        own = kb.resource("phrases.yaml")
        return Path(own) if own is not None else None
    shipped = shipped_kb_dir() / "phrases.yaml"
    return shipped if shipped.exists() else None
