#!/usr/bin/env python3
"""Relevance on the real ATEC corpus, scored from the outside through the CLI (prints numbers).

Builds the 38,987-title KB with the evaluation kit's make_kb.py (once), then runs the kit's
eval_search.py on the dev queries, clean and with one homophone typo per query,
and prints both JSON lines plus the share of clean recall@10 kept under typos.

usage: python bench/bench_relevance.py --kit KIT_DIR [--work /tmp/aa-bench] [--queries FILE.tsv]

KIT_DIR is the evaluation kit (make_kb.py, eval_search.py, atec/); it is not part of this
repository. AGENT_ASSIST_BENCH_KIT may name it instead of --kit.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--work", type=Path, default=Path("/tmp/aa-bench"))
    ap.add_argument("--kit", type=Path, default=os.environ.get("AGENT_ASSIST_BENCH_KIT"))
    ap.add_argument("--queries", type=Path, help="default: KIT/atec/dev_queries.tsv")
    a = ap.parse_args()
    if a.kit is None:
        ap.error("--kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT) is required")
    SHARED = Path(a.kit)
    a.queries = a.queries or SHARED / "atec" / "dev_queries.tsv"
    kb = a.work / "atec"
    if not (kb.is_dir() and any(kb.iterdir())):
        subprocess.run([sys.executable, str(SHARED / "make_kb.py"), "titles", str(kb)], check=True)
    data = a.work / "data-atec"  # one data dir for both runs: the index is built once
    cmd = f"{sys.executable} -m agent_assist"
    results = {}
    for typos in (0, 1):
        out = subprocess.run(
            [
                sys.executable,
                str(SHARED / "eval_search.py"),
                "--kb",
                str(kb),
                "--queries",
                str(a.queries),
                "--cmd",
                cmd,
                "--data-dir",
                str(data),
                "--typos",
                str(typos),
            ],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            print(out.stdout, out.stderr[-2000:], file=sys.stderr)
            return 1
        line = out.stdout.strip().splitlines()[-1]
        print(line, flush=True)
        results[typos] = json.loads(line)
    kept = results[1]["r@10"] / results[0]["r@10"] if results[0]["r@10"] else 0.0
    print(f"typo r@10 keeps {kept:.1%} of clean r@10")
    return 0


if __name__ == "__main__":
    sys.exit(main())
