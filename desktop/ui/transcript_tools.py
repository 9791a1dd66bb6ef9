"""The transcript view's tools for speakers (rename, merge, reassign a line, split a line at the
playback position; desktop.core.speaker_edits) and for the text level it shows (素起こし, ケバ取り,
整文; desktop.core.tidying): at ケバ取り or 整文 a changed line is tinted, its tooltip gives the words
as heard, and 素起こしのまま undoes the change on that line (also in every export). Text is edited at
素起こし, where the words are the transcript's own."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QPushButton, QTableWidgetItem

from desktop.core import speaker_edits
from desktop.core.mishearing import misheard_words, quoted
from desktop.core.tidying import kebatori, seibun
from desktop.core.types import Segment

SPEAKER, TEXT = 1, 2
TIDIED = QColor("#e3f0e3")
_REWRITE = {"kebatori": kebatori, "seibun": seibun}


class LineItem(QTableWidgetItem):
    """A line's text cell. A line marked to check for a word that reads as no word names the word in
    its tooltip, found when the tooltip is shown: found for every such line while the table fills,
    it held the window 400 ms for an hour's meeting (a Sudachi pass per line on its thread)."""

    misheard_tip = ""   # the tooltip's text with %1 for the words; "" for a line not to check

    def data(self, role):
        if role == Qt.ToolTipRole and self.misheard_tip:
            words = misheard_words(self.text())
            if words:
                return self.misheard_tip.replace("%1", quoted(words))
        return super().data(role)


