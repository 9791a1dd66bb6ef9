"""Japanese everywhere in the Japanese app: our own strings, and Qt's (file dialog, Yes/No, Cancel),
walked widget by widget in every screen and dialog (issue 21). No model runs here."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (QAbstractButton, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QTabWidget,
                               QWidget)

from desktop import config
from desktop.ui.app import install_translator
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.headings_dialog import HeadingsDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.vocabulary_dialog import VocabularyDialog

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
# Texts that are the same in both languages: file formats, units, speeds, the app's name, clocks.
NEUTRAL = re.compile(r"^(Word \(\.docx\)|Markdown \(\.md\)|Text \(\.txt\)|JSON \(\.json\)|SRT \(\.srt\)|"
                     r"WebVTT \(\.vtt\)|CSV \(\.csv\)|OK|[-+]?\d+(\.\d+)? ?(s|x|GB|MB)?|Gijiroku|[\d:.\s-]*|\.\.\.)$")


@pytest.fixture(scope="module")
def japanese(qapp):
    install_translator(qapp, "ja")
    return qapp


def english_texts(root: QWidget) -> list[str]:
    """Visible words of the widget tree that are English only (no Japanese, not language-neutral)."""
    texts = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QAbstractButton, QLabel)):
            texts.append(w.text().replace("&", ""))
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
    return sorted({t for t in texts if t.strip() and not JAPANESE.search(t) and not NEUTRAL.match(t.strip())})


def test_every_screen_of_the_window_is_japanese(japanese, qtbot, tmp_path):
    w = MainWindow(config.Settings(storage_dir=str(tmp_path / "m")), config.model_catalog())
    qtbot.addWidget(w)
    w.show()
    menus = [a.text().replace("&", "") for m in w.menuBar().actions() for a in [m, *m.menu().actions()]
             if a.text()]
    assert [t for t in menus if not JAPANESE.search(t)] == []
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        assert english_texts(w) == [], w.tabs.tabText(i)


@pytest.mark.parametrize("make", [
    lambda w, tmp: SettingsDialog(w.settings, w.catalog, w),
    lambda w, tmp: ExportDialog(tmp, w),
    lambda w, tmp: HeadingsDialog("gijiyoshi", w),
    lambda w, tmp: VocabularyDialog(w),
], ids=["settings", "export", "headings", "dictionaries"])
def test_every_dialog_is_japanese(japanese, qtbot, tmp_path, make):
    w = MainWindow(config.Settings(storage_dir=str(tmp_path / "m")), config.model_catalog())
    qtbot.addWidget(w)
    dialog = make(w, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_texts(dialog) == []
    boxes = dialog.findChildren(QDialogButtonBox)
    buttons = [b.text().replace("&", "") for box in boxes for b in box.buttons()]
    assert buttons and all(JAPANESE.search(t) or NEUTRAL.match(t) for t in buttons), buttons


def test_qt_own_dialogs_and_buttons_are_japanese(japanese, qtbot, tmp_path):
    """Qt's standard buttons and its file dialog come from qtbase_ja.qm (shipped with PySide6)."""
    buttons = QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel
    box = QMessageBox(QMessageBox.Question, "確認", "続けますか？", buttons)
    qtbot.addWidget(box)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) != ["Cancel", "No", "Yes"]
    assert all(JAPANESE.search(b.text()) for b in box.buttons()), [b.text() for b in box.buttons()]
    dialog = QFileDialog(None, "会議の録音を取り込む", str(tmp_path))
    dialog.setOption(QFileDialog.DontUseNativeDialog)  # Qt's own widgets: what a Linux desktop shows
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [t for t in english_texts(dialog) if len(t) > 2]
    assert labels == [], labels


def test_the_window_fits_a_1366x768_laptop(japanese, qtbot, tmp_path):
    """The status bar with the progress and 中止 must stay on screen: the window's layout may not ask
    for more than a 1366x768 screen leaves (a taskbar takes about 40 px)."""
    w = MainWindow(config.Settings(storage_dir=str(tmp_path / "m")), config.model_catalog())
    qtbot.addWidget(w)
    hint = w.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728, (hint.width(), hint.height())
    available = w.screen().availableGeometry()
    assert w.width() <= available.width() and w.height() <= available.height()
