"""What a KB release shows an agent: the 已更新 banner with 本次变化 above the quick card, the
历史版本 dialog (any two versions diffed), the 本次更新 list, and the confirm / re-open choice
for the agent whose flag an update answered. The rules live in ``agent_assist.releases``; these
widgets only ask and show.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.knowledge import Feedback, Process
from agent_assist.releases import ReleaseLog, VersionStore, diff_lines, to_html
from agent_assist.releases.diff import summary


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def diff_html(head: str, labels: tuple[str, str], old_text: str, new_text: str) -> str:
    """The diff as rich text under a one-line count; ``head`` has %1/%2/%3 for the counts."""
    lines = diff_lines(old_text, new_text)
    counts = summary(lines)
    head = (
        head.replace("%1", str(counts["change"]))
        .replace("%2", str(counts["add"]))
        .replace("%3", str(counts["del"]))
    )
    return f'<div style="color:#666;">{html.escape(head)}</div>' + to_html(
        lines, context=1, labels=labels
    )


class UpdateBanner(QWidget):
    """Above the process text: 已更新 + 本次变化 for a changed process this agent has to re-learn,
    and, for a flag of this agent the update answered, 确认已解决 / 仍有问题."""

    historyRequested = Signal(str)  # pid

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.services
        self.log = ReleaseLog(ctx.db)
        self.pid = ""
        self._flags: list[Feedback] = []
        self.frame = QFrame(self)
        self.frame.setObjectName("updateBanner")
        self.badge = QLabel(self.frame)
        self.badge.setObjectName("updatedBadge")
        self.title = QLabel(self.frame)
        self.title.setWordWrap(True)
        self.diff = QTextBrowser(self.frame)
        self.diff.setObjectName("releaseDiff")
        self.diff.setMaximumHeight(110)  # the quick card below must stay readable at 1024×600
        self.confirm = QPushButton(self.frame)
        self.reopen = QPushButton(self.frame)
        self.confirm.clicked.connect(self._confirm)
        self.reopen.clicked.connect(self._reopen)
        self.flag_text = QLabel(self.frame)
        self.flag_text.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addWidget(self.title, 1)
        flag_row = QHBoxLayout()
        flag_row.addWidget(self.flag_text, 1)
        flag_row.addWidget(self.confirm)
        flag_row.addWidget(self.reopen)
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(6, 4, 6, 4)
        inner.addLayout(top)
        inner.addWidget(self.diff)
        inner.addLayout(flag_row)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.history = QPushButton(parent)  # placed in the view's header row by attach()
        self.history.setObjectName("historyButton")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.clicked.connect(self._history_clicked)
        self.historyRequested.connect(self._open_history)
        self.retranslate()
        self.hide()

    def _diff(self, old_text: str, new_text: str) -> str:
        head = self.tr("修改 %1 行，新增 %2 行，删除 %3 行")
        return diff_html(head, (self.tr("旧："), self.tr("新：")), old_text, new_text)

    def retranslate(self) -> None:
        self.badge.setText(self.tr("已更新"))
        self.confirm.setText(self.tr("确认已解决"))
        self.reopen.setText(self.tr("仍有问题"))
        self.history.setText(self.tr("历史版本"))
        self.history.setToolTip(self.tr("这个流程在本机出现过的各个版本，可任选两个比较"))
        if self.pid:
            self.show_for(self.ctx.kb.get(self.pid))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_for(self, process: Process | None) -> None:
        """Fill the banner for ``process`` (hide it when there is nothing to say)."""
        self.pid = process.id if process is not None else ""
        if process is None:
            self.hide()
            self.history.hide()
            return
        versions = VersionStore(self.ctx.db).versions(process.id)
        self.history.setVisible(len(versions) > 1)
        relearn = self.log.updated_pids(self.ws.agent_key).get(process.id)
        self._flags = [
            f
            for f in self.ws.feedback.all()
            if f.pid == process.id
            and f.agent == self.ws.agent_key
            and f.status(self.ctx.kb) == "updated"
        ]
        if relearn is None and not self._flags:
            self.hide()
            return
        store = VersionStore(self.ctx.db)
        old_version = relearn.old_version if relearn is not None else self._flags[0].version
        old = store.get(process.id, old_version) if old_version else None
        new = store.get(process.id, process.content_hash)
        if relearn is not None:
            self.title.setText(
                self.tr("本次变化（发布 #%1）：请在学习页复习这张卡片").replace(
                    "%1", str(relearn.number)
                )
            )
        else:
            self.title.setText(self.tr("本次变化：您反馈过的流程已更新"))
        self.badge.setVisible(relearn is not None)
        if old is not None and new is not None:
            self.diff.setHtml(self._diff(old.text, new.text))
        else:
            self.diff.setHtml(html.escape(self.tr("本机没有保存旧版本，无法比较")))
        flag_shown = bool(self._flags)
        if flag_shown:
            flag = self._flags[0]
            self.flag_text.setText(
                self.tr("您在 %1 反馈：「%2」——更新后问题解决了吗？")
                .replace("%1", flag.created.strftime("%m-%d"))
                .replace("%2", flag.comment or flag.kind_label)
            )
        for w in (self.flag_text, self.confirm, self.reopen):
            w.setVisible(flag_shown)
        self.show()

    def _confirm(self) -> None:
        for flag in self._flags:
            self.ws.feedback.confirm_update(flag.id, self.ws.agent_key)
        self.show_for(self.ctx.kb.get(self.pid))

    def _reopen(self) -> None:
        process = self.ctx.kb.get(self.pid)
        for flag in self._flags:
            self.ws.feedback.reopen(
                flag.id,
                self.ws.agent_key,
                version=process.content_hash if process else None,
                updated=process.updated if process else None,
            )
        self.show_for(process)

    def _history_clicked(self) -> None:
        if self.pid:
            self.historyRequested.emit(self.pid)

    def _open_history(self, pid: str) -> None:
        VersionHistoryDialog(self.ctx, pid, self.window()).exec()


def attach(view) -> UpdateBanner:
    """Put the banner above ``view``'s text and the 历史版本 button in its header row."""
    banner = UpdateBanner(view.ctx, view)
    layout = view.layout()
    layout.insertWidget(layout.indexOf(view.browser), banner)
    header = layout.itemAt(0).layout()
    if isinstance(header, QBoxLayout):
        header.insertWidget(header.count() - 2, banner.history)
    elif header is not None:  # a wrapping row (FlowLayout): the button goes at its end
        header.addWidget(banner.history)
    banner.history.hide()
    return banner


