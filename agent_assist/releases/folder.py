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
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from agent_assist.knowledge import KnowledgeBase, content_hash

FORMAT = "agent-assist-releases/1"
MANIFEST = "manifest.json"
RELEASE_FILE = "release.json"
RELEASES_DIR = "releases"
LOCK_FILE = ".publish.lock"
STALE_LOCK_SECONDS = 600


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


def kb_files(root: Path) -> list[str]:
    """Every file of a KB folder (relative, ``/``-separated), hidden files and folders skipped."""
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, root)
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith("~"):
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            out.append(rel)
    return out


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
        with _PublishLock(self.root / LOCK_FILE):
            previous = self.newest_good().release
            source = Path(kb.root).resolve()
            src = str(source)
            by_path: dict[str, str] = {}  # relative path → content hash the lint saw
            processes = {}
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
            old = previous.processes if previous else {}
            added = sorted(set(processes) - set(old))
            removed = sorted(set(old) - set(processes))
            changed = sorted(
                pid
                for pid in set(processes) & set(old)
                if processes[pid]["version"] != old[pid].get("version")
            )
            number = max([0, *self._numbers()]) + 1
            staging = self.root / RELEASES_DIR / f".staging-{number:06d}-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            prev_dir = self.release_dir(previous.number) if previous else None
            prev_files = previous.files if previous else {}
            files: dict[str, dict[str, Any]] = {}
            try:
                for rel in kb_files(source):
                    target = staging / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    linted = by_path.get(rel)
                    before = prev_files.get(rel)
                    if linted and before and before.get("hash") == linted and prev_dir:
                        # unchanged since the previous (immutable) snapshot: share its file
                        try:
                            os.link(prev_dir / rel, target)
                            files[rel] = dict(before)
                            continue
                        except OSError:
                            pass
                    data = (source / rel).read_bytes()
                    digest = content_hash(data)
                    if linted and digest != linted:
                        raise PublishError(
                            f"{source / rel} 在发布过程中被修改，请保存后重新发布（已检查的内容与现在不同）"
                        )
                    with open(target, "wb") as fh:
                        fh.write(data)
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
                _write_json(staging / RELEASE_FILE, release.to_dict())
                os.rename(staging, self.release_dir(number))
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
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
        staging = self.root / RELEASES_DIR / f".staging-{release.number:06d}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        target_dir = self.release_dir(release.number)
        try:
            for rel, info in release.files.items():
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if rel in reuse and prev_dir is not None:
                    try:
                        os.link(prev_dir / rel, target)
                        continue
                    except OSError:
                        data = (prev_dir / rel).read_bytes()
                else:
                    fetched = contents.get(info["hash"])
                    if fetched is None or content_hash(fetched) != info["hash"]:
                        raise PublishError(f"发布 #{release.number} 的 {rel} 内容缺失或不符")
                    data = fetched
                with open(target, "wb") as fh:
                    fh.write(data)
            _write_json(staging / RELEASE_FILE, release.to_dict())
            shutil.rmtree(target_dir, ignore_errors=True)  # an incomplete earlier copy
            os.rename(staging, target_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._write_manifest(release)

    def _write_manifest(self, release: Release) -> None:
        entries, _ = self._manifest()
        entries = [e for e in entries if isinstance(e, dict) and e.get("number") != release.number]
        entries.append(release.summary())
        entries.sort(key=lambda e: int(e.get("number", 0)))
        _write_json(
            self.root / MANIFEST,
            {"format": FORMAT, "latest": release.number, "releases": entries},
        )


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``path`` atomically: a temp file beside it, flushed, then ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class _PublishLock:
    """One publisher at a time per folder (a lock file; a stale one older than 10 min is taken)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> _PublishLock:
        for _attempt in range(2):
            try:
                self.fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                os.write(self.fd, str(os.getpid()).encode())
                return self
            except FileExistsError:
                try:
                    age = time.time() - self.path.stat().st_mtime
                except OSError:
                    continue
                if age > STALE_LOCK_SECONDS:
                    self.path.unlink(missing_ok=True)
                    continue
                raise PublishError(
                    f"另一个发布正在进行（{self.path}）；稍后再试，或确认无人发布后删除该文件"
                ) from None
        raise PublishError(f"无法取得发布锁 {self.path}")

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
        self.path.unlink(missing_ok=True)


def changed_versions(old: Release | None, new: Release) -> dict[str, tuple[str, str]]:
    """pid → (old version, new version) for the processes ``new`` changed since ``old``."""
    before = old.processes if old else {}
    return {
        pid: (before.get(pid, {}).get("version", ""), new.processes[pid]["version"])
        for pid in new.changed
        if pid in new.processes
    }


def ids(items: Iterable[str]) -> str:
    """A short comma list for messages."""
    items = list(items)
    head = "、".join(items[:8])
    return head + (f" 等 {len(items)} 个" if len(items) > 8 else "")
