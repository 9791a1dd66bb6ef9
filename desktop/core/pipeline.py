"""The headless pipeline: audio -> transcript -> minutes -> Word, into one meeting folder.

Each step writes its result atomically before the next starts, so a failure in a later step
(the language model, a full disk) never loses or damages an earlier step's good result.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Sequence

from . import audio, store
from .cores import CoreMeter, threads_now
from .coverage import GAP_TEXT, gaps_of, implausible, looped_seconds, mark_gaps, unheard_speech
from .errors import GijirokuError
from .export import ExportOptions, export
from .job_lock import exclusive
from .jobs import CancelToken, Progress, ProgressCallback
from .chat import ChatModel
from .llm import LlamaChat
from .llm_server import ServerChat, ServerSettings
from .meeting_date import with_recorded_date
from .meetings import DOCX_FILE, MEETING_FILE, MINUTES_FILE, TRANSCRIPT_FILE
from .minutes import MinutesOptions, MinutesWriter
from .mishearing import mark_misheard
from .models import ModelCatalog
from .orthography import respell
from .redecode import hear_again
from .speakers import SpeakerLabels, label_speakers
from .transcription import TranscriptionOptions, WhisperTranscriber, speech_spans
from .types import Meeting, Minutes, Segment, Transcript
from .vocabulary import Term, Vocabulary



log = logging.getLogger("gijiroku.pipeline")
# Speech without any line that makes the decode be tried again without the meeting's context: one
# lost utterance, not the edges VAD pads around words.
UNCOVERED_FALLBACK_S = 1.5
# Seconds of loops (desktop.core.coverage.implausible) worth a whole decode again; one long 「えー」 is not.
LOOP_RETRY_S = 10.0


@dataclass(frozen=True)
class EngineSettings:
    """What the pipeline needs from the user's settings, passed in (the core reads no globals)."""

    model_asr: str
    model_llm: str
    cpu_threads: int = 2          # the most threads a model uses
    # Use only the cores other programs leave free (desktop.core.cores); off for benchmarks of the raw engine.
    share_cpu: bool = True
    # The lock that keeps model jobs of several Gijiroku processes one at a time (desktop.core.job_lock).
    lock_path: Optional[Path] = None
    # Department mode: the minutes model on the office's inference server instead of in this process.
    llm_server: Optional[ServerSettings] = None
    # Who spoke when (desktop.core.diarization); "" turns speaker labels off.
    model_speaker: str = "campplus"

    def asr_threads(self) -> int:
        return threads_now(self.cpu_threads) if self.share_cpu else self.cpu_threads


def transcription_options(meeting: Meeting) -> TranscriptionOptions:
    """The meeting's title and attendees as the decoder's opening context.

    Measured per fixture (paperless / bousai / yosan, CER after correction): title + attendees as
    initial_prompt 0.046 / 0.069 / 0.105 against 0.043 / 0.066 / 0.140 without; the title alone
    made one meeting much worse (0.232), and attendee names as `hotwords` another (0.295), so
    neither is used."""
    if not meeting.title and not meeting.attendees:
        return TranscriptionOptions()
    prompt = (meeting.title + "。" if meeting.title else "") + \
        ("出席者：" + "、".join(a.split("\t")[0] for a in meeting.attendees) + "。" if meeting.attendees else "")
    return TranscriptionOptions(initial_prompt=prompt)


def vocabulary_for(meeting: Meeting, user_terms: Sequence[Term] = ()) -> Vocabulary:
    return Vocabulary.for_meeting(meeting.attendees, meeting.vocabulary, user_terms)


PLAIN = "decode without context or previous text"
CONTEXTLESS = "decode without context"


def _retry_for(options: TranscriptionOptions, best: Transcript, lost: float,
               tried: set[str]) -> Optional[tuple[str, TranscriptionOptions]]:
    """The next decode to try, or None.

    A decode in a loop (desktop.core.coverage.implausible) is decoded again conditioned on nothing:
    neither the meeting's context nor its own previous windows, the text a loop feeds on. A decode
    that skipped speech is decoded again without the meeting's context first (it keeps the previous
    windows, which keep terms consistent)."""
    if PLAIN in tried:
        return None
    if options.condition_on_previous_text and looped_seconds(best.segments) >= LOOP_RETRY_S:
        return PLAIN, replace(options, initial_prompt=None, condition_on_previous_text=False)
    if options.initial_prompt and lost >= UNCOVERED_FALLBACK_S and CONTEXTLESS not in tried:
        return CONTEXTLESS, replace(options, initial_prompt=None)
    return None