class SpeakerAndLevelTools:
    """Mixed into TranscriptView, whose table, transcript and signals these use. Texts are translated
    in TranscriptView's context, where lupdate files them."""

    level = "verbatim"

    # ---- text level ------------------------------------------------------------------------------
    def _build_level_tools(self, row) -> None:
        self.level_box = QComboBox()
        self.level_box.addItem(QCoreApplication.translate("TranscriptView", "Verbatim (素起こし)"), "verbatim")
        self.level_box.addItem(QCoreApplication.translate("TranscriptView", "Fillers removed (ケバ取り)"), "kebatori")
        self.level_box.addItem(QCoreApplication.translate("TranscriptView", "Light written style (整文)"), "seibun")
        self.verbatim_button = QPushButton(QCoreApplication.translate("TranscriptView", "Keep this line verbatim"))
        self.verbatim_button.setCheckable(True)
        self.verbatim_button.setToolTip(QCoreApplication.translate(
            "TranscriptView", "Undo ケバ取り/整文 on the selected line (exports keep its words as heard)"))
        self.withheld_box = QComboBox()
        for label, kind in (("Public", ""), ("Closed session (秘密会)", "secret"), ("Struck out (取消し)", "struck")):
            self.withheld_box.addItem(QCoreApplication.translate("TranscriptView", label), kind)
        self.withheld_box.setToolTip(QCoreApplication.translate(
            "TranscriptView", "秘密会 and 取消し lines stay in the official record, not in the public copy"))
        row.addWidget(self.level_box)
        row.addWidget(self.verbatim_button)
        row.addWidget(self.withheld_box)
        self.withheld_box.activated.connect(
            lambda i: self.mark_withheld(self.table.currentRow(), self.withheld_box.itemData(i)))
        self.level_box.currentIndexChanged.connect(lambda: self.show_level(self.level_box.currentData()))
        self.verbatim_button.clicked.connect(lambda on: self.keep_verbatim(self.table.currentRow(), on))

    def displayed_text(self, seg: Segment) -> str:
        rewrite = _REWRITE.get(self.level)
        return seg.text if rewrite is None or seg.verbatim else rewrite(seg.text)

    def _text_item(self, seg: Segment) -> QTableWidgetItem:
        shown = self.displayed_text(seg)
        item = LineItem(shown)
        if self.level != "verbatim":
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
        if shown != seg.text:
            item.setForeground(QColor("#1b5e20"))
            item.setToolTip(QCoreApplication.translate("TranscriptView", "As heard: %1").replace("%1", seg.text))
        if seg.withheld:
            # Marked by colour and tooltip, never in the text: the cell's text is the line's words.
            item.setForeground(QColor("#8a8a8a"))
            mark = "Closed session (秘密会)" if seg.withheld == "secret" else "Struck out (取消し)"
            item.setToolTip(QCoreApplication.translate("TranscriptView", mark))
        return item

    def show_level(self, level: str) -> None:
        self.level = level
        if self.level_box.currentData() != level:
            self.level_box.setCurrentIndex(self.level_box.findData(level))
        self._fill()

    def changed_rows(self) -> list[int]:
        if self.transcript is None:
            return []
        return [i for i, s in enumerate(self.transcript.segments) if self.displayed_text(s) != s.text]

    def keep_verbatim(self, row: int, keep: bool = True) -> bool:
        if self.transcript is None or not 0 <= row < len(self.transcript.segments):
            return False
        seg = self.transcript.segments[row]
        if seg.verbatim == keep:
            return False
        seg.verbatim = keep
        return self._redraw_line(row)

    def mark_withheld(self, row: int, kind: str) -> bool:
        """秘密会 ("secret"), 取消し ("struck") or public ("") for one line."""
        if self.transcript is None or not 0 <= row < len(self.transcript.segments):
            return False
        seg = self.transcript.segments[row]
        if seg.withheld == kind:
            return False
        seg.withheld = kind
        return self._redraw_line(row)

    def _redraw_line(self, row: int) -> bool:
        """One line's text cell drawn again after its marks changed."""
        seg = self.transcript.segments[row]
        self._filling = True
        self.table.setItem(row, TEXT, self._text_item(seg))
        self._shade(row)
        self._filling = False
        self.edited.emit()
        return True

    def _sync_verbatim_button(self, row: int) -> None:
        segs = self.transcript.segments if self.transcript else []
        self.verbatim_button.setChecked(0 <= row < len(segs) and segs[row].verbatim)
        kind = segs[row].withheld if 0 <= row < len(segs) else ""
        self.withheld_box.setCurrentIndex(self.withheld_box.findData(kind))

    # ---- speakers --------------------------------------------------------------------------------
    def _show_speakers(self) -> None:
        self.speaker_panel.show_speakers(speaker_edits.talk_times(self.transcript) if self.transcript else [])

    def _refresh_speakers(self) -> None:
        """The speaker column redrawn in place (the rows stay: this runs inside itemChanged too)."""
        self._filling = True
        for row, seg in enumerate(self.transcript.segments):
            self.table.item(row, SPEAKER).setText(seg.speaker)
        self._filling = False
        self._show_speakers()

    def _edited_speakers(self, changed, rows_changed: bool = False) -> bool:
        if changed:
            self._fill() if rows_changed else self._refresh_speakers()
            self.edited.emit()
        return bool(changed)

    def rename_speaker(self, old: str, new: str) -> bool:
        return self._edited_speakers(self.transcript and speaker_edits.rename(self.transcript, old, new))

    def merge_speakers(self, source: str, target: str) -> bool:
        return self._edited_speakers(self.transcript and speaker_edits.merge(self.transcript, source, target))

    def reassign_line(self, row: int, speaker: str) -> bool:
        if self.transcript is None or not 0 <= row < len(self.transcript.segments):
            return False
        seg_id = self.transcript.segments[row].id
        return self._edited_speakers(speaker_edits.reassign(self.transcript, seg_id, speaker))

    def split_at_playback(self) -> bool:
        """The selected line cut at the player's position (where the voice changes)."""
        row = self.table.currentRow()
        if self.transcript is None or self.player is None or not 0 <= row < len(self.transcript.segments):
            return False
        seg = self.transcript.segments[row]
        return self._edited_speakers(speaker_edits.split_line(self.transcript, seg.id, self.player.seconds),
                                     rows_changed=True)

