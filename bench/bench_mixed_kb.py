#!/usr/bin/env python3
"""Relevance at scale (issue 13 item 7): customer-worded queries on the sample KB alone and on
the sample KB plus N synthetic articles in a sub-folder (prints numbers, never asserts).

The synthetic articles (the kit's ``make_kb.py articles``) are long and share generic words with
everything (钱, 手机, 还款); the queries are tests/fixtures/customer_queries.tsv, customer
wordings of the sample processes. A search that lets scattered body matches in long documents
outrank a title / keyword / customer-phrase match loses r@1 here.

usage: python bench/bench_mixed_kb.py --kit KIT_DIR [--work /tmp/aa-mixed] [--count 5000]
       [--queries FILE.tsv] [--typos 0]

KIT_DIR is the evaluation kit (make_kb.py, eval_search.py); AGENT_ASSIST_BENCH_KIT may name it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def mixed_kb(kit: Path, work: Path, count: int) -> Path:
    """The sample KB copied to WORK/mixed-N with N synthetic articles under processes/synthetic
    (made once, reused while it has the right count)."""
    kb = work / f"mixed-{count}"
    syn = kb / "processes" / "synthetic"
    if not (syn.is_dir() and sum(1 for _ in syn.glob("*.md")) == count):
        shutil.rmtree(kb, ignore_errors=True)
        shutil.copytree(REPO / "knowledge", kb)
        cmd = [sys.executable, str(kit / "make_kb.py"), "articles", str(syn), "--count"]
        subprocess.run(cmd + [str(count)], check=True)
    else:  # keep the sample part current with the repository's
        for sub in (REPO / "knowledge" / "processes").iterdir():
            if sub.is_dir():
                shutil.rmtree(kb / "processes" / sub.name, ignore_errors=True)
                shutil.copytree(sub, kb / "processes" / sub.name)
    return kb


def evaluate(kit: Path, kb: Path, queries: Path, data: Path, typos: int) -> str:
    out = subprocess.run(
        [
            sys.executable,
            str(kit / "eval_search.py"),
            "--kb",
            str(kb),
            "--queries",
            str(queries),
            "--cmd",
            f"{sys.executable} -m agent_assist",
            "--data-dir",
            str(data),
            "--typos",
            str(typos),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    if out.returncode != 0:
        print(out.stdout, out.stderr[-2000:], file=sys.stderr)
        raise SystemExit(1)
    return out.stdout.strip().splitlines()[-1]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--kit", type=Path, default=os.environ.get("AGENT_ASSIST_BENCH_KIT"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/aa-mixed"))
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--typos", type=int, default=0)
    ap.add_argument(
        "--queries", type=Path, default=REPO / "tests" / "fixtures" / "customer_queries.tsv"
    )
    a = ap.parse_args()
    if a.kit is None:
        ap.error("--kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT) is required")
    a.work.mkdir(parents=True, exist_ok=True)
    sample = evaluate(a.kit, REPO / "knowledge", a.queries, a.work / "data-sample", a.typos)
    print(f"sample KB:              {sample}", flush=True)
    kb = mixed_kb(a.kit, a.work, a.count)
    mixed = evaluate(a.kit, kb, a.queries, a.work / f"data-mixed-{a.count}", a.typos)
    print(f"sample + {a.count} synthetic: {mixed}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
