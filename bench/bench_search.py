#!/usr/bin/env python3
"""Search speed and memory on synthetic knowledge bases (prints numbers; asserts nothing).

For each size (default 1k / 5k / 20k articles from the evaluation kit's make_kb.py,
given with --kit or AGENT_ASSIST_BENCH_KIT) it measures, in a
fresh process each so peak RSS is that of one job:

* full index build rate (articles/s, `IndexStore.sync(rebuild=True)`),
* re-indexing after one changed file (ms),
* search latency p50 / p95 / max over the first 500 ATEC dev queries (limit 10, warm searcher),
* peak RSS of the process that built and searched,
* CPU time beside each wall time (build: the building process plus its analysis workers,
  ``RUSAGE_CHILDREN``; search: ``time.process_time`` of the searching process), which stays
  meaningful when other jobs share the machine, and the three slowest queries.

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
import gc, json, os, resource, sys, time
from pathlib import Path
from agent_assist.search import IndexStore, Searcher
kb, qfile, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
queries = [l.split("\t")[0] for l in open(qfile, encoding="utf-8")][:n]
from agent_assist.search import analyzer
t = time.perf_counter(); analyzer.add_words(["预热"]); analyzer.char_pinyin("预")
first_run = time.perf_counter() - t  # jieba prefix dict + pinyin table: once per data dir
store = IndexStore(kb)
def cpu_all():  # this process + its waited-for workers (the build's analysis pool)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
reuse, dump = os.environ.get("BENCH_REUSE") == "1", os.environ.get("BENCH_DUMP")
c = cpu_all(); t = time.perf_counter(); stats = store.sync(rebuild=not reuse)
build = time.perf_counter() - t; build_cpu = cpu_all() - c
s = Searcher(store); s.sync()
s.search("预热")
lat, cpu, slow = [], [], []
for q in queries:
    c = time.process_time(); t = time.perf_counter(); s.search(q, limit=10)
    ms = (time.perf_counter() - t) * 1000; lat.append(ms); cpu.append((time.process_time() - c) * 1000)
    slow.append((round(ms, 1), round(cpu[-1], 1), q))
lat.sort(); cpu.sort(); slow.sort(reverse=True)
if dump:  # after the timed run (which sees each query cold): top-10 (id, unrounded score) per query, for diffing two versions' rankings
    from agent_assist.search import rerank
    rerank.round = lambda x, n=None: x
    with open(dump, "w", encoding="utf-8") as out:
        for q in queries:
            out.write(json.dumps([q, [(h.id, h.score) for h in s.search(q, limit=10)]], ensure_ascii=False) + "\n")
    del rerank.round
reindex = reindex_cpu = 0.0
if not reuse:  # --reuse keeps the KB as it is, so that runs compare on the same documents
    one = next(kb.glob("*.md"))
    one.write_text(one.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    c = time.process_time(); t = time.perf_counter(); st = s.sync()
    reindex = (time.perf_counter() - t) * 1000; reindex_cpu = (time.process_time() - c) * 1000
    assert st.updated == 1, st
pct = lambda xs, f: round(xs[min(len(xs) - 1, int(len(xs) * f))], 2)
print(json.dumps({"docs": stats.added or s.doc_count, "first_run_s": round(first_run, 2), "build_s": round(build, 2),
    "build_cpu_s": round(build_cpu, 2), "rate": round(stats.added / build) if stats.added else 0,
    "rate_cpu": round(stats.added / build_cpu) if stats.added else 0,
    "reindex_one_ms": round(reindex, 1), "reindex_cpu_ms": round(reindex_cpu, 1),
    "p50_ms": pct(lat, 0.5), "p95_ms": pct(lat, 0.95), "max_ms": round(lat[-1], 2),
    "cpu_p50_ms": pct(cpu, 0.5), "cpu_p95_ms": pct(cpu, 0.95), "cpu_max_ms": round(cpu[-1], 2), "cpu_total_s": round(sum(cpu) / 1000, 2),
    "slowest": slow[:3], "gc_collections": sum(g["collections"] for g in gc.get_stats()),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}, ensure_ascii=False))
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
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="search the index already built in --work (build it only if missing) and leave "
        "the KB unchanged (no one-file re-index): for comparing search versions quickly",
    )
    ap.add_argument(
        "--dump",
        type=Path,
        help="write the top-10 (id, unrounded score) of every query to DUMP.SIZE.jsonl",
    )
    ap.add_argument("--no-cli", action="store_true", help="skip the CLI wall-time run")
    a = ap.parse_args()
    if a.kit is None:
        ap.error("--kit KIT_DIR (or AGENT_ASSIST_BENCH_KIT) is required")
    kit = Path(a.kit)
    a.work.mkdir(parents=True, exist_ok=True)
    qfile = kit / "atec" / "dev_queries.tsv"
    print(
        "wall = elapsed; cpu = CPU seconds (build: this process + its analysis workers; search: "
        "the searching process) — under load compare the cpu columns"
    )
    print(
        f"{'KB':>8} {'docs':>6} {'dict s':>6} {'build s':>8} {'cpu s':>6} {'art/s':>6} {'cpu a/s':>7} "
        f"{'1 file ms':>9} {'cpu ms':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'cpu p50':>7} {'cpu p95':>7} {'cpu max':>7} {'RSS MB':>7}"
    )
    for size in a.sizes:
        kb = make_kb(kit, a.work, size)
        env = dict(os.environ, AGENT_ASSIST_DATA_DIR=str(a.work / f"data{size}"))
        env["BENCH_REUSE"] = "1" if a.reuse else ""
        if a.dump:
            env["BENCH_DUMP"] = f"{a.dump}.{size}.jsonl"
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
            f"{'syn' + str(size):>8} {r['docs']:>6} {r['first_run_s']:>6} {r['build_s']:>8} "
            f"{r['build_cpu_s']:>6} {r['rate']:>6} {r['rate_cpu']:>7} {r['reindex_one_ms']:>9} "
            f"{r['reindex_cpu_ms']:>6} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['max_ms']:>7} "
            f"{r['cpu_p50_ms']:>7} {r['cpu_p95_ms']:>7} {r['cpu_max_ms']:>7} {r['peak_rss_mb']:>7}",
            flush=True,
        )
        print(f"{'':>8} slowest (wall ms, cpu ms, query): {r['slowest']}", flush=True)
        print(
            f"{'':>8} {a.queries} queries: {r['cpu_total_s']} CPU-s, "
            f"{r['gc_collections']} garbage collections",
            flush=True,
        )
    if a.no_cli:
        return 0
    print(
        f"agent-assist search on the sample KB, warm index, wall incl. process start: {cli_wall(a.work / 'data-sample'):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
