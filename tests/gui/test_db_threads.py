"""The rule for the desktop's SQLite connection: GUI thread only; a worker opens its own."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from agent_assist.gui.context import AppContext
from agent_assist.storage import open_db


def _on_a_worker(fn):
    out: list[BaseException | object] = []

    def run():
        try:
            out.append(fn())
        except BaseException as exc:  # handed back to the test thread
            out.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return out[0]


def test_the_apps_connection_refuses_another_thread(sample_kb_dir):
    ctx = AppContext(kb_dir=sample_kb_dir)
    assert ctx.db.execute("SELECT 1").fetchone()[0] == 1  # fine on this (the GUI) thread
    got = _on_a_worker(lambda: ctx.db.execute("SELECT 1").fetchone())
    assert isinstance(got, sqlite3.ProgrammingError)
    ctx.services.wait()


def test_a_worker_opens_its_own_connection_to_the_same_file(data_dir):
    gui = open_db(thread_bound=True)
    gui.execute("CREATE TABLE t (x)")
    gui.execute("INSERT INTO t VALUES (1)")
    path = next(f for _s, name, f in gui.execute("PRAGMA database_list") if name == "main")

    def count():
        own = open_db(path)
        try:
            return own.execute("SELECT count(*) FROM t").fetchone()[0]
        finally:
            own.conn.close()

    assert _on_a_worker(count) == 1


def test_reports_compute_on_their_own_connection(qtbot, sample_kb_dir):
    from agent_assist.gui.reports_view import ReportsView

    ctx = AppContext(kb_dir=sample_kb_dir)
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.reportReady, timeout=10000):
        view.refresh()  # would raise ProgrammingError on the worker if it used ctx.db
    assert view.report is not None
    ctx.services.wait()


@pytest.mark.parametrize("bound", [False, True])
def test_only_bound_connections_check_the_thread(tmp_path, bound):
    db = open_db(tmp_path / "x.db", thread_bound=bound)
    got = _on_a_worker(lambda: db.execute("SELECT 1").fetchone())
    assert isinstance(got, sqlite3.ProgrammingError) == bound
