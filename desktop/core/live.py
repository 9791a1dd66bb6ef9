"""Live transcription while recording: the transcript grows during the meeting.

The recorder hands every 16 kHz block to `feed` (cheap: a copy into a buffer). A worker thread
cuts the buffer at a pause in speech (VAD) once enough audio has gathered, transcribes the piece
with the same engine and options as file transcription, and saves transcript.json atomically.
After Stop only the last piece is left to transcribe, so the final transcript is ready seconds
later whatever the meeting's length. The buffer holds at most one piece: memory stays flat.
"""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from . import store
from .audio import SAMPLE_RATE
from .redecode import hear_again
from .transcription import TranscriptionOptions, WhisperTranscriber, speech_spans
from .types import Segment, Transcript

log = logging.getLogger("gijiroku.live")
RATE = SAMPLE_RATE


# Silero pads each span by 100 ms on both sides (speech_spans): a pause between two spans looks
# 200 ms shorter than it is, a pause at the buffer's end 100 ms shorter.
SPAN_PAD_S = 0.1
# Silence at a piece's start is dropped in blocks of this length, so pieces start at the same
# places however late the worker looks.
SILENCE_BLOCK_S = 5.0


def piece_end(buffer: np.ndarray, min_piece_s: float, max_piece_s: float, min_gap_s: float) -> Optional[int]:
    """Where the piece that starts at the buffer's first sample ends (a sample index), or None
    while the buffer cannot tell yet.

    The answer depends on the audio alone, never on how much of it has arrived: a worker that
    looks every second and one that falls behind on a busy laptop cut the same pieces, so the
    live transcript is the same on every machine (the VAD is causal, so the spans of a prefix do
    not change as audio is added). The piece ends in the first pause between sentences after
    `min_piece_s * 0.75`; with no pause before `max_piece_s`, at the quietest 100 ms of its
    last third.
    """
    n = len(buffer)
    if n < min_piece_s * RATE:
        return None
    spans = speech_spans(buffer)
    # Leading silence: drop one block once the buffer shows no speech starting inside it.
    first_speech = spans[0][0] if spans else n / RATE
    if first_speech >= SILENCE_BLOCK_S + 1.0:
        return int(SILENCE_BLOCK_S * RATE)
    # Pauses as long as they really were, between spans and after the last one if it ended.
    gaps = [(a_end, b_start + 2 * SPAN_PAD_S) for (_, a_end), (b_start, _) in zip(spans, spans[1:])]
    if spans and n / RATE - spans[-1][1] + SPAN_PAD_S >= min_gap_s:
        gaps.append((spans[-1][1], n / RATE + SPAN_PAD_S))
    # A comma's pause is short (0.3-0.5 s); between sentences people pause longer. Cut only there,
    # and not so early that a piece is too short for Whisper to hear a whole sentence.
    for lo, hi in gaps:
        if hi - lo >= min_gap_s and min_piece_s * 0.75 <= lo <= max_piece_s - 0.3:
            return int((lo + 0.3) * RATE)  # just after the speech ends, well before the next
    # Decide "no pause before max_piece_s" only once a pause ending there would show (VAD needs
    # half a second of silence to end a span).
    if n < (max_piece_s + min_gap_s + 1.0) * RATE:
        return None
    limit = int(max_piece_s * RATE)
    frames = buffer[: limit - limit % 1600].reshape(-1, 1600)
    energy = (frames.astype(np.float64) ** 2).mean(axis=1)
    third = len(energy) * 2 // 3
    return int((third + int(np.argmin(energy[third:]))) * 1600)


