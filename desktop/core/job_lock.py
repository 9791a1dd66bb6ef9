"""One model job at a time across Gijiroku processes: a lock file in the data folder.

Two model jobs on one laptop (two windows, a CLI batch beside the app) each want every core; side
by side on 2 cores each took 3-10x its time alone. So the second waits for the first, and says so
through its progress ("wait_other_job"), cancellable while it waits. Live transcription during a
recording never waits for this lock: the meeting is happening now. The operating system releases
the lock of a process that dies, so a crash never leaves it held.
"""
from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Iterator, Optional

import filelock

from .jobs import CancelToken, ProgressCallback, check, report

log = logging.getLogger("gijiroku.job_lock")
POLL_S = 0.5


@contextlib.contextmanager
def exclusive(lock_path: Optional[Path], on_progress: Optional[ProgressCallback] = None,
              cancel: Optional[CancelToken] = None) -> Iterator[None]:
    """Hold the model-job lock for the block; without a path (tests of one piece) do nothing."""
    if lock_path is None:
        yield
        return
    Path(lock_path).parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(lock_path))
    waited = False
    while True:
        try:
            lock.acquire(timeout=POLL_S)
            break
        except filelock.Timeout:
            if not waited:
                log.info("another Gijiroku job is using the models: waiting")
                waited = True
            report(on_progress, "wait_other_job", 0, 1)
            check(cancel)
    try:
        if waited:
            report(on_progress, "wait_other_job", 1, 1)
        yield
    finally:
        lock.release()
