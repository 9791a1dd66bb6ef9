"""Cancel is answered while CTranslate2 is inside a window, not after it."""
from __future__ import annotations

import threading
import time

import pytest

from conftest import SAMPLE_WAV
from desktop import config
from desktop.core import audio, paths
from desktop.core.errors import Cancelled
from desktop.core.jobs import CancelToken
from desktop.core.models import ModelCatalog
from desktop.core.transcription import WhisperTranscriber


@pytest.mark.models
def test_cancel_inside_a_window_returns_at_once_and_the_decode_ends():
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    transcriber = WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=2)
    samples = audio.decode(SAMPLE_WAV)
    token = CancelToken()
    first_line = threading.Event()

    def progress(p):
        if 0 < p.done < p.total:
            first_line.set()

    # Cancel 0.5 s after the first line: CTranslate2 is then decoding the next window.
    def cancel_soon():
        first_line.wait(120)
        time.sleep(0.5)
        token.cancel()
        cancelled_at.append(time.monotonic())

    cancelled_at: list[float] = []
    canceller = threading.Thread(target=cancel_soon)
    canceller.start()
    with pytest.raises(Cancelled):
        transcriber.transcribe(samples, on_progress=progress, cancel=token)
    answered = time.monotonic() - cancelled_at[0]
    canceller.join()
    # The window being decoded takes seconds; the answer comes within the 0.1-s poll.
    assert answered < 1.0, answered
    # The decode thread finishes its window and stops instead of decoding the rest of the file.
    deadline = time.monotonic() + 30
    while any(t.name == "whisper-decode" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(t.name == "whisper-decode" for t in threading.enumerate())
