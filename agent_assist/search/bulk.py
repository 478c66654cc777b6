"""Reading and analysing many knowledge files at once, fanned out over worker processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import sys
from array import array
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


class TermPool:
    """A posting pool for a full build, in place of whoosh's.

    whoosh's pool sizes every posting in Python, sorts all of them at commit (3.2 million tuples
    for 20k articles) and hands them one at a time to the segment writer, which asks for the
    document's field length once per posting. Documents arrive in docnum order, so each term's
    postings are already sorted when kept per (field, term): at commit only the 120k terms are
    sorted, and each term's postings go to whoosh's block writer a block at a time. The segment
    written is the one whoosh writes (same blocks, same term infos); a writer without the
    expected internals gets its postings through the public per-posting API."""

    def __init__(self) -> None:
        # field → term bytes → (docnums, weights, encoded values)
        self.terms: dict[str, dict[bytes, tuple[array[int], array[float], list[bytes]]]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        field = self.terms.get(fieldname)
        if field is None:
            field = self.terms[fieldname] = {}
            self.fieldnames.add(fieldname)
        entry = field.get(tbytes)
        if entry is None:
            entry = field[tbytes] = (array("I"), array("f"), [])
        entry[0].append(docnum)
        entry[1].append(weight)
        entry[2].append(vbytes)

    def cleanup(self) -> None:
        self.terms = {}

    def write(self, fieldwriter: Any, schema: Any, lengths: Any) -> None:
        """Write every term's postings through ``fieldwriter`` (whoosh's ``add_postings``)."""
        for fieldname in sorted(self.terms):
            terms = self.terms[fieldname]
            field_lengths = _lengths_of(lengths, fieldname) if lengths is not None else None
            fieldwriter.start_field(fieldname, schema[fieldname])
            for tbytes in sorted(terms):
                ids, weights, values = terms[tbytes]
                fieldwriter.start_term(tbytes)
                _add_term(fieldwriter, ids, weights, values, field_lengths)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
            terms.clear()


def _lengths_of(lengths: Any, fieldname: str) -> Any:
    """A lazy docnum → stored field length lookup (what whoosh's writer passes per posting)."""
    memo: dict[int, int] = {}

    def get(docnum: int) -> int:
        n = memo.get(docnum)
        if n is None:
            n = memo[docnum] = lengths.doc_field_length(docnum, fieldname) or 0
        return n

    return get


def _add_term(
    fieldwriter: Any, ids: Any, weights: Any, values: list[bytes], field_lengths: Any
) -> None:
    """One term's postings into whoosh's W3 block writer, a block at a time."""
    pw = getattr(fieldwriter, "_postwriter", None)
    if not all(
        hasattr(pw, a)
        for a in ("_ids", "_weights", "_values", "_blocklimit", "_write_block", "_maxweight")
    ) or getattr(pw, "_byteids", True):
        for i, docnum in enumerate(ids):
            length = field_lengths(docnum) if field_lengths else 0
            fieldwriter.add(docnum, weights[i], values[i] or b"", length)
        return
    limit = pw._blocklimit
    n = len(ids)
    start = 0
    while start < n:
        if len(pw._ids) >= limit:  # as add_posting: a full block is written once more follow
            pw._write_block()
        end = min(n, start + limit - len(pw._ids))
        chunk_w = weights[start:end]
        pw._ids.extend(ids[start:end])
        pw._weights.extend(chunk_w)
        pw._values.extend(v for v in values[start:end] if v)
        top = max(chunk_w)
        if top > pw._maxweight:
            pw._maxweight = top
        if field_lengths is not None:
            lens = [x for x in map(field_lengths, ids[start:end]) if x]
            if lens:
                lo, hi = min(lens), max(lens)
                if pw._minlength is None or lo < pw._minlength:
                    pw._minlength = lo
                if hi > pw._maxlength:
                    pw._maxlength = hi
        start = end


def fast_build(writer: Any) -> Any:
    """Give a fresh index's writer a :class:`TermPool` (see there); a writer of another shape is
    left as it is. Only for a writer that adds documents and merges nothing in."""
    needed = ("pool", "perdocwriter", "fieldwriter", "per_document_reader", "codec", "schema")
    if not all(hasattr(writer, a) for a in needed):
        return writer
    pool = TermPool()
    writer.pool = pool

    def flush_segment() -> None:
        writer.perdocwriter.close()
        pdr = writer.per_document_reader() if writer.codec.length_stats else None
        pool.write(writer.fieldwriter, writer.schema, pdr)
        writer.fieldwriter.close()
        if pdr:
            pdr.close()

    writer._flush_segment = flush_segment
    return writer
