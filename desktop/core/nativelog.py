"""Native libraries' console chatter goes to the log, not to the person at the terminal.

llama.cpp and PortAudio's ALSA backend write warnings straight to file descriptor 2, whatever
the Python side asks. A clerk must see one sentence, not engine internals.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile

log = logging.getLogger("gijiroku.native")


@contextlib.contextmanager
def native_stderr_to_log(name: str = "native"):
    """Send fd 2 to a temporary file for the duration; log what was written. Yields a text stream
    on the real stderr, for the messages meant for the person."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield sys.stderr
        return
    real = os.fdopen(os.dup(saved), "w", encoding="utf-8", errors="replace", buffering=1)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield real
        finally:
            real.flush()
            os.dup2(saved, 2)
            os.close(saved)
            real.close()
            sink.seek(0)
            text = sink.read().decode("utf-8", "replace").strip()
            if text:
                log.info("%s: %s", name, text[-2000:])
