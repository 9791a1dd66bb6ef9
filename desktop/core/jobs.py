"""The long-work contract: plain calls that take `on_progress` and `cancel`.

Core functions never sleep, spawn UI or print. They report progress through a callback and
check a CancelToken between units of work (segments, stream chunks). The CLI prints progress;
the UI turns it into Qt signals.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Optional

from .errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """One progress report: `step` names the phase, `done`/`total` in the phase's own units."""

    step: str
    done: float
    total: float

    @property
    def fraction(self) -> float:
        return 0.0 if self.total <= 0 else max(0.0, min(1.0, self.done / self.total))


ProgressCallback = Callable[[Progress], None]


class CancelToken:
    """Thread-safe flag a UI sets and a worker checks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def report(on_progress: Optional[ProgressCallback], step: str, done: float, total: float) -> None:
    if on_progress is not None:
        on_progress(Progress(step, done, total))


def check(cancel: Optional[CancelToken]) -> None:
    if cancel is not None:
        cancel.raise_if_cancelled()
