"""Sharing a busy laptop (issue 20): the model's threads follow the cores other programs leave free,
and model jobs of several Gijiroku processes run one at a time."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from desktop.core import errors
from desktop.core.cores import CoreMeter
from desktop.core.job_lock import exclusive
from desktop.core.jobs import CancelToken

SPIN = "import time\nend = time.time() + {s}\nwhile time.time() < end: pass\n"
HOLD = ("import sys, time, filelock\nlock = filelock.FileLock(sys.argv[1]); lock.acquire()\n"
        "print('held', flush=True); time.sleep(float(sys.argv[2])); lock.release()\n")
needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs a machine with 2 cores or more")


def spinner(seconds: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SPIN.format(s=seconds)])


@needs_two_cores
def test_a_core_kept_busy_by_another_program_is_not_offered():
    meter, probe = CoreMeter(), CoreMeter()
    load = spinner(6)
    try:
        time.sleep(0.3)  # the spinner's interpreter has started
        meter.others_busy()
        probe.others_busy()
        time.sleep(1.5)
        others = probe.others_busy()
        assert others is not None and others >= 0.8, others
        assert meter.free_cores() <= meter.cores - 1
    finally:
        load.kill()
        load.wait()


@needs_two_cores
def test_the_process_own_work_does_not_count_as_busy():
    """The model's own threads keep cores busy too: that must not make it give them up."""
    meter = CoreMeter()
    stop = time.monotonic() + 1.5
    while time.monotonic() < stop:  # this process spins one core
        pass
    others = meter.others_busy()
    assert others is not None and others < 0.7, others


def test_a_short_window_keeps_the_last_answer():
    ticks = iter([0.0, 0.1, 0.2])
    meter = CoreMeter(cores=4, clock=lambda: next(ticks))
    assert meter.others_busy() is None
    assert meter.free_cores() == 4


def test_a_second_model_job_waits_for_the_first_and_says_so(tmp_path):
    lock = tmp_path / "data" / "model-job.lock"
    lock.parent.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(lock), "2"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        steps = []
        started = time.monotonic()
        with exclusive(lock, steps.append):
            waited = time.monotonic() - started
        assert waited >= 1.0, waited  # it really waited for the other process
        assert steps[0].step == "wait_other_job" and steps[0].done == 0
        assert steps[-1].step == "wait_other_job" and steps[-1].done == 1
    finally:
        holder.wait(timeout=10)


def test_waiting_for_another_job_can_be_cancelled(tmp_path):
    lock = tmp_path / "model-job.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(lock), "5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        cancel = CancelToken()
        threading.Timer(0.8, cancel.cancel).start()
        with pytest.raises(errors.Cancelled):
            with exclusive(lock, None, cancel):
                pytest.fail("ran while another process held the lock")
    finally:
        holder.kill()
        holder.wait()


def test_a_dead_process_never_leaves_the_lock_held(tmp_path):
    lock = tmp_path / "model-job.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(lock), "60"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    steps = []
    with exclusive(lock, steps.append):
        pass
    assert steps == []


@pytest.fixture(scope="module")
def chat():
    """The light model on two threads, sharing what it sees as a 2-core machine (so the test means
    the same on a laptop and on a 64-core server)."""
    from desktop import config
    from desktop.core import paths
    from desktop.core.llm import LlamaChat
    from desktop.core.models import ModelCatalog

    entry, path = ModelCatalog(paths.catalog_file(), config.model_store_dir()).resolve("qwen2.5-0.5b", "llm")
    return LlamaChat(path, n_ctx=entry.n_ctx, n_threads=2, cores=CoreMeter(cores=2))


@needs_two_cores
def test_the_chat_model_uses_the_free_cores(chat):
    """The real model: with a core kept busy, the calls run with one thread fewer (from the second call
    under the load at the latest: each look measures the time since the one before); when the load
    goes, the threads come back."""
    import llama_cpp

    schema = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
    ask = [{"role": "user", "content": "「はい」なら ok を true にしてください。はい。"}]
    chat.complete_json(ask, schema, 16)
    assert chat.threads == chat.max_threads
    load = spinner(30)
    try:
        time.sleep(1.0)
        chat.complete_json(ask, schema, 16)
        time.sleep(1.0)
        chat.complete_json(ask, schema, 16)
        assert chat.threads == chat.max_threads - 1
        assert llama_cpp.llama_n_threads(chat._llm.ctx) == chat.threads
    finally:
        load.kill()
        load.wait()
    for _ in range(2):
        time.sleep(1.0)
        chat.complete_json(ask, schema, 16)
    assert chat.threads == chat.max_threads
    assert chat.usage.thread_changes == 2
