"""One services object per context: declared parts, rebuilt in one place, one change signal."""

from __future__ import annotations

import dataclasses
import datetime as dt

from agent_assist.gui.services import Change, Services
from agent_assist.notes import NoteDraft, NoteStore, reason_codes_for


def test_every_part_is_a_declared_attribute_not_a_cache_on_the_context(ctx):
    services = ctx.services
    assert isinstance(services, Services)
    for part in ("pool", "search_pool", "tiers", "study", "profiles", "feedback", "followups"):
        assert part in Services.__annotations__
        assert getattr(services, part) is not None
    services.phrase_library()
    services.tone_checker()
    hidden = [k for k in vars(ctx) if k.startswith("_")]
    assert hidden == []  # nothing hung on the context behind its back


def test_kb_reload_rebuilds_what_depends_on_the_kb_and_says_so(qtbot, ctx):
    lib, checker = ctx.services.phrase_library(), ctx.services.tone_checker()
    qtbot.waitUntil(lambda: lib.ready)
    with qtbot.waitSignal(ctx.services.changed, timeout=5000) as sig:
        ctx.reload_kb()
    assert sig.args == [Change(kb=True, phrases=True)]
    assert ctx.services.phrase_library() is not lib  # loaded again in the reload
    assert ctx.services.tone_checker() is not checker
    qtbot.waitUntil(lambda: ctx.services.phrase_library().ready)


def test_change_is_a_frozen_description(ctx):
    change = Change(note=True, note_id=3)
    assert dataclasses.is_dataclass(change) and not change.followup
    try:
        change.note = False  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("Change must be frozen")


def test_status_bar_counts_follow_a_change_without_looking_up_signals(qtbot, window):
    """The status bar listens to ``services.changed`` (not to panel signals found by name)."""
    now = dt.datetime.now().replace(microsecond=0)
    NoteStore(window.ctx.db).submit(
        NoteDraft(
            started_at=str(now - dt.timedelta(hours=1)),
            agent_no="A1",
            customer_name="王先生",
            reason_text="说好回电一直没人联系",
            reason_codes="17",
            emotion_start="不满",
            emotion_end="焦虑",
            stage="回访",
            deadline=str(now + dt.timedelta(hours=5))[:16],
            handling_minutes="4",
        ),
        reason_codes_for(),
        now=now,
    )
    label = window.status.followup_label
    assert label.text() == window.tr("回访 %1").replace("%1", "0")  # nothing told it yet
    window.ctx.services.notify(Change(note=True, followup=True))
    assert "1" in label.text()


def test_one_change_signal_no_context_signals_beside_it(ctx):
    """KB reloaded, agent changed, new call: each is a ``Change`` kind on ``services.changed``;
    the old twin signals on the context are gone."""
    from agent_assist.gui.context import AppContext

    for old in ("kbReloaded", "agentChanged", "callStarted"):
        assert not hasattr(AppContext, old) and not hasattr(ctx, old)


def test_agent_change_and_new_call_are_changes(qtbot, ctx):
    from agent_assist.knowledge import Tier

    ctx.services.set_tier("number.port-out", Tier.KNOWN)
    with qtbot.waitSignal(ctx.services.changed, timeout=2000) as sig:
        ctx.services.set_agent("李娜", "A20001")
    assert sig.args == [Change(agent=True, tier=True, study=True)]
    assert (ctx.agent_name, ctx.agent_no) == ("李娜", "A20001")
    assert ctx.services.tier("number.port-out") is Tier.UNKNOWN  # the new agent's own tiers
    ctx.call.viewed.append("number.port-out")
    with qtbot.waitSignal(ctx.services.changed, timeout=2000) as sig:
        ctx.new_call()
    assert sig.args == [Change(call=True)]
    assert ctx.call.viewed == []


def test_views_follow_a_kb_reload_through_the_change_signal(qtbot, ctx):
    """The script panel reloads its scripts on ``Change.kb`` and closes an open run on
    ``Change.call`` (it used to hear ``kbReloaded`` / ``callStarted``)."""
    from agent_assist.gui.script_panel import ScriptPanel

    panel = ScriptPanel(ctx)
    qtbot.addWidget(panel)
    panel.scripts = {}
    panel.chooser.clear()
    ctx.services.notify(Change(kb=True, phrases=True))
    assert panel.scripts and panel.chooser.count() == len(panel.scripts)


def test_an_open_never_stores_the_phone_number_typed_in_the_query(ctx):
    """The open log (kb_open) and the team event it emits keep the query, masked like the search
    log: a customer's number pasted into the search box stays on the screen only."""
    from agent_assist.storage import hooks

    events = []

    def listen(kind, db, data):
        events.append((kind, dict(data)))

    hooks.subscribe(listen)
    try:
        ctx.services.log_open("billing.balance", "13812345678 话费 +86 139-1234-5678")
    finally:
        hooks.unsubscribe(listen)
    stored = ctx.db.execute("select query from kb_open where pid = 'billing.balance'").fetchall()
    assert stored and all("1234567" not in q and "1381234" not in q for (q,) in stored)
    assert stored[-1][0].count("*") >= 14
    sent = [d["query"] for kind, d in events if kind == "search"]
    assert sent and all("13812345678" not in q and "1391234" not in q for q in sent)


def test_a_live_update_widget_without_retranslate_is_refused_when_defined():
    """LiveUpdate's contract (every text set in retranslate) is checked at class creation."""
    import pytest
    from PySide6.QtWidgets import QWidget

    from agent_assist.gui.live_update import LiveUpdate

    with pytest.raises(TypeError, match="retranslate"):

        class Forgetful(LiveUpdate, QWidget):
            pass
