"""The search report (``report search --team``) computed by PostgreSQL over the pushed sessions.

Every finished or abandoned search session of a PC in team mode is an ``events`` row of kind
``search`` whose ``data.session`` is the session as the local log keeps it (``at`` = its start).
The server reduces them to :class:`SearchAggregates` — counts, the top failed searches, the top
reformulation chains, and each distinct (opened process, queries) path with its sessions — so
only aggregated rows cross the network. The suggested customer phrases need jieba and the KB:
the caller (``report search --team``, the Reports tab) hands these aggregates to
``learning.report.report_from``, the same code the local report ends in. Same numbers, same JSON.
(``team`` and ``learning`` are sibling layers: neither imports the other, so the aggregates are
this module's own dataclass with the fields ``learning.report.SearchAggregates`` has.)

Who sees what is the server's row-level security: a KB owner reads every search event, a lead
the team's. Agents are refused here with a plain message (the policy would give them only their
own sessions, which is not what a KB owner's report is for). Ties sort with ``COLLATE "C"``
(code points), as the local report sorts them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from agent_assist.storage import Database
from agent_assist.team.connect import Connection, TeamError, one
from agent_assist.team.migrate import SCHEMA as S

FAILED_KINDS = ("no_result", "no_open", "reformulated", "missing_flag")


@dataclass
class SearchAggregates:
    """As ``learning.report.SearchAggregates`` (what ``report_from`` reads)."""

    sessions: int = 0
    zero: int = 0
    opened: int = 0
    rank_sum: int = 0
    ranked: int = 0
    failed: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    chains: list[tuple[list[str], str, int]] = field(default_factory=list)
    paths: list[tuple[str, list[str], int]] = field(default_factory=list)


def _chain_key(chain: list[str]) -> str:
    """The tie-break of paths, as ``learning.report.chain_key``."""
    return json.dumps(chain, ensure_ascii=False)


DENIED = (
    "没有权限：搜索分析只对知识库负责人（kb-owner）和组长开放，当前登录是坐席账号。"
    "请用知识库负责人或组长的账号查看团队搜索分析，或改看“我的”（本机搜索日志）。"
)


def _sessions_cte(
    first: dt.datetime | None, end: dt.datetime | None, agent: str
) -> tuple[str, list[Any]]:
    """``WITH t AS (…)``: one row per pushed session started in [first, end) (local wall clock,
    as ``events.at`` holds it) by ``agent`` ('' = all) that the login may read (RLS)."""
    parts = ["e.kind = 'search'", "e.data ? 'session'"]
    params: list[Any] = []
    if first is not None:
        parts.append("e.at >= %s")
        params.append(first)
    if end is not None:
        parts.append("e.at < %s")
        params.append(end)
    if agent.strip():
        parts.append("e.agent_no = %s")
        params.append(agent.strip())
    cte = (
        "WITH t AS (SELECT d->>'query' AS query, d->'chain' AS chain,"
        " coalesce((d->>'results')::int, 0) AS results, coalesce(d->>'opened', '') AS opened,"
        " coalesce((d->>'rank')::int, 0) AS rank,"
        " coalesce((d->>'missing')::boolean, false) AS missing,"
        " coalesce((d->>'started')::float8, 0) AS started"
        f" FROM (SELECT e.data->'session' AS d FROM {S}.events e WHERE {' AND '.join(parts)}) s)"
    )
    return cte, params


def search_aggregates(
    conn: Connection,
    first: dt.datetime | None = None,
    end: dt.datetime | None = None,
    agent: str = "",
    top: int = 20,
) -> SearchAggregates:
    """The aggregates, computed by the server ``conn`` is logged in to."""
    cte, params = _sessions_cte(first, end, agent)
    n, zero, opened, rank_sum, ranked = one(
        conn.execute(
            f"{cte} SELECT count(*), count(*) FILTER (WHERE results = 0),"
            " count(*) FILTER (WHERE opened <> ''),"
            " coalesce(sum(rank) FILTER (WHERE opened <> '' AND rank > 0), 0),"
            " count(*) FILTER (WHERE opened <> '' AND rank > 0) FROM t",
            params,
        )
    )
    agg = SearchAggregates(int(n), int(zero), int(opened), int(rank_sum), int(ranked))
    agg.failed = {kind: [] for kind in FAILED_KINDS}
    for kind, query, count in conn.execute(
        f"{cte} SELECT kind, q, n FROM (SELECT kind, q, count(*) AS n, row_number() OVER"
        ' (PARTITION BY kind ORDER BY count(*) DESC, q COLLATE "C") AS rn FROM ('
        "  SELECT 'no_result' AS kind, query AS q FROM t WHERE results = 0"
        "  UNION ALL SELECT 'no_open', query FROM t WHERE results > 0 AND opened = ''"
        "  UNION ALL SELECT 'reformulated', chain->>0 FROM t"
        "   WHERE opened <> '' AND jsonb_array_length(chain) > 1"
        "  UNION ALL SELECT 'missing_flag', query FROM t WHERE missing"
        " ) x GROUP BY kind, q) y WHERE rn <= %s ORDER BY kind, rn",
        [*params, top],
    ).fetchall():
        agg.failed[kind].append((query, int(count)))
    agg.chains = [
        ([str(q) for q in chain], opened_id, int(count))
        for chain, opened_id, count in conn.execute(
            f"{cte} SELECT chain, opened, count(*) FROM t"
            " WHERE opened <> '' AND jsonb_array_length(chain) > 1 GROUP BY chain, opened"
            ' ORDER BY count(*) DESC, chain::text COLLATE "C", opened COLLATE "C" LIMIT %s',
            [*params, top],
        ).fetchall()
    ]
    # each opened session's distinct queries in first-use order (the chain, else the query)
    rows = conn.execute(
        f"{cte} SELECT opened, queries, min(started), count(*) FROM (SELECT opened, started,"
        " (SELECT jsonb_agg(x ORDER BY i) FROM (SELECT x, min(i) AS i FROM"
        "   jsonb_array_elements_text(CASE WHEN jsonb_array_length(chain) > 0 THEN chain"
        "   ELSE jsonb_build_array(query) END) WITH ORDINALITY AS a(x, i) GROUP BY x) u)"
        " AS queries FROM t WHERE opened <> '') p GROUP BY opened, queries",
        params,
    ).fetchall()
    paths = [
        (float(first), pid, [str(q) for q in queries], int(c)) for pid, queries, first, c in rows
    ]
    paths.sort(key=lambda p: (p[0], p[1], _chain_key(p[2])))
    agg.paths = [(pid, queries, c) for _first, pid, queries, c in paths]
    return agg


def check_role(conn: Connection) -> None:
    """Agents are refused (:data:`DENIED`); leads, KB owners and the owner's login may read."""
    (role,) = one(conn.execute(f"SELECT {S}.role_of(current_user)"))
    if role == "agent":
        raise TeamError(DENIED, "denied")


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
            check_role(conn)
            return search_aggregates(conn, first, end, agent, top)
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
