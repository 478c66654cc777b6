"""The team store's schema: plain SQL files in ``team/sql``, applied in order, recorded in
``agent_assist.schema_migrations``.

Each file runs in one transaction with the migration table locked, so two ``team init`` runs at
once apply each step once. A server whose recorded version is newer than the newest file this app
knows is refused with :class:`SchemaTooNew` (an older app must not write into a newer layout).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from agent_assist.team.connect import Connection, one

SCHEMA = "agent_assist"


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    sql: str = field(repr=False)


class SchemaTooNew(RuntimeError):
    def __init__(self, server: int, app: int) -> None:
        super().__init__(
            f"服务器上的团队数据库版本为 {server}，比本软件支持的版本 {app} 新："
            "请先升级 Agent Assist，再同步（待同步的记录都保留在本机，不会丢失）"
        )
        self.server, self.app = server, app


class SchemaMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__("服务器上还没有团队数据库：请管理员先运行 agent-assist team init --dsn …")


def steps() -> list[Step]:
    """Every shipped step, in version order (file names ``NNNN_name.sql``)."""
    out = []
    for entry in resources.files("agent_assist.team").joinpath("sql").iterdir():
        m = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if m:
            out.append(Step(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(out, key=lambda s: s.version)


def app_version() -> int:
    return steps()[-1].version


def server_version(conn: Connection) -> int | None:
    """The schema version recorded on the server; None when ``team init`` never ran there."""
    row = one(conn.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.schema_migrations"]))
    if row[0] is None:
        return None
    return int(
        one(conn.execute(f"SELECT coalesce(max(version), 0) FROM {SCHEMA}.schema_migrations"))[0]
    )


def check_version(conn: Connection) -> int:
    """The server's version, or SchemaMissing / SchemaTooNew."""
    version = server_version(conn)
    if version is None:
        raise SchemaMissing()
    if version > app_version():
        raise SchemaTooNew(version, app_version())
    return version


def apply(conn: Connection) -> list[Step]:
    """Apply the missing steps (``conn`` must be the owner's, autocommit off). Returns them."""
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_migrations ("
        " version integer PRIMARY KEY, name text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())"
    )
    conn.commit()
    applied = []
    for step in steps():
        with conn.transaction():
            conn.execute(f"LOCK TABLE {SCHEMA}.schema_migrations IN EXCLUSIVE MODE")
            done = {v for (v,) in conn.execute(f"SELECT version FROM {SCHEMA}.schema_migrations")}
            if step.version in done:
                continue
            newest = max(done, default=0)
            if newest > app_version():
                raise SchemaTooNew(newest, app_version())
            conn.execute(f"SET LOCAL search_path = {SCHEMA}, pg_catalog")
            conn.execute(step.sql)
            conn.execute(
                f"INSERT INTO {SCHEMA}.schema_migrations (version, name) VALUES (%s, %s)",
                [step.version, step.name],
            )
            applied.append(step)
    conn.commit()
    return applied
