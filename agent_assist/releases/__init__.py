"""KB releases: process versions and diffs, the folder channel, pulling, and what a release
means for each agent (re-learn) — the lifecycle of a process after it is written. No Qt.

Above the other core packages: publishing lints with the scripts / phrases / notes linters, and
a pull re-indexes through ``search``. ``docs/releases.md`` tells the owner's and agents' sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from agent_assist.releases.diff import DiffLine, Span, diff_lines, inline_diff, to_html, to_text
from agent_assist.releases.folder import FolderChannel, is_release_folder
from agent_assist.releases.mirror import PullResult, local_release, mirror_root, pull
from agent_assist.releases.record import PublishError, Release, Resolved
from agent_assist.releases.relearn import Received, Relearn, ReleaseLog
from agent_assist.releases.versions import Version, VersionStore
from agent_assist.storage import Database

__all__ = [
    "DiffLine",
    "FolderChannel",
    "PublishError",
    "PullResult",
    "Received",
    "Release",
    "ReleaseLog",
    "Relearn",
    "Resolved",
    "Span",
    "SyncResult",
    "Version",
    "VersionStore",
    "diff_lines",
    "inline_diff",
    "is_release_folder",
    "local_release",
    "mirror_root",
    "pull",
    "sync",
    "to_html",
    "to_text",
]


@dataclass
class SyncResult:
    """A pull plus its effects: the KB folder to use, the KB loaded from it, the re-learn rows."""

    pull: PullResult
    kb_dir: Path | None
    relearn: list[Relearn] = field(default_factory=list)
    # the processes this pull added or changed, loaded from kb_dir (all of them on a first
    # pull); None when nothing new was pulled
    kb: object = None

    @property
    def messages(self) -> list[str]:
        return self.pull.messages


def sync(channel: Path | str, db: Database, data: Path | None = None) -> SyncResult:
    """Pull the newest good release of ``channel`` into this data dir and record what it means
    (versions, the release, re-learn rows). Safe to call at every start and on a timer: with
    nothing new it only reads the manifest and the release record."""
    from agent_assist.knowledge import load_kb

    result = pull(channel, data)
    if result.path is None:
        return SyncResult(result, None)
    log = ReleaseLog(db)
    if not result.switched and log.latest() is not None:
        return SyncResult(result, result.path)
    # only what the release added or changed is read: a 5,000-process KB is not parsed again
    # here (the app's own reload and the incremental index sync do their part)
    release = result.release
    wanted = set(result.added) | set(result.changed)
    files = None
    if result.previous and release is not None:
        files = sorted(
            result.path / release.processes[pid]["path"]
            for pid in wanted
            if pid in release.processes and release.processes[pid].get("path")
        )
    kb = load_kb(result.path, files=files)
    relearn = log.apply(result, kb)
    return SyncResult(result, result.path, relearn, kb)
