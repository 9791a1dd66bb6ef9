"""After a crash: the recording made whole, then its transcript finished.

`recorder.recover` repairs the audio; the live transcript stops at its last line, up to one live
piece (~25 s) before the crash, and a recording made without the live transcript has none. So the
audio after the last line is transcribed and appended, and the transcript covers every second
the recording kept. A line the crash cut in two (half in the live transcript) is not re-heard: the
rest starts where the last line ends.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

from . import audio, recorder, store
from .audio import SAMPLE_RATE
from .errors import GijirokuError
from .jobs import CancelToken, ProgressCallback
from .meetings import AUDIO_FILE, MEETING_FILE, TRANSCRIPT_FILE
from .pipeline import transcribe_samples
from .transcription import WhisperTranscriber
from .types import Meeting, Transcript
from .vocabulary import Term

log = logging.getLogger("gijiroku.recovery")
# Less audio than this after the last line holds no utterance worth a model call.
MIN_REST_S = 0.5


def transcribed_until(folder: Path) -> tuple[Optional[Transcript], float]:
    """The transcript in `folder` (None if there is none or it is damaged) and where its last line ends."""
    try:
        transcript = store.load_transcript(Path(folder) / TRANSCRIPT_FILE)
    except GijirokuError:
        return None, 0.0
    return transcript, max((s.end for s in transcript.segments), default=0.0)


def finish_transcript(folder: Path, transcriber: WhisperTranscriber, meeting: Optional[Meeting] = None,
                      user_terms: Sequence[Term] = (), on_progress: Optional[ProgressCallback] = None,
                      cancel: Optional[CancelToken] = None) -> Transcript:
    """Transcribe the audio after the transcript's last line and append it; writes transcript.json.

    `meeting` (title, attendees, vocabulary) defaults to the folder's meeting.json."""
    folder = Path(folder)
    samples = audio.decode(folder / AUDIO_FILE)
    duration = audio.duration_of(samples)
    earlier, start = transcribed_until(folder)
    segments = list(earlier.segments) if earlier else []
    if meeting is None:
        meeting = _folder_meeting(folder)
    rest = samples[int(start * SAMPLE_RATE):]
    added = 0
    if audio.duration_of(rest) >= MIN_REST_S:
        tail = transcribe_samples(transcriber, rest, meeting, on_progress, cancel, user_terms)
        next_id = max((s.id for s in segments), default=0) + 1
        for i, s in enumerate(tail.segments):
            segments.append(replace(s, id=next_id + i, start=s.start + start, end=s.end + start))
        added = len(tail.segments)
    log.info("recovery: %d line(s) kept, %d added from %.1f s to %.1f s", len(segments) - added, added, start, duration)
    transcript = Transcript(segments=segments, duration=duration)
    store.write_json(folder / TRANSCRIPT_FILE, transcript.to_json())
    return transcript


def recover_and_finish(folder: Path, transcriber: Optional[WhisperTranscriber], meeting: Optional[Meeting] = None,
                       user_terms: Sequence[Term] = (), on_progress: Optional[ProgressCallback] = None,
                       cancel: Optional[CancelToken] = None) -> tuple[float, Optional[Transcript]]:
    """`recorder.recover`, then the transcript finished (when a transcriber is given). Returns the
    recording's seconds and the transcript."""
    seconds = recorder.recover(folder)
    if transcriber is None:
        return seconds, None
    return seconds, finish_transcript(folder, transcriber, meeting, user_terms, on_progress, cancel)


def _folder_meeting(folder: Path) -> Meeting:
    try:
        return store.load_meeting(folder / MEETING_FILE)
    except GijirokuError:
        return Meeting()
