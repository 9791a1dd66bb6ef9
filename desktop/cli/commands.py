"""The headless commands that turn a meeting into files: process, transcribe, minutes, export,
models, demo."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from desktop import config
from desktop.core import errors, paths, store
from desktop.core.meetings import MEETING_FILE, MINUTES_FILE, TRANSCRIPT_FILE
from desktop.core.types import Meeting, Minutes, Transcript

from .library import remember
from .inputs import catalog, engine, fit_memory, meeting, say_gaps, say_misheard
from .parser import EXIT_USAGE, export_options
from .progress import ProgressPrinter


def cmd_process(args, settings) -> int:
    from desktop.core import pipeline

    written = pipeline.process(catalog(), fit_memory(engine(args, settings), args), args.audio, args.out, meeting(args),
                               on_progress=ProgressPrinter(), export_options=export_options(args, settings.clerk_name),
                               user_terms=config.load_user_terms())
    remember(args.out, settings)
    if "transcript" in written:
        heard = store.load_transcript(written["transcript"])
        say_gaps(heard)
        say_misheard(heard)
    for path in written.values():
        print(path)
    return 0


def cmd_transcribe(args, settings) -> int:
    from desktop.core import pipeline

    transcript = pipeline.transcribe(catalog(), engine(args, settings), args.audio, meeting(args),
                                     on_progress=ProgressPrinter(), user_terms=config.load_user_terms())
    store.write_json(args.out, transcript.to_json())
    say_gaps(transcript)
    say_misheard(transcript)
    print(args.out)
    return 0


def cmd_minutes(args, settings) -> int:
    from desktop.core import pipeline

    transcript = store.load_transcript(args.transcript)
    minutes = pipeline.write_minutes(catalog(), fit_memory(engine(args, settings), args), transcript, meeting(args),
                                     on_progress=ProgressPrinter())
    store.write_json(args.out, minutes.to_json())
    print(args.out)
    return 0


def cmd_export(args, settings) -> int:
    from desktop.core.export import export

    minutes: Optional[Minutes] = None
    transcript: Optional[Transcript] = None
    options = export_options(args, settings.clerk_name)
    src = args.source
    if src.is_dir():
        if (src / MINUTES_FILE).exists():
            minutes = store.load_minutes(src / MINUTES_FILE)
        if (src / TRANSCRIPT_FILE).exists():
            transcript = store.load_transcript(src / TRANSCRIPT_FILE)
        if minutes is None and transcript is None:
            raise errors.InputNotFound(str(src / MINUTES_FILE), path=str(src / MINUTES_FILE))
        record = args.format == "qa" or (args.template == "kaigiroku" and args.format in ("docx", "txt", "md"))
        if minutes is None and record and (src / MEETING_FILE).exists():
            # No minutes yet: the meeting's particulars still head a 会議録 or a 一問一答.
            known = store.load_meeting(src / MEETING_FILE)
            minutes = Minutes(title=known.title, date=known.date, place=known.place, attendees=list(known.attendees),
                              start_time=known.start_time, end_time=known.end_time, absentees=list(known.absentees))
    else:
        try:
            data = store.read_json(src)
        except ValueError as exc:
            raise errors.InvalidMinutes(str(exc), path=str(src)) from exc
        if isinstance(data, dict) and "segments" in data:
            transcript = store.load_transcript(src)
        else:
            minutes = store.load_minutes(src)
    try:
        export(args.format, args.out, minutes, transcript, options)
    except ValueError as exc:
        raise errors.InvalidMinutes(str(exc), path=str(src)) from exc
    print(args.out)
    return 0


def cmd_models(args, settings) -> int:
    cat = catalog()
    if args.models_command == "list":
        states = {"installed": "インストール済み", "not_installed": "未インストール（gijiroku models install）",
                  "parts_missing": "部品パッケージなし（pip install '.[models]'）", "corrupt": "破損",
                  "missing": "ファイルなし"}
        print(f"{'名前':<16}{'役割':<6}{'サイズ':>10}  状態 / 説明")
        for entry in cat.entries():
            st = cat.status(entry)
            size = f"{st.size / 1e6:,.0f} MB" if st.size else "-"
            tag = " (標準)" if entry.default else " (軽量)" if entry.light else ""
            label = entry.label or (entry.user_path or "")
            print(f"{entry.name:<18}{entry.role:<6}{size:>10}  {states[st.state]}{tag}  {label}")
        return 0
    if args.models_command == "install":
        targets = [cat.find(n) for n in args.names] if args.names else [e for e in cat.entries() if e.builtin]
        for name, entry in zip(args.names or [None] * len(targets), targets):
            if entry is None:
                raise errors.ModelNotFound(name, name=name)
        for entry in targets:
            path = cat.install(entry, on_progress=ProgressPrinter())
            print(f"{entry.name}: {path}")
        return 0
    if args.models_command == "verify":
        targets = [cat.find(n) for n in args.names] if args.names else [e for e in cat.entries() if e.builtin]
        for entry in targets:
            if entry is None:
                raise errors.ModelNotFound("?", name="?")
            cat.verify(entry)
            print(f"{entry.name}: OK")
        return 0
    if args.models_command == "add":
        entry = cat.add(args.path, role=args.role, name=args.name)
        print(f"{entry.name} ({entry.role}): {entry.user_path}")
        return 0
    return EXIT_USAGE


def sample_meeting() -> tuple[Path, Meeting]:
    wav = paths.resource("samples", "paperless.wav")
    return wav, Meeting(title="第2回 庁内ペーパーレス化推進会議", date="2025-12-01", place="本庁舎 第1会議室",
                        attendees=["木村室長", "松本主任", "井上課長補佐"])


def cmd_demo(args, settings) -> int:
    from desktop.core import pipeline

    wav, sample = sample_meeting()
    out = args.out or (config.data_dir() / "demo")
    written = pipeline.process(catalog(), engine(args, settings), wav, out, sample, on_progress=ProgressPrinter())
    print(("議事録を書き出しました: " if (args.lang or settings.ui_language) != "en" else "Minutes written to: ")
          + str(written["docx"]))
    return 0
