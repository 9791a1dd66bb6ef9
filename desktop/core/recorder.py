"""Crash-safe meeting recording: capture -> 16 kHz mono -> a WAV that survives a crash.

The PortAudio callback only queues blocks (desktop.core.capture). This module's writer thread
resamples them, appends them to `audio.wav`, makes the file durable every second, keeps the
level meter's numbers, watches the disk and the device, and hands each block to a listener
(the live transcriber). `recording.json` records the timeline: start, pauses, device changes,
a lost device, the stop. A folder whose manifest does not say "stopped" is unfinished and is
repaired by `recover`.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import queue
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Union

import numpy as np
import soxr

from . import store, wavfile
from .audio import SAMPLE_RATE
from .meetings import AUDIO_FILE, MANIFEST_FILE
from .capture import InputDevice, InputStream, find_input
from .errors import DiskFull, RecordingNotFound

log = logging.getLogger("gijiroku.recorder")

RATE = SAMPLE_RATE
QUIET_DBFS = -50.0       # below this for QUIET_SECONDS: "too quiet" (a muted or distant microphone)
QUIET_SECONDS = 30.0
CLIP_LEVEL = 0.99
# The file is made durable this often: a crash loses at most this much (the brief asks for 1 s).
FLUSH_SECONDS = 0.5


@dataclass
class RecorderStatus:
    state: str = "idle"          # idle | recording | paused | device_lost | stopped | disk_full
    seconds: float = 0.0         # audio recorded (paused time excluded)
    level_dbfs: float = -120.0   # RMS of the last ~100 ms
    peak: float = 0.0
    clipping: bool = False
    too_quiet: bool = False
    low_disk: bool = False
    free_bytes: int = 0
    device: str = ""
    events: list = field(default_factory=list)


class Recorder:
    def __init__(self, folder: Path, device: Union[int, str, None] = None,
                 on_audio: Optional[Callable[[np.ndarray], None]] = None,
                 warn_free_bytes: int = 1_000_000_000, stop_free_bytes: int = 50_000_000,
                 open_stream: Callable[[InputDevice, int], InputStream] = InputStream,
                 find_device: Callable[[Union[int, str, None]], InputDevice] = find_input):
        """`open_stream` and `find_device` are the capture library, passed in so that a benchmark
        can feed recorded audio through the same writer faster than real time."""
        self.folder = store.ensure_dir(Path(folder))
        self.device_spec = device
        self.on_audio = on_audio
        self.warn_free_bytes = warn_free_bytes
        self.stop_free_bytes = stop_free_bytes
        self._open_input = open_stream
        self._find_device = find_device
        self._status = RecorderStatus()
        self._lock = threading.Lock()
        self._paused = threading.Event()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._stream: Optional[InputStream] = None
        self._wav: Optional[wavfile.WavAppender] = None
        self._resampler = None
        self._quiet_since: Optional[float] = None
        self.started_at = 0.0
        self._manifest = self._load_manifest()

    # ---- control (any thread) ----------------------------------------------------------------
    def start(self) -> None:
        self._check_disk(raise_if_full=True)
        self._wav = wavfile.WavAppender(self.folder / AUDIO_FILE, RATE)
        self.started_at = self._wav.seconds  # > 0 when this continues an earlier recording
        with self._lock:
            self._status.seconds = self.started_at
        self._open_stream(self._find_device(self.device_spec))
        self._event("start")
        self._set(state="recording")
        self._thread = threading.Thread(target=self._run, name="recorder-writer", daemon=True)
        self._thread.start()

    def pause(self) -> None:
        self._paused.set()
        self._event("pause")
        self._set(state="paused")

    def resume(self) -> None:
        self._paused.clear()
        self._event("resume")
        self._set(state="recording")

    def switch_device(self, device: Union[int, str, None]) -> None:
        """Continue the same recording on another input (after an unplug, or by choice)."""
        # Close the old stream before the device list is re-read: re-initialising PortAudio with a
        # stream still open leaves a dangling handle that can take the new stream down with it.
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self._open_stream(self._find_device(device))
        self._event("device")
        self._set(state="paused" if self._paused.is_set() else "recording")

    def stop(self) -> Path:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._stream is not None:
            self._stream.close()
        if self._wav is not None:
            self._wav.close()
        self._event("stop")
        with self._lock:
            if self._status.state != "disk_full":
                self._status.state = "stopped"
        self._write_manifest(final=True)
        return self.folder / AUDIO_FILE

    def status(self) -> RecorderStatus:
        with self._lock:
            s = RecorderStatus(**{**self._status.__dict__, "events": list(self._manifest["events"])})
        return s

    # ---- writer thread -----------------------------------------------------------------------
    def _run(self) -> None:
        last_flush = time.monotonic()
        while not self._stop.is_set():
            stream = self._stream
            try:
                block = stream.blocks.get(timeout=0.1) if stream else None
            except queue.Empty:
                block = None
            if block is not None:
                self._take(block, stream.rate)
            elif (stream is not None and stream is self._stream and not stream.alive
                  and self._status.state in ("recording", "paused")):
                self._lost_device()  # (a stream just replaced by switch_device is not a loss)
            if time.monotonic() - last_flush >= FLUSH_SECONDS:
                last_flush = time.monotonic()
                self._flush()
                if not self._check_disk():
                    break
        self._drain()

    def _take(self, block: np.ndarray, rate: int) -> None:
        if rate != RATE:
            if self._resampler is None or self._resampler[0] != rate:
                self._resampler = (rate, soxr.ResampleStream(rate, RATE, 1, dtype="float32"))
            block = self._resampler[1].resample_chunk(block)
        self._update_level(block)
        if self._paused.is_set() or not len(block):
            return  # paused time is not recorded; the meter keeps moving so the clerk sees the input
        pcm = (np.clip(block, -1.0, 1.0) * 32767).astype("<i2")
        try:
            self._wav.append(pcm.tobytes())
        except OSError as exc:
            log.error("recording write failed: %s", exc)
            self._set(state="disk_full")
            self._stop.set()
            return
        with self._lock:
            self._status.seconds = self._wav.seconds
        if self.on_audio is not None:
            self.on_audio(block)

    def _drain(self) -> None:
        """After stop: what the callback already queued is part of the meeting."""
        stream = self._stream
        while stream is not None and self._status.state != "disk_full":
            try:
                self._take(stream.blocks.get_nowait(), stream.rate)
            except queue.Empty:
                break
        self._flush()

    def _flush(self) -> None:
        if self._wav is None:
            return
        try:
            self._wav.flush()
        except OSError as exc:
            log.error("recording flush failed: %s", exc)
            self._set(state="disk_full")
            self._stop.set()

    def _lost_device(self) -> None:
        log.warning("input device lost")
        self._flush()
        self._event("device_lost")
        self._set(state="device_lost")

    def _update_level(self, block: np.ndarray) -> None:
        if not len(block):
            return
        rms = float(np.sqrt(np.mean(block.astype(np.float64) ** 2)))
        peak = float(np.abs(block).max())
        dbfs = 20 * np.log10(max(rms, 1e-6))
        now = time.monotonic()
        if dbfs < QUIET_DBFS and not self._paused.is_set():
            self._quiet_since = self._quiet_since or now
        else:
            self._quiet_since = None
        with self._lock:
            self._status.level_dbfs = dbfs
            self._status.peak = peak
            self._status.clipping = peak >= CLIP_LEVEL
            self._status.too_quiet = self._quiet_since is not None and now - self._quiet_since >= QUIET_SECONDS

    def _check_disk(self, raise_if_full: bool = False) -> bool:
        free = shutil.disk_usage(self.folder).free
        with self._lock:
            self._status.free_bytes = free
            self._status.low_disk = free < self.warn_free_bytes
        if free < self.stop_free_bytes:
            if raise_if_full:
                raise DiskFull(str(self.folder), path=str(self.folder))
            log.error("disk nearly full: stopping the recording cleanly")
            self._set(state="disk_full")
            self._stop.set()
            return False
        return True

    # ---- bookkeeping ---------------------------------------------------------------------------
    def _open_stream(self, device: InputDevice) -> None:
        self._stream = self._open_input(device, RATE)
        self._resampler = None
        with self._lock:
            self._status.device = device.name

    def _set(self, **changes) -> None:
        with self._lock:
            for k, v in changes.items():
                setattr(self._status, k, v)
        self._write_manifest()

    def _event(self, kind: str) -> None:
        at = self._wav.seconds if self._wav else 0.0
        self._manifest["events"].append({"kind": kind, "at": round(at, 3), "wall": _now(),
                                         "device": self._status.device})
        self._write_manifest()

    def _load_manifest(self) -> dict:
        path = self.folder / MANIFEST_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("events"), list):
                return data
        except (OSError, ValueError):
            pass
        return {"audio": AUDIO_FILE, "sample_rate": RATE, "state": "new", "events": []}

    def _write_manifest(self, final: bool = False) -> None:
        self._manifest["state"] = self._status.state
        try:
            store.write_json(self.folder / MANIFEST_FILE, self._manifest)
        except (DiskFull, OSError) as exc:
            log.error("manifest not saved: %s", exc)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# ---- after a crash ---------------------------------------------------------------------------------
def is_unfinished(folder: Path) -> bool:
    try:
        data = json.loads((Path(folder) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return (Path(folder) / AUDIO_FILE).exists() and _header_stale(Path(folder) / AUDIO_FILE)
    return data.get("state") not in ("stopped", "recovered")


def find_unfinished(meetings_dir: Path) -> list[Path]:
    """Meeting folders whose recording never stopped cleanly (for the app's start-up)."""
    if not Path(meetings_dir).is_dir():
        return []
    return sorted(p for p in Path(meetings_dir).iterdir() if (p / AUDIO_FILE).exists() and is_unfinished(p))


def recover(folder: Path) -> float:
    """Make an unfinished recording whole; returns its seconds. Nothing is deleted."""
    audio = Path(folder) / AUDIO_FILE
    if not audio.exists():
        raise RecordingNotFound(str(folder), path=str(folder))
    seconds = wavfile.repair(audio, RATE)
    path = Path(folder) / MANIFEST_FILE
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {"audio": AUDIO_FILE, "sample_rate": RATE, "events": []}
    manifest.setdefault("events", []).append({"kind": "recovered", "at": round(seconds, 3), "wall": _now()})
    manifest["state"] = "recovered"
    store.write_json(path, manifest)
    return seconds


def _header_stale(audio: Path) -> bool:
    return wavfile.header_data_bytes(audio) != max(0, audio.stat().st_size - wavfile.HEADER_BYTES)
