"""Speech the decoder left without text, made visible.

Whisper sometimes writes nothing for a stretch of speech (a context that made it skip, a voice far
from the microphone, two people at once). The decode is tried again without the meeting's context
first (desktop.core.pipeline), then each stretch still without text alone
(desktop.core.redecode); whatever speech is still without a line then gets a line of its own,
（聴取不能） as a 会議録 writes it, marked for the clerk to check, so that nothing said disappears
from the transcript unseen: the clerk steps to it, plays it, and types what was said.
"""
from __future__ import annotations

from .types import Segment, Transcript

GAP_TEXT = "（聴取不能）"
# A stretch of speech at least this long with no line over any of it is a lost utterance; shorter
# ones are the edges VAD pads around words and the breaths between them.
MIN_GAP_S = 1.5
# Japanese speech runs at 5-9 characters a second. A line of several seconds that holds far fewer is
# a decoding loop, not what was said: conditioned on its own looping text, Whisper wrote one phrase
# (「…の内訳は、」) over a minute of a committee meeting and over most of the meeting after it.
MIN_CHARS_PER_S = 1.5
LOOP_MIN_S = 5.0


def implausible(segment: Segment) -> bool:
    """The line is too short for the seconds it spans to be what was said (a decoding loop)."""
    seconds = segment.end - segment.start
    return seconds >= LOOP_MIN_S and len(segment.text.strip()) < MIN_CHARS_PER_S * seconds and not is_gap(segment)


def looped_seconds(segments: list[Segment]) -> float:
    """Seconds of the transcript's lines that are loops (a long one is worth decoding again)."""
    return sum(s.end - s.start for s in segments if implausible(s))


def unheard_speech(spans: list[tuple[float, float]], segments: list[Segment]) -> float:
    """Seconds of speech (VAD spans) that no plausible transcript line overlaps: speech the decoder
    skipped, or covered with a loop."""
    lines = [s for s in segments if not implausible(s)]
    return sum(end - start for start, end in spans
               if not any(min(end, s.end) > max(start, s.start) for s in lines))


def unheard_stretches(spans: list[tuple[float, float]], lines: list[Segment],
                      min_s: float = MIN_GAP_S) -> list[tuple[float, float]]:
    """The parts of the VAD's speech spans that none of `lines` overlaps, at least `min_s` seconds
    long. A span is a stretch of speech without a half-second pause, so it can hold several
    sentences: Whisper can write the first and the last and jump over the middle one."""
    out = []
    timed = sorted((s.start, s.end) for s in lines)
    for start, end in spans:
        cursor = start
        for a, b in timed:
            if b <= cursor or a >= end:
                continue
            if a - cursor >= min_s:
                out.append((cursor, a))
            cursor = max(cursor, b)
            if cursor >= end:
                break
        if end - cursor >= min_s:
            out.append((cursor, end))
    return out


def is_gap(segment: Segment) -> bool:
    return segment.text == GAP_TEXT


def mark_gaps(transcript: Transcript, spans: list[tuple[float, float]], min_s: float = MIN_GAP_S) -> int:
    """Put a （聴取不能） line, marked low confidence, where speech has no line; renumbers the lines.
    Returns how many were put in."""
    gaps = unheard_stretches(spans, [s for s in transcript.segments if not is_gap(s)], min_s)
    if not gaps:
        return 0
    marks = [Segment(0, round(start, 3), round(end, 3), GAP_TEXT, confidence="low") for start, end in gaps]
    transcript.segments = sorted(transcript.segments + marks, key=lambda s: (s.start, s.end))
    for i, s in enumerate(transcript.segments, 1):
        s.id = i
    return len(marks)


def gaps_of(transcript: Transcript) -> tuple[int, float]:
    """How many （聴取不能） lines a transcript has, and their seconds."""
    marks = [s for s in transcript.segments if is_gap(s)]
    return len(marks), sum(s.end - s.start for s in marks)


def heard(segments: list[Segment]) -> list[Segment]:
    """The lines that hold what was said (not the marks of what could not be heard)."""
    return [s for s in segments if not is_gap(s)]
