"""Process → HTML for the process view: the quick card, the learning view, the folded view.

Kept apart from the widget so the layout rules are easy to read and test: a quick card puts the
summary and the numbered steps first (an unsure agent needs them within one glance, no
scrolling), then 常见追问 so the next question is answered before it is asked; the learning view
is the whole article plus what customers say and the related processes as links.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from agent_assist.gui import safe_html
from agent_assist.gui.key_facts_render import key_facts_block
from agent_assist.knowledge import KnowledgeBase, Process

MAX_TITLE_CHARS = 200
MAX_SUMMARY_CHARS = 2_000
MAX_LIST_ENTRIES = 30  # customer phrases, keywords, related processes shown
MAX_ENTRY_CHARS = 200
MAX_STEPS = 60  # numbered steps on a quick card


class Page:
    """Collects whether any part of one page had to be cut (for the 内容过大 notice)."""

    def __init__(self) -> None:
        self.truncated = False

    def md(self, text: str) -> str:
        out = safe_html.markdown_html(text)
        self.truncated = self.truncated or out.truncated
        return out.html

    def md_inline(self, text: str) -> str:
        out = safe_html.markdown_html(text, limit=safe_html.MAX_INLINE_CHARS)
        self.truncated = self.truncated or out.truncated
        return _unwrap_paragraph(out.html)


def _unwrap_paragraph(out: str) -> str:
    out = out.strip()
    m = re.fullmatch(r"<p>(.*)</p>", out, flags=re.S)
    return m.group(1) if m else out


def md(text: str) -> str:
    """KB Markdown → clean HTML (sanitized, size- and depth-limited: see :mod:`safe_html`),
    with the 内容过大，已截断 notice in front when something had to be cut."""
    out = safe_html.markdown_html(text)
    return (truncation_notice() + out.html) if out.truncated else out.html


def md_inline(text: str) -> str:
    return _unwrap_paragraph(safe_html.markdown_html(text, safe_html.MAX_INLINE_CHARS).html)


def truncation_notice() -> str:
    text = QCoreApplication.translate(
        "ProcessRender", "内容过大，已截断：只显示了前面的部分。请联系知识库维护人。"
    )
    return f'<p class="notice">⚠ {html.escape(text)}</p>'


def bounded(p: Process) -> tuple[Process, bool]:
    """``p`` with its body and card fields cut to what a view can show; (process, was_cut).

    Every later step (sections, steps, Markdown) then works on bounded text, whatever the file
    held (a 20 MB body took 313 s to show)."""
    body, cut = safe_html.cut_text(p.body or "", safe_html.MAX_SOURCE_CHARS)

    def short(text: str, limit: int = MAX_ENTRY_CHARS) -> str:
        nonlocal cut
        if len(text or "") > limit:
            cut = True
            return text[:limit] + "…"
        return text or ""

    def entries(items: tuple[str, ...]) -> tuple[str, ...]:
        nonlocal cut
        if len(items) > MAX_LIST_ENTRIES:
            cut = True
        return tuple(short(x) for x in items[:MAX_LIST_ENTRIES])

    out = replace(
        p,
        body=body,
        title=short(p.title, MAX_TITLE_CHARS),
        summary=short(p.summary, MAX_SUMMARY_CHARS),
        customer_phrases=entries(p.customer_phrases),
        keywords=entries(p.keywords),
        related=entries(p.related),
        owner=short(p.owner),
        updated=short(str(p.updated or "")),
    )
    return out, cut


def error_card(pid: str, title: str, reason: str) -> str:
    """What the view shows for a process it could not render: named, so nobody mistakes it."""
    heading = html.escape((title or pid)[:MAX_TITLE_CHARS])
    text = QCoreApplication.translate("ProcessRender", "这个流程无法显示，请反馈给知识库维护人。")
    return (
        f"<h1>{heading}</h1>"
        f'<p class="notice">⚠ {html.escape(text)}</p>'
        f'<p class="muted">{html.escape(pid[:MAX_TITLE_CHARS])} · {html.escape(reason[:300])}</p>'
    )


def stylesheet(dark: bool, compact: bool = False) -> str:
    """CSS for QTextBrowser's rich-text subset; colours chosen for contrast in either theme.

    ``compact`` (call mode): a smaller title and tighter lines, so more steps fit in the card."""
    accent = "#64b5f6" if dark else "#1565c0"
    box = "#263238" if dark else "#e8f1fb"
    muted = "#b0bec5" if dark else "#546e7a"
    notice = "#ffb74d" if dark else "#b45309"
    h1 = "large" if compact else "1.35em"  # Qt takes keywords for a size relative to the text
    h3_margin = "6px" if compact else "10px"
    line = "115%" if compact else "125%"
    return f"""
    h1 {{ font-size: {h1}; margin: 0 0 4px 0; }}
    h2 {{ font-size: 1.12em; color: {accent}; margin: 12px 0 4px 0; }}
    h3 {{ font-size: 1.05em; color: {accent}; margin: {h3_margin} 0 4px 0; }}
    p, li {{ line-height: {line}; }}
    p {{ margin-top: 2px; margin-bottom: 6px; }}
    ol, ul {{ margin-top: 2px; margin-bottom: 2px; }}
    li {{ margin-bottom: 2px; }}
    a {{ color: {accent}; }}
    .summary {{ background-color: {box}; padding: 8px; font-size: 1.08em; }}
    .muted {{ color: {muted}; }}
    .notice {{ color: {notice}; font-weight: bold; }}
    .tag {{ color: {muted}; }}
    table {{ border-collapse: collapse; }}
    td, th {{ border: 1px solid {muted}; padding: 3px 6px; }}
    """


# a process id as KB authors write it in running text: "按 complaint.repeat 处理", "（tv.iptv）" —
# dotted lower-case words; only ids the KB knows become links, anything else stays as written
_ID_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9._/@:-])([a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+)(?![A-Za-z0-9_/@-])"
)
_TAG = re.compile(r"(<[^>]*>)")


def link_process_ids(page: str, kb: KnowledgeBase, self_id: str = "") -> str:
    """Turn known process ids in the text of ``page`` (HTML) into links showing the title.

    An agent reads "按 complaint.repeat 同时升级督办" mid-call: a raw id means nothing to them and
    can't be clicked. Text inside an existing link and inside tags (attributes) is left alone;
    the process's own id stays text (a link to the page you are on is noise).
    """

    def repl(m: re.Match) -> str:
        pid = m.group(1)
        other = kb.processes.get(pid) if pid != self_id else None
        if other is None:
            return m.group(0)
        title = html.escape(other.title[:MAX_TITLE_CHARS])
        return f'<a href="proc:{html.escape(pid)}" title="{html.escape(pid)}">{title}</a>'

    out: list[str] = []
    in_link = 0
    for chunk in _TAG.split(page):
        if chunk.startswith("<"):
            tag = (
                chunk[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower()
                if len(chunk) > 2
                else ""
            )
            if tag == "a":
                in_link += -1 if chunk.startswith("</") else 1
                in_link = max(in_link, 0)
            out.append(chunk)
        elif in_link or "." not in chunk:
            out.append(chunk)
        else:
            out.append(_ID_IN_TEXT.sub(repl, chunk))
    return "".join(out)


def _summary_block(p: Process) -> str:
    if not p.summary:
        return ""
    return f'<table width="100%" cellpadding="8"><tr><td class="summary">{html.escape(p.summary)}</td></tr></table>'


def _related_block(p: Process, kb: KnowledgeBase) -> str:
    links = []
    for rid in p.related:
        other = kb.processes.get(rid)  # the card data is enough: no file read per link
        if other is not None:
            title = html.escape(other.title[:MAX_TITLE_CHARS])
            links.append(f'<a href="proc:{html.escape(rid)}">{title}</a>')
    if not links:
        return ""
    heading = QCoreApplication.translate("ProcessRender", "相关流程")
    return f"<h3>{heading}</h3><p>" + " · ".join(links) + "</p>"


def _meta_line(p: Process) -> str:
    from agent_assist.gui.labels import category_text

    bits = [html.escape(category_text(p.category))]
    if p.owner:
        bits.append(QCoreApplication.translate("ProcessRender", "维护：") + html.escape(p.owner))
    if p.updated:
        bits.append(
            QCoreApplication.translate("ProcessRender", "更新：") + html.escape(str(p.updated))
        )
    return f'<p class="muted">{" · ".join(bits)}</p>'


def _finish(parts: list[str], page: Page, p: Process, kb: KnowledgeBase) -> str:
    """Join the page; the 内容过大 notice goes right under the title, where it is seen."""
    if page.truncated:
        parts.insert(1, truncation_notice())
    return link_process_ids("".join(parts), kb, p.id)


def quick_card(
    p: Process, kb: KnowledgeBase, facts_limit: int | None = None, facts_toggle: bool = False
) -> str:
    """Summary + numbered steps first; then 常见追问, 注意事项 and related processes.

    ``facts_limit`` / ``facts_toggle``: the compact key-facts block of large fonts (see
    :func:`key_facts_block`)."""
    page = Page()
    p, page.truncated = bounded(p)
    facts = key_facts_block(p, kb, limit=facts_limit, toggle=facts_toggle)
    parts = [f"<h1>{html.escape(p.title)}</h1>", facts, _summary_block(p)]
    steps = p.steps
    if len(steps) > MAX_STEPS:
        steps, page.truncated = steps[:MAX_STEPS], True
    if steps:
        heading = QCoreApplication.translate("ProcessRender", "步骤")
        parts.append(
            f"<h3>{heading}</h3><ol>"
            + "".join(f"<li>{page.md_inline(s)}</li>" for s in steps)
            + "</ol>"
        )
    else:  # no numbered steps: the body is the card
        parts.append(page.md(p.body))
    extra = (
        (("常见追问",), QCoreApplication.translate("ProcessRender", "常见追问")),
        (("注意事项", "注意"), QCoreApplication.translate("ProcessRender", "注意事项")),
    )
    for names, heading in extra:
        text = p.section(*names)
        if text and steps:
            parts.append(f"<h3>{heading}</h3>" + page.md(text))
    parts.append(_related_block(p, kb))
    parts.append(_meta_line(p))
    return _finish(parts, page, p, kb)


def learn_view(p: Process, kb: KnowledgeBase) -> str:
    """The whole article, introduced by the summary and how customers phrase the request."""
    page = Page()
    p, page.truncated = bounded(p)
    parts = [
        f"<h1>{html.escape(p.title)}</h1>",
        _meta_line(p),
        key_facts_block(p, kb),
        _summary_block(p),
    ]
    if p.customer_phrases:
        said = "；".join(f"“{html.escape(x)}”" for x in p.customer_phrases)
        label = QCoreApplication.translate("ProcessRender", "客户常这样说：")
        parts.append(f"<p><b>{label}</b>{said}</p>")
    if p.keywords:
        label = QCoreApplication.translate("ProcessRender", "关键词：")
        parts.append(f'<p class="tag"><b>{label}</b>{html.escape("、".join(p.keywords))}</p>')
    parts.append(page.md(p.body))
    parts.append(_related_block(p, kb))
    return _finish(parts, page, p, kb)


def folded_view(p: Process, kb: KnowledgeBase) -> str:
    """A mastered process: the one-line reminder, with the full text one click away."""
    page = Page()
    p, page.truncated = bounded(p)
    known = QCoreApplication.translate("ProcessRender", "您已掌握这个流程。")
    expand = QCoreApplication.translate("ProcessRender", "展开全文")
    parts = [
        f"<h1>{html.escape(p.title)}</h1>",
        _summary_block(p),
        f'<p class="muted">{known} <a href="action:expand">{expand}</a></p>',
        _related_block(p, kb),
    ]
    return _finish(parts, page, p, kb)
