#!/usr/bin/env python3
"""Desktop benchmarks: warm start, keystroke → updated result list, peak memory. Prints numbers.

Each measurement runs in a fresh child process (offscreen Qt, its own data dir), driving the real
app code — ``agent_assist.gui.app.build`` and the real ``MainWindow`` — the way an agent would.

  start    warm start (index already built): process start → first paint of the main window, and
           → search ready (the index is opened on a worker thread after the paint)
  typing   keystroke → result list updated and repainted, measured inside the app with key
           events on the search box: "paced" (a pause before each keystroke, like IME commits)
           and "burst" (5 keystrokes 30 ms apart, time from the last one)
  memory   peak RSS with the KB loaded, the index open and a few hundred searches done

usage:
  python bench/bench_gui.py --kb /tmp/kb_syn5k [--data-dir DIR] [--only start,typing,memory]
  python KIT/make_kb.py articles /tmp/kb_syn5k --count 5000    # make the KB (evaluation kit)
The first run on a new KB builds the index (minutes for 20k) before measuring.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


# --- children ------------------------------------------------------------------------------
def child_start(kb: Path) -> dict:
    import psutil

    t_proc = psutil.Process().create_time()
    from PySide6.QtCore import QEvent, QObject

    from agent_assist.gui.app import build, wait_until

    app, ctx, window = build(kb, ask_profile=False)

    painted: list[float] = []

    class PaintSpy(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and not painted:
                painted.append(time.time())
            return False

    spy = PaintSpy()
    window.search.box.installEventFilter(spy)  # the search box painted = the agent can type
    window.show()
    window.ws.open_searcher()
    wait_until(lambda: bool(painted), 30)
    wait_until(lambda: window.ws.searcher is not None, 120)
    ready = time.time()
    window.shutdown()
    return {
        "painted_s": round(painted[0] - t_proc, 3),
        "search_ready_s": round(ready - t_proc, 3),
        "processes": len(ctx.kb),
    }


def _queries(kb) -> list[str]:
    """Realistic search strings: prefixes of titles (what an agent types), seeded."""
    rnd = random.Random(7)
    titles = [p.title for p in kb]
    picks = rnd.sample(titles, min(60, len(titles)))
    out = []
    for t in picks:
        t = "".join(ch for ch in t if not ch.isspace())[:8]
        if len(t) >= 2:
            out.append(t)
    return out


def child_typing(kb: Path) -> dict:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent

    from agent_assist.gui.app import build, wait_until

    app, ctx, window = build(kb, ask_profile=False)
    window.show()
    window.ws.open_searcher()
    wait_until(lambda: window.ws.searcher is not None, 600)
    panel = window.search
    view = panel.results.viewport()

    painted: list[float] = []

    class PaintSpy(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint:
                painted.append(time.perf_counter())
            return False

    spy = PaintSpy()
    view.installEventFilter(spy)

    def key(ch: str) -> None:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QCoreApplication.sendEvent(
                panel.box, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch)
            )

    def updated_for(text: str, since: int):
        return lambda: panel.last_query == text and not panel._in_flight and len(painted) > since

    paced: list[float] = []
    burst: list[float] = []
    for q in _queries(ctx.kb):
        panel.box.clear()
        wait_until(lambda: False, 0.12)
        typed = ""
        for ch in q:  # paced: one keystroke, wait for the list, pause like a person
            typed += ch
            n = len(painted)
            t0 = time.perf_counter()
            key(ch)
            if wait_until(updated_for(typed, n), 5):
                paced.append((painted[-1] - t0) * 1000)
            wait_until(lambda: False, 0.1)
        panel.box.clear()
        wait_until(lambda: False, 0.12)
        for ch in q[:-1]:  # burst: fast typing, measured from the last keystroke
            key(ch)
            wait_until(lambda: False, 0.03)
        n = len(painted)
        t0 = time.perf_counter()
        key(q[-1])
        if wait_until(updated_for(q, n), 5):
            burst.append((painted[-1] - t0) * 1000)
    window.shutdown()
    return {
        "processes": len(ctx.kb),
        "paced_keystrokes": len(paced),
        "paced_p50_ms": round(statistics.median(paced), 1),
        "paced_p95_ms": round(pct(paced, 95), 1),
        "paced_max_ms": round(max(paced), 1),
        "burst_p50_ms": round(statistics.median(burst), 1),
        "burst_p95_ms": round(pct(burst, 95), 1),
    }


def child_memory(kb: Path) -> dict:
    import resource

    import psutil

    from agent_assist.gui.app import build, wait_until

    app, ctx, window = build(kb, ask_profile=False)
    window.show()
    window.ws.open_searcher()
    wait_until(lambda: window.ws.searcher is not None, 1200)
    searcher = window.ws.searcher
    for q in _queries(ctx.kb) * 5:
        searcher.search(q, limit=30)
    panel = window.search
    for q in _queries(ctx.kb)[:20]:
        panel.set_query(q)
        wait_until(lambda q=q: panel.last_query == q and not panel._in_flight, 5)
    window.open_process(next(iter(ctx.kb)).id)
    wait_until(lambda: False, 0.2)
    rss_now = psutil.Process().memory_info().rss
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    window.shutdown()
    return {
        "processes": len(ctx.kb),
        "rss_mb": round(rss_now / 2**20, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


CHILDREN = {"start": child_start, "typing": child_typing, "memory": child_memory}


def run_child(kind: str, kb: Path, data_dir: Path, extra_env: dict | None = None) -> dict:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        AGENT_ASSIST_DATA_DIR=str(data_dir),
        **(extra_env or {}),
    )
    proc = subprocess.run(
        [sys.executable, str(HERE), "--child", kind, "--kb", str(kb)],
        env=env,
        capture_output=True,
        text=True,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{kind} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--kb", type=Path, required=True)
    ap.add_argument(
        "--data-dir", type=Path, help="reuse a data dir whose index is built (default: a temp dir)"
    )
    ap.add_argument("--only", default="start,typing,memory")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](args.kb.resolve())))
        return 0
    kb = args.kb.resolve()
    data = args.data_dir or Path(tempfile.mkdtemp(prefix="aa-bench-gui-"))
    data.mkdir(parents=True, exist_ok=True)
    kinds = [k for k in args.only.split(",") if k]
    if "start" in kinds:  # first run builds the index (not timed), the next ones are warm starts
        run_child("start", kb, data)
        runs = [run_child("start", kb, data) for _ in range(3)]
        print(
            json.dumps(
                {
                    "bench": "warm_start",
                    "kb": str(kb),
                    "processes": runs[0]["processes"],
                    "painted_s": min(r["painted_s"] for r in runs),
                    "painted_s_runs": [r["painted_s"] for r in runs],
                    "search_ready_s": min(r["search_ready_s"] for r in runs),
                }
            )
        )
    if "typing" in kinds:
        print(
            json.dumps(
                {"bench": "keystroke_to_results", "kb": str(kb), **run_child("typing", kb, data)}
            )
        )
    if "memory" in kinds:
        print(json.dumps({"bench": "peak_memory", "kb": str(kb), **run_child("memory", kb, data)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
