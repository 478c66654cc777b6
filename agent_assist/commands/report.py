"""``agent-assist report SUBJECT``: reports for the people who own the KB and run the centre.

Subjects: ``feedback`` (processes agents flagged, for the KB owners — ``report_feedback``) and
``notes`` (why customers call, from complaint / call-listening notes — ``report_notes``). Each
subject module exposes ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import importlib

from agent_assist.commands.common import SubParsers

SUBJECTS = {
    "feedback": "report_feedback",
    "notes": "report_notes",
    "releases": "report_releases",
    "kb-health": "report_kb_health",
    "search": "report_search",
}


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("report", help="reports: flagged processes (feedback), call reasons (notes)")
    subjects = p.add_subparsers(dest="subject", metavar="SUBJECT", required=True)
    for subject, module_name in SUBJECTS.items():
        # by name so each subject keeps its heavy imports inside ``run``; every module exists
        module = importlib.import_module(f"agent_assist.commands.{module_name}")
        sp = subjects.add_parser(subject, help=(module.__doc__ or "").strip().splitlines()[0])
        module.add_arguments(sp)
        sp.set_defaults(handler=module.run)
