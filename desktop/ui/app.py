"""Composition root of the desktop app: QApplication, settings, the core catalogue, MainWindow."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from desktop import config, logs
from desktop.cli import catalog
from desktop.ui.main_window import MainWindow


def run_app() -> int:
    logs.setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Gijiroku")
    window = MainWindow(config.load_settings(), catalog())
    window.show()
    return app.exec()
