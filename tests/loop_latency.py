"""How long the window's event loop was kept from running during a job, and by what.

A 20 ms QTimer measures the loop. Two witnesses explain a stall:
- faulthandler's watchdog (it runs without the interpreter lock) writes every thread's stack when
  the loop stands still for longer than `watch_s`: the code that held the window;
- a ticker in a separate process, which shares no lock with the app: when it stood still over the
  same stretch, the whole machine paused (a busy host, a virtual machine descheduled), not the app.
One CI run saw a single 2.7 s stall of the window that no run here reproduced; a stall the machine
shared is reported, not blamed on the app, and one it did not share still fails the test."""
from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

TICK_MS = 20
# The separate ticker: sleeps 20 ms at a time and, when stdin closes, prints each stretch it was
# kept from waking (start and end on the system-wide monotonic clock).
WITNESS = """
import sys, threading, time
gaps, done = [], threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
last = time.monotonic()
while not done.is_set():
    time.sleep(0.02)
    now = time.monotonic()
    if now - last > 0.07:
        gaps.append((last, now))
    last = now
for a, b in gaps:
    print(a, b)
"""


class LoopLatency:
    def __init__(self, stacks: Path, watch_s: float = float(os.environ.get("LATENCY_WATCH_S", "0.25"))):
        self.stalls: list[tuple[float, float]] = []   # (start, end) of each delay, monotonic seconds
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.watch_s = watch_s
        self.stacks_path = stacks
        self.stacks = stacks.open("w")
        self.machine_gaps: list[tuple[float, float]] = []
        self._last = 0.0
        self.witness: subprocess.Popen | None = None

    def start(self) -> None:
        self.witness = subprocess.Popen([sys.executable, "-c", WITNESS], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
        self._last = time.monotonic()
        self.timer.start()
        faulthandler.dump_traceback_later(self.watch_s, file=self.stacks)

    def _tick(self) -> None:
        now = time.monotonic()
        self.stalls.append((self._last, now))
        self._last = now
        faulthandler.dump_traceback_later(self.watch_s, file=self.stacks)

    def stop(self) -> None:
        self.timer.stop()
        faulthandler.cancel_dump_traceback_later()
        self.stacks.close()
        out, _ = self.witness.communicate("", timeout=30)
        self.machine_gaps = [tuple(map(float, line.split())) for line in out.splitlines() if line.strip()]

    def delays_ms(self) -> list[float]:
        """How late each tick came, in ms, less what the whole machine lost over the same stretch."""
        return [max(0.0, (b - a) * 1000 - TICK_MS - self._shared_ms(a, b)) for a, b in self.stalls]

    def _shared_ms(self, a: float, b: float) -> float:
        return sum(max(0.0, min(b, gb) - max(a, ga)) for ga, gb in self.machine_gaps) * 1000

    def worst(self) -> float:
        return max(self.delays_ms(), default=0.0)

    def felt(self, limit_ms: float = 100) -> int:
        """How many times the window stood still for longer than `limit_ms` while the machine ran."""
        return sum(d > limit_ms for d in self.delays_ms())

    def report(self) -> str:
        """For a failure message: the longest raw delays, the machine's own pauses, and the stacks."""
        raw = sorted(((b - a) * 1000 - TICK_MS for a, b in self.stalls), reverse=True)[:3]
        shared = [round((b - a) * 1000) for a, b in self.machine_gaps]
        return (f"longest delays {[round(d) for d in raw]} ms; the machine paused {shared} ms\n"
                + self.stacks_path.read_text()[-6000:])
