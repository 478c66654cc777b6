"""The call-listening reports computed by PostgreSQL over the team's notes.

Same answers (the :class:`~agent_assist.notes.NotesReport` dataclasses, the same JSON) as the
local reports in ``notes/reports.py``, but never by downloading notes: one scan of ``notes`` with
``GROUPING SETS`` gives the totals, the emotion matrix, the departments and the escalations; one
scan of ``note_codes`` gives the Pareto, repeat rates, costs and the value grid; one join gives
the follow-ups. Only aggregated rows cross the network. What the login may see is decided by the
server's row-level security: an agent's report covers its own notes, a lead's its team's, the
owner's the whole centre. Ordering is done here in Python (code points), so a server collation
never changes the order of ties.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from agent_assist.notes import (
    EMOTIONS,
    VALUE_CHOICES,
    CodeRate,
    CostRow,
    DepartmentRow,
    EmotionShift,
    Escalations,
    FollowUpSummary,
    GridRow,
    HandlingCost,
    NoteFilter,
    NotesReport,
    OtherDepartments,
    Pareto,
    ParetoRow,
    ReasonCodeBook,
    RepeatCalls,
    Resolution,
    ValueGrid,
)
from agent_assist.team.migrate import SCHEMA as S


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def note_where(flt: NoteFilter, alias: str = "n") -> tuple[str, list]:
    """The filter on the server's ``notes`` (dates, agent by number or name)."""
    unsupported = [
        name
        for name, value in (
            ("code", flt.code is not None),
            ("emotion", flt.emotion),
            ("repeat", flt.repeat is not None),
            ("text", flt.text),
        )
        if value
    ]
    if unsupported:
        raise ValueError(f"team reports filter by date and agent only, not {unsupported}")
    parts, params = [], []
    if flt.date_from:
        parts.append(f"{alias}.started_at >= %s")
        params.append(flt.date_from)
    if flt.date_to:
        parts.append(f"{alias}.started_at < %s")
        params.append(flt.date_to + dt.timedelta(days=1))
    if flt.agent.strip():
        parts.append(f"({alias}.agent_no = %s OR {alias}.agent_name = %s)")
        params += [flt.agent.strip(), flt.agent.strip()]
    return " AND ".join(parts) or "TRUE", params


def code_where(flt: NoteFilter) -> tuple[str, list]:
    if not flt.agent.strip():
        parts, params = [], []
        if flt.date_from:
            parts.append("c.started_at >= %s")
            params.append(flt.date_from)
        if flt.date_to:
            parts.append("c.started_at < %s")
            params.append(flt.date_to + dt.timedelta(days=1))
        return " AND ".join(parts) or "TRUE", params
    where, params = note_where(flt)
    return f"c.note_uuid IN (SELECT n.uuid FROM {S}.notes n WHERE {where})", params


# GROUPING() bits of (emotion_start, emotion_end, other_department, escalated_to)
_TOTAL, _EMOTIONS, _DEPARTMENTS, _ESCALATIONS = 0b1111, 0b0011, 0b1101, 0b1110


