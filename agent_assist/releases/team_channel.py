"""The team channel: KB releases in the centre's PostgreSQL (team mode), next to the folder one.

``kb publish --team`` stores the release record (the same as a folder release's release.json) in
``agent_assist.kb_releases`` and each file's content once per hash in ``kb_release_files`` — a
release changing 50 of 5,000 files uploads 50. Agents never read the KB from the server while
working: :func:`mirror` copies the releases they lack into a local release folder in the data
dir (``team-releases/``), and from there the folder channel's pull, atomic switch, incremental
re-index and re-learn rows work unchanged. Tables, grants and the re-learn function come with the
team store's migration ``0003_kb_releases.sql``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from agent_assist.knowledge import KnowledgeBase, content_hash
from agent_assist.releases.folder import FolderChannel
from agent_assist.releases.record import PublishError, Release
from agent_assist.releases.snapshot import kb_files

if TYPE_CHECKING:
    import psycopg

# the same alias as agent_assist.team.connect.Connection, spelled here because the layer contract
# keeps releases below team (a TYPE_CHECKING import counts for import-linter too)
Connection: TypeAlias = "psycopg.Connection[Any]"

SCHEMA = "agent_assist"


def team_folder(data: Path | None = None) -> Path:
    """The local release folder the team channel is mirrored into."""
    from agent_assist.storage import data_dir

    return (data or data_dir()) / "team-releases"


class TeamChannel:
    """Releases on the team server, through one psycopg connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def releases(self) -> list[Release]:
        rows = self.conn.execute(
            f"SELECT record FROM {SCHEMA}.kb_releases ORDER BY number DESC"
        ).fetchall()
        return [Release.from_dict(_json(r[0])) for r in rows]

    def publish(
        self, kb: KnowledgeBase, message: str, publisher: str, now: datetime | None = None
    ) -> Release:
        message = (message or "").strip()
        if not message:
            raise PublishError("请用 --message 写明本次更新的内容（坐席会在「本次更新」里看到）")
        source = Path(kb.root).resolve()
        linted = {}
        processes = {}
        for process in kb:
            rel = ""
            if process.path is not None:
                rel = Path(process.path).resolve().relative_to(source).as_posix()
                linted[rel] = process.content_hash
            processes[process.id] = {
                "version": process.content_hash,
                "updated": process.updated,
                "path": rel,
            }
        files, data = {}, {}
        for rel in kb_files(source):
            raw = (source / rel).read_bytes()
            digest = content_hash(raw)
            if rel in linted and linted[rel] != digest:
                raise PublishError(
                    f"{source / rel} 在发布过程中被修改，请保存后重新发布（已检查的内容与现在不同）"
                )
            files[rel] = {"size": len(raw), "hash": digest}
            data[digest] = raw
        with self.conn.transaction():
            # one publisher at a time (an advisory lock: a table lock would need UPDATE rights);
            # the primary key on number would refuse a second release #N anyway
            self.conn.execute("SELECT pg_advisory_xact_lock(hashtext('agent_assist.kb_releases'))")
            row = self.conn.execute(
                f"SELECT record FROM {SCHEMA}.kb_releases ORDER BY number DESC LIMIT 1"
            ).fetchone()
            previous = Release.from_dict(_json(row[0])) if row else None
            if previous is not None and previous.files == files:
                raise PublishError(
                    f"与上一个发布 #{previous.number} 相比没有任何变化，未发布新版本"
                )
            old = previous.processes if previous else {}
            moment = (now or datetime.now()).astimezone()
            release = Release(
                number=(previous.number if previous else 0) + 1,
                published_at=moment.isoformat(timespec="seconds"),
                publisher=publisher,
                message=message,
                added=sorted(set(processes) - set(old)),
                changed=sorted(
                    p
                    for p in set(processes) & set(old)
                    if processes[p]["version"] != old[p].get("version")
                ),
                removed=sorted(set(old) - set(processes)),
                processes=processes,
                files=files,
                previous=previous.number if previous else 0,
            )
            have = {
                h
                for (h,) in self.conn.execute(
                    f"SELECT hash FROM {SCHEMA}.kb_release_files WHERE hash = ANY(%s)",
                    [list(data)],
                )
            }
            with self.conn.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {SCHEMA}.kb_release_files (hash, content) VALUES (%s, %s) "
                    "ON CONFLICT (hash) DO NOTHING",
                    [(h, raw) for h, raw in data.items() if h not in have],
                )
            self.conn.execute(
                f"INSERT INTO {SCHEMA}.kb_releases (number, published_at, published_local, "
                "publisher, message, changed, record) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    release.number,
                    release.published_at,
                    moment.replace(tzinfo=None),
                    publisher,
                    message,
                    json.dumps(release.changed, ensure_ascii=False),
                    json.dumps(release.to_dict(), ensure_ascii=False),
                ],
            )
        return release

    def fetch(self, hashes: list[str]) -> dict[str, bytes]:
        rows = self.conn.execute(
            f"SELECT hash, content FROM {SCHEMA}.kb_release_files WHERE hash = ANY(%s)", [hashes]
        ).fetchall()
        return {h: bytes(c) for h, c in rows}

    def mirror(self, folder: Path, keep: int = 3) -> list[int]:
        """Copy the newest releases this folder lacks (at most ``keep``) into ``folder``; return
        their numbers. Older releases are not needed to switch: only the newest is used."""
        local = FolderChannel(folder)
        wanted = [r for r in self.releases()[:keep] if local.check(r.number)[0] is None]
        for release in sorted(wanted, key=lambda r: r.number):
            local.import_release(release, self.fetch)
        return [r.number for r in wanted]

    def relearn(self, number: int) -> list[tuple[str, str, str, object]]:
        """(pid, agent, team, relearned_at or None) for release ``number`` (server-side rules)."""
        rows: list[tuple[str, str, str, object]] = self.conn.execute(
            f"SELECT pid, agent_no, team, relearned_at FROM {SCHEMA}.release_relearn(%s)",
            [number],
        ).fetchall()
        return rows


def _json(value: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """A jsonb column as a dict (psycopg decodes jsonb itself; text JSON is parsed here)."""
    if isinstance(value, dict):
        return value
    raw: dict[str, Any] = json.loads(value)
    return raw
