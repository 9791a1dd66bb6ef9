"""The app's log: a rotating file in the data directory, never any transcript or minutes text."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desktop import config

LOG_NAME = "gijiroku.log"


def log_file() -> Path:
    return config.data_dir() / "logs" / LOG_NAME


def setup_logging(debug: bool = False) -> Path:
    path = log_file()
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return path  # an unwritable data dir must not stop the app; logging is best-effort
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    return path
