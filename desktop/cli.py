"""Headless commands (no Qt): `gijiroku process|transcribe|minutes|export|models|demo`.

`gijiroku` with no subcommand starts the desktop app. Errors print one sentence on stderr
(Japanese by default, `--lang en` for English) and exit non-zero; `--debug` shows tracebacks.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from desktop import config, logs, messages
from desktop.core import errors, jobs, paths, store
from desktop.core.models import ModelCatalog
from desktop.core.types import Meeting, Minutes, Transcript

log = logging.getLogger("gijiroku.cli")
EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED = 1, 2, 130


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr like every other error."""

    lang = "ja"

    def error(self, message: str) -> None:  # type: ignore[override]
        prefix = "コマンドの指定が正しくありません" if self.lang != "en" else "Invalid command line"
        sys.stderr.write(f"{prefix}: {message}（gijiroku --help）\n")
        raise SystemExit(EXIT_USAGE)


class ProgressPrinter:
    """Progress on stderr: a bar with percent and time left on a terminal, sparse lines otherwise."""

    LABELS = {"transcribe": "文字起こし", "minutes": "議事録作成"}

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._started: dict[str, float] = {}
        self._last_tenth: dict[str, int] = {}

    def __call__(self, p: jobs.Progress) -> None:
        start = self._started.setdefault(p.step, time.monotonic())
        frac = p.fraction
        label = self.LABELS.get(p.step, p.step)
        if self.tty:
            elapsed = time.monotonic() - start
            left = elapsed / frac - elapsed if frac > 0.02 else 0
            bar = "#" * int(frac * 30)
            self.stream.write(f"\r{label} [{bar:<30}] {frac * 100:5.1f}% 残り {int(left) // 60}:{int(left) % 60:02d} ")
            if frac >= 1.0:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = int(frac * 10)
        if tenth != self._last_tenth.get(p.step):
            self._last_tenth[p.step] = tenth
            self.stream.write(f"{label}: {tenth * 10}%\n")
            self.stream.flush()


def export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", default="gijiyoshi",
                   help="gijiyoshi (議事要旨, summary), gijiroku (議事録, detailed), or a template .json of your own")
    p.add_argument("--seireki", action="store_true", help="dates as 2026年 instead of 令和8年")
    p.add_argument("--marking", default="", help="header marking, e.g. 取扱注意")
    p.add_argument("--appendix", action="store_true", help="docx: add the full transcript")
    p.add_argument("--style-docx", default=None, help="the office's own .docx to take styles from")
    p.add_argument("--fonts", choices=("yu", "ms"), default="yu", help="游明朝/游ゴシック or MS 明朝/ゴシック")


def export_options(args):
    from desktop.core.export import ExportOptions

    if args.style_docx and not Path(args.style_docx).is_file():
        raise errors.InputNotFound(args.style_docx, path=args.style_docx)
    return ExportOptions(template=args.template, seireki=args.seireki, marking=args.marking, appendix=args.appendix,
                         style_docx=args.style_docx, fonts=args.fonts)


