"""The meeting's date when nobody typed one: when its recording started.

Minutes without a date in 日時 are not minutes. A recording made by Gijiroku knows its start (the
first "start" event of recording.json); an imported file says when it was recorded in its metadata,
or at least when it was last written. What the clerk or `--date` gives always wins.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Optional

from . import audio
from .meetings import MANIFEST_FILE
from .types import Meeting


def recording_started(folder: Path) -> Optional[dt.datetime]:
    """The wall-clock start of a Gijiroku recording in `folder`, or None."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST_FILE).read_text(encoding="utf-8"))
        start = next(e for e in manifest.get("events", []) if e.get("kind") == "start")
        return dt.datetime.fromisoformat(start["wall"])
    except (OSError, ValueError, KeyError, TypeError, StopIteration, AttributeError):
        return None


def with_recorded_date(meeting: Meeting, audio_path: Path) -> Meeting:
    """`meeting` with the date (and, for a Gijiroku recording, the start time) filled in from the
    recording when they are empty."""
    if meeting.date:
        return meeting
    started = recording_started(Path(audio_path).parent)
    if started is not None:
        return replace(meeting, date=started.date().isoformat(),
                       start_time=meeting.start_time or started.strftime("%H:%M"))
    recorded = audio.recorded_at(audio_path)
    # A file's time is when it was last written (the end of the recording) or a tag of uncertain
    # meaning: only its day is used.
    return replace(meeting, date=recorded.date().isoformat()) if recorded is not None else meeting
