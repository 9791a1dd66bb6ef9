"""The library screen in the real window (offscreen): every meeting listed, a search, and a hit that
opens its meeting at the line."""
from __future__ import annotations

import pytest

from desktop import config
from desktop.ui.app import install_translator
from desktop.ui.main_window import MainWindow

from test_library import BUDGET, DRILL, meeting_folder


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    install_translator(qapp, "ja")
    storage = tmp_path / "meetings"
    meeting_folder(storage, "20250601-budget", "予算審査特別委員会", "2025-06-01", BUDGET)
    meeting_folder(storage, "20241010-drill", "防災訓練打合せ", "2024-10-10", DRILL)
    w = MainWindow(config.Settings(storage_dir=str(storage)), config.model_catalog())
    qtbot.addWidget(w)
    w.show()
    yield w
    w.jobs.cancel()
    w.jobs.wait(20000)


def test_the_library_lists_searches_and_opens_a_hit(window, qtbot):
    view = window.open_library()
    qtbot.addWidget(view)
    assert view.windowTitle() == "会議ライブラリ"
    qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=10_000)  # indexed in a thread
    titles = {view.table.item(r, 1).text() for r in range(2)}
    assert titles == {"予算審査特別委員会", "防災訓練打合せ"}
    view.filter.setText("防災")
    assert [view.table.isRowHidden(r) for r in range(2)].count(False) == 1
    view.query.setText("陳情")
    hits = view.run_search()
    assert len(hits) == 2 and view.hits.rowCount() == 2
    assert "【陳情】" in view.hits.item(0, 4).text()
    row = next(r for r in range(2) if view.hits.item(r, 3).text() == "田中委員")
    view.hits.cellActivated.emit(row, 4)
    assert window.folder.name == "20250601-budget"
    assert window.tabs.currentWidget() is window.transcript_view
    selected = window.transcript_view.table.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [2]  # the third line: 田中委員's
    view.query.setText("量子計算")
    assert view.run_search() == [] and view.status.text() == "見つかりませんでした。"
