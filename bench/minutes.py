"""`make bench-minutes`: the minutes pipeline against a naive single call, on every fixture meeting.

Tuning meetings (tests/fixtures/) and held-out ones (tests/fixtures/heldout/, never used to write a
rule) are reported apart. For each fixture the transcript is made once (the project's
transcription and speaker labels, as `process` makes them), then for the default and the light
model: fact recall (decisions, action items with owner/task/due, next meeting), false claims
(deferred items stated as decisions, invented dates), seconds, seconds per audio second and
tokens, for the pipeline and for one schema-constrained call over the whole transcript, in the
same run; and the pipeline on the script as spoken, by its true speakers.
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
from desktop.core import audio, grounding, paths  # noqa: E402
from bench.evaluation import audio_of, score_facts  # noqa: E402
from desktop.core.llm import LlamaChat  # noqa: E402
from desktop.core.minutes import MinutesWriter  # noqa: E402
from desktop.core.wording import format_line  # noqa: E402
from desktop.core.models import ModelCatalog  # noqa: E402
from desktop.core.campplus import CamPlusPlus  # noqa: E402
from desktop.core.diarization import diarize  # noqa: E402
from desktop.core.pipeline import transcribe_samples  # noqa: E402
from desktop.core.speakers import label_speakers, propose_names, settle_names, voice_label  # noqa: E402
from desktop.core.transcription import WhisperTranscriber, speech_spans  # noqa: E402
from desktop.core.types import ActionItem, AgendaItem, Item, Meeting, Minutes, Segment, Transcript  # noqa: E402

NAIVE_SCHEMA = {"type": "object", "properties": {
    "agenda": {"type": "array", "items": {"type": "string"}},
    "decisions": {"type": "array", "items": {"type": "string"}},
    "action_items": {"type": "array", "items": {"type": "object", "properties": {
        "owner": {"type": "string"}, "task": {"type": "string"}, "due": {"type": "string"}},
        "required": ["owner", "task", "due"]}},
    "next_meeting": {"type": "string"}}, "required": ["agenda", "decisions", "action_items", "next_meeting"]}


def naive(chat: LlamaChat, transcript, meeting: Meeting) -> Minutes:
    lines = "\n".join(format_line(s) for s in transcript.segments)
    prompt = (
        f"会議名: {meeting.title}\n出席者: {'、'.join(meeting.attendees)}\n\n<transcript>\n{lines}\n</transcript>\n\n"
        "この会議の議事録を作成し、議題(agenda)、決定事項(decisions)、宿題事項(action_items: owner, task, due)、"
        "次回会議の日時(next_meeting)をJSONで答えてください。"
    )
    data = chat.complete_json([{"role": "user", "content": prompt}], NAIVE_SCHEMA, 1200)
    return Minutes(agenda=[AgendaItem(t) for t in data.get("agenda", [])],
                   decisions=[Item(t) for t in data.get("decisions", [])],
                   action_items=[ActionItem(a.get("owner", ""), a.get("task", ""), a.get("due", ""))
                                 for a in data.get("action_items", [])],
                   next_meeting=data.get("next_meeting", ""))


def invented_dates(minutes: Minutes, transcript) -> int:
    said = transcript.text
    dated = [a.due for a in minutes.action_items] + [minutes.next_meeting]
    return sum(1 for d in dated if d and not grounding.numbers_grounded(d.split("年")[-1], said))


def renamed(transcript: Transcript, attendees: list[str]) -> Transcript:
    """A saved transcript's voices (one per label it was saved with) named again by the current rules."""
    labels = list(dict.fromkeys(s.speaker for s in transcript.segments))
    voices = {s.id: labels.index(s.speaker) for s in transcript.segments}
    chosen = settle_names(propose_names(transcript.segments, voices, attendees))
    for s in transcript.segments:
        v = voices[s.id]
        s.speaker = chosen[v].name if v in chosen else voice_label(v)
    return transcript


