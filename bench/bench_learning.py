#!/usr/bin/env python3
"""Learned associations (issue 13 item 4): does learning one set of customer wordings help other
wordings of the same needs, and leave unrelated queries alone? Prints numbers, asserts nothing.

1. Held-out wordings, both directions: ``--pairs A.tsv B.tsv`` (``wording TAB process id``; two
   halves written independently for the same processes). Learn A → search B, learn B → search A,
   each against the same KB without learning. Prints r@1 / r@3 / r@10 before and after, the rise
   in r@1, and how many queries that were right at rank 1 without learning fell out of the top 3.
   On the sample KB, and with ``--mixed N`` also on the sample KB plus N synthetic articles (the
   kit's ``make_kb.py articles``, as bench/bench_mixed_kb.py makes it). Without ``--pairs``:
   tests/fixtures/wordings/pairs_a.tsv and pairs_b.tsv (written blind from the process titles and
   summaries) when present, else the halves of tests/fixtures/customer_queries.tsv.
2. ATEC (``--kit``): the kit's dev pairs split — the first 2/3 learned, the rest (only queries
   whose gold is not among the learned golds, like the held-out test split) searched; r@1 / r@10
   before and after. Learning from one set of wordings must not hurt unrelated ones.

Searches run in-process through the same Searcher the CLI uses (``search --batch`` hands it the
data dir's learned store); ``--cli`` scores the first direction through the CLI too (the kit's
eval_search.py after ``agent-assist learn --from-tsv``).

usage: python bench/bench_learning.py [--pairs A.tsv B.tsv] [--mixed 5000] [--kit KIT_DIR]
       [--work /tmp/aa-learn] [--skip-atec] [--cli] [--show]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

Rows = list[tuple[str, str]]


def read_pairs(path: Path) -> Rows:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            rows.append((parts[0].strip(), parts[1].strip()))
    return rows


def ranked(searcher: Any, rows: Rows) -> dict[str, list[str]]:
    return {q: [h.id for h in searcher.search(q, limit=10)] for q, _ in rows}


def recall(out: dict[str, list[str]], rows: Rows, k: int) -> float:
    gold = {q: set(g.split("|")) for q, g in rows}
    return sum(bool(gold[q] & set(out[q][:k])) for q, _ in rows) / max(1, len(rows))


def learned_store(pairs: Rows) -> Any:
    from agent_assist.learning import LearnedAssociations, learn_pairs
    from agent_assist.storage import open_db

    assoc = LearnedAssociations(open_db(":memory:"))
    learn_pairs(assoc, [(q, g.split("|")[0]) for q, g in pairs])
    return assoc


def direction(searcher: Any, learn: Rows, test: Rows, show: bool) -> dict[str, Any]:
    """Search ``test`` without learning, then after learning ``learn``."""
    searcher.learned = None
    before = ranked(searcher, test)
    searcher.learned = learned_store(learn)
    after = ranked(searcher, test)
    searcher.learned = None
    fell = [q for q, g in test if before[q][:1] == [g] and g not in after[q][:3]]
    if show:
        for q, g in test:
            b = before[q].index(g) + 1 if g in before[q] else None
            a = after[q].index(g) + 1 if g in after[q] else None
            if a != b:
                print(f"    {b} -> {a}  {q}  ({g}; top now {after[q][:1]})")
    return {
        "n": len(test),
        "before": [recall(before, test, k) for k in (1, 3, 10)],
        "after": [recall(after, test, k) for k in (1, 3, 10)],
        "fell": fell,
    }


def row(name: str, r: dict[str, Any]) -> str:
    b1, b3, b10 = r["before"]
    a1, a3, a10 = r["after"]
    return (
        f"| {name} | {r['n']} | {b1:.3f} / {b3:.3f} / {b10:.3f} | {a1:.3f} / {a3:.3f} / "
        f"{a10:.3f} | {a1 - b1:+.3f} | {len(r['fell'])} |"
    )


HEADER = (
    "| run | queries | no learning r@1 / r@3 / r@10 | learned r@1 / r@3 / r@10 | r@1 rise "
    "| fell out of top 3 |\n|---|---|---|---|---|---|"
)


def overlap(learn: Rows, test: Rows) -> str:
    """How much there is to learn at all: held-out queries that share an informative word
    (background specificity ≥ 0.5) with their process's learned wordings, and with no other
    process's — the ceiling of any word-level learned signal."""
    assoc = learned_store([])
    by_word: dict[str, set[str]] = {}
    for q, g in learn:
        for w, v in assoc.features(q).items():
            if v >= 0.5 and not w.startswith("c:"):  # words, not single characters
                by_word.setdefault(w, set()).add(g)
    shared = only = 0
    for q, g in test:
        words = [w for w in assoc.features(q) if g in by_word.get(w, ())]
        shared += bool(words)
        only += any(by_word[w] == {g} for w in words)
    return f"{shared} share an informative word with their process's learned wordings, {only} one no other process's has"