class VersionHistoryDialog(QDialog):
    """历史版本: every version of one process this data dir has seen; a diff of any two."""

    def __init__(self, ctx: AppContext, pid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pid = pid
        self.store = VersionStore(ctx.db)
        self.versions = self.store.versions(pid)
        process = ctx.kb.get(pid)
        self.setWindowTitle(
            self.tr("历史版本：%1").replace("%1", process.title if process else pid)
        )
        self.resize(760, 520)
        self.old = QComboBox(self)
        self.new = QComboBox(self)
        seen = self.tr("首次见到")
        for combo in (self.old, self.new):
            for v in self.versions:
                label = f"{v.updated or '—'} · {seen} {_when(v.first_seen)} · {v.version[:8]}"
                combo.addItem(label, v.version)
        if len(self.versions) > 1:
            self.old.setCurrentIndex(1)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("versionDiff")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("比较"), self))
        row.addWidget(self.old, 1)
        row.addWidget(QLabel("→", self))
        row.addWidget(self.new, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.old.currentIndexChanged.connect(self.refresh)
        self.new.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        old = self.store.get(self.pid, self.old.currentData() or "")
        new = self.store.get(self.pid, self.new.currentData() or "")
        if old is None or new is None:
            self.browser.setPlainText(self.tr("本机只见过这个流程的一个版本"))
        elif old.version == new.version:
            self.browser.setPlainText(self.tr("两个版本相同"))
        else:
            head = self.tr("修改 %1 行，新增 %2 行，删除 %3 行")
            labels = (self.tr("旧："), self.tr("新："))
            self.browser.setHtml(diff_html(head, labels, old.text, new.text))


class ReleaseNotesDialog(QDialog):
    """本次更新: release notes of the releases received, newest first; in each, the processes this
    agent has to re-learn first, then the ones they opened recently, then the rest."""

    openRequested = Signal(str, str)  # pid, query

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.services
        self.setWindowTitle(self.tr("本次更新"))
        self.resize(680, 480)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("releaseNotes")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.browser.setHtml(self.notes_html())

    def notes_html(self) -> str:
        """The releases as rich text, each one's changed processes mine first."""
        ctx, ws = self.ctx, self.ws
        log = ReleaseLog(ctx.db)
        received = log.received(limit=10)
        if not received:
            return html.escape(self.tr("还没有收到知识库更新"))
        mine = log.updated_pids(ws.agent_key)
        recent = ws.tiers.recent(limit=30)
        parts = []
        for rel in received:
            head = (
                self.tr("发布 #%1 · %2 · %3")
                .replace("%1", str(rel.number))
                .replace("%2", rel.published_at[:16].replace("T", " "))
                .replace("%3", rel.publisher)
            )
            parts.append(f"<h3>{html.escape(head)}</h3><p>{html.escape(rel.message)}</p>")
            counts = (
                self.tr("新增 %1 · 修改 %2 · 删除 %3")
                .replace("%1", str(len(rel.added)))
                .replace("%2", str(len(rel.changed)))
                .replace("%3", str(len(rel.removed)))
            )
            parts.append(f'<p style="color:#666;">{html.escape(counts)}</p><ul>')
            for pid in log.mine_first(ws.agent_key, list(rel.changed), recent)[:50]:
                process = ctx.kb.get(pid)
                title = html.escape(process.title if process else pid)
                tag = ""
                if pid in mine and mine[pid].number == rel.number:
                    tag = (
                        ' <span style="background:#e0a800;color:#222;">'
                        + html.escape(self.tr("已更新 · 待复习"))
                        + "</span>"
                    )
                elif pid in recent:
                    tag = f' <span style="color:#666;">{html.escape(self.tr("最近看过"))}</span>'
                parts.append(f'<li><a href="proc:{html.escape(pid)}">{title}</a>{tag}</li>')
            parts.append("</ul>")
        return "\n".join(parts)

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "proc":
            self.openRequested.emit(url.path(), "")
            self.accept()
