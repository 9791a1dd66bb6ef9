"""Headless commands (no Qt): `gijiroku process|transcribe|minutes|export|models|record|recover|demo`.

`gijiroku` with no subcommand starts the desktop app (desktop.launcher hands in the way to open
it). Errors print one sentence on stderr (Japanese by default, `--lang en` for English) and exit
non-zero; `--debug` shows tracebacks.
"""
from __future__ import annotations

import logging
import os
import sys
from typing import Callable, Optional, Sequence

from desktop import config, logs, messages
from desktop.core import errors

from . import batch, commands, library, recording
from .parser import EXIT_CANCELLED, EXIT_ERROR, build_parser, language_in

log = logging.getLogger("gijiroku.cli")


def main(argv: Optional[Sequence[str]] = None, open_window: Optional[Callable[[str], int]] = None) -> int:
    """`open_window` starts the desktop app (desktop.launcher passes it); without it, or without a
    display, `gijiroku` alone processes the bundled sample meeting."""
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings = config.load_settings()
    lang = language_in(argv) or settings.ui_language
    lang = lang if lang in ("ja", "en") else "ja"  # argparse itself refuses another value, in Japanese
    args = build_parser(lang).parse_args(argv)
    logs.setup_logging(args.debug)
    if args.command is None:
        return start_gui(lang, open_window)
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


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"))


def start_gui(lang: str, open_window: Optional[Callable[[str], int]]) -> int:
    if open_window is None or not has_display():
        sys.stderr.write(
            (
                "画面がないため、デスクトップアプリの代わりにサンプル会議を処理します。\n"
                if lang != "en"
                else "No display: processing the bundled sample meeting instead of opening the window.\n"
            )
        )
        return main(["demo"] + (["--lang", lang] if lang else []))
    return open_window(lang)


COMMANDS = {"process": commands.cmd_process, "transcribe": commands.cmd_transcribe, "minutes": commands.cmd_minutes,
            "export": commands.cmd_export, "models": commands.cmd_models, "demo": commands.cmd_demo,
            "devices": recording.cmd_devices, "record": recording.cmd_record, "recover": recording.cmd_recover,
            "library": library.cmd_library, "search": library.cmd_search, "batch": batch.cmd_batch}
