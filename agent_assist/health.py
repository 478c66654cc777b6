"""The problems of a knowledge base's YAML side files, for whoever shows KB health.

It sits above every core package (it asks notes, phrases and scripts to load their files), so it
is a top-level module, not part of ``knowledge``.

Processes report through ``KnowledgeBase.problems``; the files beside them — ``phrases.yaml``,
``tone_rules.yaml``, ``reason_codes.yaml``, ``scripts/*.yaml``, ``synonyms.yaml`` — are loaded by their own
packages, each of which falls back to the shipped file when the centre's one is unusable. That
fallback keeps agents working, but it must not be silent: :func:`resource_problems` gathers
every such problem (errors, and the "using the shipped file instead" warnings) so ``lint-kb``
and the desktop status bar can show them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from agent_assist.knowledge import KnowledgeBase, Problem, SlimKB, load_kb
from agent_assist.storage import release_memory

log = logging.getLogger(__name__)


def resource_problems(kb: KnowledgeBase) -> list[Problem]:
    """Problems of ``kb``'s side files (or of the shipped ones it falls back to), in file order.

    Never raises: a checker that fails unexpectedly becomes a problem of its file.
    """
    from agent_assist.notes import reason_codes_for
    from agent_assist.phrases import load_tone_rules
    from agent_assist.phrases.loader import load_team_phrases
    from agent_assist.scripts import scripts_for_kb

    problems: list[Problem] = []

    def guarded(name: str, check: Callable[[Path], Iterable[Problem]]) -> None:
        path = kb.resource(name)
        if path is None:
            return
        try:
            problems.extend(check(Path(path)))
        except Exception as exc:
            log.exception("checking %s failed", path)
            problems.append(Problem(Path(path), 1, f"could not be checked: {exc}"))

    def phrases(path: Path) -> list[Problem]:
        return load_team_phrases(path)[1]

    def tone(path: Path) -> list[Problem]:
        from agent_assist.phrases import load_tone_checker

        found = list(load_tone_rules(path)[1])
        if any(p.severity == "error" for p in found):
            found += [p for p in load_tone_checker(kb).problems if p not in found]
        return found

    def codes(path: Path) -> list[Problem]:
        book = reason_codes_for(kb)
        return [
            Problem(Path(p.path or path), p.line or 1, p.message, getattr(p, "severity", "error"))
            for p in book.problems
        ]

    def scripts(path: Path) -> list[Problem]:
        return list(scripts_for_kb(kb).problems)

    guarded("phrases.yaml", phrases)
    guarded("tone_rules.yaml", tone)
    guarded("reason_codes.yaml", codes)

    def synonyms(path: Path) -> list[Problem]:
        from agent_assist.knowledge.synonyms import synonyms_for

        return list(synonyms_for(kb.root).problems)

    guarded("scripts", scripts)
    guarded("synonyms.yaml", synonyms)
    return problems


def load_app_kb(root: Path | str) -> SlimKB:
    """The KB as the desktop keeps it: slim processes (bodies read on demand), and the bodies just
    read handed back to the OS.

    The problems of the side files (a broken ``phrases.yaml`` the app replaced with the shipped
    one …) join the processes' problems, so the status bar's "N 个知识库文件有问题" counts and
    lists them too: a fallback the agent's team lead never hears of is never fixed."""
    kb = SlimKB.from_kb(load_kb(root))
    if Path(root).is_dir():
        kb.problems.extend(resource_problems(kb))
    release_memory()
    return kb
