"""Call-listening reports computed in SQL, so they stay fast on a year of notes (100k in well
under 300 ms each; see ``bench/bench_reports.py``).

Each function takes the database, a :class:`NoteFilter` (usually just a date range) and the
reason-code book (for names), and returns a dataclass from :mod:`report_models`. The only Python
loops run over aggregated rows (codes × categories), never over notes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from agent_assist.notes.filters import NoteFilter
from agent_assist.notes.model import EMOTIONS, VALUE_CHOICES, fmt_time
from agent_assist.notes.model import now as _now
from agent_assist.notes.reason_codes import ReasonCodeBook
from agent_assist.notes.report_models import (
    CodeRate,
    CostRow,
    DepartmentRow,
    EmotionShift,
    Escalations,
    FollowUpSummary,
    GridRow,
    HandlingCost,
    NotesReport,
    OtherDepartments,
    Pareto,
    ParetoRow,
    RepeatCalls,
    Resolution,
    ValueGrid,
)
from agent_assist.notes.schema import ensure_schema
from agent_assist.storage import Database

DEFAULT_COST_PER_MINUTE = 1.5


def cost_per_minute(db: Database) -> float:
    """The centre's cost of one agent minute (a setting); 1.5 when nobody set it."""
    from agent_assist.knowledge import ProfileStore

    try:
        value = float(ProfileStore(db).get_setting("cost_per_minute", DEFAULT_COST_PER_MINUTE))
    except (TypeError, ValueError):  # a hand-edited setting must not break the reports
        return DEFAULT_COST_PER_MINUTE
    return value if value > 0 else DEFAULT_COST_PER_MINUTE


def set_cost_per_minute(db: Database, value: float) -> float:
    """Save the centre's cost of one agent minute (元); the reports use it from then on.

    Raises ``ValueError`` with a message for the agent when ``value`` is not a positive number.
    """
    try:
        amount = round(float(value), 2)
    except (TypeError, ValueError):
        raise ValueError(f"每分钟成本应为数字（元），如 1.5；现在是“{value}”") from None
    if not 0 < amount <= 10000:
        raise ValueError("每分钟成本应大于0元、不超过10000元，如 1.5")
    from agent_assist.knowledge import ProfileStore

    ProfileStore(db).set_setting("cost_per_minute", amount)
    return amount


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _codes_where(flt: NoteFilter) -> tuple[str, list[Any]]:
    """Date range on ``note_codes`` alone (it carries ``started_at``), else the full filter."""
    if (
        flt.code is None
        and not flt.emotion
        and not flt.agent
        and flt.repeat is None
        and not flt.text
    ):
        start, end = flt.date_range()
        parts, params = [], []
        if start:
            parts.append("c.started_at >= ?")
            params.append(start)
        if end:
            parts.append("c.started_at < ?")
            params.append(end)
        return " AND ".join(parts) or "1", params
    where, params = flt.where("n")
    return f"c.note_id IN (SELECT n.id FROM notes n WHERE {where})", params


