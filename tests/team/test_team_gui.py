"""The status-bar indicator: hidden with team mode off; 待同步 N while queued; 离线 with the error
in the tooltip when the server cannot be reached; 已同步 once the background pusher got through.
The note is saved before any of it (the agent never waits on the network)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QStatusBar
from team.helpers import make_note

from agent_assist.gui.services import Change
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
    status = TeamStatus(SimpleNamespace(db=open_db(), services=SimpleNamespace(notify=print)), bar)
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
    changes = []  # what the other views hear: a finished sync refreshes History, Reports …
    services = SimpleNamespace(notify=changes.append)
    status = TeamStatus(SimpleNamespace(db=db, services=services), bar, interval_ms=100)
    try:
        NoteStore(db).add_many([make_note("g501", i) for i in range(2)])
        assert NoteStore(db).count() == 2  # saved locally, whatever the network does
        qtbot.waitUntil(lambda: status.label.text() == "离线 · 待同步 2", timeout=15_000)
        assert "无法连接" in status.label.toolTip()
        monkeypatch.setenv(ENV_DSN, agent)  # the network is back
        status.sync_now()
        qtbot.waitUntil(lambda: status.label.text() == "已同步", timeout=30_000)
        assert Change(sync=True) in changes
        assert status.label.isVisible() or not bar.isVisible()
    finally:
        status.stop()
        uninstall()


def test_reports_tab_scope_mine_and_team(qtbot, sample_kb_dir, data_dir, team_db, monkeypatch):
    """A lead's 团队 scope shows the team's notes from the server; 我的 the notes on this PC. The
    agent's PC, in the same team mode, is not offered the switch: its reports are its own."""
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.reports_view import ReportsView
    from agent_assist.team.pull import pull_all
    from agent_assist.team.pusher import push_all

    a = add_user(team_db, "g601", "agent", "丙组").dsn
    lead = add_user(team_db, "g600", "lead", "丙组").dsn
    from agent_assist.team.hook import install

    monkeypatch.setenv(ENV_DSN, a)
    install()
    try:
        pc_a = open_db(data_dir / "a.db")
        NoteStore(pc_a).add_many([make_note("g601", i) for i in range(7)])
        push_all(pc_a, a)
        pull_all(pc_a, a)  # the pull remembers the login's role
        agents_view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=pc_a))
        qtbot.addWidget(agents_view)
        assert agents_view.scope.isHidden()
    finally:
        uninstall()
    monkeypatch.setenv(ENV_DSN, lead)  # the lead's PC: no notes of its own
    db = open_db(data_dir / "lead.db")
    pull_all(db, lead)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    assert not view.scope.isHidden()
    view.show()
    qtbot.waitUntil(lambda: view.report is not None, timeout=10_000)
    assert view.report.calls == 0  # 我的: nothing filed on this PC
    view.report = None
    view.scope.setCurrentIndex(view.scope.findData("team"))
    qtbot.waitUntil(lambda: view.report is not None, timeout=20_000)
    assert view.report.calls == 7 and "共 7 通" in view.status.text()


NOWHERE = "host=127.0.0.1 port=1 dbname=x user=lead1 connect_timeout=1"  # never dialled here


@pytest.mark.parametrize(
    "role, offered",
    [("agent", False), ("lead", True), ("kb-owner", True), (None, True)],  # None: the owner
)
def test_reports_scope_only_for_roles_that_read_team_reports(
    qtbot, sample_kb_dir, data_dir, monkeypatch, role, offered
):
    """Team mode on: leads, KB owners and the centre's owner may switch to 团队; an agent sees
    only 我的 (its own notes), whatever it was before."""
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.reports_view import ReportsView
    from agent_assist.team.roles import remember_role

    monkeypatch.setenv(ENV_DSN, NOWHERE)
    db = open_db(data_dir / "app.db")
    remember_role(db, NOWHERE, role)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    assert view.scope.isHidden() is not offered
    assert view.scope.currentData() == "local"


