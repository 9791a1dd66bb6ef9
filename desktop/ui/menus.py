"""The main window's menus and their shortcuts."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def add_menus(w) -> None:
    """`w`: the MainWindow (its actions are kept on it: action_new, action_import, action_export)."""

    def action(menu, text, shortcut, slot) -> QAction:
        act = QAction(text, w)
        act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    file_menu = w.menuBar().addMenu(_tr("&File"))
    w.action_new = action(file_menu, _tr("New meeting"), QKeySequence.New, w.new_meeting)
    w.action_import = action(file_menu, _tr("Import audio/video file..."), QKeySequence.Open, w.choose_import)
    w.action_export = action(file_menu, _tr("Export..."), "Ctrl+E", w.export_dialog)
    file_menu.addSeparator()
    action(file_menu, _tr("Quit"), QKeySequence.Quit, w.close)
    rec_menu = w.menuBar().addMenu(_tr("&Recording"))
    action(rec_menu, _tr("Record"), "Ctrl+R", w.record_panel.start_requested)
    action(rec_menu, _tr("Pause / resume"), "Ctrl+Shift+P", w.record_panel.toggle_pause)
    action(rec_menu, _tr("Stop"), "Ctrl+Shift+S", w.record_panel.stop)
    action(rec_menu, _tr("Play / pause"), "Ctrl+Space", w.transcript_view.toggle_play)
    tools = w.menuBar().addMenu(_tr("&Tools"))
    action(tools, _tr("Meeting library and search..."), "Ctrl+Shift+F", w.open_library)
    action(tools, _tr("Dictionaries..."), "Ctrl+D", w.open_dictionaries)
    action(tools, _tr("Settings..."), "Ctrl+,", w.open_settings)
