"""Speech to text with faster-whisper: the only module that imports faster_whisper.

Japanese is fixed (no language detection: it misfires on short or noisy openings), VAD is on
(without it Whisper invents text in silences), timestamps come from word timings, and the
segment generator is consumed here so that progress and cancellation are checked per segment.
"""
from __future__ import annotations

import queue
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import numpy as np

from . import audio
from .errors import AudioDecodeError, ModelCorrupt
from .jobs import CancelToken, ProgressCallback, check, report
from .types import Segment, Transcript

# Phrases Whisper produces from silence or noise on Japanese audio (YouTube-subtitle habits).
SILENCE_PHRASES = ("ご視聴ありがとうございました", "チャンネル登録", "最後までご覧いただき")
MAX_CHARS_PER_SECOND = 20.0
SPLIT_GAP_S = 0.8   # a pause this long between words ends a line
# A line to check: the mean probability of its words below LOW_MEAN, or one word Whisper all but
# guessed (below LOW_WORD), or Whisper doubting there was speech at all. Chosen on the tuning
# fixtures (their lines that differ from the script: 消知, 配証知, 財政会, アリガトをございます ...):
# about one line in six is marked, four in five of them wrong; a clerk checks those first.
LOW_MEAN = 0.75
LOW_WORD = 0.01
LOW_SPEECH = (0.6, -0.7)   # no_speech_prob above, avg_logprob below


@dataclass(frozen=True)
class TranscriptionOptions:
    language: str = "ja"
    beam_size: int = 5
    # The pause that ends a stretch of speech for the decoder (faster-whisper's own default). Measured
    # on the tuning meetings only (bousai / paperless / yosan, CER after correction): 2000 ms 0.051 /
    # 0.039 / 0.094 (mean 0.062) against 0.071 / 0.035 / 0.105 (0.070) for the 500 ms used before;
    # 1000 ms 0.079. Pieces cut at every half-second pause gave Whisper less of each sentence.
    vad_min_silence_ms: int = 2000
    # Conditioning on the previous window keeps terms consistent across windows (CER 0.076 vs 0.088
    # on the sample); the loops it can cause are collapsed by _clean_text and _drop_repeats.
    condition_on_previous_text: bool = True
    # Greedy/beam decoding only, no sampling fallback: the same audio gives the same transcript
    # every time (with faster-whisper's fallback, sampling made runs differ), and it is faster (yosan
    # 18 s against 31 s) at the same CER on every fixture. Loops are collapsed by the guards below.
    temperature: tuple = (0.0,)
    initial_prompt: Optional[str] = None
    hotwords: Optional[str] = None


class WhisperTranscriber:
    """Holds one loaded CTranslate2 Whisper model; `transcribe` may be called many times."""

    def __init__(self, model_dir: Path, cpu_threads: int = 2, device: str = "cpu", compute_type: str = "int8"):
        from faster_whisper import WhisperModel

        self.model_dir = Path(model_dir)
        try:
            # A local folder, never a hub name: nothing is fetched.
            self._model = WhisperModel(str(self.model_dir), device=device, compute_type=compute_type,
                                       cpu_threads=cpu_threads, local_files_only=True)
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelCorrupt(str(exc), name=self.model_dir.name, path=str(self.model_dir)) from exc

    def transcribe(self, samples: np.ndarray, options: TranscriptionOptions = TranscriptionOptions(),
                   on_progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                   offset: float = 0.0, first_id: int = 1) -> Transcript:
        duration = audio.duration_of(samples)
        check(cancel)
        report(on_progress, "transcribe", 0.0, duration)

        def decode():
            segments, _info = self._model.transcribe(
                samples, language=options.language, task="transcribe", beam_size=options.beam_size,
                vad_filter=True, vad_parameters={"min_silence_duration_ms": options.vad_min_silence_ms},
                word_timestamps=True, condition_on_previous_text=options.condition_on_previous_text,
                initial_prompt=options.initial_prompt, hotwords=options.hotwords, temperature=list(options.temperature))
            return segments

        out: list[Segment] = []
        try:
            for seg in _decoded_aside(decode, cancel):
                for built in _to_segments(seg, duration):
                    built.id = first_id + len(out)
                    built.start += offset
                    built.end += offset
                    out.append(built)
                report(on_progress, "transcribe", min(seg.end, duration), duration)
        except (RuntimeError, ValueError) as exc:
            raise AudioDecodeError(str(exc), path="") from exc
        finally:
            report(on_progress, "transcribe", duration, duration)
        return Transcript(segments=_drop_repeats(out), duration=duration + offset, language=options.language)


_DONE = object()


def _decoded_aside(decode: Callable[[], Iterable], cancel: Optional[CancelToken]) -> Iterator:
    """The segments of `decode()`, decoded on a thread of their own so that Cancel is answered
    within a tenth of a second.

    CTranslate2 decodes a whole 30-s window in one call that cannot be interrupted (2-5 s on two
    cores, longer on a busy laptop); checked only between segments, a Cancel waited for it. After
    a Cancel the thread finishes the window it is in and stops. It is not a daemon: the process
    waits those seconds at exit rather than tearing CTranslate2 down under a running decode.
    """
    results: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()

    def run() -> None:
        try:
            for seg in decode():
                if stop.is_set():
                    return
                results.put(seg)
            results.put(_DONE)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, raised there
            results.put(exc)

    threading.Thread(target=run, name="whisper-decode").start()
    try:
        while True:
            check(cancel)
            try:
                item = results.get(timeout=0.1)
            except queue.Empty:
                continue
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            check(cancel)
            yield item
    finally:
        stop.set()


