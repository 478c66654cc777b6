"""The status-bar indicator: hidden with team mode off; 待同步 N while queued; 离线 with the error
in the tooltip when the server cannot be reached; 已同步 once the background pusher got through.
The note is saved before any of it (the agent never waits on the network)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QStatusBar
from team.helpers import make_note

from agent_assist.notes import NoteStore
from agent_assist.storage import open_db
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN
from agent_assist.team.hook import uninstall
from agent_assist.team.throwaway import free_port


@pytest.fixture
def bar(qtbot):
    widget = QStatusBar()
    qtbot.addWidget(widget)
    return widget


def test_indicator_hidden_when_team_mode_is_off(bar, monkeypatch):
    from agent_assist.gui.team_status import TeamStatus

    monkeypatch.delenv(ENV_DSN, raising=False)
    status = TeamStatus(SimpleNamespace(db=open_db()), bar)
    try:
        assert status.label.isHidden() and status.pusher is None
    finally:
        status.stop()
        uninstall()


def test_indicator_follows_the_queue(bar, qtbot, team_db, monkeypatch):
    from agent_assist.gui.team_status import TeamStatus

    agent = add_user(team_db, "g501", "agent", "").dsn
    monkeypatch.setenv(
        ENV_DSN, f"host=127.0.0.1 port={free_port()} dbname=x user=x connect_timeout=1"
    )
    db = open_db()
    status = TeamStatus(SimpleNamespace(db=db), bar, interval_ms=100)
    try:
        NoteStore(db).add_many([make_note("g501", i) for i in range(2)])
        assert NoteStore(db).count() == 2  # saved locally, whatever the network does
        qtbot.waitUntil(lambda: status.label.text() == "离线 · 待同步 2", timeout=15_000)
        assert "无法连接" in status.label.toolTip()
        monkeypatch.setenv(ENV_DSN, agent)  # the network is back
        status.sync_now()
        qtbot.waitUntil(lambda: status.label.text() == "已同步", timeout=30_000)
        assert status.label.isVisible() or not bar.isVisible()
    finally:
        status.stop()
        uninstall()
