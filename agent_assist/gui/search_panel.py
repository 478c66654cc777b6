"""Search as you type: the search box, the category chips and the result list.

Typing is debounced at 80 ms on both edges: the first keystroke after a pause searches at once
(an IME commits a whole word in one go — the agent should see results immediately), keystrokes
that follow within 80 ms are folded into one search 80 ms after the last of them. Queries run on
a worker thread through :class:`~agent_assist.gui.workers.LatestOnly`, so the GUI thread never
waits and an answer that arrives after a newer keystroke is dropped. An empty query shows the agent's
最近使用 and 常用 processes instead of nothing. The box keeps the focus while ↑/↓ move through
the results and Enter opens one: an agent never needs the mouse.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.gui.flow_layout import FlowLayout
from agent_assist.gui.labels import category_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.result_list import ResultEntry, ResultList
from agent_assist.gui.services import Change
from agent_assist.gui.workers import LatestOnly
from agent_assist.knowledge import CATEGORIES, Tier

log = logging.getLogger(__name__)

DEBOUNCE_MS = 80
TIDY_AFTER_MS = 20_000  # no search for this long: the agent is talking, not typing
RESULT_LIMIT = 30
RECENT_LIMIT = 8
COMMON_LIMIT = 8


class SearchPanel(LiveUpdate, QWidget):
    """Search box + chips + results. Emits :attr:`processChosen` (pid, query) on Enter/click."""

    processChosen = Signal(str, str)
    resultsShown = Signal(int)  # number of entries after every refresh (tests, status bar)
    tierRequested = Signal(str, object)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.services
        self.compact = compact
        self.category: str | None = None
        self.last_query = ""
        self._in_flight = False
        self._open_on_answer = False
        self.search_log = _open_search_log(self.ws)

        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.chips = QButtonGroup(self)
        self.chips.setExclusive(True)
        # the chips wrap to a second line rather than clip ("ookup") in a narrow panel, in
        # English or at a large font
        chip_row = FlowLayout(spacing=4)
        for i, cat in enumerate((None, *CATEGORIES)):
            chip = QPushButton(self)
            chip.setCheckable(True)
            chip.setObjectName("chip")
            chip.setProperty("category", cat or "")
            chip.setFocusPolicy(
                Qt.FocusPolicy.NoFocus
            )  # Tab goes box → list; chips are a click or Alt+digit
            chip.setChecked(cat is None)
            self.chips.addButton(chip, i)
            chip_row.addWidget(chip)
        self.chips.idClicked.connect(self._chip_clicked)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        # nothing found → one click tells the KB owners what was searched for (PDCA)
        self.missing_button = QPushButton(self)
        self.missing_button.setObjectName("missingButton")
        self.missing_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.missing_button.clicked.connect(self.report_missing)
        self.missing_button.hide()
        self.results = ResultList(self)
        self.results.activatedPid.connect(self._chosen)
        self.results.tierRequested.connect(self.tierRequested)

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.box)
        if compact:  # call mode: no room for chips (Alt+0…4 still filter)
            for button in self.chips.buttons():
                button.hide()
        else:
            layout.addLayout(chip_row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.missing_button)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._debounced)
        self._pending = False  # keystrokes arrived during the 80 ms window
        # once the agent has stopped typing a while, a full garbage collection where nobody
        # waits for it (Searcher.tidy): searching freezes live objects to keep collections
        # out of keystrokes, and this frees what died meanwhile
        self.tidy_timer = QTimer(self)
        self.tidy_timer.setSingleShot(True)
        self.tidy_timer.setInterval(TIDY_AFTER_MS)
        self.tidy_timer.timeout.connect(self._tidy)
        self.box.textChanged.connect(self._typed)
        self.latest = LatestOnly(self.ws.search_pool, self)
        self.latest.answered.connect(self._answered)
        self.latest.failed.connect(self._search_failed)
        self.ws.searcherReady.connect(self.refresh)
        self.ws.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.box.setPlaceholderText(self.tr("搜索流程：关键词、客户原话或拼音首字母  (Ctrl+K)"))
        for i, cat in enumerate((None, *CATEGORIES)):
            button = self.chips.button(i)
            button.setText(category_text(cat))
            tip = (
                self.tr("只看「%1」类流程 (Alt+%2)").replace("%1", category_text(cat))
                if i
                else self.tr("全部类别 (Alt+%2)")
            )
            button.setToolTip(tip.replace("%2", str(i)))
        self.results.model_.known_label = self.tr("已掌握 {n} 项")
        self.results.model_.known_titles_label = self.tr("已掌握 {n} 项：{titles}")
        self.missing_button.setText(self.tr("反馈「缺少流程」：告诉知识库维护人这次没搜到"))
        if hasattr(self, "latest"):
            self.refresh()

    def _changed(self, change: Change) -> None:
        if change.tier or change.kb:
            self.refresh()

    # -- public -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def height_for_rows(self, rows: int) -> int:
        """The panel height that shows ``rows`` result rows (call mode sizes its split by it)."""
        spacing = self._layout.spacing()
        list_h = rows * self.results.row_height() + 2 * self.results.frameWidth()
        status_h = self.status.sizeHint().height() if not self.status.isHidden() else 0
        return self.box.sizeHint().height() + spacing + list_h + spacing + status_h

    def set_query(self, text: str) -> None:
        self.box.setText(text)

    def set_category(self, category: str | None) -> None:
        index = 0 if category is None else CATEGORIES.index(category) + 1
        self.chips.button(index).setChecked(True)
        self._chip_clicked(index)

    def refresh(self) -> None:
        """Re-run the current query now (tiers, KB or index changed)."""
        self.timer.stop()
        self._pending = False
        self.run_search()

    # -- searching --------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        if self.timer.isActive():  # inside a burst: fold into the trailing search
            self._pending = True
            self.timer.start()
        else:  # first keystroke after a pause: search now, then hold off for 80 ms
            self._pending = False
            self.timer.start()
            self.run_search()

    def _debounced(self) -> None:
        if self._pending:
            self._pending = False
            self.run_search()

    def _chip_clicked(self, index: int) -> None:
        self.category = None if index == 0 else CATEGORIES[index - 1]
        self.refresh()

    def run_search(self) -> None:
        query = self.box.text().strip()
        self.last_query = query
        if not query:
            self._in_flight = False
            self.missing_button.hide()
            self.latest.invalidate()
            self._show_home()
            return
        if self.ws.searcher is None:
            self.status.setText(self.tr("正在准备索引…"))
            return
        self._in_flight = True
        self.latest.request(
            self.ws.search, query, RESULT_LIMIT, self.category, dict(self.ws.boosts())
        )
        self.tidy_timer.start()

    def _tidy(self) -> None:
        searcher = self.ws.searcher
        if searcher is None:
            return
        if self._in_flight:  # a search still running: not idle yet
            self.tidy_timer.start()
            return
        try:
            searcher.tidy()
        except Exception:  # housekeeping: never an error the agent sees
            log.exception("garbage collection at idle failed")

    def _answered(self, _seq: int, hits) -> None:
        self._in_flight = False
        tiers = self.ws.tiers.tiers()
        entries = [
            ResultEntry(
                h.id,
                h.title,
                h.category,
                h.summary,
                tiers.get(h.id, Tier.UNKNOWN),
                tuple(h.terms),
                h.score,
            )
            for h in hits
        ]
        self.results.set_empty_text("")
        self.results.set_entries(entries)
        _logged(self.search_log, "searched", self.last_query, [e.pid for e in entries])
        if entries:
            known = self.results.model_.known_count()
            text = self.tr("%1 条结果").replace("%1", str(len(entries)))
            if known:
                text += self.tr("（其中已掌握 %1 项已折叠）").replace("%1", str(known))
            self.status.setText(text)
        else:
            self.status.setText(self.tr("没有找到。试试客户的原话、同义词或拼音首字母。"))
        self.missing_button.setVisible(not entries and not self.compact)
        self.missing_button.setEnabled(True)
        self.resultsShown.emit(len(entries))
        if self._open_on_answer:
            self._open_on_answer = False
            if entries:
                self.results.activate_current()

    def report_missing(self) -> None:
        """Flag a missing process with the query as the comment (what the agent looked for)."""
        query = self.last_query
        if not query:
            return
        comment = f"搜索“{query}”没有找到对应流程"  # data for the KB owners: always Chinese
        try:
            self.ws.feedback.add("", "missing", comment=comment, agent=self.ws.agent_key)
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        self.ws.notify(Change(feedback=True))
        _logged(self.search_log, "flagged_missing")
        self.missing_button.setEnabled(False)
        self.status.setText(self.tr("已反馈缺少流程：“%1”。谢谢！").replace("%1", query))

    def _search_failed(self, _seq: int, message: str) -> None:
        self._in_flight = False
        self.status.setText(self.tr("搜索出错：%1").replace("%1", message))

    def _show_home(self) -> None:
        """Empty query: what this agent opened lately and uses most, filtered by the chip."""
        kb = self.ctx.kb
        tiers = self.ws.tiers.tiers()

        def entry(pid: str) -> ResultEntry | None:
            p = kb.get(pid)
            if p is None or (self.category and p.category != self.category):
                return None
            return ResultEntry(p.id, p.title, p.category, p.summary, tiers.get(p.id, Tier.UNKNOWN))

        recent = [e for e in (entry(pid) for pid in self.ws.tiers.recent(RECENT_LIMIT * 2)) if e][
            :RECENT_LIMIT
        ]
        seen = {e.pid for e in recent}
        common = [
            e
            for e in (entry(pid) for pid in self.ws.tiers.most_used(COMMON_LIMIT * 2))
            if e and e.pid not in seen
        ]
        self.results.set_sections(
            [(self.tr("最近使用"), recent), (self.tr("常用"), common[:COMMON_LIMIT])]
        )
        if recent or common:
            self.results.set_empty_text("")
            self.status.setText(self.tr("输入即可搜索；↑/↓ 选择，Enter 打开"))
        else:  # first run: the list itself says how to start, not an empty box
            self.results.set_empty_text(
                self.tr(
                    "输入即可搜索：关键词、客户原话或拼音首字母，例如“话费”“携号转网”“kd”。"
                    "↑/↓ 选择，Enter 打开。最近使用和常用的流程会显示在这里。"
                )
            )
            self.status.setText("")
        self.resultsShown.emit(len(recent) + len(common[:COMMON_LIMIT]))

    def _chosen(self, pid: str) -> None:
        _logged(self.search_log, "opened", pid)
        self.processChosen.emit(pid, self.last_query)

    # -- keyboard ---------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if obj is self.box and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.results.move_selection(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                for _ in range(5):
                    self.results.move_selection(1 if key == Qt.Key.Key_PageDown else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._pending or self._in_flight:
                    # Enter faster than the search: open the top hit as soon as the answer lands
                    self._open_on_answer = True
                    if self._pending:
                        self.refresh()
                    return True
                self.results.activate_current()
                return True
            if key == Qt.Key.Key_Escape and self.box.text():
                self.box.clear()
                return True
            mods = event.modifiers()
            if mods & Qt.KeyboardModifier.AltModifier and Qt.Key.Key_0 <= key <= Qt.Key.Key_4:
                self.set_category(None if key == Qt.Key.Key_0 else CATEGORIES[key - Qt.Key.Key_1])
                return True
        return super().eventFilter(obj, event)


def _open_search_log(ws):
    """The search log (issue 13): masked queries, results shown, the process opened. A database
    problem never stops searching: the log is then off."""
    try:
        from agent_assist.learning import SearchLog
        from agent_assist.learning.searchlog import RETENTION_DAYS

        days = ws.profiles.get_setting("search_log_retention_days", RETENTION_DAYS)
        return SearchLog(ws.ctx.db, agent=ws.agent_key or "", retention_days=float(days))
    except Exception:
        import logging

        logging.getLogger(__name__).exception("search log unavailable")
        return None


def _logged(log, method: str, *args) -> None:
    if log is None:
        return
    try:
        getattr(log, method)(*args)
    except Exception:
        import logging

        logging.getLogger(__name__).exception("search log: %s failed", method)
