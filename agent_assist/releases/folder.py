"""The folder channel: KB releases on a plain folder (a network share).

Layout (see docs/releases.md)::

    FOLDER/
      manifest.json              every release's summary; replaced atomically (temp + os.replace)
      releases/000001/           one immutable snapshot per release: the whole KB folder …
      releases/000001/release.json   … and, written last, its record: who, when, message,
                                     added / changed / removed ids, every process's version and
                                     every file's size + hash (to detect a half-copied release)

A publisher builds the snapshot under a hidden staging name and renames it into place, then
switches the manifest, so a reader never sees half a release. A release copied by hand that is
still missing files, or a manifest naming a release that is not there, is skipped: readers take
the newest *complete* release and say which one they skipped and why.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from agent_assist.knowledge import KnowledgeBase, content_hash
from agent_assist.releases.record import PublishError, Release, Resolved
from agent_assist.releases.snapshot import (
    PublishLock,
    kb_files,
    link_file,
    staged,
    write_file,
    write_json,
)

FORMAT = "agent-assist-releases/1"
MANIFEST = "manifest.json"
RELEASE_FILE = "release.json"
RELEASES_DIR = "releases"
LOCK_FILE = ".publish.lock"


def is_release_folder(path: Path) -> bool:
    """A folder that holds releases (a manifest, or a ``releases/`` folder of snapshots)."""
    path = Path(path)
    if (path / MANIFEST).is_file():
        try:
            raw = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            return isinstance(raw, dict) and raw.get("format") == FORMAT
        except (OSError, ValueError):
            return (path / RELEASES_DIR).is_dir()  # a damaged manifest: still a release folder
    # no manifest yet (still being copied): numbered snapshot folders are enough to tell
    return (path / RELEASES_DIR).is_dir() and any(
        d.name.isdigit() and d.is_dir() for d in (path / RELEASES_DIR).iterdir()
    )


class FolderChannel:
    """Releases kept in ``root`` (created on the first publish)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    # -- reading -------------------------------------------------------------------------------
    def _manifest(self) -> tuple[list[dict[str, Any]], str]:
        """Manifest entries, plus a problem message ("" when the manifest is fine or absent)."""
        path = self.root / MANIFEST
        if not path.exists():
            return [], ""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            entries = raw["releases"]
            if not isinstance(entries, list):
                raise TypeError("releases is not a list")
            return entries, ""
        except (OSError, ValueError, TypeError, KeyError) as exc:
            return [], f"{path}: 发布清单无法读取（{exc}），改为逐个检查发布文件夹"

    def _numbers(self) -> list[int]:
        """Every release number named by the manifest or present as a folder, newest first."""
        entries, _ = self._manifest()
        numbers = {int(e["number"]) for e in entries if isinstance(e, dict) and "number" in e}
        folder = self.root / RELEASES_DIR
        if folder.is_dir():
            numbers.update(int(d.name) for d in folder.iterdir() if d.name.isdigit())
        return sorted(numbers, reverse=True)

    def release_dir(self, number: int) -> Path:
        return self.root / RELEASES_DIR / f"{number:06d}"

    def read_release(self, number: int) -> Release:
        """The release record; raises ``OSError``/``ValueError`` when it is missing or damaged."""
        raw = json.loads((self.release_dir(number) / RELEASE_FILE).read_text(encoding="utf-8"))
        return Release.from_dict(raw)

    def check(
        self, number: int, *, hashes: bool = False, have: dict[str, str] | None = None
    ) -> tuple[Release | None, str]:
        """(release, "") when release ``number`` is complete, else (None, why not).

        ``have`` (relative path → hash) lists files the reader already holds: those are not
        looked at on the share — a pull of 50 changes touches 50 files there, not 5,000."""
        folder = self.release_dir(number)
        if not folder.is_dir():
            return None, f"发布 #{number} 在清单里，但文件夹 {folder} 不存在"
        try:
            release = self.read_release(number)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            return None, f"发布 #{number} 不完整：{folder / RELEASE_FILE} 无法读取（{exc}）"
        for rel, info in release.files.items():
            if have is not None and have.get(rel) == info.get("hash"):
                continue
            path = folder / rel
            try:
                size = path.stat().st_size
            except OSError:
                return None, f"发布 #{number} 不完整：缺少文件 {rel}（可能还在复制中）"
            if size != int(info.get("size", -1)):
                return None, f"发布 #{number} 不完整：{rel} 大小不符（可能还在复制中）"
            if hashes and content_hash(path.read_bytes()) != info.get("hash"):
                return None, f"发布 #{number} 损坏：{rel} 内容与发布记录不符"
        return release, ""

    def releases(self) -> list[Release]:
        """Every readable release, newest first (incomplete ones included: this is the log)."""
        out = []
        for number in self._numbers():
            try:
                out.append(self.read_release(number))
            except (OSError, ValueError, TypeError, KeyError):
                continue
        return out

    def newest_good(self, have: dict[str, str] | None = None) -> Resolved:
        """The newest complete release, and a message for each newer one that was skipped
        (``have``: files the reader already holds, see :meth:`check`)."""
        skipped: list[str] = []
        _entries, problem = self._manifest()
        if problem:
            skipped.append(problem)
        for number in self._numbers():
            release, why = self.check(number, have=have)
            if release is not None:
                if skipped:
                    skipped.append(f"继续使用最近一个完整的发布 #{number}")
                return Resolved(release, self.release_dir(number), skipped)
            skipped.append(why)
        if not skipped:
            skipped.append(f"{self.root}: 还没有任何发布")
        return Resolved(None, None, skipped)

    # -- publishing ----------------------------------------------------------------------------
    def publish(
        self,
        kb: KnowledgeBase,
        message: str,
        publisher: str,
        now: datetime | None = None,
    ) -> Release:
        """Snapshot ``kb``'s folder as the next release and switch the manifest to it.

        The caller has linted ``kb`` (publishing refuses nothing on content grounds here). Raises
        :class:`PublishError` when nothing changed since the previous release or another
        publish is running.
        """
        message = (message or "").strip()
        if not message:
            raise PublishError("请用 --message 写明本次更新的内容（坐席会在「本次更新」里看到）")
        self.root.mkdir(parents=True, exist_ok=True)
        with PublishLock(self.root / LOCK_FILE):
            previous = self.newest_good().release
            source = Path(kb.root).resolve()
            processes, by_path = _process_table(kb, source)
            old = previous.processes if previous else {}
            added = sorted(set(processes) - set(old))
            removed = sorted(set(old) - set(processes))
            changed = sorted(
                pid
                for pid in set(processes) & set(old)
                if processes[pid]["version"] != old[pid].get("version")
            )
            number = max([0, *self._numbers()]) + 1
            prev_dir = self.release_dir(previous.number) if previous else None
            prev_files = previous.files if previous else {}
            files: dict[str, dict[str, Any]] = {}
            with staged(self.release_dir(number)) as staging:
                for rel in kb_files(source):
                    linted = by_path.get(rel)
                    before = prev_files.get(rel)
                    if linted and before and before.get("hash") == linted and prev_dir:
                        # unchanged since the previous (immutable) snapshot: share its file
                        if link_file(prev_dir / rel, staging / rel):
                            files[rel] = dict(before)
                            continue
                    data = (source / rel).read_bytes()
                    digest = content_hash(data)
                    if linted and digest != linted:
                        raise PublishError(
                            f"{source / rel} 在发布过程中被修改，请保存后重新发布（已检查的内容与现在不同）"
                        )
                    write_file(staging / rel, data)
                    files[rel] = {"size": len(data), "hash": digest}
                if previous is not None and previous.files == files:
                    raise PublishError(
                        f"与上一个发布 #{previous.number} 相比没有任何变化，未发布新版本"
                    )
                stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
                release = Release(
                    number=number,
                    published_at=stamp,
                    publisher=publisher,
                    message=message,
                    added=added,
                    changed=changed,
                    removed=removed,
                    processes=processes,
                    files=files,
                    previous=previous.number if previous else 0,
                )
                write_json(staging / RELEASE_FILE, release.to_dict())
            self._write_manifest(release)
            return release

    def import_release(
        self, release: Release, fetch: Callable[[list[str]], dict[str, bytes]]
    ) -> None:
        """Write ``release`` (a record from another channel) as a snapshot here, its files from
        the previous local snapshot where the hash matches, else from ``fetch(hashes)`` →
        ``{hash: bytes}``. The same staging + rename + manifest switch as :meth:`publish`."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self.check(release.number)[0] is not None:
            return
        previous = None
        for number in self._numbers():
            if number < release.number and self.check(number)[0] is not None:
                previous = self.read_release(number)
                break
        prev_dir = self.release_dir(previous.number) if previous else None
        prev_files = previous.files if previous else {}
        reuse = {
            rel
            for rel, info in release.files.items()
            if prev_files.get(rel, {}).get("hash") == info.get("hash")
        }
        wanted = {info["hash"] for rel, info in release.files.items() if rel not in reuse}
        contents = fetch(sorted(wanted)) if wanted else {}
        # replace: an incomplete earlier copy of this release
        with staged(self.release_dir(release.number), replace=True) as staging:
            for rel, info in release.files.items():
                if rel in reuse and prev_dir is not None:
                    if link_file(prev_dir / rel, staging / rel):
                        continue
                    data = (prev_dir / rel).read_bytes()
                else:
                    fetched = contents.get(info["hash"])
                    if fetched is None or content_hash(fetched) != info["hash"]:
                        raise PublishError(f"发布 #{release.number} 的 {rel} 内容缺失或不符")
                    data = fetched
                write_file(staging / rel, data)
            write_json(staging / RELEASE_FILE, release.to_dict())
        self._write_manifest(release)

    def _write_manifest(self, release: Release) -> None:
        entries, _ = self._manifest()
        entries = [e for e in entries if isinstance(e, dict) and e.get("number") != release.number]
        entries.append(release.summary())
        entries.sort(key=lambda e: int(e.get("number", 0)))
        write_json(
            self.root / MANIFEST,
            {"format": FORMAT, "latest": release.number, "releases": entries},
        )


def _process_table(
    kb: KnowledgeBase, source: Path
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(pid → {"version", "updated", "path"} for the release record, relative path → the
    content hash the lint saw) of ``kb``, whose folder is ``source``."""
    src = str(source)
    by_path: dict[str, str] = {}
    processes: dict[str, dict[str, str]] = {}
    for process in kb:
        rel = ""
        if process.path is not None:
            rel = os.path.relpath(os.path.realpath(process.path), src).replace(os.sep, "/")
            by_path[rel] = process.content_hash
        processes[process.id] = {
            "version": process.content_hash,
            "updated": process.updated,
            "path": rel,
        }
    return processes, by_path
