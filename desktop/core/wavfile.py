"""A WAV file that is valid after a crash: 16-bit mono PCM, header rewritten on every flush.

The data is appended and the header's sizes are updated and fsynced at least once a second, so
a killed process or a dead battery leaves a file whose header is at most a second stale; and
`repair` makes any such file whole from its size alone.
"""
from __future__ import annotations

import os
import struct
from pathlib import Path

from .audio import SAMPLE_RATE

HEADER_BYTES = 44


def _header(rate: int, data_bytes: int) -> bytes:
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
            + b"data" + struct.pack("<I", data_bytes))


class WavAppender:
    def __init__(self, path: Path, rate: int = SAMPLE_RATE):
        self.path = Path(path)
        self.rate = rate
        exists = self.path.exists() and self.path.stat().st_size >= HEADER_BYTES
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        self._f = os.fdopen(fd, "r+b")
        if exists:  # continuing a recording (another device, after recovery): append after what is there
            self.data_bytes = (self.path.stat().st_size - HEADER_BYTES) // 2 * 2
        else:
            self.data_bytes = 0
            self._f.write(_header(rate, 0))
        self._f.seek(HEADER_BYTES + self.data_bytes)

    @property
    def seconds(self) -> float:
        return self.data_bytes / 2 / self.rate

    def append(self, pcm16: bytes) -> None:
        self._f.write(pcm16)
        self.data_bytes += len(pcm16)

    def flush(self) -> None:
        """Make everything appended so far durable, header included."""
        self._f.flush()
        end = self._f.tell()
        self._f.seek(0)
        self._f.write(_header(self.rate, self.data_bytes))
        self._f.seek(end)
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        if not self._f.closed:
            try:
                self.flush()
            finally:
                self._f.close()


def repair(path: Path, rate: int = SAMPLE_RATE) -> float:
    """Rewrite the header from the file's real size; returns the seconds of audio it holds."""
    size = Path(path).stat().st_size
    data = max(0, size - HEADER_BYTES) // 2 * 2
    with open(path, "r+b") as f:
        f.write(_header(rate, data))
        f.truncate(HEADER_BYTES + data)
        f.flush()
        os.fsync(f.fileno())
    return data / 2 / rate


def header_data_bytes(path: Path) -> int:
    with open(path, "rb") as f:
        head = f.read(HEADER_BYTES)
    return struct.unpack("<I", head[40:44])[0] if len(head) == HEADER_BYTES else -1
