"""`make bench-speakers`: who spoke when, on the tuning and the held-out fixture meetings.

For each meeting (tests/fixtures/*.ref.json: the tuning set; tests/fixtures/heldout/*.ref.json:
held-out meetings of 4-6 voices, never used to choose a rule or a threshold, one through a
reverberant room): utterance-level accuracy with labels mapped one-to-one onto the true speakers,
with the attendees' count given and with the count estimated; the voices named from the meeting's
own words (self-introductions, the floor given) and how many of those names are right, on the
pipeline's real transcript; and diarization seconds per audio second on this machine's cores.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluation import audio_of, line_speaker_at, speaker_accuracy  # noqa: E402
from desktop import config  # noqa: E402
from desktop.core import audio, paths  # noqa: E402
from desktop.core.campplus import CamPlusPlus  # noqa: E402
from desktop.core.diarization import diarize  # noqa: E402
from desktop.core.models import ModelCatalog  # noqa: E402
from desktop.core.pipeline import transcribe_samples  # noqa: E402
from desktop.core.speakers import label_speakers  # noqa: E402
from desktop.core.transcription import WhisperTranscriber, speech_spans  # noqa: E402
from desktop.core.types import Meeting  # noqa: E402

THREADS = 2


def meetings() -> list[tuple[str, Path]]:
    fixtures = ROOT / "tests" / "fixtures"
    return [("tuning", p) for p in sorted(fixtures.glob("*.ref.json"))] + \
           [("held-out", p) for p in sorted((fixtures / "heldout").glob("*.ref.json"))]


def main() -> None:
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    engine = CamPlusPlus(cat.resolve("campplus", "speaker")[1], threads=THREADS)
    whisper = WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=THREADS)
    rows = []
    for kind, ref_path in meetings():
        ref = json.loads(ref_path.read_text(encoding="utf-8"))
        samples = audio.decode(audio_of(ref_path, ref))
        seconds = audio.duration_of(samples)
        utts = ref["utterances"]
        truth = [u["speaker"] for u in utts]
        attendees = list(dict.fromkeys(truth))
        t0 = time.perf_counter()
        spans = speech_spans(samples)
        given = diarize(engine, samples, audio.SAMPLE_RATE, spans, max_voices=len(attendees))
        took = time.perf_counter() - t0
        estimated = diarize(engine, samples, audio.SAMPLE_RATE, spans)
        acc_given = speaker_accuracy(truth, [given.voice_at(u["start"], u["end"]) for u in utts])
        acc_est = speaker_accuracy(truth, [estimated.voice_at(u["start"], u["end"]) for u in utts])
        meeting = Meeting(title=ref["title"], attendees=attendees)
        transcript = transcribe_samples(whisper, samples, meeting)
        labels = label_speakers(transcript, given, attendees)
        # A name is right when most utterances whose lines carry it were said by that person.
        heard = [line_speaker_at(transcript.segments, u["start"], u["end"]) for u in utts]
        named_right = 0
        for p in labels.proposals:
            said_by = [t for t, h in zip(truth, heard) if h == p.name]
            named_right += bool(said_by) and max(set(said_by), key=said_by.count) == p.name
        rows.append((kind, ref["id"], len(attendees), seconds, acc_given, given.voices, acc_est, estimated.voices,
                     labels.named, named_right, took / seconds))
    print(f"\n{'set':<9}{'meeting':<12}{'voices':>7}{'audio s':>9}{'acc (count given)':>19}{'found':>6}"
          f"{'acc (estimated)':>17}{'found':>6}{'named':>7}{'right':>7}{'x audio':>9}")
    for r in rows:
        print(f"{r[0]:<9}{r[1]:<12}{r[2]:>7}{r[3]:>9.1f}{r[4]:>19.3f}{r[5]:>6}{r[6]:>17.3f}{r[7]:>6}"
              f"{r[8]:>7}{r[9]:>7}{r[10]:>9.4f}")
    for kind in ("tuning", "held-out"):
        part = [r for r in rows if r[0] == kind]
        if part:
            print(f"{kind}: mean accuracy {sum(r[4] for r in part) / len(part):.3f} with the count given "
                  f"(lowest {min(r[4] for r in part):.3f}), {sum(r[6] for r in part) / len(part):.3f} estimated; "
                  f"named {sum(r[8] for r in part)} voices of {sum(r[2] for r in part)}, "
                  f"{sum(r[9] for r in part)} right; diarization {max(r[10] for r in part):.4f}x audio at most")


if __name__ == "__main__":
    main()
