"""Recording: device choice (re-scanned for hot-plug), start / pause / resume / stop, elapsed time,
a level meter that says too quiet / good / clipping, and the free disk space. The meter is polled
with a QTimer; the audio thread never touches Qt."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from desktop import messages
from desktop.core import errors
from desktop.core.capture import list_inputs
from desktop.core.session import RecordingSession

log = logging.getLogger("gijiroku.ui.record")


class RecordPanel(QWidget):
    started = Signal(Path)
    stopped = Signal(Path)
    error = Signal(str)

    def __init__(self, lang: str = "ja", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.session: Optional[RecordingSession] = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.devices = QComboBox()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        row.addWidget(QLabel(self.tr("Input device")))
        row.addWidget(self.devices, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.record_button = QPushButton(self.tr("Record"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        for b in (self.record_button, self.pause_button, self.stop_button):
            b.setMinimumHeight(40)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        grid = QGridLayout()
        self.elapsed = QLabel("00:00:00")
        self.elapsed.setStyleSheet("font-size: 28px; font-family: monospace;")
        self.level = QProgressBar()
        self.level.setRange(-60, 0)
        self.level.setTextVisible(False)
        self.level_text = QLabel()
        self._meter_color = ""
        self.disk = QLabel()
        grid.addWidget(QLabel(self.tr("Elapsed")), 0, 0)
        grid.addWidget(self.elapsed, 0, 1)
        grid.addWidget(QLabel(self.tr("Level")), 1, 0)
        grid.addWidget(self.level, 1, 1)
        grid.addWidget(self.level_text, 1, 2)
        grid.addWidget(QLabel(self.tr("Free disk")), 2, 0)
        grid.addWidget(self.disk, 2, 1)
        layout.addLayout(grid)
        self.state_text = QLabel()
        self.state_text.setWordWrap(True)
        layout.addWidget(self.state_text)
        layout.addStretch(1)

        self.refresh_button.clicked.connect(self.refresh_devices)
        self.record_button.clicked.connect(self.start_requested)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        # Set by the window: called with the chosen device, returns the session to record (the
        # window decides the meeting folder, live transcription and the draft), or None.
        self.session_provider = None
        # Re-scanning restarts PortAudio on this (the UI) thread: 40-500 ms, and it would cut off
        # audio being played. The window allows it only while no job runs and nothing plays.
        self.may_rescan = lambda: True
        self.meter = QTimer(self)
        self.meter.setInterval(100)
        self.meter.timeout.connect(self._poll)
        self.hotplug = QTimer(self)
        self.hotplug.setInterval(5000)
        self.hotplug.timeout.connect(self._rescan_if_idle)
        self.hotplug.start()
        self._update_buttons()

    # ---- devices -----------------------------------------------------------------------------
    def refresh_devices(self) -> None:
        current = self.devices.currentText()
        try:
            inputs = list_inputs()
        except errors.DeviceError as exc:
            inputs = []
            self.state_text.setText(messages.describe(exc, self.lang))
        self.devices.blockSignals(True)
        self.devices.clear()
        for d in inputs:
            self.devices.addItem(d.name + (self.tr(" (default)") if d.is_default else ""), d.index)
        i = self.devices.findText(current)
        if i >= 0:
            self.devices.setCurrentIndex(i)
        self.devices.blockSignals(False)
        self._update_buttons()

    def _rescan_if_idle(self) -> None:
        if self.session is None and self.isVisible() and self.may_rescan():
            self.refresh_devices()

    # ---- control -----------------------------------------------------------------------------
    def start_requested(self) -> None:
        if self.session is not None or self.session_provider is None:
            return
        session = self.session_provider(self.devices.currentData())
        if session is None:
            return
        try:
            session.start()
        except errors.GijirokuError as exc:
            self.error.emit(messages.describe(exc, self.lang))
            return
        self.session = session
        self.meter.start()
        self._update_buttons()
        self.started.emit(session.folder)

    def toggle_pause(self) -> None:
        if self.session is None:
            return
        self.session.toggle_pause()
        self._update_buttons()

    def stop(self) -> None:
        if self.session is None:
            return
        self.meter.stop()
        session, self.session = self.session, None
        session.stop()
        self._update_buttons()
        self.state_text.setText(self.tr("Stopped."))
        self.stopped.emit(session.folder)

    # ---- meter ---------------------------------------------------------------------------------
    def _poll(self) -> None:
        if self.session is None:
            return
        st = self.session.status()
        s = int(st.seconds)
        self.elapsed.setText(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}")
        self.level.setValue(int(max(-60, min(0, st.level_dbfs))))
        if st.clipping:
            text, color = self.tr("Clipping: move the microphone away"), "#d32f2f"
        elif st.too_quiet:
            text, color = self.tr("Too quiet: check the microphone"), "#f9a825"
        else:
            text, color = self.tr("Good"), "#388e3c"
        self.level_text.setText(text)
        if color != self._meter_color:  # a style sheet re-polishes the widget: only when it changes
            self._meter_color = color
            self.level.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        self.disk.setText(f"{st.free_bytes / 1e9:.1f} GB" + (self.tr(" (low)") if st.low_disk else ""))
        if st.state == "device_lost":
            self.state_text.setText(self.tr("The input device was disconnected. What was recorded is saved; "
                                            "choose a device and press Record to continue."))
            self.stop()
        elif st.state == "disk_full":
            self.state_text.setText(self.tr("The disk is almost full: the recording was stopped and saved."))
            self.stop()
        elif st.state == "paused":
            self.state_text.setText(self.tr("Paused"))
        else:
            self.state_text.setText(self.tr("Recording"))

    def _update_buttons(self) -> None:
        recording = self.session is not None
        self.record_button.setEnabled(not recording and self.devices.count() > 0)
        self.pause_button.setEnabled(recording)
        self.stop_button.setEnabled(recording)
        self.devices.setEnabled(not recording)
        paused = recording and self.session.paused
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
