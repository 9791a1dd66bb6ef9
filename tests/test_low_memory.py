"""Low memory (issue 20): with too little free memory for the chat model, the light model is offered
in one sentence instead of a laptop swapped to a halt."""
from __future__ import annotations

import io
import types

import pytest

from desktop import config
from desktop.core import memory


def test_the_need_follows_the_model_file(tmp_path):
    model = tmp_path / "big.gguf"
    with open(model, "wb") as f:
        f.truncate(1_500_000_000)  # sparse: the size is what counts
    assert memory.needed_bytes(model) == 1_500_000_000 + memory.HEADROOM_BYTES
    assert memory.too_little_for(model, available=3_000_000_000)
    assert not memory.too_little_for(model, available=8_000_000_000)


def test_the_memory_probe_reads_the_system():
    free = memory.available_bytes()
    assert 50_000_000 < free < 10**14


def test_the_command_line_switches_to_the_light_model_and_says_so(catalog, monkeypatch):
    from desktop.cli import inputs
    from desktop.core.pipeline import EngineSettings

    monkeypatch.setattr(memory, "available_bytes", lambda: 1_200_000_000)
    said = io.StringIO()
    args = types.SimpleNamespace(model_llm=None, lang=None)
    engine = inputs.fit_memory(EngineSettings("whisper-base", "qwen2.5-1.5b"), args, said)
    assert engine.model_llm == catalog.light_name()
    assert "軽量モデル" in said.getvalue() and said.getvalue().count("\n") == 1
    # A model named on the command line is the clerk's choice: kept.
    named = types.SimpleNamespace(model_llm="qwen2.5-1.5b", lang=None)
    assert inputs.fit_memory(EngineSettings("whisper-base", "qwen2.5-1.5b"), named, said).model_llm == "qwen2.5-1.5b"
    # With memory enough nothing changes.
    monkeypatch.setattr(memory, "available_bytes", lambda: 64_000_000_000)
    assert inputs.fit_memory(EngineSettings("whisper-base", "qwen2.5-1.5b"), args, said).model_llm == "qwen2.5-1.5b"


def test_the_app_offers_the_light_model(catalog, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import install_translator
    from desktop.ui.main_window import MainWindow
    from desktop.ui.memory_offer import model_for_minutes

    from PySide6.QtWidgets import QApplication
    install_translator(QApplication.instance(), "ja")
    window = MainWindow(config.Settings(storage_dir=str(tmp_path / "meetings")), config.model_catalog())
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.Yes)
    monkeypatch.setattr(memory, "available_bytes", lambda: 1_200_000_000)
    assert model_for_minutes(window) == catalog.light_name()
    assert len(asked) == 1 and "軽量モデル" in asked[0] and "1.2 GB" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.No)
    assert model_for_minutes(window) == "qwen2.5-1.5b"  # the clerk said no: the settings' model
    monkeypatch.setattr(memory, "available_bytes", lambda: 64_000_000_000)
    asked.clear()
    assert model_for_minutes(window) == "qwen2.5-1.5b" and not asked


@pytest.fixture(scope="module")
def catalog():
    return config.model_catalog()
