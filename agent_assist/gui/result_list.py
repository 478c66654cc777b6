"""The result list: one compact row per process, readable at a glance mid-call.

Each row shows the title with the matched terms highlighted, the category, the agent's own tier
as a coloured badge and the one-line summary. Processes the agent has mastered are folded under
a "已掌握 N 项" row (Enter or a click unfolds them): they are still reachable but out of the way.
The fold row sits where the first folded hit ranks and names it. The best hit is never folded:
it is the row Enter opens, so typing 话费余额 + Enter opens 话费余额查询 even when the agent
has mastered it. The tail itself is cut: hits far weaker
than the best one (:func:`agent_assist.search.strong_hits`, cut on the search thread) are noise to an agent scanning mid-call.
The list is keyboard-first: the search box forwards ↑/↓/Enter here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from agent_assist.gui.highlight import draw_highlighted, highlight_spans
from agent_assist.gui.labels import category_text, tier_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.tables import Index
from agent_assist.knowledge import Tier

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

# badge colours: white text on these reads well on both the light and the dark theme
TIER_COLORS = {Tier.KNOWN: "#2e7d32", Tier.UNCERTAIN: "#c77700", Tier.UNKNOWN: "#546e7a"}


class RowKind(Enum):
    HIT = "hit"
    HEADER = "header"  # 最近使用 / 常用: a caption, not selectable
    TOGGLE = "toggle"  # 已掌握 N 项: folds / unfolds the known processes


@dataclass(frozen=True)
class ResultEntry:
    """What a row shows: a search hit or a recently used process, plus the agent's tier."""

    pid: str
    title: str
    category: str
    summary: str
    tier: Tier
    terms: tuple[str, ...] = ()
    score: float = 0.0


@dataclass(frozen=True)
class Row:
    kind: RowKind
    text: str = ""
    entry: ResultEntry | None = None


