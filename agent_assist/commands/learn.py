"""Learned associations: teach search the customers' words (issue 13 item 4).

``agent-assist learn --from-tsv FILE`` imports ``query TAB process id`` lines (a centre's previous
system's logs or tickets); ``--from-notes`` rebuilds from the notes store (the customer's words →
the note's related processes); ``--from-log`` from the search log (sessions that ended in an
open); ``--reset PID`` forgets what was learned for one process (``--reset-all`` for all).
A malformed line is reported as ``path:line`` and skipped; an unknown process id is reported and
skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from agent_assist.commands.common import SubParsers, add_kb_option, kb_dir

if TYPE_CHECKING:
    from agent_assist.learning import LearnedAssociations
    from agent_assist.storage import Database


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("learn", help="learn the customers' words (TSV, notes, search log)")
    add_kb_option(p)
    p.add_argument("--from-tsv", type=Path, default=None, help="query TAB process id, per line")
    p.add_argument("--from-notes", action="store_true", help="rebuild from submitted notes")
    p.add_argument("--from-log", action="store_true", help="from the search log's opens")
    p.add_argument("--reset", metavar="PID", default=None, help="forget one process")
    p.add_argument("--reset-all", action="store_true", help="forget everything learned")
    p.set_defaults(handler=run)


def read_tsv(path: Path) -> tuple[list[tuple[str, str, int]], list[str]]:
    """(query, id, line) rows and ``path:line: message`` problems."""
    from agent_assist.knowledge.kbfiles import KBFileError, read_text

    try:
        text = read_text(path)
    except KBFileError as exc:
        return [], [f"{path}:{exc.line}: {exc.message}"]
    rows, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            problems.append(f"{path}:{n}: expected 'query<TAB>process id': skipped")
            continue
        for pid in parts[1].strip().split("|"):  # the kit's "accepted ids" form
            if pid.strip():
                rows.append((parts[0].strip(), pid.strip(), n))
    return rows, problems


def run(args: argparse.Namespace) -> int:
    from agent_assist.knowledge import load_kb
    from agent_assist.learning import LearnedAssociations
    from agent_assist.storage import open_db

    db = open_db()
    assoc = LearnedAssociations(db)
    if args.reset_all or args.reset:
        n = assoc.reset(None if args.reset_all else args.reset)
        print(f"forgot {n} learned wordings")
        if not (args.from_tsv or args.from_notes or args.from_log):
            return 0
    if not (args.from_tsv or args.from_notes or args.from_log):
        print(
            "agent-assist learn: give --from-tsv FILE, --from-notes or --from-log", file=sys.stderr
        )
        return 2
    kb = load_kb(kb_dir(args))
    known = set(kb.processes)
    status = 0
    learned = 0
    if args.from_tsv:
        rows, problems = read_tsv(args.from_tsv)
        for problem in problems:
            print(problem, file=sys.stderr)
        for query, pid, n in rows:
            if pid not in known:
                print(f"{args.from_tsv}:{n}: unknown process id '{pid}': skipped", file=sys.stderr)
                continue
            assoc.add(query, pid, "tsv")
            learned += 1
        if problems and not rows:
            status = 1
    if args.from_notes:
        learned += _from_notes(db, assoc, known)
    if args.from_log:
        from agent_assist.learning import SearchLog

        for s in SearchLog(db).sessions():
            if s.opened in known:
                for q in dict.fromkeys(s.chain or [s.query]):
                    assoc.add(q, s.opened, "log")
                    learned += 1
    assoc.prepare()  # the words' weights, stored: a search need not load jieba's dictionary
    print(f"learned {learned} wordings ({assoc.count()} kept)")
    return status


def _from_notes(db: Database, assoc: LearnedAssociations, known: set[str]) -> int:
    """Notes: the customer's words (``reason_text``, masked) → the note's related processes.
    Rebuilds: what notes taught before is replaced."""
    import json

    from agent_assist.learning import mask_query

    db.execute("DELETE FROM learned_phrase WHERE source = 'notes'")
    if "notes" not in db.table_names():
        return 0
    n = 0
    for row in db.query("SELECT reason_text, related_processes FROM notes"):
        text = (row["reason_text"] or "").strip()
        try:
            pids = json.loads(row["related_processes"] or "[]")
        except ValueError:
            pids = []
        if not text or not isinstance(pids, list):
            continue
        for pid in pids:
            if isinstance(pid, str) and pid in known:
                assoc.add(mask_query(text)[:200], pid, "notes")
                n += 1
    assoc.forget_cache()
    return n
