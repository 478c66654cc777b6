"""Setting up a centre's team store: ``team init`` (schema, roles, policies) and ``team add-user``
(one login per agent, lead or KB owner). Both run with the owner's / a superuser's DSN."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from agent_assist.team import migrate
from agent_assist.team.connect import TeamError, connect

ROLES = {"agent": "aa_agent", "lead": "aa_lead", "kb-owner": "aa_kb_owner"}
_AGENT_NO = re.compile(r"^[A-Za-z0-9_-]{1,30}$")


def init_schema(dsn: str) -> list[migrate.Step]:
    """Create or upgrade the schema, roles and policies; returns the steps applied now."""
    with connect(dsn) as conn:
        try:
            return migrate.apply(conn)
        except Exception as exc:
            import psycopg

            if isinstance(exc, psycopg.Error):
                from agent_assist.team.connect import explain

                raise explain(exc, dsn) from None
            raise


def login_for(agent_no: str) -> str:
    """The PostgreSQL login of an agent number (``1001`` → ``aa_1001``)."""
    if not _AGENT_NO.match(agent_no or ""):
        raise TeamError(
            f"工号“{agent_no}”只能含字母、数字、- 和 _（最多30个字符），如 1001", "config"
        )
    return "aa_" + agent_no.lower().replace("-", "_")


@dataclass(frozen=True)
class NewUser:
    login: str
    password: str  # '' when the login already existed (password unchanged)
    dsn: str  # what that user's app uses: no password in it


def add_user(
    dsn: str, agent_no: str, role: str, team: str = "", password: str | None = None
) -> NewUser:
    """Create (or update) the login of ``agent_no`` with ``role`` in ``team``.

    A new login gets ``password`` or a random one (shown once to the admin); an existing login
    keeps its password unless one is given. Idempotent: running it twice changes nothing.
    """
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    if role not in ROLES:
        raise TeamError(f"角色只能是 {' / '.join(ROLES)}，不是“{role}”", "config")
    login = login_for(agent_no)
    shown = ""
    with connect(dsn) as conn:
        migrate.check_version(conn)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [login]).fetchone()
        if not exists:
            shown = password or secrets.token_urlsafe(12)
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(login), sql.Literal(shown)
                )
            )
        elif password:
            shown = password
            conn.execute(
                sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(login), sql.Literal(password)
                )
            )
        for other in ROLES.values():  # exactly one group: a lead must not keep agent rights
            conn.execute(
                sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), sql.Identifier(login))
            )
        conn.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(ROLES[role]), sql.Identifier(login))
        )
        dbname = conn.info.dbname
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(dbname), sql.Identifier(login)
            )
        )
        conn.execute(
            f"INSERT INTO {migrate.SCHEMA}.agents (login, agent_no, team, role) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (login) DO UPDATE SET agent_no = EXCLUDED.agent_no,"
            " team = EXCLUDED.team, role = EXCLUDED.role",
            [login, agent_no, team, role],
        )
        conn.commit()
    params = conninfo_to_dict(dsn)
    params.pop("password", None)
    params["user"] = login
    params["dbname"] = dbname
    return NewUser(login, shown, make_conninfo("", **params))
