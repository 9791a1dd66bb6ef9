"""One meeting being recorded: the crash-safe recorder, live transcription, the minutes drafted
alongside, pause/resume, a lost device, stop, and the transcript and minutes after Stop.

The CLI (`gijiroku record`) and the app's record panel both record through this class, so a
recording continued in the same folder, recovered after a crash, or drafted during the meeting
behaves the same way in both.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, Sequence, Union

import numpy as np

from . import recorder as rec
from . import store, wavfile
from .draft import MinutesDraft
from .errors import GijirokuError
from .jobs import CancelToken, ProgressCallback
from .live import LiveTranscriber
from .meetings import AUDIO_FILE, TRANSCRIPT_FILE
from .minutes import MinutesWriter
from .pipeline import corrected_by, transcription_options, vocabulary_for
from .recorder import Recorder, RecorderStatus
from .transcription import WhisperTranscriber
from .types import Meeting, Minutes, Segment, Transcript
from .vocabulary import Term


def continue_recording(folder: Path) -> tuple[Optional[Transcript], float]:
    """A folder that already holds a recording is continued: a recording a crash left unfinished is
    recovered first (audio repaired, timeline marked), and the new audio and transcript lines follow
    what is there. Returns (the transcript so far, seconds of audio already there)."""
    folder = Path(folder)
    if not (folder / AUDIO_FILE).exists():
        return None, 0.0
    seconds = rec.recover(folder) if rec.is_unfinished(folder) else wavfile.repair(folder / AUDIO_FILE)
    try:
        earlier = store.load_transcript(folder / TRANSCRIPT_FILE)
    except GijirokuError:
        earlier = None  # no transcript yet, or a damaged one: the new lines start afresh
    return earlier, seconds


class RecordingSession:
    """Records `meeting` into `folder`. With a `transcriber` the transcript grows live; with
    `open_writer` too, the minutes are drafted while the meeting goes on.

    `meeting_now` is read before each draft pass (the clerk may still edit the attendees).
    `label` gives each live piece's lines their speaker (pipeline.live_voices).
    `open_stream` / `find_device` are the capture library, passed on to the recorder."""

    def __init__(self, folder: Path, meeting: Meeting, device: Union[int, str, None] = None,
                 transcriber: Optional[WhisperTranscriber] = None, user_terms: Sequence[Term] = (),
                 open_writer: Optional[Callable[[], MinutesWriter]] = None,
                 meeting_now: Optional[Callable[[], Meeting]] = None,
                 label: Optional[Callable[[np.ndarray, float, list[Segment]], None]] = None, **capture):
        self.folder = store.ensure_dir(Path(folder))
        self.meeting = meeting
        earlier, start_s = continue_recording(self.folder)
        self.earlier = earlier
        self.live: Optional[LiveTranscriber] = None
        self.draft: Optional[MinutesDraft] = None
        if transcriber is not None:
            vocabulary = vocabulary_for(meeting, user_terms)
            self.live = LiveTranscriber(transcriber, self.folder / TRANSCRIPT_FILE, transcription_options(meeting),
                                        earlier=earlier, start_s=start_s,
                                        correct=lambda t: corrected_by(vocabulary, t), label=label)
            if open_writer is not None:
                live = self.live
                self.draft = MinutesDraft(open_writer, live.transcript, meeting_now or (lambda: meeting),
                                          busy=lambda: live.working)
        self.recorder = Recorder(self.folder, device, on_audio=self.live.feed if self.live else None, **capture)
        self.stopped = False

    # ---- while recording -------------------------------------------------------------------------
    def start(self) -> None:
        try:
            self.recorder.start()
        except GijirokuError:
            self._end_helpers()
            raise

    def pause(self) -> None:
        self.recorder.pause()

    def resume(self) -> None:
        self.recorder.resume()

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    @property
    def paused(self) -> bool:
        return self.recorder.status().state == "paused"

    def switch_device(self, device: Union[int, str, None]) -> None:
        self.recorder.switch_device(device)

    def status(self) -> RecorderStatus:
        return self.recorder.status()

    @property
    def started_at(self) -> float:
        return self.recorder.started_at

    @property
    def segments(self) -> list[Segment]:
        """The live lines so far (the earlier part of a continued recording included)."""
        return self.live.segments if self.live is not None else []

    @property
    def drafted_lines(self) -> int:
        return self.draft.drafted_lines if self.draft is not None else 0

    # ---- after the meeting -------------------------------------------------------------------------
    def stop(self) -> Path:
        """Stop capturing; the audio is whole on disk when this returns."""
        if not self.stopped:
            self.stopped = True
            self.recorder.stop()
        return self.folder / AUDIO_FILE

    def finish_transcript(self) -> Optional[Transcript]:
        """The last piece transcribed and transcript.json written (seconds, whatever the length)."""
        self.stop()
        if self.live is None:
            return self.earlier
        transcript = self.live.finish()
        store.write_json(self.folder / TRANSCRIPT_FILE, transcript.to_json())
        return transcript

    def finish_minutes(self, transcript: Transcript, meeting: Meeting, open_writer: Callable[[], MinutesWriter],
                       on_progress: Optional[ProgressCallback] = None,
                       cancel: Optional[CancelToken] = None) -> Optional[Minutes]:
        """The minutes from the draft: only the questions the draft has not asked reach the model.
        None when there was no draft."""
        draft, self.draft = self.draft, None
        if draft is None:
            return None
        return draft.finish(transcript, meeting, open_writer, on_progress, cancel)

    def abandon_draft(self) -> None:
        """No minutes from this recording (the transcript failed, or the clerk has minutes already)."""
        draft, self.draft = self.draft, None
        if draft is not None:
            draft.stop()

    def _end_helpers(self) -> None:
        self.abandon_draft()
        if self.live is not None:
            self.live.finish(timeout=5)
