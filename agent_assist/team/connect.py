"""Where the team server is, how to log in, and what to tell the agent when it fails.

The DSN comes from ``AGENT_ASSIST_TEAM_DSN``, else the local team settings (``team use``). It is a
libpq connection string or ``service=NAME``; a password is never stored with it: libpq reads
``~/.pgpass`` / the service file itself, and where the ``keyring`` package is installed the app
asks the OS keyring for ``agent-assist-team`` / the login. ``sslmode`` and every other libpq
parameter in the DSN are passed through untouched.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from agent_assist.storage import Database

if TYPE_CHECKING:
    import psycopg

# a psycopg connection with the default (tuple) rows; psycopg is imported only when team mode is used
Connection: TypeAlias = "psycopg.Connection[Any]"

ENV_DSN = "AGENT_ASSIST_TEAM_DSN"
KEYRING_SERVICE = "agent-assist-team"
CONNECT_TIMEOUT = 5  # seconds: a background push must notice a dead server quickly


class TeamError(RuntimeError):
    """A fault the agent or admin can act on; ``str()`` is the message to show."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind  # offline | auth | schema | denied | rejected | config | error


def configured_dsn(db: Database | None = None) -> str:
    """The team DSN in effect ('' when team mode is off)."""
    env = os.environ.get(ENV_DSN, "").strip()
    if env:
        return env
    if db is None:
        return ""
    # team mode never used on this PC: do not even create the team tables
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'team_state'").fetchone():
        return ""
    from agent_assist.team.local_state import get_state

    return get_state(db, "dsn", "")


def split_password(dsn: str) -> tuple[str, str]:
    """(the DSN without any password, the password or '')."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        params = conninfo_to_dict(dsn)
    except Exception as exc:  # psycopg.ProgrammingError: a malformed string
        raise TeamError(f"连接串格式不对：{exc}", "config") from None
    password = str(params.pop("password", "") or "")
    return make_conninfo("", **params), password


def dsn_user(dsn: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    return str(conninfo_to_dict(dsn).get("user") or "")


def describe(dsn: str) -> str:
    """Server and login for status lines (never a password)."""
    from psycopg.conninfo import conninfo_to_dict

    p = conninfo_to_dict(dsn)
    if p.get("service"):
        return f"service={p['service']}"
    host = p.get("host") or "localhost"
    port = p.get("port") or 5432
    return f"{p.get('user') or '?'}@{host}:{port}/{p.get('dbname') or ''}"


def keyring_password(user: str) -> str:
    """The login's password from the OS keyring, '' when keyring is absent or has none."""
    if not user:
        return ""
    try:
        import keyring  # optional dependency
    except ImportError:
        return ""
    try:
        return keyring.get_password(KEYRING_SERVICE, user) or ""
    except Exception:  # no usable backend on this machine
        return ""


def connect(dsn: str, **kwargs: Any) -> Connection:
    """A psycopg connection, or :class:`TeamError` with a message an agent can act on."""
    import psycopg

    extra: dict[str, Any] = {}
    if "password=" not in dsn:
        pw = keyring_password(dsn_user(dsn) if "user=" in dsn else "")
        if pw:
            extra["password"] = pw
    kwargs.setdefault("connect_timeout", CONNECT_TIMEOUT)
    kwargs.setdefault("application_name", "agent-assist")
    # no server-side prepared statements: safe behind PgBouncer in transaction mode
    kwargs.setdefault("prepare_threshold", None)
    try:
        return psycopg.connect(dsn, **extra, **kwargs)
    except psycopg.OperationalError as exc:
        raise explain(exc, dsn) from None
    except psycopg.ProgrammingError as exc:  # malformed conninfo
        raise TeamError(f"连接串格式不对：{exc}", "config") from None


def one(cur: psycopg.Cursor[Any]) -> tuple[Any, ...]:
    """The row of a query that always returns exactly one (an aggregate, a function call):
    psycopg types ``fetchone()`` as optional, these queries never give None."""
    return cast("tuple[Any, ...]", cur.fetchone())


def explain(exc: Exception, dsn: str = "") -> TeamError:
    """Turn a psycopg error into a :class:`TeamError` with a plain message."""
    import psycopg
    from psycopg import errors

    where = describe(dsn) if dsn else "团队服务器"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, errors.InvalidPassword) or "password authentication failed" in text:
        return TeamError(
            f"登录 {where} 失败：密码错误（请核对 ~/.pgpass 或系统钥匙串中的密码）", "auth"
        )
    if "no password supplied" in text:
        return TeamError(
            f"登录 {where} 需要密码：请写入 ~/.pgpass 或运行 agent-assist team use --dsn … 存入系统钥匙串",
            "auth",
        )
    if isinstance(exc, errors.InvalidAuthorizationSpecification) or (
        "role" in text and "does not exist" in text
    ):
        return TeamError(f"登录 {where} 失败：服务器上没有这个账号（{text}）", "auth")
    if isinstance(exc, errors.InvalidCatalogName):
        return TeamError(f"{where}：数据库不存在（{text}）", "config")
    if isinstance(exc, errors.InsufficientPrivilege):
        return TeamError(f"服务器拒绝：没有权限（{text}）", "denied")
    if str(getattr(exc, "sqlstate", "") or "").startswith("40"):  # deadlock, serialization
        return TeamError(f"团队服务器繁忙（事务冲突），稍后自动重试：{text}", "offline")
    if isinstance(exc, psycopg.OperationalError):
        return TeamError(f"无法连接团队服务器 {where}：{text}", "offline")
    return TeamError(f"团队服务器出错：{text}", "error")
