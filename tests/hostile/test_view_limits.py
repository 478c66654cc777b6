"""Issue 8 item 8: huge or deep content can't freeze the views, and a process is never shown
under another's id.

Before: a 20 MB process took 313 s in the full view, 20,000 nested <div> 29 s per open, a
50,000-row table 20 s; a list nested 2,000 deep raised RecursionError and the view kept the
previous process under the new id (feedback then went to the wrong process). python-markdown
itself took 13 s on 5,000 ``[``. No timing asserts here: the limits are asserted (truncation
notice, sizes, depths, rows, ids); each case runs in well under a second.
"""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtGui import QTextTable

from agent_assist.gui import process_render, safe_html
from agent_assist.gui.context import AppContext
from agent_assist.gui.process_view import ProcessView
from agent_assist.knowledge import FeedbackStore, Tier
from agent_assist.storage import open_db

NOTICE = "内容过大，已截断"


def write_process(kb: Path, pid: str, body: str, title: str = "") -> Path:
    """A process file in the KB's format (YAML front matter + Markdown body)."""
    folder = kb / "processes" / pid.split(".")[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{pid}.md"
    path.write_text(
        f"---\nid: {pid}\ntitle: {title or pid}\ncategory: 办理\nsummary: {pid} 的摘要\n"
        f"keywords: [测试]\n---\n{body}\n",
        encoding="utf-8",
    )
    return path


def max_depth(page: str, tags: set[str] | None = None) -> int:
    """Deepest nesting of ``tags`` (all elements if None) in ``page``."""

    class Depth(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth = self.deepest = 0

        def handle_starttag(self, tag, attrs) -> None:
            if tag in ("br", "img", "hr") or (tags and tag not in tags):
                return
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

        def handle_endtag(self, tag) -> None:
            if tag in ("br", "img", "hr") or (tags and tag not in tags):
                return
            self.depth -= 1

    parser = Depth()
    parser.feed(page)
    return parser.deepest


HOSTILE = {
    "nested-divs": "<div>" * 20_000 + "最里面的字" + "</div>" * 20_000,
    "table-rows": "| 项目 | 金额 |\n| --- | --- |\n" + "| 月租 | 58 |\n" * 50_000,
    "html-table": "<table>" + "<tr><td>格</td></tr>" * 50_000 + "</table>",
    "html-list": "<ul><li>" * 2_000 + "深层条目",
    "md-list": "".join("  " * i + "- 第层\n" for i in range(700)),
    "quotes": ">" * 2_000 + " 引用",
    "brackets": "[" * 30_000,  # python-markdown: cubic
    "footnotes": "[^1]" * 8_000 + "\n\n[^1]: 注",
    "long-text": "客户说的话很长。"
    * 70_000,  # 560k characters (1.7 MB: under the loader's 2 MB cap)
}


@pytest.fixture
def kb(tmp_path) -> Path:
    root = tmp_path / "kb"
    write_process(root, "plain.one", "## 步骤\n1. 第一步\n2. 第二步\n", title="正常流程")
    for name, body in HOSTILE.items():
        write_process(root, f"evil.{name}", f"## 步骤\n{body}\n", title=f"恶意 {name}")
    return root


@pytest.fixture
def view(qtbot, kb) -> ProcessView:
    v = ProcessView(AppContext(kb_dir=kb))
    qtbot.addWidget(v)
    v.resize(800, 600)
    v.show()
    return v


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("mode", ["learn", "quick"])
def test_hostile_content_is_cut_with_a_notice(view, name, mode):
    pid = f"evil.{name}"
    assert view.show_process("plain.one", log=False)
    assert view.show_process(pid, log=False, mode=mode)
    assert view.pid == pid and view.render_error == ""
    plain = view.browser.toPlainText()
    assert f"恶意 {name}" in plain and "正常流程" not in plain
    assert NOTICE in plain
    assert len(plain) < 60_000
    doc = view.browser.document()
    assert doc.blockCount() < 5_000
    tables = [f for f in _frames(doc.rootFrame()) if isinstance(f, QTextTable)]
    assert all(t.rows() <= safe_html.MAX_TABLE_ROWS + 1 for t in tables)


def _frames(frame):
    for child in frame.childFrames():
        yield child
        yield from _frames(child)


def test_a_20_mb_process_shows_its_start_and_the_notice(view):
    """20 MB in memory (the loader may refuse such a file; the view must not rely on it)."""
    slim = view.ctx.kb.processes["plain.one"]
    body = "## 步骤\n1. 开头的步骤\n\n" + "这是一段很长的说明文字。\n" * 1_700_000
    assert len(body) > 20_000_000
    view.ctx.kb.processes["huge.one"] = replace(
        slim, id="huge.one", title="超大流程", summary="超大摘要", body=body
    )
    for mode in ("learn", "quick", "full"):
        assert view.show_process("huge.one", log=False, mode=mode)
        plain = view.browser.toPlainText()
        assert view.pid == "huge.one" and "超大流程" in plain and NOTICE in plain
        assert "开头的步骤" in plain
        assert len(plain) <= safe_html.MAX_SOURCE_CHARS + 2_000


def test_a_list_nested_2000_deep_never_leaves_the_previous_process_on_screen(view, qtbot):
    """Before: RecursionError, and the view showed plain.one under the new id."""
    slim = view.ctx.kb.processes["plain.one"]
    body = "## 说明\n" + "".join("    " * i + "- 层\n" for i in range(2_000))
    view.ctx.kb.processes["deep.list"] = replace(
        slim, id="deep.list", title="深层列表", summary="深层摘要", body=body
    )
    view.show_process("plain.one", log=False)
    assert view.show_process("deep.list", log=False)
    plain = view.browser.toPlainText()
    assert view.pid == "deep.list" and "深层列表" in plain and "正常流程" not in plain
    assert NOTICE in plain


def test_a_render_failure_shows_an_error_card_under_the_right_id(view, qtbot, monkeypatch):
    """Whatever still fails (here: a forced RecursionError) names the right process, and
    feedback and tier keys then go to it, not to the one shown before."""
    view.show_process("plain.one", log=False, mode="learn")
    assert "正常流程" in view.browser.toPlainText()

    def boom(p, kb):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(process_render, "learn_view", boom)
    assert view.show_process("evil.md-list", log=False, mode="learn")
    plain = view.browser.toPlainText()
    assert view.pid == "evil.md-list"
    assert "正常流程" not in plain and "无法显示" in plain and "RecursionError" in plain
    assert "恶意 md-list" in plain
    view.comment.setText("打不开")
    with qtbot.waitSignal(view.ctx.services.changed, timeout=1000) as sig:
        view.send_feedback("unclear")
    assert sig.args[0].feedback and sig.args[0].pid == "evil.md-list"
    assert [f.pid for f in FeedbackStore(open_db()).all()] == ["evil.md-list"]
    view.set_tier(Tier.UNCERTAIN)
    ws = view.ctx.services
    assert ws.tier("evil.md-list") is Tier.UNCERTAIN and ws.tier("plain.one") is Tier.UNKNOWN


def test_an_unreadable_process_shows_an_error_card_under_its_id(view, monkeypatch):
    view.show_process("plain.one", log=False)
    real_get = view.ctx.kb.get

    def get(pid):
        if pid == "evil.quotes":
            raise MemoryError("simulated")
        return real_get(pid)

    monkeypatch.setattr(view.ctx.kb, "get", get)
    assert view.show_process("evil.quotes", log=False)
    plain = view.browser.toPlainText()
    assert view.pid == "evil.quotes" and "正常流程" not in plain and "无法显示" in plain


def test_study_view_cuts_huge_cards(qtbot, kb):
    from agent_assist.gui.study_view import StudyView

    for pid in list(HOSTILE):
        (kb / "processes" / "evil" / f"evil.{pid}.md").unlink()
    write_process(
        kb, "evil.study", "## 适用情形\n" + "很长的情形。" * 100_000 + "\n## 步骤\n1. 做", "大卡片"
    )
    (kb / "processes" / "plain" / "plain.one.md").unlink()
    view = StudyView(AppContext(kb_dir=kb))
    qtbot.addWidget(view)
    view.show()
    assert view.card is not None and view.card.pid == "evil.study"
    front = view.front.toPlainText()
    assert "大卡片" in front and NOTICE in front and len(front) < 60_000


# -- the pipeline itself --------------------------------------------------------------------


def test_limits_hold_on_the_html_itself():
    deep = safe_html.markdown_html("<div>" * 1_500 + "字" + "</div>" * 1_500)  # within the
    assert deep.truncated and "字" in deep.html  # source limit: flattened, the text kept
    assert max_depth(deep.html) <= safe_html.MAX_DEPTH
    lists = safe_html.markdown_html("<ul><li>" * 2_000 + "条")
    assert lists.truncated and max_depth(lists.html, {"ul", "ol"}) <= safe_html.MAX_LIST_DEPTH
    rows = safe_html.markdown_html("|a|b|\n|-|-|\n" + "|x|y|\n" * 50_000)
    assert rows.truncated and rows.html.count("<tr>") <= safe_html.MAX_TABLE_ROWS
    runs = safe_html.markdown_html("*强调*" * 10_000)  # Qt lays out 10,000 runs in seconds
    assert runs.truncated and runs.html.count("<") <= 2 * safe_html.MAX_ELEMENTS + 2
    quotes = safe_html.markdown_html(">" * 2_000 + " 引")
    assert max_depth(quotes.html, {"blockquote"}) <= safe_html.MAX_QUOTE_DEPTH
    for source in ("[" * 100_000, "*a" * 50_000, "&" * 100_000, "<a b='" * 30_000, "a\n" * 50_000):
        out = safe_html.markdown_html(source)
        assert out.truncated and len(out.html) <= safe_html.MAX_HTML_CHARS + 1_000


def test_ordinary_content_is_not_cut_and_renders_as_before(sample_kb_dir):
    """The whole sample KB: nothing truncated, no literal ** (Chinese bold next to quotes)."""
    from agent_assist.knowledge import load_kb

    kb = load_kb(sample_kb_dir)
    assert len(kb) > 50
    for p in kb:
        out = safe_html.markdown_html(p.body)
        assert not out.truncated, p.id
        text = out.html.replace("<code>**", "")  # dial codes like **21* are code spans
        assert "**" not in text, p.id
    cjk = safe_html.markdown_html('其中**不暗示"升档套餐就能升星"**等，**「重要」**事项').html
    assert cjk.count("<strong>") == 2


def test_the_notice_and_the_error_card_are_translated(view, qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from agent_assist.gui import appearance

    app = QApplication.instance()
    try:
        appearance.set_language(app, "en")
        view.show_process("evil.long-text", log=False, mode="learn")  # LanguageChange re-renders
        plain = view.browser.toPlainText()
        assert "Content too large, truncated" in plain and NOTICE not in plain
        assert "This process can" in process_render.error_card("a.b", "", "x")
        assert QCoreApplication.translate("SafeTextBrowser", "图片未显示") == "Image not shown"
    finally:
        appearance.set_language(app, "zh_CN")
    view.show_process("evil.long-text", log=False, mode="learn")
    assert NOTICE in view.browser.toPlainText()
