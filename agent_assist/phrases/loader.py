"""Load the team phrase library (``phrases.yaml``) into :class:`Phrase` records.

Format::

    phrases:
      - id: greet.open                 # unique, [a-z0-9._-]
        trigger: nh                    # what the agent types after "/"
        title: 开场问候                 # optional short name for the list
        text: 您好，{工号}号为您服务，请问有什么可以帮您？
        tags: {stage: greeting, emotion: [平静]}
        placeholders: {时限: 24小时内}  # optional: a suggested fill per placeholder

A bad entry is reported as ``path:line`` and skipped; the rest of the library still loads, so
one typo never leaves agents without their phrases mid-shift.
"""

from __future__ import annotations

import re
from pathlib import Path

from agent_assist.knowledge import Problem
from agent_assist.phrases.model import EMOTIONS, STAGES, Phrase, placeholders_in
from agent_assist.phrases.yamlio import line_of, read_yaml

PHRASE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
TRIGGER_RE = re.compile(r"^[a-z0-9]{1,12}$")


def load_phrases(path: Path) -> tuple[list[Phrase], list[Problem]]:
    """Every valid phrase of ``path`` plus the problems of the others."""
    path = Path(path)
    data, problems = read_yaml(path)
    if problems:
        return [], problems
    items = data.get("phrases") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return [], [
            Problem(
                path,
                line_of(data),
                "expected a list under 'phrases:' (each item: id, trigger, text, tags)",
            )
        ]
    phrases: list[Phrase] = []
    seen: dict[str, int] = {}
    for item in items:
        phrase, item_problems = parse_phrase(item, path)
        problems.extend(item_problems)
        if phrase is None:
            continue
        if phrase.id in seen:
            problems.append(
                Problem(
                    path,
                    phrase.line,
                    f"duplicate phrase id {phrase.id!r}: already used on line {seen[phrase.id]}",
                )
            )
            continue
        seen[phrase.id] = phrase.line
        phrases.append(phrase)
    return phrases, problems


def load_team_phrases(path: Path) -> tuple[list[Phrase], list[Problem], Path]:
    """:func:`load_phrases`, except that a centre's file which yields no phrase at all because
    it is broken is replaced by the shipped library (agents keep their phrases mid-shift), with
    a warning naming both files. Returns ``(phrases, problems, the file actually used)``."""
    from agent_assist.storage import shipped_kb_dir

    path = Path(path)
    phrases, problems = load_phrases(path)
    shipped = shipped_kb_dir() / "phrases.yaml"
    broken = not phrases and any(p.severity == "error" for p in problems)
    if broken and path != shipped and shipped.exists():
        fallback, _ = load_phrases(shipped)
        if fallback:
            problems.append(
                Problem(
                    path,
                    1,
                    f"phrases.yaml unusable: the shipped phrases ({shipped}) are used instead",
                    "warning",
                )
            )
            return fallback, problems, shipped
    return phrases, problems, path


def parse_phrase(item: object, path: Path) -> tuple[Phrase | None, list[Problem]]:
    line = line_of(item)
    if not isinstance(item, dict):
        return None, [Problem(path, line, "each phrase must be a mapping with id, trigger, text")]
    problems: list[Problem] = []

    def bad(message: str, severity: str = "error") -> None:
        problems.append(Problem(path, line, message, severity))

    pid = str(item.get("id") or "").strip()
    if not pid:
        bad("phrase without id: add 'id: stage.name'")
    elif not PHRASE_ID_RE.match(pid):
        bad(f"bad phrase id {pid!r}: use lower-case letters, digits, '.', '_' and '-'")
    text = str(item.get("text") or "").strip()
    if not text:
        bad(f"phrase {pid or '?'}: empty text")
    trigger = str(item.get("trigger") or "").strip().lower()
    if not trigger:
        bad(f"phrase {pid or '?'}: missing trigger (the abbreviation typed after '/')")
    elif not TRIGGER_RE.match(trigger):
        bad(f"phrase {pid}: trigger {trigger!r} must be 1-12 lower-case letters or digits")
    tags = item.get("tags") or {}
    if not isinstance(tags, dict):
        bad(f"phrase {pid}: tags must be a mapping like {{stage: greeting, emotion: [愤怒]}}")
        tags = {}
    stage = str(tags.get("stage") or "other")
    if stage not in STAGES:
        bad(f"phrase {pid}: unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    emotion = tags.get("emotion") or ()
    if isinstance(emotion, str):
        emotion = (emotion,)
    emotion = tuple(str(e) for e in emotion)
    unknown = [e for e in emotion if e not in EMOTIONS]
    if unknown:
        bad(f"phrase {pid}: unknown emotion {unknown[0]!r}; use {', '.join(EMOTIONS)}", "warning")
    used = placeholders_in(text)
    declared = item.get("placeholders") or {}
    if isinstance(declared, list):
        declared = {str(name): "" for name in declared}
    if not isinstance(declared, dict):
        bad(f"phrase {pid}: placeholders must be a list of names or a mapping name: suggested fill")
        declared = {}
    for name in declared:
        if name not in used:
            bad(
                f"phrase {pid}: placeholder {{{name}}} is declared but not used in the text",
                "warning",
            )
    if any(p.severity == "error" for p in problems):
        return None, problems
    hints = tuple((str(k), str(v)) for k, v in declared.items() if v not in (None, ""))
    return (
        Phrase(
            id=pid,
            trigger=trigger,
            text=text,
            stage=stage,
            emotion=emotion,
            placeholders=used,
            hints=hints,
            title=str(item.get("title") or "").strip(),
            source="team",
            line=line,
        ),
        problems,
    )
