"""The minutes drafted while the meeting is recorded, so that they are ready soon after Stop.

A worker thread looks at the live transcript every few seconds and asks the model, through
MinutesWriter.prepare, what the final run will ask about the lines said so far: each line's
kind, each decision's sentence, each request's owner/task/due, the agenda, and the summaries of
topics that are over. The writer keeps every answer; after Stop, `finish` runs the ordinary
`write` over the final transcript, and only the questions about the last lines and the open
topic reach the model. The minutes are the same as a run after the meeting would make.

Live transcription has the CPU first: while it works on a piece, the model waits between tokens
(a laptop has few cores, and a transcript that falls behind is what the clerk sees).
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Optional

from .errors import Cancelled
from .jobs import CancelToken, ProgressCallback
from .minutes import MinutesWriter
from .types import Meeting, Minutes, Transcript

log = logging.getLogger("gijiroku.draft")


class YieldingToken(CancelToken):
    """A cancel token that also holds the model back while `busy()` says another job needs the CPU."""

    def __init__(self, busy: Callable[[], bool]):
        super().__init__()
        self.busy = busy
        self.waited_s = 0.0

    def raise_if_cancelled(self) -> None:
        if self.busy() and not self.cancelled:
            started = time.perf_counter()
            while self.busy() and not self.cancelled:
                time.sleep(0.05)
            self.waited_s += time.perf_counter() - started
        super().raise_if_cancelled()


class MinutesDraft:
    """Drafts in a background thread; `finish` stops it and writes the minutes.

    `open_writer` is called in the thread (loading the model takes seconds: never in the caller's).
    `transcript` and `meeting` are read before each pass: the clerk may still edit the meeting's
    details, and a changed attendee list simply makes some questions new."""

    def __init__(self, open_writer: Callable[[], MinutesWriter], transcript: Callable[[], Transcript],
                 meeting: Callable[[], Meeting], busy: Callable[[], bool] = lambda: False,
                 interval_s: float = 5.0):
        self._open_writer = open_writer
        self._transcript, self._meeting = transcript, meeting
        self.interval_s = interval_s
        self.writer: Optional[MinutesWriter] = None
        self.error: Optional[BaseException] = None
        self.passes = 0
        self.drafted_lines = 0              # lines the last finished pass covered
        self.busy_s = 0.0                   # seconds spent asking the model in the background
        self._token = YieldingToken(busy)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="minutes-draft", daemon=True)
        self._thread.start()

    @property
    def waited_s(self) -> float:
        """Seconds the model waited for live transcription."""
        return self._token.waited_s

    def _run(self) -> None:
        try:
            self.writer = self._open_writer()
        except Exception as exc:  # noqa: BLE001 - no draft; `finish` opens the model again and reports it
            log.warning("minutes draft not started: %s", type(exc).__name__)
            self.error = exc
            return
        seen: tuple = ()
        while not self._stop.wait(self.interval_s):
            transcript, meeting = self._transcript(), self._meeting()
            lines = [s.text for s in transcript.segments if s.text.strip()]
            state = (len(lines), lines[-1] if lines else "", meeting)
            if state == seen:
                continue
            started = time.perf_counter()
            try:
                self.writer.prepare(transcript, meeting, self._token)
            except Cancelled:
                return
            except Exception as exc:  # noqa: BLE001 - the draft is a head start, never a reason to fail
                log.warning("minutes draft pass failed: %s", type(exc).__name__)
                self.error = exc
                return
            finally:
                self.busy_s += time.perf_counter() - started
            seen = state
            self.passes += 1
            self.drafted_lines = len(lines)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop drafting; a call to the model in progress ends within a token."""
        self._stop.set()
        self._token.cancel()
        self._thread.join(timeout)

    def finish(self, transcript: Transcript, meeting: Meeting, open_writer: Callable[[], MinutesWriter],
               on_progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None) -> Minutes:
        """The minutes of the whole meeting, reusing every answer the draft already has."""
        self._stop.set()
        self._token.cancel()
        # Wait for the thread whatever it takes: the model reads a prompt (up to ~15 s) without a
        # chance to stop, and one model must never be used by two threads at once.
        self._thread.join()
        writer = self.writer if self.writer is not None else open_writer()
        return writer.write(transcript, meeting, on_progress, cancel)
