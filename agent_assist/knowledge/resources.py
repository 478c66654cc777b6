"""The problems of a knowledge base's YAML side files, for whoever shows KB health.

Processes report through ``KnowledgeBase.problems``; the files beside them — ``phrases.yaml``,
``tone_rules.yaml``, ``reason_codes.yaml``, ``scripts/*.yaml``, ``synonyms.yaml`` — are loaded by their own
packages, each of which falls back to the shipped file when the centre's one is unusable. That
fallback keeps agents working, but it must not be silent: :func:`resource_problems` gathers
every such problem (errors, and the "using the shipped file instead" warnings) so ``lint-kb``
and the desktop status bar can show them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from agent_assist.knowledge.model import KnowledgeBase, Problem

log = logging.getLogger(__name__)


def resource_problems(kb: KnowledgeBase) -> list[Problem]:
    """Problems of ``kb``'s side files (or of the shipped ones it falls back to), in file order.

    Never raises: a checker that fails unexpectedly becomes a problem of its file.
    """
    # imported here: those packages build on this one
    from agent_assist.notes import reason_codes_for
    from agent_assist.phrases import load_tone_rules
    from agent_assist.phrases.loader import load_team_phrases
    from agent_assist.scripts import scripts_for_kb

    problems: list[Problem] = []

    def guarded(name: str, check) -> None:
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
