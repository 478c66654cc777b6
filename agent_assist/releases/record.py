"""What a release is: its record (``release.json``, a manifest entry) and what a reader resolved.

Shared by the folder channel, the local mirror and the team channel; plain data, no files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class PublishError(Exception):
    """A release that cannot be published; the message says why, in Chinese, for the owner."""


@dataclass
class Release:
    """One published release (what ``kb releases`` lists)."""

    number: int
    published_at: str  # ISO 8601 with offset
    publisher: str
    message: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # pid → {"version": content hash, "updated": str, "path": relative path}
    processes: dict[str, dict[str, str]] = field(default_factory=dict)
    # relative path → {"size": int, "hash": str}
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    previous: int = 0  # the release this one was compared with (0 = first)

    @property
    def dir_name(self) -> str:
        return f"{self.number:06d}"

    def summary(self) -> dict[str, Any]:
        """The manifest entry / ``--json`` row: everything but the per-file tables."""
        return {
            "number": self.number,
            "published_at": self.published_at,
            "publisher": self.publisher,
            "message": self.message,
            "added": list(self.added),
            "changed": list(self.changed),
            "removed": list(self.removed),
            "previous": self.previous,
        }

    def to_dict(self) -> dict[str, Any]:
        """``release.json``: the summary plus every process's version and every file's hash."""
        return {**self.summary(), "processes": self.processes, "files": self.files}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Release:
        return cls(
            number=int(raw["number"]),
            published_at=str(raw.get("published_at", "")),
            publisher=str(raw.get("publisher", "")),
            message=str(raw.get("message", "")),
            added=[str(x) for x in raw.get("added", [])],
            changed=[str(x) for x in raw.get("changed", [])],
            removed=[str(x) for x in raw.get("removed", [])],
            processes=dict(raw.get("processes", {})),
            files=dict(raw.get("files", {})),
            previous=int(raw.get("previous", 0) or 0),
        )


@dataclass
class Resolved:
    """The release a reader should use, and what it skipped on the way (messages for the agent)."""

    release: Release | None
    path: Path | None
    skipped: list[str] = field(default_factory=list)
