"""Checks of guided scripts beyond parsing: the graph must be walkable by an agent mid-call.

Unreachable steps are dead text; dangling targets crash a run at the worst moment; a cycle with
no ``repeat`` limit lets a run loop forever instead of offering escalation; a step with more
than nine branches cannot be picked with the number keys; an unknown phrase id shows an empty
suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from agent_assist.knowledge import KnowledgeBase, Problem
from agent_assist.phrases import ToneChecker
from agent_assist.scripts.loader import load_scripts, script_files, script_phrases_path
from agent_assist.scripts.model import END, MAX_BRANCHES, Script, handoff_target

MAX_REPEAT = 20


def lint_script(script: Script, phrase_ids: Iterable[str] | None = None) -> list[Problem]:
    path = script.path or Path(f"{script.id}.yaml")
    problems: list[Problem] = []

    def bad(line: int, message: str, severity: str = "error") -> None:
        problems.append(Problem(path, line or script.line, message, severity))

    if script.path is not None and script.path.stem != script.id:
        bad(
            script.line,
            f"script id {script.id!r} differs from the file name {script.path.name!r}",
            "warning",
        )
    steps = script.steps
    if not steps:
        bad(script.line, f"script {script.id}: no steps")
        return problems
    if script.start and script.start not in steps:
        bad(script.line, f"start {script.start!r} is not a step of this script")
    known_phrases = set(phrase_ids) if phrase_ids is not None else None
    for step in steps.values():
        if not step.branches and not step.next and not step.end:
            bad(
                step.line,
                f"step {step.id}: dead end — add 'next: step-id', 'branches' or 'end: true'",
            )
        if step.end and (step.branches or step.next):
            bad(
                step.line,
                f"step {step.id}: 'end: true' together with next/branches is ambiguous",
                "warning",
            )
        if step.branches and step.next:
            bad(
                step.line,
                f"step {step.id}: has both next and branches; the branches win, remove next",
                "warning",
            )
        if len(step.branches) > MAX_BRANCHES:
            bad(
                step.line,
                f"step {step.id}: {len(step.branches)} branches; at most {MAX_BRANCHES} (number keys 1-9)",
            )
        labels = [b.label for b in step.branches]
        for label in {x for x in labels if labels.count(x) > 1}:
            bad(step.line, f"step {step.id}: two branches labelled {label!r}")
        if step.branches and len(step.branches) + len(script.anytime) > MAX_BRANCHES:
            bad(
                step.line,
                f"step {step.id}: {len(step.branches)} branches + {len(script.anytime)} anytime "
                f"options; at most {MAX_BRANCHES} (number keys 1-9)",
            )
        for b in step.branches:
            if b.goto != END and b.goto not in steps and not handoff_target(b.goto):
                bad(b.line, f"step {step.id}: branch {b.label!r} goes to unknown step {b.goto!r}")
        if step.next and step.next != END and step.next not in steps:
            bad(step.line, f"step {step.id}: next goes to unknown step {step.next!r}")
        if step.repeat is not None:
            if not 1 <= step.repeat.max <= MAX_REPEAT:
                bad(
                    step.line,
                    f"step {step.id}: repeat max must be 1-{MAX_REPEAT}, got {step.repeat.max}",
                )
            if step.repeat.then not in steps and step.repeat.then != END:
                bad(
                    step.line,
                    f"step {step.id}: repeat then goes to unknown step {step.repeat.then!r}",
                )
            elif step.repeat.then == step.id:
                bad(
                    step.line,
                    f"step {step.id}: repeat then must lead out of the loop, not back to itself",
                )
        if known_phrases is not None:
            for pid in step.say:
                if pid not in known_phrases:
                    bad(
                        step.line,
                        f"step {step.id}: unknown phrase id {pid!r} (not in phrases.yaml)",
                    )
    from agent_assist.notes import COMPLAINT_TYPES

    for b in [*script.anytime, *(b for s in steps.values() for b in s.branches)]:
        if b.complaint_type and b.complaint_type not in COMPLAINT_TYPES:
            bad(
                b.line,
                f"branch {b.label!r}: classify {b.complaint_type!r} is not one of "
                + " / ".join(COMPLAINT_TYPES),
            )
    for b in script.anytime:
        if b.goto != END and b.goto not in steps and not handoff_target(b.goto):
            bad(b.line, f"anytime branch {b.label!r} goes to unknown step {b.goto!r}")
        if handoff_target(b.goto) == script.id:
            bad(b.line, f"anytime branch {b.label!r} hands the call to this same script")
    start = script.first_step
    reachable = _reachable(script, start) if start in steps else set()
    for stage in script.stages:
        for step in stage.steps:
            if step.id not in reachable and start in steps:
                bad(
                    step.line,
                    f"step {step.id}: unreachable — no next/branch/repeat leads here from {start!r}",
                )
    for cycle in _unlimited_cycles(script):
        loop = " → ".join(cycle + [cycle[0]])
        first = steps[cycle[0]]
        bad(
            first.line,
            f"loop without a limit: {loop} can repeat forever; add repeat: {{max: N, then: step}} to one of them",
        )
    ends = {sid for sid, s in steps.items() if s.end or END in s.targets()}
    if not ends:
        bad(
            script.line,
            f"script {script.id}: no step ends the run (add 'end: true' or a branch 'goto: end')",
        )
    else:
        finishing = _can_finish(script, ends)
        for sid in sorted(reachable - finishing, key=lambda s: steps[s].line):
            bad(steps[sid].line, f"step {sid}: no way to finish the run from here", "warning")
    return problems


def _reachable(script: Script, start: str) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for target in script.steps[todo.pop()].targets():
            if target in script.steps and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _can_finish(script: Script, ends: set[str]) -> set[str]:
    done = set(ends)
    changed = True
    while changed:
        changed = False
        for sid, step in script.steps.items():
            if sid not in done and any(t in done for t in step.targets()):
                done.add(sid)
                changed = True
    return done


def _unlimited_cycles(script: Script) -> list[list[str]]:
    """Strongly connected groups (or self-loops) in which no step carries a repeat limit.

    ``repeat.then`` edges are left out: they are the way out of a loop, not part of it.
    """
    graph = {
        sid: [
            t
            for t in [b.goto for b in s.branches] + ([s.next] if s.next else [])
            if t in script.steps
        ]
        for sid, s in script.steps.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan, recursive is fine for scripts of a few dozen steps
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            groups.append(group[::-1])

    for v in graph:
        if v not in index:
            visit(v)
    out = []
    for group in groups:
        cyclic = len(group) > 1 or group[0] in graph[group[0]]
        if cyclic and not any(script.steps[s].repeat for s in group):
            out.append(group)
    return out


def lint_scripts_folder(
    folder: Path, phrase_ids: Iterable[str] | None = None
) -> tuple[dict[str, Script], list[Problem]]:
    phrase_ids = set(phrase_ids) if phrase_ids is not None else None
    scripts = load_scripts(folder)  # the app's own loading: broken files, duplicate ids
    problems = list(scripts.problems)
    for script in scripts.values():
        problems.extend(lint_script(script, phrase_ids))
    # each file's problems together, in file order, as an owner fixes them
    order = {path: n for n, path in enumerate(script_files(folder))}
    problems.sort(key=lambda p: order.get(p.path, len(order)) if p.path else len(order))
    for script in scripts.values():  # a hand-over must name a script of this folder
        branches = [*script.anytime, *(b for s in script.steps.values() for b in s.branches)]
        for b in branches:
            target = handoff_target(b.goto)
            if target and target not in scripts:
                problems.append(
                    Problem(
                        script.path or folder,
                        b.line or script.line,
                        f"branch {b.label!r} hands the call to unknown script {target!r}",
                    )
                )
    return scripts, problems


def lint_kb_scripts(kb: KnowledgeBase) -> list[Problem]:
    """Lint the scripts, phrases and tone rules a knowledge base uses (its own or the shipped
    ones), and every process's ``script:`` reference. Called by ``agent-assist lint-kb``.

    The KB's phrases are tone-checked (with the shipped rules if its own rules file cannot be
    read: a broken rules file is one problem, not a reason to skip the check). Script phrase ids
    are resolved against :func:`script_phrases_path` — for the shipped scripts a centre falls back
    to, that is the shipped library, not the centre's own ``phrases.yaml``.
    """
    from agent_assist.phrases import load_phrases

    problems: list[Problem] = []
    phrases_path = kb.resource("phrases.yaml")
    loaded: dict[Path, set[str]] = {}
    if phrases_path is not None:
        phrases, phrase_problems = load_phrases(phrases_path)
        problems.extend(phrase_problems)
        loaded[Path(phrases_path)] = {p.id for p in phrases}
        checker = _tone_checker(kb, problems)
        if checker is not None:
            for phrase in phrases:
                for f in checker.check(phrase.text):
                    problems.append(
                        Problem(
                            phrases_path,
                            phrase.line,
                            f"phrase {phrase.id}: tone: {f.category} “{f.text}” — {f.message}",
                            "warning",
                        )
                    )
    folder = kb.resource("scripts")
    scripts: dict[str, Script] = {}
    if folder is not None:
        phrase_ids = None
        source = script_phrases_path(kb)
        if source is not None:
            if (
                Path(source) not in loaded
            ):  # the shipped library: its own problems are not this KB's
                loaded[Path(source)] = {p.id for p in load_phrases(source)[0]}
            phrase_ids = loaded[Path(source)]
        scripts, script_problems = lint_scripts_folder(folder, phrase_ids)
        problems.extend(script_problems)
    for process in kb:
        if process.script and process.script not in scripts:
            problems.append(
                Problem(
                    process.path or kb.root,
                    _script_line(process.path),
                    f"process {process.id}: script {process.script!r} does not exist "
                    f"(known: {', '.join(sorted(scripts)) or 'none'})",
                )
            )
    return problems


def _tone_checker(kb: KnowledgeBase, problems: list[Problem]) -> ToneChecker | None:
    """The KB's tone checker; when its rules file cannot be read at all, the problem is reported
    and the shipped rules are used instead."""
    from agent_assist.phrases import load_tone_rules
    from agent_assist.storage import shipped_kb_dir

    tone_path = kb.resource("tone_rules.yaml")
    if tone_path is None:
        return None
    checker, tone_problems = load_tone_rules(tone_path)
    problems.extend(tone_problems)
    shipped = shipped_kb_dir() / "tone_rules.yaml"
    if checker is None and shipped.exists() and Path(tone_path).resolve() != shipped.resolve():
        checker, _ = load_tone_rules(shipped)
        if checker is not None:
            problems.append(
                Problem(
                    tone_path,
                    1,
                    "tone rules unusable: phrases were checked with the shipped "
                    f"rules ({shipped}) instead",
                    "warning",
                )
            )
    return checker


def _script_line(path: Path | None) -> int:
    if path is None:
        return 1
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("script:"):
                return n
    except (OSError, UnicodeDecodeError):
        pass
    return 1
