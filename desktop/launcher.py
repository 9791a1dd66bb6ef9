"""The `gijiroku` command: the desktop app, or a headless command when given one.

The CLI knows nothing of Qt; this module hands it the way to open the window, so that neither
imports the other's side (import-linter checks it)."""
from __future__ import annotations

from typing import Optional, Sequence


def main(argv: Optional[Sequence[str]] = None) -> int:
    from desktop import cli

    return cli.main(argv, open_window=open_window)


def open_window(lang: str) -> int:
    from desktop.ui.app import run_app

    return run_app()
