"""The desktop app driven through its real MainWindow, offscreen, with the real core and models."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from docx import Document

from conftest import SAMPLE_WAV
from loop_latency import LoopLatency
from desktop import config
from desktop.core.export import ExportOptions
from desktop.ui.app import install_translator
from desktop.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def japanese(qapp):
    install_translator(qapp, "ja")
    return qapp


@pytest.fixture
def window(qtbot, japanese, tmp_path):
    settings = config.Settings(storage_dir=str(tmp_path / "meetings"))
    w = MainWindow(settings, config.model_catalog())
    w.confirm = lambda question: True
    qtbot.addWidget(w)
    w.show()
    yield w
    w.jobs.cancel()
    w.jobs.wait(20000)


def wait_job(qtbot, w, timeout_s: int) -> None:
    qtbot.waitUntil(lambda: not w.jobs.busy, timeout=timeout_s * 1000)


def test_window_speaks_japanese(window):
    assert window.windowTitle() == "（無題） — 議事録 - Gijiroku"  # the open meeting, then the app
    assert [window.tabs.tabText(i) for i in range(4)] == ["会議情報", "録音", "文字起こし", "議事録"]
    assert window.minutes_view.generate_button.text() == "議事録を作成"
    assert window.info.wareki.text().startswith("令和")


@pytest.mark.models
def test_import_transcribe_generate_edit_export(window, qtbot, tmp_path):
    # Loading Whisper holds the interpreter lock ~140 ms inside CTranslate2, once per session (the
    # first import): not something the app's code can yield during. What is measured below is the
    # window during the jobs themselves, the model already loaded.
    window.models.transcriber()
    window.info.title.setText("第2回 庁内ペーパーレス化推進会議")
    window.info.attendees.setPlainText("木村室長\n松本主任\n井上課長補佐")
    latency = LoopLatency(tmp_path / "stacks-transcribing.txt")
    latency.start()
    assert window.import_file(SAMPLE_WAV)
    wait_job(qtbot, window, 180)
    latency.stop()
    transcribing_latency, transcribing_felt, transcribing_report = latency.worst(), latency.felt(), latency.report()
    assert window.transcript_view.table.rowCount() >= 10
    assert window.tabs.currentWidget() is window.transcript_view
    assert (window.folder / "transcript.json").exists()

    latency = LoopLatency(tmp_path / "stacks-minutes.txt")
    latency.start()
    assert window.generate_minutes()
    wait_job(qtbot, window, 400)
    latency.stop()
    minutes_latency, minutes_felt, minutes_report = latency.worst(), latency.felt(), latency.report()
    print(f"event-loop latency: transcribing {transcribing_latency:.0f} ms ({transcribing_felt} over 100 ms), "
          f"minutes {minutes_latency:.0f} ms ({minutes_felt} over 100 ms); "
          + transcribing_report.splitlines()[0] + "; " + minutes_report.splitlines()[0])
    # Work on the window's thread stalls it again and again, or for long. With the models on both of
    # two cores, the scheduler once kept the window waiting 181 ms in a two-minute job (one CI run
    # of many): one such stall is allowed, not two, and none of 300 ms.
    assert transcribing_felt <= 1 and transcribing_latency < 300, transcribing_report
    assert minutes_felt <= 1 and minutes_latency < 300, minutes_report
    view = window.minutes_view
    assert view.actions.rowCount() >= 1 and view.decisions.rowCount() >= 1

    view.actions.item(0, 1).setText("各部署への周知文を作成する（修正済み）")
    view.actions.item(0, 2).setText("2025年12月12日")
    assert view.user_edited
    out = tmp_path / "export"
    written = window.export_to(out, ["docx", "csv"], ExportOptions())
    doc = Document(str(written[0]))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "各部署への周知文を作成する（修正済み）" in cells and "令和7年12月12日" in cells  # in the page's era
    window.save_now()
    saved = json.loads((window.folder / "minutes.json").read_text(encoding="utf-8"))
    assert saved["action_items"][0]["task"] == "各部署への周知文を作成する（修正済み）"

    # Regeneration asks first; answering no keeps the clerk's edits.
    window.confirm = lambda question: False
    assert not window.generate_minutes()
    assert view.actions.item(0, 1).text() == "各部署への周知文を作成する（修正済み）"

    # A click on an item's source lines jumps to the transcript.
    ref = saved["action_items"][0]["refs"][0]
    view.jump.emit(ref)
    assert window.tabs.currentWidget() is window.transcript_view
    assert window.transcript_view.table.currentRow() == window.transcript_view.row_of(ref)


@pytest.mark.models
def test_cancel_stops_transcription(window, qtbot):
    assert window.import_file(SAMPLE_WAV)
    qtbot.waitUntil(lambda: window.job_status.progress.value() > 0, timeout=60000)
    started = time.monotonic()
    window.cancel_button.click()
    wait_job(qtbot, window, 15)
    assert time.monotonic() - started < 5
    assert window.transcript_view.table.rowCount() == 0
    assert not (window.folder / "transcript.json").exists()
    assert "中止" in window.statusBar().currentMessage()


def test_corrupt_file_shows_a_japanese_dialog_and_the_app_goes_on(window, qtbot, tmp_path):
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" * 10)
    assert window.import_file(bad)
    wait_job(qtbot, window, 30)
    assert window.last_error is not None and window.last_error.isVisible()
    assert "音声として読み込めない" in window.last_error.text()
    assert "Traceback" not in window.last_error.text()
    window.last_error.accept()
    # Still usable: a new meeting can be made and its info edited.
    window.new_meeting()
    window.info.title.setText("次の会議")
    assert window.import_button.isEnabled()


def test_transcript_editing_tools(window, qtbot):
    from desktop.core.types import Segment, Transcript
    t = Transcript([Segment(1, 0, 2, "決策について", "話者1"), Segment(2, 2, 4, "賛成です", "話者2"),
                    Segment(3, 4, 6, "決策を承認します", "話者1")], duration=6)
    window.transcript_view.set_transcript(t)
    window.transcript_view.table.item(0, 1).setText("木村室長")
    assert [s.speaker for s in t.segments] == ["木村室長", "話者2", "木村室長"]
    window.transcript_view.find_text.setText("決策")
    window.transcript_view.replace_text.setText("決裁")
    assert window.transcript_view.replace_all() == 2
    assert t.segments[2].text == "決裁を承認します"
    assert window.transcript_view.table.item(2, 2).text() == "決裁を承認します"


def test_meetings_are_listed_and_reopened(qtbot, japanese, tmp_path):
    settings = config.Settings(storage_dir=str(tmp_path / "meetings"))
    first = MainWindow(settings, config.model_catalog())
    qtbot.addWidget(first)
    first.info.title.setText("予算委員会")
    folder = first.ensure_folder()
    from desktop.core.types import Segment, Transcript
    first.meetings.save_transcript(folder, Transcript([Segment(1, 0, 1, "開会します。")], duration=1))
    first.close()
    second = MainWindow(settings, config.model_catalog())
    qtbot.addWidget(second)
    assert second.recent.count() == 1 and "予算委員会" in second.recent.item(0).text()
    second.open_meeting(Path(second.recent.item(0).data(256)))
    assert second.info.title.text() == "予算委員会"
    assert second.transcript_view.table.item(0, 2).text() == "開会します。"


@pytest.mark.models
def test_settings_dialog_validates_a_users_model(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from desktop.ui.settings_dialog import SettingsDialog
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog = SettingsDialog(window.settings, window.catalog, window)
    qtbot.addWidget(dialog)
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"not a model")
    assert not dialog.add_model(str(fake), "llm")
    assert shown and "壊れているか" in shown[0]
    assert dialog.result_settings().model_llm == "qwen2.5-1.5b"


def test_recording_in_the_window_shows_live_lines(window, qtbot, pulse, tmp_path):
    """Record through the window while the sample plays into the PulseAudio sink: lines appear live."""
    import subprocess
    from audio_files import speech_clip, write_wav
    clip = write_wav(tmp_path / "clip.wav", speech_clip(SAMPLE_WAV, 1.0, 32.0))
    window.info.title.setText("録音テスト")
    window.record_panel.refresh_devices()
    assert window.record_panel.record_button.isEnabled()
    window.record_panel.record_button.click()
    assert window.record_panel.session is not None
    player = subprocess.Popen(["paplay", str(clip)])
    try:
        qtbot.waitUntil(lambda: window.transcript_view.table.rowCount() >= 1, timeout=40000)
        assert window.transcript_view.table.item(0, 1).text() == "話者1"   # speakers live, not only after Stop
        assert window.record_panel.elapsed.text() != "00:00:00"
        assert window.record_panel.level_text.text() in ("良好", "音が小さすぎます：マイクを確認してください",
                                                         "音割れ：マイクを離してください")
    finally:
        player.wait(timeout=60)
    draft = window.recording.session.draft
    assert draft is not None  # on by default: the minutes are drafted during the meeting
    qtbot.waitUntil(lambda: draft.passes >= 1, timeout=60000)
    window.record_panel.stop_button.click()
    stopped = time.monotonic()
    # The last piece is transcribed while the draft may be reading a prompt it cannot interrupt
    # (up to ~15 s on 2 cores): this checks that the transcript comes, bench/draft.py how fast.
    qtbot.waitUntil(lambda: window.transcript_view.player is not None, timeout=120000)
    assert (window.folder / "audio.wav").exists()
    text = "".join(s.text for s in window.transcript_view.transcript.segments)
    assert "ペーパーレス" in text and "議題" in text
    # The clip holds the chair and the secretariat: two voices, every line labelled, saved too.
    saved = json.loads((window.folder / "transcript.json").read_text(encoding="utf-8"))
    assert all(s["speaker"] for s in saved["segments"]) and 1 <= len(saved["speakers"]) <= 3
    # Then the minutes, from the draft, without the clerk asking.
    qtbot.waitUntil(lambda: (window.folder / "minutes.json").exists() and not window.jobs.busy, timeout=120000)
    print(f"Stop -> minutes {time.monotonic() - stopped:.1f} s, draft passes {draft.passes}, "
          f"model waited {draft.waited_s:.1f} s for live transcription")
    assert draft.error is None and window.recording.session is None
    minutes = json.loads((window.folder / "minutes.json").read_text(encoding="utf-8"))
    assert minutes["title"] == "録音テスト" and minutes["agenda"]
    assert window.minutes_view.agenda.rowCount() == len(minutes["agenda"])
    assert window.tabs.currentWidget() is window.minutes_view


def test_unfinished_recording_is_offered_for_recovery(qtbot, japanese, tmp_path, monkeypatch):
    import numpy as np
    from PySide6.QtWidgets import QMessageBox
    from desktop.core import recorder, store, wavfile
    meetings = tmp_path / "meetings"
    folder = meetings / "20260130-crashed"
    folder.mkdir(parents=True)
    store.write_json(folder / "meeting.json", {"title": "停電した会議"})
    w = wavfile.WavAppender(folder / "audio.wav")
    w.append(np.zeros(16000 * 3, "<i2").tobytes())
    w._f.flush()  # the header still says 0 bytes: as a killed process leaves it
    store.write_json(folder / "recording.json", {"state": "recording", "events": [{"kind": "start", "at": 0}]})
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.Yes)
    window = MainWindow(config.Settings(storage_dir=str(meetings)), config.model_catalog())
    qtbot.addWidget(window)
    window.offer_recovery()
    assert asked and "復元" in asked[0]
    assert not recorder.is_unfinished(folder)
    assert window.folder == folder and window.info.title.text() == "停電した会議"
    import wave
    with wave.open(str(folder / "audio.wav")) as r:
        assert r.getnframes() == 16000 * 3


def test_dictionaries_are_edited_and_used(window, qtbot):
    from desktop.ui.vocabulary_dialog import VocabularyDialog
    from desktop.core.pipeline import vocabulary_for
    from desktop.core.types import Meeting
    dialog = VocabularyDialog(window)
    qtbot.addWidget(dialog)
    assert "決裁" in dialog.admin.toPlainText()            # the built-in list is visible
    dialog.user.setPlainText("議会事務局\tぎかいじむきょく")
    dialog.admin.setPlainText("\n".join(line for line in dialog.admin.toPlainText().splitlines()
                                         if not line.startswith("決裁\t")))
    dialog.save()
    v = vocabulary_for(Meeting(), config.load_user_terms())
    assert v.correct_text("義会事務局です。")[0] == "議会事務局です。"
    assert not any(t.surface == "決裁" for t in v.terms)    # the clerk removed it
    again = VocabularyDialog(window)
    qtbot.addWidget(again)
    again._restore()
    again.save()
    assert not config.admin_vocabulary_file().exists()


def test_section_headings_are_edited_and_used_by_export(japanese, qtbot, tmp_path):
    from desktop.core.export import export
    from desktop.core.types import Minutes
    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.headings_dialog import HeadingsDialog, user_template

    dialog = HeadingsDialog("gijiroku")
    qtbot.addWidget(dialog)
    rows = {key: (box, edit) for key, box, edit in dialog.rows}
    assert rows["summary"][1].text() == "議事内容" and rows["summary"][0].text() == "議事の内容"
    rows["summary"][1].setText("審議経過")
    rows["next_meeting"][0].setChecked(False)
    dialog.save()
    assert user_template("gijiroku").exists()

    export_dialog = ExportDialog(tmp_path)
    qtbot.addWidget(export_dialog)
    export_dialog.template.setCurrentIndex(export_dialog.template.findData("gijiroku"))
    options = export_dialog.options()
    assert options.template == str(user_template("gijiroku"))
    minutes = Minutes.from_json(json.loads((Path(__file__).parents[1] / "resources/samples/paperless.minutes.json")
                                           .read_text(encoding="utf-8")))
    out = export("docx", tmp_path / "m.docx", minutes, None, options)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "審議経過" in text and "議事内容" not in text and "次回予定" not in text

    # Restore defaults: the built-in template again.
    again = HeadingsDialog("gijiroku")
    qtbot.addWidget(again)
    assert {k: e.text() for k, _b, e in again.rows}["summary"] == "審議経過"
    again.restore()
    assert not user_template("gijiroku").exists()
    assert ExportDialog(tmp_path).options().template == "gijiyoshi"

    # A damaged copy opens as the standard headings instead of failing.
    user_template("gijiyoshi").parent.mkdir(parents=True, exist_ok=True)
    user_template("gijiyoshi").write_text("[1, 2]", encoding="utf-8")
    damaged = HeadingsDialog("gijiyoshi")
    qtbot.addWidget(damaged)
    assert {k: e.text() for k, _b, e in damaged.rows}["summary"] == "議事概要"


def test_devices_are_not_rescanned_while_a_job_runs(window, monkeypatch):
    """A re-scan restarts PortAudio on the UI thread (tens to hundreds of ms): never during a job."""
    from desktop.ui import record_panel
    scans = []
    monkeypatch.setattr(record_panel, "list_inputs", lambda: scans.append(1) or [])
    monkeypatch.setattr(window.record_panel, "isVisible", lambda: True)
    window.record_panel._rescan_if_idle()
    assert scans == [1]
    monkeypatch.setattr(type(window.jobs), "busy", property(lambda self: True))
    window.record_panel._rescan_if_idle()
    assert scans == [1]


def test_lines_whisper_was_unsure_of_are_shaded_and_stepped_through(window, qtbot):
    from desktop.core.types import Segment, Transcript
    from desktop.ui.transcript_view import TO_CHECK

    view = window.transcript_view
    lines = [Segment(1, 0.0, 2.0, "本日はお集まりいただきありがとうございます。", confidence="ok", score=0.93),
             Segment(2, 2.5, 4.0, "消知しました。", confidence="low", score=0.46),
             Segment(3, 4.5, 6.0, "次の議題に移ります。", confidence="ok", score=0.9),
             Segment(4, 6.5, 8.0, "財政会と協議します。", confidence="low", score=0.7)]
    view.set_transcript(Transcript(lines, 8.0))
    assert view.check_button.text() == "要確認: 2 行 ▶" and view.check_button.isEnabled()
    assert view.table.item(1, 2).background().color() == TO_CHECK
    assert view.table.item(0, 2).background().color() != TO_CHECK
    assert "確認" in view.table.item(1, 2).toolTip()
    assert "「財政会」" not in view.table.item(3, 2).toolTip()   # a real word: Whisper's doubt alone
    garbled = Segment(4, 6.5, 8.0, "集合検習も組み合わせます。", confidence="low")
    view.set_transcript(Transcript(lines[:3] + [garbled], 8.0))
    assert "聞き違い" in view.table.item(3, 2).toolTip() and "「検習」" in view.table.item(3, 2).toolTip()
    view.set_transcript(Transcript(lines, 8.0))
    assert view.next_to_check() == 1 and view.table.currentRow() == 1
    assert view.next_to_check() == 3
    assert view.next_to_check() == 1  # wraps
    view.table.item(1, 2).setText("承知しました。")  # the clerk corrected it: checked
    assert view.transcript.segments[1].confidence == "ok"
    assert view.check_button.text() == "要確認: 1 行 ▶"
    assert view.table.item(1, 2).background().color() != TO_CHECK
    view.table.item(3, 2).setBackground(TO_CHECK)  # a colour change is not an edit
    assert view.transcript.segments[3].confidence == "low"


def test_minutes_that_copy_a_misheard_word_are_tinted_for_the_clerk(window):
    from desktop.core.types import ActionItem, AgendaItem, Item, Minutes
    from desktop.ui.minutes_view import MISHEARD_TINT

    view = window.minutes_view
    view.set_minutes(Minutes(agenda=[AgendaItem("研修の進め方", "集合検習も組み合わせる案が出された。", [3])],
                             decisions=[Item("道論なしと認めた。", [7]), Item("研修は二月に行う。", [8])],
                             action_items=[ActionItem("松本主任", "会場を確保する", "1月16日", [9])]))
    summary, decided, plain = view.agenda.item(0, 1), view.decisions.item(0, 0), view.decisions.item(1, 0)
    assert summary.background().color() == MISHEARD_TINT and "「検習」" in summary.toolTip()
    assert decided.background().color() == MISHEARD_TINT and "聞き違い" in decided.toolTip()
    assert plain.background().color() != MISHEARD_TINT and not plain.toolTip()
    assert view.agenda.item(0, 0).background().color() != MISHEARD_TINT
    assert not view.user_edited
    decided.setText("討論なしと認めた。")   # the clerk mended it
    assert decided.background().color() != MISHEARD_TINT and not decided.toolTip()
    assert view.user_edited and view.minutes().decisions[0].text == "討論なしと認めた。"
    assert view.decisions.item(0, 1).toolTip()   # the source column keeps its own tooltip


def test_speech_without_text_is_counted_on_the_check_button(window, qtbot):
    from desktop.core.coverage import GAP_TEXT
    from desktop.core.types import Segment, Transcript

    view = window.transcript_view
    lines = [Segment(1, 0.0, 2.0, "開会いたします。", confidence="ok"),
             Segment(2, 2.5, 6.0, GAP_TEXT, confidence="low"),
             Segment(3, 6.5, 8.0, "財政会と協議します。", confidence="low")]
    view.set_transcript(Transcript(lines, 8.0))
    assert view.check_button.text() == "要確認: 2 行（うち聴取不能 1） ▶"
    assert "再生して" in view.table.item(1, 2).toolTip()
    view.table.item(1, 2).setText("ただいまから委員会を開きます。")  # the clerk typed what was said
    assert view.check_button.text() == "要確認: 1 行 ▶"


def test_speaker_legend_and_tools(window, qtbot):
    import numpy as np

    from desktop.core.types import Segment, SpeakerInfo, Transcript
    lines = [Segment(1, 0, 4, "事務局の池田です。", "池田主事"), Segment(2, 4, 6, "よろしくお願いします。", "池田主事"),
             Segment(3, 6, 10, "質問があります。それと要望です。", "話者2"), Segment(4, 10, 12, "はい。", "話者3")]
    table = [SpeakerInfo("話者1", "池田主事", 1, "self_introduction"), SpeakerInfo("話者2"), SpeakerInfo("話者3")]
    t = Transcript(lines, duration=12, speakers=table)
    view = window.transcript_view
    view.set_transcript(t)
    legend = view.speaker_panel.legend.text()
    assert "池田主事 0:06（2行）" in legend and "1行目の自己紹介から推定" in legend and "話者2 0:04（1行）" in legend
    assert view.rename_speaker("話者2", "山本委員")
    assert view.table.item(2, 1).text() == "山本委員" and view.transcript.speakers[1].confirmed
    assert "山本委員 0:04（1行）" in view.speaker_panel.legend.text()
    assert view.merge_speakers("話者3", "山本委員")                 # one voice heard as two
    assert [s.speaker for s in view.transcript.segments] == ["池田主事", "池田主事", "山本委員", "山本委員"]
    assert [p.voice for p in view.transcript.speakers] == ["話者1", "話者2"]
    assert view.reassign_line(1, "山本委員") and view.table.item(1, 1).text() == "山本委員"
    assert view.transcript.segments[0].speaker == "池田主事"           # only that line moved
    view.set_audio(np.zeros(16000 * 12, dtype=np.float32))
    view.player.seek(8.2)
    view.table.selectRow(2)
    assert view.split_at_playback()
    assert [s.text for s in view.transcript.segments[2:4]] == ["質問があります。", "それと要望です。"]
    assert view.table.rowCount() == 5 and view.transcript.segments[3].start == pytest.approx(8.2)


def test_text_levels_show_what_changed_and_undo_on_one_line(window):
    from desktop.core.types import Segment, Transcript
    t = Transcript([Segment(1, 0, 3, "えー、本日の議題は二点です。"), Segment(2, 3, 6, "予算は百二十万円です。"),
                    Segment(3, 6, 9, "あのー、予算が、予算が足りません。")], duration=9)
    view = window.transcript_view
    view.set_transcript(t)
    assert view.level_box.itemText(1) == "ケバ取り"
    view.level_box.setCurrentIndex(1)
    assert view.table.item(0, 2).text() == "本日の議題は二点です。"
    assert view.table.item(0, 2).toolTip() == "発言どおり: えー、本日の議題は二点です。"
    assert view.changed_rows() == [0, 2]
    assert view.keep_verbatim(2)                                   # the clerk undoes it on one line
    assert view.table.item(2, 2).text() == "あのー、予算が、予算が足りません。" and view.transcript.segments[2].verbatim
    assert view.changed_rows() == [0]
    assert view.transcript.segments[0].text == "えー、本日の議題は二点です。"   # the transcript keeps what was said
    view.show_level("verbatim")
    assert view.table.item(0, 2).text() == "えー、本日の議題は二点です。"


def test_lines_marked_secret_or_struck_out_leave_the_public_copy(window, tmp_path):
    from desktop.core.export import ExportOptions, export
    from desktop.core.types import Segment, Transcript
    view = window.transcript_view
    view.set_transcript(Transcript([Segment(1, 0, 3, "公開の発言です。", "話者1"),
                                    Segment(2, 3, 6, "この発言は取り消します。", "話者2")], duration=6))
    assert view.withheld_box.itemText(2) == "取消し"
    view.table.selectRow(1)
    assert view.mark_withheld(1, "struck") and view.table.item(1, 2).toolTip() == "取消し"
    assert view.table.item(1, 2).text() == "この発言は取り消します。"        # the words themselves unchanged
    for public in (False, True):
        out = tmp_path / f"{public}.txt"
        export("txt", out, None, view.transcript, ExportOptions(public=public))
        assert ("取り消します" in out.read_text(encoding="utf-8")) is not public