def test_reports_scope_follows_the_role_the_pull_remembers(
    qtbot, sample_kb_dir, data_dir, monkeypatch
):
    """No pull yet (or another login since): no switch. A pull that finds a lead offers it; one
    that finds the login is an agent now takes it away and goes back to 我的."""
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.reports_view import ReportsView
    from agent_assist.team.roles import remember_role

    monkeypatch.setenv(ENV_DSN, NOWHERE)
    db = open_db(data_dir / "app.db")
    remember_role(db, NOWHERE.replace("lead1", "someone_else"), "lead")  # another login's role
    ctx = AppContext(kb_dir=sample_kb_dir, db=db)
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    assert view.scope.isHidden()
    remember_role(db, NOWHERE, "lead")
    ctx.services.notify(Change(sync=True))
    assert not view.scope.isHidden()
    view.scope.setCurrentIndex(view.scope.findData("team"))
    remember_role(db, NOWHERE, "agent")
    ctx.services.notify(Change(sync=True))
    assert view.scope.isHidden() and view.scope.currentData() == "local"
    ctx.services.wait(5000)


def test_reports_scope_hidden_without_team_mode(qtbot, sample_kb_dir, monkeypatch):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.reports_view import ReportsView

    monkeypatch.delenv(ENV_DSN, raising=False)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=open_db()))
    qtbot.addWidget(view)
    assert view.scope.isHidden()


def test_lead_sees_team_overdue_followups(qtbot, sample_kb_dir, data_dir, team_db, monkeypatch):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.team_followups import TeamFollowUps
    from agent_assist.team.hook import install
    from agent_assist.team.pusher import push_all

    a = add_user(team_db, "g701", "agent", "丁组").dsn
    lead = add_user(team_db, "g700", "lead", "丁组").dsn
    monkeypatch.setenv(ENV_DSN, a)
    install()
    try:
        pc_a = open_db(data_dir / "a7.db")
        NoteStore(pc_a).add_many(
            [make_note("g701", i, customer_phone="13912345678") for i in (0, 6, 7)]
        )
        push_all(pc_a, a)  # i = 0 and 6 promised a call-back in November: overdue now
    finally:
        uninstall()
    monkeypatch.setenv(ENV_DSN, lead)
    panel = TeamFollowUps(AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "l7.db")))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: len(panel.team_rows) == 2, timeout=20_000)
    assert panel.table.rowCount() == 2 and panel.table.item(0, 2).text() == "139****5678"
    assert "团队逾期 2" in panel.status.text()


def test_colleague_records_an_assigned_call_back(
    qtbot, sample_kb_dir, data_dir, team_db, monkeypatch
):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.team_followups import TeamFollowUps
    from agent_assist.team import outbox, pull
    from agent_assist.team.hook import install
    from agent_assist.team.pusher import push_all

    owner = add_user(team_db, "g801", "agent", "戊组").dsn
    colleague = add_user(team_db, "g802", "agent", "戊组").dsn
    lead = add_user(team_db, "g800", "lead", "戊组").dsn
    monkeypatch.setenv(ENV_DSN, owner)
    install()
    try:
        pc = open_db(data_dir / "o8.db")
        note = NoteStore(pc).add(make_note("g801", 6))
        push_all(pc, owner)
        target = outbox.note_uuid(pc, note.id)
    finally:
        uninstall()
    pull.reassign(lead, target, "g802")
    monkeypatch.setenv(ENV_DSN, colleague)
    db = open_db(data_dir / "c8.db")
    ctx = AppContext(kb_dir=sample_kb_dir, db=db)
    ctx.agent_no = "g802"
    panel = TeamFollowUps(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=20_000)
    assert "g801" in panel.table.item(0, 4).text()
    panel.table.selectRow(0)
    assert panel.close_selected("已回电，客户确认")
    assert panel.table.rowCount() == 0
    assert [k for (k,) in db.execute("SELECT kind FROM team_outbox")] == ["followup_outcome"]
