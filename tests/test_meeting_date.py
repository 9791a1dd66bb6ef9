"""The meeting's date is always there (issue 20): a recording's start, an imported file's recording
date (metadata, else its modification time), and what the clerk gives wins."""
from __future__ import annotations

import datetime as dt
import os
import wave
import zipfile

import av
import numpy as np
import pytest

from desktop.core import audio, store
from desktop.core.meeting_date import with_recorded_date
from desktop.core.types import Meeting

from conftest import SAMPLE_WAV, run_cli


def write_m4a(path, creation_time: str = "") -> None:
    """A short AAC file, as a phone or a voice recorder writes it, with its creation_time tag."""
    with av.open(str(path), "w", format="mp4") as out:
        if creation_time:
            out.metadata["creation_time"] = creation_time
        stream = out.add_stream("aac", rate=16000)
        stream.layout = "mono"
        tone = (0.1 * np.sin(np.arange(16000) * 2 * np.pi * 440 / 16000)).astype(np.float32)
        frame = av.AudioFrame.from_ndarray(tone.reshape(1, -1), format="flt", layout="mono")
        frame.rate = 16000
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def test_an_imported_file_gives_its_recording_date(tmp_path):
    path = tmp_path / "ボイスレコーダー.m4a"
    write_m4a(path, "2024-05-01T01:30:00.000000Z")
    os.utime(path, (dt.datetime(2025, 1, 2, 12).timestamp(),) * 2)  # copied later: the tag is what counts
    expected = dt.datetime(2024, 5, 1, 1, 30, tzinfo=dt.timezone.utc).astimezone().date().isoformat()
    assert with_recorded_date(Meeting(title="x"), path).date == expected


def test_without_a_tag_the_file_time_gives_the_date(tmp_path):
    path = tmp_path / "meeting.wav"
    path.write_bytes(SAMPLE_WAV.read_bytes())
    os.utime(path, (dt.datetime(2023, 3, 15, 14, 0).timestamp(),) * 2)
    m = with_recorded_date(Meeting(title="x"), path)
    assert m.date == "2023-03-15"
    assert m.start_time == ""  # a file's time is when it was last written, not when the meeting began


def test_unset_clocks_and_bare_years_are_not_dates(tmp_path):
    path = tmp_path / "old.m4a"
    write_m4a(path, "1904-01-01T00:00:00.000000Z")
    os.utime(path, (dt.datetime(2022, 7, 7, 9).timestamp(),) * 2)
    assert audio.recorded_at(path).date() == dt.date(2022, 7, 7)
    assert audio._parse_tag_date("2024") is None


def test_a_gijiroku_recording_gives_its_start(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "audio.wav").write_bytes(SAMPLE_WAV.read_bytes())
    store.write_json(folder / "recording.json", {"state": "stopped", "events": [
        {"kind": "start", "at": 0, "wall": "2026-02-03T13:30:05+09:00"}, {"kind": "stop", "at": 60}]})
    m = with_recorded_date(Meeting(), folder / "audio.wav")
    assert (m.date, m.start_time) == ("2026-02-03", "13:30")


def test_the_clerk_s_date_wins(tmp_path):
    path = tmp_path / "meeting.wav"
    path.write_bytes(SAMPLE_WAV.read_bytes())
    assert with_recorded_date(Meeting(date="2025-12-01"), path).date == "2025-12-01"


@pytest.mark.models
def test_process_without_date_puts_the_recording_date_in_the_word_minutes(tmp_path):
    """The whole command: no --date, a file recorded on 2023-03-15: the Word page says 令和5年3月15日."""
    path = tmp_path / "meeting.wav"
    samples = audio.decode(SAMPLE_WAV)[: 16000 * 22]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes((samples * 32767).astype("<i2").tobytes())
    os.utime(path, (dt.datetime(2023, 3, 15, 14, 0).timestamp(),) * 2)
    out = tmp_path / "out"
    r = run_cli("process", str(path), "--out", str(out), "--title", "日付のない会議", "--model-llm", "qwen2.5-0.5b",
                env={"GIJIROKU_DATA_DIR": str(tmp_path / "data"), "GIJIROKU_CONFIG_DIR": str(tmp_path / "cfg")})
    assert r.returncode == 0, r.stderr
    assert store.load_meeting(out / "meeting.json").date == "2023-03-15"
    with zipfile.ZipFile(out / "minutes.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "令和5年3月15日" in body
