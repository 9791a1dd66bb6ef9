"""How many CPU cores a model job may use now: the machine's cores less those other programs keep busy.

llama.cpp's worker threads spin while they wait for each other at every step of the model, so one
thread that shares its core with another program (the video call the meeting runs on, an antivirus
scan, a second job) holds up all the others. Measured on 2 cores with one kept busy by another
process (make bench): the minutes step with 2 threads took 2.0-2.2x its quiet time, with 1 thread
1.7x, which is what one core does against two (the model alone on 1 core: the same 1.7x).
So a job uses the cores the others leave free: measured when it starts, and again between model
calls (a call lasts seconds, long enough to see a change).

Reading a prompt with every thread while only the reply follows the free cores was tried: 900 prompt
tokens in 42-46 s instead of 48-49 s (quiet: 27 s), the whole minutes step 1.63-1.85x instead of
1.7x, and the busy program kept 0.72 of its core instead of all of it. Not worth taking a third of
the core of the video call the meeting runs on; one free core (1.7-1.8x) is the floor here.
"""
from __future__ import annotations

import logging
import math
import os
import time
from typing import Callable, Optional

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
        self._last = self._sample()
        self._free = self.cores

    def _sample(self) -> tuple[float, float, float]:
        system = psutil.cpu_times()
        idle = system.idle + getattr(system, "iowait", 0.0)
        busy = sum(system) - idle - getattr(system, "guest", 0.0) - getattr(system, "guest_nice", 0.0)
        own = self._process.cpu_times()
        return self._clock(), busy, own.user + own.system

    def others_busy(self) -> Optional[float]:
        """Cores kept busy by other processes since the last look; None if the window is too short."""
        now = self._sample()
        wall = now[0] - self._last[0]
        if wall < MIN_WINDOW_S:
            return None
        others = max(0.0, ((now[1] - self._last[1]) - (now[2] - self._last[2])) / wall)
        self._last = now
        return others

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


def threads_now(limit: int, settle_s: float = 0.5) -> int:
    """The threads a job starting now should use: at most `limit`, at most the free cores."""
    free = CoreMeter().settle(settle_s)
    threads = max(1, min(limit, free))
    if threads < limit:
        log.info("other programs keep %d of %d cores busy: the job uses %d thread(s), not %d",
                 os.cpu_count() - free, os.cpu_count(), threads, limit)
    return threads