def transcribe_samples(transcriber: WhisperTranscriber, samples, meeting: Meeting,
                       on_progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                       user_terms: Sequence[Term] = ()) -> Transcript:
    """Decode with Whisper, then put the meeting's names and terms back where they were misheard.

    The meeting's title and attendees as opening context help most meetings and can make Whisper
    skip speech in others (one fixture lost 6 s of 2 minutes, another meeting 40%): when the
    decode leaves speech the VAD hears without any line, it is decoded again without the context.
    Each decode's skipped stretches are then decoded alone (desktop.core.redecode), and the decode
    with context is kept unless the one without leaves less speech without text after that: a few
    skipped seconds the clips recover are no reason to give up the context for the whole meeting
    (measured on the tuning meetings: yosan, 2.9 s skipped and recovered, CER 0.079 with the context
    against 0.117 without; toshi, 13 s skipped and 0.8 s still without text, 0.132 against 0.115).
    Speech still without text then gets a （聴取不能） line for the clerk (desktop.core.coverage)."""
    options = transcription_options(meeting)
    raw = transcriber.transcribe(samples, options, on_progress, cancel)
    spans = speech_spans(samples)
    lost, tried = unheard_speech(spans, raw.segments), set()
    filled: Optional[tuple[list[Segment], float]] = None   # raw with its skipped stretches heard alone
    while retry := _retry_for(options, raw, lost, tried):
        name, retry_options = retry
        tried.add(name)
        again = transcriber.transcribe(samples, retry_options, _relabelled(on_progress, "transcribe_again"), cancel)
        lost_again = unheard_speech(spans, again.segments)
        if name == CONTEXTLESS:
            filled = _filled(transcriber, samples, raw, spans, options, cancel)
            filled_again = _filled(transcriber, samples, again, spans, options, cancel)
            better = filled_again[1] < filled[1]
            log.warning("a decode left %.1f s of speech without text, %.1f s after decoding it alone; the %s: "
                        "%.1f s, %.1f s: kept the %s", lost, filled[1], name, lost_again, filled_again[1],
                        name if better else "decode before")
        else:
            better, filled_again = lost_again < lost, None
            log.warning("a decode left %.1f s of speech without text or in a loop; the %s: %.1f s: kept the %s",
                        lost, name, lost_again, name if better else "decode before")
        if better:
            raw, lost, filled = again, lost_again, filled_again
    raw.segments = filled[0] if filled else _filled(transcriber, samples, raw, spans, options, cancel)[0]
    for s in raw.segments:
        if implausible(s):
            s.confidence = "low"  # a loop's leftovers: the clerk is shown where to listen
    corrected = corrected_by(vocabulary_for(meeting, user_terms), raw)
    marked = mark_gaps(corrected, spans)
    if marked:
        count, seconds = gaps_of(corrected)
        log.warning("%d stretch(es) of speech, %.1f s in all, have no text: marked as %s for the clerk",
                    count, seconds, GAP_TEXT)
    return corrected


def corrected_by(vocabulary: Vocabulary, transcript: Transcript) -> Transcript:
    """The meeting's names and terms put back where misheard, spelt as 公用文 spells; a line that
    still holds a word no dictionary knows (desktop.core.mishearing) is marked for the clerk to check."""
    out = respell(vocabulary.correct(transcript)[0])
    if marked := mark_misheard(out):
        log.info("%d line(s) hold a word that reads as no word: marked to check", marked)
    return out


def _filled(transcriber: WhisperTranscriber, samples, decoded: Transcript, spans: list[tuple[float, float]],
            options: TranscriptionOptions, cancel: Optional[CancelToken]) -> tuple[list[Segment], float]:
    """The decode's lines with the stretches it skipped decoded alone, and the seconds of speech
    still without text."""
    segments, _added = hear_again(transcriber, samples, decoded.segments, spans, options, cancel=cancel)
    return segments, unheard_speech(spans, segments)


def label_speakers_of(catalog: ModelCatalog, engine: EngineSettings, samples, transcript: Transcript,
                      meeting: Meeting, on_progress: Optional[ProgressCallback] = None,
                      cancel: Optional[CancelToken] = None) -> Optional[SpeakerLabels]:
    """Speakers on every line, in place. The attendees' count bounds the number of voices. A
    missing or damaged speaker model leaves the lines unlabelled and says so in the log: the
    transcript is never lost for want of labels."""
    if not engine.model_speaker or not transcript.segments:
        return None
    from .campplus import CamPlusPlus, CheckpointUnreadable
    from .diarization import diarize
    try:
        _entry, checkpoint = catalog.resolve(engine.model_speaker, "speaker")
        engine_ = CamPlusPlus(checkpoint, threads=engine.asr_threads())
    except (GijirokuError, CheckpointUnreadable, OSError) as exc:
        log.warning("speaker labels left out: the speaker model cannot be used (%s)", type(exc).__name__)
        return None
    attendees = [a for a in meeting.attendees if a.strip()]
    dia = diarize(engine_, samples, audio.SAMPLE_RATE, speech_spans(samples), max_voices=len(attendees) or None,
                  on_progress=on_progress, cancel=cancel)
    labels = label_speakers(transcript, dia, attendees)
    log.info("speakers: %d voices from %d windows, %d named from the meeting's words, %d lines cut where the "
             "voice changed, %d lines without a voice", labels.voices, dia.windows, labels.named, labels.lines_cut,
             labels.unlabelled_lines)
    return labels


