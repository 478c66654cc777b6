"""Is the index cache still what was written? Checks that decide between "open it" and
"rebuild it", kept apart from the building itself (``index.py``).

The manifest records, beside every KB file's entry, each index file's size, time and hash. A
file that changed size, or changed time and hash (random bytes written into a ``.seg``), a
manifest that names something other than a generation folder, a query vocabulary that is torn
or empty: each is a reason, and a reason means one rebuild (or vocabulary rewrite), logged.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WRITE_WAIT = 900.0  # seconds a writer waits for another one (a 20k-process build: ~1 min)
READER_WAIT = 5.0  # … and a store that can search the generation it has meanwhile
GENERATION = re.compile(r"^whoosh(?:-[0-9a-f]+-[0-9]+)?$")  # what a manifest may name
VOCAB_LINES = re.compile(r"(?:\S+ [0-9]+\n)+")


class IndexBusy(OSError):
    """Another program holds the index's write lock and nothing is built to search meanwhile."""


def file_hash(path: str | os.PathLike[str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(slots=True)
class Entry:
    mtime_ns: int
    size: int
    hash: str
    id: str | None  # None: the file is not an indexable process (no front matter, or broken)
    vocab: list[str]


def read_manifest(path: Path, version: int) -> tuple[dict[str, Entry], str, dict[str, Any]] | str:
    """``(entries, generation folder name, index files)`` of a manifest, else why not: ``""``
    when there is none yet (or it is of another schema version), a reason when it is damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, ValueError) as exc:
        return f"manifest unreadable ({exc})"
    try:
        raw = json.loads(text)
        if raw.get("version") != version:
            return ""
        name = raw.get("dir", "whoosh")
        if not isinstance(name, str) or not GENERATION.match(name):
            return f"manifest names a bad index folder {name!r}"
        entries = {}
        for key, value in raw["files"].items():
            if not (isinstance(value, list) and len(value) == 5 and isinstance(value[4], list)):
                return f"manifest entry of {key!r} is damaged"
            entries[key] = Entry(*value)
        files = raw.get("index_files") or {}
        if not isinstance(files, dict):
            return "manifest list of index files is damaged"
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return f"manifest unreadable ({type(exc).__name__}: {exc})"
    return entries, name, files


def record_files(directory: Path, known: dict[str, Any]) -> dict[str, Any]:
    """name → [size, mtime_ns, hash] of a generation's files (whoosh never rewrites a file in
    place, so only new names are hashed); what :func:`check_files` compares with."""
    out = {}
    for entry in os.scandir(directory):
        if "LOCK" in entry.name or not entry.is_file(follow_symlinks=False):
            continue
        st = entry.stat()
        old = known.get(entry.name)
        if isinstance(old, list) and old[:2] == [st.st_size, st.st_mtime_ns]:
            out[entry.name] = old
        else:
            out[entry.name] = [st.st_size, st.st_mtime_ns, file_hash(entry.path)]
    return out


def check_files(directory: Path, files: dict[str, Any], verify: bool) -> str | None:
    """Why a generation's files are not the ones written (damaged), else None. A size or time
    that changed is hashed; ``verify`` hashes every file."""
    for name, record in files.items():
        path = directory / name
        try:
            st = os.stat(path)
        except OSError:
            return f"index file {name} is missing"
        if not (isinstance(record, list) and len(record) == 3):
            return "manifest list of index files is damaged"
        size, mtime_ns, digest = record
        if st.st_size != size:
            return f"index file {name} changed size ({size} → {st.st_size} bytes)"
        if (verify or st.st_mtime_ns != mtime_ns) and file_hash(path) != digest:
            return f"index file {name} was overwritten (checksum differs)"
    return None


def vocabulary_problem(path: Path) -> str | None:
    """Why the query vocabulary file cannot be used (missing, empty, torn, not ``word freq``
    lines), else None."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return "query vocabulary missing"
    except (OSError, UnicodeDecodeError) as exc:
        return f"query vocabulary unreadable ({exc})"
    if text != "\n" and not VOCAB_LINES.fullmatch(text):
        return "query vocabulary damaged (empty, torn or not 'word frequency' lines)"
    return None
