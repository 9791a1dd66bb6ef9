"""`make bench-asr`: every fixture meeting, the project's pipeline against raw faster-whisper.

Two sets, printed apart: the tuning meetings (tests/fixtures/*.ref.json), on which rules and the
built-in vocabulary were chosen, and the held-out meetings (tests/fixtures/heldout/*.ref.json),
never used to choose anything (4-6 voices, one through a reverberant room).
For each meeting: CER (NFKC, numerals as digits, punctuation and spaces
removed), invented segments (text where the reference has silence, or past the end) and
timestamp error (segment starts against the nearest reference utterance start), for raw
faster-whisper (same model, its defaults with language="ja"), for raw faster-whisper with its VAD
filter on (vad_filter=True, its default VAD settings: the baseline issue 13 names) and for the
pipeline with the meeting's attendees, in the same run. The pipeline's ratio is printed against both.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import config  # noqa: E402
from desktop.core import audio, paths  # noqa: E402
from bench.evaluation import audio_of, cer, normalize_for_cer  # noqa: E402
from desktop.core.models import ModelCatalog  # noqa: E402
from desktop.core import pipeline  # noqa: E402
from desktop.core.pipeline import transcribe_samples  # noqa: E402
from desktop.core.transcription import WhisperTranscriber  # noqa: E402
from desktop.core.coverage import gaps_of, heard  # noqa: E402
from desktop.core.mishearing import misheard_words  # noqa: E402
from desktop.core.types import Meeting, Transcript  # noqa: E402


def invented(segments, ref) -> int:
    """Segments that overlap no reference utterance (with 0.5 s slack), or lie past the end."""
    utts = ref["utterances"]
    n = 0
    for start, end in segments:
        if start >= ref["duration"] or not any(start < u["end"] + 0.5 and end > u["start"] - 0.5 for u in utts):
            n += 1
    return n


def timestamp_error(segments, ref) -> float:
    """Mean distance from each reference utterance start to the nearest segment start (s)."""
    if not segments:
        return float("nan")
    starts = [s for s, _ in segments]
    return sum(min(abs(u["start"] - s) for s in starts) for u in ref["utterances"]) / len(ref["utterances"])


RAW_RUNS = 3


class SpellingSeen:
    """Keeps the pipeline's text as it was before the 公用文 spelling step (desktop.core.orthography), so
    that the table shows what that step alone changes in the CER."""

    def __init__(self) -> None:
        self.text = ""
        self._respell = pipeline.respell
        pipeline.respell = self

    def __call__(self, transcript: Transcript) -> Transcript:
        self.text = "".join(s.text for s in transcript.segments)
        return self._respell(transcript)


class LinesHeardAgain(logging.Handler):
    """Counts the lines desktop.core.redecode put back (its log says how many, never what)."""

    lines = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING and len(record.args or ()) == 3:
            self.lines += record.args[1]


def main() -> None:
    from faster_whisper import WhisperModel

    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("model", nargs="?", default="whisper-base")
    ap.add_argument("--only", nargs="*", help="these meetings (ids) alone")
    ap.add_argument("--raw-runs", type=int, default=RAW_RUNS)
    args = ap.parse_args()
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    model_dir = cat.resolve(args.model, "asr")[1]
    raw = WhisperModel(str(model_dir), device="cpu", compute_type="int8", cpu_threads=2)
    ours = WhisperTranscriber(model_dir, cpu_threads=2)
    spelling = SpellingSeen()
    heard_again = LinesHeardAgain()
    logging.getLogger("gijiroku.redecode").addHandler(heard_again)
    rows = []
    fixtures = ROOT / "tests" / "fixtures"
    sets = [("tuning", p) for p in sorted(fixtures.glob("*.ref.json"))] + \
           [("held-out", p) for p in sorted((fixtures / "heldout").glob("*.ref.json"))]
    for kind, ref_path in sets:
        ref = json.loads(ref_path.read_text(encoding="utf-8"))
        if args.only and ref["id"] not in args.only:
            continue
        samples = audio.decode(audio_of(ref_path, ref))
        reference = "".join(u["text"] for u in ref["utterances"])
        # Raw faster-whisper's defaults fall back to sampling (temperature > 0) on windows it finds
        # doubtful, so its CER varies from run to run: it is run RAW_RUNS times and averaged.
        raw_cers, raw_s = [], 0.0
        for _ in range(args.raw_runs):
            t0 = time.perf_counter()
            raw_segments = list(raw.transcribe(samples, language="ja")[0])
            raw_s += (time.perf_counter() - t0) / args.raw_runs
            raw_cers.append(cer(reference, "".join(s.text for s in raw_segments)))
        # With its VAD filter faster-whisper decodes only speech and samples nothing from silence; it is
        # deterministic enough on these meetings to be run once.
        t0 = time.perf_counter()
        vad_text = "".join(s.text for s in raw.transcribe(samples, language="ja", vad_filter=True)[0])
        vad_s = time.perf_counter() - t0
        meeting = Meeting(title=ref["title"], attendees=sorted({u["speaker"] for u in ref["utterances"]}))
        t0 = time.perf_counter()
        heard_again.lines = 0
        marked = transcribe_samples(ours, samples, meeting)
        our_s = time.perf_counter() - t0
        gaps, gap_s = gaps_of(marked)
        # The （聴取不能） marks hold no words: the text and its timing are the heard lines alone.
        t = Transcript(heard(marked.segments), marked.duration)
        r_spans = [(s.start, s.end) for s in raw_segments]
        o_spans = [(s.start, s.end) for s in t.segments]
        rows.append(
            {
                "set": kind,
                "fixture": ref["id"],
                # Dropped speech shows as a transcript much shorter than what was said.
                "length": len(normalize_for_cer(t.text)) / max(1, len(normalize_for_cer(reference))),
                "raw_cer": sum(raw_cers) / len(raw_cers),
                "raw_range": [min(raw_cers), max(raw_cers)],
                "vad_cer": cer(reference, vad_text),
                "vad_s": vad_s,
                "text": t.text,
                "reference": reference,
                "cer": cer(reference, t.text),
                "unspelled_cer": cer(reference, spelling.text),
                "raw_invented": invented(r_spans, ref),
                "invented": invented(o_spans, ref),
                "raw_ts": timestamp_error(r_spans, ref),
                "ts": timestamp_error(o_spans, ref),
                "raw_s": raw_s,
                "s": our_s,
                "gaps": gaps,
                "gap_s": gap_s,
                "heard_again": heard_again.lines,
                # Lines with a word that reads as no word (desktop.core.mishearing): in the decode, and
                # in the reference, where each one is a false alarm.
                "misheard": sum(1 for s in t.segments if misheard_words(s.text)),
                "ref_misheard": sum(1 for u in ref["utterances"] if misheard_words(u["text"])),
                "lines": len(t.segments),
            }
        )
    print("\nbench-asr: CER / invented segments / timestamp error (s) / seconds; pipeline vs raw faster-whisper\n")
    print(f"raw: mean of {args.raw_runs} runs (range shown); invented / ts err of raw: its last run; gaps: speech "
          f"left without text, marked （聴取不能） (not counted as text); again: lines heard by decoding a skipped "
          f"stretch alone (desktop.core.redecode); misheard: lines holding a word that reads as no word, "
          f"in the decode / in the reference (false alarms)\n")
    print("+VAD: raw faster-whisper with vad_filter=True (one run); ratio+V: the pipeline's CER over it; "
          "unspelt: the pipeline's CER before the 公用文 spelling step (desktop.core.orthography)\n")
    print(
        f"{'set':<9}{'fixture':<12}{'CER':>8}{'unspelt':>8}{'raw':>8}{'raw range':>14}{'ratio':>7}{'+VAD':>7}"
        f"{'ratio+V':>8}"
        f"{'length':>8}{'invent':>8}{'raw':>5}{'ts err':>8}{'raw':>7}{'sec':>7}{'raw':>7}{'+VAD':>6}{'gaps':>6}"
        f"{'again':>7}{'misheard':>10}"
    )
    for r in rows:
        lo, hi = r["raw_range"]
        misheard = f"{r['misheard']}/{r['lines']} {r['ref_misheard']}"
        print(f"{r['set']:<9}{r['fixture']:<12}{r['cer']:>8.3f}{r['unspelled_cer']:>8.3f}{r['raw_cer']:>8.3f}{f'{lo:.3f}-{hi:.3f}':>14}"
              f"{r['cer'] / max(r['raw_cer'], 1e-9):>7.2f}{r['vad_cer']:>7.3f}"
              f"{r['cer'] / max(r['vad_cer'], 1e-9):>8.2f}{r['length']:>8.2f}{r['invented']:>8d}"
              f"{r['raw_invented']:>5d}{r['ts']:>8.2f}{r['raw_ts']:>7.2f}{r['s']:>7.1f}{r['raw_s']:>7.1f}"
              f"{r['gaps']:>6d}{r['heard_again']:>7d}{misheard:>10}")
    for kind in ("tuning", "held-out"):
        part = [r for r in rows if r["set"] == kind]
        if part:
            mean = sum(r["cer"] for r in part) / len(part)
            raw_mean = sum(r["raw_cer"] for r in part) / len(part)
            unspelled = sum(r["unspelled_cer"] for r in part) / len(part)
            vad_mean = sum(r["vad_cer"] for r in part) / len(part)
            worse = [r["fixture"] for r in part if r["cer"] > r["raw_cer"]]
            worse_vad = [r["fixture"] for r in part if r["cer"] > r["vad_cer"]]
            print(f"{kind + ' mean':<21}{mean:>8.3f}{unspelled:>8.3f}{raw_mean:>8.3f}{'':>14}{mean / raw_mean:>7.2f}"
                  f"{vad_mean:>7.3f}"
                  f"{mean / vad_mean:>8.2f}{min(r['length'] for r in part):>8.2f}  (length: the shortest; worse "
                  f"than raw: {', '.join(worse) or 'none'}; than raw+VAD: {', '.join(worse_vad) or 'none'})")
            print(f"{'':<21}lines with a word that reads as no word: {sum(r['misheard'] for r in part)} of "
                  f"{sum(r['lines'] for r in part)} decoded, {sum(r['ref_misheard'] for r in part)} in the references")
    (ROOT / "bench" / "last-asr.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
