"""`make screenshots`: the main screens rendered to PNG for review, in a real X window under Xvfb.

start screen, recording with the live transcript, transcript with playback, minutes editor,
settings, an error dialog -> out/screenshots/*.png
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import config  # noqa: E402
from desktop.core.types import Meeting, Minutes, Transcript  # noqa: E402
from desktop.ui.app import install_translator  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings_dialog import SettingsDialog  # noqa: E402

OUT = ROOT / "out" / "screenshots"
SAMPLES = ROOT / "resources" / "samples"


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shot(app: QApplication, name: str) -> None:
    pump(app, 0.5)
    app.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    install_translator(app, "ja")
    tmp = Path(tempfile.mkdtemp())
    settings = config.Settings(storage_dir=str(tmp / "meetings"))
    w = MainWindow(settings, config.model_catalog())
    w.resize(1280, 800)
    w.move(0, 0)
    w.show()
    transcript = Transcript.from_json(json.loads((SAMPLES / "paperless.transcript.json").read_text(encoding="utf-8")))
    minutes = Minutes.from_json(json.loads((SAMPLES / "paperless.minutes.json").read_text(encoding="utf-8")))
    meeting = Meeting(title="第2回 庁内ペーパーレス化推進会議", date="2025-12-01", start_time="10:00", end_time="10:30",
                      place="本庁舎 第1会議室", attendees=["木村室長", "松本主任", "井上課長補佐"])
    for title in ("第1回 庁内ペーパーレス化推進会議", "令和7年度 予算説明会"):
        w.meetings.create(Meeting(title=title, date="2025-11-10"))
    folder = w.meetings.create(meeting)
    w.meetings.set_source(folder, SAMPLES / "paperless.wav")
    w.meetings.save_transcript(folder, transcript)
    w.meetings.save_minutes(folder, minutes)
    w.refresh_recent()
    shot(app, "1-start")

    # Recording with the live transcript: the sample is played into PulseAudio's null sink.
    w.new_meeting()
    w.info.set_meeting(
        Meeting(title="第3回 庁内ペーパーレス化推進会議", date="2026-01-30", attendees=meeting.attendees)
    )
    w.tabs.setCurrentWidget(w.record_panel)
    w.record_panel.refresh_devices()
    player = subprocess.Popen(["paplay", str(SAMPLES / "paperless.wav")])
    w.record_panel.start_requested()
    pump(app, 25)
    w.tabs.setCurrentWidget(w.record_panel)
    shot(app, "2-recording")
    w.tabs.setCurrentWidget(w.transcript_view)
    shot(app, "3-live-transcript")
    w.record_panel.stop()
    player.kill()
    pump(app, 6)

    w.open_meeting(folder)
    pump(app, 2)
    w.transcript_view.jump_to(transcript.segments[8].id)
    pump(app, 1.5)
    shot(app, "4-transcript-playback")
    w.transcript_view.stop()
    w.tabs.setCurrentWidget(w.minutes_view)
    shot(app, "5-minutes-editor")

    dialog = SettingsDialog(w.settings, w.catalog, w)
    dialog.show()
    dialog.move(200, 150)
    shot(app, "6-settings")
    dialog.close()
    w.show_error("音声として読み込めないファイルです（壊れているか、音声を含んでいません）: /home/shoki/会議/録音.wav")
    shot(app, "7-error-dialog")
    QTimer.singleShot(0, app.quit)
    w.close()


if __name__ == "__main__":
    main()
