"""Offline, proven: no socket is ever needed, not even in a process with no network at all."""
import os
import shutil
import socket
import stat
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_WAV
from desktop.core import store


def test_process_ran_with_sockets_disabled(processed_sample):
    """processed_sample ran `gijiroku process` with socket creation raising (conftest.NO_NETWORK_BOOT)."""
    assert (processed_sample / "minutes.docx").exists()


def test_the_log_holds_no_meeting_text(processed_sample_run, sample_ref):
    _, data = processed_sample_run
    log = (data / "logs" / "gijiroku.log")
    assert log.exists()
    text = log.read_text(encoding="utf-8")
    for u in sample_ref["utterances"]:
        for phrase in (u["text"][:6], u["text"][-8:-1]):
            assert phrase not in text, phrase
    for word in ("ペーパーレス", "周知文", "見積"):
        assert word not in text


def test_meeting_files_are_private(processed_sample):
    if os.name != "posix":
        pytest.skip("POSIX modes")
    assert stat.S_IMODE(processed_sample.stat().st_mode) == 0o700
    for p in processed_sample.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_app_sets_hub_offline():
    code = "import os; os.environ.pop('HF_HUB_OFFLINE', None); import desktop.core; print(os.environ['HF_HUB_OFFLINE'])"
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_OFFLINE"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.stdout.strip() == "1", r.stderr


def test_no_network_code_in_the_app():
    """One module may open a socket: the department-mode client, to the server the user names."""
    pattern = ("hf_hub_download", "snapshot_download", "from_pretrained", "requests.", "urllib.request", "http.client",
               "urlopen", "telemetry", "import socket")
    server_client = ROOT / "desktop" / "core" / "llm_server.py"
    for p in (ROOT / "desktop").rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        for word in pattern:
            if p == server_client and word in ("http.client", "import socket"):
                continue
            assert word not in text, (p, word)
    assert "http.client" in server_client.read_text(encoding="utf-8")  # the exception above is still needed


def _can_unshare() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.models
@pytest.mark.skipif(not _can_unshare(), reason="needs unshare -n (root, or user namespaces)")
def test_transcription_and_minutes_inside_a_network_namespace(tmp_path):
    """In a fresh network namespace there is no interface but a down loopback: nothing can be reached."""
    clip = tmp_path / "clip.wav"
    subprocess.run([sys.executable, "-c", f"""
import sys; sys.path.insert(0, {str(ROOT / 'tests')!r})
from pathlib import Path
from audio_files import speech_clip, write_wav
write_wav(Path({str(clip)!r}), speech_clip(Path({str(SAMPLE_WAV)!r}), 57.0, 72.0))
"""], check=True)
    env = {**os.environ, "GIJIROKU_DATA_DIR": str(tmp_path / "data"), "GIJIROKU_CONFIG_DIR": str(tmp_path / "cfg")}
    gijiroku = [sys.executable, "-m", "desktop"]
    r = subprocess.run(["unshare", "-n", *gijiroku, "process", str(clip), "--out", str(tmp_path / "out"),
                        "--attendees", "木村室長,松本主任", "--model-llm", "qwen2.5-0.5b"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr
    for name in ("transcript.json", "minutes.json", "minutes.docx"):
        assert (tmp_path / "out" / name).exists()
    assert "会議資料" in (tmp_path / "out" / "transcript.json").read_text(encoding="utf-8")


def test_window_starts_with_sockets_disabled(qtbot, monkeypatch):
    def refuse(*a, **k):
        raise OSError("network disabled by test")

    class NoNetwork(socket.socket):
        def __init__(self, family=-1, *a, **k):
            if family in (socket.AF_INET, socket.AF_INET6, -1):
                raise OSError("network disabled by test")
            super().__init__(family, *a, **k)

    monkeypatch.setattr(socket, "socket", NoNetwork)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from desktop import config
    from desktop.ui.main_window import MainWindow

    window = MainWindow(config.Settings(), config.model_catalog())
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(200)
    assert window.isVisible()


def test_store_writes_are_atomic_even_for_json(tmp_path):
    store.write_json(tmp_path / "a.json", {"x": 1})
    assert store.read_json(tmp_path / "a.json") == {"x": 1}
