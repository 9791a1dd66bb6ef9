"""Audio input and output through PortAudio (sounddevice): the only module that imports sounddevice.

The stream callback runs on PortAudio's thread and must never block: it copies the block into
a queue and returns. Everything else (resampling, writing, levels) happens on the recorder's
writer thread.
"""
from __future__ import annotations

import queue
from dataclasses import dataclass
from typing import Optional, Union

import numpy as np

from .audio import SAMPLE_RATE
from .errors import DeviceError


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    channels: int
    default_rate: float
    is_default: bool


def _sd():
    try:
        import sounddevice
    except OSError as exc:  # no PortAudio library on this machine
        raise DeviceError(str(exc), device="") from exc
    return sounddevice


def list_inputs() -> list[InputDevice]:
    sd = _sd()
    try:
        sd._terminate()  # re-scan: PortAudio caches the device list from its initialisation (hot-plug)
        sd._initialize()
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except Exception as exc:  # noqa: BLE001 - PortAudio raises its own error types
        raise DeviceError(str(exc), device="") from exc
    return [InputDevice(i, d["name"], int(d["max_input_channels"]), float(d["default_samplerate"]), i == default_in)
            for i, d in enumerate(devices) if d["max_input_channels"] > 0]


def find_input(device: Union[int, str, None]) -> InputDevice:
    inputs = list_inputs()
    if not inputs:
        raise DeviceError("no input device", device=str(device or ""))
    if device is None or device == "":
        return next((d for d in inputs if d.is_default), inputs[0])
    if isinstance(device, int) or str(device).isdigit():
        match = [d for d in inputs if d.index == int(device)]
    else:
        match = [d for d in inputs if d.name == device] or [d for d in inputs if str(device).lower() in d.name.lower()]
    if not match:
        raise DeviceError(f"no input device {device}", device=str(device))
    return match[0]


class InputStream:
    """A running capture: mono float32 blocks arrive in `blocks` (a queue) at `rate`."""

    def __init__(self, device: InputDevice, preferred_rate: int = SAMPLE_RATE, block_ms: int = 100):
        sd = _sd()
        self.device = device
        self.blocks: "queue.Queue[np.ndarray]" = queue.Queue()
        self.failed: Optional[str] = None
        self._stream = None
        for rate in (preferred_rate, int(device.default_rate), 48000, 44100):
            try:
                sd.check_input_settings(device=device.index, channels=1, samplerate=rate, dtype="float32")
            except Exception:  # noqa: BLE001 - this rate is not offered; try the next
                continue
            self.rate = rate
            break
        else:
            raise DeviceError("no usable sample rate", device=device.name)
        try:
            self._stream = sd.InputStream(device=device.index, channels=1, samplerate=self.rate, dtype="float32",
                                          blocksize=int(self.rate * block_ms / 1000), callback=self._callback,
                                          finished_callback=self._finished)
            self._stream.start()
        except Exception as exc:  # noqa: BLE001
            raise DeviceError(str(exc), device=device.name) from exc
        self._stopping = False

    def _callback(self, indata, frames, time_info, status) -> None:
        # PortAudio's thread: copy and return, nothing else.
        self.blocks.put(indata[:, 0].copy())

    def _finished(self) -> None:
        if not getattr(self, "_stopping", False):
            self.failed = "stream stopped"  # the device went away or the driver failed

    @property
    def alive(self) -> bool:
        if self.failed or self._stream is None:
            return False
        try:
            return bool(self._stream.active)
        except Exception:  # noqa: BLE001
            return False

    def close(self) -> None:
        self._stopping = True
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception:  # noqa: BLE001 - a vanished device cannot be closed cleanly; nothing to keep
                pass
            self._stream = None


class Player:
    """Plays a meeting's audio from any point (for "click a line to hear it"), at a chosen speed.

    Speed changes the sample rate handed to the device by resampling in blocks, so pitch rises
    with speed; for checking what was said that is acceptable and needs no extra library."""

    def __init__(self, samples: np.ndarray, rate: int = SAMPLE_RATE):
        self.samples = samples.astype(np.float32)
        self.rate = rate
        self.position = 0          # sample index
        self.speed = 1.0
        self._stream = None

    @property
    def playing(self) -> bool:
        if self._stream is None:
            return False
        try:
            return bool(self._stream.active)
        except Exception:  # noqa: BLE001 - the stream died under us (sound server gone, device unplugged)
            return False  # asked by a UI timer: a dead stream is one that is not playing, never an error

    @property
    def seconds(self) -> float:
        return self.position / self.rate

    def play(self, from_seconds: Optional[float] = None) -> None:
        sd = _sd()
        if from_seconds is not None:
            self.seek(from_seconds)
        self.stop()

        def callback(outdata, frames, time_info, status):
            step = self.speed
            n = int(frames * step)
            chunk = self.samples[self.position:self.position + n]
            if step != 1.0 and len(chunk):
                idx = np.minimum((np.arange(frames) * step).astype(np.int64), len(chunk) - 1)
                chunk = chunk[idx][: frames]
            out = np.zeros(frames, np.float32)
            out[: len(chunk)] = chunk[:frames]
            outdata[:, 0] = out
            self.position += n
            if self.position >= len(self.samples):
                raise sd.CallbackStop()

        try:
            self._stream = sd.OutputStream(samplerate=self.rate, channels=1, dtype="float32", callback=callback)
            self._stream.start()
        except Exception as exc:  # noqa: BLE001
            self._stream = None
            raise DeviceError(str(exc), device="output") from exc

    def seek(self, seconds: float) -> None:
        self.position = int(max(0.0, min(seconds * self.rate, len(self.samples))))

    def stop(self) -> None:
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception:  # noqa: BLE001
                pass
            self._stream = None
