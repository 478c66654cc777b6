"""Phrase picker with pytest-qt: "/" and Ctrl+Space, insertion at the cursor, placeholder walk,
stacking, copy, editing before inserting; the tone highlighter and the personal phrase editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from agent_assist.gui.context import AppContext
from agent_assist.gui.phrase_picker import attach_phrase_picker
from agent_assist.gui.text_access import text_diff
from agent_assist.storage import open_db


def make_edit(qtbot, cls=QPlainTextEdit, text=""):
    w = cls()
    qtbot.addWidget(w)
    if text:
        w.setPlainText(text) if cls is not QLineEdit else w.setText(text)
    w.show()
    qtbot.waitExposed(w)
    w.setFocus()
    return w


def plain(w):
    return w.text() if isinstance(w, QLineEdit) else w.toPlainText()


def move_end(w):
    if isinstance(w, QLineEdit):
        w.end(False)
    else:
        c = w.textCursor()
        c.movePosition(c.MoveOperation.End)
        w.setTextCursor(c)


def test_text_diff_places_the_edit_at_the_cursor():
    assert text_diff("abc", "abXc", 3) == (2, 0, "X")
    assert text_diff("aa", "aaa", 1) == (0, 0, "a")
    assert text_diff("aa", "aaa", 3) == (2, 0, "a")
    assert text_diff("王先生好", "李好", 1) == (0, 3, "李")


@pytest.mark.parametrize("cls", [QPlainTextEdit, QTextEdit, QLineEdit])
def test_slash_trigger_inserts_at_cursor_without_touching_the_draft(qtbot, phrase_ctx, cls):
    w = make_edit(qtbot, cls, "客户来电反映扣费。")
    picker = attach_phrase_picker(w, phrase_ctx)
    if isinstance(w, QLineEdit):
        w.setCursorPosition(2)
    else:
        c = w.textCursor()
        c.setPosition(2)
        w.setTextCursor(c)
    qtbot.keyClicks(w, "/")
    assert picker.is_open
    qtbot.keyClicks(w, "bq")
    assert picker.popup.current().phrase.id == "apology.sincere"
    qtbot.keyClick(w, Qt.Key_Return)
    assert not picker.is_open
    assert plain(w) == "客户给您带来这样的困扰，真的非常抱歉。来电反映扣费。"
    assert phrase_ctx.services.phrase_library().use_count("apology.sincere") == 1


def test_slash_inside_ascii_words_is_just_a_slash(qtbot, phrase_ctx):
    w = make_edit(qtbot)
    picker = attach_phrase_picker(w, phrase_ctx)
    qtbot.keyClicks(w, "1/2")
    assert not picker.is_open
    qtbot.keyClick(w, Qt.Key_Return)
    assert plain(w) == "1/2\n"


def test_escape_closes_and_keeps_what_was_typed(qtbot, phrase_ctx):
    w = make_edit(qtbot)
    picker = attach_phrase_picker(w, phrase_ctx)
    w.insertPlainText("好的 ")  # CJK comes from the input method, not key events
    qtbot.keyClicks(w, "/kc")
    assert picker.is_open
    qtbot.keyClick(w, Qt.Key_Escape)
    assert not picker.is_open and plain(w) == "好的 /kc"
    qtbot.keyClicks(w, " ")  # typing on does not reopen
    assert not picker.is_open


def _personal(phrase_ctx, text, trigger):
    return phrase_ctx.services.phrase_library().save_personal(text, trigger, title=trigger)


def test_placeholders_are_prefilled_and_walked_with_tab(qtbot, phrase_ctx):
    _personal(phrase_ctx, "{称呼}您好，我是{工号}号，{日期}您反映的{问题}有结果了。", "zqhf")
    w = make_edit(qtbot, text="备注：")
    move_end(w)
    picker = attach_phrase_picker(w, phrase_ctx)
    qtbot.keyClicks(w, "/zqhf")
    assert "王先生" in picker.popup.preview_text() and "8866" in picker.popup.preview_text()
    qtbot.keyClick(w, Qt.Key_Return)
    text = plain(w)
    assert text.startswith("备注：王先生您好，我是8866号")
    assert w.textCursor().selectedText() == "{问题}"  # the one the app cannot know comes first
    w.insertPlainText("宽带断网的问题")  # typing (IME commit) replaces the slot
    qtbot.keyClick(w, Qt.Key_Backtab)  # 日期 (filled with today)
    qtbot.keyClick(w, Qt.Key_Backtab)
    assert w.textCursor().selectedText() == "8866"
    qtbot.keyClick(w, Qt.Key_Backtab)
    assert w.textCursor().selectedText() == "王先生"  # the filled 称呼, to check
    w.insertPlainText("李女士")
    qtbot.keyClick(w, Qt.Key_Tab)
    assert w.textCursor().selectedText() == "8866"
    assert "李女士您好" in plain(w) and "宽带断网的问题" in plain(w)
    assert "\t" not in plain(w)
    qtbot.keyClick(w, Qt.Key_Escape)
    qtbot.keyClick(w, Qt.Key_Tab)  # slot walk over, no placeholder left: Tab is a normal key
    assert "\t" in plain(w)


def test_hints_are_suggested_never_inserted(qtbot, phrase_ctx):
    from agent_assist.phrases import Phrase

    phrase = Phrase("t.refund", "zqtf", "退费{金额}会在{时限}退回。", hints=(("金额", "10元"),))
    w = make_edit(qtbot)
    picker = attach_phrase_picker(w, phrase_ctx)
    text = picker.insert_phrase(phrase)
    assert text == "退费{金额}会在{时限}退回。"
    assert w.textCursor().selectedText() == "{金额}"
    assert picker.slots[picker.slot_index].hint == "10元"


def test_unknown_placeholder_stays_visible_and_selected(qtbot, phrase_ctx):
    phrase_ctx.call.customer_title = ""
    w = make_edit(qtbot)
    picker = attach_phrase_picker(w, phrase_ctx)
    text = picker.insert_phrase(_personal(phrase_ctx, "{称呼}您好，我是{工号}号客服。", "zqkc"))
    assert text.startswith("{称呼}您好，我是8866号")
    assert w.textCursor().selectedText() == "{称呼}"


def test_phrases_stack_and_slots_follow_edits(qtbot, phrase_ctx):
    _personal(phrase_ctx, "退款{金额}会在{时限}退回您的账户。", "zqtf")
    w = make_edit(qtbot)
    _picker = attach_phrase_picker(w, phrase_ctx)
    qtbot.keyClicks(w, "/jdl")
    qtbot.keyClick(w, Qt.Key_Return)
    first = plain(w)
    qtbot.keyClicks(w, "/zqtf")
    qtbot.keyClick(w, Qt.Key_Return)
    assert plain(w).startswith(first)
    assert w.textCursor().selectedText() == "{金额}"
    qtbot.keyClicks(w, "25.5")
    qtbot.keyClick(w, Qt.Key_Tab)
    assert w.textCursor().selectedText() == "{时限}"
    qtbot.keyClicks(w, "3")
    assert "25.5会在3退回" in plain(w)


def test_ctrl_space_searches_in_the_popup_and_inserts_at_cursor(qtbot, phrase_ctx):
    w = make_edit(qtbot, text="开头。结尾")
    c = w.textCursor()
    c.setPosition(3)
    w.setTextCursor(c)
    picker = attach_phrase_picker(w, phrase_ctx)
    qtbot.keyClick(w, Qt.Key_Space, Qt.ControlModifier)
    assert picker.is_open and picker.popup.query.isVisible()
    picker.popup.query.setText("工信部")
    picker.popup.query.textEdited.emit("工信部")
    assert picker.popup.current().phrase.id == "escalation.regulator"
    qtbot.keyClick(picker.popup.query, Qt.Key_Return)
    assert plain(w).startswith("开头。您有向工信部反映的权利") and plain(w).endswith("结尾")


def test_copy_puts_filled_text_on_clipboard_and_removes_the_trigger(qtbot, phrase_ctx):
    w = make_edit(qtbot, text="草稿")
    move_end(w)
    picker = attach_phrase_picker(w, phrase_ctx)
    qtbot.keyClicks(w, " /kc")
    with qtbot.waitSignal(picker.copied):
        qtbot.keyClick(w, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert (
        QGuiApplication.clipboard().text()
        == "您好，8866号客服代表很高兴为您服务，请问有什么可以帮您？"
    )
    assert plain(w) == "草稿 "
    assert not picker.is_open


def test_agent_can_edit_the_preview_before_inserting(qtbot, phrase_ctx):
    w = make_edit(qtbot)
    picker = attach_phrase_picker(w, phrase_ctx)
    qtbot.keyClicks(w, "/jsy")
    picker.popup.preview.setPlainText("感谢您的来电，{称呼}，祝您周末愉快！")
    assert picker.popup.edited
    picker.accept()
    assert plain(w) == "感谢您的来电，{称呼}，祝您周末愉快！"
    assert w.textCursor().selectedText() == "{称呼}"  # leftover placeholder still walkable


def test_personal_phrase_is_pickable_at_once(qtbot, phrase_ctx):
    w = make_edit(qtbot)
    picker = attach_phrase_picker(w, phrase_ctx)
    phrase_ctx.services.phrase_library().save_personal(
        "张阿姨您好，我是小李，上次的宽带问题已经修好了。", "zay"
    )
    qtbot.keyClicks(w, "/zay")
    assert picker.popup.current().phrase.is_personal
    qtbot.keyClick(w, Qt.Key_Return)
    assert plain(w).startswith("张阿姨您好")


def test_attach_twice_returns_the_same_picker(qtbot, phrase_ctx):
    w = make_edit(qtbot)
    assert attach_phrase_picker(w, phrase_ctx) is attach_phrase_picker(w, phrase_ctx)


def test_tone_highlighter_underlines_findings(qtbot, phrase_ctx):
    from PySide6.QtGui import QTextCharFormat

    from agent_assist.gui.tone_highlighter import ToneFindingsList, check_text_edit

    w = make_edit(qtbot)
    hl = check_text_edit(w, phrase_ctx)
    side = ToneFindingsList(hl, w)
    qtbot.addWidget(side)
    with qtbot.waitSignal(hl.findingsChanged, timeout=2000):
        w.setPlainText("不好意思让您久等了。\n这个不归我们管，我们会尽快处理。")
    placed = hl.findings()
    assert [p.finding.text for p in placed] == ["不归我们管", "尽快"]
    text = w.toPlainText()
    assert text[placed[0].start : placed[0].end] == "不归我们管"
    block = w.document().findBlockByNumber(1)
    formats = block.layout().formats()
    assert any(
        f.format.underlineStyle() == QTextCharFormat.WaveUnderline and f.length == 5
        for f in formats
    )
    assert not any(
        f.start == 0 for f in w.document().firstBlock().layout().formats()
    )  # polite line clean
    assert side.count() == 2 and "建议" not in side.item(0).text() and "→" in side.item(0).text()
    side._select(side.item(1))
    assert w.textCursor().selectedText() == "尽快"


def test_phrase_editor_create_edit_delete_with_tone_check(qtbot, phrase_ctx):
    from agent_assist.gui.phrase_editor import PhraseEditor

    ed = PhraseEditor(phrase_ctx)
    qtbot.addWidget(ed)
    ed.trigger.setText("wj")
    ed.text.setPlainText("王姐，这个不归我们管。")
    assert ed.save() is None and "语气" in ed.error.text()  # first click warns
    ed.text.setPlainText("王姐您好，您的宽带问题我这边已经帮您登记加急了。")
    saved = ed.save()
    assert saved is not None and saved.trigger == "wj" and ed.list.count() == 1
    ed.text.setPlainText("王姐您好，宽带已经修好了。")
    assert ed.save().id == saved.id
    assert phrase_ctx.services.phrase_library().get(saved.id).text == "王姐您好，宽带已经修好了。"
    ed.new_phrase()
    ed.trigger.setText("坏码")
    ed.text.setPlainText("好的")
    assert ed.save() is None and "快捷码" in ed.error.text()
    ed.list.setCurrentRow(0)
    assert ed.delete() is True and ed.list.count() == 0
    assert phrase_ctx.services.phrase_library().get(saved.id) is None


def test_phrase_index_is_built_off_the_gui_thread_also_after_a_kb_reload(
    qtbot, phrase_ctx, monkeypatch
):
    """Building the fuzzy index costs ~0.4 ms a phrase: it must never run on the GUI thread in
    the keystroke path — neither for the first "/" nor for the first "/" after a KB reload."""
    import threading

    import agent_assist.phrases.library as library_module

    threads = []

    class SpyMatcher(library_module.PhraseMatcher):
        def __init__(self, phrases):
            threads.append(threading.current_thread())
            super().__init__(phrases)

    monkeypatch.setattr(library_module, "PhraseMatcher", SpyMatcher)
    w = make_edit(qtbot)
    picker = attach_phrase_picker(w, phrase_ctx)
    first = phrase_ctx.services.phrase_library()
    qtbot.waitUntil(lambda: first.ready)
    assert threads and threading.main_thread() not in threads
    phrase_ctx.reload_kb()
    second = phrase_ctx.services.phrase_library()
    assert (
        second is not None and second is not first
    )  # loaded in the reload, not on the next keystroke
    qtbot.waitUntil(lambda: second.ready)
    assert len(threads) == 2 and threading.main_thread() not in threads
    qtbot.keyClicks(w, "/jsy")
    assert picker.is_open and picker.popup.current().phrase.id
    assert len(threads) == 2  # typing built nothing
    phrase_ctx.reload_kb()
    phrase_ctx.reload_kb()
    qtbot.waitUntil(lambda: phrase_ctx.services.phrase_library().ready)
    assert threading.main_thread() not in threads


def test_broken_kb_rules_fall_back_to_the_shipped_rules(qtbot, tmp_path, sample_kb_dir, capsys):
    import shutil

    kb_dir = tmp_path / "centre"
    shutil.copytree(sample_kb_dir / "processes", kb_dir / "processes")
    (kb_dir / "tone_rules.yaml").write_text(
        "rules:\n  - id: x\n    patterns: [unclosed\n", encoding="utf-8"
    )
    c = AppContext(kb_dir=kb_dir, db=open_db(":memory:"))
    checker = c.services.tone_checker()
    assert checker is not None and [f.text for f in checker.check("这个不归我们管。")] == [
        "不归我们管"
    ]
    # the problem is reported, not swallowed: kept on the checker and listed in the status bar
    assert any("tone_rules.yaml" in str(p) for p in checker.problems)
    assert any(p.path == kb_dir / "tone_rules.yaml" for p in c.kb.errors)
