"""The running job in the status bar: what it is, how far, the time left, and 中止."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.ui.jobs import JobRunner


class JobStatus(QWidget):
    def __init__(self, jobs: JobRunner, parent=None):
        super().__init__(parent)
        self.jobs = jobs
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(300)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.progress, self.cancel_button):
            row.addWidget(w)
        jobs.progressed.connect(self.show_progress)
        jobs.busy_changed.connect(self.show_busy)
        self.cancel_button.clicked.connect(jobs.cancel)
        self.show_busy(False)

    def show_busy(self, busy: bool) -> None:
        self.setVisible(busy)
        self.progress.setRange(0, 0)  # moving until the job's first report: never a bar stuck at 0%
        self.label.setText(self.jobs.label + " — " + self.tr("estimating the time left") if busy else "")

    def show_progress(self, label: str, fraction: float, left: float) -> None:
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1000)
        self.progress.setValue(int(fraction * 1000))
        eta = " — " + self.tr("about %1 left").replace("%1", f"{int(left) // 60}:{int(left) % 60:02d}") \
            if left >= 0 else ""
        self.label.setText(label + eta)
