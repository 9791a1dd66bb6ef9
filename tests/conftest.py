"""Shared fixtures. The suite uses the real default models that `make test` provisions."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_WAV = FIXTURES / "paperless.wav"
SAMPLE_REF = FIXTURES / "paperless.ref.json"
SAMPLE_MEETING = ["--title", "第2回 庁内ペーパーレス化推進会議", "--date", "2025-12-01",
                  "--place", "本庁舎 第1会議室", "--attendees", "木村室長,松本主任,井上課長補佐"]

# Runs a CLI command in a fresh interpreter whose sockets cannot be created: any attempt to reach
# a network (hub download, telemetry, update check) makes the command fail.
NO_NETWORK_BOOT = """
import socket, sys
class _NoNetwork(socket.socket):
    def __init__(self, family=-1, *a, **k):
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            raise OSError("network disabled by test")
        super().__init__(family, *a, **k)
socket.socket = _NoNetwork
def _refuse(*a, **k):
    raise OSError("network disabled by test")
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_cli(*args: str, env: dict | None = None, timeout: int = 900, network: bool = False,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    cmd = [sys.executable, "-m", "desktop", *args] if network else [sys.executable, "-c", NO_NETWORK_BOOT, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env, cwd=cwd or ROOT)


# Tests that load a model or play audio in real time form the slow layer (marked `models`);
# `pytest -m "not models"` is the quick loop, and passes with no model installed.
SLOW_FIXTURES = {"transcriber", "chat", "catalog", "processed_sample", "processed_sample_run", "pulse"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.models)
    # The quick layer first: a broken import or rule shows in seconds, not after the models ran.
    items.sort(key=lambda item: item.get_closest_marker("models") is not None)


@pytest.fixture(scope="session")
def sample_ref() -> dict:
    return json.loads(SAMPLE_REF.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def processed_sample_run(tmp_path_factory) -> tuple[Path, Path]:
    """`gijiroku process` on the sample meeting, once per test session, with the network disabled.

    Returns (output folder, the data folder where that run wrote its log)."""
    base = tmp_path_factory.mktemp("sample")
    out, data = base / "out", base / "data"
    result = run_cli("process", str(SAMPLE_WAV), "--out", str(out), *SAMPLE_MEETING,
                     env={"GIJIROKU_DATA_DIR": str(data), "GIJIROKU_CONFIG_DIR": str(base / "config")})
    assert result.returncode == 0, result.stderr
    return out, data


@pytest.fixture(scope="session")
def processed_sample(processed_sample_run) -> Path:
    return processed_sample_run[0]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """Tests never touch the real user's settings, logs or meetings."""
    monkeypatch.setenv("GIJIROKU_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GIJIROKU_DATA_DIR", str(tmp_path / "data"))


def _pactl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["pactl", *args], capture_output=True, text=True)


@pytest.fixture(scope="session")
def pulse():
    """A PulseAudio daemon with a null sink: what is played into it with paplay, the default input
    (its monitor) records. The real capture path (PortAudio -> ALSA -> PulseAudio) with no sound card."""
    import shutil
    if shutil.which("pulseaudio") is None:
        pytest.skip("PulseAudio is not installed (make test installs it)")
    if subprocess.run(["pulseaudio", "--check"]).returncode != 0:
        subprocess.run(["pulseaudio", "-D", "--exit-idle-time=-1", "-n", "--load=module-native-protocol-unix"],
                       check=True, capture_output=True)
    ensure_null_sink()
    yield


def ensure_null_sink() -> None:
    if "module-null-sink" not in _pactl("list", "short", "modules").stdout:
        _pactl("load-module", "module-null-sink", "sink_name=meeting")
    _pactl("set-default-sink", "meeting")
    _pactl("set-default-source", "meeting.monitor")


def unload_null_sink() -> None:
    for line in _pactl("list", "short", "modules").stdout.splitlines():
        if "module-null-sink" in line:
            _pactl("unload-module", line.split()[0])
