"""KB releases: diff render, publish, pull + incremental re-index. Prints numbers (targets from
issue 12: diff < 100 ms for the largest sample process, publish of 5,000 processes < 10 s, an
agent's pull of a release with 50 changed processes, re-index included, < 3 s).

The KBs are synthetic and generated here (``--count`` processes of realistic length), so the
benchmark needs no evaluation kit::

    python bench/bench_releases.py
    python bench/bench_releases.py --count 5000 --changed 50 --work /tmp/bench-releases
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = [
    "携号转网",
    "套餐变更",
    "宽带报修",
    "话费查询",
    "发票开具",
    "积分兑换",
    "停机保号",
    "实名登记",
    "国际漫游",
    "流量包退订",
    "补换卡",
    "过户",
    "销户",
    "亲情号",
    "来电提醒",
    "信用额度",
    "预存返费",
    "宽带移机",
    "光猫更换",
    "副卡办理",
    "合约解除",
    "账单争议",
    "退费申请",
    "欠费复机",
]
VERBS = ["办理", "查询", "咨询", "变更", "取消", "申请"]
CATEGORIES = ["咨询", "查询", "办理", "投诉"]


def process_text(n: int, rng: random.Random, version: int = 0) -> str:
    topic = TOPICS[n % len(TOPICS)]
    verb = VERBS[(n // len(TOPICS)) % len(VERBS)]
    title = f"{topic}{verb}（第{n}号）"
    steps = "\n".join(
        f"{k}. 第{k}步：核对{rng.choice(TOPICS)}的办理条件，告知客户{3 + version + k}个工作日内完成，"
        f"费用{rng.randint(0, 200)}元。"
        for k in range(1, 7)
    )
    body = "\n".join(
        f"- {rng.choice(TOPICS)}相关说明：客户需携带有效证件，到营业厅或通过APP办理，注意事项第{k}条。"
        for k in range(8)
    )
    return (
        "---\n"
        f"id: bench.p{n:05d}\n"
        f"title: {title}\n"
        f"category: {CATEGORIES[n % 4]}\n"
        f"summary: {title}的处理要点：先核验身份，再按步骤办理，版本{version}\n"
        f"keywords: [{topic}, {verb}]\n"
        f"customer_phrases: [我要{topic}, {topic}怎么{verb}, 帮我{verb}{topic}]\n"
        "owner: 知识库组\n"
        f"updated: 2026-0{1 + version % 9}-01\n"
        "---\n"
        f"## 适用情形\n客户要求{title}。\n\n## 说明\n{body}\n\n## 步骤\n{steps}\n"
    )


def make_kb(folder: Path, count: int, seed: int = 7) -> Path:
    (folder / "processes").mkdir(parents=True, exist_ok=True)
    for n in range(count):
        rng = random.Random(seed * 100_000 + n)
        path = folder / "processes" / f"g{n % 50:02d}" / f"p{n:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(process_text(n, rng), encoding="utf-8")
    return folder


def bench_diff() -> None:
    from agent_assist.releases import diff_lines, to_html

    sample = max((ROOT / "knowledge").rglob("*.md"), key=lambda p: p.stat().st_size)
    old = sample.read_text(encoding="utf-8")
    lines = old.splitlines()
    # an owner's typical edit: numbers changed on several lines, one line added, one removed
    new_lines = []
    for k, line in enumerate(lines):
        if k % 7 == 3:
            line = line.replace("1", "2").replace("3", "5") + "（已更新）"
        if k == len(lines) // 2:
            new_lines.append("新增：办理前先确认客户是否有未完成的工单。")
        if k == len(lines) // 3:
            continue
        new_lines.append(line)
    new = "\n".join(new_lines)
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        to_html(diff_lines(old, new))
        times.append((time.perf_counter() - t0) * 1000)
    print(
        f"diff render, largest sample process ({sample.name}, {len(old)} chars, {len(lines)} lines): "
        f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms  (target < 100 ms)"
    )


def bench_publish_pull(work: Path, count: int, changed: int) -> None:
    import argparse as ap

    from agent_assist.commands.kb import run_publish
    from agent_assist.knowledge import Tier, TierStore
    from agent_assist.releases import sync
    from agent_assist.search import IndexStore
    from agent_assist.storage import open_db

    kb_dir = make_kb(work / "owner-kb", count)
    share = work / "share"
    args = ap.Namespace(dir=kb_dir, to=share, team=False, message="首次发布", by="bench")
    t0 = time.perf_counter()
    assert run_publish(args) == 0
    publish_s = time.perf_counter() - t0
    print(
        f"publish {count} processes (lint + snapshot + manifest): {publish_s:.2f} s  (target < 10 s)"
    )

    data = work / "agent"
    os.environ["AGENT_ASSIST_DATA_DIR"] = str(data)
    data.mkdir(parents=True, exist_ok=True)
    db = open_db(data / "agent_assist.db")
    t0 = time.perf_counter()
    first = sync(share, db, data)
    first_pull = time.perf_counter() - t0
    store = IndexStore(first.kb_dir, cache_root=data / "cache")
    t0 = time.perf_counter()
    store.sync()
    first_index = time.perf_counter() - t0
    print(
        f"first pull (copy of {count}): {first_pull:.2f} s; first full index: {first_index:.1f} s"
    )
    tiers = TierStore(db, "1001")
    for n in range(0, changed, 2):  # the agent knew half of what will change
        tiers.set_tier(f"bench.p{n * 37 % count:05d}", Tier.KNOWN)

    for n in range(changed):
        pid = n * 37 % count
        path = kb_dir / "processes" / f"g{pid % 50:02d}" / f"p{pid:05d}.md"
        path.write_text(process_text(pid, random.Random(pid), version=1), encoding="utf-8")
    args.message = f"{changed} 个流程更新"
    t0 = time.perf_counter()
    assert run_publish(args) == 0
    print(f"publish release 2 ({changed} changed of {count}): {time.perf_counter() - t0:.2f} s")

    t0 = time.perf_counter()
    second = sync(share, db, data)
    t_pull = time.perf_counter() - t0
    stats = IndexStore(second.kb_dir, cache_root=data / "cache").sync()
    t_total = time.perf_counter() - t0
    print(
        f"pull of release 2 ({len(second.pull.changed)} changed, {len(second.relearn)} to re-learn): "
        f"{t_pull:.2f} s; + incremental re-index ({stats.changed} docs): {t_total:.2f} s total"
        "  (target < 3 s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--changed", type=int, default=50)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temp dir)")
    args = parser.parse_args()
    bench_diff()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-releases-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    print("(publish prints its own summary lines)")
    try:
        bench_publish_pull(work, args.count, args.changed)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
