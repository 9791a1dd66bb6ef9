"""The minutes as an editable form: agenda with summaries, decisions, action items (担当 / 内容 /
期限), open items, next meeting. Each item shows the transcript lines it came from; clicking them
jumps there and plays. Generate and regenerate live here; the window runs them as jobs."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.core.mishearing import misheard_words, quoted
from desktop.core.types import ActionItem, AgendaItem, Item, Minutes

MISHEARD_TINT = QColor("#fde2cf")   # the transcript's colour for a line to check


def _refs_text(refs: list[int]) -> str:
    return " ".join(f"#{r}" for r in refs)


def _parse_refs(text: str) -> list[int]:
    return [int(x) for x in text.replace("#", " ").replace(",", " ").split() if x.isdigit()]


class ItemTable(QTableWidget):
    """A table whose last column holds the source lines (#3 #9); clicking it asks to jump there."""

    jump = Signal(int)

    def __init__(self, headers: list[str], stretch: int, parent=None):
        super().__init__(0, len(headers) + 1, parent)
        self.setHorizontalHeaderLabels(headers + [self.tr("Source")])
        self.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.Stretch)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setMinimumHeight(110)
        self.cellClicked.connect(self._clicked)
        self.itemChanged.connect(self._recheck)

    def add_row(self, values: list[str], refs: list[int]) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for c, v in enumerate(values):
            item = QTableWidgetItem(v)
            self._mark_misheard(item)
            self.setItem(row, c, item)
        src = QTableWidgetItem(_refs_text(refs))
        src.setForeground(Qt.blue)
        src.setToolTip(self.tr("Click to hear the lines this came from"))
        self.setItem(row, len(values), src)

    def rows(self) -> list[tuple[list[str], list[int]]]:
        out = []
        for r in range(self.rowCount()):
            values = [(self.item(r, c).text() if self.item(r, c) else "") for c in range(self.columnCount() - 1)]
            last = self.item(r, self.columnCount() - 1)
            if any(v.strip() for v in values):
                out.append((values, _parse_refs(last.text() if last else "")))
        return out

    def _mark_misheard(self, item: QTableWidgetItem) -> None:
        """Tint text that copies a word Whisper probably misheard (desktop.core.mishearing), and say
        which in the tooltip: the clerk checks it against the recording before the minutes go out."""
        words = misheard_words(item.text())
        item.setBackground(QBrush(MISHEARD_TINT) if words else QBrush())
        item.setToolTip(self.tr("Probably misheard: %1. Check it against the recording.").replace(
            "%1", quoted(words)) if words else "")

    def _recheck(self, item: QTableWidgetItem) -> None:
        if item.column() == self.columnCount() - 1:
            return  # the source lines (#3 #9), not words
        # Setting the tint changes the item again: signals off while it is set, so an edit counts once.
        blocked = self.blockSignals(True)
        try:
            self._mark_misheard(item)
        finally:
            self.blockSignals(blocked)

    def _clicked(self, row: int, column: int) -> None:
        if column == self.columnCount() - 1 and self.item(row, column):
            refs = _parse_refs(self.item(row, column).text())
            if refs:
                self.jump.emit(refs[0])


class MinutesView(QWidget):
    edited = Signal()
    generate = Signal()
    jump = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filling = False
        self.user_edited = False
        self.base = Minutes()
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.generate_button = QPushButton(self.tr("Create minutes"))
        self.generate_button.setMinimumHeight(36)
        top.addWidget(self.generate_button)
        self.status = QLabel()
        top.addWidget(self.status, 1)
        outer.addLayout(top)

        body = QWidget()
        layout = QVBoxLayout(body)
        self.agenda = ItemTable([self.tr("Agenda item"), self.tr("Summary")], 1)
        self.decisions = ItemTable([self.tr("Decision")], 0)
        self.actions = ItemTable([self.tr("Owner"), self.tr("Task"), self.tr("Due")], 1)
        self.open_issues = ItemTable([self.tr("Open item")], 0)
        self.next_meeting = QLineEdit()
        for title, table in (
            (self.tr("Agenda"), self.agenda),
            (self.tr("Decisions"), self.decisions),
            (self.tr("Action items"), self.actions),
            (self.tr("Open items (継続審議)"), self.open_issues),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(table)
            row = QHBoxLayout()
            add, remove = QPushButton(self.tr("Add row")), QPushButton(self.tr("Remove row"))
            add.clicked.connect(lambda _=False, t=table: self._add_row(t))
            remove.clicked.connect(lambda _=False, t=table: self._remove_row(t))
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch(1)
            box_layout.addLayout(row)
            layout.addWidget(box)
            table.itemChanged.connect(self._changed)
            table.jump.connect(self.jump)
        box = QGroupBox(self.tr("Next meeting"))
        QVBoxLayout(box).addWidget(self.next_meeting)
        layout.addWidget(box)
        self.next_meeting.textChanged.connect(self._changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.generate_button.clicked.connect(self.generate)

    def _add_row(self, table: ItemTable) -> None:
        table.add_row([""] * (table.columnCount() - 1), [])
        self._changed()

    def _remove_row(self, table: ItemTable) -> None:
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self._changed()

    def _changed(self, *_) -> None:
        if not self._filling:
            self.user_edited = True
            self.edited.emit()

    def set_minutes(self, m: Optional[Minutes]) -> None:
        self._filling = True
        self.base = m or Minutes()
        for t in (self.agenda, self.decisions, self.actions, self.open_issues):
            t.setRowCount(0)
        if m is not None:
            for a in m.agenda:
                self.agenda.add_row([a.title, a.summary], a.refs)
            for d in m.decisions:
                self.decisions.add_row([d.text], d.refs)
            for a in m.action_items:
                self.actions.add_row([a.owner, a.task, a.due], a.refs)
            for o in m.open_issues:
                self.open_issues.add_row([o.text], o.refs)
            self.next_meeting.setText(m.next_meeting)
        else:
            self.next_meeting.clear()
        for t in (self.agenda, self.decisions, self.actions, self.open_issues):
            t.resizeRowsToContents()
        self.generate_button.setText(self.tr("Create minutes") if m is None else self.tr("Re-create minutes"))
        self.user_edited = False
        self._filling = False

    def minutes(self) -> Minutes:
        m = Minutes(**{**self.base.__dict__})
        m.agenda = [AgendaItem(v[0], v[1], r) for v, r in self.agenda.rows()]
        m.decisions = [Item(v[0], r) for v, r in self.decisions.rows()]
        m.action_items = [ActionItem(v[0], v[1], v[2], r) for v, r in self.actions.rows()]
        m.open_issues = [Item(v[0], r) for v, r in self.open_issues.rows()]
        m.next_meeting = self.next_meeting.text().strip()
        return m
