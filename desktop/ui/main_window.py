"""The main window. For now: the models' state and where the clerk's workflow will live."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from desktop.config import Settings
from desktop.core.models import ModelCatalog


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, catalog: ModelCatalog):
        super().__init__()
        self.settings = settings
        self.catalog = catalog
        self.setWindowTitle(self.tr("議事録 - Gijiroku"))
        self.resize(900, 600)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(self.tr("会議の録音から議事録を作成します。")))
        layout.addWidget(QLabel(self.tr("モデル:")))
        self.model_list = QListWidget()
        states = {"installed": self.tr("インストール済み"), "not_installed": self.tr("未インストール"),
                  "parts_missing": self.tr("部品パッケージなし"), "corrupt": self.tr("破損"), "missing": self.tr("ファイルなし")}
        for entry in catalog.entries():
            st = catalog.status(entry)
            self.model_list.addItem(f"{entry.label or entry.name} — {states[st.state]}")
        layout.addWidget(self.model_list)
        self.setCentralWidget(body)
