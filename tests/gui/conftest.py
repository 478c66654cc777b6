"""Fixtures for the desktop tests (main window, search, process view, study, call mode, settings).

Building the search index of the sample KB takes a couple of seconds (jieba), so one index is
built per session in its own temp dir and shared (``Searcher`` is thread-safe and read-only
here); everything the app writes still goes to each test's fresh data dir.
"""

from __future__ import annotations

import os

import pytest

_SHARED: dict = {}  # one index per test session, whichever module asks first


def _shared_index():
    """(data dir, Searcher) of the sample KB, built on first use and reused by every module
    (test modules import these fixtures, so a session-scoped fixture alone would build one per
    module)."""
    if not _SHARED:
        import atexit
        import shutil
        import tempfile

        from agent_assist.search import Searcher
        from agent_assist.storage import shipped_kb_dir

        folder = tempfile.mkdtemp(prefix="agent-assist-shared-index-")
        old = os.environ.get("AGENT_ASSIST_DATA_DIR")
        os.environ["AGENT_ASSIST_DATA_DIR"] = folder
        try:
            searcher = Searcher.open(shipped_kb_dir())
        finally:
            if old is None:
                os.environ.pop("AGENT_ASSIST_DATA_DIR", None)
            else:
                os.environ["AGENT_ASSIST_DATA_DIR"] = old
        _SHARED.update(dir=folder, searcher=searcher)
        atexit.register(shutil.rmtree, folder, True)
        atexit.register(searcher.close)
    return _SHARED["dir"], _SHARED["searcher"]


@pytest.fixture
def shared_index_dir():
    """A data dir whose cache holds the sample KB's index."""
    from pathlib import Path

    return Path(_shared_index()[0])


@pytest.fixture
def shared_searcher():
    return _shared_index()[1]


@pytest.fixture
def make_ctx(sample_kb_dir, shared_searcher):
    """A fresh AppContext on the test's data dir, its services wired to the shared index."""
    made = []

    def make(with_searcher: bool = True):
        from agent_assist.gui.context import AppContext

        ctx = AppContext(kb_dir=sample_kb_dir)
        if with_searcher:
            ctx.services.searcher = shared_searcher
        made.append(ctx)
        return ctx

    yield make

    for ctx in made:
        ctx.services.wait()


@pytest.fixture
def ctx(make_ctx):
    return make_ctx()


@pytest.fixture
def agent_ctx(sample_kb_dir, data_dir):
    """An AppContext on the sample KB and the test's own database, with an agent signed in
    (李娜, 工号 A10086): what the note form pre-fills. No shared index: notes need none."""
    from agent_assist.gui.context import AppContext
    from agent_assist.storage import open_db

    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    ctx.agent_name, ctx.agent_no = "李娜", "A10086"
    return ctx


@pytest.fixture
def phrase_ctx(sample_kb_dir):
    """An AppContext on an in-memory database that knows the agent's 工号 (8866) and the
    customer (王先生): what phrases and guided scripts fill their placeholders from."""
    from agent_assist.gui.context import AppContext
    from agent_assist.storage import open_db

    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(":memory:"))
    ctx.agent_no = "8866"
    ctx.call.customer_title = "王先生"
    return ctx


@pytest.fixture
def note_form(qtbot, agent_ctx):
    """The note form of ``agent_ctx``, shown."""
    from agent_assist.gui.note_form import NoteForm

    form = NoteForm(agent_ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


@pytest.fixture
def make_window(qtbot, make_ctx):
    windows = []

    def make(ctx=None):
        from agent_assist.gui.app import settings_store
        from agent_assist.gui.main_window import MainWindow

        ctx = ctx or make_ctx()
        window = MainWindow(ctx, settings_store())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()
        if window.call_window is not None:
            window.call_window.close()
            window.call_window.deleteLater()


@pytest.fixture
def window(make_window):
    return make_window()