SETS = {"tuning": ROOT / "tests" / "fixtures", "heldout": ROOT / "tests" / "fixtures" / "heldout"}
METHODS = ("pipeline", "naive", "script")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="*", default=["qwen2.5-1.5b", "qwen2.5-0.5b"])
    ap.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS),
                    help="tuning: the meetings the rules were written on; heldout: never tuned on")
    ap.add_argument("--methods", nargs="*", default=list(METHODS), choices=list(METHODS))
    ap.add_argument("--only", nargs="*", help="these meetings (ids) alone")
    ap.add_argument("--reuse", action="store_true",
                    help="take each meeting's transcript from the last run (bench/last-transcripts.json) "
                         "instead of transcribing it again, its voices named again: for changes to the "
                         "minutes step and the naming alone")
    args = ap.parse_args()
    saved_path = ROOT / "bench" / "last-transcripts.json"
    # Every meeting's last transcript is kept, so a run of some meetings (--only) leaves the others' there.
    saved = json.loads(saved_path.read_text(encoding="utf-8")) if saved_path.exists() else {}
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    whisper = WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=2)
    voices = CamPlusPlus(cat.resolve("campplus", "speaker")[1], threads=2)
    fixtures = []
    for set_name, ref_path in ((n, p) for n in args.sets for p in sorted(SETS[n].glob("*.ref.json"))):
        ref = json.loads(ref_path.read_text(encoding="utf-8"))
        if args.only and ref["id"] not in args.only:
            continue
        ref["set"] = set_name
        meeting = Meeting(title=ref["title"], attendees=sorted({u["speaker"] for u in ref["utterances"]}))
        if args.reuse and ref["id"] in saved:
            transcript = renamed(Transcript.from_json(saved[ref["id"]]), meeting.attendees)
        else:
            samples = audio.decode(audio_of(ref_path, ref))
            transcript = transcribe_samples(whisper, samples, meeting)
            # Speakers as `process` labels them: a task someone takes on is theirs only with a voice.
            dia = diarize(voices, samples, audio.SAMPLE_RATE, speech_spans(samples),
                          max_voices=len(meeting.attendees))
            label_speakers(transcript, dia, meeting.attendees)
            saved[ref["id"]] = transcript.to_json()
        # The script as spoken: what the minutes pipeline finds when speech recognition makes no error.
        said = Transcript([Segment(i, u["start"], u["end"], u["text"], speaker=u["speaker"])
                           for i, u in enumerate(ref["utterances"], 1)], duration=transcript.duration)
        fixtures.append((ref, meeting, transcript, said))
    del whisper, voices
    saved_path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    rows, kept = [], []
    for model in args.models:
        entry, path = cat.resolve(model, "llm")
        chat = LlamaChat(path, n_ctx=entry.n_ctx, n_threads=2)
        for method in args.methods:
            for ref, meeting, heard, said in fixtures:
                transcript = said if method == "script" else heard
                before = (chat.usage.prompt_tokens, chat.usage.completion_tokens)
                t0 = time.perf_counter()
                try:
                    m = (
                        naive(chat, transcript, meeting)
                        if method == "naive"
                        else MinutesWriter(chat).write(transcript, meeting)
                    )
                except Exception as exc:  # noqa: BLE001 - a failed baseline is a result too
                    print(f"{model} {method} {ref['id']}: {type(exc).__name__}")
                    m = Minutes()
                s = score_facts(m, ref["facts"])
                kept.append({"model": model, "method": method, "set": ref["set"], "fixture": ref["id"],
                             "found": s["found"],
                             "false_claims": s["false_claims"], "minutes": m.to_json(),
                             "transcript": [f"[{x.id}] {x.text}" for x in transcript.segments]})
                rows.append((model, method, ref["id"], s["hits"], s["total"], len(s["false_claims"]),
                             invented_dates(m, transcript), time.perf_counter() - t0,
                             chat.usage.prompt_tokens - before[0], chat.usage.completion_tokens - before[1],
                             ref["set"], ref["duration"]))
        del chat
    # Every fixture's minutes and transcript, to see what a miss came from.
    (ROOT / "bench" / "last-minutes.json").write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\nbench-minutes: facts found / false claims / invented dates / seconds / x audio / tokens in, out\n")
    print(f"{'model':<14}{'method':<10}{'set':<9}{'fixture':<12}{'recall':>8}{'false':>7}{'dates':>7}{'sec':>7}"
          f"{'x audio':>8}{'tok in':>8}{'out':>6}")
    for r in rows:
        print(f"{r[0]:<14}{r[1]:<10}{r[10]:<9}{r[2]:<12}{f'{r[3]}/{r[4]}':>8}{r[5]:>7}{r[6]:>7}{r[7]:>7.1f}"
              f"{r[7] / r[11]:>8.2f}{r[8]:>8}{r[9]:>6}")
    # Tuning and held-out apart: a figure on the meetings the rules were written on flatters.
    print()
    for model in args.models:
        for method in args.methods:
            for set_name in args.sets:
                sel = [r for r in rows if r[0] == model and r[1] == method and r[10] == set_name]
                hits, total = sum(r[3] for r in sel), sum(r[4] for r in sel)
                if not total:
                    continue
                seconds, audio_s = sum(r[7] for r in sel), sum(r[11] for r in sel)
                print(f"{model:<14}{method:<10}{set_name:<9}{'all':<12}{hits / total:>8.2f}"
                      f"{sum(r[5] for r in sel):>7}{sum(r[6] for r in sel):>7}{seconds:>7.1f}{seconds / audio_s:>8.2f}")

if __name__ == "__main__":
    main()
