"""`make bench-minutes` (second part): a 60-minute meeting, imported from a recorder, and drafted
while it is recorded.

The meeting is built by joining the fixture meetings' transcripts (the project's transcription of
each, times and line ids shifted) until it lasts 60 minutes. It is then replayed on a simulated
clock: each live piece (~20 s of audio) becomes available when the meeting reaches its end plus
the time live transcription takes for it (the real-time factor measured here on the fixtures).
The draft's passes run for real (the model, this machine); a pass starts when the previous one
ended and a new piece is ready, and it is held back while live transcription uses the CPU, as in
the app (desktop.core.draft). At Stop, the draft's pass in flight (counted whole, though the
app cancels it) and the last piece's transcription end before the final run, which reuses every
answer: Stop-to-draft = what was still running at Stop + the final run.

Imported: the same transcript through the minutes step from nothing (a fresh writer, no draft),
its seconds against the audio's length (target <= 0.15), and how the lines got their kinds.

Live, reported: background seconds, passes, how far behind the meeting the draft got, Stop-to-draft,
calls and tokens, failed model answers (truncated or invalid), and each fixture's facts found in
the joined minutes (a check that nothing was lost on the way, not a recall figure).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import config  # noqa: E402
from desktop.core import audio, paths  # noqa: E402
from desktop.core.errors import MinutesGenerationError  # noqa: E402
from bench.evaluation import audio_of, score_facts  # noqa: E402
from desktop.core.llm import LlamaChat  # noqa: E402
from desktop.core.minutes import MinutesWriter  # noqa: E402
from desktop.core.models import ModelCatalog  # noqa: E402
from desktop.core.pipeline import transcribe_samples  # noqa: E402
from desktop.core.transcription import WhisperTranscriber  # noqa: E402
from desktop.core.types import Meeting, Segment, Transcript  # noqa: E402

PIECE_S = 20.0


def joined_meeting(fixtures, minutes: float) -> tuple[Transcript, Meeting]:
    segments: list[Segment] = []
    offset = 0.0
    while offset < minutes * 60:
        for _ref, _meeting, t in fixtures:
            for s in t.segments:
                segments.append(Segment(len(segments) + 1, s.start + offset, s.end + offset, s.text, s.speaker))
            offset += t.duration
    attendees = sorted({a for _r, m, _t in fixtures for a in m.attendees})
    meeting = Meeting(title="合同会議（ベンチマーク用）", date="2025-12-01", attendees=attendees)
    return Transcript(segments=segments, duration=offset), meeting


def pieces_of(transcript: Transcript) -> list[tuple[float, int]]:
    """(audio time the piece ends, lines up to and including it), as live transcription cuts them."""
    out, start = [], 0.0
    for i, s in enumerate(transcript.segments):
        nxt = transcript.segments[i + 1].start if i + 1 < len(transcript.segments) else transcript.duration
        if nxt - start >= PIECE_S or i + 1 == len(transcript.segments):
            out.append((nxt, i + 1))
            start = nxt
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="qwen2.5-1.5b")
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--parts", nargs="*", default=["live", "imported"], choices=["live", "imported"],
                    help="live: drafted while recorded, then Stop; imported: the minutes step from nothing")
    args = ap.parse_args()
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    whisper = WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=2)
    fixtures, asr_s, audio_s = [], 0.0, 0.0
    for ref_path in sorted((ROOT / "tests" / "fixtures").glob("*.ref.json")):
        ref = json.loads(ref_path.read_text(encoding="utf-8"))
        meeting = Meeting(title=ref["title"], attendees=sorted({u["speaker"] for u in ref["utterances"]}))
        samples = audio.decode(audio_of(ref_path, ref))
        t0 = time.perf_counter()
        fixtures.append((ref, meeting, transcribe_samples(whisper, samples, meeting)))
        asr_s += time.perf_counter() - t0
        audio_s += len(samples) / 16000
    del whisper
    rtf = asr_s / audio_s
    transcript, meeting = joined_meeting(fixtures, args.minutes)
    pieces = pieces_of(transcript)
    # Live transcription of piece k runs from the end of its audio for rtf x its length.
    asr = []
    for k, (end, _n) in enumerate(pieces):
        length = end - (pieces[k - 1][0] if k else 0.0)
        begin = max(end, asr[-1][1] if asr else 0.0)
        asr.append((begin, begin + rtf * length))

    entry, path = cat.resolve(args.model, "llm")
    chat = LlamaChat(path, n_ctx=entry.n_ctx, n_threads=2)
    print(f"\nbench-minutes: a {transcript.duration / 60:.0f}-minute meeting ({len(transcript.segments)} lines), "
          f"model {args.model}, 2 threads\n")
    if "imported" in args.parts:
        imported(chat, transcript, meeting, fixtures)
    if "live" in args.parts:
        live(chat, transcript, meeting, fixtures, asr, pieces, rtf)


def imported(chat: LlamaChat, transcript: Transcript, meeting: Meeting, fixtures) -> None:
    """The meeting as a recorder's file: the minutes step from nothing, no draft to reuse."""
    writer = MinutesWriter(chat)
    calls, tokens = chat.usage.calls, (chat.usage.prompt_tokens, chat.usage.completion_tokens)
    chosen = chat.choices
    t0 = time.perf_counter()
    minutes = writer.write(transcript, meeting)
    seconds = time.perf_counter() - t0
    by = writer.classified
    rows = [
        ("imported: the minutes step (s)", f"{seconds:.0f}"),
        ("imported: x the audio's length, target <= 0.15", f"{seconds / transcript.duration:.3f}"),
        ("imported: line kinds by wording / left as other / by the model",
         f"{by['wording']} / {by['left']} / {by['model']}"),
        ("imported: model calls, tokens in / out", f"{chat.usage.calls - calls}, {chat.usage.prompt_tokens - tokens[0]}"
                                                   f" / {chat.usage.completion_tokens - tokens[1]}"),
        ("imported: of which answered in one pass (a line's kind)", f"{chat.choices - chosen}"),
        ("imported: agenda / decisions / action items / open issues", _counts(minutes)),
    ]
    for name, value in rows:
        print(f"{name:<72}{value:>14}")
    _facts(minutes, fixtures)
    print()


