"""Department mode with a real server: llama-cpp-python's own OpenAI-compatible server on
127.0.0.1 with the light model, and a two-at-a-time batch of `gijiroku process --llm-server`.
(The whole sample meeting, local against server, side by side: bench/server.py.)

Every connection the commands (and the meetings a batch starts) open is recorded by an audit
hook (sitecustomize on PYTHONPATH): only the configured server is ever contacted, and a second
listener on another port hears nothing."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import jsonschema
import pytest

from audio_files import speech_clip, write_wav
from bench.evaluation import score_facts
from conftest import ROOT, SAMPLE_WAV
from desktop import config
from desktop.core.backlog import STATE_FILE
from desktop.core.types import Minutes

AUDIT = """
import os, sys
_log = os.environ.get("GIJIROKU_TEST_CONNECT_LOG")
if _log:
    def _record(event, args):
        if event == "socket.connect" and isinstance(args[1], tuple):
            with open(_log, "a") as f:
                f.write(f"{args[1][0]} {args[1][1]}\\n")
    sys.addaudithook(_record)
"""
ATTENDEES = "木村室長,松本主任,井上課長補佐"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """llama_cpp.server with the light model: the URL, while it runs."""
    catalog = config.model_catalog()
    _entry, model = catalog.resolve(catalog.light_name(), "llm")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                             "--port", str(port), "--n_ctx", "4096", "--n_threads", "2", "--n_threads_batch", "2",
                             "--verbose", "False"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the server did not start: " + proc.stderr.read()[-2000:])
        try:
            with urllib.request.urlopen(url + "/v1/models", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture
def watched(tmp_path):
    """(env, connection log, a decoy listener): run a command with every connect recorded."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(AUDIT, encoding="utf-8")
    log = tmp_path / "connects.txt"
    decoy = socket.socket()
    decoy.bind(("127.0.0.1", 0))
    decoy.listen()
    decoy.setblocking(False)
    env = {**os.environ, "PYTHONPATH": str(site), "GIJIROKU_TEST_CONNECT_LOG": str(log),
           "GIJIROKU_DATA_DIR": str(tmp_path / "data"), "GIJIROKU_CONFIG_DIR": str(tmp_path / "cfg"),
           "GIJIROKU_LLM_TOKEN": "office-token-123"}
    yield env, log, decoy
    decoy.close()


def only_the_server_was_contacted(log, decoy, url: str) -> None:
    port = url.rsplit(":", 1)[1]
    connects = set(log.read_text().split("\n")) - {""} if log.exists() else set()
    assert connects == {f"127.0.0.1 {port}"}, connects
    with pytest.raises(BlockingIOError):
        decoy.accept()


def gijiroku(*args, env, timeout=900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.models
def test_batch_of_three_two_at_a_time_then_a_rerun_skips_them(server, watched, tmp_path, sample_ref):
    """`process --llm-server` for each of three recordings, two at a time: grounded minutes, only the
    server contacted; a rerun skips them and redoes the one whose files were damaged."""
    env, log, decoy = watched
    folder = tmp_path / "recordings"
    folder.mkdir()
    # Three short meetings (two or three utterances each): the batch's work, not the model's, is tested.
    for name, (a, b) in {"第1回.wav": (1.0, 14.0), "第2回.wav": (57.0, 71.5), "第3回.wav": (100.0, 115.5)}.items():
        write_wav(folder / name, speech_clip(SAMPLE_WAV, a, b))
    (folder / "メモ.txt").write_text("録音ではない", encoding="utf-8")
    out = tmp_path / "out"
    r = gijiroku("batch", str(folder), "--out", str(out), "--jobs", "2", "--llm-server", server, env=env,
                 timeout=1200)
    assert r.returncode == 0, r.stderr
    for stem in ("第1回", "第2回", "第3回"):
        assert (out / stem / "minutes.docx").is_file() and (out / stem / "minutes.json").is_file(), stem
        assert f"完了: {stem}.wav" in r.stderr
    assert "メモ" not in r.stdout + r.stderr
    assert "完了 3、済み 0、失敗 0（全 3 件）" in r.stdout
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))["meetings"]
    assert sorted(state) == ["第1回", "第2回", "第3回"]
    # Each meeting's minutes (written by `process --llm-server`) pass the checks local ones pass.
    schema = json.loads((ROOT / "resources/schemas/minutes.schema.json").read_text(encoding="utf-8"))
    items = 0
    for stem in ("第1回", "第2回", "第3回"):
        data = json.loads((out / stem / "minutes.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        ids = {x["id"] for x in json.loads((out / stem / "transcript.json").read_text(encoding="utf-8"))["segments"]}
        for key in ("agenda", "decisions", "action_items", "open_issues"):
            for item in data[key]:
                assert item["refs"] and set(item["refs"]) <= ids, (stem, key, item)
                items += 1
        score = score_facts(Minutes.from_json(data), sample_ref["facts"])
        assert score["false_claims"] == [], (stem, score["false_claims"])
        said = {"12月12日", "1月16日"}  # the only deadlines said: no other may appear
        assert all(any(d in a["due"] for d in said) for a in data["action_items"] if a["due"]), data["action_items"]
    assert items >= 2  # minutes were written, not empty shells
    # The token travels in a header only: not in a meeting folder, nor in the log.
    written = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*.json"))
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "data").rglob("*.log"))
    assert logs and "office-token-123" not in written + logs
    # The meetings are in the library too.
    listed = gijiroku("library", "list", "--json", env=env)
    assert len(json.loads(listed.stdout)) == 3, listed.stdout
    only_the_server_was_contacted(log, decoy, server)

    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.name != STATE_FILE}
    (out / "第2回" / "minutes.docx").unlink()  # broken: redone, the others skipped
    again = gijiroku("batch", str(folder), "--out", str(out), "--jobs", "2", "--llm-server", server, env=env,
                     timeout=1200)
    assert again.returncode == 0, again.stderr
    assert "完了 1、済み 2、失敗 0（全 3 件）" in again.stdout
    for stem in ("第1回", "第3回"):
        assert all(p.stat().st_mtime_ns == t for p, t in before.items() if p.parent.name == stem)
    assert (out / "第2回" / "minutes.docx").is_file()


