"""The note form's 引导脚本 row: the guided-script runs of this call, one line.

The runs themselves are attached to the note as JSON by the form; this label only says them
(title, steps, 已升级, 未完成) and says them again in a new UI language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from agent_assist.gui.live_update import LiveUpdate


class ScriptRunsLabel(LiveUpdate, QLabel):
    """Shows ``show_runs(runs)``; an empty list says that no script was used."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptRuns")
        self.setWordWrap(True)
        self.runs: list[dict] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.show_runs(self.runs)

    def show_runs(self, runs: list[dict]) -> None:
        self.runs = runs
        if not runs:
            self.setText(self.tr("（本次通话未使用引导脚本）"))
            return
        parts = []
        for run in runs:
            title = run.get("title") or run.get("script") or "?"
            bits = [str(title)]
            if run.get("path"):
                bits.append(self.tr("%1 步").replace("%1", str(len(run["path"]))))
            if run.get("escalated"):
                bits.append(self.tr("已升级"))
            if run.get("finished") is False:
                bits.append(self.tr("未完成"))
            parts.append(" · ".join(bits))
        self.setText("；".join(parts))
