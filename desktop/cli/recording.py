"""Recording from the command line: devices, record (live transcript, minutes drafted alongside),
recover."""
from __future__ import annotations

import datetime
import time

from desktop import config, messages
from desktop.core import errors, store
from desktop.core.meetings import AUDIO_FILE, DOCX_FILE, MEETING_FILE, MINUTES_FILE, TRANSCRIPT_FILE
from desktop.core.types import Meeting

from .inputs import attendees, catalog, meeting_vocabulary
from .library import remember
from .parser import OneLineParser
from .progress import ProgressPrinter


def cmd_devices(args, settings) -> int:
    from desktop.core.capture import list_inputs

    for d in list_inputs():
        print(f"{'*' if d.is_default else ' '} {d.index:>3}  {d.name}  ({d.channels}ch, {d.default_rate:.0f} Hz)")
    return 0


def cmd_record(args, settings) -> int:
    import signal

    from desktop.core.nativelog import native_stderr_to_log
    from desktop.core.session import RecordingSession

    if args.minutes and args.no_live:
        OneLineParser().error("--minutes needs the live transcript: not with --no-live" if OneLineParser.lang == "en"
                              else "--minutes は録音中の文字起こしを使うため、--no-live とは同時に指定できません")
    now = datetime.datetime.now()
    meeting = Meeting(title=args.title, attendees=attendees(args.attendees), vocabulary=meeting_vocabulary(args),
                      date=now.date().isoformat(), start_time=now.strftime("%H:%M"))
    transcriber, open_writer = None, None
    if not args.no_live:
        from desktop.core.transcription import WhisperTranscriber

        _, model_dir = catalog().resolve(args.model_asr or settings.model_asr, "asr")
        transcriber = WhisperTranscriber(model_dir, cpu_threads=args.threads or settings.cpu_threads)
        if args.minutes:
            open_writer = _writer_opener(args, settings)
    label = None
    if transcriber is not None and not args.no_speakers:
        from desktop.core import pipeline
        engine = pipeline.EngineSettings(settings.model_asr, settings.model_llm, args.threads or settings.cpu_threads)
        label = pipeline.live_voices(catalog(), engine, meeting)
    session = RecordingSession(args.out, meeting, args.device, transcriber=transcriber,
                               user_terms=config.load_user_terms(), open_writer=open_writer, label=label)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    ja = (args.lang or settings.ui_language) != "en"
    with native_stderr_to_log("portaudio") as err:
        rc = _record_loop(args, session, err, ja)
    transcript = session.finish_transcript()
    if transcript is not None and transcript.segments and not args.no_speakers:
        _label_speakers(args, settings, transcript, meeting)
    if transcriber is not None:
        print(args.out / TRANSCRIPT_FILE)
    if open_writer is not None and transcript is not None:
        _write_minutes_after_recording(args, session, open_writer, transcript, meeting, settings.clerk_name)
    if not (args.out / MEETING_FILE).exists():  # the meeting's particulars, for the library and the app
        store.write_json(args.out / MEETING_FILE, meeting.to_json())
    remember(args.out, settings)
    return rc


def _label_speakers(args, settings, transcript, meeting) -> None:
    """Speakers over the whole recording, clustered once after Stop."""
    from desktop.core import audio, pipeline

    engine = pipeline.EngineSettings(settings.model_asr, settings.model_llm, args.threads or settings.cpu_threads)
    samples = audio.decode(args.out / AUDIO_FILE)
    if pipeline.label_speakers_of(catalog(), engine, samples, transcript, meeting):
        store.write_json(args.out / TRANSCRIPT_FILE, transcript.to_json())


def _writer_opener(args, settings):
    """Minutes drafted during the meeting (desktop.core.draft): ready soon after the recording stops."""
    from desktop.core import pipeline
    from desktop.core.minutes import MinutesWriter

    engine = pipeline.EngineSettings(settings.model_asr, args.model_llm or settings.model_llm,
                                     args.threads or settings.cpu_threads)
    catalog().resolve(engine.model_llm, "llm")  # a missing model is said now, not after the meeting
    return lambda: MinutesWriter(pipeline.open_chat(catalog(), engine))


def _write_minutes_after_recording(args, session, open_writer, transcript, meeting: Meeting, author: str) -> None:
    from desktop.core.export import ExportOptions, export

    minutes = session.finish_minutes(transcript, meeting, open_writer)
    store.write_json(args.out / MINUTES_FILE, minutes.to_json())
    export("docx", args.out / DOCX_FILE, minutes, transcript, ExportOptions(author=author))
    print(args.out / MINUTES_FILE)
    print(args.out / DOCX_FILE)


def _record_loop(args, session, err, ja: bool) -> int:
    session.start()
    deadline = time.monotonic() + 5
    while session.status().seconds <= session.started_at and time.monotonic() < deadline:
        time.sleep(0.05)  # announce once sound is really arriving (device start-up takes a moment)
    err.write(("録音中（Ctrl+C で終了）: " if ja else "Recording (Ctrl+C to stop): ") + str(args.out) + "\n")
    lost_reported = False
    try:
        while True:
            time.sleep(0.5)
            st = session.status()
            if args.seconds is not None and st.seconds - session.started_at >= args.seconds:
                break
            if st.state == "disk_full":
                err.write(messages.describe(errors.DiskFull(path=str(args.out)), "ja" if ja else "en") + "\n")
                break
            if st.state == "device_lost":
                if not lost_reported:
                    err.write(
                        (
                            "入力デバイスが切断されました。録音済みの音声は保存されています。再接続を待っています。\n"
                            if ja
                            else "The input device was disconnected; what was recorded is saved. Waiting for it.\n"
                        )
                    )
                    lost_reported = True
                try:
                    session.switch_device(args.device)
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
        audio_path = session.stop()
    print(audio_path)
    return 0


def cmd_recover(args, settings) -> int:
    """The audio repaired, then the speech after the transcript's last line transcribed and appended."""
    from desktop.core import recovery

    ja = (args.lang or settings.ui_language) != "en"
    transcriber = None
    if not args.no_transcribe:
        from desktop.core.job_lock import exclusive
        from desktop.core.transcription import WhisperTranscriber

        _, model_dir = catalog().resolve(args.model_asr or settings.model_asr, "asr")
        with exclusive(config.model_job_lock(), ProgressPrinter()):
            transcriber = WhisperTranscriber(model_dir, cpu_threads=args.threads or settings.cpu_threads)
            seconds, _ = recovery.recover_and_finish(args.folder, transcriber, user_terms=config.load_user_terms(),
                                                     on_progress=ProgressPrinter())
    else:
        seconds, _ = recovery.recover_and_finish(args.folder, None)
    print((f"{seconds:.1f} 秒の録音を復元しました: " if ja else f"Recovered {seconds:.1f} s of audio: ")
          + str(args.folder / AUDIO_FILE))
    if (args.folder / TRANSCRIPT_FILE).exists():
        print(("文字起こし（録音の最後まで）: " if ja and transcriber else "途中までの文字起こし: " if ja
               else "Transcript (to the end of the audio): " if transcriber else "Transcript so far: ")
              + str(args.folder / TRANSCRIPT_FILE))
    remember(args.folder, settings)
    print(("議事録の作成: gijiroku minutes " if ja else "To write the minutes: gijiroku minutes ")
          + str(args.folder / TRANSCRIPT_FILE) + " --out " + str(args.folder / MINUTES_FILE))
    return 0
