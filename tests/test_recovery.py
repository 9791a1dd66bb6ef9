"""After a crash the transcript is finished: the speech after the last live line is transcribed and
appended (issue 20), from the app's start-up recovery and from `gijiroku recover`."""
from __future__ import annotations

import json
import wave

import numpy as np
import pytest

from desktop import config
from desktop.core import audio, paths, recovery, store, wavfile
from desktop.core.models import ModelCatalog
from desktop.core.transcription import WhisperTranscriber
from desktop.core.types import Meeting, Segment, Transcript

from conftest import SAMPLE_REF, SAMPLE_WAV


@pytest.fixture(scope="module")
def transcriber() -> WhisperTranscriber:
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    return WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=2)


def crashed_folder(tmp_path, seconds: float, lines: list[Segment]):
    """A meeting folder as a crash leaves it: the audio's header never updated, the live transcript
    written up to its last piece, the manifest still "recording"."""
    folder = tmp_path / "crashed"
    folder.mkdir()
    samples = audio.decode(SAMPLE_WAV)[: int(seconds * 16000)]
    w = wavfile.WavAppender(folder / "audio.wav")
    w.append((samples * 32767).astype("<i2").tobytes())
    w._f.flush()
    store.write_json(folder / "recording.json", {"state": "recording", "events": [{"kind": "start", "at": 0}]})
    store.write_json(folder / "transcript.json", Transcript(lines, duration=lines[-1].end).to_json())
    store.write_json(folder / "meeting.json", Meeting(title="第2回 庁内ペーパーレス化推進会議").to_json())
    return folder


def test_recovery_transcribes_the_speech_after_the_last_live_line(transcriber, tmp_path):
    ref = json.loads(SAMPLE_REF.read_text(encoding="utf-8"))["utterances"]
    live = [Segment(1, 2.0, 7.2, "ただいまから、第二回庁内ペーパーレス化推進会議を開催いたします。"),
            Segment(2, 8.2, 13.7, "本日の議題は、会議資料の電子化と、決裁の電子化の二点です。")]
    folder = crashed_folder(tmp_path, 40.0, live)
    seconds, transcript = recovery.recover_and_finish(folder, transcriber)
    assert 39.5 <= seconds <= 40.5
    assert [s.text for s in transcript.segments[:2]] == [s.text for s in live]  # the live lines are kept
    added = transcript.segments[2:]
    assert added, "nothing was transcribed after the last live line"
    assert all(a.start >= 13.7 - 0.05 for a in added)
    assert [s.id for s in transcript.segments] == list(range(1, len(transcript.segments) + 1))
    last_speech = max(u["end"] for u in ref if u["end"] <= 40.0)
    assert added[-1].end >= last_speech - 1.5, (added[-1].end, last_speech)
    text = "".join(a.text for a in added)
    assert "事務局" in text or "松本" in text, text  # 15.3 s: 「事務局の松本です。」
    assert "ペーパーレス化推進会議を開催" not in text  # the live lines are not heard twice
    saved = store.load_transcript(folder / "transcript.json")
    assert [s.text for s in saved.segments] == [s.text for s in transcript.segments]
    assert saved.duration == pytest.approx(seconds, abs=0.05)
    with wave.open(str(folder / "audio.wav")) as r:
        assert r.getnframes() == int(40.0 * 16000)


def test_a_recording_that_had_no_live_transcript_is_transcribed_whole(transcriber, tmp_path):
    folder = tmp_path / "nolive"
    folder.mkdir()
    w = wavfile.WavAppender(folder / "audio.wav")
    w.append((audio.decode(SAMPLE_WAV)[: 16 * 16000] * 32767).astype("<i2").tobytes())
    w._f.flush()
    _, transcript = recovery.recover_and_finish(folder, transcriber)
    assert transcript.segments and transcript.segments[0].start < 3.0
    assert "ペーパーレス" in transcript.text


def test_silence_after_the_last_line_adds_nothing(transcriber, tmp_path):
    folder = tmp_path / "quiet"
    folder.mkdir()
    speech = audio.decode(SAMPLE_WAV)[: int(7.5 * 16000)]
    w = wavfile.WavAppender(folder / "audio.wav")
    w.append((np.concatenate([speech, np.zeros(10 * 16000, np.float32)]) * 32767).astype("<i2").tobytes())
    w._f.flush()
    line = Segment(1, 2.0, 7.2, "ただいまから、第二回庁内ペーパーレス化推進会議を開催いたします。")
    store.write_json(folder / "transcript.json", Transcript([line], duration=7.5).to_json())
    _, transcript = recovery.recover_and_finish(folder, transcriber)
    assert [s.text for s in transcript.segments] == [line.text]  # nothing invented in silence


def test_the_app_s_start_up_recovery_finishes_the_transcript(transcriber, qtbot, qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import install_translator
    from desktop.ui.main_window import MainWindow

    install_translator(qapp, "ja")
    live = [Segment(1, 2.0, 7.2, "ただいまから、第二回庁内ペーパーレス化推進会議を開催いたします。")]
    (tmp_path / "meetings").mkdir()
    folder = crashed_folder(tmp_path / "meetings", 22.0, live)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    window = MainWindow(config.Settings(storage_dir=str(tmp_path / "meetings")), config.model_catalog())
    qtbot.addWidget(window)
    window.offer_recovery()
    assert window.folder == folder
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    shown = window.transcript_view.transcript
    assert shown is not None and len(shown.segments) > 1
    assert shown.segments[0].text == live[0].text
    assert "事務局" in "".join(s.text for s in shown.segments[1:]) or "松本" in shown.text
    assert store.load_transcript(folder / "transcript.json").segments[-1].end > 15.0