def build_team_report(
    conn,
    flt: NoteFilter | None,
    codes: ReasonCodeBook,
    per_minute: float,
    now: dt.datetime | None = None,
) -> NotesReport:
    """Every report, from the server ``conn`` is logged in to (psycopg connection)."""
    flt = flt or NoteFilter()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    where, params = note_where(flt)
    rows = conn.execute(
        "SELECT GROUPING(n.emotion_start, n.emotion_end, n.other_department, n.escalated_to),"
        " n.emotion_start, n.emotion_end, n.other_department, n.escalated_to, count(*),"
        " count(*) FILTER (WHERE n.repeat_call),"
        " avg(n.previous_calls::float8) FILTER (WHERE n.repeat_call),"
        " count(*) FILTER (WHERE n.resolved), count(*) FILTER (WHERE NOT n.repeat_call),"
        " count(*) FILTER (WHERE NOT n.repeat_call AND n.resolved),"
        " coalesce(sum(n.handling_minutes), 0), count(*) FILTER (WHERE n.escalated)"
        f" FROM {S}.notes n WHERE {where}"
        " GROUP BY GROUPING SETS ((), (n.emotion_start, n.emotion_end), (n.other_department),"
        " (n.escalated_to))",
        params,
    ).fetchall()
    timings["notes"] = round((time.perf_counter() - t0) * 1000, 1)
    total = next(r for r in rows if r[0] == _TOTAL)
    calls, repeats, avg_prev, resolved, first, first_resolved, minutes = total[5:12]

    index = {e: i for i, e in enumerate(EMOTIONS)}
    matrix = [[0] * len(EMOTIONS) for _ in EMOTIONS]
    improved = same = worse = shifted = 0
    for r in rows:
        if r[0] != _EMOTIONS or r[1] not in index or r[2] not in index:
            continue
        i, j, n = index[r[1]], index[r[2]], r[5]
        matrix[i][j] += n
        shifted += n
        if j < i:
            improved += n
        elif j == i:
            same += n
        else:
            worse += n
    dept_rows = sorted(
        ((r[3], r[5]) for r in rows if r[0] == _DEPARTMENTS and r[3]), key=lambda x: (-x[1], x[0])
    )
    caused = sum(n for _, n in dept_rows)
    esc_rows = sorted(
        ((r[4], r[12]) for r in rows if r[0] == _ESCALATIONS and r[12]), key=lambda x: (-x[1], x[0])
    )
    escalated = sum(n for _, n in esc_rows)

    t0 = time.perf_counter()
    cwhere, cparams = code_where(flt)
    code_rows = conn.execute(
        "SELECT GROUPING(c.customer_value, c.company_value), c.code, c.customer_value,"
        " c.company_value, count(*), count(*) FILTER (WHERE c.repeat_call),"
        " avg(c.handling_minutes), sum(c.share_minutes)"
        f" FROM {S}.note_codes c WHERE {cwhere}"
        " GROUP BY GROUPING SETS ((c.code), (c.code, c.customer_value, c.company_value))",
        cparams,
    ).fetchall()
    timings["codes"] = round((time.perf_counter() - t0) * 1000, 1)
    per_code = [r for r in code_rows if r[0] == 0b11]
    mentions = sum(r[4] for r in per_code)
    pareto_rows, running = [], 0
    for r in sorted(per_code, key=lambda r: (-r[4], r[1])):
        running += r[4]
        pareto_rows.append(
            ParetoRow(
                r[1], codes.name(r[1]), r[4], _ratio(r[4], mentions), _ratio(running, mentions)
            )
        )
    by_code = sorted(
        (CodeRate(r[1], codes.name(r[1]), r[4], r[5], _ratio(r[5], r[4])) for r in per_code),
        key=lambda c: (-c.rate, -c.calls, c.code),
    )
    cost_rows = sorted(
        (
            CostRow(
                r[1], codes.name(r[1]), r[4], float(r[6]), float(r[7]), float(r[7]) * per_minute
            )
            for r in per_code
        ),
        key=lambda c: (-c.cost, c.code),
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for r in code_rows:
        if r[0] == 0 and r[2] and r[3]:
            counts[r[1]][f"{r[2]}/{r[3]}"] = r[4]
    keys = [f"{a}/{b}" for a in VALUE_CHOICES for b in VALUE_CHOICES]
    cells: dict[str, list[int]] = {k: [] for k in keys}
    grid_rows = []
    for code in sorted(counts):
        c = {k: counts[code].get(k, 0) for k in keys}
        best = max(keys, key=lambda k: (c[k], -keys.index(k)))
        cust, comp = best.split("/")
        grid_rows.append(GridRow(code, codes.name(code), sum(c.values()), c, cust, comp))
        cells[best].append(code)

    t0 = time.perf_counter()
    current = now or dt.datetime.now().replace(microsecond=0)
    f_total, f_open, f_overdue, f_closed, f_avg = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE f.closed_at IS NULL),"
        " count(*) FILTER (WHERE f.closed_at IS NULL AND f.due_at < %s),"
        " count(*) FILTER (WHERE f.closed_at IS NOT NULL), avg(f.satisfaction::float8)"
        f" FROM {S}.followups f JOIN {S}.notes n ON n.uuid = f.note_uuid WHERE {where}",
        [current, *params],
    ).fetchone()
    timings["followups"] = round((time.perf_counter() - t0) * 1000, 1)

    return NotesReport(
        date_from=flt.date_from.isoformat() if flt.date_from else None,
        date_to=flt.date_to.isoformat() if flt.date_to else None,
        calls=calls,
        pareto=Pareto(mentions, pareto_rows),
        repeat=RepeatCalls(calls, repeats, _ratio(repeats, calls), float(avg_prev or 0.0), by_code),
        emotions=EmotionShift(list(EMOTIONS), matrix, shifted, improved, same, worse),
        departments=OtherDepartments(
            calls,
            caused,
            _ratio(caused, calls),
            [DepartmentRow(d, n, _ratio(n, caused)) for d, n in dept_rows],
        ),
        resolution=Resolution(
            calls,
            resolved,
            _ratio(resolved, calls),
            first,
            first_resolved,
            _ratio(first_resolved, first),
        ),
        escalations=Escalations(
            calls,
            escalated,
            _ratio(escalated, calls),
            [DepartmentRow(t, n, _ratio(n, escalated)) for t, n in esc_rows],
        ),
        cost=HandlingCost(
            per_minute,
            calls,
            _ratio(minutes, calls),
            float(minutes),
            float(minutes) * per_minute,
            cost_rows,
        ),
        grid=ValueGrid(grid_rows, cells),
        followups=FollowUpSummary(
            f_total, f_open, f_overdue, f_closed, None if f_avg is None else float(f_avg)
        ),
        timings_ms=timings,
    )


def team_report(
    flt: NoteFilter,
    codes: ReasonCodeBook,
    per_minute: float | None = None,
    db=None,
    dsn: str | None = None,
    now: dt.datetime | None = None,
) -> NotesReport:
    """The team report over the configured server (``report notes --team``, the Reports tab's
    团队 scope). The cost per minute is this PC's setting unless given. Raises ``TeamError``."""
    from agent_assist.notes import cost_per_minute
    from agent_assist.storage import open_db
    from agent_assist.team import migrate
    from agent_assist.team.connect import TeamError, configured_dsn, connect, explain

    db = db if db is not None else open_db()
    dsn = dsn or configured_dsn(db)
    if not dsn:
        raise TeamError(
            "团队模式未开启：先运行 agent-assist team use --dsn …（或设置 AGENT_ASSIST_TEAM_DSN）",
            "config",
        )
    rate = cost_per_minute(db) if per_minute is None else per_minute
    with connect(dsn) as conn:
        try:
            migrate.check_version(conn)
            return build_team_report(conn, flt, codes, rate, now)
        except (migrate.SchemaTooNew, migrate.SchemaMissing) as exc:
            raise TeamError(str(exc), "schema") from None
        except Exception as exc:
            import psycopg

            if isinstance(exc, psycopg.Error):
                raise explain(exc, dsn) from None
            raise
