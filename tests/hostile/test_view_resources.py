"""Issue 8 item 2: KB content in the process and study views loads nothing the KB did not ship
and follows no link by itself.

Before: ``<img src="file:///dev/zero">`` in a process body aborted the app (bad_alloc, 4.4 GB);
a link to ``/etc/passwd`` (or ``../../etc/passwd``) clicked in the 学习 view replaced the card
with the file. The hostile files are written by each test into a temp KB folder.
"""

from __future__ import annotations

import os
import socket
import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument

from agent_assist.gui import safe_browser
from agent_assist.gui.safe_browser import MAX_IMAGE_BYTES, SafeTextBrowser, placeholder_image
from agent_assist.gui.safe_html import markdown_html

IMAGE = QTextDocument.ResourceType.ImageResource


def write_process(kb: Path, pid: str, body: str, title: str = "", category: str = "办理") -> Path:
    """A process file in the KB's format (YAML front matter + Markdown body)."""
    folder = kb / "processes" / pid.split(".")[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{pid}.md"
    path.write_text(
        f"---\nid: {pid}\ntitle: {title or pid}\ncategory: {category}\n"
        f"summary: {pid} 的摘要\nkeywords: [测试]\n---\n{body}\n",
        encoding="utf-8",
    )
    return path


def write_png(path: Path, width: int = 7, height: int = 5) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(0x3366CC)
    assert image.save(str(path), "PNG")
    return path


def png_claiming(width: int, height: int) -> bytes:
    """A tiny, valid PNG whose header declares ``width`` × ``height`` (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def kb(tmp_path) -> Path:
    root = tmp_path / "kb"
    write_png(root / "processes" / "images" / "ok.png")
    write_png(root / "logo.png", 3, 3)
    return root


@pytest.fixture
def browser(qtbot, kb) -> SafeTextBrowser:
    b = SafeTextBrowser()
    qtbot.addWidget(b)
    b.set_base(kb, kb / "processes")
    return b


def _is_placeholder(result) -> bool:
    return isinstance(result, QImage) and result.size() == placeholder_image().size()


def test_a_png_inside_the_kb_loads(browser, kb):
    image = browser.loadResource(IMAGE, QUrl("images/ok.png"))
    assert isinstance(image, QImage) and (image.width(), image.height()) == (7, 5)
    image = browser.loadResource(IMAGE, QUrl("../logo.png"))  # up, but still inside the KB
    assert isinstance(image, QImage) and (image.width(), image.height()) == (3, 3)
    assert browser.refused == []


def test_images_from_outside_the_kb_are_refused(browser, kb, tmp_path):
    outside = write_png(tmp_path / "outside.png")
    (kb / "processes" / "images" / "link.png").symlink_to(outside)  # a symlink out of the KB
    (kb / "processes" / "images" / "big.png").write_bytes(
        write_png(tmp_path / "b.png").read_bytes() + b"\0" * (MAX_IMAGE_BYTES + 1)
    )
    (kb / "processes" / "images" / "bomb.png").write_bytes(png_claiming(60_000, 60_000))
    (kb / "processes" / "images" / "dir.png").mkdir()
    os.mkfifo(kb / "processes" / "images" / "fifo.png")  # reading it would block for ever
    (kb / "processes" / "images" / "zero.png").symlink_to("/dev/zero")
    hostile = [
        "file:///dev/zero",
        "/dev/zero",
        "/etc/passwd",
        "file:///etc/passwd",
        "../../../../../../etc/passwd",
        "images/../../../outside.png",
        str(outside),
        QUrl.fromLocalFile(str(outside)).toString(),
        "images/link.png",
        "images/big.png",
        "images/bomb.png",
        "images/dir.png",
        "images/fifo.png",
        "images/zero.png",
        "images/missing.png",
        "data:image/png;base64," + "iVBORw0KGgo=",
        "javascript:alert(1)",
        "qrc:/qt-project.org/styles/commonstyle/images/up-16.png",
        "blocked:image",
        "C:/Windows/win.ini",
        "\\\\server\\share\\x.png",
    ]
    for src in hostile:
        assert _is_placeholder(browser.loadResource(IMAGE, QUrl(src))), src
    assert len(browser.refused) == len(hostile)


def test_http_images_make_no_network_request(browser):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    port = server.getsockname()[1]
    try:
        for scheme in ("http", "https"):
            url = QUrl(f"{scheme}://127.0.0.1:{port}/x.png")
            assert _is_placeholder(browser.loadResource(IMAGE, url))
        browser.setHtml(f'<img src="http://127.0.0.1:{port}/y.png">')
        browser.document().adjustSize()
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected
    finally:
        server.close()


def test_no_other_resource_is_ever_loaded(browser, kb):
    (kb / "style.css").write_text("p { color: red }")
    for kind in (
        QTextDocument.ResourceType.StyleSheetResource,
        QTextDocument.ResourceType.HtmlResource,
        QTextDocument.ResourceType.MarkdownResource,
    ):
        assert browser.loadResource(kind, QUrl("style.css")) is None
        assert browser.loadResource(kind, QUrl("file:///etc/passwd")) is None


def test_set_source_never_loads_a_file(browser):
    browser.setHtml("<p>卡片</p>")
    for url in (
        QUrl.fromLocalFile("/etc/passwd"),
        QUrl("file:///dev/zero"),
        QUrl("../../etc/passwd"),
    ):
        browser.setSource(url)
        assert browser.toPlainText() == "卡片"


def test_hostile_html_is_sanitized():
    page = markdown_html(
        "<script>alert(1)</script><style>p{background:url(file:///dev/zero)}</style>"
        '<iframe src="file:///etc/passwd"></iframe><object data="x"></object><embed src="x">'
        '<form action="http://x"><input name="a"></form><meta http-equiv="refresh" content="0">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<p style="background-image:url(/etc/passwd)" onclick="x()" onmouseover="y()">段落</p>'
        '<table background="/etc/passwd"><tr><td background="/dev/zero">格</td></tr></table>'
        '<img src="file:///dev/zero" onerror="x()"><img src="images/ok.png">'
        '<a href="javascript:alert(1)">j</a><a href="data:text/html,x">d</a>'
        '<a href="file:///etc/passwd">f</a><a href="https://example.com/">w</a>'
    ).html
    low = page.lower()
    for bad in (
        "<script", "alert", "<style", "<iframe", "<object", "<embed", "<form", "<input", "<meta",
        "<link", "style=", "onclick", "onmouseover", "onerror", "background", "url(",
        "file:", "javascript:", "data:", "/etc/passwd", "/dev/zero",
    ):  # fmt: skip
        assert bad not in low, (bad, page)
    assert "段落" in page and "格" in page
    assert '<img src="images/ok.png"' in page and '<img src="blocked:image"' in page
    assert '<a href="https://example.com/">w</a>' in page
    md_links = markdown_html(
        "[m](javascript:alert(1)) [f](file:///etc/passwd) ![i](file:///dev/zero)"
    )
    assert "href=" not in md_links.html and "src=" not in md_links.html  # left as plain text


def _open_view(qtbot, kb: Path):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.process_view import ProcessView

    ctx = AppContext(kb_dir=kb)
    view = ProcessView(ctx)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    return ctx, view


def test_process_view_shows_kb_images_and_placeholders_only(qtbot, kb):
    write_process(
        kb,
        "evil.img",
        '## 说明\n<img src="file:///dev/zero">\n\n![图](../images/ok.png)\n\n'
        '<img src="/etc/passwd"> <img src="http://127.0.0.1:9/x.png">\n',
        title="带图片的流程",
    )
    ctx, view = _open_view(qtbot, kb)
    assert view.show_process("evil.img", log=False)  # before the fix: bad_alloc here
    view.browser.document().adjustSize()  # lay out, so every image is asked for
    html = view.browser.toHtml()
    assert "file:" not in html and "/etc/passwd" not in html and "/dev/zero" not in html
    ok = view.browser.document().resource(IMAGE, QUrl("../images/ok.png"))  # beside the file
    assert isinstance(ok, QImage) and (ok.width(), ok.height()) == (7, 5)
    assert "blocked:image" in view.browser.refused
    assert "127.0.0.1" not in html  # a remote image is a placeholder before it reaches Qt
    assert "../images/ok.png" not in view.browser.refused


def _click_anchor(qtbot, browser, text: str) -> None:
    """Click the middle of the link whose text is ``text``, as the agent would."""
    doc = browser.document()
    found = doc.find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + 1)
    rect = browser.cursorRect(cursor)
    from PySide6.QtCore import Qt

    qtbot.mouseClick(browser.viewport(), Qt.LeftButton, pos=rect.center())


HOSTILE_LINKS = {
    "文件链接": "file:///etc/passwd",
    "相对路径": "../../etc/passwd",
    "绝对路径": "/etc/passwd",
    "脚本链接": "javascript:alert(1)",
    "数据链接": "data:text/html,<b>x</b>",
    "未知协议": "foo:bar",
}


def _links_body() -> str:
    links = "\n".join(f"- [{text}]({href})" for text, href in HOSTILE_LINKS.items())
    return (
        "## 适用情形\n客户问起（见 other.proc）\n"
        f"{links}\n- [官网](https://example.com/help)\n\n"
        "## 步骤\n1. 先核实身份\n2. 再办理\n"
    )


def test_links_in_the_process_view(qtbot, kb, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(
        safe_browser.QDesktopServices,
        "openUrl",
        staticmethod(lambda u: opened.append(u.toString())),
    )
    write_process(kb, "evil.links", _links_body(), title="恶意链接流程")
    write_process(kb, "other.proc", "## 步骤\n1. 其它\n", title="另一个流程")
    ctx, view = _open_view(qtbot, kb)
    view.show_process("evil.links", log=False)
    before = view.browser.toPlainText()
    assert "恶意链接流程" in before
    for text in HOSTILE_LINKS:
        if text in before:  # the sanitizer may already have dropped the href
            _click_anchor(qtbot, view.browser, text)
        assert view.pid == "evil.links" and view.browser.toPlainText() == before
    assert opened == []
    _click_anchor(qtbot, view.browser, "官网")
    assert opened == ["https://example.com/help"]  # the system browser, after the click
    with qtbot.waitSignal(view.openRequested, timeout=1000) as sig:
        _click_anchor(qtbot, view.browser, "另一个流程")  # an internal link still works
    assert sig.args == ["other.proc", ""]


def test_links_in_the_study_view_never_replace_the_card(qtbot, kb, monkeypatch):
    """Before: the 学习 view was a plain QTextBrowser: a click showed /etc/passwd."""
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.study_view import StudyView

    opened: list[str] = []
    monkeypatch.setattr(
        safe_browser.QDesktopServices,
        "openUrl",
        staticmethod(lambda u: opened.append(u.toString())),
    )
    write_process(kb, "evil.study", _links_body(), title="学习恶意链接")
    ctx = AppContext(kb_dir=kb)
    view = StudyView(ctx)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    assert view.card is not None and view.card.pid == "evil.study"
    before = view.front.toPlainText()
    assert "学习恶意链接" in before
    for text in HOSTILE_LINKS:
        if text in before:
            _click_anchor(qtbot, view.front, text)
        assert view.front.toPlainText() == before
        assert "root:" not in view.front.toPlainText()
    assert opened == []
    view.reveal()
    assert "先核实身份" in view.back.toPlainText()


def test_clicked_urls_are_filtered_at_the_browser(browser, monkeypatch):
    """Even a link that got past the sanitizer: only proc:/action: reach the owner, only
    http(s)/mailto the system browser; the page itself never changes."""
    opened: list[str] = []
    monkeypatch.setattr(
        safe_browser.QDesktopServices,
        "openUrl",
        staticmethod(lambda u: opened.append(u.toString())),
    )
    internal: list[str] = []
    browser.internalLinkClicked.connect(lambda u: internal.append(u.toString()))
    browser.setHtml("<p>卡片</p>")
    for href in (
        *HOSTILE_LINKS.values(),
        "file:///dev/zero",
        "vbscript:x",
        "qrc:/x",
        "http:relative",
        "C:/Windows/win.ini",
    ):
        browser.anchorClicked.emit(QUrl(href))
        assert browser.toPlainText() == "卡片", href
    assert opened == [] and internal == []
    browser.anchorClicked.emit(QUrl("https://example.com/a"))
    browser.anchorClicked.emit(QUrl("proc:other.proc"))
    assert opened == ["https://example.com/a"] and internal == ["proc:other.proc"]


def test_the_call_mode_card_uses_the_same_safe_browser(qtbot, kb):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.process_view import ProcessView

    write_process(kb, "evil.card", '## 步骤\n1. 看图 <img src="file:///dev/zero">\n', "通话卡片")
    view = ProcessView(AppContext(kb_dir=kb), compact=True)  # what CallModeWindow shows
    qtbot.addWidget(view)
    view.show()
    assert isinstance(view.browser, SafeTextBrowser)
    assert view.show_process("evil.card", log=False) and view.mode == "quick"
    view.browser.document().adjustSize()
    assert "/dev/zero" not in view.browser.toHtml() and "blocked:image" in view.browser.refused
