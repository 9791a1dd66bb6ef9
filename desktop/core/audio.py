"""Decoding any audio or video file to 16 kHz mono float32 samples, through PyAV (FFmpeg).

PyAV ships its own FFmpeg, so wav, mp3, m4a, aac, flac, ogg, mp4, mov and webm decode with no
system codecs. Every failure becomes an AudioDecodeError carrying the path.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Optional

import av
import numpy as np

from .errors import AudioDecodeError, InputNotFound, InputUnreadable

SAMPLE_RATE = 16000
# Shorter than this holds no speech worth transcribing; the file is treated as empty.
MIN_SECONDS = 0.1


def check_readable(path: Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise InputNotFound(str(path), path=str(path))
    if path.is_dir() or not os.access(path, os.R_OK):
        raise InputUnreadable(str(path), path=str(path))
    return path


def decode(path: Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """The whole file as mono float32 at `sample_rate`; raises AudioDecodeError if it holds no audio."""
    path = check_readable(path)
    if path.stat().st_size == 0:
        raise AudioDecodeError("empty file", path=str(path))
    pieces: list[np.ndarray] = []
    resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=sample_rate)
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioDecodeError("no audio stream", path=str(path))
            for frame in _valid_frames(container.decode(audio=0)):
                frame.pts = None  # timestamps of damaged files are often wrong; we only need samples
                for out in resampler.resample(frame):
                    pieces.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                pieces.append(out.to_ndarray().reshape(-1))
    except AudioDecodeError:
        raise
    except (av.error.FFmpegError, ValueError, EOFError, OSError, UnicodeDecodeError) as exc:
        if pieces and sum(len(p) for p in pieces) >= MIN_SECONDS * sample_rate:
            pass  # a file truncated mid-stream: keep what decoded (nothing is lost that was readable)
        else:
            raise AudioDecodeError(str(exc), path=str(path)) from exc
    finally:
        # PyAV's resampler sits in a reference cycle, freed by the cyclic collector (faster-whisper
        # #390 called gc.collect() here). A full collection holds the interpreter lock for 90-120 ms
        # with the app's heap: done in a job, it froze the window that long. A resampler is a few
        # kilobytes; Python's own collections free it.
        del resampler
    samples = np.concatenate(pieces).astype(np.float32) / 32768.0 if pieces else np.zeros(0, np.float32)
    if len(samples) < MIN_SECONDS * sample_rate:
        raise AudioDecodeError("no audio samples", path=str(path))
    return samples


def duration_of(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> float:
    return len(samples) / float(sample_rate)


def _valid_frames(frames):
    iterator = iter(frames)
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except av.error.InvalidDataError:
            continue


# Tags that carry when a file was recorded: MP4/MOV/M4A (phones, cameras, Teams/Zoom recordings),
# Apple's own, WAV LIST/INFO (voice recorders), ID3/Vorbis.
_DATE_TAGS = ("creation_time", "com.apple.quicktime.creationdate", "date", "ICRD", "TDRC", "DATE")


def recorded_at(path: Path) -> Optional[dt.datetime]:
    """When the file was recorded, in local time: its metadata when it says (a full date), else when
    the file was last written (a recorder writes its file as it records). None if unreadable."""
    path = Path(path)
    tags: dict[str, str] = {}
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            tags.update(container.metadata or {})
            for stream in container.streams.audio[:1]:
                tags.update(stream.metadata or {})
    except (av.error.FFmpegError, ValueError, EOFError, OSError, UnicodeDecodeError):
        pass
    lowered = {k.lower(): v for k, v in tags.items()}
    for key in _DATE_TAGS:
        value = _parse_tag_date(lowered.get(key.lower(), ""))
        if value is not None:
            return value
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return None


def _parse_tag_date(text: str) -> Optional[dt.datetime]:
    text = (text or "").strip()
    if len(text) < 10:  # a year alone ("2024") says nothing about the meeting's day
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    if value.year < 1990:  # 1904/1970: an unset clock in the recorder
        return None
    # A time with a zone (MP4's UTC) becomes local time; a naive one is taken as local already.
    return value.astimezone()
