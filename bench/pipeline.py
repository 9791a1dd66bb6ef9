"""`make bench`: the pipeline on a fixture meeting, against raw faster-whisper in the same run.

Prints one table: audio length; transcription seconds, real-time factor and CER for the project
pipeline and for raw faster-whisper (same model folder, same file, same threads, its defaults
with language="ja"); the LLM's prompt/generated tokens, seconds and tokens/s; peak RSS.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import config  # noqa: E402
from desktop.core import audio, paths  # noqa: E402
from bench.evaluation import cer, score_facts  # noqa: E402
from desktop.core.llm import LlamaChat  # noqa: E402
from desktop.core.minutes import MinutesWriter  # noqa: E402
from desktop.core.models import ModelCatalog  # noqa: E402
from desktop.core.pipeline import transcribe_samples  # noqa: E402
from desktop.core.transcription import WhisperTranscriber  # noqa: E402
from desktop.core.types import Meeting  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixture", default=str(ROOT / "tests/fixtures/paperless"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--llm", default="qwen2.5-1.5b")
    args = ap.parse_args()
    ref = json.loads(Path(args.fixture + ".ref.json").read_text(encoding="utf-8"))
    wav = Path(args.fixture + ".wav")
    reference_text = "".join(u["text"] for u in ref["utterances"])
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    _, asr_dir = cat.resolve("whisper-base", "asr")
    llm_entry, llm_path = cat.resolve(args.llm, "llm")
    samples = audio.decode(wav)
    length = audio.duration_of(samples)
    rows = []

    # Raw engine first, same model folder and threads, faster-whisper's defaults with Japanese fixed.
    from faster_whisper import WhisperModel
    t0 = time.perf_counter()
    raw = WhisperModel(str(asr_dir), device="cpu", compute_type="int8", cpu_threads=args.threads)
    raw_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    raw_text = "".join(s.text for s in raw.transcribe(samples, language="ja")[0])
    raw_s = time.perf_counter() - t0
    del raw

    t0 = time.perf_counter()
    ours = WhisperTranscriber(asr_dir, cpu_threads=args.threads)
    our_load = time.perf_counter() - t0
    meeting = Meeting(title=ref["title"], attendees=sorted({u["speaker"] for u in ref["utterances"]}))
    t0 = time.perf_counter()
    transcript = transcribe_samples(ours, samples, meeting)
    our_s = time.perf_counter() - t0
    del ours
    rss_after_asr = peak_rss_mb()

    raw_cer, our_cer = cer(reference_text, raw_text), cer(reference_text, transcript.text)
    rows.append(("audio length (s)", f"{length:.1f}", "", ""))
    rows.append(("ASR model load (s)", f"{our_load:.2f}", f"{raw_load:.2f}", f"{our_load / raw_load:.2f}"))
    rows.append(("transcription (s)", f"{our_s:.1f}", f"{raw_s:.1f}", f"{our_s / raw_s:.2f}"))
    rows.append(("real-time factor", f"{our_s / length:.3f}", f"{raw_s / length:.3f}", f"{our_s / raw_s:.2f}"))
    rows.append(("CER", f"{our_cer:.3f}", f"{raw_cer:.3f}", f"{our_cer / raw_cer:.2f}" if raw_cer else "-"))

    t0 = time.perf_counter()
    chat = LlamaChat(llm_path, n_ctx=llm_entry.n_ctx, n_threads=args.threads)
    llm_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    minutes = MinutesWriter(chat).write(transcript, meeting)
    llm_s = time.perf_counter() - t0
    u = chat.usage
    gen_s = max(1e-6, u.seconds - u.prompt_seconds)
    facts = score_facts(minutes, ref["facts"])
    rows.append((f"LLM ({args.llm}) load (s)", f"{llm_load:.2f}", "", ""))
    rows.append(("LLM calls", str(u.calls), "", ""))
    rows.append(("LLM prompt tokens (sent)", str(u.prompt_tokens), "", ""))
    rows.append(("LLM generated tokens", str(u.completion_tokens), "", ""))
    rows.append(("minutes total (s)", f"{llm_s:.1f}", "", ""))
    rows.append(("LLM generation tok/s", f"{u.completion_tokens / gen_s:.1f}", "", ""))
    rows.append(("minutes fact recall", f"{facts['recall']:.2f} ({facts['hits']}/{facts['total']})", "", ""))
    rows.append(("false claims", str(len(facts["false_claims"])), "", ""))
    rows.append(("peak RSS after ASR (MB)", f"{rss_after_asr:.0f}", "", ""))
    rows.append(("peak RSS (MB)", f"{peak_rss_mb():.0f}", "", ""))

    w = max(len(r[0]) for r in rows)
    print(f"\nbench: {wav.name}, {args.threads} threads\n")
    print(f"{'measure':<{w}}  {'gijiroku':>14}  {'raw engine':>12}  {'ratio':>6}")
    print("-" * (w + 40))
    for name, ours_v, raw_v, ratio in rows:
        print(f"{name:<{w}}  {ours_v:>14}  {raw_v:>12}  {ratio:>6}")


if __name__ == "__main__":
    main()