def speech_spans(samples: np.ndarray, min_silence_ms: int = 500) -> list[tuple[float, float]]:
    """(start, end) seconds of speech found by the Silero VAD that faster-whisper bundles."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if not len(samples):
        return []
    spans = get_speech_timestamps(samples, VadOptions(min_silence_duration_ms=min_silence_ms, speech_pad_ms=100))
    return [(s["start"] / audio.SAMPLE_RATE, s["end"] / audio.SAMPLE_RATE) for s in spans]


def check_whisper_loads(model_dir: Path) -> None:
    """Load a user's CTranslate2 Whisper folder once, to validate it before registering it."""
    WhisperTranscriber(model_dir, cpu_threads=1)


def _to_segments(seg, duration: float) -> list[Segment]:
    """faster-whisper segment -> ours: one per sentence, bounded by its words' times.

    Whisper's own segments can run across several sentences and, next to a silence that VAD
    removed, across the silence itself; the word timings put each sentence where it was said.
    """
    words = [w for w in (seg.words or []) if w.word.strip()]
    doubtful = seg.no_speech_prob > LOW_SPEECH[0] and seg.avg_logprob < LOW_SPEECH[1]
    if not words:
        built = _checked(_clean_text(seg.text), seg.start, seg.end, duration)
        if built:
            built.confidence = "low" if doubtful or seg.avg_logprob < -1.0 else "ok"
        return [built] if built else []
    out, group = [], []
    for i, w in enumerate(words):
        group.append(w)
        nxt = words[i + 1] if i + 1 < len(words) else None
        ends_sentence = w.word.strip().endswith(("。", "？", "?", "！", "!"))
        if nxt is None or ends_sentence or nxt.start - w.end >= SPLIT_GAP_S:
            text = _clean_text("".join(x.word for x in group))
            built = _checked(text, group[0].start, group[-1].end, duration)
            if built:
                probs = [x.probability for x in group]
                built.score = sum(probs) / len(probs)
                low = doubtful or built.score < LOW_MEAN or min(probs) < LOW_WORD
                built.confidence = "low" if low else "ok"
                out.append(built)
            group = []
    return out


def _checked(text: str, start: float, end: float, duration: float) -> Optional[Segment]:
    """The guards: None for text that was not heard."""
    if not text:
        return None
    # Beyond the end of the audio nothing was said: such segments are invented.
    if start >= duration - 0.05:
        return None
    end = min(end, duration)
    if any(p in text for p in SILENCE_PHRASES) and (end - start) < 0.5:
        return None
    # Nobody says 20 characters a second (meeting speech runs 6-10): such a segment was not heard
    # but invented, typically by repeating the prompt at the edge of a window.
    if len(text) > 6 and len(text) / max(end - start, 0.05) > MAX_CHARS_PER_SECOND:
        return None
    return Segment(id=0, start=float(start), end=float(max(end, start)), text=text)


_LOOP = re.compile(r"(.{2,20}?)\1{3,}")
_CJK_SPACE = re.compile(r"(?<=[\u3040-\u30ff\u4e00-\u9fff々ー])[ 　]+(?=[\u3040-\u30ff\u4e00-\u9fff々ー0-9０-９])")
# Sentence endings of spoken Japanese: a segment ending so gets its 。 (Whisper often drops it).
_SENTENCE_END = (
    "ます",
    "です",
    "ました",
    "でした",
    "ません",
    "ください",
    "しょう",
    "ですね",
    "だ",
    "である",
    "とします",
)
_QUESTION_END = ("ですか", "ますか", "でしょうか", "ませんか")


def _clean_text(text: str) -> str:
    text = text.strip()
    # Collapse a phrase repeated 4+ times in a row (a decoding loop) to a single occurrence.
    text = _LOOP.sub(r"\1", text)
    return punctuate(text)


def punctuate(text: str) -> str:
    """Japanese punctuation where Whisper left spaces or nothing: a pause inside a sentence reads
    as 、, and a segment that ends in a sentence ending gets its 。 or ？."""
    def mark(m: re.Match) -> str:
        before = m.string[:m.start()]
        if before.endswith(_QUESTION_END):
            return "？"
        return "。" if before.endswith(_SENTENCE_END) else "、"

    text = _CJK_SPACE.sub(mark, text)
    if text and text[-1] not in "。、？！?!.」』)）":
        if text.endswith(_QUESTION_END):
            text += "？"
        elif text.endswith(_SENTENCE_END):
            text += "。"
    return text


def _drop_repeats(segments: list[Segment]) -> list[Segment]:
    """Remove a segment identical to the one before it (another face of a decoding loop)."""
    out: list[Segment] = []
    for s in segments:
        if out and s.text == out[-1].text:
            out[-1].end = max(out[-1].end, s.end)
            continue
        out.append(s)
    for i, s in enumerate(out):
        s.id = (segments[0].id if segments else 1) + i
    return out


def preload() -> None:
    """Import faster-whisper now. Its first import holds the interpreter lock for 0.05-0.25 s; done in a
    worker thread in the middle of a job, that would freeze a window for as long."""
    import faster_whisper  # noqa: F401
