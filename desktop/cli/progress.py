"""Progress of long commands on stderr."""
from __future__ import annotations

import sys
import time

from desktop.core import jobs


class ProgressPrinter:
    """Progress on stderr: a bar with percent and time left on a terminal, sparse lines otherwise."""

    LABELS = {"transcribe": "文字起こし", "transcribe_again": "文字起こし（会議情報なしで再試行）",
              "minutes": "議事録作成", "wait_other_job": "他の Gijiroku の処理が終わるのを待っています"}

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._started: dict[str, float] = {}
        self._last_tenth: dict[str, int] = {}

    def __call__(self, p: jobs.Progress) -> None:
        start = self._started.setdefault(p.step, time.monotonic())
        frac = p.fraction
        label = self.LABELS.get(p.step, p.step)
        if p.step == "wait_other_job":  # said once when the wait starts: no bar for a wait
            if p.done == 0 and p.step not in self._last_tenth:
                self._last_tenth[p.step] = 0
                self.stream.write(label + "…\n")
                self.stream.flush()
            return
        if self.tty:
            elapsed = time.monotonic() - start
            left = elapsed / frac - elapsed if frac > 0.02 else 0
            bar = "#" * int(frac * 30)
            self.stream.write(f"\r{label} [{bar:<30}] {frac * 100:5.1f}% 残り {int(left) // 60}:{int(left) % 60:02d} ")
            if frac >= 1.0:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = int(frac * 10)
        if tenth != self._last_tenth.get(p.step):
            self._last_tenth[p.step] = tenth
            self.stream.write(f"{label}: {tenth * 10}%\n")
            self.stream.flush()
