"""Speech the decode passed over, decoded again on its own.

Whisper decodes a meeting in 30-second windows of the speech VAD kept, and within a window it can
write nothing for a sentence or two: the timestamps jump over it (a held-out committee meeting lost
25 s of a 28-second explanation that way; the sample meeting, on one build of the engine, lost
「タブレットが足りない部署もあると聞いています」 inside a stretch of speech). A decode of the whole
meeting again does not help, because the same window skips the same way. Decoded as a clip of its
own, conditioned on nothing, the same audio gives its text.

What comes back is kept only where it looks heard: no phrase Whisper writes over silence, words it
was more sure of than not, not a loop, and not the neighbouring line said again (a stretch that is
only the tail of a line whose words were timed early). What no clip decode hears stays for
desktop.core.coverage to mark （聴取不能）.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Optional, Protocol

import numpy as np

from .audio import SAMPLE_RATE
from .coverage import implausible, is_gap, unheard_stretches
from .jobs import CancelToken, check
from .transcription import SILENCE_PHRASES, TranscriptionOptions
from .types import Segment, Transcript

log = logging.getLogger("gijiroku.redecode")
# Whisper's mean word probability below even odds: a guess, not a hearing. Fixed before measuring
# (a clip decode of real speech on the tuning meetings scores 0.6-0.95).
MIN_SCORE = 0.5
# A clip whose text is mostly the line next to it (this share of its characters in one run) heard
# that line again, not new speech.
SAME_AS_NEIGHBOUR = 0.6
# Lines this close to a clip's line are its neighbours.
NEIGHBOUR_S = 3.0
# Room around the stretch, so its first and last sounds are whole.
PAD_S = 0.1
# The shortest stretch decoded again: a short reply (「ありがとうございます。」, 1.3 s) is an utterance too.
# Measured on the tuning meetings only (CER after correction, bousai / paperless / yosan / shisetsu /
# giun / kankyo_room): 1.0 s 0.051 / 0.039 / 0.082 / 0.085 / 0.068 / 0.173 against 0.051 / 0.039 /
# 0.094 / 0.099 / 0.068 / 0.173 at 1.5 s (the gap marks' length, desktop.core.coverage.MIN_GAP_S).
# Shorter stretches are mostly the edges VAD pads around words; the clip's own checks keep noise out.
MIN_STRETCH_S = 1.0


class Transcribing(Protocol):
    def transcribe(self, samples: np.ndarray, options: TranscriptionOptions = ..., on_progress=None,
                   cancel: Optional[CancelToken] = None, offset: float = 0.0, first_id: int = 1) -> Transcript: ...


def hear_again(transcriber: Transcribing, samples: np.ndarray, segments: list[Segment],
               spans: list[tuple[float, float]], options: TranscriptionOptions, offset: float = 0.0,
               cancel: Optional[CancelToken] = None) -> tuple[list[Segment], list[Segment]]:
    """Decode each stretch of speech (VAD `spans`, seconds into `samples`) that no line holds as a
    clip of its own, without the meeting's context. `segments` are timed from the meeting's start,
    `offset` seconds before `samples[0]`. Returns all lines in time order (a loop that a clip heard
    properly is replaced) and the lines that were added."""
    absolute = [(a + offset, b + offset) for a, b in spans]
    stretches = unheard_stretches(absolute, [s for s in segments if not implausible(s) and not is_gap(s)],
                                  MIN_STRETCH_S)
    if not stretches:
        return segments, []
    plain = replace(options, initial_prompt=None, hotwords=None, condition_on_previous_text=False)
    added: list[Segment] = []
    for start, end in stretches:
        check(cancel)
        a = max(0.0, start - PAD_S - offset)
        b = min(len(samples) / SAMPLE_RATE, end + PAD_S - offset)
        clip = samples[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)]
        heard = transcriber.transcribe(clip, plain, cancel=cancel, offset=a + offset).segments
        added += [s for s in heard if _believable(s, segments)]
    if not added:
        log.info("%d stretch(es) of speech without text decoded again alone: nothing heard", len(stretches))
        return segments, []
    # A loop's line gives way to what a clip heard over the same seconds.
    kept = [s for s in segments if not (implausible(s) and any(_overlap(s, n) > 0 for n in added))]
    out = sorted(kept + added, key=lambda s: (s.start, s.end))
    for i, s in enumerate(out, 1):
        s.id = i
    log.warning("%d stretch(es) of speech without text decoded again alone: %d line(s) heard, %.1f s",
                len(stretches), len(added), sum(s.end - s.start for s in added))
    return out, added


def _believable(line: Segment, others: list[Segment]) -> bool:
    text = line.text.strip()
    if len(text) < 2 or implausible(line) or any(p in text for p in SILENCE_PHRASES):
        return False
    if line.score is not None and line.score < MIN_SCORE:
        return False
    near = [o for o in others if not is_gap(o)
            and (abs(o.start - line.end) < NEIGHBOUR_S or abs(line.start - o.end) < NEIGHBOUR_S)]
    return not any(_shared(text, o.text) >= SAME_AS_NEIGHBOUR for o in near)


def _shared(text: str, other: str) -> float:
    """The longest run of `text` found in `other`, as a share of `text`."""
    match = SequenceMatcher(None, text, other, autojunk=False).find_longest_match(0, len(text), 0, len(other))
    return match.size / len(text)


def _overlap(a: Segment, b: Segment) -> float:
    return min(a.end, b.end) - max(a.start, b.start)
