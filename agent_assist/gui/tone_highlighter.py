"""Wavy underlines under phrasing the tone checker flags, as the agent types.

``ToneHighlighter(document)`` underlines each finding; ``attach_tone_tooltips(edit, hl)`` shows
the message and the suggested positive rewrite when the agent hovers it; ``ToneFindingsList``
is the side list for forms with room for one; ``ToneFindingsPanel`` sits right at a field (the
note form): each finding spelled out — what, why, the rewrite — with one button that applies it,
because a squiggle with a hover tooltip is easy to miss while the customer is talking. The rules themselves live in the core
(``agent_assist.phrases.ToneChecker``); this module only draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.text_access import TextAccess, py_to_qt, qt_to_py
from agent_assist.phrases import ToneChecker, ToneFinding, fill, load_tone_checker, sentence_span

UNDERLINE = QColor("#e8590c")


@dataclass(frozen=True)
class PlacedFinding:
    """A finding with its position in the whole document (plain-text index)."""

    start: int
    end: int
    finding: ToneFinding


class ToneHighlighter(QSyntaxHighlighter):
    findingsChanged = Signal(list)  # list[PlacedFinding], shortly after the text changes

    def __init__(
        self, document: QTextDocument, checker: ToneChecker | None = None, ctx=None
    ) -> None:
        super().__init__(document)
        if checker is None:  # the app's checker (the KB's rules); the shipped rules without one
            checker = ctx.services.tone_checker() if ctx is not None else load_tone_checker(None)
        self.checker = checker
        self.underline = QTextCharFormat()  # not "format": that is QSyntaxHighlighter's method
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.underline.setUnderlineColor(UNDERLINE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(lambda: self.findingsChanged.emit(self.findings()))
        document.contentsChanged.connect(self._timer.start)

    def highlightBlock(self, text: str) -> None:
        if self.checker is None or not text:
            return
        for f in self.checker.check(text):
            start = py_to_qt(text, f.start)
            self.setFormat(start, py_to_qt(text, f.end) - start, self.underline)

    def findings(self) -> list[PlacedFinding]:
        """Every finding of the document, in order (what the side list and tests read)."""
        if self.checker is None:
            return []
        out: list[PlacedFinding] = []
        offset = 0
        block = self.document().begin()
        while block.isValid():
            text = block.text()
            for f in self.checker.check(text):
                out.append(PlacedFinding(offset + f.start, offset + f.end, f))
            offset += len(text) + 1
            block = block.next()
        return out

    def finding_at(self, position: int) -> PlacedFinding | None:
        for placed in self.findings():
            if placed.start <= position < placed.end:
                return placed
        return None


def tooltip_html(f: ToneFinding) -> str:
    from html import escape

    return (
        f"<b>{escape(f.category)}</b>：“{escape(f.text)}”<br>{escape(f.message)}"
        f"<br><span style='color:#2b8a3e'>{escape(QCoreApplication.translate('ToneHighlighter', '建议'))}："
        f"{escape(f.suggestion)}</span>"
    )


class _TooltipFilter(QObject):
    def __init__(self, edit: QPlainTextEdit | QTextEdit, highlighter: ToneHighlighter) -> None:
        super().__init__(edit)
        self.edit = edit
        self.highlighter = highlighter

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.edit.cursorForPosition(event.pos())
            text = self.edit.toPlainText()
            placed = self.highlighter.finding_at(qt_to_py(text, cursor.position()))
            if placed is not None:
                QToolTip.showText(event.globalPos(), tooltip_html(placed.finding), self.edit)
                return True
            QToolTip.hideText()
        return False


def attach_tone_tooltips(edit: QPlainTextEdit | QTextEdit, highlighter: ToneHighlighter) -> None:
    """Hovering an underlined phrase shows why and the positive rewrite."""
    edit.viewport().installEventFilter(_TooltipFilter(edit, highlighter))


def check_text_edit(edit: QPlainTextEdit | QTextEdit, ctx=None) -> ToneHighlighter:
    """Underline + tooltips on ``edit`` in one call (what note forms and editors use)."""
    highlighter = ToneHighlighter(edit.document(), ctx=ctx)
    attach_tone_tooltips(edit, highlighter)
    return highlighter


class ToneFindingsList(QListWidget):
    """The side list: one row per finding with its suggestion; clicking a row selects the words."""

    def __init__(
        self,
        highlighter: ToneHighlighter,
        edit: QPlainTextEdit | QTextEdit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("toneFindings")
        self.setWordWrap(True)
        self.editor = edit  # not "edit": that is QAbstractItemView's method
        self.placed: list[PlacedFinding] = []
        highlighter.findingsChanged.connect(self.show_findings)
        self.itemActivated.connect(self._select)
        self.itemClicked.connect(self._select)
        self.show_findings(highlighter.findings())

    def show_findings(self, placed: list[PlacedFinding]) -> None:
        self.placed = list(placed)
        self.clear()
        for p in placed:
            f = p.finding
            item = QListWidgetItem(
                self.tr("{0}：“{1}” → {2}").format(f.category, f.text, f.suggestion)
            )
            item.setToolTip(f.message)
            self.addItem(item)
        self.setVisible(bool(placed))

    def _select(self, item: QListWidgetItem) -> None:
        if self.editor is None:
            return
        p = self.placed[self.row(item)]
        text = self.editor.toPlainText()
        c = self.editor.textCursor()
        c.setPosition(py_to_qt(text, p.start))
        c.setPosition(py_to_qt(text, p.end), c.MoveMode.KeepAnchor)
        self.editor.setTextCursor(c)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)


class ToneFindingsPanel(QFrame):
    """Findings spelled out right at the field: per finding what was flagged and why, the
    positive rewrite, and an 采用改写 button that puts the rewrite in place of the sentence
    (placeholders in it filled from ``values()``, the rest left for the agent). Hidden while the
    text is clean."""

    def __init__(
        self,
        highlighter: ToneHighlighter,
        edit: QPlainTextEdit | QTextEdit,
        values=None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("toneFindingsPanel")
        self.setProperty("role", "toneFindings")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.highlighter = highlighter
        self.edit = edit
        self.values = values
        self.placed: list[PlacedFinding] = []
        self.rows: list[tuple[QLabel, QPushButton]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.setSpacing(4)
        highlighter.findingsChanged.connect(self.show_findings)
        self.show_findings(highlighter.findings())

    def show_findings(self, placed: list[PlacedFinding]) -> None:
        self.placed = list(placed)
        for label, _button in self.rows:
            old = label.parentWidget()
            if old is None:
                continue
            self._layout.removeWidget(old)
            old.hide()  # deleted on the next event-loop turn; not painted until then
            old.deleteLater()
        self.rows = []
        for i, p in enumerate(placed):
            row = QWidget(self)
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            label = QLabel(row)
            label.setObjectName("toneFinding")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(self._html(p.finding))
            button = QPushButton(self.tr("采用改写"), row)
            button.setObjectName("applyRewrite")
            button.setToolTip(self.tr("用建议的说法替换这句话"))
            button.clicked.connect(lambda _=False, k=i: self.apply(k))
            h.addWidget(label, 1)
            h.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self._layout.addWidget(row)
            self.rows.append((label, button))
        self.setVisible(bool(placed))

    def _html(self, f: ToneFinding) -> str:
        from html import escape

        say = self.tr("改为")
        return (
            f"<b>{escape(f.category)}</b>：“{escape(f.text)}” — {escape(f.message)}<br>"
            f"<span style='color:#2b8a3e'>{escape(say)}：{escape(f.suggestion)}</span>"
        )

    def texts(self) -> list[str]:
        """What each row says (what the tests and screenshots read)."""
        return [label.text() for label, _ in self.rows]

    def apply(self, index: int) -> str:
        """Replace the sentence of finding ``index`` by its rewrite; returns the text put in."""
        if not 0 <= index < len(self.placed):
            return ""
        shown = self.placed[index].finding
        # the agent may have typed since the list was drawn (it follows 150 ms later): place the
        # finding in the text as it is now
        current = self.highlighter.findings()
        p = next(
            (
                c
                for c in current
                if (c.finding.rule_id, c.finding.text) == (shown.rule_id, shown.text)
            ),
            None,
        )
        if p is None:
            return ""
        values = self.values() if self.values is not None else {}
        suggestion = fill(p.finding.suggestion, values).text
        access = TextAccess(self.edit)
        left, right = sentence_span(access.text(), p.start, p.end)
        access.replace(left, right, suggestion.strip())  # one edit: Ctrl+Z takes it back
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return suggestion
