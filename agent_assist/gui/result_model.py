"""The result list's model: ranked entries as rows, mastered hits folded under one row.

The fold row sits where the first folded hit ranks and names it ("▸ 已掌握 2 项：携号转网、…").
The best hit is never folded: it is the row Enter opens, so typing 话费余额 + Enter opens
话费余额查询 even when the agent has mastered it. With no query the rows are captioned groups
(最近使用, 常用) and nothing is folded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from agent_assist.gui.labels import category_text, tier_text
from agent_assist.gui.tables import Index
from agent_assist.knowledge import Tier

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


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
