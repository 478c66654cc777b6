"""A slim copy of the knowledge base (what the desktop keeps): every process's card data, bodies read on demand.

The search index already holds what searching needs; the panels only need each process's
title, category, summary, phrases and links (result lists, home lists, note titles, related
links, the study queue's plan) — and the full text of the one or two processes on screen.
Keeping all 20 000 bodies of a big centre's KB in memory as well cost ~20 MB for nothing, so
:class:`SlimKB` keeps processes without their body and :meth:`SlimKB.get` reads the full
process from its file when a panel asks for it (a small LRU cache keeps the recent ones: the
process view asks for the same process several times per render).

It *is* a :class:`~agent_assist.knowledge.KnowledgeBase`, so every core function that takes
one (study queue, reason codes, scripts) works unchanged; iterating gives the slim processes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path

from agent_assist.knowledge.loader import read_process
from agent_assist.knowledge.model import KnowledgeBase, Process

FULL_CACHE = 32  # full processes kept: the open one, its related ones, the study card, recent opens


@dataclass
class SlimKB(KnowledgeBase):
    """A KB whose processes carry no body; :meth:`get` returns the full process."""

    _full: OrderedDict[str, Process] = field(default_factory=OrderedDict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> SlimKB:
        slim = {
            pid: replace(p, body="") if p.path is not None else p for pid, p in kb.processes.items()
        }
        return cls(root=kb.root, processes=slim, problems=list(kb.problems))

    def get(self, pid: str) -> Process | None:
        """The full process (body included), read from its file; the slim one if the file can't
        be read any more (moved, or mid-save in an editor) — the card data is still right."""
        slim = self.processes.get(pid)
        if slim is None or slim.path is None or slim.body:
            return slim
        with self._lock:
            full = self._full.get(pid)
            if full is not None:
                self._full.move_to_end(pid)
                return full
        full, _problems = read_process(Path(slim.path))
        if full is None or full.id != pid:
            return slim
        with self._lock:
            self._full[pid] = full
            while len(self._full) > FULL_CACHE:
                self._full.popitem(last=False)
        return full

    def slim(self, pid: str) -> Process | None:
        """The process without its body (no file read)."""
        return self.processes.get(pid)
