"""The navigator: the list of pages on the left, grouped under small section headings.

It knows pages only as entries (key, title, section) from the page registry; the main
window builds a page the first time it is visited, which keeps start-up fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from workbench.gui.page import PageKey

KEY_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class NavEntry:
    """One line of the navigator: a page of the current project."""

    key: PageKey
    title: str
    section: str


def slug(text: str) -> str:
    """'Drivers & Challenges' → 'drivers-challenges': keys and screenshot file names."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Navigator(QListWidget):
    entry_selected = Signal(object)
    """The `PageKey` of the page the analyst picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setMinimumWidth(150)
        self.setUniformItemSizes(False)
        self.setStyleSheet(
            "QListWidget#navigator { background: #f4f6f9; border: none; padding-top: 6px; }"
            "QListWidget#navigator::item { padding: 5px 10px; }"
            "QListWidget#navigator::item:selected { background: #dce7f5; color: #12324f; }"
        )
        self.currentItemChanged.connect(self._on_current)

    def set_entries(self, entries: list[NavEntry]) -> None:
        """Show `entries` in order, keeping the current page selected when it still exists."""
        current = self.current_key()
        self.blockSignals(True)
        self.clear()
        section = None
        for entry in entries:
            if entry.section != section:
                section = entry.section
                self.addItem(_section_item(section))
            item = QListWidgetItem(entry.title)
            item.setData(KEY_ROLE, entry.key)
            self.addItem(item)
        self.blockSignals(False)
        if current is None or not self.select(current):
            self.select(entries[0].key)

    def page_keys(self) -> list[PageKey]:
        return [k for i in range(self.count()) if (k := self.item(i).data(KEY_ROLE))]

    def page_titles(self) -> list[str]:
        return [item.text() for i in range(self.count()) if (item := self.item(i)).data(KEY_ROLE)]

    def current_key(self) -> PageKey | None:
        item = self.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def select(self, key: PageKey) -> bool:
        for i in range(self.count()):
            if self.item(i).data(KEY_ROLE) == key:
                self.setCurrentRow(i)
                return True
        return False

    def _on_current(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None and item.data(KEY_ROLE):
            self.entry_selected.emit(item.data(KEY_ROLE))


def _section_item(title: str) -> QListWidgetItem:
    item = QListWidgetItem(title.upper())
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    font = QFont()
    font.setPointSizeF(8.0)
    font.setBold(True)
    item.setFont(font)
    item.setForeground(Qt.GlobalColor.gray)
    item.setSizeHint(QSize(0, 30))
    return item