@pytest.mark.models
def test_minutes_command_on_the_server(server, watched, tmp_path, sample_ref):
    """`gijiroku minutes --llm-server` on the sample's decision, request and next meeting."""
    env, log, decoy = watched
    data = json.loads((ROOT / "resources/samples/paperless.transcript.json").read_text(encoding="utf-8"))
    data["segments"] = [x for x in data["segments"] if x["id"] in (12, 13, 20)]
    source = tmp_path / "transcript.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "minutes.json"
    r = gijiroku("minutes", str(source), "--out", str(out), "--llm-server", server, "--title",
                 "第2回 庁内ペーパーレス化推進会議", "--attendees", ATTENDEES, env=env)
    assert r.returncode == 0, r.stderr
    minutes = json.loads(out.read_text(encoding="utf-8"))
    ids = {x["id"] for x in data["segments"]}
    for key in ("agenda", "decisions", "action_items", "open_issues"):
        for item in minutes[key]:
            assert item["refs"] and set(item["refs"]) <= ids, (key, item)
    assert minutes["decisions"] and minutes["next_meeting"]
    assert score_facts(Minutes.from_json(minutes), sample_ref["facts"])["false_claims"] == []
    only_the_server_was_contacted(log, decoy, server)


def test_batch_says_which_recording_failed_and_goes_on(tmp_path):
    """A damaged recording fails alone, in one sentence, and is not marked done."""
    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / "壊れた録音.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" * 10)
    out = tmp_path / "out"
    env = {**os.environ, "GIJIROKU_DATA_DIR": str(tmp_path / "data"), "GIJIROKU_CONFIG_DIR": str(tmp_path / "cfg")}
    r = gijiroku("batch", str(folder), "--out", str(out), env=env, timeout=120)
    assert r.returncode == 1
    assert "[1/1] 失敗: 壊れた録音.wav: 音声として読み込めないファイルです" in r.stderr
    assert "完了 0、済み 0、失敗 1（全 1 件）" in r.stdout
    assert not (out / STATE_FILE).exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    r = gijiroku("batch", str(empty), "--out", str(out), env=env, timeout=60)
    assert r.returncode == 1 and "録音ファイルがありません" in r.stderr


def test_a_server_that_is_down_stops_the_batch_before_any_work(tmp_path):
    folder = tmp_path / "recordings"
    folder.mkdir()
    write_wav(folder / "a.wav", speech_clip(SAMPLE_WAV, 1.0, 8.0))
    env = {**os.environ, "GIJIROKU_DATA_DIR": str(tmp_path / "data"), "GIJIROKU_CONFIG_DIR": str(tmp_path / "cfg")}
    port = free_port()
    started = time.monotonic()
    r = gijiroku("batch", str(folder), "--out", str(tmp_path / "out"), "--llm-server", f"http://127.0.0.1:{port}",
                 env=env, timeout=120)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1] == (
        f"議事録作成サーバー（127.0.0.1:{port}）に接続できません。サーバーが起動しているか、アドレスを確認してください。")
    assert time.monotonic() - started < 30
    assert not (tmp_path / "out").exists()


def test_settings_dialog_keeps_the_server_and_its_token_apart(qtbot, tmp_path, monkeypatch):
    """The window's settings: the server's address in settings.json, its token in a file of its own
    (mode 600), never in settings.json; a bad address is refused in Japanese."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.settings_dialog import SettingsDialog

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    settings = config.Settings(storage_dir=str(tmp_path / "meetings"))
    dialog = SettingsDialog(settings, config.model_catalog())
    qtbot.addWidget(dialog)
    dialog.server_url.setText("gpu01:8080")
    dialog._accept()
    assert shown and "http://サーバー名:8080" in shown[0] and not dialog.result()
    dialog.server_url.setText("https://gpu01.example.lg.jp:8443")
    dialog.server_model.setText("qwen2.5-7b")
    dialog.server_token.setText("office-token-123")
    dialog._accept()
    chosen = dialog.result_settings()
    config.save_settings(chosen)
    server = config.llm_server(config.load_settings())
    assert (server.url, server.model, server.token) == ("https://gpu01.example.lg.jp:8443", "qwen2.5-7b",
                                                        "office-token-123")
    assert "office-token-123" not in config.settings_file().read_text(encoding="utf-8")
    assert (config.llm_server_token_file().stat().st_mode & 0o777) == 0o600
    assert config.llm_server(config.Settings()) is None  # no address: the laptop's own model
