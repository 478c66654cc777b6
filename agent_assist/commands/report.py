"""``agent-assist report SUBJECT``: reports for the people who own the KB and run the centre.

Subjects: ``feedback`` (processes agents flagged, for the KB owners — ``report_feedback``) and
``notes`` (why customers call, from complaint / call-listening notes — ``report_notes``). Each
subject module exposes ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import importlib

SUBJECTS = {"feedback": "report_feedback", "notes": "report_notes", "search": "report_search"}


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="reports: flagged processes (feedback), call reasons (notes)")
    subjects = p.add_subparsers(dest="subject", metavar="SUBJECT", required=True)
    for subject, module_name in SUBJECTS.items():
        try:
            module = importlib.import_module(f"agent_assist.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"agent_assist.commands.{module_name}":
                continue
            raise
        sp = subjects.add_parser(subject, help=(module.__doc__ or "").strip().splitlines()[0])
        module.add_arguments(sp)
        sp.set_defaults(handler=module.run)
