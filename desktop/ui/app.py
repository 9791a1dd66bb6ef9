"""Composition root of the desktop app: QApplication, translations, settings, core objects,
MainWindow; and, at start-up, the offer to recover a recording that never stopped cleanly."""
from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import config, logs
from desktop.cli import catalog
from desktop.core import paths
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


def run_app() -> int:
    logs.setup_logging()
    settings = config.load_settings()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Gijiroku")
    install_translator(app, settings.ui_language)
    window = MainWindow(settings, catalog())
    window.show()
    window.offer_recovery()
    return app.exec()
