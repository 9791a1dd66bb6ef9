"""Command-line arguments turned into the core's objects: the meeting, its vocabulary, the engines."""
from __future__ import annotations

from desktop import config
from desktop.core import errors, wareki
from desktop.core.types import Meeting

catalog = config.model_catalog


def engine(args, settings: config.Settings):
    from desktop.core.pipeline import EngineSettings

    return EngineSettings(model_asr=getattr(args, "model_asr", None) or settings.model_asr,
                          model_llm=getattr(args, "model_llm", None) or settings.model_llm,
                          cpu_threads=args.threads or settings.cpu_threads, lock_path=config.model_job_lock(),
                          llm_server=llm_server(args, settings),
                          model_speaker="" if getattr(args, "no_speakers", False) else "campplus")


def llm_server(args, settings: config.Settings):
    """--llm-server and its companions, else the settings' server, else None (the laptop's model)."""
    token = ""
    token_file = getattr(args, "llm_token_file", None)
    if token_file:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise errors.InputUnreadable(str(exc), path=str(token_file)) from exc
    return config.llm_server(settings, url=getattr(args, "llm_server", None) or "",
                             model=getattr(args, "llm_model", None) or "", token=token,
                             ca_file=str(getattr(args, "llm_ca", None) or ""))


def fit_memory(engine, args, stream=None):
    """The light chat model instead of the chosen one when free memory is short (and the model was not
    named on the command line): said in one sentence, never a laptop swapped to a halt."""
    import sys
    from dataclasses import replace

    from desktop.core import memory

    from .parser import OneLineParser

    if engine.llm_server is not None:
        return engine  # the server's memory, not this laptop's
    cat = catalog()
    light = cat.light_name()
    if getattr(args, "model_llm", None) or engine.model_llm == light:
        return engine
    try:
        _entry, path = cat.resolve(engine.model_llm, "llm")
    except errors.GijirokuError:
        return engine  # the job's own check says what is wrong with the model
    if not memory.too_little_for(path):
        return engine
    free_gb = memory.available_bytes() / 1e9
    (stream or sys.stderr).write(
        f"空きメモリが {free_gb:.1f} GB しかないため、軽量モデル（{light}）で議事録を作成します"
        f"（--model-llm で指定できます）。\n" if OneLineParser.lang != "en" else
        f"Only {free_gb:.1f} GB of memory is free: the minutes use the light model ({light}); "
        f"--model-llm chooses another.\n")
    return replace(engine, model_llm=light)


def say_gaps(transcript, stream=None) -> None:
    """One sentence when speech was left without text (（聴取不能） lines), so nobody takes the
    transcript for complete unchecked."""
    import sys

    from desktop.core.coverage import gaps_of

    from .parser import OneLineParser

    count, seconds = gaps_of(transcript)
    if not count:
        return
    (stream or sys.stderr).write(
        f"{count} か所（計 {seconds:.0f} 秒）の発言を文字にできませんでした。文字起こしの「（聴取不能）」の行を"
        f"再生して確認してください。\n" if OneLineParser.lang != "en" else
        f"{count} stretch(es) of speech ({seconds:.0f} s in all) could not be transcribed; play the lines "
        f"marked （聴取不能） in the transcript and check them.\n")


def say_misheard(transcript, stream=None) -> None:
    """One sentence when lines hold a word that reads as no word (desktop.core.mishearing): they are
    among those to check, and the CLI user sees no shading."""
    import sys

    from desktop.core.mishearing import misheard_words, quoted

    from .parser import OneLineParser

    per_line = [words for s in transcript.segments if (words := misheard_words(s.text))]
    if not per_line:
        return
    lines = len(per_line)
    named = quoted(list(dict.fromkeys(w for words in per_line for w in words))[:3])
    (stream or sys.stderr).write(
        f"{lines} 行に聞き違いの可能性がある語があります（{named}など）。録音と照らして確認してください。\n"
        if OneLineParser.lang != "en" else
        f"{lines} line(s) hold a word that is probably misheard ({named}, ...); check them against the recording.\n")


def attendees(text: str) -> list[str]:
    return [a.strip() for a in text.replace("、", ",").split(",") if a.strip()]


def meeting(args) -> Meeting:
    """The meeting's particulars, checked before any work starts: a date or time that cannot be read
    is refused in one sentence instead of being printed raw in the minutes."""
    try:
        day = wareki.parse_date(args.date)
    except ValueError as exc:
        raise errors.InvalidDate(str(exc), value=args.date) from exc
    try:
        start, end = wareki.parse_time_range(args.time)
    except ValueError as exc:
        raise errors.InvalidTime(str(exc), value=args.time) from exc
    return Meeting(title=args.title, date=day.isoformat() if day else "", place=args.place,
                   attendees=attendees(args.attendees), start_time=start, end_time=end,
                   vocabulary=meeting_vocabulary(args), absentees=attendees(args.absentees),
                   materials=attendees(args.materials), recorder=args.recorder.strip())


def meeting_vocabulary(args) -> list[str]:
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
