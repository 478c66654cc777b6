"""The process view: shape by tier, tier keys, persistence, demotion hint, feedback, links."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QUrl

from agent_assist.gui.process_view import ProcessView
from agent_assist.gui.services import Change
from agent_assist.knowledge import FeedbackStore, Tier, TierStore
from agent_assist.storage import open_db

PID = "number.port-out"


def test_unknown_opens_the_learning_view(qtbot, ctx):
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.show_process(PID, "携转")
    assert view.mode == "learn"
    text = view.browser.toPlainText()
    assert "携号转网" in text
    assert "常见追问" in text  # the whole article, follow-up questions included
    assert not view.learned_button.isHidden()


def test_uncertain_opens_a_quick_card_with_numbered_steps_first(qtbot, ctx):
    ctx.services.set_tier(PID, Tier.UNCERTAIN)
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.resize(760, 640)  # the process pane of a 1280×800 window
    view.show()
    qtbot.waitExposed(view)
    view.show_process(PID)
    assert view.mode == "quick"
    process = ctx.kb.get(PID)
    assert process.steps and view.browser.toHtml().count("<li") >= len(process.steps)
    plain = view.browser.toPlainText()
    assert plain.index(process.summary) < plain.index("步骤") < plain.index(process.steps[0][:8])
    assert view.learned_button.isHidden()
    qtbot.wait(50)  # let the layout settle
    # summary and every step on the first screen: the last step ends inside the viewport
    doc = view.browser.document()
    block = doc.begin()
    last_step = process.steps[-1][:10]
    bottom = None
    while block.isValid():
        if block.text().startswith(last_step):
            bottom = doc.documentLayout().blockBoundingRect(block).bottom()
        block = block.next()
    assert bottom is not None
    assert bottom <= view.browser.viewport().height(), (bottom, view.browser.viewport().height())


def test_known_opens_folded_and_expands_on_demand(qtbot, ctx):
    ctx.services.set_tier(PID, Tier.KNOWN)
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show_process(PID)
    assert view.mode == "folded"
    assert "常见追问" not in view.browser.toPlainText()
    view._link(QUrl("action:expand"))
    assert view.mode == "full"
    assert "常见追问" in view.browser.toPlainText()


def test_number_keys_set_the_tier_and_it_survives_a_restart(make_window, make_ctx, qtbot):
    window = make_window()
    window.open_process(PID, "携转")
    browser = window.view.browser
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus, timeout=2000)
    qtbot.keyClick(browser, Qt.Key_2)
    assert window.ctx.services.tier(PID) is Tier.UNCERTAIN
    assert window.view.tier_buttons.checkedId() == 1
    window.close()

    # a new app on the same data dir: the database says uncertain, the view opens a quick card
    assert TierStore(open_db()).tier(PID) is Tier.UNCERTAIN
    again = make_window(make_ctx())
    again.open_process(PID)
    assert again.view.mode == "quick"


def test_learned_button_marks_known(qtbot, ctx):
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_process(PID)
    qtbot.mouseClick(view.learned_button, Qt.LeftButton)
    assert ctx.services.tier(PID) is Tier.KNOWN
    assert view.learned_button.isHidden()


def test_known_process_opened_often_gets_a_gentle_suggestion(qtbot, ctx):
    ws = ctx.services
    ws.set_tier(PID, Tier.KNOWN)
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show()
    for _ in range(2):
        view.show_process(PID)
        assert view.suggestion.isHidden()
    view.show_process(PID)  # third open within 7 days
    assert not view.suggestion.isHidden()
    assert "不确定" in view.suggestion.text.text()
    assert ws.tier(PID) is Tier.KNOWN  # suggested, never forced
    qtbot.mouseClick(view.suggestion.no, Qt.LeftButton)
    assert view.suggestion.isHidden()
    view.show_process(PID)
    assert view.suggestion.isHidden()  # "no" is remembered
    assert ws.tier(PID) is Tier.KNOWN


def test_accepting_the_suggestion_demotes_to_uncertain(qtbot, ctx):
    ws = ctx.services
    ws.set_tier(PID, Tier.KNOWN)
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show()
    for _ in range(3):
        view.show_process(PID)
    qtbot.mouseClick(view.suggestion.yes, Qt.LeftButton)
    assert ws.tier(PID) is Tier.UNCERTAIN
    assert view.mode == "quick"


def test_feedback_is_saved_with_comment_and_reported(qtbot, ctx, capsys):
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_process(PID)
    qtbot.keyClicks(view.comment, "fee changed in 2026")
    with qtbot.waitSignal(ctx.services.changed, timeout=1000) as sig:
        qtbot.mouseClick(view.feedback_buttons["outdated"], Qt.LeftButton)
    assert sig.args == [Change(feedback=True, pid=PID)]
    assert view.comment.text() == ""
    assert "已过时" in view.feedback_status.text()
    [summary] = FeedbackStore(open_db()).summary()
    assert summary.pid == PID and summary.by_kind == {"outdated": 1}
    assert summary.latest_comments == ["fee changed in 2026"]
    [flag] = FeedbackStore(open_db()).all()
    assert flag.version == view.process.content_hash and flag.version  # the version the agent read

    from agent_assist.cli import main

    capsys.readouterr()
    assert main(["report", "feedback", "--json"]) == 0
    out = capsys.readouterr().out
    assert PID in out and "fee changed in 2026" in out
    json.loads(out.strip().splitlines()[0])  # machine-readable


def test_related_process_link_opens_it(make_window, qtbot):
    window = make_window()
    window.open_process(PID)
    related = [r for r in window.ctx.kb.get(PID).related if r in window.ctx.kb]
    assert related
    assert f'href="proc:{related[0]}"' in window.view.browser.toHtml()
    window.view._link(QUrl(f"proc:{related[0]}"))
    assert window.view.pid == related[0]


def test_recommended_script_button_starts_the_script(make_window, qtbot):
    window = make_window()
    pid = next(p.id for p in window.ctx.kb if p.script)
    window.open_process(pid)
    assert not window.view.script_button.isHidden()
    with qtbot.waitSignal(window.view.scriptRequested, timeout=1000) as sig:
        qtbot.mouseClick(window.view.script_button, Qt.LeftButton)
    assert sig.args == [window.ctx.kb.get(pid).script]


def test_markdown_is_rendered_not_shown_raw(qtbot, ctx):
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show_process(PID)
    plain = view.browser.toPlainText()
    assert "## " not in plain and "**" not in plain


def test_digits_typed_in_the_comment_stay_text(make_window, qtbot):
    window = make_window()
    window.open_process(PID)
    comment = window.view.comment
    comment.setFocus()
    qtbot.waitUntil(comment.hasFocus, timeout=2000)
    qtbot.keyClicks(comment, "fee 12")
    assert comment.text() == "fee 12"
    assert window.ctx.services.tier(PID) is Tier.UNKNOWN


def test_process_ids_in_the_body_become_title_links(make_window, qtbot):
    """ "按 complaint.fraud-report 处理" in account.elder-care: the id reads as the title, clickable."""
    window = make_window()
    kb = window.ctx.kb
    assert "complaint.fraud-report" in kb.get("account.elder-care").body
    window.open_process("account.elder-care")
    page = window.view.browser.toHtml()
    plain = window.view.browser.toPlainText()
    assert 'href="proc:complaint.fraud-report"' in page
    assert kb.get("complaint.fraud-report").title in plain
    assert "complaint.fraud-report" not in plain  # the raw id is gone from the text
    window.view._link(QUrl("proc:complaint.fraud-report"))
    assert window.view.pid == "complaint.fraud-report"


def test_unknown_ids_self_and_existing_links_stay_as_written(ctx):
    from agent_assist.gui.process_render import link_process_ids

    kb = ctx.kb
    title = kb.get("tv.iptv").title
    page = (
        "<p>见 tv.iptv，网址 www.10086.cn，按 no.such-process 处理；"
        '<a href="proc:tv.iptv">tv.iptv</a> <img src="tv.iptv.png"/> account.elder-care</p>'
    )
    out = link_process_ids(page, kb, self_id="account.elder-care")
    assert (
        out.count('href="proc:tv.iptv"') == 2 and f">{title}</a>" in out
    )  # text mention linked once
    assert "www.10086.cn" in out and "no.such-process" in out and 'src="tv.iptv.png"' in out
    assert out.endswith("account.elder-care</p>")  # its own id: no link to itself
    assert '<a href="proc:tv.iptv">tv.iptv</a>' in out  # an author's own link is untouched


def test_quick_card_shows_key_facts_first(sample_kb_dir):
    """Issue 14 item 4: 关键信息 (fee, time limit, documents, channel, identity) before the
    summary and the steps; unfilled local slots are marked, not shown as figures."""
    from agent_assist.gui.process_render import quick_card
    from agent_assist.knowledge import load_kb

    kb = load_kb(sample_kb_dir)
    page = quick_card(kb.get("sim.replace"), kb)
    assert page.index("关键信息") < page.index("步骤")
    for label in ("费用", "时限", "证件材料", "办理渠道", "身份核验"):
        assert label in page
    assert "待本中心填写：补卡工本费" in page and "【本地" not in page


def test_key_facts_are_compact_on_request(sample_kb_dir):
    """Large fonts: the first 3 facts, each cut to its first clause, and 全部 (5) to the rest;
    the whole block ends with 收起 when it can be folded again."""
    from agent_assist.gui.key_facts_render import first_clause
    from agent_assist.gui.process_render import quick_card
    from agent_assist.knowledge import load_kb

    kb = load_kb(sample_kb_dir)
    p = kb.get(PID)
    compact = quick_card(p, kb, facts_limit=3, facts_toggle=True)
    assert '<a href="action:facts">全部 (5)</a>' in compact
    assert "证件材料" in compact and "办理渠道" not in compact and "身份核验" not in compact
    assert "携转免费…" in compact and "有合约的按协议结清" not in compact
    whole = quick_card(p, kb, facts_toggle=True)
    assert "身份核验" in whole and "有合约的按协议结清" in whole
    assert '<a href="action:facts">收起</a>' in whole
    assert "action:facts" not in quick_card(p, kb)  # default fonts: the block as it was
    assert first_clause("免费") == "免费"
    assert first_clause("x" * 30, 24) == "x" * 24 + "…"
    slot = "工本费【本地：补卡工本费】；其余免费"
    assert first_clause(slot, 6) == "工本费【本地：补卡工本费】…"  # a slot is never cut in two


def facts_line(view) -> str:
    return next(x for x in view.browser.toPlainText().splitlines() if x.startswith("关键信息"))


def test_large_font_shows_compact_key_facts_and_the_link_expands_them(qtbot, ctx):
    ctx.services.set_tier(PID, Tier.UNCERTAIN)
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.show_process(PID)
    assert "身份核验" in view.browser.toPlainText()  # default font: every fact
    full = facts_line(view)
    font = view.font()
    font.setPointSize(16)
    view.setFont(font)  # as Settings → 字号 16 does (FontChange → refont)
    plain = view.browser.toPlainText()
    assert "全部 (5)" in plain and "身份核验" not in plain
    assert len(facts_line(view)) < 0.6 * len(full)  # the summary and steps come up the card
    view._link(QUrl("action:facts"))
    assert "身份核验" in view.browser.toPlainText() and "收起" in view.browser.toPlainText()
    ctx.services.set_tier("sim.replace", Tier.UNCERTAIN)
    view.show_process("sim.replace")
    assert view.facts_expanded  # the agent's choice holds for the next card
    view._link(QUrl("action:facts"))
    assert "全部 (" in view.browser.toPlainText()