class LiveTranscriber:
    def __init__(self, transcriber: WhisperTranscriber, out_json: Path,
                 options: TranscriptionOptions = TranscriptionOptions(),
                 min_piece_s: float = 10.0, max_piece_s: float = 28.0, min_gap_s: float = 0.7,
                 earlier: Optional[Transcript] = None, start_s: float = 0.0,
                 correct: Optional[Callable[[Transcript], Transcript]] = None,
                 label: Optional[Callable[[np.ndarray, float, list[Segment]], None]] = None):
        """`earlier` and `start_s`: a recording continued in the same meeting (another device,
        after a crash) appends to its transcript, with times after the audio already there.
        `correct`: the vocabulary correction file transcription applies, applied to each piece.
        `label`: gives each piece's lines their speaker (desktop.core.live_voices)."""
        self.correct = correct
        self.label = label
        self.transcriber = transcriber
        self.out_json = Path(out_json)
        self.options = options
        self.min_piece_s, self.max_piece_s, self.min_gap_s = min_piece_s, max_piece_s, min_gap_s
        self.segments: list[Segment] = list(earlier.segments) if earlier else []
        self._pending: list[np.ndarray] = []
        self._buffer = np.zeros(0, np.float32)
        self._buffer_start = start_s      # audio time of the buffer's first sample
        self._checked = 0                 # buffer length at the last search for a pause
        self._received = int(start_s * RATE)  # samples of the recording so far
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._finishing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="live-transcriber", daemon=True)
        self.error: Optional[BaseException] = None
        self.working = False              # transcribing a piece now (others wait for the CPU)
        self._thread.start()

    # ---- called by the recorder's writer thread ------------------------------------------------
    def feed(self, block: np.ndarray) -> None:
        with self._lock:
            self._pending.append(block.astype(np.float32, copy=True))
            self._received += len(block)
        self._wake.set()

    # ---- status --------------------------------------------------------------------------------
    @property
    def transcribed_until(self) -> float:
        return self._buffer_start

    @property
    def received_seconds(self) -> float:
        return self._received / RATE

    def lag(self) -> float:
        """Audio time not yet transcribed."""
        return self.received_seconds - self.transcribed_until

    def transcript(self) -> Transcript:
        with self._lock:
            return Transcript(segments=list(self.segments), duration=self.received_seconds)

    # ---- finishing -----------------------------------------------------------------------------
    def finish(self, timeout: float = 120.0) -> Transcript:
        """Transcribe what is left and write the final transcript.json."""
        self._finishing.set()
        self._wake.set()
        self._thread.join(timeout=timeout)
        return self.transcript()

    # ---- worker --------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            self._wake.wait(timeout=0.5)
            self._wake.clear()
            self._take_pending()
            finishing = self._finishing.is_set()
            try:
                while True:
                    cut = self._find_cut(final=finishing)
                    if cut is None:
                        break
                    self._transcribe_piece(cut)
            except Exception as exc:  # noqa: BLE001 - keep recording; the file transcription can redo it
                log.error("live transcription failed: %s", type(exc).__name__)
                self.error = exc
            if finishing:
                self._take_pending()
                if len(self._buffer):
                    continue
                self._save()
                return

    def _take_pending(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        if pending:
            self._buffer = np.concatenate([self._buffer, *pending])

    def _find_cut(self, final: bool) -> Optional[int]:
        """Where to end the next piece; None to wait for more audio."""
        n = len(self._buffer)
        if n == 0:
            return None
        if final:
            return n
        if n < self.min_piece_s * RATE or n - self._checked < RATE:
            return None  # VAD over the buffer at most once per second of new audio, not per block
        self._checked = n
        return piece_end(self._buffer, self.min_piece_s, self.max_piece_s, self.min_gap_s)

    def _transcribe_piece(self, cut: int) -> None:
        piece, self._buffer = self._buffer[:cut], self._buffer[cut:]
        self._checked = 0
        offset = self._buffer_start
        started = time.perf_counter()
        # No prompt from the previous piece: given one, Whisper base echoes it at the piece's edges
        # (measured: CER 0.18 with, against 0.05 for the same audio as a file).
        spans = speech_spans(piece) if len(piece) >= int(0.3 * RATE) else []
        if spans:
            self.working = True
            try:
                t = self.transcriber.transcribe(piece, self.options, offset=offset, first_id=len(self.segments) + 1)
                t.segments, _added = hear_again(self.transcriber, piece, t.segments, spans, self.options, offset)
                if self.correct is not None:
                    t = self.correct(t)
                self._label(piece, offset, t.segments)
            finally:
                self.working = False
            with self._lock:
                for seg in t.segments:
                    if self.segments and seg.text in self.segments[-1].text:
                        continue  # a repeat of the line before: an echo, not speech
                    seg.id = len(self.segments) + 1
                    self.segments.append(seg)
        self._buffer_start = offset + len(piece) / RATE
        log.info("live piece %.1f s transcribed in %.1f s", len(piece) / RATE, time.perf_counter() - started)
        self._save()

    def _label(self, piece: np.ndarray, offset: float, segments: list[Segment]) -> None:
        """Speakers for the piece's lines; a failure leaves them unlabelled until Stop, where the whole
        recording is labelled again, and never stops the transcription."""
        if self.label is None:
            return
        try:
            self.label(piece, offset, segments)
        except Exception as exc:  # noqa: BLE001 - the transcript matters more than its labels
            log.error("live speaker labels stopped: %s", type(exc).__name__)
            self.label = None

    def _save(self) -> None:
        try:
            store.write_json(self.out_json, self.transcript().to_json())
        except OSError as exc:
            log.error("live transcript not saved: %s", type(exc).__name__)
