"""Settings (a frozen dataclass) and where they live on disk.

Settings are read here, once, and handed to core objects as arguments: the core never reads
global settings.
"""
from __future__ import annotations

import json
import os
import sys

import platformdirs
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from desktop.core import paths, store
from desktop.core.models import ModelCatalog


def _user_dir(kind: str) -> Path:
    """Per-user folder for 'config' or 'data', following each platform's convention (platformdirs:
    ~/.config and ~/.local/share on Linux, AppData\\Local on Windows, Application Support on macOS)."""
    override = os.environ.get(f"GIJIROKU_{kind.upper()}_DIR")
    if override:
        return Path(override)
    if kind == "config":
        return Path(platformdirs.user_config_dir("gijiroku", appauthor=False))
    return Path(platformdirs.user_data_dir("gijiroku", appauthor=False))


def config_dir() -> Path:
    return _user_dir("config")


def data_dir() -> Path:
    return _user_dir("data")


def model_job_lock() -> Path:
    """The lock that keeps model jobs one at a time across this user's Gijiroku processes."""
    return data_dir() / "model-job.lock"


def open_library(settings: "Settings"):
    """The meeting library over this user's data folder and meetings folder (desktop.core.library)."""
    from desktop.core.library import Library

    return Library(data_dir(), settings.meetings_dir())


def model_store_dir() -> Path:
    """Where the joined model files live: models/store beside a source checkout (make's
    provisioning), or inside an installed app, which ships its default models."""
    override = os.environ.get("GIJIROKU_MODEL_DIR")
    return Path(override) if override else paths.default_model_store()


def model_catalog() -> ModelCatalog:
    """The built-in catalogue and the user's added models, over this user's model store. An
    installed app's folder may be read-only (Program Files): the user's registered models and
    what was verified are kept in the user's data folder then."""
    frozen = getattr(sys, "frozen", False) and not os.environ.get("GIJIROKU_MODEL_DIR")
    return ModelCatalog(paths.catalog_file(), model_store_dir(), data_dir() / "models" if frozen else None)


@dataclass(frozen=True)
class Settings:
    model_asr: str = "whisper-base"   # a catalogue name, a registered name, or a path
    model_llm: str = "qwen2.5-1.5b"
    cpu_threads: int = max(1, min(4, os.cpu_count() or 2))
    ui_language: str = "ja"
    storage_dir: str = ""             # empty: data_dir()/meetings
    draft_while_recording: bool = True  # the minutes model drafts during the meeting (more memory, ready sooner)
    clerk_name: str = ""              # 作成者 on the Word minutes and the document's author
    # Department mode (desktop.core.llm_server): the office's inference server writes the minutes.
    # Empty: the model on this laptop. The access token is kept apart (llm_server_token).
    llm_server_url: str = ""
    llm_server_model: str = ""
    llm_server_ca: str = ""           # the office's certificate authority (PEM), for https

    def meetings_dir(self) -> Path:
        return Path(self.storage_dir) if self.storage_dir else data_dir() / "meetings"


def llm_server_token_file() -> Path:
    """The server's access token: a file of its own (mode 600), never in settings.json or a meeting."""
    return config_dir() / "llm-server-token"


def llm_server_token() -> str:
    """GIJIROKU_LLM_TOKEN if set, else the saved token, else empty."""
    token = os.environ.get("GIJIROKU_LLM_TOKEN", "")
    if token:
        return token.strip()
    try:
        return llm_server_token_file().read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def save_llm_server_token(token: str) -> None:
    path = llm_server_token_file()
    if not token:
        path.unlink(missing_ok=True)
        return
    store.write_text(path, token.strip() + "\n")


def llm_server(settings: "Settings", url: str = "", model: str = "", token: str = "", ca_file: str = ""):
    """The server settings from the command line or the user's settings; None in laptop mode."""
    from desktop.core.llm_server import ServerSettings, parse_url

    url = url or settings.llm_server_url
    if not url:
        return None
    parse_url(url)  # a bad address is said now, in one sentence
    ca = ca_file or settings.llm_server_ca
    return ServerSettings(url=url, token=token or llm_server_token() or None,
                          model=model or settings.llm_server_model or None, ca_file=Path(ca) if ca else None)


def llm_server_if_valid(settings: "Settings"):
    """The settings' server for the window: one whose address was edited into nonsense by hand is
    ignored (the settings dialog refuses such an address)."""
    from desktop.core.errors import InvalidServerUrl

    try:
        return llm_server(settings)
    except InvalidServerUrl:
        return None


def user_dictionary_file() -> Path:
    """The clerk's own 用語辞書: surface[TAB reading] per line."""
    return config_dir() / "user-dictionary.tsv"


def admin_vocabulary_file() -> Path:
    """The clerk's edited copy of the built-in administrative vocabulary (absent: the built-in one)."""
    return config_dir() / "admin-vocabulary.tsv"


def load_user_terms():
    """Every term the clerk keeps across meetings: the user dictionary and the (edited) built-in list."""
    from desktop.core import vocabulary

    terms = []
    for path, source in ((user_dictionary_file(), "user"), (admin_vocabulary_file(), "builtin")):
        if path.exists():
            try:
                terms += vocabulary.load_terms_file(path, source)
            except (OSError, UnicodeDecodeError):
                pass  # an unreadable dictionary must not stop transcription
    return terms


def settings_file() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    """Settings from disk; a missing or damaged file gives the defaults (never an error at start-up)."""
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    try:
        return replace(Settings(), **{k: v for k, v in data.items() if k in known})
    except TypeError:
        return Settings()


def save_settings(settings: Settings) -> None:
    store.write_json(settings_file(), asdict(settings))
