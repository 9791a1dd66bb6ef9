"""`make bench-kaigiroku`: committee meetings never tuned on, as the assembly's record (会議録).

Issue 15's measure, on every held-out meeting whose script has a chair (tests/fixtures/heldout/):
each is transcribed with its attendees, its speakers labelled, and laid out as a 会議録 (ケバ取り,
official numerals). Printed per meeting:
  in speech   utterances of the script that end up in a speaker's paragraph
  fillers     fillers the script has / fillers left in the record's speeches (by wording: えー,
              あのー, えっと, ええと, まあ、, うーん, そのー, ええ、 opening a clause)
  numbers     bill, petition and request numbers (議案第十二号 ...) the script says / found in the record
  with 日程   the same, with the designators of the 議事日程 (which the clerk has before the meeting)
              entered as the meeting's terms, as a clerk would type them: the numbers only
  formulas    the chair's formulas the script says (ご異議なしと認めます, …可決すべきものと決しました,
              起立全員であります ...) / found word for word in the record
  wareki      the date on the record's first page in 和暦
  x audio     seconds per audio second of transcription, speakers and layout
Misheard fillers (Whisper's 栄 for えー) are not counted: the record is read for them by eye.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluation import audio_of  # noqa: E402
from desktop import config  # noqa: E402
from desktop.core import audio, paths  # noqa: E402
from desktop.core.campplus import CamPlusPlus  # noqa: E402
from desktop.core.diarization import diarize  # noqa: E402
from desktop.core.export.kaigiroku import build_record, official_numerals, render_text  # noqa: E402
from desktop.core.models import ModelCatalog  # noqa: E402
from desktop.core.pipeline import transcribe_samples  # noqa: E402
from desktop.core.speakers import label_speakers  # noqa: E402
from desktop.core.transcription import WhisperTranscriber, speech_spans  # noqa: E402
from desktop.core.types import Meeting, Minutes  # noqa: E402
from desktop.core.vocabulary import Vocabulary  # noqa: E402

THREADS = 2
FILLER = re.compile(r"(?:^|(?<=[、。]))"
                    r"(?:えーっと|えーと|えっと|ええと|えー+|あのー+|あのう|そのー+|うーん|まあ(?=、)|ええ(?=、))")
NUMBERED = re.compile(r"(?:議案|陳情|請願|報告|諮問|発議)第[〇一二三四五六七八九十百\d]+号")
FORMULAS = ("ご異議なしと認めます", "可決すべきものと決しました", "否決すべきものと決しました",
            "採択すべきものと決しました", "継続審査とすることに決しました", "起立全員であります",
            "起立多数であります", "質疑なしと認めます", "討論なしと認めます", "不採択とすべきものと決しました",
            "挙手多数であります", "挙手少数であります", "起立少数であります")
CHAIR = re.compile(r"(?:委員長|議長)$")


def committees() -> list[Path]:
    out = []
    for p in sorted((ROOT / "tests" / "fixtures" / "heldout").glob("*.ref.json")):
        ref = json.loads(p.read_text(encoding="utf-8"))
        if any(CHAIR.search(u["speaker"]) for u in ref["utterances"]):
            out.append(p)
    return out


def measure(whisper: WhisperTranscriber, voices: CamPlusPlus, ref_path: Path) -> dict:
    ref = json.loads(ref_path.read_text(encoding="utf-8"))
    samples = audio.decode(audio_of(ref_path, ref))
    utts = ref["utterances"]
    attendees = list(dict.fromkeys(u["speaker"] for u in utts))
    meeting = Meeting(title=ref["title"], attendees=attendees)
    started = time.perf_counter()
    transcript = transcribe_samples(whisper, samples, meeting)
    dia = diarize(voices, samples, audio.SAMPLE_RATE, speech_spans(samples), max_voices=len(attendees))
    label_speakers(transcript, dia, attendees)
    record = build_record(Minutes(title=ref["title"], date="2025-12-01", attendees=attendees), transcript)
    took = time.perf_counter() - started
    by_id = {s.id: s for s in transcript.segments}
    in_speech = {i for p in record.body if (p.kind == "speech" and p.speaker) or p.kind == "floor" for i in p.lines}
    placed = sum(1 for u in utts if any(s.start < u["end"] and s.end > u["start"]
                                        for i, s in by_id.items() if i in in_speech))
    speeches = "".join(p.text for p in record.body if p.kind == "speech")
    script = "".join(u["text"] for u in utts)
    numbers = list(dict.fromkeys(NUMBERED.findall(script)))
    formulas = [f for f in FORMULAS if f in script]
    whole = render_text(record)
    # The 議事日程's designators as the meeting's terms: the correction again, on the same decode.
    agenda, _changes = Vocabulary.for_meeting(attendees, numbers).correct(transcript)
    with_agenda = render_text(build_record(Minutes(title=ref["title"], date="2025-12-01", attendees=attendees),
                                           agenda))
    return {"id": ref["id"], "audio_s": ref["duration"], "utterances": len(utts), "placed": placed,
            "fillers_said": len(FILLER.findall(script)), "fillers_left": FILLER.findall(speeches),
            "numbers": len(numbers), "numbers_kept": [n for n in numbers if official_numerals(n) in whole],
            "numbers_kept_agenda": [n for n in numbers if official_numerals(n) in with_agenda],
            "formulas": len(formulas), "formulas_missing": [f for f in formulas if f not in whole],
            "wareki": "令和" in dict(record.particulars).get("開会日時", ""), "x_audio": took / ref["duration"],
            "record": whole}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", help="these meetings (ids) alone")
    args = ap.parse_args()
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    whisper = WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=THREADS)
    voices = CamPlusPlus(cat.resolve("campplus", "speaker")[1], threads=THREADS)
    rows = [measure(whisper, voices, p) for p in committees()
            if not args.only or p.name.removesuffix(".ref.json") in args.only]
    (ROOT / "bench" / "last-kaigiroku.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
    print("\nbench-kaigiroku: held-out committee meetings as 会議録 (records in bench/last-kaigiroku.json)\n")
    print(f"{'meeting':<11}{'audio s':>8}{'in speech':>11}{'fillers':>9}{'numbers':>9}{'with 日程':>10}{'formulas':>10}"
          f"{'wareki':>8}{'x audio':>9}")
    for r in rows:
        print(f"{r['id']:<11}{r['audio_s']:>8.0f}{r['placed']:>6}/{r['utterances']:<4}"
              f"{r['fillers_said']:>5}/{len(r['fillers_left']):<3}{len(r['numbers_kept']):>6}/{r['numbers']:<2}"
              f"{len(r['numbers_kept_agenda']):>7}/{r['numbers']:<2}"
              f"{r['formulas'] - len(r['formulas_missing']):>7}/{r['formulas']:<2}"
              f"{'yes' if r['wareki'] else 'no':>8}{r['x_audio']:>9.3f}")
    for r in rows:
        if r["fillers_left"] or r["formulas_missing"] or len(r["numbers_kept"]) < r["numbers"]:
            print(f"{r['id']}: fillers left {r['fillers_left']}; formulas not found {r['formulas_missing']}; "
                  f"numbers found {r['numbers_kept']}")

if __name__ == "__main__":
    main()
