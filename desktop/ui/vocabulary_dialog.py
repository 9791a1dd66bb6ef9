"""The clerk's dictionaries: the 用語辞書 kept across meetings, and the built-in administrative
vocabulary (visible, editable, and restorable to the standard list)."""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from desktop import config
from desktop.core import paths, store


class VocabularyDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dictionaries"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "One term per line. A reading may follow after a tab (e.g. 東海林<TAB>しょうじ); after two more tabs, spellings the transcript wrongly shows for it, separated by commas (e.g. 出納室<TAB>すいとうしつ<TAB><TAB>水筒室)."  # noqa: E501 - one source string for lupdate
                )
            )
        )
        tabs = QTabWidget()
        self.user = QPlainTextEdit()
        self.admin = QPlainTextEdit()
        restore = QPushButton(self.tr("Restore the standard list"))
        admin_page = QWidget()
        admin_layout = QVBoxLayout(admin_page)
        admin_layout.addWidget(self.admin)
        admin_layout.addWidget(restore)
        tabs.addTab(self.user, self.tr("User dictionary"))
        tabs.addTab(admin_page, self.tr("Administrative terms (built in)"))
        layout.addWidget(tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        restore.clicked.connect(self._restore)
        user_file, admin_file = config.user_dictionary_file(), config.admin_vocabulary_file()
        self.user.setPlainText(user_file.read_text(encoding="utf-8") if user_file.exists() else "")
        self.admin.setPlainText((admin_file if admin_file.exists() else self._standard()).read_text(encoding="utf-8"))

    @staticmethod
    def _standard():
        return paths.resource("vocabulary", "admin.tsv")

    def _restore(self) -> None:
        self.admin.setPlainText(self._standard().read_text(encoding="utf-8"))

    def save(self) -> None:
        store.write_text(config.user_dictionary_file(), self.user.toPlainText().rstrip() + "\n")
        admin = self.admin.toPlainText().rstrip() + "\n"
        if admin == self._standard().read_text(encoding="utf-8").rstrip() + "\n":
            config.admin_vocabulary_file().unlink(missing_ok=True)  # the standard list, kept up to date
        else:
            store.write_text(config.admin_vocabulary_file(), admin)
        self.accept()
