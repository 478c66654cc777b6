"""The agent's side of the folder channel: a local copy of the newest good release.

The app never reads the KB from the share directly: a share can be slow, go away mid-call, or be
half-way through a copy. :func:`pull` brings the newest complete release into the data dir as
``kb-releases/<channel>/live`` — always the same path, so the search index (keyed by folder)
stays and re-indexes only what changed. Unchanged files are hard links to the previous copy
(same inode, same mtime, so the index skips them); changed ones are copied from the release. The
new copy is built beside the live one and switched in with two renames; an interrupted switch
is finished on the next pull.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent_assist.knowledge import content_hash
from agent_assist.releases.folder import FolderChannel
from agent_assist.releases.record import Release, Resolved
from agent_assist.releases.snapshot import write_json

STATE = "state.json"


@dataclass
class PullResult:
    """What a pull did. ``path`` is the local KB folder to load (None: no usable release)."""

    channel: str
    path: Path | None
    release: Release | None
    previous: int = 0  # the release this data dir had before (0 = none)
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)  # pid → (old, new version)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # skipped releases, problems

    @property
    def switched(self) -> bool:
        return self.release is not None and self.release.number != self.previous


def mirror_root(channel: Path, data: Path | None = None) -> Path:
    """Where this data dir keeps its copy of ``channel``."""
    from agent_assist.storage import data_dir

    key = hashlib.sha1(str(Path(channel).resolve()).encode("utf-8")).hexdigest()[:12]
    return (data or data_dir()) / "kb-releases" / key


def _read_state(root: Path) -> dict[str, Any]:
    try:
        raw = json.loads((root / STATE).read_text(encoding="utf-8"))
        return raw if isinstance(raw, dict) else {}
    except (OSError, ValueError):
        return {}


def local_release(channel: Path, data: Path | None = None) -> tuple[int, Path | None]:
    """(release number, live folder) this data dir already has for ``channel`` (0, None = none)."""
    root = mirror_root(channel, data)
    _recover(root)
    state = _read_state(root)
    live = root / "live"
    if state.get("number") and live.is_dir():
        return int(state["number"]), live
    return 0, None


def _recover(root: Path) -> None:
    """Finish a switch a crash interrupted: ``live`` gone but a complete ``next`` present."""
    live, nxt = root / "live", root / "next"
    if not live.exists() and (nxt / ".complete").exists():
        os.rename(nxt, live)
    for stale in root.glob("old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def pull(channel_root: Path | str, data: Path | None = None) -> PullResult:
    """Bring the newest good release of ``channel_root`` into the local copy (if it is newer)."""
    channel = FolderChannel(channel_root)
    key = str(Path(channel_root).resolve())
    root = mirror_root(Path(channel_root), data)
    root.mkdir(parents=True, exist_ok=True)
    _recover(root)
    state = _read_state(root)
    live = root / "live"
    have = int(state.get("number", 0) or 0) if live.is_dir() else 0
    held = state.get("files", {}) if have else None  # files the local copy already has
    resolved: Resolved = channel.newest_good(have=held)
    result = PullResult(key, live if have else None, None, previous=have)
    result.messages.extend(resolved.skipped)
    if resolved.release is None or resolved.path is None:
        if have:
            result.messages.append(f"继续使用本机已有的发布 #{have}")
            result.release = _local_record(live)
        return result
    new = resolved.release
    if new.number == have:
        result.release = new
        return result
    if have and new.number < have:
        # the share went back (a newer release was removed or is broken): use what it offers
        result.messages.append(f"发布文件夹里最新的完整发布是 #{new.number}，本机为 #{have}")
    old_files: dict[str, str] = state.get("files", {}) if have else {}
    nxt = root / "next"
    shutil.rmtree(nxt, ignore_errors=True)
    for rel, info in new.files.items():
        target = nxt / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        old = live / rel
        if have and old_files.get(rel) == info.get("hash") and old.is_file():
            try:
                os.link(old, target)
                continue
            except OSError:
                pass
            shutil.copy2(old, target)
        else:
            try:
                shutil.copy2(resolved.path / rel, target)
                digest = content_hash(target.read_bytes())
            except OSError as exc:
                digest = f"unreadable: {exc}"
            if digest != info.get("hash"):
                shutil.rmtree(nxt, ignore_errors=True)
                result.messages.append(
                    f"发布 #{new.number} 的 {rel} 与发布记录不符（复制中或已损坏），"
                    + (f"继续使用本机已有的发布 #{have}" if have else "暂不使用")
                )
                return result
    shutil.copy2(resolved.path / "release.json", nxt / ".release.json")
    (nxt / ".complete").write_text(str(new.number), encoding="utf-8")
    old_processes: dict[str, str] = state.get("processes", {}) if have else {}
    if live.exists():
        os.rename(live, root / f"old-{os.getpid()}")
    os.rename(nxt, live)
    write_json(
        root / STATE,
        {
            "number": new.number,
            "files": {rel: info.get("hash") for rel, info in new.files.items()},
            "processes": {pid: p.get("version", "") for pid, p in new.processes.items()},
        },
    )
    _recover(root)
    result.path = live
    result.release = new
    if have:
        result.changed = {
            pid: (old_processes[pid], p.get("version", ""))
            for pid, p in new.processes.items()
            if pid in old_processes and old_processes[pid] != p.get("version", "")
        }
        result.added = sorted(set(new.processes) - set(old_processes))
        result.removed = sorted(set(old_processes) - set(new.processes))
    else:
        result.added = sorted(new.processes)
    return result


def _local_record(live: Path) -> Release | None:
    try:
        return Release.from_dict(json.loads((live / ".release.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def resolve_kb(path: Path, data: Path | None = None) -> tuple[Path, list[str]]:
    """The folder to load for ``--kb path``: a KB folder as is; a release folder → pull its
    newest good release and return the local copy (plus messages for the agent)."""
    from agent_assist.releases.folder import is_release_folder

    if not is_release_folder(path):
        return path, []
    result = pull(path, data)
    if result.path is None:
        return path / "releases" / "none", [
            *result.messages,
            f"{path}: 没有可用的完整发布",
        ]
    return result.path, result.messages
