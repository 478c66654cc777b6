"""Writing release folders safely: atomic JSON, a staging folder renamed into place, one
publisher at a time, and which files of a KB folder a snapshot holds.

A reader of a share must never see half a release, whether it was published here
(:meth:`FolderChannel.publish`) or copied from the team server (:meth:`FolderChannel.import_release`):
both build the snapshot in :func:`staged` and only a complete one gets its real name.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from agent_assist.releases.record import PublishError

STALE_LOCK_SECONDS = 600


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


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``path`` atomically: a temp file beside it, flushed, then ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_file(target: Path, data: bytes) -> None:
    """One snapshot file (its folder made as needed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(data)


def link_file(source: Path, target: Path) -> bool:
    """Share an unchanged file with an earlier (immutable) snapshot by a hard link; False where
    the file system cannot link (the caller copies instead)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


@contextmanager
def staged(target: Path, *, replace: bool = False) -> Iterator[Path]:
    """A hidden staging folder beside ``target``, renamed to ``target`` when the block ends
    well and removed when it fails (whatever the failure), so ``target`` only ever appears
    complete. ``replace`` removes an earlier, incomplete ``target`` first."""
    staging = target.with_name(f".staging-{target.name}-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        yield staging
        if replace:
            shutil.rmtree(target, ignore_errors=True)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class PublishLock:
    """One publisher at a time per folder (a lock file; a stale one older than 10 min is taken)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> PublishLock:
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