def pareto(db: Database, flt: NoteFilter, codes: ReasonCodeBook) -> Pareto:
    where, params = _codes_where(flt)
    rows = db.execute(
        f"SELECT {codes.sql_code('c.code')}, count(*) FROM note_codes c WHERE {where}"
        " GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    ).fetchall()
    total = sum(n for _, n in rows)
    out, running = [], 0
    for code, n in rows:
        running += n
        out.append(ParetoRow(code, codes.name(code), n, _ratio(n, total), _ratio(running, total)))
    return Pareto(total, out)


def repeat_calls(db: Database, flt: NoteFilter, codes: ReasonCodeBook) -> RepeatCalls:
    where, params = flt.where("n")
    calls, repeats, avg_prev = db.execute(
        f"SELECT count(*), coalesce(sum(repeat_call), 0), avg(CASE WHEN repeat_call THEN previous_calls END)"
        f" FROM notes n WHERE {where}",
        params,
    ).fetchone()
    cwhere, cparams = _codes_where(flt)
    rows = db.execute(
        f"SELECT {codes.sql_code('c.code')}, count(*), sum(c.repeat_call) FROM note_codes c"
        f" WHERE {cwhere} GROUP BY 1",
        cparams,
    ).fetchall()
    by_code = sorted(
        (CodeRate(code, codes.name(code), n, hits, _ratio(hits, n)) for code, n, hits in rows),
        key=lambda r: (-r.rate, -r.calls, r.code),
    )
    return RepeatCalls(calls, repeats, _ratio(repeats, calls), float(avg_prev or 0.0), by_code)


def emotion_shift(db: Database, flt: NoteFilter) -> EmotionShift:
    where, params = flt.where("n")
    rows = db.execute(
        f"SELECT emotion_start, emotion_end, count(*) FROM notes n WHERE {where} GROUP BY 1, 2",
        params,
    ).fetchall()
    return fold_emotions(rows)


def fold_emotions(rows: Iterable[tuple[str, str, int]]) -> EmotionShift:
    """(start emotion, end emotion, count) rows → the start × end matrix and how many calls
    improved, stayed or got worse (the local and the team report share this)."""
    index = {e: i for i, e in enumerate(EMOTIONS)}
    matrix = [[0] * len(EMOTIONS) for _ in EMOTIONS]
    improved = same = worse = total = 0
    for start, end, n in rows:
        if start not in index or end not in index:
            continue
        i, j = index[start], index[end]
        matrix[i][j] += n
        total += n
        if j < i:
            improved += n
        elif j == i:
            same += n
        else:
            worse += n
    return EmotionShift(list(EMOTIONS), matrix, total, improved, same, worse)


def _calls_by(
    db: Database, flt: NoteFilter, column: str, when: str
) -> tuple[int, int, list[DepartmentRow]]:
    """(calls, calls where ``when`` holds, one row per ``column`` value among those: count and
    share), most first: the shape of the other-departments and the escalation report."""
    where, params = flt.where("n")
    calls = db.execute(f"SELECT count(*) FROM notes n WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT {column}, count(*) FROM notes n WHERE {where} AND {when}"
        " GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    ).fetchall()
    hits = sum(n for _, n in rows)
    return calls, hits, [DepartmentRow(name, n, _ratio(n, hits)) for name, n in rows]


def other_departments(db: Database, flt: NoteFilter) -> OtherDepartments:
    calls, caused, rows = _calls_by(db, flt, "other_department", "other_department != ''")
    return OtherDepartments(calls, caused, _ratio(caused, calls), rows)


def resolution(db: Database, flt: NoteFilter) -> Resolution:
    where, params = flt.where("n")
    calls, resolved, first, first_resolved = db.execute(
        "SELECT count(*), coalesce(sum(resolved), 0), coalesce(sum(repeat_call = 0), 0),"
        f" coalesce(sum(repeat_call = 0 AND resolved), 0) FROM notes n WHERE {where}",
        params,
    ).fetchone()
    return Resolution(
        calls,
        resolved,
        _ratio(resolved, calls),
        first,
        first_resolved,
        _ratio(first_resolved, first),
    )


def escalations(db: Database, flt: NoteFilter) -> Escalations:
    calls, escalated, rows = _calls_by(db, flt, "escalated_to", "escalated")
    return Escalations(calls, escalated, _ratio(escalated, calls), rows)


def handling_cost(
    db: Database, flt: NoteFilter, codes: ReasonCodeBook, per_minute: float | None = None
) -> HandlingCost:
    """Average handling time and cost per reason. A call with k codes gives each code 1/k of its
    minutes, so the per-reason costs add up to what the centre actually spent."""
    rate = cost_per_minute(db) if per_minute is None else per_minute
    where, params = flt.where("n")
    calls, total_minutes = db.execute(
        f"SELECT count(*), coalesce(sum(handling_minutes), 0) FROM notes n WHERE {where}", params
    ).fetchone()
    cwhere, cparams = _codes_where(flt)
    rows = db.execute(
        f"SELECT {codes.sql_code('c.code')}, count(*), avg(c.handling_minutes),"
        f" sum(c.share_minutes) FROM note_codes c WHERE {cwhere} GROUP BY 1",
        cparams,
    ).fetchall()
    out = sorted(
        (
            CostRow(code, codes.name(code), n, float(avg), float(mins), float(mins) * rate)
            for code, n, avg, mins in rows
        ),
        key=lambda r: (-r.cost, r.code),
    )
    return HandlingCost(
        rate,
        calls,
        _ratio(total_minutes, calls),
        float(total_minutes),
        float(total_minutes) * rate,
        out,
    )


def value_grid(db: Database, flt: NoteFilter, codes: ReasonCodeBook) -> ValueGrid:
    """Each reason lands in the cell most of its assessed calls put it in (ties: the order of
    ``VALUE_CHOICES``, i.e. value before irritant)."""
    cwhere, cparams = _codes_where(flt)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for code, cust, comp, n in db.execute(
        f"SELECT {codes.sql_code('c.code')}, c.customer_value, c.company_value, count(*)"
        " FROM note_codes c"
        f" WHERE {cwhere} AND c.customer_value != '' AND c.company_value != '' GROUP BY 1, 2, 3",
        cparams,
    ).fetchall():
        counts[code][f"{cust}/{comp}"] = n
    keys = [f"{a}/{b}" for a in VALUE_CHOICES for b in VALUE_CHOICES]
    cells: dict[str, list[int]] = {k: [] for k in keys}
    rows = []
    for code in sorted(counts):
        c = {k: counts[code].get(k, 0) for k in keys}
        best = max(keys, key=lambda k: (c[k], -keys.index(k)))
        cust, comp = best.split("/")
        rows.append(GridRow(code, codes.name(code), sum(c.values()), c, cust, comp))
        cells[best].append(code)
    return ValueGrid(rows, cells)


def followup_summary(
    db: Database, flt: NoteFilter, now: dt.datetime | None = None
) -> FollowUpSummary:
    where, params = flt.where("n")
    total, open_, overdue, closed, avg = db.execute(
        "SELECT count(*), coalesce(sum(f.closed_at IS NULL), 0), coalesce(sum(f.closed_at IS NULL AND f.due_at < ?), 0),"
        " coalesce(sum(f.closed_at IS NOT NULL), 0), avg(f.satisfaction)"
        f" FROM followups f JOIN notes n ON n.id = f.note_id WHERE {where}",
        [fmt_time(now or _now())] + params,
    ).fetchone()
    return FollowUpSummary(total, open_, overdue, closed, None if avg is None else float(avg))


def build_report(
    db: Database,
    flt: NoteFilter | None,
    codes: ReasonCodeBook,
    per_minute: float | None = None,
    now: dt.datetime | None = None,
) -> NotesReport:
    """Every report at once (GUI tab, ``agent-assist report notes``), with each one's time."""
    ensure_schema(db)
    flt = (flt or NoteFilter()).with_codes(codes)
    timings: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any], *args: Any) -> Any:
        t0 = time.perf_counter()
        value = fn(*args)
        timings[name] = round((time.perf_counter() - t0) * 1000, 1)
        return value

    parts = dict(
        pareto=timed("pareto", pareto, db, flt, codes),
        repeat=timed("repeat", repeat_calls, db, flt, codes),
        emotions=timed("emotions", emotion_shift, db, flt),
        departments=timed("departments", other_departments, db, flt),
        resolution=timed("resolution", resolution, db, flt),
        escalations=timed("escalations", escalations, db, flt),
        cost=timed("cost", handling_cost, db, flt, codes, per_minute),
        grid=timed("grid", value_grid, db, flt, codes),
        followups=timed("followups", followup_summary, db, flt, now),
    )
    return NotesReport(
        date_from=flt.date_from.isoformat() if flt.date_from else None,
        date_to=flt.date_to.isoformat() if flt.date_to else None,
        calls=parts["resolution"].calls,
        timings_ms=timings,
        **parts,
    )
