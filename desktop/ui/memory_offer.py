"""Before the minutes: with too little free memory for the chat model, the light one is offered."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop.core import errors, memory


def model_for_minutes(window) -> str:
    """The chat model the next minutes job should use: the settings' model, or the light model when
    memory is short and the clerk agrees. A model that cannot be resolved is left to the job's own
    error."""
    name = window.settings.model_llm
    if window.engine().llm_server is not None:
        return name  # the server's memory, not this computer's
    catalog = window.catalog
    light = catalog.light_name()
    try:
        _entry, path = catalog.resolve(name, "llm")
    except errors.GijirokuError:
        return name
    if name == light or not memory.too_little_for(path):
        return name
    free_gb = memory.available_bytes() / 1e9
    question = QCoreApplication.translate(
        "MainWindow", "Only %1 GB of memory is free: write these minutes with the light model instead, "
        "so the computer does not slow to a halt?").replace("%1", f"{free_gb:.1f}")
    answer = QMessageBox.question(window, QCoreApplication.translate("MainWindow", "Low memory"), question)
    return light if answer == QMessageBox.Yes else name
