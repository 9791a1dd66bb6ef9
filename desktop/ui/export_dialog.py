"""Export: Word and the other formats, to a folder the clerk chooses; the folder opens afterwards."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from desktop.core.export import ExportOptions, export
from desktop.core.types import Minutes, Transcript
from desktop.ui.headings_dialog import HeadingsDialog, template_for_export

FORMATS = (("docx", "Word (.docx)"), ("md", "Markdown (.md)"), ("txt", "Text (.txt)"), ("json", "JSON (.json)"),
           ("srt", "SRT (.srt)"), ("vtt", "WebVTT (.vtt)"), ("csv", "CSV (.csv)"), ("qa", "Q&A (一問一答, .docx)"))


class ExportDialog(QDialog):
    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        layout = QVBoxLayout(self)
        self.checks = {}
        for key, label in FORMATS:
            box = QCheckBox(self.tr(label))
            box.setChecked(key == "docx")
            self.checks[key] = box
            layout.addWidget(box)
        form = QFormLayout()
        self.template = QComboBox()
        self.template.addItem(self.tr("Summary minutes (議事要旨)"), "gijiyoshi")
        self.template.addItem(self.tr("Detailed minutes (議事録)"), "gijiroku")
        self.template.addItem(self.tr("Assembly record (会議録)"), "kaigiroku")
        self.era = QComboBox()
        self.era.addItem(self.tr("Japanese era (令和)"), False)
        self.era.addItem(self.tr("Western year"), True)
        self.marking = QLineEdit()
        self.marking.setPlaceholderText(self.tr("e.g. 取扱注意"))
        self.appendix = QCheckBox(self.tr("Append the full transcript"))
        self.text_level = QComboBox()
        self.text_level.addItem(self.tr("Verbatim (素起こし)"), "verbatim")
        self.text_level.addItem(self.tr("Fillers removed (ケバ取り)"), "kebatori")
        self.text_level.addItem(self.tr("Light written style (整文)"), "seibun")
        self.folder = QLineEdit(str(folder))
        browse = QPushButton(self.tr("Choose..."))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        headings = QPushButton(self.tr("Headings..."))
        headings.clicked.connect(lambda: HeadingsDialog(self.template.currentData(), self).exec())
        # The 会議録's layout is the assembly's own, not a list of headings to rename.
        self.template.currentIndexChanged.connect(
            lambda: headings.setEnabled(self.template.currentData() != "kaigiroku"))
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(headings)
        template_holder = QWidget()
        template_holder.setLayout(template_row)
        template_row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Template"), template_holder)
        form.addRow(self.tr("Dates"), self.era)
        form.addRow(self.tr("Header marking"), self.marking)
        form.addRow("", self.appendix)
        form.addRow(self.tr("Transcript text"), self.text_level)
        form.addRow(self.tr("Folder"), holder)
        layout.addLayout(form)
        self.open_folder = QCheckBox(self.tr("Open the folder afterwards"))
        self.open_folder.setChecked(True)
        layout.addWidget(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Export"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        browse.clicked.connect(self._browse)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def formats(self) -> list[str]:
        return [k for k, box in self.checks.items() if box.isChecked()]

    def options(self) -> ExportOptions:
        return ExportOptions(template=template_for_export(self.template.currentData()), seireki=self.era.currentData(),
                             marking=self.marking.text().strip(), appendix=self.appendix.isChecked(),
                             text_level=self.text_level.currentData())


def last_export_folder(settings: QSettings) -> Path:
    """Where the clerk exported last, else their Documents folder (never inside the app's data)."""
    last = settings.value("export_folder")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def write_exports(folder: Path, formats: list[str], options: ExportOptions, minutes: Optional[Minutes],
                  transcript: Optional[Transcript], title: str) -> list[Path]:
    """Each format as a file named after the meeting; ValueError when a format's source is missing."""
    base = (title or "minutes").replace("/", "_").replace("\\", "_")
    written = []
    for fmt in formats:
        stem = base if fmt not in ("srt", "vtt") else base + "_transcript"
        name = f"{base}_一問一答.docx" if fmt == "qa" else f"{stem}.{fmt}"
        written.append(export(fmt, folder / name, minutes, transcript, options))
    return written
