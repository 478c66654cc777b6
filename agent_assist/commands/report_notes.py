"""why customers call: reason Pareto, repeat calls, emotions, FCR, cost per reason (call-listening notes)

``agent-assist report notes`` summarises the complaint / call-listening notes agents filed:
the reason-code Pareto (count, share, cumulative share), repeat-call rate, emotion shift from the
start to the end of calls, the share caused by other departments, first-call resolution,
escalations, handling time and cost per reason, the value/irritant grid and the follow-ups.

Examples::

    agent-assist report notes                                   # everything, as text
    agent-assist report notes --from 2026-11-01 --to 2026-11-30 # one month (days inclusive)
    agent-assist report notes --json > nov.json                 # one JSON object
    agent-assist report notes --cost-per-minute 2.0             # override the cost setting

Cost per minute comes from the settings (``cost_per_minute``, default 1.5) unless given here.
Reason names come from ``reason_codes.yaml`` of ``--kb`` (else the shipped one); in team mode
the centre's codes from the last pull are laid over them (``team publish-lists``).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import unicodedata
from typing import TYPE_CHECKING

from agent_assist.commands.common import (
    add_date_range,
    add_kb_option,
    database_failed,
    kb_dir,
    open_data,
    print_json,
)

if TYPE_CHECKING:
    from agent_assist.notes import NotesReport


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kb_option(parser)
    add_date_range(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument(
        "--cost-per-minute", type=_yuan, metavar="YUAN", help="override the cost setting"
    )
    parser.add_argument(
        "--top", type=int, default=0, metavar="N", help="show only the N most frequent reasons"
    )
    parser.add_argument("--agent", default="", metavar="NO", help="only this agent (工号 or name)")
    parser.add_argument(
        "--team",
        action="store_true",
        help="report over the team server's notes (team mode; computed by PostgreSQL)",
    )


def _yuan(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是金额，请写每分钟成本（元），如 1.5"
        ) from None
    if not 0 < value <= 10000:
        raise argparse.ArgumentTypeError("每分钟成本应大于0元、不超过10000元，如 1.5")
    return value


def run(args: argparse.Namespace) -> int:
    from agent_assist.notes import NoteFilter, build_report, reason_codes_for

    if args.date_from and args.date_to and args.date_from > args.date_to:
        print("agent-assist report notes: --from 晚于 --to，请交换两个日期", file=sys.stderr)
        return 2
    flt = NoteFilter(date_from=args.date_from, date_to=args.date_to, agent=args.agent or "")
    prog = "agent-assist report notes"
    if getattr(args, "team", False):  # team mode: the same report, computed by the server
        from agent_assist.storage import StorageError, open_db
        from agent_assist.team.connect import TeamError
        from agent_assist.team.reports import team_report

        try:  # the local copy of the centre's codes names them; the report needs no local data
            codes = reason_codes_for(kb_dir(args), open_db(readonly=True))
        except StorageError:
            codes = reason_codes_for(kb_dir(args))
        try:
            report = team_report(flt, codes, per_minute=args.cost_per_minute)
        except TeamError as exc:
            print(f"{prog} --team: {exc}", file=sys.stderr)
            return 1
    else:
        db = open_data(prog, readonly=True)  # only reads: works in a read-only data dir
        if db is None:
            return 1
        codes = reason_codes_for(kb_dir(args), db)  # team mode: with the centre's codes
        try:
            report = build_report(db, flt, codes, per_minute=args.cost_per_minute)
        except sqlite3.DatabaseError as exc:
            return database_failed(prog, exc)
    if args.json:
        print_json(report.to_dict())
        return 0
    sys.stdout.write(format_report(report, top=args.top))
    return 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _rjust(text: str, width: int) -> str:
    return " " * max(width - _width(text), 0) + text


def _pct(x: float) -> str:
    return f"{x * 100:5.1f}%"


def format_report(r: NotesReport, top: int = 0) -> str:
    """The report as plain text (fixed columns that stay aligned with Chinese names)."""
    out: list[str] = []
    span = f"{r.date_from or '最早'} 至 {r.date_to or '最新'}"
    out.append(f"来电小结报表  {span}  共 {r.calls} 通")
    if not r.calls:
        out.append("（这段时间没有小结）")
        return "\n".join(out) + "\n"

    out.append("\n原因代码帕累托（一次来电可有多个代码）")
    out.append(f"  {_pad('代码', 26)}{_rjust('次数', 8)}{_rjust('占比', 9)}{_rjust('累计', 9)}")
    rows = r.pareto.rows[:top] if top else r.pareto.rows
    for row in rows:
        out.append(
            f"  {_pad(f'{row.code:>2} {row.name}', 26)}{row.count:>8}{_pct(row.share):>9}{_pct(row.cumulative):>9}"
        )

    rp = r.repeat
    out.append(
        f"\n重复来电率  {_pct(rp.rate).strip()}  （{rp.repeat_calls}/{rp.calls}，之前平均来电 {rp.avg_previous_calls:.1f} 次）"
    )
    for rate in [c for c in rp.by_code if c.hits][:5]:
        out.append(
            f"  {_pad(f'{rate.code:>2} {rate.name}', 26)}{_pct(rate.rate)}  ({rate.hits}/{rate.calls})"
        )

    e = r.emotions
    out.append(f"\n情绪变化（开始→结束）  好转 {e.improved}  不变 {e.same}  变差 {e.worse}")
    out.append("  " + _pad("开始\\结束", 10) + "".join(_rjust(label, 8) for label in e.labels))
    for label, line in zip(e.labels, e.matrix):
        out.append("  " + _pad(label, 10) + "".join(f"{n:>8}" for n in line))

    d = r.departments
    out.append(f"\n其他部门导致  {_pct(d.share).strip()}  （{d.caused}/{d.calls}）")
    for dept in d.by_department:
        out.append(f"  {_pad(dept.department, 20)}{dept.count:>6}{_pct(dept.share):>9}")

    res = r.resolution
    out.append(
        f"\n首次来电解决率 FCR  {_pct(res.fcr_rate).strip()}  （{res.first_call_resolved}/{res.first_calls} 通首次来电）"
    )
    out.append(
        f"本次来电解决率      {_pct(res.resolved_rate).strip()}  （{res.resolved}/{res.calls}）"
    )

    esc = r.escalations
    out.append(f"\n升级/转接  {_pct(esc.rate).strip()}  （{esc.escalated}/{esc.calls}）")
    for target in esc.by_target:
        out.append(f"  {_pad(target.department, 20)}{target.count:>6}{_pct(target.share):>9}")

    c = r.cost
    out.append(
        f"\n处理时长与成本（每分钟 {c.cost_per_minute:g} 元）  平均 {c.avg_minutes:.1f} 分钟，合计 {c.total_cost:,.0f} 元"
    )
    out.append(
        f"  {_pad('代码', 26)}{_rjust('来电', 8)}{_rjust('平均分钟', 12)}{_rjust('成本(元)', 14)}"
    )
    for cost in c.rows[:top] if top else c.rows:
        out.append(
            f"  {_pad(f'{cost.code:>2} {cost.name}', 26)}{cost.calls:>8}{cost.avg_minutes:>12.1f}{cost.cost:>14,.0f}"
        )

    out.append("\n价值/烦扰矩阵（客户 × 公司，按多数评价归类）")
    from agent_assist.notes import QUADRANTS

    for (cust, comp), advice in QUADRANTS.items():
        names = [f"{n} {_name(r, n)}" for n in r.grid.cell(cust, comp)]
        out.append(f"  客户{cust}·公司{comp}（{advice}）：{'、'.join(names) or '—'}")

    f = r.followups
    sat = f"{f.avg_satisfaction:.1f}" if f.avg_satisfaction is not None else "—"
    out.append(
        f"\n回访  共 {f.total}  未完成 {f.open}  已超时 {f.overdue}  已完成 {f.closed}  平均满意度 {sat}"
    )
    return "\n".join(out) + "\n"


def _name(r: NotesReport, code: int) -> str:
    for row in r.grid.rows:
        if row.code == code:
            return str(row.name)
    return ""
