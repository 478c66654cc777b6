"""Process → HTML for the process view: the quick card, the learning view, the folded view.

Kept apart from the widget so the layout rules are easy to read and test: a quick card puts the
summary and the numbered steps first (an unsure agent needs them within one glance, no
scrolling), then 常见追问 so the next question is answered before it is asked; the learning view
is the whole article plus what customers say and the related processes as links.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication

from agent_assist.gui.key_facts_render import key_facts_block
from agent_assist.knowledge import KnowledgeBase, Process

_MD = None


def md(text: str) -> str:
    """Markdown → HTML (the converter is reused: building one per call is the slow part)."""
    global _MD
    if _MD is None:  # imported on first use: not on the start-up path
        import markdown

        _MD = markdown.Markdown(extensions=["extra", "sane_lists", "nl2br"], output_format="html")
    _MD.reset()
    return _MD.convert(text or "")


def md_inline(text: str) -> str:
    out = md(text).strip()
    m = re.fullmatch(r"<p>(.*)</p>", out, flags=re.S)
    return m.group(1) if m else out


def stylesheet(dark: bool, compact: bool = False) -> str:
    """CSS for QTextBrowser's rich-text subset; colours chosen for contrast in either theme.

    ``compact`` (call mode): a smaller title and tighter lines, so more steps fit in the card."""
    accent = "#64b5f6" if dark else "#1565c0"
    box = "#263238" if dark else "#e8f1fb"
    muted = "#b0bec5" if dark else "#546e7a"
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
        other = kb.get(pid) if pid != self_id else None
        if other is None:
            return m.group(0)
        return f'<a href="proc:{html.escape(pid)}" title="{html.escape(pid)}">{html.escape(other.title)}</a>'

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
        other = kb.get(rid)
        if other is not None:
            links.append(f'<a href="proc:{html.escape(rid)}">{html.escape(other.title)}</a>')
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


def quick_card(p: Process, kb: KnowledgeBase) -> str:
    """Summary + numbered steps first; then 常见追问, 注意事项 and related processes."""
    parts = [f"<h1>{html.escape(p.title)}</h1>", key_facts_block(p, kb), _summary_block(p)]
    steps = p.steps
    if steps:
        heading = QCoreApplication.translate("ProcessRender", "步骤")
        parts.append(
            f"<h3>{heading}</h3><ol>" + "".join(f"<li>{md_inline(s)}</li>" for s in steps) + "</ol>"
        )
    else:  # no numbered steps: the body is the card
        parts.append(md(p.body))
    extra = (
        (("常见追问",), QCoreApplication.translate("ProcessRender", "常见追问")),
        (("注意事项", "注意"), QCoreApplication.translate("ProcessRender", "注意事项")),
    )
    for names, heading in extra:
        text = p.section(*names)
        if text and steps:
            parts.append(f"<h3>{heading}</h3>" + md(text))
    parts.append(_related_block(p, kb))
    parts.append(_meta_line(p))
    return link_process_ids("".join(parts), kb, p.id)


def learn_view(p: Process, kb: KnowledgeBase) -> str:
    """The whole article, introduced by the summary and how customers phrase the request."""
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
    parts.append(md(p.body))
    parts.append(_related_block(p, kb))
    return link_process_ids("".join(parts), kb, p.id)


def folded_view(p: Process, kb: KnowledgeBase) -> str:
    """A mastered process: the one-line reminder, with the full text one click away."""
    known = QCoreApplication.translate("ProcessRender", "您已掌握这个流程。")
    expand = QCoreApplication.translate("ProcessRender", "展开全文")
    parts = [
        f"<h1>{html.escape(p.title)}</h1>",
        _summary_block(p),
        f'<p class="muted">{known} <a href="action:expand">{expand}</a></p>',
        _related_block(p, kb),
    ]
    return link_process_ids("".join(parts), kb, p.id)
