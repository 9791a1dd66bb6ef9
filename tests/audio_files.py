"""Writing test audio in the odd-but-valid shapes clerks' recorders produce."""
from __future__ import annotations

import wave
from pathlib import Path

import av
import numpy as np
import soxr

from desktop.core import audio


def speech_clip(source: Path, start_s: float, end_s: float) -> np.ndarray:
    x = audio.decode(source)
    return x[int(start_s * 16000):int(end_s * 16000)]


def write_wav(path: Path, x: np.ndarray, rate: int = 16000, channels: int = 1, sample_bytes: int = 2) -> Path:
    """x at 16 kHz mono float -> a PCM WAV at `rate`, `channels`, 16- or 24-bit."""
    y = soxr.resample(x.astype(np.float64), 16000, rate) if rate != 16000 else x.astype(np.float64)
    y = np.clip(y, -1, 1)
    if channels == 2:
        y = np.stack([y, y * 0.8], axis=1).reshape(-1)
    if sample_bytes == 2:
        data = (y * 32767).astype("<i2").tobytes()
    else:  # 24-bit little-endian: the low three bytes of each int32
        ints = (y * (2 ** 23 - 1)).astype("<i4")
        data = ints.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(sample_bytes)
        w.setframerate(rate)
        w.writeframes(data)
    return path


def write_mp4(path: Path, x: np.ndarray, rate: int = 48000) -> Path:
    """An AAC audio track in an MP4 container, as a phone or a video call recording would be."""
    y = soxr.resample(x.astype(np.float64), 16000, rate).astype(np.float32)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=rate)
        stream.layout = "mono"
        frame_size = 1024
        for i in range(0, len(y), frame_size):
            chunk = y[i:i + frame_size]
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="fltp", layout="mono")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path
