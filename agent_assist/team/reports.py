"""The call-listening reports computed by PostgreSQL over the team's notes.

Same answers (the :class:`~agent_assist.notes.NotesReport` dataclasses, the same JSON) as the
local reports in ``notes/reports.py``, but never by downloading notes: one scan of ``notes`` with
``GROUPING SETS`` gives the totals, the emotion matrix, the departments and the escalations; one
scan of ``note_codes`` gives the Pareto, repeat rates, costs and the value grid; one join gives
the follow-ups. Only aggregated rows cross the network. The owner's (whole centre) and a lead's
(own team) reports read the daily rollups instead (``sql/0002_rollups.sql``), refreshed first. What the login may see is decided by the
server's row-level security: an agent's report covers its own notes, a lead's its team's, the
owner's the whole centre. Ordering is done here in Python (code points), so a server collation
never changes the order of ties.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from agent_assist.notes import (
    VALUE_CHOICES,
    CodeRate,
    CostRow,
    DepartmentRow,
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
    fold_emotions,
)
from agent_assist.storage import Database
from agent_assist.team.connect import Connection, one
from agent_assist.team.migrate import SCHEMA as S


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def note_where(flt: NoteFilter, alias: str = "n") -> tuple[str, list[Any]]:
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
    parts: list[str] = []
    params: list[Any] = []
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


def code_where(flt: NoteFilter) -> tuple[str, list[Any]]:
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


@dataclass
class _Facts:
    """The aggregates every report is built from (whichever way they were read)."""

    calls: int = 0
    repeats: int = 0
    avg_prev: float = 0.0
    resolved: int = 0
    first: int = 0
    first_resolved: int = 0
    minutes: float = 0.0
    emotions: list[tuple[str, str, int]] = field(default_factory=list)  # (start, end, n)
    departments: list[tuple[str, int]] = field(default_factory=list)  # (department, n)
    escalations: list[tuple[str, int]] = field(default_factory=list)  # (to whom, n)
    # (code, mentions, repeats, avg minutes, share sum)
    codes: list[tuple[int, int, int, float, float]] = field(default_factory=list)
    values: list[tuple[int, str, str, int]] = field(
        default_factory=list
    )  # (code, customer, company, n)


def _raw_facts(conn: Connection, flt: NoteFilter, timings: dict[str, float]) -> _Facts:
    """From the notes themselves: one GROUPING SETS scan of notes, one of note_codes."""
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
    f = _Facts(
        total[5],
        total[6],
        float(total[7] or 0.0),
        total[8],
        total[9],
        total[10],
        float(total[11]),
    )
    f.emotions = [(r[1], r[2], r[5]) for r in rows if r[0] == _EMOTIONS]
    f.departments = [(r[3], r[5]) for r in rows if r[0] == _DEPARTMENTS and r[3]]
    f.escalations = [(r[4], r[12]) for r in rows if r[0] == _ESCALATIONS and r[12]]
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
    f.codes = [(r[1], r[4], r[5], float(r[6]), float(r[7])) for r in code_rows if r[0] == 0b11]
    f.values = [(r[1], r[2], r[3], r[4]) for r in code_rows if r[0] == 0 and r[2] and r[3]]
    return f


def _day_where(flt: NoteFilter) -> tuple[str, list[Any]]:
    parts, params = [], []
    if flt.date_from:
        parts.append("day >= %s")
        params.append(flt.date_from)
    if flt.date_to:
        parts.append("day <= %s")
        params.append(flt.date_to)
    return " AND ".join(parts) or "TRUE", params


def _rollup_facts(
    conn: Connection, flt: NoteFilter, team: str, timings: dict[str, float]
) -> _Facts:
    """From the daily rollups of ``team`` ('*' = the whole centre), refreshed first."""
    t0 = time.perf_counter()
    conn.execute(f"SELECT {S}.refresh_rollups()")
    conn.commit()
    timings["refresh"] = round((time.perf_counter() - t0) * 1000, 1)
    t0 = time.perf_counter()
    dw, dp = _day_where(flt)
    where, params = f"team = %s AND {dw}", [team, *dp]
    total = one(
        conn.execute(
            "SELECT coalesce(sum(calls), 0), coalesce(sum(repeats), 0), coalesce(sum(prev_sum), 0),"
            " coalesce(sum(resolved), 0), coalesce(sum(first), 0), coalesce(sum(first_resolved), 0),"
            f" coalesce(sum(minutes), 0) FROM {S}.rollup_day WHERE {where}",
            params,
        )
    )
    calls, repeats, prev_sum, resolved, first, first_resolved = (int(x) for x in total[:6])
    f = _Facts(
        calls,
        repeats,
        _ratio(prev_sum, repeats),
        resolved,
        first,
        first_resolved,
        float(total[6]),
    )
    for dim, a, b, n in conn.execute(
        f"SELECT dim, a, b, sum(calls) FROM {S}.rollup_dim WHERE {where} GROUP BY 1, 2, 3", params
    ).fetchall():
        if dim == "emotion":
            f.emotions.append((a, b, int(n)))
        elif dim == "dept":
            f.departments.append((a, int(n)))
        else:
            f.escalations.append((a, int(n)))
    timings["notes"] = round((time.perf_counter() - t0) * 1000, 1)
    t0 = time.perf_counter()
    f.codes = [
        (code, int(m), int(r), _ratio(mins, int(m)), float(share))
        for code, m, r, mins, share in conn.execute(
            "SELECT code, sum(mentions), sum(repeats), sum(minutes), sum(share)"
            f" FROM {S}.rollup_code WHERE {where} GROUP BY code",
            params,
        ).fetchall()
    ]
    f.values = [
        (code, cv, pv, int(n))
        for code, cv, pv, n in conn.execute(
            f"SELECT code, customer_value, company_value, sum(n) FROM {S}.rollup_value"
            f" WHERE {where} GROUP BY 1, 2, 3",
            params,
        ).fetchall()
    ]
    timings["codes"] = round((time.perf_counter() - t0) * 1000, 1)
    return f


def _scope(conn: Connection, flt: NoteFilter) -> str | None:
    """The rollup team to read ('*' for the owner, the lead's team), or None: read the notes
    (an agent's own report, a KB owner's, any report about one agent)."""
    if flt.agent.strip():
        return None
    role, team = one(conn.execute(f"SELECT {S}.role_of(current_user), {S}.team_of(current_user)"))
    if role is None:
        return "*"
    if role == "lead":
        return str(team)
    return None


def build_team_report(
    conn: Connection,
    flt: NoteFilter | None,
    codes: ReasonCodeBook,
    per_minute: float,
    now: dt.datetime | None = None,
    rollups: bool = True,
) -> NotesReport:
    """Every report, from the server ``conn`` is logged in to (psycopg connection)."""
    flt = flt or NoteFilter()
    timings: dict[str, float] = {}
    team = _scope(conn, flt) if rollups else None
    f = _raw_facts(conn, flt, timings) if team is None else _rollup_facts(conn, flt, team, timings)

    emotions = fold_emotions(f.emotions)
    dept_rows = sorted(f.departments, key=lambda x: (-x[1], x[0]))
    caused = sum(n for _, n in dept_rows)
    esc_rows = sorted(f.escalations, key=lambda x: (-x[1], x[0]))
    escalated = sum(n for _, n in esc_rows)

    mentions = sum(r[1] for r in f.codes)
    pareto_rows, running = [], 0
    for code, n, _, _, _ in sorted(f.codes, key=lambda r: (-r[1], r[0])):
        running += n
        pareto_rows.append(
            ParetoRow(code, codes.name(code), n, _ratio(n, mentions), _ratio(running, mentions))
        )
    by_code = sorted(
        (CodeRate(c, codes.name(c), n, hits, _ratio(hits, n)) for c, n, hits, _, _ in f.codes),
        key=lambda c: (-c.rate, -c.calls, c.code),
    )
    cost_rows = sorted(
        (
            CostRow(c, codes.name(c), n, avg, share, share * per_minute)
            for c, n, _, avg, share in f.codes
        ),
        key=lambda c: (-c.cost, c.code),
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for code, cust, comp, n in f.values:
        counts[code][f"{cust}/{comp}"] = n
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
    if team is None:
        where, params = note_where(flt)
        source = f"{S}.followups f JOIN {S}.notes n ON n.uuid = f.note_uuid WHERE {where}"
    else:  # the follow-up carries its note's date and team: no join
        where, params = note_where(flt, "f")
        source = f"{S}.followups f WHERE {where}"
        if team != "*":
            source += " AND f.team = %s"
            params = [*params, team]
    f_total, f_open, f_overdue, f_closed, f_avg = one(
        conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE f.closed_at IS NULL),"
            " count(*) FILTER (WHERE f.closed_at IS NULL AND f.due_at < %s),"
            " count(*) FILTER (WHERE f.closed_at IS NOT NULL), avg(f.satisfaction::float8)"
            f" FROM {source}",
            [current, *params],
        )
    )
    timings["followups"] = round((time.perf_counter() - t0) * 1000, 1)

    calls, minutes = f.calls, f.minutes
    return NotesReport(
        date_from=flt.date_from.isoformat() if flt.date_from else None,
        date_to=flt.date_to.isoformat() if flt.date_to else None,
        calls=calls,
        pareto=Pareto(mentions, pareto_rows),
        repeat=RepeatCalls(calls, f.repeats, _ratio(f.repeats, calls), f.avg_prev, by_code),
        emotions=emotions,
        departments=OtherDepartments(
            calls,
            caused,
            _ratio(caused, calls),
            [DepartmentRow(d, n, _ratio(n, caused)) for d, n in dept_rows],
        ),
        resolution=Resolution(
            calls,
            f.resolved,
            _ratio(f.resolved, calls),
            f.first,
            f.first_resolved,
            _ratio(f.first_resolved, f.first),
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
    db: Database | None = None,
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
