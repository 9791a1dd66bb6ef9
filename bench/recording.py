"""`make bench` (recording part): live-transcription lag, Stop-to-final, and memory over a long meeting.

1. The sample meeting is fed to the live transcriber block by block at real-time pace: the lag
   (audio time minus transcribed time) is sampled every second; the time from Stop to the final
   transcript is measured.
2. Three hours of meeting audio (the sample, then ten minutes of room noise, repeated) go through
   the recorder's own writer thread and the live pipeline faster than real time, from a stream
   object that stands in for PortAudio; peak RSS is read after 10 minutes and after 3 hours.
"""
from __future__ import annotations

import argparse
import queue
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import config  # noqa: E402
from desktop.core import audio, paths  # noqa: E402
from desktop.core.capture import InputDevice  # noqa: E402
from desktop.core.live import LiveTranscriber  # noqa: E402
from desktop.core.models import ModelCatalog  # noqa: E402
from desktop.core.recorder import Recorder  # noqa: E402
from desktop.core.transcription import WhisperTranscriber  # noqa: E402

RATE = 16000
BLOCK = 1600


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class FileStream:
    """Stands in for capture.InputStream: blocks of a long signal, as fast as the writer takes them."""

    def __init__(self, source, rate: int = RATE):
        self.rate = rate
        self.blocks: "queue.Queue[np.ndarray]" = queue.Queue(maxsize=50)
        self.failed = None
        self.alive = True
        self.source = source

    def pump(self, stop_at_s: float, live: LiveTranscriber, max_lag_s: float = 90.0) -> None:
        sent = 0
        for block in self.source:
            # Faster than real time, but never so far ahead of the transcriber that its queue grows.
            while live.lag() > max_lag_s:
                time.sleep(0.05)
            self.blocks.put(block)
            sent += len(block)
            if sent >= stop_at_s * RATE:
                return

    def close(self) -> None:
        self.alive = False


def long_meeting(sample: np.ndarray):
    rng = np.random.default_rng(0)
    noise = (rng.standard_normal(RATE * 600) * 0.002).astype(np.float32)
    while True:
        for part in (sample, noise):
            for i in range(0, len(part) - BLOCK + 1, BLOCK):
                yield part[i:i + BLOCK]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hours", type=float, default=3.0)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    transcriber = WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=args.threads)
    sample = audio.decode(ROOT / "tests/fixtures/paperless.wav")
    rows = []

    with tempfile.TemporaryDirectory() as tmp:
        live = LiveTranscriber(transcriber, Path(tmp) / "live.json")
        lags = []
        started = time.monotonic()
        for i in range(0, len(sample), BLOCK):
            target = started + i / RATE
            time.sleep(max(0.0, target - time.monotonic()))
            live.feed(sample[i:i + BLOCK])
            if i % RATE < BLOCK:
                lags.append(live.lag())
        t0 = time.monotonic()
        live.finish()
        stop_to_final = time.monotonic() - t0
        half = len(lags) // 2
        rows += [("live: audio fed in real time (s)", f"{len(sample) / RATE:.1f}"),
                 ("live: lag max (s)", f"{max(lags):.1f}"),
                 ("live: lag mean, first half (s)", f"{np.mean(lags[:half]):.1f}"),
                 ("live: lag mean, second half (s)", f"{np.mean(lags[half:]):.1f}"),
                 ("Stop -> final transcript (s)", f"{stop_to_final:.1f}")]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "long"
        live = LiveTranscriber(transcriber, folder / "transcript.json")
        stream = FileStream(long_meeting(sample))
        device = InputDevice(0, "bench", 1, RATE, True)
        recorder = Recorder(folder, on_audio=live.feed, open_stream=lambda d, r: stream, find_device=lambda d: device,
                            warn_free_bytes=0, stop_free_bytes=0)
        recorder.start()
        t0 = time.monotonic()
        stream.pump(600, live)
        while recorder.status().seconds < 599:
            time.sleep(0.05)
        rss_10 = peak_rss_mb()
        stream.pump(args.hours * 3600 - 600, live)
        while recorder.status().seconds < args.hours * 3600 - 1:
            time.sleep(0.05)
        recorder.stop()
        live.finish()
        rss_3h = peak_rss_mb()
        wall = time.monotonic() - t0
        rows += [("long meeting: audio (h)", f"{recorder.status().seconds / 3600:.2f}"),
                 ("long meeting: wall time (s)", f"{wall:.0f}"),
                 ("long meeting: transcript lines", str(len(live.segments))),
                 ("peak RSS after 10 min of audio (MB)", f"{rss_10:.0f}"),
                 (f"peak RSS after {args.hours:g} h of audio (MB)", f"{rss_3h:.0f}"),
                 ("RSS growth 10 min -> end (MB)", f"{rss_3h - rss_10:.0f}")]

    w = max(len(r[0]) for r in rows)
    print(f"\nbench: recording and live transcription, {args.threads} threads\n")
    print(f"{'measure':<{w}}  {'value':>10}")
    print("-" * (w + 12))
    for name, value in rows:
        print(f"{name:<{w}}  {value:>10}")


if __name__ == "__main__":
    main()
