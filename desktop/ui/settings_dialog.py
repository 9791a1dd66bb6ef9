"""Settings: models (default / light / the user's own, validated), CPU threads, language, storage."""
from __future__ import annotations

import os
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop import config, messages
from desktop.config import Settings
from desktop.core import errors
from desktop.core.llm_server import parse_url
from desktop.core.models import ModelCatalog


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, catalog: ModelCatalog, parent=None):
        super().__init__(parent)
        self.settings, self.catalog = settings, catalog
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout(self)
        self.asr = QComboBox()
        self.llm = QComboBox()
        add_asr = QPushButton(self.tr("Add a Whisper folder..."))
        add_llm = QPushButton(self.tr("Add a GGUF file..."))
        form.addRow(self.tr("Speech recognition"), self._row(self.asr, add_asr))
        form.addRow(self.tr("Minutes model"), self._row(self.llm, add_llm))
        self.threads = QSpinBox()
        self.threads.setRange(1, max(1, os.cpu_count() or 1))
        self.threads.setValue(settings.cpu_threads)
        form.addRow(self.tr("CPU threads"), self.threads)
        self.draft = QCheckBox(self.tr("Draft the minutes while recording (ready soon after Stop; uses more memory)"))
        self.draft.setChecked(settings.draft_while_recording)
        form.addRow("", self.draft)
        self.language = QComboBox()
        self.language.addItem("日本語", "ja")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if settings.ui_language == "ja" else 1)
        form.addRow(self.tr("Language"), self.language)
        self.clerk = QLineEdit(settings.clerk_name)
        self.clerk.setPlaceholderText(self.tr("e.g. 総務課 松本"))
        form.addRow(self.tr("Your name (author of the minutes)"), self.clerk)
        # Department mode: the office's inference server writes the minutes (desktop.core.llm_server).
        self.server_url = QLineEdit(settings.llm_server_url)
        self.server_url.setPlaceholderText(self.tr("empty: the model on this computer; e.g. http://gpu01:8080"))
        form.addRow(self.tr("Minutes server (office network)"), self.server_url)
        self.server_model = QLineEdit(settings.llm_server_model)
        self.server_model.setPlaceholderText(self.tr("empty: the server's first model"))
        form.addRow(self.tr("Server model name"), self.server_model)
        self.server_token = QLineEdit(config.llm_server_token())
        self.server_token.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("Server access token"), self.server_token)
        self.storage = QLineEdit(str(settings.meetings_dir()))
        browse = QPushButton(self.tr("Choose..."))
        form.addRow(self.tr("Meetings folder"), self._row(self.storage, browse))
        form.addRow(QLabel(self.tr("A language change takes effect the next time the app starts.")))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        add_asr.clicked.connect(lambda: self._add("asr"))
        add_llm.clicked.connect(lambda: self._add("llm"))
        browse.clicked.connect(self._browse)
        self._fill()

    @staticmethod
    def _row(*widgets) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w, 1 if w is widgets[0] else 0)
        return holder

    def _fill(self) -> None:
        for combo, role, current in ((self.asr, "asr", self.settings.model_asr),
                                     (self.llm, "llm", self.settings.model_llm)):
            combo.clear()
            for e in self.catalog.entries():
                if e.role == role:
                    tag = self.tr(" (default)") if e.default else self.tr(" (light)") if e.light else ""
                    combo.addItem((e.label or e.name) + tag, e.name)
            i = combo.findData(current)
            combo.setCurrentIndex(max(0, i))

    def _add(self, role: str) -> None:
        if role == "asr":
            path = QFileDialog.getExistingDirectory(self, self.tr("CTranslate2 Whisper model folder"))
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("GGUF chat model"), "", "GGUF (*.gguf)")
        if path:
            self.add_model(path, role)

    def add_model(self, path: str, role: str) -> bool:
        try:
            entry = self.catalog.add(path, role=role)
        except errors.GijirokuError as exc:
            QMessageBox.warning(self, self.tr("Model not added"), messages.describe(exc, self.settings.ui_language))
            return False
        self._fill()
        combo = self.asr if role == "asr" else self.llm
        combo.setCurrentIndex(combo.findData(entry.name))
        return True

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Meetings folder"), self.storage.text())
        if chosen:
            self.storage.setText(chosen)

    def _accept(self) -> None:
        url = self.server_url.text().strip()
        if url:
            try:
                parse_url(url)
            except errors.GijirokuError as exc:
                QMessageBox.warning(self, self.tr("Settings"), messages.describe(exc, self.settings.ui_language))
                return
        # The token is a secret: a file of its own (mode 600), never settings.json.
        config.save_llm_server_token(self.server_token.text().strip())
        self.accept()

    def result_settings(self) -> Settings:
        return replace(self.settings, model_asr=self.asr.currentData(), model_llm=self.llm.currentData(),
                       cpu_threads=self.threads.value(), ui_language=self.language.currentData(),
                       storage_dir=self.storage.text().strip(), draft_while_recording=self.draft.isChecked(),
                       clerk_name=self.clerk.text().strip(), llm_server_url=self.server_url.text().strip(),
                       llm_server_model=self.server_model.text().strip())