def live_voices(catalog: ModelCatalog, engine: EngineSettings, meeting: Meeting):
    """Speaker labels for a recording's live lines (desktop.core.live_voices), or None when speakers
    are off or the speaker model is not installed (the log says so; Stop labels nothing either)."""
    if not engine.model_speaker:
        return None
    from .campplus import CamPlusPlus
    from .live_voices import LiveVoices
    try:
        _entry, checkpoint = catalog.resolve(engine.model_speaker, "speaker")
    except GijirokuError as exc:
        log.warning("live speaker labels left out: the speaker model cannot be used (%s)", type(exc).__name__)
        return None
    # One thread: live transcription has the CPU first.
    return LiveVoices(lambda: CamPlusPlus(checkpoint, threads=1), audio.SAMPLE_RATE,
                      max_voices=len([a for a in meeting.attendees if a.strip()]) or None)


def _relabelled(on_progress: Optional[ProgressCallback], step: str) -> Optional[ProgressCallback]:
    if on_progress is None:
        return None
    return lambda p: on_progress(Progress(step, p.done, p.total))


def transcribe(catalog: ModelCatalog, engine: EngineSettings, audio_path: Path, meeting: Meeting,
               on_progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
               user_terms: Sequence[Term] = ()) -> Transcript:
    samples = audio.decode(audio_path)  # decode first: a bad file fails before a model loads
    _entry, model_dir = catalog.resolve(engine.model_asr, "asr")
    with exclusive(engine.lock_path, on_progress, cancel):
        transcriber = WhisperTranscriber(model_dir, cpu_threads=engine.asr_threads())
        transcript = transcribe_samples(transcriber, samples, meeting, on_progress, cancel, user_terms)
        del transcriber
        label_speakers_of(catalog, engine, samples, transcript, meeting, on_progress, cancel)
        return transcript


def open_chat(catalog: ModelCatalog, engine: EngineSettings, cancel: Optional[CancelToken] = None) -> ChatModel:
    if engine.llm_server is not None:
        return ServerChat(engine.llm_server, cancel)
    entry, path = catalog.resolve(engine.model_llm, "llm")
    return LlamaChat(path, n_ctx=entry.n_ctx, n_threads=engine.cpu_threads,
                     cores=CoreMeter() if engine.share_cpu else None)


def write_minutes(catalog: ModelCatalog, engine: EngineSettings, transcript: Transcript, meeting: Meeting,
                  on_progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                  chat: Optional[ChatModel] = None, options: MinutesOptions = MinutesOptions()) -> Minutes:
    # A server's model does not use this machine's cores: no need to wait for other jobs here.
    lock = engine.lock_path if engine.llm_server is None else None
    with exclusive(lock, on_progress, cancel):
        chat = chat or open_chat(catalog, engine, cancel)
        return MinutesWriter(chat, options).write(transcript, meeting, on_progress, cancel)


def process(catalog: ModelCatalog, engine: EngineSettings, audio_path: Path, out_dir: Path, meeting: Meeting,
            on_progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
            export_options: ExportOptions = ExportOptions(), user_terms: Sequence[Term] = ()) -> dict[str, Path]:
    """The whole pipeline; returns the files written."""
    # A file that is not audio is refused before anything is written; both models are resolved
    # before hours of work: a missing LLM should fail now, not after transcription.
    samples = audio.decode(audio_path)
    _entry, model_dir = catalog.resolve(engine.model_asr, "asr")
    # A server that is down is found now too (its model list), not after the transcription.
    chat = ServerChat(engine.llm_server, cancel) if engine.llm_server else None
    if chat is None:
        catalog.resolve(engine.model_llm, "llm")
    meeting = with_recorded_date(meeting, audio_path)  # minutes always carry a date
    store.ensure_dir(out_dir)
    written = {"meeting": out_dir / MEETING_FILE}
    store.write_json(written["meeting"], meeting.to_json())
    with exclusive(engine.lock_path, on_progress, cancel):
        transcriber = WhisperTranscriber(model_dir, cpu_threads=engine.asr_threads())
        transcript = transcribe_samples(transcriber, samples, meeting, on_progress, cancel, user_terms)
        del transcriber  # its memory back before the next model loads
        written["transcript"] = out_dir / TRANSCRIPT_FILE
        store.write_json(written["transcript"], transcript.to_json())   # kept even if labelling fails
        if label_speakers_of(catalog, engine, samples, transcript, meeting, on_progress, cancel):
            store.write_json(written["transcript"], transcript.to_json())
        if chat is None:
            minutes = write_minutes(catalog, replace(engine, lock_path=None), transcript, meeting, on_progress, cancel)
    if chat is not None:
        # Another meeting's transcription may use this machine's cores while the server writes these minutes.
        minutes = write_minutes(catalog, replace(engine, lock_path=None), transcript, meeting, on_progress, cancel,
                                chat=chat)
    written["minutes"] = out_dir / MINUTES_FILE
    store.write_json(written["minutes"], minutes.to_json())
    written["docx"] = out_dir / DOCX_FILE
    export("docx", written["docx"], minutes, transcript, export_options)
    return written
