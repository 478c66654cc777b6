"""The process view: what the agent reads while the customer waits.

The agent's tier decides the shape: *uncertain* opens as a quick card (summary + numbered steps
on the first screen), *unknown* as the learning view (the whole article, related processes,
常见追问, "已学会" button), *known* folded to its one-line reminder. Keys 1/2/3 (or the buttons)
change the tier; a mastered process the agent keeps opening gets a quiet suggestion bar, never a
dialog. Feedback for the KB owners is one click, with an optional comment.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui import process_render as render
from agent_assist.gui.context import AppContext
from agent_assist.gui.flow_layout import FlowLayout
from agent_assist.gui.key_facts_render import COMPACT_FACTS
from agent_assist.gui.labels import tier_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.process_feedback import ProcessFeedback
from agent_assist.gui.safe_browser import SafeTextBrowser
from agent_assist.gui.services import Change
from agent_assist.gui.suggestion_bar import SuggestionBar
from agent_assist.knowledge import Tier

TIERS = (Tier.KNOWN, Tier.UNCERTAIN, Tier.UNKNOWN)  # keys 1, 2, 3
# from this font size on the quick card's key facts are compact (first facts, 全部 (n)): at 16 pt
# the full block filled most of the first screen of a 1024×600 window
LARGE_FONT_PT = 14
log = logging.getLogger(__name__)


class ProcessView(LiveUpdate, QWidget):
    """Shows one process. :meth:`show_process` opens it (and logs the open)."""

    openRequested = Signal(str, str)  # pid, query — a related-process link was clicked
    scriptRequested = Signal(str)  # script id recommended by the process

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.services
        self.compact = compact
        self.pid: str | None = None
        self.query = ""
        self.mode = ""  # "quick" | "learn" | "folded" | "full"
        self.facts_expanded = False  # the agent opened 全部 (n): kept for the session
        self.dark = False

        self.tier_buttons = QButtonGroup(self)
        # both button rows wrap (FlowLayout) rather than widen a narrow window or call mode
        tier_row = FlowLayout(spacing=4)
        self.tier_caption = QLabel(self)
        tier_row.addWidget(self.tier_caption)
        for i, tier in enumerate(TIERS):
            b = QPushButton(self)
            b.setCheckable(True)
            b.setObjectName("tierButton")
            b.setProperty("tier", tier.name.lower())
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.tier_buttons.addButton(b, i)
            tier_row.addWidget(b)
        self.tier_buttons.idClicked.connect(lambda i: self.set_tier(TIERS[i]))
        self.view_toggle = QPushButton(self)
        self.view_toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view_toggle.clicked.connect(self.toggle_full)
        self.script_button = QPushButton(self)
        self.script_button.setObjectName("scriptButton")
        self.script_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.script_button.clicked.connect(self._script_clicked)
        tier_row.addWidget(self.script_button)
        tier_row.addWidget(self.view_toggle)

        # the suggestion bar: non-modal, dismissible, never forced
        self.suggestion = SuggestionBar(self)
        self.suggestion.yes.clicked.connect(self._accept_demotion)
        self.suggestion.no.clicked.connect(self._dismiss_demotion)

        # KB content is untrusted: no resource from outside the KB, no navigation by itself
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("processBrowser")
        self.browser.internalLinkClicked.connect(self._link)
        self.render_error = ""  # why the open process could not be shown ('' = it was)

        self.learned_button = QPushButton(self)
        self.learned_button.setObjectName("learnedButton")
        self.learned_button.clicked.connect(lambda: self.set_tier(Tier.KNOWN))

        # feedback (PDCA): optional comment, then one click on the kind (gui.process_feedback)
        self.feedback = ProcessFeedback(self.ws, lambda: self.pid, self)
        self.feedback_row = self.feedback  # shown with a process, hidden in call mode
        self.feedback_buttons = self.feedback.buttons
        self.comment = self.feedback.comment
        self.feedback_status = self.feedback.status

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(tier_row)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.learned_button)
        layout.addWidget(self.feedback)
        # KB releases: 已更新 + 本次变化 above the text, 历史版本 in the header (gui.release_views)
        self.release_banner = None
        if not compact:
            from agent_assist.gui.release_views import attach

            self.release_banner = attach(self)
        if compact:
            self.feedback.hide()
            self.script_button.hide()

        for i in range(3):  # 1/2/3 set the tier while the view (or a child) has focus
            sc = QShortcut(
                QKeySequence(str(i + 1)),
                self,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
            sc.activated.connect(lambda t=TIERS[i]: self.set_tier(t))
        self.ws.changed.connect(self._changed)
        self.retranslate()
        self._update_visibility()

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tier_caption.setText(self.tr("我的掌握程度："))
        for i, tier in enumerate(TIERS):
            self.tier_buttons.button(i).setText(f"{i + 1} {tier_text(tier)}")
            self.tier_buttons.button(i).setToolTip(
                self.tr("按 %1 键设为「%2」")
                .replace("%1", str(i + 1))
                .replace("%2", tier_text(tier))
            )
        self.suggestion.yes.setText(self.tr("改为「不确定」"))
        self.suggestion.no.setText(self.tr("不用了"))
        self.learned_button.setText(self.tr("✓ 已学会，标记为「已掌握」"))
        self.empty.setText(
            self.tr(
                "在左侧搜索并按 Enter 打开流程。\n\n不确定的流程显示速查卡，未掌握的显示完整学习页。"
            )
        )
        self._update_texts()
        if self.pid:
            self._render()

    def _update_texts(self) -> None:
        p = self._safe_process()
        self.view_toggle.setText(
            self.tr("只看速查卡") if self.mode in ("learn", "full") else self.tr("显示全文")
        )
        if p is not None and p.script:
            self.script_button.setText(self.tr("▶ 开始话术脚本"))
            self.script_button.setToolTip(self.tr("推荐脚本：%1").replace("%1", p.script))
        if p is not None and self.suggestion.isVisible():
            self.suggestion.text.setText(self._demotion_text())

    # -- opening ----------------------------------------------------------------------------
    @property
    def process(self):
        return self.ctx.kb.get(self.pid) if self.pid else None

    def _safe_process(self):
        try:
            return self.process
        except Exception:
            return None

    def show_process(
        self, pid: str, query: str = "", log: bool = True, mode: str | None = None
    ) -> bool:
        """Open ``pid`` in the shape its tier asks for (or ``mode``); log the open.

        Returns False when the KB has no such process.
        """
        try:
            p = self.ctx.kb.get(pid)
        except Exception as exc:  # unreadable: an error card under this id, not the last page
            self.pid, self.query, self.mode = pid, query, "quick"
            self._show_error(pid, "", exc)
            return True
        if p is None:
            return False
        self.pid, self.query = pid, query
        tier = self.ws.tier(pid)
        self.mode = {Tier.UNCERTAIN: "quick", Tier.UNKNOWN: "learn", Tier.KNOWN: "folded"}[tier]
        if self.compact and self.mode != "folded":
            self.mode = "quick"
        if mode is not None:
            self.mode = mode
        self.feedback_status.clear()
        self.comment.clear()
        self.suggestion.hide()
        if log:
            self.ws.log_open(pid, query)
            if tier == Tier.KNOWN and self.ws.tiers.suggest_demotion(pid):
                self.suggestion.text.setText(self._demotion_text())
                self.suggestion.show()
        self._render()
        return True

    def clear(self) -> None:
        self.pid = None
        if self.release_banner is not None:
            self.release_banner.show_for(None)
        self._update_visibility()

    def _demotion_text(self) -> str:
        return self.tr(
            "最近 7 天您已多次（3 次以上）查看这个流程，要把它改为「不确定」，以后直接显示速查卡吗？"
        )

    def _render(self) -> None:
        """Show ``self.pid`` in ``self.mode``. A process that fails to render (or to read)
        gets an error card under its own id: never the previous page under the new id."""
        self.render_error = ""
        try:
            p = self.process
        except Exception as exc:  # an unreadable file must not keep the previous page up
            self._show_error(self.pid or "", "", exc)
            return
        if p is None:
            self.clear()
            return
        self.browser.document().setDefaultStyleSheet(
            render.stylesheet(self.dark, compact=self.compact)
        )
        self.browser.set_base(self.ctx.kb.root, p.path.parent if p.path else None)
        try:
            if self.mode == "quick":
                large = self.font().pointSizeF() >= LARGE_FONT_PT
                html = render.quick_card(
                    p,
                    self.ctx.kb,
                    facts_limit=COMPACT_FACTS if large and not self.facts_expanded else None,
                    facts_toggle=large,
                )
            elif self.mode == "folded":
                html = render.folded_view(p, self.ctx.kb)
            else:
                html = render.learn_view(p, self.ctx.kb)
            self.browser.setHtml(html)
            if self.release_banner is not None:
                self.release_banner.show_for(p)
        except Exception as exc:  # RecursionError, MemoryError, a bug: the error card
            self._show_error(p.id, p.title, exc)
            return
        self._after_render()

    def _show_error(self, pid: str, title: str, exc: BaseException) -> None:
        log.exception("process %s could not be shown", pid)
        self.render_error = f"{type(exc).__name__}: {exc}"[:300]
        self.browser.setHtml(render.error_card(pid, title, self.render_error))
        self._after_render()

    def _script_clicked(self) -> None:
        if self.process is not None:
            self.scriptRequested.emit(self.process.script)

    def _after_render(self) -> None:
        if self.pid:
            tier = self.ws.tier(self.pid)
            self.tier_buttons.button(TIERS.index(tier)).setChecked(True)
        self._update_visibility()
        self._update_texts()

    def _update_visibility(self) -> None:
        has = self.pid is not None and (bool(self.render_error) or self._safe_process() is not None)
        for w in (self.browser, self.feedback_row if not self.compact else None, self.view_toggle):
            if w is not None:
                w.setVisible(has)
        for b in self.tier_buttons.buttons():
            b.setVisible(has)
        self.tier_caption.setVisible(has and not self.compact)  # call mode: the buttons say enough
        self.empty.setVisible(not has)
        self.learned_button.setVisible(
            has
            and self.mode == "learn"
            and bool(self.pid)
            and self.ws.tier(self.pid or "") != Tier.KNOWN
        )
        self.script_button.setVisible(
            has and not self.compact and bool(getattr(self._safe_process(), "script", ""))
        )

    # -- actions ----------------------------------------------------------------------------
    def set_tier(self, tier: Tier) -> None:
        if self.pid is None:
            return
        self.ws.set_tier(self.pid, tier)

    def toggle_full(self) -> None:
        if self.pid is None:
            return
        self.mode = "quick" if self.mode in ("learn", "full") else "full"
        self._render()

    def _changed(self, change: Change) -> None:
        if change.kb:
            self._kb_reloaded()
        if change.tier:
            self._tier_changed(change.pid, self.ws.tier(change.pid) if change.pid else None)

    def _tier_changed(self, pid: str, tier) -> None:
        if self.pid and (pid == self.pid or not pid):
            if pid == self.pid and tier != Tier.KNOWN:
                self.suggestion.hide()
            current = self.ws.tier(self.pid)
            self.tier_buttons.button(TIERS.index(current)).setChecked(True)
            self._update_visibility()

    def _accept_demotion(self) -> None:
        self.set_tier(Tier.UNCERTAIN)
        self.suggestion.hide()
        self.mode = "quick"
        self._render()

    def _dismiss_demotion(self) -> None:
        if self.pid:
            self.ws.tiers.dismiss_suggestion(self.pid)
        self.suggestion.hide()

    def send_feedback(self, kind: str) -> None:
        self.feedback.send(kind)

    def _link(self, url: QUrl) -> None:
        """An internal link (the browser opens http(s) itself and ignores everything else)."""
        scheme = url.scheme()
        if scheme == "proc" and self.ctx.kb.processes.get(url.path()) is not None:
            self.openRequested.emit(url.path(), "")
        elif scheme == "action" and url.path() == "expand":
            self.mode = "full"
            self._render()
        elif scheme == "action" and url.path() == "facts":  # 全部 (n) / 收起 of the key facts
            self.facts_expanded = not self.facts_expanded
            self._render()

    def refont(self) -> None:
        """Settings → 字号: the card is laid out again (large fonts get the compact key facts)."""
        if self.pid:
            self._render()

    def _kb_reloaded(self) -> None:
        if self.pid and self.ctx.kb.get(self.pid) is None:
            self.clear()
        elif self.pid:
            self._render()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        if self.pid:
            self._render()
