"""`make bench` (part): the minutes step on a quiet machine and with one core kept busy.

Issue 20's case: another program (a video call, a scan, a second job) keeps one core busy. Each run
loads the chat model afresh (no answers kept from the run before) and writes the minutes of the
sample meeting's transcript:
  quiet         nothing else running, the threads Gijiroku picks (all cores up to the setting)
  busy, shared  one core kept busy by a spinning process; the threads follow the free cores
  busy, fixed   the same load, the thread count fixed at the setting (the engine as configured raw)
The table prints seconds, the ratio to the quiet run, the threads each call used, tokens and peak
RSS of each run (a child process per run, so RSS is that run's own), and the share of its core that
the busy program kept.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SPIN = "while True:\n    pass\n"


def one_run(model: str, threads: int, share: bool) -> dict:
    """In this process: the minutes step once; returns its figures."""
    import resource

    from desktop import config
    from desktop.core import pipeline, store
    from desktop.core.types import Meeting

    transcript = store.load_transcript(ROOT / "resources" / "samples" / "paperless.transcript.json")
    meeting = Meeting(title="第2回 庁内ペーパーレス化推進会議", attendees=["木村室長", "松本主任", "井上課長補佐"])
    engine = pipeline.EngineSettings("whisper-base", model, cpu_threads=threads, share_cpu=share)
    chat = pipeline.open_chat(config.model_catalog(), engine)
    seen = set()
    original = chat._follow_free_cores

    def follow():
        original()
        seen.add(chat.threads)
    chat._follow_free_cores = follow
    started = time.perf_counter()
    minutes = pipeline.write_minutes(config.model_catalog(), engine, transcript, meeting, chat=chat)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "threads": sorted(seen) or [threads], "calls": chat.usage.calls,
            "tokens_in": chat.usage.prompt_tokens, "tokens_out": chat.usage.completion_tokens,
            "decisions": len(minutes.decisions), "actions": len(minutes.action_items),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(model: str, threads: int, share: bool, busy: bool) -> dict:
    import psutil

    load = subprocess.Popen([sys.executable, "-c", SPIN]) if busy else None
    try:
        if load:
            time.sleep(1.0)
            load_cpu = sum(psutil.Process(load.pid).cpu_times()[:2])
        started = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, "--child", model, str(threads), "1" if share else "0"],
                             capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        # What the other program kept of its core meanwhile: sharing must not starve it either.
        other = (sum(psutil.Process(load.pid).cpu_times()[:2]) - load_cpu) / wall if load else None
    finally:
        if load:
            load.kill()
            load.wait()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["other_share"] = other
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(one_run(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1")))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--llm", default="qwen2.5-1.5b")
    ap.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 2))
    ap.add_argument("--skip-fixed", action="store_true", help="leave out the run with fixed threads under load")
    args = ap.parse_args()
    runs = [("quiet", False, True), ("busy, shared", True, True)]
    if not args.skip_fixed:
        runs.append(("busy, fixed", True, False))
    results = []
    for name, busy, share in runs:
        r = run_child(args.llm, args.threads, share, busy)
        results.append((name, r))
        print(f"{name}: {r['seconds']:.1f} s", flush=True)
    quiet = results[0][1]["seconds"]
    print(f"\nbench cpu-sharing: the minutes step of the sample meeting ({args.llm}, up to {args.threads} "
          f"threads, {os.cpu_count()} cores; 'busy' = one core kept busy by another process)\n")
    print(f"{'run':<15}{'seconds':>9}{'x quiet':>9}{'threads':>9}{'other':>7}{'calls':>7}{'tok in':>8}"
          f"{'out':>6}{'dec':>5}{'act':>5}{'RSS MB':>8}")
    for name, r in results:
        other = "-" if r["other_share"] is None else f"{r['other_share']:.2f}"
        print(f"{name:<15}{r['seconds']:>9.1f}{r['seconds'] / quiet:>9.2f}{','.join(map(str, r['threads'])):>9}"
              f"{other:>7}{r['calls']:>7}{r['tokens_in']:>8}{r['tokens_out']:>6}{r['decisions']:>5}"
              f"{r['actions']:>5}{r['rss_mb']:>8.0f}")
    print("\nother: the share of its core the busy program kept during the run")


if __name__ == "__main__":
    main()
