"""The search report (``report search --team``) computed by PostgreSQL over the pushed sessions.

Every finished or abandoned search session of a PC in team mode is an ``events`` row of kind
``search`` whose ``data.session`` is the session as the local log keeps it (``at`` = its start);
the server keeps its fields as plain columns in ``search_sessions`` (filled by a trigger,
``sql/0004_search_sessions.sql``). The server reduces them to :class:`SearchAggregates` — counts, the top failed searches, the top
reformulation chains, and each distinct (opened process, queries) path with its sessions — so
only aggregated rows cross the network. The suggested customer phrases need jieba and the KB:
the caller (``report search --team``, the Reports tab) hands these aggregates to
``learning.report.report_from``, the same code the local report ends in. Same numbers, same JSON.
(``team`` and ``learning`` are sibling layers: neither imports the other; both take the
aggregates' dataclass from ``search.analytics``.)

Who sees what is the server's row-level security: a KB owner reads every search event, a lead
the team's. Agents are refused here with a plain message (the policy would give them only their
own sessions, which is not what a KB owner's report is for). Ties sort with ``COLLATE "C"``
(code points), as the local report sorts them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from agent_assist.search.analytics import FAILED_KINDS, SearchAggregates
from agent_assist.storage import Database
from agent_assist.team.connect import Connection, TeamError, one
from agent_assist.team.migrate import SCHEMA as S

DENIED = (
    "没有权限：搜索分析只对知识库负责人（kb-owner）和组长开放，当前登录是坐席账号。"
    "请用知识库负责人或组长的账号查看团队搜索分析，或改看“我的”（本机搜索日志）。"
)


def _where(
    first: dt.datetime | None, end: dt.datetime | None, agent: str, team: str | None = None
) -> tuple[str, list[Any]]:
    """Sessions started in [first, end) (local wall clock, as ``at`` holds it) by ``agent``
    ('' = all) of ``team`` (a lead's: row-level security allows no other, and saying so lets
    the team index work); row-level security adds what the login may read."""
    parts: list[str] = []
    params: list[Any] = []
    if team is not None:
        parts.append("team = %s")
        params.append(team)
    if first is not None:
        parts.append("at >= %s")
        params.append(first)
    if end is not None:
        parts.append("at < %s")
        params.append(end)
    if agent.strip():
        parts.append("agent_no = %s")
        params.append(agent.strip())
    return " AND ".join(parts) or "TRUE", params


def search_aggregates(
    conn: Connection,
    first: dt.datetime | None = None,
    end: dt.datetime | None = None,
    agent: str = "",
    top: int = 20,
    team: str | None = None,
) -> SearchAggregates:
    """The aggregates, computed by the server ``conn`` is logged in to, over ``search_sessions``
    (the pushed sessions' fields, parsed once when they arrived: ``sql/0004_search_sessions.sql``)."""
    where, params = _where(first, end, agent, team)
    # the groupings sort up to a few million short rows: in memory, not in temporary files
    conn.execute("SET LOCAL work_mem = '64MB'")
    t = f"(SELECT * FROM {S}.search_sessions WHERE {where}) t"
    n, zero, opened, rank_sum, ranked = one(
        conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE results = 0),"
            " count(*) FILTER (WHERE opened <> ''),"
            " coalesce(sum(rank) FILTER (WHERE opened <> '' AND rank > 0), 0),"
            f" count(*) FILTER (WHERE opened <> '' AND rank > 0) FROM {t}",
            params,
        )
    )
    agg = SearchAggregates(int(n), int(zero), int(opened), int(rank_sum), int(ranked))
    agg.failed = {kind: [] for kind in FAILED_KINDS}
    for kind, query, count in conn.execute(
        "SELECT kind, q, n FROM (SELECT kind, q, count(*) AS n, row_number() OVER"
        ' (PARTITION BY kind ORDER BY count(*) DESC, q COLLATE "C") AS rn FROM ('
        " SELECT (ARRAY['no_result', 'no_open', 'reformulated', 'missing_flag'])[k] AS kind,"
        "  CASE WHEN k = 3 THEN first_query ELSE query END AS q"
        f" FROM {t} CROSS JOIN generate_series(1, 4) AS k"
        " WHERE (k = 1 AND results = 0) OR (k = 2 AND results > 0 AND opened = '')"
        "  OR (k = 3 AND opened <> '' AND chain_len > 1) OR (k = 4 AND missing)"
        " ) x GROUP BY kind, q) y WHERE rn <= %s ORDER BY kind, rn",
        [*params, top],
    ).fetchall():
        agg.failed[kind].append((query, int(count)))
    agg.chains = [
        ([str(q) for q in chain], opened_id, int(count))
        for chain, opened_id, count in conn.execute(
            f"SELECT chain, opened, count(*) FROM {t}"
            " WHERE opened <> '' AND chain_len > 1 GROUP BY chain, opened"
            " ORDER BY count(*) DESC, chain, opened LIMIT %s",
            [*params, top],
        ).fetchall()
    ]
    # each distinct (opened, queries) path, with its sessions and its first session's start
    rows = conn.execute(
        f"SELECT opened, queries, min(started), count(*) FROM {t}"
        " WHERE opened <> '' GROUP BY opened, queries",
        params,
    ).fetchall()
    paths = [
        (float(first_start), pid, [str(q) for q in queries], int(c))
        for pid, queries, first_start, c in rows
    ]
    paths.sort(key=lambda p: (p[0], p[1], p[2]))
    agg.paths = [(pid, queries, c) for _first, pid, queries, c in paths]
    return agg


def check_role(conn: Connection) -> str | None:
    """Agents are refused (:data:`DENIED`); leads, KB owners and the owner's login may read.
    Returns the lead's team (None for the others: row-level security alone scopes them)."""
    role, team = one(conn.execute(f"SELECT {S}.role_of(current_user), {S}.team_of(current_user)"))
    if role == "agent":
        raise TeamError(DENIED, "denied")
    return str(team or "") if role == "lead" else None


def team_search_aggregates(
    first: dt.datetime | None = None,
    end: dt.datetime | None = None,
    agent: str = "",
    top: int = 20,
    db: Database | None = None,
    dsn: str | None = None,
) -> SearchAggregates:
    """The aggregates over the configured team server (``report search --team``, the Reports
    tab's 搜索分析 in the 团队 scope); sessions started in [first, end). Raises ``TeamError``."""
    from agent_assist.storage import open_db
    from agent_assist.team import migrate
    from agent_assist.team.connect import configured_dsn, connect, explain

    dsn = dsn or configured_dsn(db if db is not None else open_db())
    if not dsn:
        raise TeamError(
            "团队模式未开启：先运行 agent-assist team use --dsn …（或设置 AGENT_ASSIST_TEAM_DSN）",
            "config",
        )
    with connect(dsn) as conn:
        try:
            migrate.check_version(conn)
            team = check_role(conn)
            return search_aggregates(conn, first, end, agent, top, team)
        except (migrate.SchemaTooNew, migrate.SchemaMissing) as exc:
            raise TeamError(str(exc), "schema") from None
        except TeamError:
            raise
        except Exception as exc:
            import psycopg

            if isinstance(exc, psycopg.Error):
                raise explain(exc, dsn) from None
            raise


__all__ = [
    "DENIED",
    "SearchAggregates",
    "check_role",
    "search_aggregates",
    "team_search_aggregates",
]
