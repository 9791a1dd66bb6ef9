"""Files on disk: atomic writes and the JSON documents of a meeting folder.

Every save goes to a temporary file in the same folder, is fsynced, then renamed over the
target, so a crash or a full disk never leaves a half-written file over a good one.
"""
from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

from .errors import (DiskFull, InputNotFound, InputUnreadable, InvalidMeeting, InvalidMinutes, InvalidTranscript,
                     OutputNotWritable)
from .types import Meeting, Minutes, Transcript

# Meeting data is private: files 0600, folders 0700 on POSIX.
FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    except OSError as exc:
        raise _write_error(exc, path) from exc
    if not os.access(path, os.W_OK):
        raise OutputNotWritable(str(path), path=str(path))
    return path


def write_atomic(path: Path, write: Callable[[Any], None], binary: bool = False) -> None:
    """Call `write(fileobj)` on a temp file beside `path`, then fsync and rename it into place."""
    path = Path(path)
    ensure_dir(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _write_error(exc, path) from exc
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        _remove_quietly(tmp)
        raise _write_error(exc, path) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_atomic(path, lambda f: f.write(text + "\n"))


def write_text(path: Path, text: str) -> None:
    write_atomic(path, lambda f: f.write(text))


def read_json(path: Path) -> Any:
    path = Path(path)
    if not path.exists():
        raise InputNotFound(str(path), path=str(path))
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputUnreadable(str(exc), path=str(path)) from exc
    return json.loads(raw)


def load_transcript(path: Path) -> Transcript:
    try:
        return Transcript.from_json(read_json(path))
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidTranscript(str(exc), path=str(path)) from exc


def load_minutes(path: Path) -> Minutes:
    try:
        return Minutes.from_json(read_json(path))
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidMinutes(str(exc), path=str(path)) from exc


def load_meeting(path: Path) -> Meeting:
    try:
        data = read_json(path)
        if not isinstance(data, dict):
            raise ValueError("not a meeting")
        return Meeting.from_json(data)
    except (ValueError, TypeError) as exc:
        raise InvalidMeeting(str(exc), path=str(path)) from exc


def _write_error(exc: OSError, path: Path) -> Exception:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(str(exc), path=str(path))
    return OutputNotWritable(str(exc), path=str(path))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not supported on every platform (Windows); the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