def _counts(minutes) -> str:
    return " / ".join(str(len(x)) for x in (minutes.agenda, minutes.decisions, minutes.action_items,
                                             minutes.open_issues))


def _facts(minutes, fixtures) -> None:
    for ref, _m, _t in fixtures:
        s = score_facts(minutes, ref["facts"])
        print(f"{'facts of ' + ref['id'] + ' found in the joined minutes':<72}{s['hits']:>10}/{s['total']}")


def live(chat: LlamaChat, transcript: Transcript, meeting: Meeting, fixtures, asr, pieces, rtf: float) -> None:
    def asr_overlap(lo: float, hi: float) -> float:
        return sum(max(0.0, min(hi, b) - max(lo, a)) for a, b in asr)

    writer = MinutesWriter(chat)
    start = (chat.usage.calls, chat.usage.prompt_tokens, chat.usage.completion_tokens)
    stop_at = transcript.duration
    clock, done, passes, busy, behind = 0.0, 0, 0, 0.0, 0.0
    while True:
        ready = [n for (a, b), (_e, n) in zip(asr, pieces) if b <= max(clock, 0.0)]
        if not ready or ready[-1] == done:
            upcoming = next(((b, n) for (a, b), (_e, n) in zip(asr, pieces) if n > done), None)
            if upcoming is None or upcoming[0] >= stop_at:
                break
            clock = upcoming[0]
            continue
        if clock >= stop_at:
            break
        n = ready[-1]
        part = Transcript(segments=transcript.segments[:n], duration=transcript.segments[n - 1].end)
        t0 = time.perf_counter()
        writer.prepare(part, meeting)
        cost = time.perf_counter() - t0
        busy += cost
        clock += cost + asr_overlap(clock, clock + cost)
        behind = max(behind, clock - transcript.segments[n - 1].end)
        done, passes = n, passes + 1
        print(f"  pass {passes:>3}: {n:>4} lines, meeting at {clock / 60:5.1f} min, pass {cost:5.1f} s", flush=True)
    in_flight = max(0.0, clock - stop_at)
    last_asr = max(0.0, asr[-1][1] - stop_at)
    calls_before = chat.usage.calls
    t0 = time.perf_counter()
    minutes = writer.write(transcript, meeting)
    final_s = time.perf_counter() - t0
    failed = sum(1 for v in writer.answers.values() if isinstance(v, MinutesGenerationError))

    print(f"live draft ({len(pieces)} live pieces):")
    rows = [
        ("live transcription real-time factor (measured on the fixtures)", f"{rtf:.3f}"),
        ("draft passes during the meeting", f"{passes}"),
        ("model seconds in the background", f"{busy:.0f}"),
        ("most the draft fell behind the meeting (s)", f"{behind:.0f}"),
        ("still running at Stop: draft pass / last piece's transcription (s)", f"{in_flight:.1f} / {last_asr:.1f}"),
        ("final run after Stop (s)", f"{final_s:.1f}"),
        ("Stop-to-draft (s), target <= 60", f"{max(in_flight, last_asr) + final_s:.1f}"),
        ("model calls: background / after Stop", f"{calls_before - start[0]} / {chat.usage.calls - calls_before}"),
        ("tokens in / out", f"{chat.usage.prompt_tokens - start[1]} / {chat.usage.completion_tokens - start[2]}"),
        ("failed model answers (invalid or cut twice)", f"{failed}"),
        ("minutes: agenda / decisions / action items / open issues", _counts(minutes)),
    ]
    for name, value in rows:
        print(f"{name:<72}{value:>14}")
    _facts(minutes, fixtures)


if __name__ == "__main__":
    main()
