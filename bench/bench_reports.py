"""Time every call-listening report over 100k generated notes (target: each < 300 ms).

    python bench/bench_reports.py [--db /tmp/notes.db] [--count 100000] [--repeat 5]

Creates the database with ``gen_notes.py`` when it does not exist. For each report prints the
best and median of ``--repeat`` runs, over the whole year and over one month, then the total of
``build_report`` (what the GUI tab and ``agent-assist report notes`` run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_notes

from agent_assist.notes import (
    NoteFilter,
    NoteStore,
    build_report,
    emotion_shift,
    escalations,
    followup_summary,
    handling_cost,
    other_departments,
    pareto,
    reason_codes_for,
    repeat_calls,
    resolution,
    value_grid,
)
from agent_assist.storage import open_db

LIMIT_MS = 300.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "agent-assist-bench-notes.db"
    )
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    if not args.db.exists():
        gen_notes.main(["--out", str(args.db), "--count", str(args.count)])
    db = open_db(args.db)
    codes = reason_codes_for()
    total = NoteStore(db).count()
    print(f"{total} notes in {args.db}")
    reports = {
        "pareto": lambda f: pareto(db, f, codes),
        "repeat_calls": lambda f: repeat_calls(db, f, codes),
        "emotion_shift": lambda f: emotion_shift(db, f),
        "other_departments": lambda f: other_departments(db, f),
        "resolution": lambda f: resolution(db, f),
        "escalations": lambda f: escalations(db, f),
        "handling_cost": lambda f: handling_cost(db, f, codes),
        "value_grid": lambda f: value_grid(db, f, codes),
        "followup_summary": lambda f: followup_summary(db, f),
        "build_report (all)": lambda f: build_report(db, f, codes),
    }
    scopes = {
        "all": NoteFilter(),
        "one month": NoteFilter(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31)),
    }
    worst = 0.0
    print(f"{'report':<22}{'scope':<11}{'best ms':>9}{'median ms':>11}")
    for name, fn in reports.items():
        for scope, flt in scopes.items():
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                fn(flt)
                times.append((time.perf_counter() - t0) * 1000)
            med = statistics.median(times)
            if name != "build_report (all)":
                worst = max(worst, med)
            flag = "" if med < LIMIT_MS or name.startswith("build_report") else "  SLOW"
            print(f"{name:<22}{scope:<11}{min(times):>9.1f}{med:>11.1f}{flag}")
    print(
        f"slowest single report (median): {worst:.1f} ms — target < {LIMIT_MS:.0f} ms: {'OK' if worst < LIMIT_MS else 'MISSED'}"
    )
    return 0 if worst < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
