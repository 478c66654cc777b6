"""The releases package's tables (``Migrations("releases")``), applied by its stores.

- ``rel_version``  every process version this data dir has seen: id, version (content hash),
  ``updated`` from the front matter, the file's text, and when it was first seen — what the
  历史版本 view lists and diffs, and what 本次变化 compares against.
- ``rel_received`` each release pulled from a channel (number, publisher, message, change lists).
- ``rel_relearn``  per agent, each changed process the agent knew or studied when a release
  changed it; ``relearned_at`` is set once the agent reviewed its study card afterwards.
"""

from __future__ import annotations

from agent_assist.storage import Database, Migrations

migrations = Migrations("releases")


@migrations()
def m001_versions_releases_relearn(db: Database) -> None:
    db.table("rel_version").create(
        {"pid": str, "version": str, "updated": str, "text": str, "first_seen": float},
        pk=("pid", "version"),
        not_null={"pid", "version", "text", "first_seen"},
    )
    db.table("rel_version").create_index(["pid", "first_seen"])
    db.table("rel_received").create(
        {
            "channel": str,
            "number": int,
            "published_at": str,
            "publisher": str,
            "message": str,
            "added": str,  # JSON lists of process ids
            "changed": str,
            "removed": str,
            "versions": str,  # JSON {pid: version} of the changed processes, before → after
            "received_at": float,
        },
        pk=("channel", "number"),
        not_null={"channel", "number", "received_at"},
    )
    db.table("rel_relearn").create(
        {
            "agent": str,
            "pid": str,
            "channel": str,
            "number": int,
            "old_version": str,
            "new_version": str,
            "tier_before": str,
            "marked_at": float,
            "relearned_at": float,
        },
        pk=("agent", "pid", "channel", "number"),
        not_null={"agent", "pid", "channel", "number", "marked_at"},
    )
    db.table("rel_relearn").create_index(["agent", "relearned_at"])
