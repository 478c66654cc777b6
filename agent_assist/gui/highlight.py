"""Painting text with the matched search terms marked, for the result rows."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter


def highlight_spans(text: str, terms) -> list[tuple[int, int]]:
    """The search package's spans, imported on first use: rows are painted only once results
    exist, and by then the worker has imported the search stack — the window paints sooner."""
    if not terms:
        return []
    from agent_assist.search import highlight_spans as spans

    return spans(text, terms)


def draw_highlighted(
    painter: QPainter,
    rect: QRect,
    text: str,
    spans: list[tuple[int, int]],
    font: QFont,
    color: QColor,
    mark: QColor,
    selected: bool,
) -> None:
    """Draw ``text`` on one line, marking ``spans``; elide with … when it does not fit."""
    painter.setFont(font)
    fm = QFontMetrics(font)
    ell = "…"
    limit = rect.width() - fm.horizontalAdvance(ell)
    x, y = rect.left(), rect.top() + fm.ascent() + 1
    runs: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            runs.append((text[pos:start], False))
        runs.append((text[start:end], True))
        pos = end
    if pos < len(text):
        runs.append((text[pos:], False))
    full_width = fm.horizontalAdvance(text)
    for chunk, marked in runs:
        if full_width > rect.width():
            # cut this run where the line would overflow
            fits = ""
            for ch in chunk:
                if x + fm.horizontalAdvance(fits + ch) > rect.left() + limit:
                    break
                fits += ch
            truncated = fits != chunk
            chunk = fits
        else:
            truncated = False
        w = fm.horizontalAdvance(chunk)
        if marked and chunk:
            painter.fillRect(QRect(x, rect.top(), w, fm.height()), mark)
            painter.setPen(QColor("black") if not selected else color)
        else:
            painter.setPen(color)
        painter.drawText(x, y, chunk)
        x += w
        if truncated:
            painter.setPen(color)
            painter.drawText(x, y, ell)
            return
