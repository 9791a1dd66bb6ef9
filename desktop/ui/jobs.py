"""One background worker for long work: whisper and llama never run at the same time, and the
UI thread never waits on a model. Core calls report progress and check a CancelToken; this turns
them into Qt signals (queued to the UI thread)."""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QThread, Signal

from desktop import messages
from desktop.core import errors
from desktop.core.job_lock import exclusive
from desktop.core.jobs import CancelToken, Progress

log = logging.getLogger("gijiroku.ui.jobs")

Work = Callable[[Callable[[Progress], None], CancelToken], Any]
# Seconds of work per unit of a step, before the job's own speed can be measured: Whisper base
# transcribes about 0.08 s per second of audio on 2 cores (FIELD-NOTES), with margin.
PRIOR_SECONDS_PER_UNIT = {"transcribe": 0.12}


class _Worker(QThread):
    progressed = Signal(str, float, float)     # step, fraction, seconds left (-1 unknown)
    succeeded = Signal(object)
    failed = Signal(str, bool)                 # one sentence for the person, cancelled?

    def __init__(self, work: Work, cancel: CancelToken, lang: str):
        super().__init__()
        self.work, self.cancel, self.lang = work, cancel, lang
        self._started = 0.0

    def _progress(self, p: Progress) -> None:
        if p.step == "wait_other_job":
            self._started = time.monotonic()  # the job's speed is measured from when it really starts
            self.progressed.emit(p.step, 0.0, -1.0)
            return
        elapsed = time.monotonic() - self._started
        if p.fraction > 0.03:
            left = elapsed / p.fraction - elapsed
        elif p.step in PRIOR_SECONDS_PER_UNIT and p.total > 0:
            # Too early to measure: the speed measured on a 2-core laptop, so the clerk sees an
            # estimate from the first second instead of nothing.
            left = max(0.0, PRIOR_SECONDS_PER_UNIT[p.step] * (p.total - p.done) - elapsed)
        else:
            left = -1.0
        self.progressed.emit(p.step, p.fraction, left)

    def run(self) -> None:
        self._started = time.monotonic()
        try:
            result = self.work(self._progress, self.cancel)
        except errors.Cancelled as exc:
            self.failed.emit(messages.describe(exc, self.lang), True)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence; details to the log
            log.error("job failed: %s: %s", type(exc).__name__, getattr(exc, "detail", ""),
                      exc_info=not isinstance(exc, errors.GijirokuError))
            self.failed.emit(messages.describe(exc, self.lang), False)
        else:
            self.succeeded.emit(result)


class JobRunner(QObject):
    """Runs one job at a time. `start` returns False if a job is already running."""

    progressed = Signal(str, float, float)     # label, fraction, seconds left
    finished = Signal(str, object)             # label, result
    failed = Signal(str, str, bool)            # label, sentence, cancelled
    busy_changed = Signal(bool)

    def __init__(self, lang: str = "ja", parent: Optional[QObject] = None, lock_path: Optional[Path] = None):
        """`lock_path`: model jobs wait for those of other Gijiroku processes (desktop.core.job_lock)."""
        super().__init__(parent)
        self.lang = lang
        self.lock_path = lock_path
        self._worker: Optional[_Worker] = None
        self._cancel: Optional[CancelToken] = None
        self.label = ""

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def start(self, label: str, work: Work, done: Optional[Callable[[Any], None]] = None,
              failed: Optional[Callable[[bool], None]] = None, exclusive_models: bool = True) -> bool:
        """`done(result)` runs in the UI thread when the work succeeds; `failed(cancelled)` when it
        does not (the sentence goes out through the `failed` signal too). `exclusive_models`: the
        work waits for other Gijiroku processes' model jobs (not the end of a recording: that is
        seconds of work the clerk is waiting for)."""
        if self._worker is not None:
            return False
        self.label = label
        self._cancel = CancelToken()
        lock_path = self.lock_path if exclusive_models else None

        def locked(progress, cancel):
            with exclusive(lock_path, progress, cancel):
                return work(progress, cancel)

        worker = _Worker(locked, self._cancel, self.lang)
        waiting = self.tr("Waiting for another Gijiroku job to finish")
        worker.progressed.connect(lambda step, f, left: self.progressed.emit(
            waiting if step == "wait_other_job" else label, f, left))
        worker.succeeded.connect(lambda r: self._done(label, r, None, done, failed))
        worker.failed.connect(lambda msg, cancelled: self._done(label, None, (msg, cancelled), done, failed))
        self._worker = worker
        self.busy_changed.emit(True)
        worker.start()
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def wait(self, ms: Optional[int] = None) -> None:
        """Blocks until the running job ends (or `ms` passed)."""
        if self._worker is not None:
            self._worker.wait() if ms is None else self._worker.wait(ms)

    def _done(self, label: str, result: Any, error: Optional[tuple[str, bool]],
              done: Optional[Callable[[Any], None]], failed: Optional[Callable[[bool], None]]) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        self.busy_changed.emit(False)
        if error is None:
            if done is not None:
                done(result)
            self.finished.emit(label, result)
        else:
            if failed is not None:
                failed(error[1])
            self.failed.emit(label, *error)
