"""The meeting's particulars: title, date (shown in 和暦), time, place, attendees, vocabulary."""
from __future__ import annotations

import datetime
from typing import Optional

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QTimeEdit,
                               QWidget)

from desktop.core.types import Meeting
from desktop.core.wareki import format_wareki


class MeetingInfoPanel(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. 2nd Paperless Promotion Meeting"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.wareki = QLabel()
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.wareki, 1)
        self.start = QTimeEdit(QTime(10, 0))
        self.end = QTimeEdit(QTime(11, 0))
        time_row = QHBoxLayout()
        time_row.addWidget(self.start)
        time_row.addWidget(QLabel("～"))
        time_row.addWidget(self.end)
        time_row.addStretch(1)
        self.place = QLineEdit()
        self.attendees = QPlainTextEdit()
        self.attendees.setPlaceholderText(self.tr("One per line: name and role (e.g. 松本主任)"))
        self.absentees = QLineEdit()
        self.absentees.setPlaceholderText(self.tr("Separated by 、 (e.g. 佐藤委員、鈴木委員)"))
        self.materials = QPlainTextEdit()
        self.materials.setPlaceholderText(self.tr("One per line (e.g. 資料1 ペーパーレス化の進捗)"))
        self.materials.setMaximumHeight(70)
        self.recorder = QLineEdit()
        self.vocabulary = QPlainTextEdit()
        self.vocabulary.setPlaceholderText(self.tr(
            "Terms and names said in this meeting, one per line (an assembly: the 議事日程's bill numbers too)"))
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Date"), date_row)
        form.addRow(self.tr("Time"), time_row)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Attendees"), self.attendees)
        form.addRow(self.tr("Absent"), self.absentees)
        form.addRow(self.tr("Handouts"), self.materials)
        form.addRow(self.tr("Recorded by"), self.recorder)
        form.addRow(self.tr("Vocabulary"), self.vocabulary)
        for w in (self.title, self.place, self.absentees, self.recorder):
            w.textChanged.connect(self.changed)
        for w in (self.attendees, self.vocabulary, self.materials):
            w.textChanged.connect(self.changed)
        self.date.dateChanged.connect(self._update_wareki)
        self.date.dateChanged.connect(self.changed)
        self.start.timeChanged.connect(self.changed)
        self.end.timeChanged.connect(self.changed)
        self._update_wareki()

    def _update_wareki(self) -> None:
        self.wareki.setText(format_wareki(self.date.date().toPython()))

    def meeting(self) -> Meeting:
        lines = lambda w: [x.strip() for x in w.toPlainText().splitlines() if x.strip()]  # noqa: E731
        return Meeting(title=self.title.text().strip(), date=self.date.date().toString("yyyy-MM-dd"),
                       start_time=self.start.time().toString("HH:mm"), end_time=self.end.time().toString("HH:mm"),
                       place=self.place.text().strip(), attendees=lines(self.attendees),
                       vocabulary=lines(self.vocabulary), materials=lines(self.materials),
                       absentees=[a.strip() for a in self.absentees.text().replace(",", "、").split("、") if a.strip()],
                       recorder=self.recorder.text().strip())

    def stamp_date(self, when: Optional[datetime.datetime], with_time: bool = False) -> None:
        """The date (and start time) a recording gives: when it was made, not when it is opened."""
        if when is None:
            return
        self.date.setDate(QDate(when.year, when.month, when.day))
        if with_time:
            self.start.setTime(QTime(when.hour, when.minute))
            self.end.setTime(QTime(min(23, when.hour + 1), when.minute))

    def set_meeting(self, m: Meeting) -> None:
        self.blockSignals(True)
        self.title.setText(m.title)
        # A meeting without a date or times gets today and the usual hours, never the ones of the
        # meeting shown before.
        self.date.setDate(QDate.fromString(m.date, "yyyy-MM-dd") if m.date else QDate.currentDate())
        self.start.setTime(QTime.fromString(m.start_time, "HH:mm") if m.start_time else QTime(10, 0))
        self.end.setTime(QTime.fromString(m.end_time, "HH:mm") if m.end_time else QTime(11, 0))
        self.place.setText(m.place)
        self.attendees.setPlainText("\n".join(m.attendees))
        self.vocabulary.setPlainText("\n".join(m.vocabulary))
        self.absentees.setText("、".join(m.absentees))
        self.materials.setPlainText("\n".join(m.materials))
        self.recorder.setText(m.recorder)
        self.blockSignals(False)
        self._update_wareki()
