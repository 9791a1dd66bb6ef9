"""`make bench` (part): department mode against the laptop's own model, and batch throughput.

Run on this machine, in the same run:
  local          the minutes of the sample meeting's transcript with the model in this process
  server         the same minutes through llama-cpp-python's OpenAI-compatible server on
                 127.0.0.1 (same model file, same threads), over HTTP
  batch --jobs 1 / 2   three recordings (the sample meeting cut in three) through `gijiroku batch`
                 with the server writing the minutes
The table prints seconds, the server's ratio to local, calls, and the facts of the sample found
(bench/evaluation.py) with false claims. The server is the same 2-core CPU here, so the figures
show the cost of the HTTP path and what --jobs 2 overlaps, not a GPU server's speed.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.evaluation import score_facts  # noqa: E402
from desktop import config  # noqa: E402
from desktop.core import pipeline, store  # noqa: E402
from desktop.core.llm_server import ServerSettings  # noqa: E402
from desktop.core.types import Meeting  # noqa: E402

SAMPLE = ROOT / "resources" / "samples"
MEETING = Meeting(title="第2回 庁内ペーパーレス化推進会議", attendees=["木村室長", "松本主任", "井上課長補佐"])
CLIPS = {"第1回.wav": (1.0, 48.3), "第2回.wav": (48.3, 88.0), "第3回.wav": (88.0, 126.5)}


def start_server(model_path: Path, threads: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host",
                             "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", str(threads),
                             "--n_threads_batch", str(threads), "--verbose", "False"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(url + "/v1/models", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def minutes_run(engine: pipeline.EngineSettings, facts: dict) -> dict:
    transcript = store.load_transcript(SAMPLE / "paperless.transcript.json")
    catalog = config.model_catalog()
    chat = pipeline.open_chat(catalog, engine)
    started = time.perf_counter()
    minutes = pipeline.write_minutes(catalog, engine, transcript, MEETING, chat=chat)
    seconds = time.perf_counter() - started
    score = score_facts(minutes, facts)
    found = [x for group in score["found"].values() for x in group]
    return {"seconds": seconds, "calls": chat.usage.calls, "retries": chat.usage.retries,
            "facts": f"{sum(found)}/{len(found)}", "false": len(score["false_claims"])}


def batch_run(url: str, jobs: int, work: Path) -> dict:
    from audio_files import speech_clip, write_wav

    folder = work / "recordings"
    folder.mkdir(parents=True, exist_ok=True)
    for name, (a, b) in CLIPS.items():
        write_wav(folder / name, speech_clip(SAMPLE / "paperless.wav", a, b))
    out = work / f"out-{jobs}"
    env = {**os.environ, "GIJIROKU_DATA_DIR": str(work / "data"), "GIJIROKU_CONFIG_DIR": str(work / "cfg")}
    started = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "desktop", "batch", str(folder), "--out", str(out), "--jobs",
                        str(jobs), "--llm-server", url], env=env, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    rerun_started = time.perf_counter()
    again = subprocess.run([sys.executable, "-m", "desktop", "batch", str(folder), "--out", str(out), "--llm-server",
                            url], env=env, capture_output=True, text=True, cwd=ROOT)
    audio_s = sum(b - a for a, b in CLIPS.values())
    return {"seconds": seconds, "ok": r.returncode == 0, "audio_s": audio_s,
            "rerun_s": time.perf_counter() - rerun_started, "rerun_skipped": "済み 3" in again.stdout}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default="qwen2.5-1.5b")
    ap.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 2))
    ap.add_argument("--no-batch", action="store_true")
    args = ap.parse_args()
    facts = json.loads((ROOT / "tests/fixtures/paperless.ref.json").read_text(encoding="utf-8"))["facts"]
    _entry, model_path = config.model_catalog().resolve(args.model, "llm")
    local = minutes_run(pipeline.EngineSettings("whisper-base", args.model, args.threads, share_cpu=False), facts)
    proc, url = start_server(model_path, args.threads)
    try:
        served = minutes_run(pipeline.EngineSettings("whisper-base", args.model, args.threads, share_cpu=False,
                                                     llm_server=ServerSettings(url)), facts)
        batches = {}
        if not args.no_batch:
            with tempfile.TemporaryDirectory() as tmp:
                for jobs in (1, 2):
                    batches[jobs] = batch_run(url, jobs, Path(tmp))
    finally:
        proc.terminate()
        proc.wait(30)
    print(f"\nDepartment mode, the sample meeting's minutes ({args.model}, {args.threads} threads, this machine)")
    print(f"{'backend':<22}{'seconds':>9}{'ratio':>8}{'calls':>7}{'facts':>8}{'false':>7}")
    for name, r in (("local (in process)", local), ("server (HTTP)", served)):
        print(f"{name:<22}{r['seconds']:>9.1f}{r['seconds'] / local['seconds']:>8.2f}{r['calls']:>7}"
              f"{r['facts']:>8}{r['false']:>7}")
    if batches:
        print(f"\nBatch, three recordings ({batches[1]['audio_s']:.0f} s of audio), minutes on the server")
        print(f"{'jobs':<6}{'seconds':>9}{'x audio':>9}{'ok':>5}{'rerun s':>9}{'skipped':>9}")
        for jobs, b in batches.items():
            print(f"{jobs:<6}{b['seconds']:>9.1f}{b['seconds'] / b['audio_s']:>9.2f}{str(b['ok']):>5}"
                  f"{b['rerun_s']:>9.1f}{str(b['rerun_skipped']):>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
