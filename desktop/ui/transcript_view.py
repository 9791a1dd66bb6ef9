"""The transcript: time, speaker (editing a speaker cell renames that speaker everywhere; the panel
above merges speakers, moves a line to another, splits a line), text (edit in place).
Clicking a line plays the audio from there; the playing line is highlighted. Find and replace.
Lines Whisper was unsure of are shaded, and 要確認 steps through them (F8), playing each: a clerk
checks those first. Editing such a line counts as checking it."""
from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Optional

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop import messages
from desktop.core import audio, errors, speaker_edits
from desktop.core.capture import Player
from desktop.core.coverage import gaps_of, is_gap
from desktop.core.types import Segment, Transcript
from desktop.ui.speaker_panel import SpeakerPanel
from desktop.ui.transcript_tools import SpeakerAndLevelTools

TIME, SPEAKER, TEXT = range(3)
PLAYING = QColor("#fff3b0")
TO_CHECK = QColor("#fde2cf")


def clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:d}:{s // 60 % 60:02d}:{s % 60:02d}"


class TranscriptView(QWidget, SpeakerAndLevelTools):
    edited = Signal()
    error = Signal(str)

    def __init__(self, lang: str = "ja", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.transcript: Optional[Transcript] = None
        self.player: Optional[Player] = None
        layout = QVBoxLayout(self)

        find_row = QHBoxLayout()
        self.find_text = QLineEdit()
        self.find_text.setPlaceholderText(self.tr("Find"))
        self.replace_text = QLineEdit()
        self.replace_text.setPlaceholderText(self.tr("Replace with"))
        self.find_button = QPushButton(self.tr("Find next"))
        self.replace_button = QPushButton(self.tr("Replace all"))
        self.status = QLabel()  # what find / replace did
        self.check_button = QPushButton()
        self.check_button.setShortcut(QKeySequence("F8"))
        self.check_button.setToolTip(self.tr("Lines Whisper was unsure of: the next one, played (F8)"))
        for w in (self.find_text, self.replace_text, self.find_button, self.replace_button, self.status):
            find_row.addWidget(w)
        find_row.addStretch(1)
        self._build_level_tools(find_row)
        find_row.addWidget(self.check_button)
        layout.addLayout(find_row)
        self.speaker_panel = SpeakerPanel()
        layout.addWidget(self.speaker_panel)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Speaker"), self.tr("Text")])
        self.table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
        # Line numbers: the numbers the minutes' sources (#4, #5 ...) refer to.
        self.table.verticalHeader().setVisible(True)
        layout.addWidget(self.table, 1)

        controls = QHBoxLayout()
        self.play_button = QPushButton(self.tr("Play"))
        self.back_button = QPushButton(self.tr("-5 s"))
        self.forward_button = QPushButton(self.tr("+5 s"))
        self.speed = QComboBox()
        for v in (0.75, 1.0, 1.25, 1.5, 2.0):
            self.speed.addItem(f"{v:g}x", v)
        self.speed.setCurrentIndex(1)
        self.position = QLabel("0:00:00")
        for w in (self.play_button, self.back_button, self.forward_button, QLabel(self.tr("Speed")), self.speed,
                  self.position):
            controls.addWidget(w)
        controls.addStretch(1)
        layout.addLayout(controls)

        self.table.cellClicked.connect(self._clicked)
        self.table.currentCellChanged.connect(lambda row, *_: self._sync_verbatim_button(row))
        self.table.itemChanged.connect(self._item_changed)
        self.play_button.clicked.connect(self.toggle_play)
        self.back_button.clicked.connect(lambda: self.skip(-5))
        self.forward_button.clicked.connect(lambda: self.skip(5))
        self.speed.currentIndexChanged.connect(self._speed_changed)
        self.find_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_all)
        self.check_button.clicked.connect(self.next_to_check)
        self.speaker_panel.rename_requested.connect(self.rename_speaker)
        self.speaker_panel.merge_requested.connect(self.merge_speakers)
        self.speaker_panel.reassign_requested.connect(lambda who: self.reassign_line(self.table.currentRow(), who))
        self.speaker_panel.split_requested.connect(self.split_at_playback)
        self.timer = QTimer(self)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._follow_playback)
        self._highlighted = -1
        self._filling = False

    # ---- content -----------------------------------------------------------------------------
    def set_transcript(self, transcript: Optional[Transcript]) -> None:
        # A copy: the live transcriber keeps appending to its own list while the view shows this one.
        self.transcript = Transcript(list(transcript.segments), transcript.duration, transcript.language,
                                     [replace(p) for p in transcript.speakers]) if transcript is not None else None
        self._fill()

    def _fill(self) -> None:
        current = self.table.currentRow()
        self._filling = True
        self.table.setRowCount(0)
        for seg in self.transcript.segments if self.transcript else []:
            self._append_row(seg)
        self._filling = False
        self.table.resizeRowsToContents()
        if 0 <= current < self.table.rowCount():
            self.table.selectRow(current)
        self._count_to_check()
        self._show_speakers()


    def append_segments(self, segments: list[Segment]) -> None:
        """Live lines during a recording."""
        if self.transcript is None:
            self.transcript = Transcript(segments=[], duration=0.0)
        self._filling = True
        for seg in segments:
            self.transcript.segments.append(seg)
            self._append_row(seg)
        self._filling = False
        self.table.scrollToBottom()
        self._count_to_check()
        self._show_speakers()

    def _append_row(self, seg: Segment) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        t = QTableWidgetItem(clock(seg.start))
        t.setFlags(t.flags() & ~Qt.ItemIsEditable)
        t.setData(Qt.UserRole, seg.id)
        self.table.setItem(row, TIME, t)
        self.table.setItem(row, SPEAKER, QTableWidgetItem(seg.speaker))
        self.table.setItem(row, TEXT, self._text_item(seg))
        self.table.setVerticalHeaderItem(row, QTableWidgetItem(str(seg.id)))
        self._shade(row)

    def _shade(self, row: int) -> None:
        low = self.transcript is not None and self.transcript.segments[row].confidence == "low"
        item = self.table.item(row, TEXT)
        item.setBackground(TO_CHECK if low else QColor(Qt.transparent))
        item.misheard_tip = ""
        if low:
            gap = is_gap(self.transcript.segments[row])
            item.setToolTip(self.tr("Speech without text: play it and type what was said") if gap else
                            self.tr("Whisper was unsure of this line: check it against the audio"))
            if not gap:   # named when shown, if the line holds a word that reads as no word
                item.misheard_tip = self.tr("Probably misheard: %1. Check it against the recording.")

    def rows_to_check(self) -> list[int]:
        return [i for i, s in enumerate(self.transcript.segments) if s.confidence == "low"] if self.transcript else []

    def _count_to_check(self) -> None:
        n = len(self.rows_to_check())
        gaps = gaps_of(self.transcript)[0] if self.transcript else 0
        # Speech left without text is said on the button itself, never only in the log.
        self.check_button.setText(self.tr("To check: %1 (no text: %2) ▶").replace("%1", str(n)).replace("%2", str(gaps))
                                  if gaps else self.tr("To check: %1 ▶").replace("%1", str(n)))
        self.check_button.setEnabled(n > 0)

    def next_to_check(self) -> int:
        """Select and play the next line Whisper was unsure of (after the selected one, wrapping)."""
        rows = self.rows_to_check()
        if not rows:
            return -1
        current = self.table.currentRow()
        row = next((r for r in rows if r > current), rows[0])
        self.table.setCurrentCell(row, TEXT)
        self.jump_to(self.transcript.segments[row].id, play=True)
        return row

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or self.transcript is None:
            return
        seg = self.transcript.segments[item.row()]
        if (item.column() == TEXT and item.text() == self.displayed_text(seg)) or \
                (item.column() == SPEAKER and item.text().strip() == seg.speaker):
            return  # a colour or a tooltip changed (playback, shading), not the words
        if item.column() == TEXT:
            seg.text = item.text()
            if seg.confidence == "low":  # the clerk has looked at it
                seg.confidence = "ok"
                self._filling = True
                self._shade(item.row())
                self._filling = False
                self._count_to_check()
        elif item.column() == SPEAKER:
            old, new = seg.speaker, item.text().strip()
            if old and new:
                speaker_edits.rename(self.transcript, old, new)   # renaming one renames the speaker everywhere
            else:
                seg.speaker = new
            self._refresh_speakers()
        self.edited.emit()

    def row_of(self, segment_id: int) -> int:
        if self.transcript is None:
            return -1
        return next((i for i, s in enumerate(self.transcript.segments) if s.id == segment_id), -1)

    def jump_to(self, segment_id: int, play: bool = True) -> None:
        row = self.row_of(segment_id)
        if row < 0:
            return
        self.table.selectRow(row)
        self.table.scrollToItem(self.table.item(row, TEXT), QAbstractItemView.PositionAtCenter)
        if play:
            # The audio of a meeting just opened is still being decoded: it plays once it is there.
            self._play_when_loaded = self.transcript.segments[row].start if self.player is None else None
            self.play_from(self.transcript.segments[row].start)

    # ---- playback ------------------------------------------------------------------------------
    def set_audio(self, samples: Optional[np.ndarray]) -> None:
        self.stop()
        self.player = Player(samples) if samples is not None and len(samples) else None
        start, self._play_when_loaded = getattr(self, "_play_when_loaded", None), None
        if start is not None and self.player is not None:
            self.play_from(start)

    def load_audio(self, path: Optional[Path]) -> None:
        """Decode the meeting's audio for playback in a thread (a long file takes seconds), then
        hand it to the player in the UI thread."""
        if path is None:
            self.set_audio(None)
            return
        holder: dict = {}

        def decode():
            try:
                holder["samples"] = audio.decode(path)
            except errors.GijirokuError:
                holder["samples"] = None
        thread = threading.Thread(target=decode, daemon=True)
        thread.start()

        def check():
            if thread.is_alive():
                QTimer.singleShot(200, check)
            else:
                self.set_audio(holder.get("samples"))
        check()

    def _clicked(self, row: int, column: int) -> None:
        if column == TIME and self.transcript is not None:
            self.play_from(self.transcript.segments[row].start)

    def play_from(self, seconds: float) -> None:
        if self.player is None:
            return
        self.player.speed = self.speed.currentData()
        try:
            self.player.play(seconds)
        except errors.GijirokuError as exc:
            self.error.emit(messages.describe(exc, self.lang))
            return
        self.play_button.setText(self.tr("Pause"))
        self.timer.start()

    def toggle_play(self) -> None:
        if self.player is None:
            return
        if self.player.playing:
            self.stop()
        else:
            self.play_from(self.player.seconds)

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()
        self.timer.stop()
        self.play_button.setText(self.tr("Play"))

    def skip(self, delta: float) -> None:
        if self.player is not None:
            was_playing = self.player.playing
            self.player.seek(self.player.seconds + delta)
            if was_playing:
                self.play_from(self.player.seconds)
            self._follow_playback()

    def _speed_changed(self) -> None:
        if self.player is not None:
            self.player.speed = self.speed.currentData()

    def _follow_playback(self) -> None:
        if self.player is None or self.transcript is None:
            return
        t = self.player.seconds
        self.position.setText(clock(t))
        row = next((i for i, s in enumerate(self.transcript.segments) if s.start <= t < s.end + 0.5), -1)
        if row != self._highlighted:
            for r in (self._highlighted, row):
                if 0 <= r < self.table.rowCount():
                    color = PLAYING if r == row else QColor(Qt.transparent)
                    for c in range(3):
                        self.table.item(r, c).setBackground(color)
                    if r != row:
                        self._shade(r)
            self._highlighted = row
        if not self.player.playing:
            self.timer.stop()
            self.play_button.setText(self.tr("Play"))

    # ---- find and replace ----------------------------------------------------------------------
    def find_next(self) -> int:
        needle = self.find_text.text()
        if not needle or self.transcript is None:
            return -1
        start = self.table.currentRow() + 1
        n = len(self.transcript.segments)
        for k in range(n):
            row = (start + k) % n
            if needle in self.transcript.segments[row].text:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, TEXT))
                self.status.clear()
                return row
        self.status.setText(self.tr("Not found"))
        return -1

    def replace_all(self) -> int:
        needle, repl = self.find_text.text(), self.replace_text.text()
        if not needle or self.transcript is None:
            return 0
        count = 0
        for row, seg in enumerate(self.transcript.segments):
            if needle in seg.text:
                count += seg.text.count(needle)
                self.table.item(row, TEXT).setText(seg.text.replace(needle, repl))  # -> _item_changed
        self.status.setText(self.tr("%1 replaced").replace("%1", str(count)))
        return count
