"""The release widgets: 已更新 + 本次变化 above the quick card, 历史版本, 本次更新, flag confirm,
and the periodic pull switching the desktop to a new release."""

from __future__ import annotations

import pytest

from agent_assist.knowledge import FeedbackStore, Tier, TierStore, load_kb
from agent_assist.releases import FolderChannel, ReleaseLog, sync
from agent_assist.storage import open_db
from tests.releases.helpers import change, write_kb


@pytest.fixture
def released(tmp_path):
    """Release #1 pulled; the agent knew proc01 and flagged proc02; release #2 changes both."""
    owner = write_kb(tmp_path / "owner")
    share = tmp_path / "share"
    FolderChannel(share).publish(load_kb(owner), "首次发布", "张主管")
    db = open_db()
    first = sync(share, db)
    TierStore(db).set_tier("p.proc01", Tier.KNOWN)
    FeedbackStore(db).add(
        "p.proc02", "wrong", "时限不对", "", version=first.kb.get("p.proc02").content_hash
    )
    change(owner, "p.proc01", 5)
    change(owner, "p.proc02", 7)
    FolderChannel(share).publish(load_kb(owner), "生效时间调整", "张主管")
    second = sync(share, db)
    return owner, share, second.kb_dir, db


def _view(qtbot, live, db):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.process_view import ProcessView

    ctx = AppContext(kb_dir=live, db=db)
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    return ctx, view


def test_changed_known_process_opens_with_what_changed(qtbot, released):
    _owner, _share, live, db = released
    _ctx, view = _view(qtbot, live, db)
    view.show_process("p.proc01")
    banner = view.release_banner
    assert view.mode == "quick"  # dropped from known to uncertain: the quick card
    assert banner.isVisible() and banner.badge.isVisible()
    html = banner.diff.toHtml()
    assert "line-through" in banner._diff("3个", "5个") and "5" in html
    assert banner.history.isVisible()
    assert not banner.confirm.isVisible()  # no flag of this agent on proc01
    view.show_process("p.proc00")  # unchanged
    assert not banner.isVisible() and not banner.history.isVisible()


def test_flagger_confirms_the_update(qtbot, released):
    _owner, _share, live, db = released
    ctx, view = _view(qtbot, live, db)
    view.show_process("p.proc02")
    banner = view.release_banner
    assert banner.isVisible() and not banner.badge.isVisible()  # not known: nothing to re-learn
    assert banner.confirm.isVisible() and "时限不对" in banner.flag_text.text()
    banner.confirm.click()
    assert not banner.isVisible()
    (flag,) = FeedbackStore(db).all()
    assert flag.status(ctx.kb) == "resolved"


def test_flagger_reopens_the_flag(qtbot, released):
    _owner, _share, live, db = released
    ctx, view = _view(qtbot, live, db)
    view.show_process("p.proc02")
    view.release_banner.reopen.click()
    statuses = sorted(f.status(ctx.kb) for f in FeedbackStore(db).all())
    assert statuses == ["open", "resolved"]


def test_history_dialog_diffs_any_two_versions(qtbot, released):
    from agent_assist.gui.release_views import VersionHistoryDialog

    _owner, _share, live, db = released
    ctx, _view_ = _view(qtbot, live, db)
    dialog = VersionHistoryDialog(ctx, "p.proc01")
    qtbot.addWidget(dialog)
    assert dialog.old.count() == 2
    assert "line-through" in dialog.browser.toHtml() or "5" in dialog.browser.toPlainText()
    assert "3" in dialog.browser.toPlainText() and "5" in dialog.browser.toPlainText()
    dialog.old.setCurrentIndex(0)
    assert dialog.browser.toPlainText() == "两个版本相同"


def test_release_notes_list_mine_first(qtbot, released):
    from agent_assist.gui.release_views import ReleaseNotesDialog

    _owner, _share, live, db = released
    ctx, _view_ = _view(qtbot, live, db)
    dialog = ReleaseNotesDialog(ctx)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "生效时间调整" in text and "首次发布" in text
    assert text.index("业务办理01") < text.index("业务办理02")
    assert "已更新 · 待复习" in text


def test_periodic_pull_switches_the_desktop_to_the_new_release(qtbot, released):
    from agent_assist.gui.release_sync import ReleaseSync

    owner, share, live, db = released
    ctx, _view_ = _view(qtbot, live, db)
    sync_ = ReleaseSync(ctx, share)
    assert sync_.timer.isActive()
    assert "#2" in sync_.button.text() and "1" in sync_.button.text()
    change(owner, "p.proc03", 9)
    FolderChannel(share).publish(load_kb(owner), "第三次", "张主管")
    with qtbot.waitSignal(sync_.pulled, timeout=30_000):
        sync_.check_now()
    qtbot.waitUntil(lambda: "9 个工作日" in (ctx.kb.get("p.proc03").body or ""), timeout=30_000)
    assert ReleaseLog(db).latest().number == 3
    qtbot.waitUntil(lambda: "#3" in sync_.button.text(), timeout=5_000)
    ctx.services.wait()


def test_start_on_a_release_folder_without_a_complete_release(tmp_path):
    from agent_assist.gui.release_sync import resolve_start_kb

    share = tmp_path / "share"
    (share / "releases" / "000001").mkdir(parents=True)  # copied before its release.json
    kb, channel, messages = resolve_start_kb(share, open_db())
    assert channel == share and not kb.exists()  # an empty KB, never the sample or raw files
    assert any("#1 不完整" in m for m in messages)
    plain = write_kb(tmp_path / "plain")
    assert resolve_start_kb(plain, open_db()) == (plain, None, [])


def test_opening_a_plain_kb_folder_keeps_its_versions(qtbot, tmp_path):
    from agent_assist.gui.context import AppContext
    from agent_assist.releases import VersionStore

    kb = write_kb(tmp_path / "kb", count=2)
    db = open_db()
    ctx = AppContext(kb_dir=kb, db=db, load=False)
    ws = ctx.services
    with qtbot.waitSignal(ws.searcherReady, timeout=60_000):
        ws.open_searcher()
    assert len(VersionStore(db).versions("p.proc01")) == 1
    change(kb, "p.proc01", 5)
    with qtbot.waitSignal(ws.searcherReady, timeout=60_000):
        ws.open_searcher(kb)
    assert len(VersionStore(db).versions("p.proc01")) == 2
    ws.wait()
