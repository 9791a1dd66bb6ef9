"""The library screen: every meeting (title, date, length, state; sorted and filtered), and a search
box over all their lines and minutes. A hit opens its meeting at that line and plays it."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout)

from desktop import messages
from desktop.core import errors
from desktop.core.library import Library, MeetingEntry
from desktop.core.search_query import Hit, search

FOLDER_ROLE = Qt.UserRole
SEGMENT_ROLE = Qt.UserRole + 1


class LibraryView(QDialog):
    def __init__(self, window, library: Library):
        """`window`: the MainWindow, which opens the meetings."""
        super().__init__(window)
        self.w, self.library = window, library
        self.setWindowTitle(self.tr("Meeting library"))
        self.resize(1000, 640)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search every meeting (e.g. 予算 陳情)"))
        self.speaker = QLineEdit()
        self.speaker.setPlaceholderText(self.tr("Speaker"))
        self.use_dates = QCheckBox(self.tr("Date range"))
        self.date_from, self.date_to = QDateEdit(QDate.currentDate().addYears(-1)), QDateEdit(QDate.currentDate())
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.search_button = QPushButton(self.tr("Search"))
        bar = QHBoxLayout()
        for widget, stretch in ((self.query, 3), (self.speaker, 1), (self.use_dates, 0), (self.date_from, 0),
                                (QLabel("～"), 0), (self.date_to, 0), (self.search_button, 0)):
            bar.addWidget(widget, stretch)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter the list by title"))
        self.table = self._table([self.tr("Date"), self.tr("Title"), self.tr("Length"), self.tr("State")])
        self.hits = self._table([self.tr("Date"), self.tr("Title"), self.tr("Time"), self.tr("Speaker"),
                                 self.tr("Line")])
        self.status = QLabel()
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.hits)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.filter)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.query.returnPressed.connect(self.run_search)
        self.search_button.clicked.connect(self.run_search)
        self.filter.textChanged.connect(self._filter)
        self.table.cellActivated.connect(lambda row, _c: self._open(self.table, row))
        self.hits.cellActivated.connect(lambda row, _c: self._open(self.hits, row))
        self.finished.connect(lambda _result: self.library.close())
        self.refresh()

    def _table(self, headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QTableWidget.NoEditTriggers)
        t.setSelectionBehavior(QTableWidget.SelectRows)
        t.verticalHeader().setVisible(False)
        t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.Stretch)
        return t

    # ---- the list -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """List what the library holds now; then read again, in a thread with its own connection, the
        folders that changed (the first look at years of meetings indexes them all: minutes, never on
        the window's thread), and list again."""
        self.show_meetings(self.library.meetings())
        self.status.setText(self.tr("Reading the meeting folders..."))
        data_dir, storage, outcome = self.library.data_dir, self.library.storage_dir, {}

        def sync() -> None:
            try:
                other = Library(data_dir, storage)
                try:
                    other.sync()
                finally:
                    other.close()
            except (errors.GijirokuError, sqlite3.Error) as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=sync, name="library-sync", daemon=True)
        thread.start()

        def check() -> None:
            if thread.is_alive():
                QTimer.singleShot(200, check)
            elif "error" in outcome:
                self.status.setText(messages.describe(outcome["error"], self.w.lang))
            else:
                self.show_meetings(self.library.meetings())
        check()

    def show_meetings(self, entries: list[MeetingEntry]) -> None:
        states = {"minutes": self.tr("With minutes"), "transcribed": self.tr("Transcribed"),
                  "recorded": self.tr("Audio only")}
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            length = f"{int(e.duration) // 60}:{int(e.duration) % 60:02d}" if e.duration else ""
            for col, text in enumerate((e.date, e.title or self.tr("(untitled)"), length, states.get(e.state, ""))):
                item = QTableWidgetItem(text)
                item.setData(FOLDER_ROLE, str(e.folder))
                self.table.setItem(row, col, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("%1 meetings").replace("%1", str(len(entries))))
        self._filter(self.filter.text())

    def _filter(self, text: str) -> None:
        text = text.strip()
        for row in range(self.table.rowCount()):
            title = self.table.item(row, 1).text()
            self.table.setRowHidden(row, bool(text) and text not in title)

    # ---- search -------------------------------------------------------------------------------------
    def run_search(self) -> list[Hit]:
        query = self.query.text().strip()
        if not query:
            return []
        date_from: Optional[dt.date] = self.date_from.date().toPython() if self.use_dates.isChecked() else None
        date_to: Optional[dt.date] = self.date_to.date().toPython() if self.use_dates.isChecked() else None
        try:
            hits = search(self.library, query, speaker=self.speaker.text().strip(), date_from=date_from,
                          date_to=date_to, limit=200)
        except errors.GijirokuError as exc:
            self.status.setText(messages.describe(exc, self.w.lang))
            return []
        self.show_hits(hits)
        return hits

    def show_hits(self, hits: list[Hit]) -> None:
        self.hits.setRowCount(len(hits))
        for row, h in enumerate(hits):
            at = f"{int(h.start) // 60}:{int(h.start) % 60:02d}" if h.start is not None else ""
            for col, text in enumerate((h.date, h.title, at, h.speaker, h.marked())):
                item = QTableWidgetItem(text)
                item.setData(FOLDER_ROLE, str(h.folder))
                item.setData(SEGMENT_ROLE, h.segment if h.segment is not None else -1)
                self.hits.setItem(row, col, item)
        self.hits.resizeColumnsToContents()
        self.status.setText(self.tr("%1 hits").replace("%1", str(len(hits))) if hits else self.tr("No match."))

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        folder, segment = Path(item.data(FOLDER_ROLE)), item.data(SEGMENT_ROLE)
        if not self.w.open_meeting(folder):
            return
        if segment is not None and segment >= 0:
            self.w.tabs.setCurrentWidget(self.w.transcript_view)
            self.w.transcript_view.jump_to(int(segment), play=True)
