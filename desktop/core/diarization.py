"""Who spoke when: speaker embeddings of short windows of speech, clustered into voices.

Speech regions come from the Silero VAD (transcription.speech_spans); each region is cut into
1.5-s windows every 0.75 s, each window becomes a CAM++ embedding (campplus.py), and the
embeddings are clustered spectrally (3D-Speaker's recipe: cosine affinity, row pruning, the
Laplacian's eigenvectors, k-means). The number of voices is the attendees' count when the clerk
gave one (an upper bound: voices closer than MERGE_COS are one person) or else the eigengap's
estimate. Numpy only; the engine is passed in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Protocol, Sequence

import numpy as np

from .jobs import CancelToken, ProgressCallback, check, report

WINDOW_S = 1.5
SHIFT_S = 0.75
MIN_WINDOW_S = 0.5      # a shorter burst of speech is too little voice to embed; it takes its neighbour's
FRAMES_PER_S = 100
MAX_SPEAKERS = 8        # the eigengap estimate looks no further
PRUNE_KEEP = 0.012      # share of each row's strongest affinities kept (3D-Speaker's pval)
MIN_KEEP = 6
# Two clusters whose mean embeddings are this similar are one voice split in two: happens when the
# attendee count given is larger than the number who spoke. Distinct voices: 0.21-0.67 on the tuning fixtures.
MERGE_COS = 0.8
BATCH = 32
MAX_CLUSTERED = 1500    # windows clustered spectrally at once; the rest join the nearest voice


class VoiceEngine(Protocol):
    def features(self, samples: np.ndarray) -> np.ndarray: ...
    def embed(self, windows: np.ndarray) -> np.ndarray: ...


@dataclass
class Turn:
    start: float
    end: float
    voice: int


@dataclass
class Diarization:
    turns: list[Turn]
    voices: int
    centroids: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    windows: int = 0

    def voice_at(self, start: float, end: float) -> Optional[int]:
        """The voice that speaks longest in [start, end]; the nearest turn's when none overlaps."""
        if not self.turns:
            return None
        overlap: dict[int, float] = {}
        for t in self.turns:
            o = min(end, t.end) - max(start, t.start)
            if o > 0:
                overlap[t.voice] = overlap.get(t.voice, 0.0) + o
        if overlap:
            return max(overlap, key=lambda v: overlap[v])
        mid = (start + end) / 2
        return min(self.turns, key=lambda t: min(abs(mid - t.start), abs(mid - t.end))).voice


