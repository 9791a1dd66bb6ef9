"""The desktop window opens offscreen, in Japanese."""
from desktop import config
from desktop.cli import catalog
from desktop.ui.main_window import MainWindow


def test_main_window_opens_in_japanese(qtbot):
    window = MainWindow(config.Settings(), catalog())
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("議事録")
    assert window.model_list.count() >= 3
    assert "インストール済み" in window.model_list.item(0).text()
