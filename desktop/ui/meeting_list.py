"""The meetings on the left: newest first, the open one highlighted; new, import; and on a meeting's
context menu: open, transcribe again (an import that was cancelled or failed), move to the trash."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop.core.meetings import MeetingSummary


class MeetingList(QWidget):
    open_requested = Signal(Path)
    retry_requested = Signal(Path)
    delete_requested = Signal(Path)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Recent meetings")))
        self.recent = QListWidget()
        self.recent.setContextMenuPolicy(Qt.CustomContextMenu)
        layout.addWidget(self.recent, 1)
        self.new_button = QPushButton(self.tr("New meeting"))
        self.import_button = QPushButton(self.tr("Import audio/video file..."))
        layout.addWidget(self.new_button)
        layout.addWidget(self.import_button)
        self.recent.itemActivated.connect(lambda item: self.open_requested.emit(self.folder_of(item)))
        self.recent.itemClicked.connect(lambda item: self.open_requested.emit(self.folder_of(item)))
        self.recent.customContextMenuRequested.connect(self._menu)
        self._current: Optional[Path] = None

    @staticmethod
    def folder_of(item: QListWidgetItem) -> Path:
        return Path(item.data(Qt.UserRole))

    def show_meetings(self, meetings: list[MeetingSummary]) -> None:
        self.recent.clear()
        for s in meetings:
            item = QListWidgetItem(f"{s.date}  {s.title or self.tr('(untitled)')}")
            item.setData(Qt.UserRole, str(s.folder))
            self.recent.addItem(item)
        self.highlight(self._current)

    def highlight(self, folder: Optional[Path]) -> None:
        """Mark the open meeting (none for a new one not yet saved)."""
        self._current = folder
        self.recent.blockSignals(True)
        self.recent.clearSelection()
        self.recent.setCurrentRow(-1)
        for row in range(self.recent.count()):
            if folder is not None and self.folder_of(self.recent.item(row)) == folder:
                self.recent.setCurrentRow(row)
        self.recent.blockSignals(False)

    def _menu(self, pos) -> None:
        item = self.recent.itemAt(pos)
        if item is None:
            return
        folder = self.folder_of(item)
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.open_requested.emit(folder))
        menu.addAction(self.tr("Transcribe again"), lambda: self.retry_requested.emit(folder))
        menu.addSeparator()
        menu.addAction(self.tr("Move to trash"), lambda: self.delete_requested.emit(folder))
        menu.popup(self.recent.viewport().mapToGlobal(pos))
