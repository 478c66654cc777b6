"""The whoosh index: a cache of the knowledge folder in the user data dir, kept in step by hash.

``IndexStore.sync()`` compares the folder with a manifest (path → mtime, size, content hash, id):
unchanged files cost a ``stat``; a changed file is re-analysed and replaces its one document; a
deleted file deletes it. A missing, half-written or corrupt index (or manifest) is rebuilt from
scratch into a fresh folder and swapped in, so a crash mid-build never leaves a broken cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as windex

from agent_assist.knowledge import Problem, scan_kb
from agent_assist.search import analyzer
from agent_assist.search.bulk import (
    Progress,
    _imap,
    _map,
    _read,
    _writer_memory_mb,
    fast_build,
    fast_commit_lengths,
)
from agent_assist.search.cache_health import (
    GENERATION,
    READER_WAIT,
    WRITE_WAIT,
    Entry,
    IndexBusy,
    check_files,
    read_manifest,
    record_files,
    vocabulary_problem,
)
from agent_assist.search.documents import IndexDoc, analyse
from agent_assist.search.schema import SCHEMA_VERSION, WORD_FIELDS, make_schema

if TYPE_CHECKING:
    from filelock import FileLock

log = logging.getLogger(__name__)


@dataclass
class SyncStats:
    """What a sync did; ``problems`` are files that could not be indexed (reported, skipped)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    healed: str = ""  # why a damaged cache was rebuilt (or its vocabulary rewritten), if it was

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


