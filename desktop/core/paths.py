"""Where the app's own static files are: resources/ and models/ beside the package.

Works from a source checkout (editable install) and from a PyInstaller bundle (sys._MEIPASS).
"""
from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resource(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def catalog_file() -> Path:
    return app_root() / "models" / "catalog.json"


def default_model_store() -> Path:
    return app_root() / "models" / "store"
