"""The note form with the centre's reason codes and departments (team mode): after a pull they
are in the picker and the completers, validation accepts them, and the form takes them without a
restart; team mode off → the KB's lists only. The first tests simulate the pull (rows written into
the local tables the way ``team.pull`` does); the last one goes through a real server."""

from __future__ import annotations

import json
from types import SimpleNamespace

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar
from team.helpers import make_note

from agent_assist.cli import main
from agent_assist.gui.context import AppContext
from agent_assist.gui.note_form import NoteForm
from agent_assist.gui.services import Change
from agent_assist.notes import NoteStore
from agent_assist.storage import open_db
from agent_assist.team import outbox
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN
from agent_assist.team.hook import install, uninstall
from tests.gui.gui_helpers import ime

NOWHERE = "host=127.0.0.1 port=1 dbname=x user=x connect_timeout=1"  # never dialled here


@pytest.fixture
def team_on(monkeypatch):
    monkeypatch.setenv(ENV_DSN, NOWHERE)
    install()
    yield
    uninstall()


@pytest.fixture
def form(qtbot, sample_kb_dir, data_dir):
    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    ctx.agent_name, ctx.agent_no = "李娜", "A10086"
    form = NoteForm(ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def simulate_pull(db, codes, departments) -> None:
    """What ``pull.pull_all`` writes locally (one transaction, previous copy replaced)."""
    outbox.ensure_schema(db)
    with db.atomic():
        db.execute("DELETE FROM team_reason_codes")
        db.execute("DELETE FROM team_departments")
        db.conn.executemany("INSERT INTO team_reason_codes VALUES (?, ?, ?)", codes)
        db.conn.executemany("INSERT INTO team_departments VALUES (?)", [(d,) for d in departments])


def listed(form) -> dict[int, str]:
    box = form.fields.reason_codes.list
    return {
        box.item(r).data(Qt.ItemDataRole.UserRole): box.item(r).text() for r in range(box.count())
    }


def offered(edit) -> list[str]:
    return edit.completer().model().stringList()


def fill(qtbot, form, codes: str) -> None:
    f = form.fields
    ime(f.reason_text, "想把5G套餐降到便宜一档")
    qtbot.keyClicks(f.reason_codes.edit, codes)
    f.emotion_start.setCurrentIndex(f.emotion_start.findData("平静"))
    f.emotion_end.setCurrentIndex(f.emotion_end.findData("平静"))
    f.stage.setCurrentIndex(f.stage.findData("提出方案"))


def test_a_pull_brings_the_centres_lists_into_the_open_form(qtbot, team_on, form):
    assert 90 not in listed(form)
    simulate_pull(
        form.ctx.db, [(90, "5G套餐降档", "套餐"), (7, "充值没到账（中心）", "")], ["客户体验部"]
    )
    form.ctx.services.notify(Change(sync=True))  # what the status bar says after a pull
    codes = listed(form)
    assert codes[90] == "90 5G套餐降档" and codes[7] == "7 充值没到账（中心）"
    assert 3 in codes  # the KB's other codes stay
    assert offered(form.fields.other_department)[0] == "客户体验部"
    assert "营业厅" in offered(form.fields.other_department)
    # typed "体验" becomes the centre's department on leaving the field
    form.fields.other_department_caused.setChecked(True)
    form.fields.other_department.setText("体验")
    form.fields.other_department.editingFinished.emit()
    assert form.fields.other_department.text() == "客户体验部"
    fill(qtbot, form, "90")
    note_id = form.submit()
    assert note_id is not None, form.summary.text()
    note = NoteStore(form.ctx.db).get(note_id)
    assert note.reason_codes == (90,) and note.other_department == "客户体验部"


def test_a_failed_submit_is_rechecked_when_the_lists_arrive(qtbot, team_on, form):
    fill(qtbot, form, "90")
    assert form.submit() is None
    assert form.fields.errors["reason_codes"].isVisibleTo(form)
    simulate_pull(form.ctx.db, [(90, "5G套餐降档", "套餐")], [])
    form.ctx.services.notify(Change(sync=True))
    assert not form.fields.errors["reason_codes"].isVisibleTo(form)


def test_team_mode_off_keeps_the_kb_lists(qtbot, monkeypatch, form):
    simulate_pull(form.ctx.db, [(90, "5G套餐降档", "套餐")], ["客户体验部"])  # an old pull
    monkeypatch.delenv(ENV_DSN, raising=False)
    install()
    try:
        form.ctx.services.notify(Change(sync=True))
        assert 90 not in listed(form)
        assert "客户体验部" not in offered(form.fields.other_department)
        fill(qtbot, form, "90")
        assert form.submit() is None  # the KB does not know 90
    finally:
        uninstall()


def test_the_status_bar_announces_a_pull(qtbot):
    """A pull without anything to push still refreshes the views (the note form's lists)."""
    from agent_assist.gui.team_status import TeamStatus

    bar = QStatusBar()
    qtbot.addWidget(bar)
    db = open_db(":memory:")  # no file: no background pusher in this test
    changes: list[Change] = []
    ctx = SimpleNamespace(db=db, services=SimpleNamespace(notify=changes.append))
    import os

    os.environ[ENV_DSN] = NOWHERE
    try:
        status = TeamStatus(ctx, bar, interval_ms=60_000)
        status.update()
        assert changes == []
        outbox.set_state(db, last_pull="2026-12-02 10:00:00")
        status.update()
        assert changes == [Change(sync=True)]
        status.stop()
    finally:
        del os.environ[ENV_DSN]
        uninstall()


def test_a_kb_owner_publishes_and_the_agents_form_gets_it(
    qtbot, team_db, tmp_path, monkeypatch, sample_kb_dir, capsys
):
    """Real server: ``team publish-lists`` by a KB owner → ``team sync --pull`` on the agent's PC
    → the code is in the form's list and a note filed under it validates."""
    owner = add_user(team_db, "p900", "kb-owner", "").dsn
    agent = add_user(team_db, "p101", "agent", "一组").dsn
    codes = tmp_path / "reason_codes.yaml"
    codes.write_text(
        "codes:\n  - number: 91\n    name: 套餐降档被拒\n    group: 套餐\n", encoding="utf-8"
    )
    departments = tmp_path / "departments.yaml"
    departments.write_text("departments: [客户体验部]\nescalate_to: [值班长]\n", encoding="utf-8")
    assert (
        main(
            [
                "team",
                "publish-lists",
                "--reason-codes",
                str(codes),
                "--departments",
                str(departments),
                "--dsn",
                owner,
            ]
        )
        == 0
    )
    # an agent may not publish: the database refuses, nothing changes
    assert main(["team", "publish-lists", "--reason-codes", str(codes), "--dsn", agent]) == 1
    assert "没有权限" in capsys.readouterr().err
    with psycopg.connect(team_db) as conn:
        assert conn.execute("SELECT code, name FROM agent_assist.reason_codes").fetchall() == [
            (91, "套餐降档被拒")
        ]

    monkeypatch.setenv(ENV_DSN, agent)
    assert main(["team", "sync", "--pull"]) == 0
    assert "原因代码 1，部门 1" in capsys.readouterr().out
    install()
    try:
        ctx = AppContext(kb_dir=sample_kb_dir, db=open_db())
        ctx.agent_name, ctx.agent_no = "赵敏", "p101"
        form = NoteForm(ctx)
        qtbot.addWidget(form)
        assert listed(form)[91] == "91 套餐降档被拒"
        assert offered(form.fields.other_department)[0] == "客户体验部"
        fill(qtbot, form, "91")
        assert form.submit() is not None, form.summary.text()
    finally:
        uninstall()
    # the local report names the centre's code
    assert main(["report", "notes", "--json", "--kb", str(sample_kb_dir)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"code": 91, "name": "套餐降档被拒"}.items() <= report["pareto"]["rows"][0].items()


def test_history_names_the_centres_codes_after_a_pull(qtbot, team_on, sample_kb_dir, data_dir):
    from agent_assist.gui.note_history import NoteHistory

    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    view = NoteHistory(ctx)
    qtbot.addWidget(view)
    view.code.setCurrentIndex(view.code.findData(7))  # the agent filters by code 7
    assert view.code.findData(90) == -1
    simulate_pull(ctx.db, [(90, "5G套餐降档", "套餐"), (1, "话费和账单对不上", "")], [])
    ctx.services.notify(Change(sync=True))
    assert view.code.itemText(view.code.findData(90)) == "90 5G套餐降档"
    assert view.code.currentData() == 7  # the filter stays on the same code, not the same row
    assert view.codes.name(1) == "话费和账单对不上"


def test_a_pull_with_new_team_phrases_reloads_the_phrase_library(team_on, sample_kb_dir, data_dir):
    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    services = ctx.services
    first = services.phrase_library()
    heard: list[Change] = []
    services.changed.connect(heard.append)
    services.notify(Change(sync=True))  # a push only: the same library (its index kept)
    assert services.phrase_library() is first and Change(phrases=True) not in heard
    outbox.ensure_schema(ctx.db)
    ctx.db.execute(
        "INSERT INTO team_phrases VALUES (7, '一组', '情绪安抚', '组长推荐',"
        " '{称呼}您先别急，我马上帮您查', 'u100', '2026-12-02 10:00:00')"
    )
    services.notify(Change(sync=True))
    lib = services.phrase_library()
    assert lib is not first and lib.get("server-7").title == "组长推荐"
    assert Change(phrases=True) in heard
    services.wait()


def test_the_amend_dialog_offers_the_same_lists(qtbot, team_on, sample_kb_dir, data_dir):
    from agent_assist.gui.note_amend import AmendDialog
    from agent_assist.notes import reason_codes_for

    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    simulate_pull(ctx.db, [(90, "5G套餐降档", "套餐")], ["客户体验部"])
    codes = reason_codes_for(ctx.kb, ctx.db)
    note = NoteStore(ctx.db).add(make_note("A10086", 1, reason_codes=(90,)))
    dialog = AmendDialog(ctx, note, codes)
    qtbot.addWidget(dialog)
    assert offered(dialog.fields.other_department)[0] == "客户体验部"
    assert dialog.fields.reason_codes.selected() == [90]