class ResultModel(QAbstractListModel):
    """Rows built from ranked entries; known-tier entries fold under a toggle row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._entries: list[ResultEntry] = []
        self._sections: list[tuple[str, list[ResultEntry]]] = []
        self.show_known = False
        self.known_label = "已掌握 {n} 项"  # unfolded
        self.known_titles_label = "已掌握 {n} 项：{titles}"  # folded: which ones

    # -- filling ----------------------------------------------------------------------------
    def set_entries(self, entries: list[ResultEntry]) -> None:
        """Search results in rank order (known ones folded unless :attr:`show_known`)."""
        self._entries, self._sections = list(entries), []
        self._rebuild()

    def set_sections(self, sections: list[tuple[str, list[ResultEntry]]]) -> None:
        """Captioned groups for the empty query (最近使用, 常用); nothing is folded there."""
        self._entries, self._sections = (
            [],
            [(title, list(items)) for title, items in sections if items],
        )
        self._rebuild()

    def set_show_known(self, show: bool) -> None:
        self.show_known = show
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        rows: list[Row] = []
        if self._sections:
            for title, items in self._sections:
                rows.append(Row(RowKind.HEADER, title))
                rows.extend(Row(RowKind.HIT, entry=e) for e in items)
        else:
            # the best hit is never folded, mastered or not: Enter opens what ranks first
            best = self._entries[0] if self._entries else None
            known = [e for e in self._entries if e.tier == Tier.KNOWN and e is not best]
            for e in self._entries:
                if e.tier == Tier.KNOWN and e is not best:
                    if e is known[0]:  # the fold row takes the rank of the best mastered hit
                        rows.append(Row(RowKind.TOGGLE, self._toggle_text(known)))
                    if not self.show_known:
                        continue  # unfolded, mastered hits keep their own rank
                rows.append(Row(RowKind.HIT, entry=e))
        self._rows = rows
        self.endResetModel()

    def _toggle_text(self, known: list[ResultEntry]) -> str:
        """ "▸ 已掌握 2 项：携号转网、…" — the titles tell the agent what is folded without opening."""
        if self.show_known:
            return "▾ " + self.known_label.format(n=len(known))
        titles = "、".join(e.title for e in known[:3]) + ("…" if len(known) > 3 else "")
        return "▸ " + self.known_titles_label.format(n=len(known), titles=titles)

    # -- reading ----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def row(self, i: int) -> Row:
        return self._rows[i]

    def hit_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.kind is RowKind.HIT]

    def entries(self) -> list[ResultEntry]:
        """Entries currently shown as rows (folded ones excluded), top to bottom."""
        return [r.entry for r in self._rows if r.entry is not None]

    def known_count(self) -> int:
        """Mastered hits under the fold row (the best hit is never among them)."""
        return sum(1 for e in self._entries[1:] if e.tier == Tier.KNOWN)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind is RowKind.HEADER:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.entry.title if row.entry else row.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if row.entry:
                e = row.entry
                return f"{e.title}，{category_text(e.category)}，{tier_text(e.tier)}。{e.summary}"
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole and row.entry:
            return row.entry.summary
        if role == ENTRY_ROLE:
            return row.entry
        if role == KIND_ROLE:
            return row.kind
        return None


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


class ResultList(LiveUpdate, QListView):
    """The list widget: emits :attr:`activated_pid` on Enter / click; folds known processes."""

    activatedPid = Signal(str)
    tierRequested = Signal(str, object)  # pid, Tier — keys 1/2/3 on a row

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("resultList")
        self.model_ = ResultModel(self)
        self.setModel(self.model_)
        self.delegate = ResultDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.empty_text = ""
        self.clicked.connect(self._activate_index)

    def retranslate(self) -> None:
        """Badges and categories are translated as they are painted: just repaint."""
        self.viewport().update()

    def set_empty_text(self, text: str) -> None:
        """What an empty list says (first run: how to start) instead of being a blank box."""
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model_.rowCount() or not self.empty_text:
            return
        painter = QPainter(self.viewport())
        color = QColor(self.palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(0.6)
        painter.setPen(color)
        area = self.viewport().rect().adjusted(16, 16, -16, -16)
        painter.drawText(
            area,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.empty_text,
        )
        painter.end()

    def refont(self) -> None:
        """Row heights come from the font: lay the rows out again at the new size."""
        self.scheduleDelayedItemsLayout()

    def set_compact(self, compact: bool) -> None:
        """One-line rows (no summary): more of a quick card fits below the list."""
        if self.delegate.compact != compact:
            self.delegate.compact = compact
            self.scheduleDelayedItemsLayout()  # row heights changed

    def row_height(self) -> int:
        """Height of a hit row as the delegate sizes it now (for "show N rows" layouts)."""
        fm = QFontMetrics(self.font())
        lines = 1.2 if self.delegate.compact else 2.4
        pad = self.delegate.PAD * (1.5 if self.delegate.compact else 2)
        return int(fm.height() * lines + pad)

    def set_entries(self, entries: list[ResultEntry]) -> None:
        self.model_.set_entries(entries)
        self._select_first()

    def set_sections(self, sections: list[tuple[str, list[ResultEntry]]]) -> None:
        self.model_.set_sections(sections)
        self._select_first()

    def _select_first(self) -> None:
        rows = self.model_.hit_rows()
        if rows:
            self.setCurrentIndex(self.model_.index(rows[0]))
        elif self.model_.rowCount():
            self.setCurrentIndex(self.model_.index(0))

    def current_entry(self) -> ResultEntry | None:
        idx = self.currentIndex()
        return idx.data(ENTRY_ROLE) if idx.isValid() else None

    def move_selection(self, step: int) -> None:
        """Move the selection by ``step`` selectable rows (↑/↓ forwarded from the search box)."""
        count = self.model_.rowCount()
        if not count:
            return
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        nxt = row
        while True:
            nxt += step
            if nxt < 0 or nxt >= count:
                return
            if self.model_.row(nxt).kind is not RowKind.HEADER:
                break
        self.setCurrentIndex(self.model_.index(nxt))

    def activate_current(self) -> None:
        if self.currentIndex().isValid():
            self._activate_index(self.currentIndex())

    def _activate_index(self, index: QModelIndex) -> None:
        row = self.model_.row(index.row())
        if row.kind is RowKind.TOGGLE:
            self.model_.set_show_known(not self.model_.show_known)
            toggle_row = next(
                i
                for i in range(self.model_.rowCount())
                if self.model_.row(i).kind is RowKind.TOGGLE
            )
            self.setCurrentIndex(self.model_.index(toggle_row))
        elif row.entry is not None:
            self.activatedPid.emit(row.entry.pid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_current()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_selection(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        entry = self.current_entry()
        if (
            entry is not None
            and event.text() in ("1", "2", "3")
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.tierRequested.emit(entry.pid, Tier.from_key(event.text()))
            return
        super().keyPressEvent(event)