def build_parser() -> OneLineParser:
    common = OneLineParser(add_help=False)
    common.add_argument("--lang", choices=("ja", "en"), default=None, help="message language")
    common.add_argument("--debug", action="store_true", help="show tracebacks")
    common.add_argument("--threads", type=int, default=None, help="CPU threads for the models")

    meeting_args = OneLineParser(add_help=False)
    meeting_args.add_argument("--title", default="")
    meeting_args.add_argument("--date", default="", help="YYYY-MM-DD")
    meeting_args.add_argument("--place", default="")
    meeting_args.add_argument("--attendees", default="", help="名前,名前 (comma separated)")
    meeting_args.add_argument("--time", default="", help="HH:MM-HH:MM (start and end)")
    meeting_args.add_argument("--vocabulary", type=Path, default=None,
                              help="file: one term per line, optional reading after a tab "
                                   "(then context, then misheard spellings, tab-separated)")

    p = OneLineParser(prog="gijiroku", description="議事録: offline Japanese meeting minutes", parents=[common])
    sub = p.add_subparsers(dest="command")

    pr = sub.add_parser("process", parents=[common, meeting_args], help="audio -> transcript, minutes, Word")
    pr.add_argument("audio", type=Path)
    pr.add_argument("--out", type=Path, required=True)
    pr.add_argument("--model-asr", default=None)
    pr.add_argument("--model-llm", default=None)
    export_args(pr)

    tr = sub.add_parser("transcribe", parents=[common, meeting_args], help="audio -> transcript.json")
    tr.add_argument("audio", type=Path)
    tr.add_argument("--out", type=Path, required=True)
    tr.add_argument("--model-asr", default=None)

    mi = sub.add_parser("minutes", parents=[common, meeting_args], help="transcript.json -> minutes.json")
    mi.add_argument("transcript", type=Path)
    mi.add_argument("--out", type=Path, required=True)
    mi.add_argument("--model-llm", default=None)

    ex = sub.add_parser("export", parents=[common], help="minutes/transcript -> docx, md, txt, json, srt, vtt, csv")
    ex.add_argument("source", type=Path)
    ex.add_argument("--format", required=True, choices=("docx", "md", "txt", "json", "srt", "vtt", "csv"))
    ex.add_argument("--out", type=Path, required=True)
    export_args(ex)

    mo = sub.add_parser("models", parents=[common], help="list, install, add, verify models")
    mosub = mo.add_subparsers(dest="models_command", required=True)
    mosub.add_parser("list", parents=[common])
    mi_ = mosub.add_parser("install", parents=[common])
    mi_.add_argument("names", nargs="*")
    ad = mosub.add_parser("add", parents=[common])
    ad.add_argument("path", type=Path)
    ad.add_argument("--name", default=None)
    ad.add_argument("--role", choices=("asr", "llm"), default=None)
    ve = mosub.add_parser("verify", parents=[common])
    ve.add_argument("names", nargs="*")

    sub.add_parser("devices", parents=[common], help="list audio inputs")
    rc = sub.add_parser("record", parents=[common], help="record a meeting with live transcription")
    rc.add_argument("--out", type=Path, required=True)
    rc.add_argument("--device", default=None, help="input device name or index")
    rc.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    rc.add_argument("--no-live", action="store_true", help="record only, no live transcript")
    rc.add_argument("--model-asr", default=None)
    rc.add_argument("--title", default="")
    rc.add_argument("--attendees", default="", help="名前,名前 (comma separated)")
    rc.add_argument("--vocabulary", type=Path, default=None)
    rc.add_argument("--minutes", action="store_true",
                    help="draft the minutes while recording; minutes.json and minutes.docx follow soon after stop")
    rc.add_argument("--model-llm", default=None)
    rv = sub.add_parser("recover", parents=[common], help="repair an unfinished recording")
    rv.add_argument("folder", type=Path)

    de = sub.add_parser("demo", parents=[common], help="process the bundled sample meeting")
    de.add_argument("--out", type=Path, default=None)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings = config.load_settings()
    OneLineParser.lang = "en" if "--lang=en" in argv or ("--lang" in argv and "en" in argv) else settings.ui_language
    args = build_parser().parse_args(argv)
    lang = args.lang or settings.ui_language
    logs.setup_logging(args.debug)
    if args.command is None:
        return start_gui(lang)
    try:
        return COMMANDS[args.command](args, settings)
    except KeyboardInterrupt:
        sys.stderr.write(messages.describe(errors.Cancelled(), lang) + "\n")
        return EXIT_CANCELLED
    except Exception as exc:  # noqa: BLE001 - the one place every error becomes a sentence
        log.error("command %s failed: %s: %s", args.command, type(exc).__name__, getattr(exc, "detail", ""),
                  exc_info=not isinstance(exc, errors.GijirokuError))
        if args.debug:
            raise
        if isinstance(exc, errors.Cancelled):
            sys.stderr.write(messages.describe(exc, lang) + "\n")
            return EXIT_CANCELLED
        sys.stderr.write(messages.describe(exc, lang) + "\n")
        return EXIT_ERROR


# ---- commands -------------------------------------------------------------------------------
def catalog() -> ModelCatalog:
    return ModelCatalog(paths.catalog_file(), config.model_store_dir())


def _engine(args, settings: config.Settings):
    from desktop.core.pipeline import EngineSettings

    return EngineSettings(model_asr=getattr(args, "model_asr", None) or settings.model_asr,
                          model_llm=getattr(args, "model_llm", None) or settings.model_llm,
                          cpu_threads=args.threads or settings.cpu_threads)


def _meeting(args) -> Meeting:
    attendees = [a.strip() for a in args.attendees.replace("、", ",").split(",") if a.strip()]
    start, _, end = args.time.replace("～", "-").replace("~", "-").partition("-")
    vocabulary = _meeting_vocabulary(args)
    return Meeting(title=args.title, date=args.date, place=args.place, attendees=attendees,
                   start_time=start.strip(), end_time=end.strip(), vocabulary=vocabulary)


