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
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex

from agent_assist.knowledge import Problem, scan_kb
from agent_assist.search import analyzer
from agent_assist.search.bulk import (
    Progress,
    _imap,
    _map,
    _read,
    _writer_memory_mb,
    fast_commit_lengths,
)
from agent_assist.search.documents import analyse
from agent_assist.search.schema import SCHEMA_VERSION, WORD_FIELDS, make_schema

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

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


@dataclass(slots=True)
class _Entry:
    mtime_ns: int
    size: int
    hash: str
    id: str | None  # None: the file is not an indexable process (no front matter, or broken)
    vocab: list[str]


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
        self._ix = None
        self._entries: dict[str, _Entry] = {}
        self._vocab: set[str] | None = None
        self._pending_terms: set[str] = set()
        self._scan_problems: list[Problem] = []
        self.vocab_rebuilt = False  # the last sync rewrote the query vocabulary from scratch
        self.vocab_added: list[str] = []  # … or appended these words to it

    # -- opening ---------------------------------------------------------------------------
    def _load_manifest(self) -> bool:
        try:
            raw = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if raw.get("version") != SCHEMA_VERSION:
                return False
            self._entries = {k: _Entry(*v) for k, v in raw["files"].items()}
            self.dir = self.root / raw.get("dir", "whoosh")
            return True
        except (OSError, ValueError, TypeError, KeyError):
            return False

    def _save_manifest(self) -> None:
        tmp = self.manifest_path.with_suffix(".tmp")
        data = {
            "version": SCHEMA_VERSION,
            "kb": str(self.kb_dir),
            "dir": self.dir.name,
            "files": {
                k: [e.mtime_ns, e.size, e.hash, e.id, e.vocab] for k, e in self._entries.items()
            },
        }
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.manifest_path)

    def _open_existing(self) -> bool:
        """Open index + manifest if both exist and agree; anything odd means rebuild."""
        if not self._load_manifest():
            return False
        try:
            ix = windex.open_dir(str(self.dir))
            with ix.searcher() as s:
                indexed = s.doc_count()
        except Exception as exc:  # whoosh raises many kinds on damaged files
            log.warning("search index unreadable (%s); rebuilding", exc)
            return False
        expected = sum(1 for e in self._entries.values() if e.id)
        if indexed != expected:
            log.warning("search index has %d docs, manifest %d; rebuilding", indexed, expected)
            return False
        self._ix = ix
        return True

    @property
    def ix(self):
        if self._ix is None:
            raise RuntimeError("index not opened: call sync() first")
        return self._ix

    # -- syncing ---------------------------------------------------------------------------
    def sync(self, progress: Progress | None = None, *, rebuild: bool = False) -> SyncStats:
        """Bring the index in step with the folder. Returns what changed."""
        t0 = time.perf_counter()
        if rebuild or (self._ix is None and not self._open_existing()):
            stats = self._rebuild(progress)
        else:
            stats = self._incremental(progress)
        self.vocab_rebuilt, self.vocab_added = False, []
        if stats.rebuilt or not self.vocab_path.exists():
            self._write_vocabulary()
        elif self._pending_terms:
            self._extend_vocabulary()
        self._pending_terms = set()
        stats.seconds = time.perf_counter() - t0
        return stats

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

    def _remove_old_generations(self) -> None:
        """Delete index folders other than the live one; one still open elsewhere (Windows) stays
        until a later sync."""
        for old in self.root.glob("whoosh*"):
            if old.is_dir() and old != self.dir:
                shutil.rmtree(old, ignore_errors=True)

    def _scan(self) -> dict[str, os.stat_result]:
        """relative path → stat of every process file, by the loader's rules
        (``knowledge.scan_kb``: no folder symlinks, regular files only, size cap); what is
        refused goes to ``self._scan_problems`` for the sync's report."""
        found, self._scan_problems = scan_kb(self.kb_dir)
        return found

    def _analyse_all(self, parsed: list, progress: Progress | None, total: int):
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
        ix = windex.create_in(str(fresh), make_schema())
        entries: dict[str, _Entry] = {}
        seen: dict[str, str] = {}
        doc_iter = iter(self._analyse_all(parsed, progress, total))
        writer = fast_commit_lengths(ix.writer(limitmb=_writer_memory_mb()))
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
                entries[rel] = _Entry(mtime, size, digest, pid, vocab)
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        self._ix = None
        self.dir = fresh
        self._entries = entries
        self._save_manifest()
        self._ix = windex.open_dir(str(self.dir))
        self._remove_old_generations()
        if progress:
            progress(total, total)
        return stats

    def _incremental(self, progress: Progress | None) -> SyncStats:
        stats = SyncStats()
        found = self._scan()
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
        really: list[tuple[str, tuple]] = []
        for rel, r in zip(changed, parsed):
            old = self._entries.get(rel)
            if old is not None and old.hash == r[3] and not r[5]:
                self._entries[rel] = _Entry(r[1], r[2], r[3], old.id, old.vocab)
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
                            self._pending_terms.update(doc.fields[name].split())
                        owner[process.id] = rel
                        pid, vocab = process.id, list(doc.vocabulary)
                        if old is not None and old.id == process.id:
                            stats.updated += 1
                        else:
                            stats.added += 1
                self._entries[rel] = _Entry(mtime, size, digest, pid, vocab)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._save_manifest()
        self._ix = windex.open_dir(str(self.dir))
        return stats
