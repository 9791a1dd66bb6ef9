"""The speakers above the transcript: a legend (each speaker's talk time, lines, and why a name was
proposed: the line of a self-introduction or of the floor given), and the clerk's tools: rename a
speaker everywhere, merge two, give the selected line to another speaker, split the selected line
at the playback position. The edits themselves are desktop.core.speaker_edits; the transcript view
applies them and redraws."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QWidget

from desktop.core.speaker_edits import TalkTime


def minutes_seconds(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"


class SpeakerPanel(QWidget):
    rename_requested = Signal(str, str)       # old, new
    merge_requested = Signal(str, str)        # source, target
    reassign_requested = Signal(str)          # the selected line's new speaker
    split_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.rename_button = QPushButton(self.tr("Rename speaker..."))
        self.merge_button = QPushButton(self.tr("Merge speakers..."))
        self.reassign_button = QPushButton(self.tr("Line's speaker..."))
        self.split_button = QPushButton(self.tr("Split line at playback"))
        self.reassign_button.setToolTip(self.tr("Give the selected line to another speaker"))
        self.split_button.setToolTip(self.tr("Cut the selected line where the voice changes (the playback position)"))
        row.addWidget(self.legend, 1)
        for b in (self.rename_button, self.merge_button, self.reassign_button, self.split_button):
            row.addWidget(b)
        self.speakers: list[str] = []
        self.rename_button.clicked.connect(self._ask_rename)
        self.merge_button.clicked.connect(self._ask_merge)
        self.reassign_button.clicked.connect(self._ask_reassign)
        self.split_button.clicked.connect(self.split_requested)

    def show_speakers(self, times: list[TalkTime]) -> None:
        self.speakers = [t.speaker for t in times]
        parts = []
        for t in times:
            why = ""
            if t.info is not None and t.info.confirmed:
                why = self.tr("confirmed")
            elif t.info is not None and t.info.evidence is not None:
                basis = {"self_introduction": self.tr("self-introduction"),
                         "chairs": self.tr("chairs the meeting")}.get(t.info.reason, self.tr("floor given"))
                why = self.tr("proposed from line %1 (%2)").replace("%1", str(t.info.evidence)).replace("%2", basis)
            line = self.tr("%1 %2 (%3 lines)").replace("%1", t.speaker).replace("%2", minutes_seconds(t.seconds)) \
                .replace("%3", str(t.lines))
            parts.append(line + (f" — {why}" if why else ""))
        self.legend.setText("　／　".join(parts) if parts else self.tr("No speaker labels"))
        for b in (self.rename_button, self.merge_button, self.reassign_button):
            b.setEnabled(bool(self.speakers))

    def _ask_rename(self) -> None:
        old, ok = QInputDialog.getItem(self, self.tr("Rename speaker"), self.tr("Speaker"), self.speakers, 0, False)
        if not ok:
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename speaker"), self.tr("New name"), text=old)
        if ok and new.strip():
            self.rename_requested.emit(old, new.strip())

    def _ask_merge(self) -> None:
        if len(self.speakers) < 2:
            return
        source, ok = QInputDialog.getItem(self, self.tr("Merge speakers"), self.tr("Speaker to merge"),
                                          self.speakers, len(self.speakers) - 1, False)
        if not ok:
            return
        others = [s for s in self.speakers if s != source]
        target, ok = QInputDialog.getItem(self, self.tr("Merge speakers"), self.tr("Into"), others, 0, False)
        if ok:
            self.merge_requested.emit(source, target)

    def _ask_reassign(self) -> None:
        speaker, ok = QInputDialog.getItem(self, self.tr("Line's speaker"), self.tr("Speaker"), self.speakers, 0, True)
        if ok and speaker.strip():
            self.reassign_requested.emit(speaker.strip())
