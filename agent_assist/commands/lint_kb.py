"""``agent-assist lint-kb DIR``: print ``path:line: message`` for every problem; exit 1 on errors.

Checks processes (front matter, ids, categories, related links) and, through the scripts
package, the guided scripts beside them. Warnings (printed as ``path:line: warning: …``, exit
code unaffected) point at processes that load but serve agents badly: no ``summary``, fewer than
3 ``customer_phrases``, no numbered steps, a body naming a process id the KB does not have.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent_assist.knowledge import KnowledgeBase, Problem

import argparse
import sys
from pathlib import Path

from agent_assist.commands.common import SubParsers, one_line_failures


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("lint-kb", help="check a knowledge folder; exit 1 on errors")
    p.add_argument(
        "dir", type=Path, nargs="?", help="knowledge folder (default: the sample that ships)"
    )
    p.set_defaults(handler=run)


def _run(args: argparse.Namespace) -> int:
    from agent_assist.health import resource_problems
    from agent_assist.knowledge import Problem, content_warnings, load_kb
    from agent_assist.storage import shipped_kb_dir

    root = args.dir or args.kb or shipped_kb_dir()
    kb = load_kb(root)
    # one file's problems together, top to bottom, as an editor walks through them
    problems = sorted([*kb.problems, *content_warnings(kb)], key=lambda p: (str(p.path), p.line))
    for linter in _extra_linters():
        try:
            problems.extend(linter(kb))
        except Exception as exc:  # a message, never a traceback, for editors
            problems.append(Problem(Path(root), 1, f"check {linter.__name__} failed: {exc}"))
    # side files that fell back to the shipped ones say so (once, whoever found it first)
    seen = {(str(p.path), p.line, p.message) for p in problems}
    for problem in resource_problems(kb):
        if (str(problem.path), problem.line, problem.message) not in seen:
            seen.add((str(problem.path), problem.line, problem.message))
            problems.append(problem)
    for problem in problems:
        prefix = "" if problem.severity == "error" else f"{problem.severity}: "
        print(f"{problem.path}:{problem.line}: {prefix}{problem.message}")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = sum(1 for p in problems if p.severity == "warning")
    notes = len(problems) - errors - warnings  # "info": listed for review, never a fault
    tail = f", {notes} for review" if notes else ""
    print(f"{len(kb)} processes, {errors} errors, {warnings} warnings{tail}", file=sys.stderr)
    return 1 if errors else 0


def _lint_reason_codes(kb: KnowledgeBase) -> list[Problem]:
    """Problems of the KB's reason_codes.yaml (or the shipped one it falls back to)."""
    from agent_assist.knowledge import Problem
    from agent_assist.notes import reason_codes_for

    book = reason_codes_for(kb)
    out = [
        Problem(p.path or kb.root, p.line or 1, p.message, getattr(p, "severity", "error"))
        for p in book.problems
    ]
    path = Path(kb.root) / "reason_codes.yaml"
    if not path.is_file():  # the shipped codes name the shipped processes, not this KB's
        return out
    lines = path.read_text(encoding="utf-8").splitlines()
    for code in book:  # each code names the processes that handle it; they should exist
        missing = [pid for pid in code.processes if pid not in kb]
        if missing:
            line = next(
                (i for i, x in enumerate(lines, 1) if x.strip() == f"- number: {code.number}"), 1
            )
            message = f"代码 {code.number}：processes 里的 {missing} 不是本知识库的流程"
            out.append(Problem(path, line, message, "warning"))
    return out


def _extra_linters() -> list[Callable[[KnowledgeBase], list[Problem]]]:
    """Linters of the YAML resources beside the processes: scripts, phrases and tone rules
    (``lint_kb_scripts``), reason codes."""
    from agent_assist.knowledge.key_fact_lint import key_fact_conflicts
    from agent_assist.phrases.fact_review import phrase_fact_review
    from agent_assist.releases.health import review_warnings
    from agent_assist.scripts import lint_kb_scripts

    return [
        lint_kb_scripts,
        _lint_reason_codes,
        key_fact_conflicts,
        phrase_fact_review,
        review_warnings,
    ]


# any unexpected failure: one line on stderr, exit 2 (never a traceback)
run = one_line_failures("agent-assist lint-kb", _run)
