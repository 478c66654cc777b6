"""Publishing the centre's lists on the team server: reason codes and departments (a KB owner),
team phrases (a lead, for the lead's own team). Every PC pulls them (``pull.py``) and lays them
over its KB's files, so a centre changes a code or a department once, not on every PC.

The input is the KB's own file format (``reason_codes.yaml``, ``departments.yaml``,
``phrases.yaml``), checked the way ``lint-kb`` checks it. A file with errors publishes nothing:
a list is published whole (what is not in the file is removed from the server), so half a list
must never replace a whole one. Who may publish what is decided by the database (grants and
row-level security, ``sql/0001_team_store.sql``), not here: an agent's attempt is refused by the
server and reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent_assist.team import migrate
from agent_assist.team.connect import Connection, connect, explain

S = migrate.SCHEMA


class ListInvalid(ValueError):
    """The file has errors (``path:line: message`` each); nothing was sent."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


Counts = tuple[int, int, int, int]  # added, changed, removed, total after


@dataclass
class Published:
    """What changed on the server, per list: added, changed, removed, total after."""

    counts: dict[str, Counts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was read but is not published


def read_reason_codes(path: Path) -> list[tuple[int, str, str]]:
    """(number, name, group) of every code in ``path``; :class:`ListInvalid` on any error."""
    from agent_assist.notes import load_reason_codes

    if not path.is_file():
        raise ListInvalid([f"{path}:0: 找不到原因代码文件"])
    book = load_reason_codes(path)
    errors = [str(p) for p in book.problems if p.severity == "error"]
    if errors or not len(book):
        raise ListInvalid(errors or [f"{path}:1: 文件里没有任何原因代码"])
    return [(c.number, c.name, c.group) for c in book]


def read_departments(path: Path) -> list[str]:
    """The ``departments:`` names in ``path``; :class:`ListInvalid` on any error."""
    from agent_assist.notes import load_departments

    if not path.is_file():
        raise ListInvalid([f"{path}:0: 找不到部门文件"])
    found = load_departments(path)  # a broken file falls back to the shipped lists: not here
    if found.problems:
        raise ListInvalid(list(found.problems))
    if not found.departments:
        raise ListInvalid([f"{path}:1: departments: 列表是空的"])
    return list(found.departments)


def read_phrases(path: Path) -> list[tuple[str, str, str]]:
    """(stage, title, text) of every phrase in ``path``; :class:`ListInvalid` on any error."""
    from agent_assist.phrases.loader import load_phrases

    if not path.is_file():
        raise ListInvalid([f"{path}:0: 找不到话术文件"])
    phrases, problems = load_phrases(path)
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors or not phrases:
        raise ListInvalid(errors or [f"{path}:1: 文件里没有任何话术"])
    return [(p.stage, p.title or p.trigger, p.text) for p in phrases]


def publish_lists(
    dsn: str,
    reason_codes: Path | None = None,
    departments: Path | None = None,
    phrases: Path | None = None,
) -> Published:
    """Read every given file first (any error: nothing is sent), then replace those lists on the
    server in one transaction (all or nothing)."""
    import psycopg

    codes = read_reason_codes(reason_codes) if reason_codes else None
    names = read_departments(departments) if departments else None
    said = read_phrases(phrases) if phrases else None
    out = Published()
    if departments:
        out.notes.append("escalate_to（升级/转接对象）不发布：各PC仍用知识库里的列表")
    if phrases:
        out.notes.append("话术的缩写（trigger）不发布：团队话术按标题和内容查找")
    try:
        with connect(dsn) as conn:
            migrate.check_version(conn)
            if codes is not None:
                out.counts["原因代码"] = _replace_codes(conn, codes)
            if names is not None:
                out.counts["部门"] = _replace_departments(conn, names)
            if said is not None:
                out.counts["团队话术"] = _replace_phrases(conn, said)
            conn.commit()
    except psycopg.Error as exc:
        raise explain(exc, dsn) from None
    return out


def _replace_codes(conn: Connection, codes: list[tuple[int, str, str]]) -> Counts:
    rows = conn.execute(f"SELECT code, name, category FROM {S}.reason_codes").fetchall()
    before = {r[0]: (r[1], r[2]) for r in rows}
    numbers = [c[0] for c in codes]
    removed = conn.execute(
        f"DELETE FROM {S}.reason_codes WHERE NOT (code = ANY(%s))", [numbers]
    ).rowcount
    changed = [c for c in codes if c[0] in before and before[c[0]] != (c[1], c[2])]
    added = [c for c in codes if c[0] not in before]
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {S}.reason_codes (code, name, category) VALUES (%s, %s, %s)"
            " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
            " category = EXCLUDED.category, updated_at = now()",
            changed + added,
        )
    return len(added), len(changed), removed, len(codes)


def _replace_departments(conn: Connection, names: list[str]) -> Counts:
    before = {r[0] for r in conn.execute(f"SELECT name FROM {S}.departments").fetchall()}
    removed = conn.execute(
        f"DELETE FROM {S}.departments WHERE NOT (name = ANY(%s))", [names]
    ).rowcount
    added = [n for n in names if n not in before]
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO {S}.departments (name) VALUES (%s)", [(n,) for n in added])
    return len(added), 0, removed, len(names)


def _replace_phrases(conn: Connection, said: list[tuple[str, str, str]]) -> Counts:
    """The lead's team's phrases become the file's (row-level security limits both the delete
    and the inserts to the lead's own team; an agent or KB owner is refused). The database
    owner, who has no team, publishes the centre's phrases (team '')."""
    team = conn.execute(f"SELECT {S}.team_of(current_user)").fetchone()
    team_name = str(team[0] or "") if team else ""
    rows: list[Any] = conn.execute(
        f"SELECT category, title, text FROM {S}.team_phrases WHERE team = %s", [team_name]
    ).fetchall()
    before = {tuple(r) for r in rows}
    conn.execute(f"DELETE FROM {S}.team_phrases WHERE team = %s", [team_name])
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {S}.team_phrases (team, category, title, text) VALUES (%s, %s, %s, %s)",
            [(team_name, *p) for p in said],
        )
    kept = len(before & set(said))
    return len(said) - kept, 0, len(before) - kept, len(said)
