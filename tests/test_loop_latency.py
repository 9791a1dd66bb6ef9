"""The window-latency probe of the UI tests tells the app's stalls from the machine's pauses."""
from __future__ import annotations

import os
import subprocess
import time

from PySide6.QtCore import QTimer

from loop_latency import LoopLatency


def test_a_stall_on_the_windows_thread_is_counted_with_its_stack(qapp, qtbot, tmp_path):
    latency = LoopLatency(tmp_path / "stacks.txt")
    latency.start()
    qtbot.wait(300)
    QTimer.singleShot(0, lambda: time.sleep(0.5))   # work done on the window's thread
    qtbot.wait(500)
    latency.stop()
    # The witness kept running: the stall is the window's own and is counted whole.
    assert latency.worst() >= 400 and latency.felt() == 1
    assert "test_loop_latency.py" in latency.report()   # the watchdog caught the sleeping frame


def test_a_pause_of_the_whole_machine_is_not_blamed_on_the_window(qapp, qtbot, tmp_path):
    latency = LoopLatency(tmp_path / "stacks.txt")
    latency.start()
    qtbot.wait(300)
    # Both processes stopped at once and resumed together, as a descheduled virtual machine would be.
    pids = f"{os.getpid()} {latency.witness.pid}"
    pause = subprocess.Popen(["sh", "-c", f"kill -STOP {pids}; sleep 0.6; kill -CONT {pids}"])
    qtbot.wait(1000)
    pause.wait(5)
    latency.stop()
    assert any(b - a >= 0.5 for a, b in latency.machine_gaps)
    raw = max((b - a) * 1000 for a, b in latency.stalls)
    assert raw >= 500 and latency.worst() < 150 and latency.felt() == 0
