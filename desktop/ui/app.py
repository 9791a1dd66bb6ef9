"""Composition root of the desktop app: QApplication, translations, settings, core objects,
MainWindow; and, at start-up, the offer to recover a recording that never stopped cleanly."""
from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import config, logs
from desktop.cli import catalog
from desktop.core import paths, recorder
from desktop.ui.main_window import MainWindow


def install_translator(app: QApplication, lang: str) -> None:
    """UI strings are English in the code and Japanese through resources/i18n/gijiroku_ja.qm."""
    if lang == "en":
        return
    translator = QTranslator(app)
    if translator.load(str(paths.resource("i18n", f"gijiroku_{lang}.qm"))):
        app.installTranslator(translator)
        app._gijiroku_translator = translator  # keep it alive
    QLocale.setDefault(QLocale(QLocale.Japanese, QLocale.Japan))


def offer_recovery(window: MainWindow) -> None:
    for folder in recorder.find_unfinished(window.settings.meetings_dir()):
        answer = QMessageBox.question(window, window.tr("Unfinished recording"), window.tr(
            "A recording was not stopped properly (the app or the computer stopped). Recover it now?"))
        if answer == QMessageBox.Yes:
            recorder.recover(folder)
            window.refresh_recent()
            window.open_meeting(folder)


def run_app() -> int:
    logs.setup_logging()
    settings = config.load_settings()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Gijiroku")
    install_translator(app, settings.ui_language)
    window = MainWindow(settings, catalog())
    window.show()
    offer_recovery(window)
    return app.exec()
