"""Study between calls: spaced-repetition cards for the processes the agent doesn't know yet.

The queue and the schedule (FSRS) live in ``agent_assist.knowledge.StudyQueue``; this tab shows
the front (title and the customer's situation), reveals the back (the steps) with Space, and
records the agent's rating with 1–4 (重来/困难/良好/简单). A card recalled well repeatedly offers
promotion to 已掌握 in a quiet bar. Nothing here ever pops up: studying must not interrupt a call.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui import process_render as render
from agent_assist.gui.context import AppContext
from agent_assist.gui.labels import rating_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.safe_browser import SafeTextBrowser
from agent_assist.gui.services import Change
from agent_assist.gui.suggestion_bar import SuggestionBar
from agent_assist.knowledge import StudyCard, Tier, card_back, card_front

log = logging.getLogger(__name__)


class StudyView(LiveUpdate, QWidget):
    """The 学习 tab. :attr:`dueChanged` carries the number of cards due (status bar)."""

    dueChanged = Signal(int)
    rated = Signal(str, int)  # pid, rating

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.services
        self.cards: list[StudyCard] = []
        self.card: StudyCard | None = None
        self.revealed = False
        self.dark = False
        self._promote_pid: str | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("studyHeading")
        self.heading.setWordWrap(
            True
        )  # a long English heading wraps instead of widening the window
        self.progress = QLabel(self)
        self.progress.setObjectName("studyProgress")
        head = QHBoxLayout()
        head.setContentsMargins(4, 6, 8, 2)  # text never touches the tab's edges
        head.addWidget(self.heading, 1)
        head.addWidget(self.progress)

        self.promotion = SuggestionBar(self)
        self.promotion.yes.clicked.connect(self._promote)
        self.promotion.no.clicked.connect(self._decline_promotion)

        # KB content is untrusted: a click never navigates these panes (it once showed
        # /etc/passwd), images load only from the KB folder
        self.front = SafeTextBrowser(self)
        self.front.setObjectName("studyFront")
        self.back = SafeTextBrowser(self)
        self.back.setObjectName("studyBack")
        self.reveal_button = QPushButton(self)
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.clicked.connect(self.reveal)
        self.rating_buttons: dict[int, QPushButton] = {}
        rates = QHBoxLayout()
        for r in (1, 2, 3, 4):
            b = QPushButton(self)
            b.setObjectName("ratingButton")
            b.setProperty("rating", r)
            b.clicked.connect(lambda _=False, x=r: self.rate(x))
            self.rating_buttons[r] = b
            rates.addWidget(b)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.promotion)
        layout.addWidget(self.front, 2)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.back, 3)
        layout.addLayout(rates)
        layout.addWidget(self.empty, 1)

        # keys go to the view itself (the text panes would eat Space for scrolling)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for w in (self.front, self.back, self.reveal_button, *self.rating_buttons.values()):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ws.changed.connect(self._changed)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("学习：未掌握和不确定的流程，按遗忘规律安排复习"))
        self.reveal_button.setText(self.tr("显示答案（空格）"))
        for r, b in self.rating_buttons.items():
            b.setText(f"{r} {rating_text(r)}")
        self.promotion.yes.setText(self.tr("标记为「已掌握」"))
        self.promotion.no.setText(self.tr("暂不"))
        self.empty.setText(
            self.tr(
                "现在没有要复习的卡片。\n\n把流程标为「未掌握」或「不确定」，它就会进入学习队列；通话间隙再来看看。"
            )
        )
        self._show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.revealed
        ):
            self.reveal()
        elif event.text() in ("1", "2", "3", "4"):
            self.rate(int(event.text()))
        else:
            super().keyPressEvent(event)

    # -- queue ------------------------------------------------------------------------------
    def due_count(self) -> int:
        return self.ws.study.due_count(self.ctx.kb)

    def _changed(self, change: Change) -> None:
        if change.study or change.kb:
            self.reload()

    def reload(self) -> None:
        """Fetch the due cards again (after a rating, a tier change or a new KB)."""
        self.cards = list(self.ws.study.due(self.ctx.kb))
        if self.card is None or all(c.pid != self.card.pid for c in self.cards):
            self.card = self.cards[0] if self.cards else None
            self.revealed = False
        self._show()
        self.dueChanged.emit(self.due_count())

    def _show(self) -> None:
        has = self.card is not None
        self.front.setVisible(has)
        self.back.setVisible(has and self.revealed)
        self.reveal_button.setVisible(has and not self.revealed)
        for b in self.rating_buttons.values():
            b.setVisible(has and self.revealed)
        self.empty.setVisible(not has)
        self.progress.setText(self.tr("待复习 %1 张").replace("%1", str(len(self.cards))))
        if not has:
            return
        css = render.stylesheet(self.dark)
        for browser in (self.front, self.back):
            browser.document().setDefaultStyleSheet(css)
        c = self.card
        assert c is not None  # has
        try:
            self._show_card(c)
        except Exception as exc:  # a card that can't render says so under its own title
            log.exception("study card %s could not be shown", c.pid)
            self.front.setHtml(render.error_card(c.pid, c.title, f"{type(exc).__name__}: {exc}"))
            self.back.setHtml("")

    def _show_card(self, c) -> None:
        front, back, cut = c.front, c.back, False
        process = self.ctx.kb.get(c.pid)  # the desktop KB iterates without bodies: the card
        if process is not None:  # on screen gets its front and back from the full text
            process, cut = render.bounded(process)
            front, back = card_front(process), card_back(process)
            for browser in (self.front, self.back):
                browser.set_base(self.ctx.kb.root, process.path.parent if process.path else None)
        title = _esc(c.title[: render.MAX_TITLE_CHARS])
        notice = render.truncation_notice() if cut else ""
        self.front.setHtml(f"<h1>{title}</h1>{notice}" + render.md(front))
        self.back.setHtml(render.md(back))

    def reveal(self) -> None:
        if self.card is not None and not self.revealed:
            self.revealed = True
            self._show()

    def rate(self, rating: int) -> None:
        """Record how well the agent recalled the card (only after the answer was shown)."""
        if self.card is None or not self.revealed:
            return
        pid = self.card.pid
        self.ws.study.rate(pid, rating)
        self.rated.emit(pid, rating)
        if self.ws.tier(pid) != Tier.KNOWN and self.ws.study.suggest_promotion(pid):
            self._promote_pid = pid
            title = self.card.title
            self.promotion.text.setText(
                self.tr("您已多次顺利回忆「%1」，要把它标记为「已掌握」吗？").replace("%1", title)
            )
            self.promotion.show()
        self.card = None
        self.reload()

    def _promote(self) -> None:
        if self._promote_pid:
            self.ws.set_tier(self._promote_pid, Tier.KNOWN)
        self._promote_pid = None
        self.promotion.hide()

    def _decline_promotion(self) -> None:
        if self._promote_pid:
            self.ws.study.dismiss_promotion(self._promote_pid)
        self._promote_pid = None
        self.promotion.hide()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self._show()


def _esc(text: str) -> str:
    import html

    return html.escape(text or "")
