"""Study tab: reveal, rate, schedule, promotion offer, due count in the status bar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from agent_assist.gui.study_view import StudyView
from agent_assist.knowledge import StudyQueue, Tier
from agent_assist.storage import open_db


def _view(qtbot, ctx) -> StudyView:
    view = StudyView(ctx)
    qtbot.addWidget(view)
    view.show()
    return view


def test_rating_updates_the_schedule_and_moves_on(qtbot, ctx):
    view = _view(qtbot, ctx)
    assert view.card is not None  # every process starts unknown: there is something to study
    first = view.card.pid
    before = view.due_count()
    assert not view.front.isHidden() and view.back.isHidden()
    assert view.card.title in view.front.toPlainText()

    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Space)  # reveal
    assert view.revealed and not view.back.isHidden()
    with qtbot.waitSignal(view.rated, timeout=1000) as sig:
        qtbot.keyClick(view, Qt.Key_3)  # 良好
    assert sig.args == [first, 3]

    card = StudyQueue(open_db(), agent=ctx.services.agent_key).card(first)
    assert card.reps == 1
    assert card.due > dt.datetime.now(dt.UTC)  # scheduled into the future
    assert view.card is None or view.card.pid != first
    assert view.due_count() == before - 1


def test_rating_before_the_answer_is_shown_does_nothing(qtbot, ctx):
    view = _view(qtbot, ctx)
    pid = view.card.pid
    view.rate(4)
    assert StudyQueue(open_db(), agent="").card(pid).reps == 0
    assert view.card.pid == pid


def test_known_processes_leave_the_queue(qtbot, ctx):
    view = _view(qtbot, ctx)
    pid = view.card.pid
    ctx.services.set_tier(pid, Tier.KNOWN)
    assert pid not in [c.pid for c in view.cards]
    assert view.card is not None and view.card.pid != pid


def test_well_recalled_card_offers_promotion_quietly(qtbot, ctx, monkeypatch):
    view = _view(qtbot, ctx)
    ws = ctx.services
    pid = view.card.pid
    monkeypatch.setattr(ws.study, "suggest_promotion", lambda p, now=None: p == pid)
    view.reveal()
    view.rate(4)
    assert not view.promotion.isHidden()
    assert ws.tier(pid) is not Tier.KNOWN  # offered, not done
    qtbot.mouseClick(view.promotion.yes, Qt.LeftButton)
    assert ws.tier(pid) is Tier.KNOWN
    assert view.promotion.isHidden()


def test_status_bar_shows_due_count(window, qtbot):
    due = window.study.due_count()
    assert due > 0
    assert window.status.study_label.text() == f"待复习 {due}"
    window.study.reveal()
    window.study.rate(3)
    assert window.status.study_label.text() == f"待复习 {due - 1}"


def test_studying_never_steals_focus_from_a_call(window, qtbot):
    qtbot.waitUntil(window.search.box.hasFocus, timeout=2000)
    window.study.reload()
    assert window.tabs.currentWidget() is window.view  # no tab switch, no pop-up
    assert window.search.box.hasFocus()
