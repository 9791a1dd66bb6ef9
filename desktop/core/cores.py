"""How many CPU cores a model job may use now: the machine's cores less those other programs keep busy.

llama.cpp's worker threads spin while they wait for each other at every step of the model, so one
thread that shares its core with another program (the video call the meeting runs on, an antivirus
scan, a second job) holds up all the others. Measured on 2 cores with one kept busy by another
process: the minutes step with 2 threads took many times its quiet time, with 1 thread about 1.7x.
So a job uses the cores the others leave free: measured when it starts, and again between model
calls (a call lasts seconds, long enough to see a change). With fewer free cores than the machine
has, the model's thread is also kept to the least busy ones: left to the scheduler, one model thread
and the other program shared a core often enough to cost 9% (measured: 1 thread beside a spinning
process 148 s, pinned apart 135 s, alone 136 s).
"""
from __future__ import annotations

import logging
import math
import os
import sys
import time
from typing import Callable, Optional, Sequence

import psutil

log = logging.getLogger("gijiroku.cores")

# A core another program keeps at least this busy is not offered to the model. 0.5, not more: while
# the model's own threads run on every core, a program that would keep one core busy gets only a
# share of it (2/3 on 2 cores with 2 model threads), and must still be seen; the background noise
# of an idle desktop (0.1-0.3 of a core) must not.
BUSY_CORE = 0.5
# Looks closer together than this reuse the last answer: too short a window measures noise.
MIN_WINDOW_S = 0.25


class CoreMeter:
    """Cores that other processes keep busy, from the system's and this process's CPU time between
    two looks. Nothing runs in between: no sampling thread, no cost while nobody asks."""

    def __init__(self, cores: Optional[int] = None, clock: Callable[[], float] = time.monotonic):
        self.cores = cores or os.cpu_count() or 1
        self._clock = clock
        self._process = psutil.Process()
        self._per_cpu = self._cpu_busy()
        self._last = self._sample()
        self._free = self.cores
        self._window_per_cpu: list[float] = []

    @staticmethod
    def _busy(t) -> float:
        idle = t.idle + getattr(t, "iowait", 0.0)
        return sum(t) - idle - getattr(t, "guest", 0.0) - getattr(t, "guest_nice", 0.0)

    def _cpu_busy(self) -> list[float]:
        return [self._busy(t) for t in psutil.cpu_times(percpu=True)]

    def _sample(self) -> tuple[float, float, float]:
        own = self._process.cpu_times()
        return self._clock(), self._busy(psutil.cpu_times()), own.user + own.system

    def others_busy(self) -> Optional[float]:
        """Cores kept busy by other processes since the last look; None if the window is too short."""
        now = self._sample()
        wall = now[0] - self._last[0]
        if wall < MIN_WINDOW_S:
            return None
        others = max(0.0, ((now[1] - self._last[1]) - (now[2] - self._last[2])) / wall)
        self._last = now
        per_cpu = self._cpu_busy()
        self._window_per_cpu = [b - a for a, b in zip(self._per_cpu, per_cpu)]
        self._per_cpu = per_cpu
        return others

    def least_busy(self, count: int) -> list[int]:
        """The `count` CPUs that were least busy over the last window (all of them before any window)."""
        allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(self.cores))
        usage = self._window_per_cpu
        ranked = sorted(allowed, key=lambda c: usage[c] if c < len(usage) else 0.0)
        return sorted(ranked[:max(1, count)])

    def free_cores(self) -> int:
        """Cores the model may use now (at least 1)."""
        others = self.others_busy()
        if others is not None:
            self._free = max(1, self.cores - math.floor(others + (1 - BUSY_CORE)))
        return self._free

    def settle(self, seconds: float = 0.5) -> int:
        """A first measurement for a job about to start: looks over `seconds`."""
        self.others_busy()
        time.sleep(seconds)
        return self.free_cores()


def pin_current_thread(cpus: Optional[Sequence[int]]) -> bool:
    """Run the calling thread (on Linux also the threads it starts, such as the engine's workers) only
    on `cpus`; None: wherever it was allowed before. False where the system does not allow it."""
    try:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, set(cpus) if cpus else _ALLOWED)
            return True
        if sys.platform == "win32":
            import ctypes

            kernel = ctypes.windll.kernel32
            mask = sum(1 << c for c in cpus) if cpus else (1 << (os.cpu_count() or 1)) - 1
            return bool(kernel.SetThreadAffinityMask(kernel.GetCurrentThread(), mask))
    except (OSError, ValueError, AttributeError):
        log.debug("thread affinity not set", exc_info=True)
    return False


# The CPUs this process may use at all (a container's or a job object's limit), taken at import.
_ALLOWED = set(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else set()


def threads_now(limit: int, settle_s: float = 0.5) -> int:
    """The threads a job starting now should use: at most `limit`, at most the free cores."""
    free = CoreMeter().settle(settle_s)
    threads = max(1, min(limit, free))
    if threads < limit:
        log.info("other programs keep %d of %d cores busy: the job uses %d thread(s), not %d",
                 os.cpu_count() - free, os.cpu_count(), threads, limit)
    return threads
