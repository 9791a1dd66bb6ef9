"""Speakers while a meeting is recorded: each finished piece's lines get the nearest voice heard so
far, and all the windows so far are clustered again now and then, the voice numbers carried over
from one clustering to the next so that 話者2 stays 話者2 on the clerk's screen. At Stop the
whole recording is clustered once more (pipeline.label_speakers_of) and the names are proposed.
Runs on the live transcriber's worker thread."""
from __future__ import annotations

import logging
from typing import Callable, Optional

import numpy as np

from .diarization import Diarization, VoiceEngine, cluster_many, embed_windows, plan_windows, turns_from
from .speakers import voice_label
from .transcription import speech_spans
from .types import Segment

log = logging.getLogger("gijiroku.live_voices")
RECLUSTER_EVERY = 40     # new windows (about 30 s of speech) between two clusterings


class LiveVoices:
    def __init__(self, open_engine: Callable[[], VoiceEngine], sample_rate: int, max_voices: Optional[int] = None):
        """`open_engine` is called on the first piece, on the worker thread: loading CAM++ takes a
        second that the window's thread should not spend."""
        self.open_engine = open_engine
        self.rate = sample_rate
        self.max_voices = max_voices
        self.engine: Optional[VoiceEngine] = None
        self.windows: list[tuple[float, float]] = []
        self.embeddings = np.zeros((0, 0), dtype=np.float32)
        self.labels = np.zeros(0, dtype=int)
        self.centroids = np.zeros((0, 0), dtype=np.float32)
        self._since = 0

    def __call__(self, piece: np.ndarray, offset: float, segments: list[Segment]) -> None:
        """Give each line of this piece (times already absolute) a speaker label."""
        if self.engine is None:
            self.engine = self.open_engine()
        spans = speech_spans(piece)
        windows = plan_windows(spans)
        if windows:
            vectors = embed_windows(self.engine, piece, self.rate, spans, windows)
            vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
            self.windows += [(a + offset, b + offset) for a, b in windows]
            self.embeddings = vectors if not len(self.embeddings) else np.vstack([self.embeddings, vectors])
            self._since += len(windows)
            if not len(self.centroids) or self._since >= RECLUSTER_EVERY:
                self._recluster()
            else:
                nearest = (vectors @ self.centroids.T).argmax(1)
                self.labels = np.concatenate([self.labels, nearest])
        if not len(self.labels):
            return
        diarization = Diarization(turns_from(self.windows, self.labels), int(self.labels.max()) + 1)
        for seg in segments:
            voice = diarization.voice_at(seg.start, seg.end)
            if voice is not None:
                seg.speaker = voice_label(voice)

    def _recluster(self) -> None:
        fresh = cluster_many(self.embeddings, self.max_voices)
        voices = np.unique(fresh)
        centroids = np.stack([self.embeddings[fresh == v].mean(0) for v in voices])
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
        new = (self.embeddings @ centroids.T).argmax(1)
        self.labels, self.centroids = self._carry_numbers(new, centroids)
        self._since = 0

    def _carry_numbers(self, new: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Renumber the new clusters after the old ones they share most windows with; a cluster
        with no old counterpart gets the next free number."""
        old = self.labels
        mapping: dict[int, int] = {}
        pairs = sorted(((int(np.sum((new[:len(old)] == c) & (old == o))), int(c), int(o))
                        for c in np.unique(new) for o in np.unique(old)), reverse=True) if len(old) else []
        for shared, c, o in pairs:
            if shared and c not in mapping and o not in mapping.values():
                mapping[c] = o
        following = max([*mapping.values(), int(old.max()) if len(old) else -1]) + 1
        first_to_speak = sorted((int(c) for c in np.unique(new)), key=lambda c: int(np.argmax(new == c)))
        for c in first_to_speak:
            if c not in mapping:
                mapping[c] = following
                following += 1
        labels = np.array([mapping[int(c)] for c in new], dtype=int)
        ordered = np.zeros((max(mapping.values()) + 1, centroids.shape[1]), dtype=np.float32)
        present = np.zeros(len(ordered), dtype=bool)
        for c, number in mapping.items():
            ordered[number] = centroids[c]
            present[number] = True
        # A number no cluster holds any more (two voices merged) keeps a centroid nobody is near.
        ordered[~present] = 0.0
        return labels, ordered