def _meeting_vocabulary(args) -> list[str]:
    path = getattr(args, "vocabulary", None)
    if not path:
        return []
    if not path.is_file():
        raise errors.InputNotFound(str(path), path=str(path))
    try:
        return [line.rstrip("\n") for line in path.read_text(encoding="utf-8-sig").splitlines()
                if line.strip() and not line.startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise errors.InputUnreadable(str(exc), path=str(path)) from exc


def cmd_process(args, settings) -> int:
    from desktop.core import pipeline

    written = pipeline.process(catalog(), _engine(args, settings), args.audio, args.out, _meeting(args),
                               on_progress=ProgressPrinter(), export_options=export_options(args),
                               user_terms=config.load_user_terms())
    for path in written.values():
        print(path)
    return 0


def cmd_transcribe(args, settings) -> int:
    from desktop.core import pipeline

    transcript = pipeline.transcribe(catalog(), _engine(args, settings), args.audio, _meeting(args),
                                     on_progress=ProgressPrinter(), user_terms=config.load_user_terms())
    store.write_json(args.out, transcript.to_json())
    print(args.out)
    return 0


def cmd_minutes(args, settings) -> int:
    from desktop.core import pipeline

    transcript = store.load_transcript(args.transcript)
    minutes = pipeline.write_minutes(catalog(), _engine(args, settings), transcript, _meeting(args),
                                     on_progress=ProgressPrinter())
    store.write_json(args.out, minutes.to_json())
    print(args.out)
    return 0


def cmd_export(args, settings) -> int:
    from desktop.core.export import export
    from desktop.core.pipeline import MINUTES_FILE, TRANSCRIPT_FILE

    minutes: Optional[Minutes] = None
    transcript: Optional[Transcript] = None
    options = export_options(args)
    src = args.source
    if src.is_dir():
        if (src / MINUTES_FILE).exists():
            minutes = store.load_minutes(src / MINUTES_FILE)
        if (src / TRANSCRIPT_FILE).exists():
            transcript = store.load_transcript(src / TRANSCRIPT_FILE)
        if minutes is None and transcript is None:
            raise errors.InputNotFound(str(src / MINUTES_FILE), path=str(src / MINUTES_FILE))
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


def cmd_devices(args, settings) -> int:
    from desktop.core.capture import list_inputs

    for d in list_inputs():
        print(f"{'*' if d.is_default else ' '} {d.index:>3}  {d.name}  ({d.channels}ch, {d.default_rate:.0f} Hz)")
    return 0


def cmd_record(args, settings) -> int:
    import signal

    from desktop.core.nativelog import native_stderr_to_log
    from desktop.core.recorder import Recorder

    live, draft, open_writer = None, None, None
    if args.minutes and args.no_live:
        OneLineParser().error("--minutes needs the live transcript: not with --no-live")
    if not args.no_live:
        from desktop.core.live import LiveTranscriber
        from desktop.core.transcription import WhisperTranscriber

        _, model_dir = catalog().resolve(args.model_asr or settings.model_asr, "asr")
        from desktop.core import pipeline

        earlier, start_s = _continued_recording(args.out)
        meeting = Meeting(title=args.title, attendees=[a.strip() for a in args.attendees.split(",") if a.strip()],
                          vocabulary=_meeting_vocabulary(args))
        vocabulary = pipeline.vocabulary_for(meeting, config.load_user_terms())
        live = LiveTranscriber(WhisperTranscriber(model_dir, cpu_threads=args.threads or settings.cpu_threads),
                               args.out / "transcript.json", pipeline.transcription_options(meeting),
                               earlier=earlier, start_s=start_s, correct=lambda t: vocabulary.correct(t)[0])
        if args.minutes:
            draft, open_writer = _start_draft(args, settings, live, meeting)
    recorder = Recorder(args.out, args.device, on_audio=live.feed if live else None)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    ja = (args.lang or settings.ui_language) != "en"
    with native_stderr_to_log("portaudio") as err:
        rc = _record_loop(args, recorder, live, err, ja)
    if draft is not None:
        _minutes_from_draft(args, draft, open_writer, live.transcript(), meeting)
    return rc


def _start_draft(args, settings, live, meeting: Meeting):
    """Minutes drafted during the meeting (desktop.core.draft): ready soon after the recording stops."""
    from desktop.core import pipeline
    from desktop.core.draft import MinutesDraft
    from desktop.core.minutes import MinutesWriter

    engine = pipeline.EngineSettings(settings.model_asr, args.model_llm or settings.model_llm,
                                     args.threads or settings.cpu_threads)
    catalog().resolve(engine.model_llm, "llm")  # a missing model is said now, not after the meeting
    open_writer = lambda: MinutesWriter(pipeline.open_chat(catalog(), engine))  # noqa: E731
    return MinutesDraft(open_writer, live.transcript, lambda: meeting, busy=lambda: live.working), open_writer


def _minutes_from_draft(args, draft, open_writer, transcript, meeting: Meeting) -> None:
    from desktop.core.export import ExportOptions, export

    minutes = draft.finish(transcript, meeting, open_writer)
    store.write_json(args.out / "minutes.json", minutes.to_json())
    export("docx", args.out / "minutes.docx", minutes, transcript, ExportOptions())
    print(args.out / "minutes.json")
    print(args.out / "minutes.docx")


def _continued_recording(folder: Path):
    """A folder that already holds a recording is continued: its audio is repaired if a crash left
    it unfinished, and the new audio and transcript lines follow what is there."""
    from desktop.core import recorder as rec

    if not (folder / rec.AUDIO_FILE).exists():
        return None, 0.0
    seconds = rec.recover(folder) if rec.is_unfinished(folder) else rec.wavfile.repair(folder / rec.AUDIO_FILE)
    try:
        earlier = store.load_transcript(folder / "transcript.json")
    except errors.GijirokuError:
        earlier = None
    return earlier, seconds


def _record_loop(args, recorder, live, err, ja: bool) -> int:
    recorder.start()
    deadline = time.monotonic() + 5
    while recorder.status().seconds <= recorder.started_at and time.monotonic() < deadline:
        time.sleep(0.05)  # announce once sound is really arriving (device start-up takes a moment)
    err.write(("録音中（Ctrl+C で終了）: " if ja else "Recording (Ctrl+C to stop): ") + str(args.out) + "\n")
    lost_reported = False
    try:
        while True:
            time.sleep(0.5)
            st = recorder.status()
            if args.seconds is not None and st.seconds - recorder.started_at >= args.seconds:
                break
            if st.state == "disk_full":
                err.write(messages.describe(errors.DiskFull(path=str(args.out)), "ja" if ja else "en") + "\n")
                break
            if st.state == "device_lost":
                if not lost_reported:
                    err.write(("入力デバイスが切断されました。録音済みの音声は保存されています。再接続を待っています。\n" if ja else
                                      "The input device was disconnected; what was recorded is saved. Waiting for it.\n"))
                    lost_reported = True
                try:
                    recorder.switch_device(args.device)
                    lost_reported = False
                except errors.DeviceError:
                    time.sleep(1.5)
                continue
            if err.isatty():
                bar = "#" * max(0, min(30, int((st.level_dbfs + 60) / 2)))
                err.write(f"\r{int(st.seconds) // 60:02d}:{int(st.seconds) % 60:02d} [{bar:<30}] ")
    except KeyboardInterrupt:
        pass
    finally:
        audio_path = recorder.stop()
        if live is not None:
            live.finish()
    print(audio_path)
    if live is not None:
        print(args.out / "transcript.json")
    return 0


def cmd_recover(args, settings) -> int:
    from desktop.core import recorder

    seconds = recorder.recover(args.folder)
    ja = (args.lang or settings.ui_language) != "en"
    print((f"{seconds:.1f} 秒の録音を復元しました: " if ja else f"Recovered {seconds:.1f} s of audio: ")
          + str(args.folder / recorder.AUDIO_FILE))
    transcript = args.folder / "transcript.json"
    if transcript.exists():
        print(("途中までの文字起こし: " if ja else "Transcript so far: ") + str(transcript))
    print(("続きの処理: gijiroku process " if ja else "To process it: gijiroku process ")
          + str(args.folder / recorder.AUDIO_FILE) + " --out " + str(args.folder))
    return 0


def sample_meeting() -> tuple[Path, Meeting]:
    wav = paths.resource("samples", "paperless.wav")
    return wav, Meeting(title="第2回 庁内ペーパーレス化推進会議", date="2025-12-01", place="本庁舎 第1会議室",
                        attendees=["木村室長", "松本主任", "井上課長補佐"])


def cmd_demo(args, settings) -> int:
    from desktop.core import pipeline

    wav, meeting = sample_meeting()
    out = args.out or (config.data_dir() / "demo")
    written = pipeline.process(catalog(), _engine(args, settings), wav, out, meeting, on_progress=ProgressPrinter())
    print(("議事録を書き出しました: " if (args.lang or settings.ui_language) != "en" else "Minutes written to: ")
          + str(written["docx"]))
    return 0


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"))


def start_gui(lang: str) -> int:
    if not has_display():
        sys.stderr.write(("画面がないため、デスクトップアプリの代わりにサンプル会議を処理します。\n" if lang != "en" else
                          "No display: processing the bundled sample meeting instead of opening the window.\n"))
        return main(["demo"] + (["--lang", lang] if lang else []))
    from desktop.ui.app import run_app

    return run_app()


COMMANDS = {"process": cmd_process, "transcribe": cmd_transcribe, "minutes": cmd_minutes, "export": cmd_export,
            "models": cmd_models, "demo": cmd_demo, "devices": cmd_devices, "record": cmd_record,
            "recover": cmd_recover}
