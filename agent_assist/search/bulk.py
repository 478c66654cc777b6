"""Reading and analysing many knowledge files at once, fanned out over worker processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from agent_assist.knowledge import Problem, content_hash, parse_process
from agent_assist.knowledge.kbfiles import KBFileError, decode_text, read_file
from agent_assist.search import analyzer

Progress = Callable[[int, int], None]
_T = TypeVar("_T")
_R = TypeVar("_R")
_BULK = 200  # at least this many files → worker processes


def _read(path_str: str) -> tuple[str, int, int, str, object, list[Problem]]:
    """Stat, read, hash and parse one file (runs in worker processes during bulk builds).

    Read as untrusted input (``knowledge.kbfiles``): regular files only, size-capped, UTF-8 or
    UTF-16 with a BOM; whatever cannot be read is a problem, never an exception."""
    path = Path(path_str)
    try:  # the index's folder scan checked it just now (kbfiles.scan_kb)
        data, st = read_file(path, checked=True)
        text = decode_text(data)
    except KBFileError as exc:
        return path_str, 0, 0, "", None, [exc.problem(path)]
    digest = content_hash(data)
    if not text.startswith("---"):
        return path_str, st.st_mtime_ns, st.st_size, digest, None, []
    process, problems = parse_process(path, text, digest)
    return (
        path_str,
        st.st_mtime_ns,
        st.st_size,
        digest,
        process,
        [p for p in problems if p.severity == "error"],
    )


def _writer_memory_mb() -> int:
    """whoosh's in-memory posting pool for a full build. Past it whoosh spills sorted runs to
    disk and merges them in Python (20k articles: 288/s at 256 MB, 454/s at 1 GB, measured).
    The command line takes the fast path; the desktop app, which shares the agent's machine
    with the CRM and a browser, keeps its footprint small (real use is ~4x the setting)."""
    return 256 if "PySide6" in sys.modules else 1024


def _init_worker(words: list[str]) -> None:
    """A spawned worker starts with a bare jieba: teach it the KB's words first."""
    analyzer.add_words(words)


def _pool(words: list[str]) -> multiprocessing.pool.Pool:
    """Worker processes: ``fork`` in a plain process (the child inherits the loaded dictionaries
    for free); ``spawn`` once Qt is loaded, because forking a process with Qt's threads running
    can deadlock the child, and on Windows, which has no fork."""
    n = min(4, os.cpu_count() or 2)
    if sys.platform != "win32" and "PySide6" not in sys.modules:
        return multiprocessing.get_context("fork").Pool(n)
    return multiprocessing.get_context("spawn").Pool(n, initializer=_init_worker, initargs=(words,))


def _imap(
    fn: Callable[[_T], _R],
    items: list[_T],
    progress: Progress | None = None,
    total: int = 0,
    done0: int = 0,
    words: list[str] | None = None,
) -> Iterator[_R]:
    """Ordered ``map`` that fans out over worker processes when the batch is big, yielding
    results as they come so the caller (the whoosh writer) works meanwhile."""
    if len(items) >= _BULK and (os.cpu_count() or 1) > 1:
        with _pool(words or []) as pool:
            for n, r in enumerate(pool.imap(fn, items, chunksize=32), 1):
                if progress and n % 200 == 0:
                    progress(done0 + n, total)
                yield r
    else:
        for n, item in enumerate(items, 1):
            if progress and n % 200 == 0:
                progress(done0 + n, total)
            yield fn(item)


def _map(
    fn: Callable[[_T], _R],
    items: list[_T],
    progress: Progress | None = None,
    total: int = 0,
    done0: int = 0,
) -> list[_R]:
    return list(_imap(fn, items, progress, total, done0))


class _MemoLengths:
    """whoosh's posting writer asks for a document's field length once per posting (a hundred
    times per document for the body), and each answer is a read from the lengths column; about a
    third of a commit. The answers never change during a commit, so they are remembered."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._memo: dict[tuple[int, str], Any] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        key = (docnum, fieldname)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = self._inner.doc_field_length(docnum, fieldname, default)
            return value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def fast_commit_lengths(writer: Any) -> Any:
    """Make ``writer``'s commit read each document's field lengths once (see ``_MemoLengths``);
    a writer without the hook is left as it is."""
    make = getattr(writer, "per_document_reader", None)
    if callable(make):
        writer.per_document_reader = lambda: _MemoLengths(make())
    return writer