class IndexStore:
    """One knowledge folder's index under ``cache_dir()/index/<hash of folder path>``."""

    def __init__(self, kb_dir: Path, cache_root: Path | None = None) -> None:
        from agent_assist.storage import cache_dir

        self.kb_dir = Path(kb_dir).resolve()
        key = hashlib.sha1(str(self.kb_dir).encode("utf-8")).hexdigest()[:16]
        self.root = (cache_root or cache_dir()) / "index" / key
        self.dir = self.root / "whoosh"  # the live generation, named by the manifest
        self.manifest_path = self.root / "manifest.json"
        self.vocab_path = self.root / "vocab.txt"
        self._ix: Any = None
        self._entries: dict[str, Entry] = {}
        self._files: dict[
            str, Any
        ] = {}  # the live generation's files: name → [size, mtime_ns, hash]
        self._manifest_stamp: tuple[int, int, int] | None = (
            None  # (mtime, size, inode) of the manifest read
        )
        self._vocab: set[str] | None = None
        self._pending_terms: set[str] = set()
        self._scan_problems: list[Problem] = []
        self._fresh_scan: dict[str, os.stat_result] | None = None
        self.vocab_rebuilt = False  # the last sync rewrote the query vocabulary from scratch
        self.vocab_added: list[str] = []  # … or appended these words to it

    # -- opening ---------------------------------------------------------------------------
    def close(self) -> None:
        """Forget the open index (the next sync opens the newest generation again)."""
        self._ix = None

    def _manifest_stamp_now(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.manifest_path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def moved(self) -> bool:
        """True when another process (or another store) wrote a newer manifest than the one
        this store opened: a rebuild elsewhere, whose generation this one should read."""
        return self._ix is not None and self._manifest_stamp_now() != self._manifest_stamp

    def refresh(self) -> bool:
        """Reopen the newest generation if another writer replaced it (no folder scan; what
        readers call before searching). True when something new was opened."""
        if not self.moved():
            return False
        old = (self._ix, self.dir, self._entries, self._files, self._manifest_stamp)
        if self._open_existing() is None:
            self._vocab = None
            return True
        self._ix, self.dir, self._entries, self._files, self._manifest_stamp = old
        return False

    def _load_manifest(self) -> bool:
        return self._read_manifest() is None

    def _read_manifest(self) -> str | None:
        """Load the manifest into this store. None when loaded; else why not — ``""`` when
        there is simply none yet (or it is of an older schema), a reason when it is damaged."""
        stamp = self._manifest_stamp_now()
        parsed = read_manifest(self.manifest_path, SCHEMA_VERSION)
        if isinstance(parsed, str):
            return parsed
        self._entries, name, self._files = parsed
        self.dir = self.root / name
        self._manifest_stamp = stamp
        return None

    def _save_manifest(self) -> None:
        tmp = self.manifest_path.with_suffix(f".{os.getpid()}.tmp")
        self._files = record_files(self.dir, self._files)
        data = {
            "version": SCHEMA_VERSION,
            "kb": str(self.kb_dir),
            "dir": self.dir.name,
            "files": {
                k: [e.mtime_ns, e.size, e.hash, e.id, e.vocab] for k, e in self._entries.items()
            },
            "index_files": self._files,
        }
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.manifest_path)
        finally:
            tmp.unlink(missing_ok=True)
        self._manifest_stamp = self._manifest_stamp_now()

    def _open_existing(self, verify: bool = False) -> str | None:
        """Open index + manifest if both exist and agree. None when opened; else why not
        (``""``: nothing built yet; a reason: the cache is damaged and must be rebuilt)."""
        why = self._read_manifest()
        if why is not None:
            return why
        why = check_files(self.dir, self._files, verify)
        if why is not None:
            return why
        try:
            ix = windex.open_dir(str(self.dir))
            with ix.searcher() as s:
                indexed = s.doc_count()
                if verify:  # read every stored document and term: what a search may touch
                    for docnum in range(s.doc_count_all()):
                        s.stored_fields(docnum)
                    for name in WORD_FIELDS:
                        for _ in s.reader().lexicon(name):
                            pass
        except Exception as exc:  # whoosh raises many kinds on damaged files (zlib.error …)
            return f"index unreadable ({type(exc).__name__}: {exc})"
        expected = sum(1 for e in self._entries.values() if e.id)
        if indexed != expected:
            return f"index has {indexed} documents, manifest {expected}"
        self._ix = ix
        return None

    def vocabulary_problem(self) -> str | None:
        """Why the query vocabulary file cannot be used, else None (see ``cache_health``)."""
        return vocabulary_problem(self.vocab_path)

    @property
    def ix(self) -> Any:
        if self._ix is None:
            raise RuntimeError("index not opened: call sync() first")
        return self._ix

    # -- syncing ---------------------------------------------------------------------------
    def _write_lock(self) -> FileLock:
        """One writer per index folder across processes; the others wait (see ``sync``). A
        store with a generation open waits only briefly: it can search that one meanwhile."""
        from filelock import FileLock

        wait = WRITE_WAIT if self._ix is None else READER_WAIT
        return FileLock(str(self.root / "write.lock"), timeout=wait)

    def sync(
        self, progress: Progress | None = None, *, rebuild: bool = False, verify: bool = False
    ) -> SyncStats:
        """Bring the index in step with the folder. Returns what changed.

        Writers (a rebuild, changed files) hold the folder's write lock: a second ``index
        --rebuild`` waits for the first instead of deleting its half-built generation, and a
        sync with nothing to write takes no lock at all. A damaged cache — unreadable
        manifest, overwritten or missing index files, an index whose documents disagree with
        the manifest, a torn query vocabulary — is rebuilt once, and ``stats.healed`` says
        why. ``verify``: also hash every index file and read every stored document (what
        ``agent-assist index`` does).
        """
        from filelock import Timeout

        t0 = time.perf_counter()
        self._fresh_scan = None
        self.root.mkdir(parents=True, exist_ok=True)
        explicit, healed = rebuild, ""
        if self._ix is not None and (verify or self.moved()):
            self._ix = None  # another writer's newer generation, or a check: open afresh
        if not rebuild and self._ix is None:
            why = self._open_existing(verify)
            if why:
                healed = why
                log.warning("search index damaged (%s); rebuilding", why)
            rebuild = why is not None
        if not rebuild and not self._has_changes() and self.vocabulary_problem() is None:
            self._fresh_scan = None
            stats = SyncStats(unchanged=len(self._entries))
            stats.problems.extend(self._scan_problems)
            stats.seconds = time.perf_counter() - t0
            return stats
        try:
            with self._write_lock():
                if rebuild and not explicit and self._open_existing(verify) is None:
                    rebuild = False  # another writer built (or healed) it while we waited
                elif not rebuild and self.moved():
                    self.refresh()
                stats = self._rebuild(progress) if rebuild else self._incremental(progress)
                self._sync_vocabulary(stats)
        except Timeout:
            if self._ix is None:
                raise IndexBusy(
                    "the search index is being built by another program; try again shortly"
                ) from None
            stats = SyncStats()  # search the generation we have; the other writer updates it
            stats.problems.append(
                Problem(self.root, 1, "index busy in another program: not updated", "warning")
            )
        if healed:
            stats.healed = healed
        stats.seconds = time.perf_counter() - t0
        return stats

    def _has_changes(self) -> bool:
        """Whether the folder differs from the manifest (a scan: one stat per file)."""
        found = self._scan()
        self._fresh_scan = found  # the incremental sync that follows uses it (one scan a sync)
        if len(found) != len(self._entries):
            return True
        for rel, st in found.items():
            old = self._entries.get(rel)
            if old is None or (old.mtime_ns, old.size) != (st.st_mtime_ns, st.st_size):
                return True
        return False

    def _sync_vocabulary(self, stats: SyncStats) -> None:
        self.vocab_rebuilt, self.vocab_added = False, []
        why = None if stats.rebuilt else self.vocabulary_problem()
        if why and self.vocab_path.exists():
            log.warning("%s; rewriting it from the index", why)
            stats.healed = stats.healed or why
        if stats.rebuilt or why:
            self._write_vocabulary()
        elif self._pending_terms:
            self._extend_vocabulary()
        self._pending_terms = set()

    def rewrite_vocabulary(self) -> None:
        """Write the query vocabulary again from the live index (it was found unusable)."""
        with self._write_lock():
            self._write_vocabulary()

    def _write_vocabulary(self) -> None:
        """The index's words, for segmenting queries (see ``analyzer.write_vocabulary``)."""
        terms: set[str] = set()
        with self.ix.reader() as reader:
            for name in WORD_FIELDS:
                for term in reader.lexicon(name):
                    terms.add(term.decode("utf-8") if isinstance(term, bytes) else term)
        analyzer.write_vocabulary(self.vocab_path, terms)
        self._vocab = terms
        self.vocab_rebuilt = True

    def _extend_vocabulary(self) -> None:
        """Append the words of re-indexed documents that the vocabulary lacks (words of deleted
        documents stay: a spare word in the query segmenter's dictionary costs nothing)."""
        if self._vocab is None:
            try:
                text = self.vocab_path.read_text(encoding="utf-8")
                self._vocab = {line.split(" ", 1)[0] for line in text.splitlines() if line}
            except OSError:
                self._write_vocabulary()
                return
        new = sorted(t for t in self._pending_terms if t not in self._vocab)
        if new:
            self.vocab_added = analyzer.append_vocabulary(self.vocab_path, new)
            self._vocab.update(new)

    def _remove_old_generations(self, keep: Path | None = None) -> None:
        """Delete index folders other than the live one and ``keep`` (the generation live until
        now, which a reader in another process may still be searching; it goes at the next
        rebuild). Runs under the write lock, so no other writer's half-built folder is here;
        one still open elsewhere (Windows) stays until a later rebuild."""
        for old in self.root.glob("whoosh*"):
            if old.is_dir() and old not in (self.dir, keep) and GENERATION.match(old.name):
                shutil.rmtree(old, ignore_errors=True)

    def _scan(self) -> dict[str, os.stat_result]:
        """relative path → stat of every process file, by the loader's rules
        (``knowledge.scan_kb``: no folder symlinks, regular files only, size cap); what is
        refused goes to ``self._scan_problems`` for the sync's report."""
        found, self._scan_problems = scan_kb(self.kb_dir)
        return found

    def _analyse_all(
        self, parsed: list[tuple[Any, ...]], progress: Progress | None, total: int
    ) -> Iterator[IndexDoc]:
        """Analysed documents of the parsed processes, in order (a generator: see ``_imap``)."""
        processes = [r[4] for r in parsed if r[4] is not None]
        # jieba (full dictionary) is loaded only here, when something must be (re)analysed; the
        # KB's own words go in first so old and new documents are segmented alike
        analyzer.add_words(w for e in self._entries.values() for w in e.vocab)
        analyzer.add_words(
            w for p in processes for w in analyzer.vocabulary_of(p.title, p.keywords)
        )
        return _imap(
            analyse, processes, progress, total, done0=len(parsed), words=analyzer.added_words()
        )

    def _rebuild(self, progress: Progress | None) -> SyncStats:
        stats = SyncStats(rebuilt=True)
        files = sorted(self._scan())
        stats.problems.extend(self._scan_problems)
        total = 2 * len(files)
        parsed = _map(_read, [str(self.kb_dir / f) for f in files], progress, total)
        self.root.mkdir(parents=True, exist_ok=True)
        # a new generation folder; the manifest switches to it atomically once it is complete, so
        # a reader of the old one (another process, or Windows with files still open) is unharmed
        fresh = self.root / f"whoosh-{time.time_ns():x}-{os.getpid()}"
        fresh.mkdir(parents=True)
        before = (self._ix, self.dir, self._entries, self._files)
        try:
            self._build_into(fresh, files, parsed, stats, progress, total)
        except BaseException:
            # a full disk, a crash of a worker …: no half-built generation stays behind, and the
            # previous one (still named by the manifest) keeps answering
            shutil.rmtree(fresh, ignore_errors=True)
            self._ix, self.dir, self._entries, self._files = before
            raise
        self._remove_old_generations(keep=before[1])
        if progress:
            progress(total, total)
        return stats

    def _build_into(
        self,
        fresh: Path,
        files: list[str],
        parsed: list[tuple[Any, ...]],
        stats: SyncStats,
        progress: Progress | None,
        total: int,
    ) -> None:
        ix = windex.create_in(str(fresh), make_schema())
        entries: dict[str, Entry] = {}
        seen: dict[str, str] = {}
        doc_iter = iter(self._analyse_all(parsed, progress, total))
        writer = fast_build(ix.writer(limitmb=_writer_memory_mb()))
        try:
            for rel, (_, mtime, size, digest, process, problems) in zip(files, parsed):
                stats.problems.extend(problems)
                pid = None
                vocab: list[str] = []
                if process is not None:
                    doc = next(doc_iter)
                    if process.id in seen:
                        stats.problems.append(
                            Problem(
                                self.kb_dir / rel,
                                1,
                                f"duplicate id {process.id!r}: already used by {seen[process.id]}",
                            )
                        )
                    else:
                        seen[process.id] = rel
                        writer.add_document(**doc.fields)
                        pid, vocab = process.id, list(doc.vocabulary)
                        stats.added += 1
                entries[rel] = Entry(mtime, size, digest, pid, vocab)
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            raise
        self._ix = None
        self.dir = fresh
        self._entries = entries
        self._files = {}
        self._save_manifest()
        self._ix = windex.open_dir(str(self.dir))

    def _incremental(self, progress: Progress | None) -> SyncStats:
        stats = SyncStats()
        found, self._fresh_scan = self._fresh_scan or self._scan(), None
        stats.problems.extend(self._scan_problems)
        changed = [
            rel
            for rel, st in found.items()
            if rel not in self._entries
            or (self._entries[rel].mtime_ns, self._entries[rel].size)
            != (st.st_mtime_ns, st.st_size)
        ]
        removed = [rel for rel in self._entries if rel not in found]
        stats.unchanged = len(found) - len(changed)
        if not changed and not removed:
            return stats
        parsed = _map(
            _read, [str(self.kb_dir / rel) for rel in changed], progress, 2 * len(changed)
        )
        # a touched file whose bytes did not change only needs its stat refreshed
        really: list[tuple[str, tuple[Any, ...]]] = []
        for rel, r in zip(changed, parsed):
            old = self._entries.get(rel)
            if old is not None and old.hash == r[3] and not r[5]:
                self._entries[rel] = Entry(r[1], r[2], r[3], old.id, old.vocab)
                stats.unchanged += 1
            else:
                really.append((rel, r))
        if not really and not removed:
            self._save_manifest()
            return stats
        docs = iter(self._analyse_all([r for _, r in really], None, 0))
        owner = {e.id: rel for rel, e in self._entries.items() if e.id}
        writer = fast_commit_lengths(self.ix.writer(limitmb=128))
        try:
            for rel in removed:
                entry = self._entries.pop(rel)
                if entry.id and owner.get(entry.id) == rel:
                    writer.delete_by_term("id", entry.id)
                    owner.pop(entry.id, None)
                    stats.removed += 1
            for rel, (_, mtime, size, digest, process, problems) in really:
                stats.problems.extend(problems)
                old = self._entries.get(rel)
                if (
                    old is not None
                    and old.id
                    and owner.get(old.id) == rel
                    and (process is None or process.id != old.id)
                ):
                    writer.delete_by_term("id", old.id)
                    owner.pop(old.id, None)
                    stats.removed += 1
                pid, vocab = None, []
                if process is not None:
                    doc = next(docs)
                    holder = owner.get(process.id)
                    if holder is not None and holder != rel:
                        stats.problems.append(
                            Problem(
                                self.kb_dir / rel,
                                1,
                                f"duplicate id {process.id!r}: already used by {holder}",
                            )
                        )
                    else:
                        writer.update_document(**doc.fields)
                        for name in WORD_FIELDS:
                            tokens = doc.fields[name]
                            assert isinstance(tokens, str)  # word fields are token strings
                            self._pending_terms.update(tokens.split())
                        owner[process.id] = rel
                        pid, vocab = process.id, list(doc.vocabulary)
                        if old is not None and old.id == process.id:
                            stats.updated += 1
                        else:
                            stats.added += 1
                self._entries[rel] = Entry(mtime, size, digest, pid, vocab)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._save_manifest()
        self._ix = windex.open_dir(str(self.dir))
        return stats