def held_out(kb: Path, name: str, a: Rows, b: Rows, show: bool) -> list[str]:
    from agent_assist.search import Searcher

    s = Searcher.open(kb)
    lines = []
    for label, learn, test in ((f"{name} A→B", a, b), (f"{name} B→A", b, a)):
        if show:
            print(f"  {label}: changed ranks (before -> after)")
        r = direction(s, learn, test, show)
        lines.append(row(label, r))
        if r["fell"]:
            lines.append(f"|   fell: {', '.join(r['fell'])} |||||")
    s.close()
    return lines


def cli_check(kit: Path, kb: Path, learn: Path, test: Path, work: Path) -> str:
    """Learn through ``agent-assist learn --from-tsv`` and score with the kit's eval_search.py."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = []
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        data = Path(tmp) / "data"
        for taught in (False, True):
            env["AGENT_ASSIST_DATA_DIR"] = str(data)
            if taught:
                subprocess.run(
                    [sys.executable, "-m", "agent_assist", "learn", "--kb", str(kb)]
                    + ["--from-tsv", str(learn)],
                    env=env,
                    check=True,
                    capture_output=True,
                )
            res = subprocess.run(
                [sys.executable, str(kit / "eval_search.py"), "--kb", str(kb)]
                + ["--queries", str(test), "--data-dir", str(data)]
                + ["--cmd", f"{sys.executable} -m agent_assist"],
                env=env,
                capture_output=True,
                text=True,
            )
            out.append(res.stdout.strip().splitlines()[-1] if res.stdout.strip() else res.stderr)
    return f"CLI without learning: {out[0]}\nCLI after learn --from-tsv: {out[1]}"


def atec(kit: Path, work: Path) -> str:
    from agent_assist.search import Searcher

    kb = work / "atec"
    if not (kb.is_dir() and any(kb.iterdir())):
        subprocess.run([sys.executable, str(kit / "make_kb.py"), "titles", str(kb)], check=True)
    dev = [
        (parts[0], parts[1])
        for parts in (
            line.rstrip("\n").split("\t")
            for line in (kit / "atec" / "dev_queries.tsv").open(encoding="utf-8")
        )
        if len(parts) == 2
    ]
    cut = len(dev) * 2 // 3
    learn = dev[:cut]
    learned_gold = {g for _, gs in learn for g in gs.split("|")}
    test = [r for r in dev[cut:] if not set(r[1].split("|")) & learned_gold]
    s = Searcher.open(kb)
    r = direction(s, learn, test, show=False)
    s.close()
    (b1, _, b10), (a1, _, a10) = r["before"], r["after"]
    return (
        f"ATEC: learned {len(learn)} dev pairs; {len(test)} other queries (disjoint gold): "
        f"r@1 {b1:.4f} -> {a1:.4f}, r@10 {b10:.4f} -> {a10:.4f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--pairs", type=Path, nargs=2, metavar=("A", "B"), default=None)
    ap.add_argument("--mixed", type=int, default=0, metavar="N", help="also sample + N synthetic")
    ap.add_argument("--kit", type=Path, default=os.environ.get("AGENT_ASSIST_BENCH_KIT"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/aa-learn"))
    ap.add_argument("--skip-atec", action="store_true")
    ap.add_argument("--only-atec", action="store_true")
    ap.add_argument("--cli", action="store_true", help="also score A→B through the CLI")
    ap.add_argument("--show", action="store_true", help="list the queries whose rank changed")
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    os.environ["AGENT_ASSIST_DATA_DIR"] = str(a.work / "data")
    blind = REPO / "tests" / "fixtures" / "wordings"  # the blind halves, once merged
    if a.pairs is None and (blind / "pairs_a.tsv").is_file():
        a.pairs = [blind / "pairs_a.tsv", blind / "pairs_b.tsv"]
    if a.pairs:
        pa, pb = read_pairs(a.pairs[0]), read_pairs(a.pairs[1])
    else:
        rows = read_pairs(REPO / "tests" / "fixtures" / "customer_queries.tsv")
        pa, pb = rows[0::2], rows[1::2]
    if not a.only_atec:
        print(HEADER)
        for line in held_out(REPO / "knowledge", "sample", pa, pb, a.show):
            print(line, flush=True)
        print(f"A→B: of {len(pb)} queries, {overlap(pa, pb)}")
        print(f"B→A: of {len(pa)} queries, {overlap(pb, pa)}")
        mixed = None
        if a.mixed:
            if a.kit is None:
                ap.error("--mixed needs --kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT)")
            from bench_mixed_kb import mixed_kb

            mixed = mixed_kb(a.kit, a.work, a.mixed)
            for line in held_out(mixed, f"mixed +{a.mixed}", pa, pb, a.show):
                print(line, flush=True)
        if a.cli and a.pairs and a.kit is not None:
            print(cli_check(a.kit, REPO / "knowledge", a.pairs[0], a.pairs[1], a.work))
    if a.skip_atec:
        return 0
    if a.kit is None:
        ap.error("--kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT) is required for the ATEC part")
    print(atec(a.kit, a.work), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
