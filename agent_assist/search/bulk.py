"""Reading and analysing many knowledge files at once, fanned out over worker processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import sys
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

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
    """whoosh's in-memory posting pool for a full build, used only when :func:`fast_build` cannot
    replace it (another whoosh shape). Past it whoosh spills sorted runs to disk and merges them
    in Python (20k articles: 288/s at 256 MB, 454/s at 1 GB, measured with whoosh's pool). The
    command line takes the fast path; the desktop app, which shares the agent's machine with the
    CRM and a browser, keeps its footprint small (real use is ~4x the setting). The term pool
    that normally replaces it keeps a 20k build's postings in compact arrays (bench_search's
    20k build-and-search process: peak RSS 1,108 MB with whoosh's pool, ~420 MB with it)."""
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

    whoosh's writer turns every posting into a tuple, sizes it in Python, sorts all of them at
    commit (3.2 million for 20k articles) and hands them one at a time to the segment writer,
    which asks for the document's field length once per posting. Here a document's token field
    is counted once (``Counter``, in C) and each term's postings are appended to that term's
    arrays; documents arrive in docnum order, so the arrays are already sorted, only the 120k
    terms are sorted at commit, and each term's postings go to whoosh's block writer a block at
    a time. The segment written is the one whoosh writes (same blocks, term infos, lengths:
    tests/test_search_speed.py compares them); a writer without the expected internals gets
    its postings through the public per-posting API."""

    def __init__(self) -> None:
        # token field → term → postings packed as docnum << 20 | frequency
        self.tokens: dict[str, defaultdict[str, array[int]]] = {}
        self.lengths: dict[str, dict[int, int]] = {}  # token field → docnum → stored length
        self.other: list[tuple[str, bytes, int, float, bytes]] = []
        self.fieldnames: set[str] = set()

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        """whoosh's per-posting entry (the id and category fields come this way)."""
        self.fieldnames.add(item[0])
        self.other.append(item)

    def add_tokens(self, fieldname: str, docnum: int, value: str | Iterable[str]) -> int:
        """Count one document's tokens in one field; returns the field's length."""
        counts = Counter(value.split() if isinstance(value, str) else value)
        if not counts:
            return 0
        terms = self.tokens.get(fieldname)
        if terms is None:
            terms = self.tokens[fieldname] = defaultdict(_new_postings)
            self.lengths[fieldname] = {}
            self.fieldnames.add(fieldname)
        # each term's array gets docnum << 20 | count, looped in C (map), not per posting in Python
        base = docnum << _SHIFT
        if len(counts) and max(counts.values()) > _MASK:  # a hostile file: a word a million
            counts = Counter({t: min(n, _MASK) for t, n in counts.items()})  # times is saturated
        deque(
            map(array.append, map(terms.__getitem__, counts), map(base.__or__, counts.values())),
            maxlen=0,
        )
        length = sum(counts.values())
        self.lengths[fieldname][docnum] = stored_length(length)
        return length

    def cleanup(self) -> None:
        self.tokens, self.other = {}, []

    def write(self, fieldwriter: Any, schema: Any, lengths: Any) -> None:
        """Write every field's postings through ``fieldwriter``, in whoosh's order."""
        others: dict[str, list[tuple[str, bytes, int, float, bytes]]] = {}
        for item in sorted(self.other, key=lambda x: (x[0], x[1], x[2])):
            others.setdefault(item[0], []).append(item)
        for fieldname in sorted(set(self.tokens) | set(others)):
            fieldwriter.start_field(fieldname, schema[fieldname])
            if fieldname in self.tokens:
                terms = self.tokens.pop(fieldname)
                doc_len = self.lengths.pop(fieldname)
                for term in sorted(terms):  # code point order is UTF-8 byte order
                    packed = terms[term]
                    ids = array("I", [x >> _SHIFT for x in packed])
                    freqs = [x & _MASK for x in packed]
                    fieldwriter.start_term(term.encode("utf-8"))
                    weights = array("f", freqs)
                    values = [_PACKED[n] if n < 256 else pack_uint(n) for n in freqs]
                    _add_term(fieldwriter, ids, weights, values, doc_len.__getitem__)
                    fieldwriter.finish_term()
            else:
                dfl = _lengths_of(lengths, fieldname) if lengths is not None else None
                last = None
                for _, tbytes, docnum, weight, vbytes in others[fieldname]:
                    if tbytes != last:
                        if last is not None:
                            fieldwriter.finish_term()
                        fieldwriter.start_term(tbytes)
                        last = tbytes
                    fieldwriter.add(docnum, weight, vbytes or b"", dfl(docnum) if dfl else 0)
                if last is not None:
                    fieldwriter.finish_term()
            fieldwriter.finish_field()


_PACKED = [pack_uint(n) for n in range(256)]
_SHIFT = 20  # room for a term's frequency in one document (capped there: BM25 saturates)
_MASK = (1 << _SHIFT) - 1


def _new_postings() -> array[int]:
    return array("Q")


_stored_lengths: dict[int, int] = {}


def stored_length(length: int) -> int:
    """A field length as whoosh's lengths column gives it back to the segment writer: one byte,
    exact when small, rounded when large, and 0 for a zero byte."""
    out = _stored_lengths.get(length)
    if out is None:
        byte = length_to_byte(length)
        out = _stored_lengths[length] = byte_to_length(byte) if byte else 0
    return out


def _lengths_of(lengths: Any, fieldname: str) -> Any:
    """docnum → the field length whoosh's writer would pass with each posting."""

    def get(docnum: int) -> int:
        return int(lengths.doc_field_length(docnum, fieldname) or 0)

    return get


def _add_term(
    fieldwriter: Any, ids: Any, weights: Any, values: list[bytes], field_lengths: Any
) -> None:
    """One term's postings into whoosh's W3 block writer, a block at a time."""
    pw: Any = getattr(fieldwriter, "_postwriter", None)
    if not all(
        hasattr(pw, a)
        for a in ("_ids", "_weights", "_values", "_blocklimit", "_write_block", "_maxweight")
    ) or getattr(pw, "_byteids", True):
        for i, docnum in enumerate(ids):
            fieldwriter.add(docnum, weights[i], values[i] or b"", field_lengths(docnum))
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
        lens = [x for x in map(field_lengths, ids[start:end]) if x]
        if lens:
            lo, hi = min(lens), max(lens)
            if pw._minlength is None or lo < pw._minlength:
                pw._minlength = lo
            if hi > pw._maxlength:
                pw._maxlength = hi
        start = end


def _fast_shape(writer: Any) -> bool:
    """The writer and schema are what :func:`fast_build` replicates: whoosh's segment writer, and
    fields without columns, term vectors or spelling words (the index's schema)."""
    needed = ("pool", "perdocwriter", "fieldwriter", "per_document_reader", "codec", "schema")
    if not all(hasattr(writer, a) for a in needed) or not hasattr(writer, "docnum"):
        return False
    for name in writer.schema.names():
        field = writer.schema[name]
        if field.column_type or field.vector or field.separate_spelling():
            return False
    return True


def fast_build(writer: Any) -> Any:
    """Give a fresh index's writer a :class:`TermPool` and an ``add_document`` that feeds it
    token fields whole (see there); a writer of another shape is left as it is. Only for a
    writer that adds documents and merges nothing in."""
    if not _fast_shape(writer):
        return writer
    from agent_assist.search.schema import TokenField

    pool = TermPool()
    writer.pool = pool
    schema = writer.schema

    def add_document(**fields: Any) -> None:
        """whoosh's ``SegmentWriter.add_document`` for this schema (no boosts, columns or
        vectors), with each token field counted once instead of posted term by term."""
        writer._check_state()
        pdw = writer.perdocwriter
        docnum = writer.docnum
        names = sorted(name for name in fields if not name.startswith("_"))
        writer._check_fields(schema, names)
        pdw.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    if isinstance(field, TokenField):
                        length = pool.add_tokens(name, docnum, value)
                    else:
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            pool.add((name, tbytes, docnum, weight, vbytes))
                pdw.add_field(name, field, value if field.stored else None, length)
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        writer._added = True
        writer.docnum += 1

    def flush_segment() -> None:
        writer.perdocwriter.close()
        pdr = writer.per_document_reader() if writer.codec.length_stats else None
        pool.write(writer.fieldwriter, schema, pdr)
        writer.fieldwriter.close()
        if pdr:
            pdr.close()

    writer.add_document = add_document
    writer._flush_segment = flush_segment
    return writer