def plan_windows(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """1.5-s windows every 0.75 s inside each speech span; the last one ends at the span's end."""
    out = []
    for start, end in spans:
        if end - start < MIN_WINDOW_S:
            continue
        if end - start <= WINDOW_S:
            out.append((start, end))
            continue
        t = start
        while t + WINDOW_S < end:
            out.append((t, t + WINDOW_S))
            t += SHIFT_S
        out.append((end - WINDOW_S, end))
    return out


def embed_windows(engine: VoiceEngine, samples: np.ndarray, sample_rate: int,
                  spans: Sequence[tuple[float, float]], windows: Sequence[tuple[float, float]],
                  on_progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> np.ndarray:
    """One embedding per window. Features are computed once per speech span and sliced."""
    feats_of: list[tuple[float, np.ndarray]] = []
    for start, end in spans:
        check(cancel)
        a, b = int(start * sample_rate), int(end * sample_rate)
        feats_of.append((start, engine.features(samples[a:b])))
    pieces: list[np.ndarray] = []
    for w_start, w_end in windows:
        span_start, feats = next(((s, f) for s, f in reversed(feats_of) if s <= w_start + 1e-6), feats_of[0])
        a = max(0, int(round((w_start - span_start) * FRAMES_PER_S)))
        n = max(1, int(round((w_end - w_start) * FRAMES_PER_S)) - 2)   # Kaldi drops the last partial frame
        pieces.append(feats[a:a + n] if len(feats[a:a + n]) else feats[-n:])
    out = np.zeros((len(windows), 0), dtype=np.float32)
    results: list[Optional[np.ndarray]] = [None] * len(windows)
    by_length: dict[int, list[int]] = {}
    for i, p in enumerate(pieces):
        by_length.setdefault(len(p), []).append(i)
    done = 0
    for length, idx in by_length.items():
        for k in range(0, len(idx), BATCH):
            check(cancel)
            chunk = idx[k:k + BATCH]
            vectors = engine.embed(np.stack([pieces[i] for i in chunk]))
            for i, v in zip(chunk, vectors):
                results[i] = v
            done += len(chunk)
            report(on_progress, "speakers", done, len(windows))
    if results:
        out = np.stack(results).astype(np.float32)
    return out


def _normalised(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def _kmeans(x: np.ndarray, k: int, seed: int = 0, restarts: int = 10, iterations: int = 100) -> np.ndarray:
    """Plain k-means with k-means++ starts; the best of several restarts (fixed seed: reproducible)."""
    rng = np.random.default_rng(seed)
    best, best_cost = np.zeros(len(x), dtype=int), np.inf
    for _ in range(restarts):
        centres = [x[rng.integers(len(x))]]
        for _ in range(1, k):
            d = np.min([np.sum((x - c) ** 2, axis=1) for c in centres], axis=0)
            p = d / d.sum() if d.sum() > 0 else np.full(len(x), 1 / len(x))
            centres.append(x[rng.choice(len(x), p=p)])
        c = np.array(centres)
        labels = np.zeros(len(x), dtype=int)
        for _ in range(iterations):
            dist = ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1)
            new = dist.argmin(1)
            if np.array_equal(new, labels) and _ > 0:
                break
            labels = new
            c = np.array([x[labels == j].mean(0) if np.any(labels == j) else c[j] for j in range(k)])
        cost = ((x - c[labels]) ** 2).sum()
        if cost < best_cost:
            best, best_cost = labels.copy(), cost
    return best


def cluster(embeddings: np.ndarray, max_voices: Optional[int] = None) -> np.ndarray:
    """Spectral clustering of window embeddings -> a voice number per window."""
    n = len(embeddings)
    if n == 0:
        return np.zeros(0, dtype=int)
    if n < 4 or max_voices == 1:
        return np.zeros(n, dtype=int)
    x = _normalised(embeddings)
    affinity = x @ x.T
    keep = max(MIN_KEEP, int(round(PRUNE_KEEP * n)))
    keep = min(keep, n - 1)
    pruned = np.zeros_like(affinity)
    rows = np.arange(n)[:, None]
    top = np.argsort(-affinity, axis=1)[:, :keep]
    pruned[rows, top] = affinity[rows, top]
    sym = 0.5 * (pruned + pruned.T)
    np.fill_diagonal(sym, 0)
    laplacian = np.diag(np.abs(sym).sum(1)) - sym
    eigenvalues, eigenvectors = np.linalg.eigh(laplacian)
    limit = min(max_voices or MAX_SPEAKERS, n - 1)
    if max_voices:
        k = max_voices
    else:
        gaps = np.diff(eigenvalues[: limit + 1])
        k = int(np.argmax(gaps)) + 1
    k = max(1, min(k, n - 1))
    labels = _kmeans(eigenvectors[:, :k], k) if k > 1 else np.zeros(n, dtype=int)
    return _merge_close(labels, x)


def cluster_many(embeddings: np.ndarray, max_voices: Optional[int] = None) -> np.ndarray:
    """`cluster` for a long meeting: spectral clustering needs n x n memory and n^3 time, so beyond
    MAX_CLUSTERED windows (about 20 minutes of speech) an evenly spread sample is clustered and every
    window takes the voice whose mean embedding it is nearest."""
    n = len(embeddings)
    if n <= MAX_CLUSTERED:
        return cluster(embeddings, max_voices)
    x = _normalised(embeddings)
    pick = np.linspace(0, n - 1, MAX_CLUSTERED).astype(int)
    sample = cluster(x[pick], max_voices)
    voices = np.unique(sample)
    centres = _normalised(np.stack([x[pick][sample == v].mean(0) for v in voices]))
    return voices[(x @ centres.T).argmax(1)]


def _merge_close(labels: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Join clusters of one voice: the closest pair of centroids while their cosine >= MERGE_COS."""
    labels = labels.copy()
    while True:
        voices = np.unique(labels)
        if len(voices) < 2:
            return labels
        centres = _normalised(np.stack([x[labels == v].mean(0) for v in voices]))
        sim = np.triu(centres @ centres.T, 1)
        i, j = np.unravel_index(np.argmax(sim), sim.shape)
        if sim[i, j] < MERGE_COS:
            return labels
        labels[labels == voices[j]] = voices[i]


def turns_from(windows: Sequence[tuple[float, float]], labels: np.ndarray) -> list[Turn]:
    """Each window owns the time nearest its centre; neighbouring windows of one voice join."""
    turns: list[Turn] = []
    for i, ((start, end), voice) in enumerate(zip(windows, labels)):
        lo, hi = start, end
        if i > 0 and windows[i - 1][1] > start:          # overlaps the previous window: split the overlap
            lo = (start + windows[i - 1][1]) / 2
        if i + 1 < len(windows) and windows[i + 1][0] < end:
            hi = (end + windows[i + 1][0]) / 2
        if turns and turns[-1].voice == int(voice) and lo - turns[-1].end < 0.3:
            turns[-1].end = hi
        else:
            turns.append(Turn(lo, hi, int(voice)))
    return turns


def _first_appearance_order(labels: np.ndarray) -> np.ndarray:
    order: dict[int, int] = {}
    for v in labels:
        order.setdefault(int(v), len(order))
    return np.array([order[int(v)] for v in labels], dtype=int)


def diarize(engine: VoiceEngine, samples: np.ndarray, sample_rate: int, spans: Sequence[tuple[float, float]],
            max_voices: Optional[int] = None, on_progress: Optional[ProgressCallback] = None,
            cancel: Optional[CancelToken] = None) -> Diarization:
    """Voices numbered 0, 1, ... in the order they first speak."""
    windows = plan_windows(spans)
    if not windows:
        return Diarization([], 0)
    embeddings = embed_windows(engine, samples, sample_rate, spans, windows, on_progress, cancel)
    check(cancel)
    labels = _first_appearance_order(cluster_many(embeddings, max_voices))
    voices = int(labels.max()) + 1
    x = _normalised(embeddings)
    centroids = _normalised(np.stack([x[labels == v].mean(0) for v in range(voices)]))
    return Diarization(turns_from(windows, labels), voices, centroids, len(windows))
