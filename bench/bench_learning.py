#!/usr/bin/env python3
"""Learned associations (issue 13 item 4): does learning help other wordings, and leave
unrelated queries alone? Prints numbers, asserts nothing.

1. Sample KB held-out check: tests/fixtures/customer_queries.tsv split in halves (two wordings
   per process); one half learned, the other searched, and the other way round. Prints r@1
   before/after and the queries right before that fell out of the top 3.
2. ATEC: the kit's dev pairs split — the first 2/3 learned, the rest (only queries whose gold is
   not among the learned golds, like the held-out test split) searched; r@1 / r@10 before/after.

usage: python bench/bench_learning.py --kit KIT_DIR [--work /tmp/aa-learn] [--skip-atec]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _eval(searcher, rows):
    out = {}
    for q, _ in rows:
        out[q] = [h.id for h in searcher.search(q, limit=10)]
    gold = {q: set(g.split("|")) for q, g in rows}
    r1 = sum(bool(out[q][:1] and out[q][0] in gold[q]) for q, _ in rows) / len(rows)
    r10 = sum(bool(gold[q] & set(out[q])) for q, _ in rows) / len(rows)
    return out, r1, r10


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--kit", type=Path, default=os.environ.get("AGENT_ASSIST_BENCH_KIT"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/aa-learn"))
    ap.add_argument("--skip-atec", action="store_true")
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    os.environ["AGENT_ASSIST_DATA_DIR"] = str(a.work / "data")
    from agent_assist.learning import LearnedAssociations, learn_pairs
    from agent_assist.search import Searcher
    from agent_assist.storage import open_db

    rows = [
        line.split("\t")
        for line in (REPO / "tests" / "fixtures" / "customer_queries.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    s = Searcher.open(REPO / "knowledge")
    for part in (0, 1):
        learn, test = rows[part::2], rows[1 - part :: 2]
        s.learned = None
        before, b1, _ = _eval(s, test)
        assoc = LearnedAssociations(open_db(":memory:"))
        learn_pairs(assoc, [(q, g) for q, g in learn])
        s.learned = assoc
        after, a1, a10 = _eval(s, test)
        fell = [q for q, g in test if before[q][:1] == [g] and g not in after[q][:3]]
        print(f"sample KB half {part}: r@1 {b1:.3f} -> {a1:.3f}, r@10 {a10:.3f}, fell: {fell}")
    s.close()
    if a.skip_atec:
        return 0
    if a.kit is None:
        ap.error("--kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT) is required for the ATEC part")
    kb = a.work / "atec"
    if not (kb.is_dir() and any(kb.iterdir())):
        subprocess.run([sys.executable, str(a.kit / "make_kb.py"), "titles", str(kb)], check=True)
    dev = [
        line.rstrip("\n").split("\t")
        for line in (a.kit / "atec" / "dev_queries.tsv").open(encoding="utf-8")
        if line.strip()
    ]
    cut = len(dev) * 2 // 3
    learn = dev[:cut]
    learned_gold = {g for _, gs in learn for g in gs.split("|")}
    test = [r for r in dev[cut:] if not set(r[1].split("|")) & learned_gold]
    s = Searcher.open(kb)
    _, b1, b10 = _eval(s, test)
    assoc = LearnedAssociations(open_db(":memory:"))
    learn_pairs(assoc, [(q, g.split("|")[0]) for q, g in learn])
    s.learned = assoc
    _, a1, a10 = _eval(s, test)
    print(
        f"ATEC: learned {len(learn)} dev pairs; {len(test)} other queries (disjoint gold): "
        f"r@1 {b1:.4f} -> {a1:.4f}, r@10 {b10:.4f} -> {a10:.4f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
