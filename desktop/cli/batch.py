"""`gijiroku batch DIR --out DIR [--jobs N]`: a backlog of recordings through the pipeline.

Each meeting runs as a `gijiroku process` of its own: one recording that crashes an engine or
is damaged fails alone, its memory is given back before the next, and its one-sentence error is
the one `process` would print. N at a time; the job lock (desktop.core.job_lock) still keeps two
models from fighting over the laptop's cores, so --jobs 2 pays where the minutes are written on
a server (one meeting transcribed here while the server writes another's minutes).
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

from desktop.core import errors
from desktop.core.backlog import Backlog, Recording

from .inputs import llm_server
from .parser import EXIT_CANCELLED, EXIT_ERROR, EXIT_USAGE, OneLineParser


@dataclass
class Outcome:
    rec: Recording
    state: str                 # done, skipped, failed
    seconds: Optional[float] = None
    error: str = ""


def _say(ja: str, en: str) -> str:
    return en if OneLineParser.lang == "en" else ja


STATE_WORDS = {"done": ("完了", "done"), "skipped": ("済み（スキップ）", "skipped (done before)"),
               "failed": ("失敗", "failed"), "cancelled": ("中止", "cancelled")}


def cmd_batch(args, settings) -> int:
    if args.jobs < 1:
        sys.stderr.write(_say("--jobs は 1 以上にしてください。\n", "--jobs must be 1 or more.\n"))
        return EXIT_USAGE
    if not args.folder.is_dir():
        raise errors.InputNotFound(str(args.folder), path=str(args.folder))
    server = llm_server(args, settings)
    if server is not None:
        from desktop.core.llm_server import ServerChat

        ServerChat(server)  # a server that is down is said once, now, not once per meeting
    backlog = Backlog(args.folder, args.out)
    recordings = backlog.recordings()
    if not recordings:
        sys.stderr.write(_say(f"録音ファイルがありません: {args.folder}\n", f"No recordings in {args.folder}\n"))
        return EXIT_ERROR
    outcomes = {r.name: Outcome(r, "skipped", backlog.seconds_taken(r)) for r in recordings if backlog.finished(r)}
    todo = [r for r in recordings if r.name not in outcomes]
    total = len(recordings)
    number = {r.name: i + 1 for i, r in enumerate(recordings)}
    printing = threading.Lock()
    children: set[subprocess.Popen] = set()
    env = {**os.environ}
    if server is not None and server.token:
        env["GIJIROKU_LLM_TOKEN"] = server.token  # in the environment: a command line is visible to every user

    def line(rec: Recording, text: str) -> None:
        with printing:
            sys.stderr.write(f"[{number[rec.name]}/{total}] {text}\n")
            sys.stderr.flush()

    for o in outcomes.values():
        line(o.rec, _say(f"済み: {o.rec.name}", f"done before: {o.rec.name}"))

    def run(rec: Recording) -> Outcome:
        line(rec, _say(f"開始: {rec.name}", f"started: {rec.name}"))
        started = time.monotonic()
        proc = subprocess.Popen(_child_command(args, rec), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
        children.add(proc)
        try:
            _out, err = proc.communicate()
        finally:
            children.discard(proc)
        seconds = time.monotonic() - started
        if proc.returncode == 0:
            backlog.mark_finished(rec, seconds)
            line(rec, _say(f"完了: {rec.name}（{seconds:.0f} 秒）→ {rec.folder}",
                           f"done: {rec.name} ({seconds:.0f} s) -> {rec.folder}"))
            return Outcome(rec, "done", seconds)
        # The child's last line is its one-sentence error (the progress lines come before it).
        lines = [x for x in err.strip().splitlines() if x.strip()]
        reason = lines[-1] if lines else f"exit {proc.returncode}"
        state = "cancelled" if proc.returncode in (EXIT_CANCELLED, -2) else "failed"
        line(rec, _say(f"{STATE_WORDS[state][0]}: {rec.name}: {reason}", f"{state}: {rec.name}: {reason}"))
        return Outcome(rec, state, seconds, reason)

    pool = ThreadPoolExecutor(max_workers=args.jobs)
    try:
        for outcome in pool.map(run, todo):
            outcomes[outcome.rec.name] = outcome
    except KeyboardInterrupt:
        for proc in list(children):
            proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        print_summary(recordings, outcomes)
        return EXIT_CANCELLED
    pool.shutdown()
    print_summary(recordings, outcomes)
    return EXIT_ERROR if any(o.state != "done" and o.state != "skipped" for o in outcomes.values()) else 0


def print_summary(recordings: list[Recording], outcomes: dict[str, Outcome]) -> None:
    i = 1 if OneLineParser.lang == "en" else 0
    head = (("会議", "結果", "時間(秒)", "フォルダー"), ("meeting", "result", "seconds", "folder"))[i]
    rows = [head]
    for r in recordings:
        o = outcomes.get(r.name)
        state = STATE_WORDS[o.state][i] if o else STATE_WORDS["cancelled"][i]
        took = f"{o.seconds:.0f}" if o and o.seconds is not None else "-"
        rows.append((r.name, state, took, str(r.folder)))
    widths = [max(_width(row[c]) for row in rows) for c in range(4)]
    for row in rows:
        print("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip())
    counts = {s: sum(1 for o in outcomes.values() if o.state == s) for s in STATE_WORDS}
    print(_say(f"完了 {counts['done']}、済み {counts['skipped']}、失敗 {counts['failed']}（全 {len(recordings)} 件）",
               f"done {counts['done']}, skipped {counts['skipped']}, failed {counts['failed']} (of {len(recordings)})"))


def _width(text: str) -> int:
    """Columns on a terminal: East Asian wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _child_command(args, rec: Recording) -> list[str]:
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop"]
    cmd = base + ["process", str(rec.source), "--out", str(rec.folder), "--title", rec.source.stem,
                  "--lang", OneLineParser.lang or "ja"]
    forwarded = {"--threads": args.threads, "--model-asr": args.model_asr, "--model-llm": args.model_llm,
                 "--llm-server": args.llm_server,
                 "--llm-model": args.llm_model, "--llm-ca": args.llm_ca, "--template": args.template,
                 "--marking": args.marking, "--appendix": args.appendix, "--style-docx": args.style_docx,
                 "--fonts": args.fonts, "--author": args.author}
    for flag, value in forwarded.items():
        if value is True:
            cmd.append(flag)
        elif value not in (None, "", False):
            cmd += [flag, str(value)]
    for flag, on in (("--seireki", args.seireki), ("--debug", args.debug)):
        if on:
            cmd.append(flag)
    return cmd
