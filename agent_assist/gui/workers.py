"""Running slow work (searching, indexing, loading a KB) off the GUI thread.

An agent types while the customer talks; the window must never freeze. Every slow call goes
through :func:`submit`, which runs a plain function on a ``QThreadPool`` and reports back through
Qt signals. The signals belong to a :class:`Job` created on the GUI thread, so Qt delivers them
to GUI-thread slots as queued calls: workers never touch widgets.

:class:`LatestOnly` adds the rule search needs: every request carries a sequence number, a
request that became stale before it started is skipped, and an answer is only delivered if no
newer request was made meanwhile — a slow answer never overwrites a newer one.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal


class Job(QObject):
    """One unit of background work and its three signals."""

    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # a readable message (the traceback goes to stderr)
    progress = Signal(int, int)  # done, total — forwarded from the function's progress callback

    def __init__(
        self, fn: Callable[..., Any], args: tuple, kwargs: dict, with_progress: bool
    ) -> None:
        super().__init__()
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._with_progress = with_progress
        self.done = False

    def run(self) -> None:
        """Runs on a worker thread."""
        try:
            kwargs = dict(self._kwargs)
            if self._with_progress:
                kwargs["progress"] = lambda done, total: self.progress.emit(int(done), int(total))
            result = self._fn(*self._args, **kwargs)
        except Exception as exc:  # reported, never lost: the GUI shows it in the status bar
            traceback.print_exc()
            self.done = True
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done = True
        self.finished.emit(result)


class WorkerPool(QObject):
    """A private thread pool plus the jobs in flight (kept alive until they report).

    Each window owns one, so tests and shutdown can wait for exactly the work they started.
    """

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._jobs: set[Job] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        **kwargs: Any,
    ) -> Job:
        """Run ``fn(*args, **kwargs)`` on the pool; callbacks run on the GUI thread.

        With ``on_progress`` the function also receives ``progress=callable(done, total)``.
        """
        job = Job(fn, args, kwargs, with_progress=on_progress is not None)
        if on_done is not None:
            job.finished.connect(on_done)
        if on_error is not None:
            job.failed.connect(on_error)
        if on_progress is not None:
            job.progress.connect(on_progress)
        job.finished.connect(lambda _r, j=job: self._jobs.discard(j))
        job.failed.connect(lambda _m, j=job: self._jobs.discard(j))
        self._jobs.add(job)
        self._pool.start(job.run)
        return job

    def active(self) -> int:
        return self._pool.activeThreadCount()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started job returned (used at shutdown and by tests)."""
        return self._pool.waitForDone(msecs)


class LatestOnly(QObject):
    """Sequence-numbered requests where only the newest answer counts.

    ``request(fn, *args)`` bumps the sequence number; the job checks it before running (a request
    superseded while queued is skipped) and :attr:`answered` fires only for the newest request.
    """

    answered = Signal(int, object)  # sequence number, result
    failed = Signal(int, str)

    def __init__(self, pool: WorkerPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self.seq = 0

    def request(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
        self.seq += 1
        seq = self.seq

        def guarded() -> tuple[bool, Any]:
            if seq != self.seq:  # superseded while waiting for a thread: don't bother
                return False, None
            return True, fn(*args, **kwargs)

        self._pool.submit(
            guarded,
            on_done=functools.partial(self._deliver, seq),
            on_error=functools.partial(self._fail, seq),
        )
        return seq

    def invalidate(self) -> None:
        """Drop whatever is in flight (e.g. the query was cleared)."""
        self.seq += 1

    def _deliver(self, seq: int, result: tuple[bool, Any]) -> None:
        ran, value = result
        if ran and seq == self.seq:
            self.answered.emit(seq, value)

    def _fail(self, seq: int, message: str) -> None:
        if seq == self.seq:
            self.failed.emit(seq, message)
