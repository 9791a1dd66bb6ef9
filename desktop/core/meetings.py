"""Meetings on disk: one folder each, under the storage folder, written atomically.

A folder holds meeting.json (what the clerk entered), audio.wav (recorded) or the imported
file's path, transcript.json, minutes.json, and recording.json while a recording runs.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import store
from .errors import GijirokuError, OutputNotWritable
from .types import Meeting, Minutes, Transcript

MEETING_FILE = "meeting.json"
TRANSCRIPT_FILE = "transcript.json"
MINUTES_FILE = "minutes.json"
SOURCE_FILE = "source.json"      # the imported audio's path (the original is never copied or modified)
AUDIO_FILE = "audio.wav"
MANIFEST_FILE = "recording.json"  # a recording's timeline (desktop.core.recorder)
DOCX_FILE = "minutes.docx"        # what `gijiroku process` exports
TRASH_DIR = ".trash"              # meetings the clerk deleted, under the storage folder


@dataclass
class MeetingSummary:
    folder: Path
    title: str
    date: str
    modified: float
    has_transcript: bool
    has_minutes: bool


class MeetingStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def create(self, meeting: Meeting) -> Path:
        store.ensure_dir(self.root)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        slug = re.sub(r"[\\\\/:*?\"<>|\s]+", "_", meeting.title or "meeting")[:40]
        folder = self.root / f"{stamp}-{slug}"
        n = 1
        while folder.exists():
            n += 1
            folder = self.root / f"{stamp}-{slug}-{n}"
        store.ensure_dir(folder)
        self.save_meeting(folder, meeting)
        return folder

    def recent(self, limit: int = 50) -> list[MeetingSummary]:
        if not self.root.is_dir():
            return []
        out = []
        for folder in self.root.iterdir():
            if not (folder / MEETING_FILE).exists():
                continue
            try:
                m = store.load_meeting(folder / MEETING_FILE)
            except GijirokuError:
                continue  # a damaged meeting.json must not hide the others
            mtime = max(p.stat().st_mtime for p in folder.iterdir() if p.is_file())
            out.append(MeetingSummary(folder, m.title, m.date, mtime, (folder / TRANSCRIPT_FILE).exists(),
                                      (folder / MINUTES_FILE).exists()))
        return sorted(out, key=lambda s: s.modified, reverse=True)[:limit]

    def trash(self, folder: Path) -> Path:
        """Move a meeting into the trash folder (under the storage folder, never listed); nothing is
        deleted, so a meeting moved by mistake can be moved back by hand."""
        folder = Path(folder)
        bin_ = store.ensure_dir(self.root / TRASH_DIR)
        target = bin_ / folder.name
        n = 1
        while target.exists():
            n += 1
            target = bin_ / f"{folder.name}-{n}"
        try:
            folder.rename(target)
        except OSError as exc:
            raise OutputNotWritable(str(exc), path=str(folder)) from exc
        return target

    # ---- documents -------------------------------------------------------------------------
    def load_meeting(self, folder: Path) -> Meeting:
        return store.load_meeting(Path(folder) / MEETING_FILE)

    def save_meeting(self, folder: Path, meeting: Meeting) -> None:
        store.write_json(Path(folder) / MEETING_FILE, meeting.to_json())

    def load_transcript(self, folder: Path) -> Optional[Transcript]:
        path = Path(folder) / TRANSCRIPT_FILE
        return store.load_transcript(path) if path.exists() else None

    def save_transcript(self, folder: Path, transcript: Transcript) -> None:
        store.write_json(Path(folder) / TRANSCRIPT_FILE, transcript.to_json())

    def load_minutes(self, folder: Path) -> Optional[Minutes]:
        path = Path(folder) / MINUTES_FILE
        return store.load_minutes(path) if path.exists() else None

    def save_minutes(self, folder: Path, minutes: Minutes) -> None:
        store.write_json(Path(folder) / MINUTES_FILE, minutes.to_json())

    def audio_path(self, folder: Path) -> Optional[Path]:
        """The meeting's audio: its recording, or the file it was imported from."""
        folder = Path(folder)
        if (folder / AUDIO_FILE).exists():
            return folder / AUDIO_FILE
        try:
            source = Path(store.read_json(folder / SOURCE_FILE)["path"])
        except (GijirokuError, KeyError, TypeError, ValueError):
            return None
        return source if source.exists() else None

    def set_source(self, folder: Path, audio: Path) -> None:
        store.write_json(Path(folder) / SOURCE_FILE, {"path": str(Path(audio).resolve())})
