"""A folder of recordings to turn into minutes, and what of it is already done (`gijiroku batch`).

Each recording gets a meeting folder of its own under the output folder. What finished is
written to `batch.json` in the output folder as each meeting finishes, with the recording's
size and time, so a rerun skips it, and does it again if the recording was replaced. A meeting
that was running when the batch was stopped has no entry and is started again from its audio.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import store
from .meetings import DOCX_FILE, MINUTES_FILE, TRANSCRIPT_FILE

STATE_FILE = "batch.json"
# What a voice recorder, a phone or a meeting system writes (anything PyAV decodes would do; the
# list keeps notes and pictures lying in the same folder out).
RECORDING_SUFFIXES = (".wav", ".mp3", ".m4a", ".aac", ".flac", ".ogg", ".opus", ".wma", ".amr", ".3gp",
                      ".mp4", ".mov", ".webm", ".mkv")


@dataclass(frozen=True)
class Recording:
    source: Path
    folder: Path          # the meeting folder written for it

    @property
    def name(self) -> str:
        return self.source.name


class Backlog:
    def __init__(self, source_dir: Path, out_dir: Path):
        self.source_dir = Path(source_dir)
        self.out_dir = Path(out_dir)
        self.state_path = self.out_dir / STATE_FILE
        self._state: dict[str, dict] = self._load()

    def recordings(self) -> list[Recording]:
        """Every recording in the folder (not its subfolders), by name; each meeting folder named
        after the file (with its type when two files share a name)."""
        files = sorted((p for p in self.source_dir.iterdir()
                        if p.is_file() and p.suffix.lower() in RECORDING_SUFFIXES and not p.name.startswith(".")),
                       key=lambda p: p.name)
        stems = [p.stem for p in files]
        return [Recording(p, self.out_dir / (p.stem if stems.count(p.stem) == 1 else f"{p.stem}_{p.suffix[1:]}"))
                for p in files]

    def finished(self, rec: Recording) -> bool:
        """Done before, from this very recording, and its files are still there."""
        entry = self._state.get(rec.folder.name)
        if not entry or entry.get("source") != rec.name or entry.get("signature") != _signature(rec.source):
            return False
        return all((rec.folder / name).is_file() for name in (TRANSCRIPT_FILE, MINUTES_FILE, DOCX_FILE))

    def mark_finished(self, rec: Recording, seconds: float) -> None:
        self._state[rec.folder.name] = {"source": rec.name, "signature": _signature(rec.source),
                                        "seconds": round(seconds, 1)}
        store.ensure_dir(self.out_dir)
        store.write_json(self.state_path, {"version": 1, "meetings": self._state})

    def seconds_taken(self, rec: Recording) -> Optional[float]:
        entry = self._state.get(rec.folder.name)
        return entry.get("seconds") if entry else None

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
            meetings = data.get("meetings", {})
            return meetings if isinstance(meetings, dict) else {}
        except (OSError, ValueError, AttributeError):
            return {}  # none yet, or damaged: every meeting is checked again (their files stay)


def _signature(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]
