"""Generate realistic call-listening notes (default 100k) into a database, for the report
benchmark and for trying the reports GUI on a year of data.

    python bench/gen_notes.py --out /tmp/notes.db --count 100000 [--seed 7]

"Realistic" means the shapes a supervisor sees: reason codes follow a Pareto curve (a handful of
reasons make most calls), about 30 % of calls carry a second code, repeat callers are angrier and
resolved less often, handling time depends on the reason, some reasons are mostly caused by
another department, and each reason has a typical value/irritant rating with noise. Calls spread
over a year of working hours for ~80 agents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent_assist.notes import (
    EMOTIONS,
    STAGES,
    Note,
    NoteStore,
    reason_codes_for,
)
from agent_assist.storage import open_db

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
TITLES = ("先生", "女士")
DEPARTMENTS = ("营业厅", "装维", "计费中心", "渠道代理商", "网络优化", "合作SP")
ESCALATE_TO = ("值班长", "投诉处理中心", "宽带专席", "计费专席", "二线技术支持")
SOLUTIONS = (
    "核实后退还多扣费用，3个工作日内到账",
    "已为客户退订该业务并退还当月费用",
    "已派单装维人员明天上午上门",
    "办理流量加油包并减免超出部分50%",
    "为客户变更为低档套餐，下月生效",
    "已提交网络优化工单，48小时内回复",
    "指导客户重启光猫并远程测速，恢复正常",
    "补发优惠券并登记营业员违规",
    "已开通临时复机24小时",
)
# per code: (relative frequency, mean minutes, share caused by another department,
#            typical customer value, typical company value)
PROFILE = {
    1: (18, 9, 0.10, "烦扰", "烦扰"),
    2: (12, 8, 0.35, "烦扰", "烦扰"),
    3: (11, 6, 0.05, "烦扰", "价值"),
    4: (8, 7, 0.0, "价值", "价值"),
    5: (6, 8, 0.6, "烦扰", "烦扰"),
    6: (5, 10, 0.1, "烦扰", "烦扰"),
    7: (5, 6, 0.3, "烦扰", "烦扰"),
    8: (6, 5, 0.05, "烦扰", "价值"),
    9: (5, 9, 0.2, "烦扰", "烦扰"),
    10: (5, 10, 0.2, "烦扰", "烦扰"),
    11: (6, 12, 0.5, "烦扰", "烦扰"),
    12: (2, 11, 0.05, "价值", "烦扰"),
    13: (2, 6, 0.0, "价值", "烦扰"),
    14: (1.5, 7, 0.2, "价值", "烦扰"),
    15: (2, 5, 0.0, "价值", "价值"),
    16: (1, 7, 0.05, "价值", "价值"),
    17: (2, 11, 0.9, "烦扰", "烦扰"),
    18: (3, 9, 0.4, "烦扰", "烦扰"),
    19: (1, 10, 0.5, "烦扰", "烦扰"),
    20: (9, 2.5, 0.0, "烦扰", "烦扰"),
    21: (1.5, 4, 0.0, "价值", "烦扰"),
    22: (1, 6, 0.1, "烦扰", "烦扰"),
}


def _emotion(rng: random.Random, repeat: bool) -> str:
    weights = (4, 3, 3, 1) if not repeat else (1, 2, 4, 3)
    return rng.choices(EMOTIONS, weights)[0]


def generate(
    count: int, seed: int = 7, start: dt.date = dt.date(2025, 12, 1), days: int = 365
) -> Iterator[Note]:
    rng = random.Random(seed)
    codes = reason_codes_for()
    numbers = [n for n in PROFILE if n in codes]
    weights = [PROFILE[n][0] for n in numbers]
    agents = [(f"坐席{i:02d}", f"A{10000 + i}") for i in range(80)]
    for i in range(count):
        day = start + dt.timedelta(days=int(rng.random() * days))
        started = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(
            seconds=rng.randrange(14 * 3600)
        )
        main = rng.choices(numbers, weights)[0]
        picked = [main]
        if rng.random() < 0.3:
            other = rng.choices(numbers, weights)[0]
            if other != main:
                picked.append(other)
        _, mean_min, dept_share, cust_v, comp_v = PROFILE[main]
        minutes = round(max(0.5, rng.lognormvariate(0, 0.45) * mean_min), 1)
        repeat = rng.random() < (0.35 if main in (18, 11, 5) else 0.15)
        e_start = _emotion(rng, repeat)
        resolved = rng.random() < (0.55 if repeat else 0.78)
        calmer = max(0, EMOTIONS.index(e_start) - rng.choice((0, 1, 1, 2)))
        e_end = EMOTIONS[
            calmer if resolved else min(3, EMOTIONS.index(e_start) + rng.choice((0, 0, 1)))
        ]
        escalated = e_end == "愤怒" or rng.random() < 0.04
        caused = rng.random() < dept_share
        deadline = None
        if not resolved and rng.random() < 0.7:
            deadline = started + dt.timedelta(hours=rng.choice((2, 24, 48, 72)))
        assessed = rng.random() < 0.8
        flip = rng.random() < 0.15
        name, number = rng.choice(agents)
        yield Note(
            started_at=started,
            ended_at=started + dt.timedelta(minutes=minutes),
            submitted_at=started + dt.timedelta(minutes=minutes + 1),
            agent_name=name,
            agent_no=number,
            customer_name=rng.choice(SURNAMES) + rng.choice(TITLES),
            customer_phone=f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
            reason_text=f"{codes.get(main).examples[i % len(codes.get(main).examples)]}（第{i}通）",  # type: ignore[union-attr]
            reason_codes=tuple(picked),
            emotion_start=e_start,
            emotion_end=e_end,
            stage=rng.choice(STAGES[1:3]) if resolved else rng.choice(STAGES),
            handling_minutes=minutes,
            complaint_type=rng.choice(("", "事务型", "事务型", "态度型", "意见型")),
            repeat_call=repeat,
            previous_calls=rng.choice((1, 1, 1, 2, 2, 3, 5)) if repeat else 0,
            other_department=rng.choice(DEPARTMENTS) if caused else "",
            solution=rng.choice(SOLUTIONS),
            solution_accepted=resolved or rng.random() < 0.3,
            resolved=resolved,
            escalated=escalated,
            escalated_to=rng.choice(ESCALATE_TO) if escalated else "",
            deadline=deadline,
            customer_value=("价值" if cust_v == "烦扰" else "烦扰")
            if flip
            else cust_v
            if assessed
            else "",
            company_value=comp_v if assessed else "",
            notes="",
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--out", type=Path, required=True, help="database file to create (replaced if it exists)"
    )
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    for suffix in ("", "-wal", "-shm"):
        Path(str(args.out) + suffix).unlink(missing_ok=True)
    db = open_db(args.out)
    store = NoteStore(db)
    t0 = time.perf_counter()
    n = store.add_many(generate(args.count, args.seed))
    # call-backs due before the last two days were made (a few slipped); recent ones are open
    db.execute(
        "UPDATE followups SET closed_at = datetime(due_at, '-1 hours'), closed_by = 'A10001',"
        " outcome = '已回访，告知处理结果', satisfaction = 1 + abs(random()) % 5"
        " WHERE due_at < (SELECT datetime(max(started_at), '-2 days') FROM notes) AND abs(random()) % 1000 < 995"
    )
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"generated {n} notes into {args.out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
