"""How a result row is painted: highlighted title, category, the agent's tier as a coloured
badge, and the one-line summary. Badges give way before the title (a narrow panel, a large
font, English): the title is what the agent reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from agent_assist.gui.highlight import draw_highlighted, highlight_spans
from agent_assist.gui.labels import category_text, tier_text
from agent_assist.gui.result_model import ENTRY_ROLE, KIND_ROLE, ResultEntry, RowKind
from agent_assist.gui.tables import Index
from agent_assist.knowledge import Tier

# badge colours: white text on these reads well on both the light and the dark theme
TIER_COLORS = {Tier.KNOWN: "#2e7d32", Tier.UNCERTAIN: "#c77700", Tier.UNKNOWN: "#546e7a"}


@dataclass(frozen=True)
class BadgeLayout:
    """Where a hit row's tier badge and category go, and what width the title keeps."""

    badge: QRect
    badge_text: str
    category: QRect | None
    category_text: str
    title_width: int


TITLE_SHARE = 0.6  # the title keeps at least this share of a row; badges shrink first


def badge_layout(
    inner: QRect, top: int, sfm: QFontMetrics, tier: str, category: str
) -> BadgeLayout:
    """Badges right-aligned; if they would leave the title less than :data:`TITLE_SHARE` of
    the row (a narrow panel, a large font, English), the category goes first, then the tier
    text is elided — the title is what the agent reads."""
    budget = int(inner.width() * (1 - TITLE_SHARE))
    badge_w = sfm.horizontalAdvance(tier) + 12
    cat_w = sfm.horizontalAdvance(category) + 10
    show_category = bool(category) and badge_w + 6 + cat_w <= budget
    if badge_w > budget:
        tier = sfm.elidedText(
            tier, Qt.TextElideMode.ElideRight, max(budget - 12, sfm.horizontalAdvance("…"))
        )
        badge_w = sfm.horizontalAdvance(tier) + 12
    badge = QRect(inner.right() - badge_w, top + 2, badge_w, sfm.height() + 2)
    cat = None
    left = badge.left()
    if show_category:
        cat = QRect(badge.left() - cat_w - 6, badge.top(), cat_w, badge.height())
        left = cat.left()
    return BadgeLayout(badge, tier, cat, category, max(left - inner.left() - 8, 0))


class ResultDelegate(QStyledItemDelegate):
    """Paints a result row: highlighted title, category, tier badge, summary line."""

    PAD = 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.compact = False  # one line per hit (title, category, tier): call mode with a card open

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        kind = index.data(KIND_ROLE)
        if kind is RowKind.HIT and not self.compact:
            return QSize(200, int(fm.height() * 2.4 + self.PAD * 2))
        return QSize(200, int(fm.height() * 1.2 + self.PAD * 1.5))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        kind = index.data(KIND_ROLE)
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        if selected:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.Highlight))
        elif option.state & QStyle.StateFlag.State_MouseOver and kind is not RowKind.HEADER:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
        text_color = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        inner = rect.adjusted(self.PAD + 4, self.PAD // 2, -self.PAD, -self.PAD // 2)
        if kind is RowKind.HIT:
            self._paint_hit(painter, option, index.data(ENTRY_ROLE), inner, text_color, selected)
        else:
            font = QFont(option.font)
            font.setBold(kind is RowKind.HEADER)
            painter.setFont(font)
            muted = QColor(text_color)
            if kind is RowKind.HEADER:
                muted.setAlphaF(0.65)
            painter.setPen(
                muted
                if kind is RowKind.HEADER
                else pal.color(QPalette.ColorRole.Link)
                if not selected
                else text_color
            )
            text = QFontMetrics(font).elidedText(
                index.data(Qt.ItemDataRole.DisplayRole), Qt.TextElideMode.ElideRight, inner.width()
            )
            painter.drawText(
                inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )
        painter.setPen(QColor(pal.color(QPalette.ColorRole.Mid)))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def _paint_hit(
        self,
        painter: QPainter,
        option,
        entry: ResultEntry,
        inner: QRect,
        color: QColor,
        selected: bool,
    ) -> None:
        base = QFont(option.font)
        fm = QFontMetrics(base)
        line_h = fm.height()
        top = inner.top() + (inner.height() - int(line_h * (1.0 if self.compact else 2.2))) // 2

        # right side: tier badge, then the category before it — they give way before the title
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        sfm = QFontMetrics(small)
        parts = badge_layout(
            inner, top, sfm, tier_text(entry.tier), category_text(entry.category)
        )  # tier text looked up per paint: follows a language switch
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TIER_COLORS[entry.tier]))
        painter.drawRoundedRect(parts.badge, 4, 4)
        painter.setFont(small)
        painter.setPen(QColor("white"))
        painter.drawText(parts.badge, Qt.AlignmentFlag.AlignCenter, parts.badge_text)
        if parts.category is not None:
            cat_color = QColor(color)
            cat_color.setAlphaF(0.7)
            painter.setPen(cat_color)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(parts.category, 4, 4)
            painter.drawText(parts.category, Qt.AlignmentFlag.AlignCenter, parts.category_text)

        # title (bold) and summary, matched terms highlighted
        mark = QColor("#ffe082") if not selected else QColor(255, 255, 255, 70)
        bold = QFont(base)
        bold.setBold(True)
        title_rect = QRect(inner.left(), top, parts.title_width, line_h + 2)
        draw_highlighted(
            painter,
            title_rect,
            entry.title,
            highlight_spans(entry.title, entry.terms),
            bold,
            color,
            mark,
            selected,
        )
        if self.compact:
            return
        muted = QColor(color)
        muted.setAlphaF(0.75)
        summary_rect = QRect(inner.left(), top + int(line_h * 1.2), inner.width(), line_h + 2)
        summary = entry.summary or ""
        draw_highlighted(
            painter,
            summary_rect,
            summary,
            highlight_spans(summary, entry.terms),
            base,
            muted,
            mark,
            selected,
        )
