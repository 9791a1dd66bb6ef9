"""Composition root of the desktop app: QApplication, translations, settings, core objects,
MainWindow; and, at start-up, the offer to recover a recording that never stopped cleanly."""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import config, logs
from desktop.core import paths
from desktop.ui.main_window import MainWindow

log = logging.getLogger("gijiroku.ui")


def install_translator(app: QApplication, lang: str) -> None:
    """UI strings are English in the code and Japanese through resources/i18n/gijiroku_ja.qm; Qt's own
    dialogs and buttons (file dialog, Yes/No, Cancel) through the qtbase_ja.qm that PySide6 ships."""
    if lang == "en":
        return
    QLocale.setDefault(QLocale(QLocale.Japanese, QLocale.Japan))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    sources = [(f"qtbase_{lang}", qt_dir), (str(paths.resource("i18n", f"gijiroku_{lang}.qm")), "")]
    app._gijiroku_translators = []  # keep them alive
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, folder) if folder else translator.load(name):
            app.installTranslator(translator)
            app._gijiroku_translators.append(translator)
        else:
            log.warning("translation not found: %s", name)


def run_app() -> int:
    logs.setup_logging()
    settings = config.load_settings()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Gijiroku")
    install_translator(app, settings.ui_language)
    window = MainWindow(settings, config.model_catalog())
    window.show()
    window.offer_recovery()
    return app.exec()
