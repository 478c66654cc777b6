#!/usr/bin/env python3
"""Search speed and memory on synthetic knowledge bases (prints numbers; asserts nothing).

For each size (default 1k / 5k / 20k articles from the evaluation kit's make_kb.py,
given with --kit or AGENT_ASSIST_BENCH_KIT) it measures, in a
fresh process each so peak RSS is that of one job:

* full index build rate (articles/s, `IndexStore.sync(rebuild=True)`),
* re-indexing after one changed file (ms),
* search latency p50 / p95 / max over the first 500 ATEC dev queries (limit 10, warm searcher),
* peak RSS of the process that built and searched.

And, on the shipped sample KB, the wall time of `agent-assist search` with a warm index (process
start included).

usage: python bench/bench_search.py [--sizes 1000 5000 20000] [--queries 500] [--work /tmp/aa-bench]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
from agent_assist.search import IndexStore, Searcher
kb, qfile, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
queries = [l.split("\t")[0] for l in open(qfile, encoding="utf-8")][:n]
from agent_assist.search import analyzer
t = time.perf_counter(); analyzer.add_words(["预热"]); analyzer.char_pinyin("预")
first_run = time.perf_counter() - t  # jieba prefix dict + pinyin table: once per data dir
store = IndexStore(kb)
t = time.perf_counter(); stats = store.sync(rebuild=True); build = time.perf_counter() - t
s = Searcher(store); s.sync()
s.search("预热")
lat = []
for q in queries:
    t = time.perf_counter(); s.search(q, limit=10); lat.append((time.perf_counter() - t) * 1000)
lat.sort()
one = next(kb.glob("*.md"))
one.write_text(one.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
t = time.perf_counter(); st = s.sync(); reindex = (time.perf_counter() - t) * 1000
assert st.updated == 1, st
print(json.dumps({"docs": stats.added, "first_run_s": round(first_run, 2), "build_s": round(build, 2), "rate": round(stats.added / build),
    "reindex_one_ms": round(reindex, 1), "p50_ms": round(lat[len(lat) // 2], 2),
    "p95_ms": round(lat[int(len(lat) * 0.95)], 2), "max_ms": round(lat[-1], 2),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def make_kb(kit: Path, work: Path, size: int) -> Path:
    out = work / f"syn{size}"
    if not (out.is_dir() and sum(1 for _ in out.glob("*.md")) == size):
        subprocess.run(
            [
                sys.executable,
                str(kit / "make_kb.py"),
                "articles",
                str(out),
                "--count",
                str(size),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out


def cli_wall(data: Path) -> float:
    cmd = [sys.executable, "-m", "agent_assist", "search", "查余额", "--limit", "5"]
    env = dict(os.environ, AGENT_ASSIST_DATA_DIR=str(data))
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)  # warm the index
    walls = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
    return sorted(walls)[len(walls) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--work", type=Path, default=Path("/tmp/aa-bench"))
    ap.add_argument(
        "--kit",
        type=Path,
        default=os.environ.get("AGENT_ASSIST_BENCH_KIT"),
        help="the evaluation kit folder (make_kb.py, atec/); not part of this repository",
    )
    a = ap.parse_args()
    if a.kit is None:
        ap.error("--kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT) is required")
    kit = Path(a.kit)
    a.work.mkdir(parents=True, exist_ok=True)
    qfile = kit / "atec" / "dev_queries.tsv"
    print(
        f"{'KB':>8} {'docs':>6} {'dict s':>6} {'build s':>8} {'art/s':>6} {'1 file ms':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'RSS MB':>7}"
    )
    for size in a.sizes:
        kb = make_kb(kit, a.work, size)
        env = dict(os.environ, AGENT_ASSIST_DATA_DIR=str(a.work / f"data{size}"))
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(kb), str(qfile), str(a.queries)],
            env=env,
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            print(out.stderr[-2000:], file=sys.stderr)
            return 1
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{'syn' + str(size):>8} {r['docs']:>6} {r['first_run_s']:>6} {r['build_s']:>8} {r['rate']:>6} {r['reindex_one_ms']:>9} "
            f"{r['p50_ms']:>7} {r['p95_ms']:>7} {r['max_ms']:>7} {r['peak_rss_mb']:>7}",
            flush=True,
        )
    print(
        f"agent-assist search on the sample KB, warm index, wall incl. process start: {cli_wall(a.work / 'data-sample'):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
