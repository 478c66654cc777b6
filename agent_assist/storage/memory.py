"""Handing memory a process no longer uses back to the OS, after the big one-off passes.

Two things keep a desktop process larger than it needs to be after start-up:

- PySide6's import hook reads the source of every module imported after Qt (to look for
  ``from __feature__ import``) through :mod:`linecache`, which then keeps it: jieba's and
  pypinyin's data modules, sqlite-utils, … — ~8 MB of text held for tracebacks nobody prints.
- Loading a KB or syncing the index parses thousands of files on a worker thread; glibc keeps
  the freed memory in that thread's arena unless asked to return it (``malloc_trim``).

:func:`release_memory` is called once those passes are over (KB loaded, index open, panels
imported). It is only a cache flush: tracebacks re-read source lines when they need them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import sys


def release_memory() -> None:
    """Drop cached module sources and return free heap pages (glibc only). No ``gc.collect``
    here: it may run on a worker thread, where collecting a Qt wrapper would delete a QObject
    on the wrong thread."""
    linecache.clearcache()
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # musl or another libc without malloc_trim
        pass
