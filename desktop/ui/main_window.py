"""The main window: recent meetings on the left; the meeting's info, recording, transcript and
minutes in tabs; long work in the status bar with progress, time left and cancel."""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from desktop import config, messages
from desktop.core import audio, errors, llm, pipeline, reading, recorder, transcription, wavfile
from desktop.core.export import export
from desktop.core.draft import MinutesDraft
from desktop.core.live import LiveTranscriber
from desktop.core.meetings import MeetingStore
from desktop.core.minutes import MinutesWriter
from desktop.core.models import ModelCatalog
from desktop.core.transcription import WhisperTranscriber
from desktop.core.types import Meeting
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.jobs import JobRunner
from desktop.ui.meeting_info import MeetingInfoPanel
from desktop.ui.minutes_view import MinutesView
from desktop.ui.record_panel import RecordPanel
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.transcript_view import TranscriptView

log = logging.getLogger("gijiroku.ui")
AUDIO_FILTER = "Audio/Video (*.wav *.mp3 *.m4a *.aac *.flac *.ogg *.mp4 *.mov *.webm)"
AUTOSAVE_MS = 3000


class MainWindow(QMainWindow):
    def __init__(self, settings: config.Settings, catalog: ModelCatalog):
        super().__init__()
        self.settings, self.catalog = settings, catalog
        self.lang = settings.ui_language
        self.meetings = MeetingStore(settings.meetings_dir())
        self.jobs = JobRunner(self.lang, self)
        self.folder: Optional[Path] = None
        self.live: Optional[LiveTranscriber] = None
        self.draft: Optional[MinutesDraft] = None
        self._draft_meeting = Meeting()   # the meeting as the draft thread may read it (set in the UI thread)
        self._finish_draft = False        # after the transcript is finished, write the minutes from the draft
        self._writer: Optional[tuple[str, MinutesWriter]] = None
        self._writer_lock = threading.Lock()
        self.last_error: Optional[QMessageBox] = None
        self._dirty = False
        self._transcriber: Optional[WhisperTranscriber] = None
        self._transcriber_lock = threading.Lock()
        for engine in (llm, reading, transcription):
            engine.preload()  # before the window shows: a first import in a job would freeze it
        self.setWindowTitle(self.tr("Gijiroku - meeting minutes"))
        self.resize(1200, 800)
        self._build()
        self._menus()
        self._wire()
        self.refresh_recent()
        self.record_panel.refresh_devices()
        self._restore_layout()

    # ---- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(self.tr("Recent meetings")))
        self.recent = QListWidget()
        lv.addWidget(self.recent, 1)
        self.new_button = QPushButton(self.tr("New meeting"))
        self.import_button = QPushButton(self.tr("Import audio/video file..."))
        lv.addWidget(self.new_button)
        lv.addWidget(self.import_button)

        self.tabs = QTabWidget()
        self.info = MeetingInfoPanel()
        self.record_panel = RecordPanel(self.lang)
        self.transcript_view = TranscriptView(self.lang)
        self.minutes_view = MinutesView()
        self.tabs.addTab(self.info, self.tr("Meeting"))
        self.tabs.addTab(self.record_panel, self.tr("Recording"))
        self.tabs.addTab(self.transcript_view, self.tr("Transcript"))
        self.tabs.addTab(self.minutes_view, self.tr("Minutes"))

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 880])
        self.setCentralWidget(self.splitter)

        bar = self.statusBar()
        self.draft_label = QLabel()
        bar.addWidget(self.draft_label)
        self.job_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(300)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.job_label, self.progress, self.cancel_button):
            row.addWidget(w)
        bar.addPermanentWidget(holder)
        self._show_busy(False)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.action_new = self._action(file_menu, self.tr("New meeting"), QKeySequence.New, self.new_meeting)
        self.action_import = self._action(file_menu, self.tr("Import audio/video file..."), QKeySequence.Open,
                                          self.choose_import)
        self.action_export = self._action(file_menu, self.tr("Export..."), "Ctrl+E", self.export_dialog)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Quit"), QKeySequence.Quit, self.close)
        rec_menu = self.menuBar().addMenu(self.tr("&Recording"))
        self._action(rec_menu, self.tr("Record"), "Ctrl+R", self.record_panel.start_requested)
        self._action(rec_menu, self.tr("Pause / resume"), "Ctrl+Shift+P", self.record_panel.toggle_pause)
        self._action(rec_menu, self.tr("Stop"), "Ctrl+Shift+S", self.record_panel.stop)
        self._action(rec_menu, self.tr("Play / pause"), "Ctrl+Space", self.transcript_view.toggle_play)
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self._action(tools, self.tr("Dictionaries..."), "Ctrl+D", self.open_dictionaries)
        self._action(tools, self.tr("Settings..."), "Ctrl+,", self.open_settings)

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _wire(self) -> None:
        self.new_button.clicked.connect(self.new_meeting)
        self.import_button.clicked.connect(self.choose_import)
        self.recent.itemActivated.connect(lambda item: self.open_meeting(Path(item.data(Qt.UserRole))))
        self.recent.itemClicked.connect(lambda item: self.open_meeting(Path(item.data(Qt.UserRole))))
        self.info.changed.connect(self._mark_dirty)
        self.transcript_view.edited.connect(self._mark_dirty)
        self.transcript_view.error.connect(self.show_error)
        self.minutes_view.edited.connect(self._mark_dirty)
        self.minutes_view.generate.connect(self.generate_minutes)
        self.minutes_view.jump.connect(self._jump)
        self.record_panel.folder_provider = self._folder_for_recording
        self.record_panel.may_rescan = lambda: not self.jobs.busy and not (
            self.transcript_view.player is not None and self.transcript_view.player.playing)
        self.record_panel.started.connect(self._recording_started)
        self.record_panel.stopped.connect(self._recording_stopped)
        self.record_panel.error.connect(self.show_error)
        self.jobs.progressed.connect(self._progress)
        self.jobs.finished.connect(self._job_finished)
        self.jobs.failed.connect(self._job_failed)
        self.jobs.busy_changed.connect(self._show_busy)
        self.cancel_button.clicked.connect(self.jobs.cancel)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_now)
        self.autosave.start()
        self.live_poll = QTimer(self)
        self.live_poll.setInterval(1000)
        self.live_poll.timeout.connect(self._poll_live)

    # ---- meetings ------------------------------------------------------------------------------
    def refresh_recent(self) -> None:
        self.recent.clear()
        for s in self.meetings.recent():
            item = QListWidgetItem(f"{s.date}  {s.title or self.tr('(untitled)')}")
            item.setData(Qt.UserRole, str(s.folder))
            self.recent.addItem(item)

    def new_meeting(self) -> None:
        self.save_now()
        self._forget_writer()
        self.folder = None
        self.info.set_meeting(Meeting())
        self.transcript_view.set_transcript(None)
        self.transcript_view.set_audio(None)
        self.minutes_view.set_minutes(None)
        self.tabs.setCurrentWidget(self.info)

    def _ensure_folder(self) -> Path:
        if self.folder is None:
            self.folder = self.meetings.create(self.info.meeting())
            self.refresh_recent()
        return self.folder

    def open_meeting(self, folder: Path) -> None:
        if self.jobs.busy or self.record_panel.recorder is not None or folder == self.folder:
            return
        self.save_now()
        self._forget_writer()
        try:
            meeting = self.meetings.load_meeting(folder)
            transcript = self.meetings.load_transcript(folder)
            minutes = self.meetings.load_minutes(folder)
        except errors.GijirokuError as exc:
            self.show_error(messages.describe(exc, self.lang))
            return
        self.folder = folder
        self.info.set_meeting(meeting)
        self.transcript_view.set_transcript(transcript)
        self.minutes_view.set_minutes(minutes)
        self._dirty = False
        self._load_audio_for_playback()
        self.tabs.setCurrentWidget(self.minutes_view if minutes else self.transcript_view if transcript else self.info)

    def save_now(self) -> None:
        if not self._dirty or self.folder is None:
            return
        try:
            self.meetings.save_meeting(self.folder, self.info.meeting())
            if self.transcript_view.transcript is not None and self.record_panel.recorder is None:
                self.meetings.save_transcript(self.folder, self.transcript_view.transcript)
            if self.minutes_view.base is not None and (self.minutes_view.user_edited or
                                                       (self.folder / "minutes.json").exists()):
                self.meetings.save_minutes(self.folder, self.minutes_view.minutes())
            self._dirty = False
        except errors.GijirokuError as exc:
            self.show_error(messages.describe(exc, self.lang))

    def _mark_dirty(self) -> None:
        self._dirty = True

    # ---- models --------------------------------------------------------------------------------
    def engine(self) -> pipeline.EngineSettings:
        return pipeline.EngineSettings(self.settings.model_asr, self.settings.model_llm, self.settings.cpu_threads)

    def transcriber(self) -> WhisperTranscriber:
        """Loaded once and kept: file import and live transcription share it (never at the same time)."""
        with self._transcriber_lock:
            if self._transcriber is None:
                _, path = self.catalog.resolve(self.settings.model_asr, "asr")
                self._transcriber = WhisperTranscriber(path, cpu_threads=self.settings.cpu_threads)
            return self._transcriber

    def writer(self) -> MinutesWriter:
        """One minutes writer per meeting and model, kept: it remembers every answer of the model, so
        minutes drafted during recording, or re-created after a few lines were corrected, cost only
        the questions about what changed."""
        with self._writer_lock:
            name = self.settings.model_llm
            if self._writer is None or self._writer[0] != name:
                self._writer = (name, MinutesWriter(pipeline.open_chat(self.catalog, self.engine())))
            return self._writer[1]

    def _forget_writer(self) -> None:
        if self.draft is None:
            with self._writer_lock:
                self._writer = None

    # ---- import and transcription ------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a meeting recording"), "", self.tr(AUDIO_FILTER))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        if self.jobs.busy or self.record_panel.recorder is not None:
            return False
        if self.folder is not None and self.transcript_view.transcript is not None:
            self.new_meeting()
        if not self.info.title.text().strip():
            self.info.title.setText(path.stem)
        folder = self._ensure_folder()
        self.meetings.set_source(folder, path)
        meeting = self.info.meeting()

        def work(progress, cancel):
            samples = audio.decode(path)
            transcript = pipeline.transcribe_samples(self.transcriber(), samples, meeting, progress, cancel,
                                                     config.load_user_terms())
            self.meetings.save_transcript(folder, transcript)
            return transcript, samples

        return self.jobs.start(self.tr("Transcribing"), work)

    # ---- recording -------------------------------------------------------------------------------
    def _folder_for_recording(self) -> Optional[Path]:
        if self.jobs.busy:
            return None
        if self.folder is not None and self.meetings.audio_path(self.folder) is not None \
                and not (self.folder / "audio.wav").exists():
            self.new_meeting()  # an imported meeting: record into a new one
        folder = self._ensure_folder()
        try:
            meeting = self.info.meeting()
            vocabulary = pipeline.vocabulary_for(meeting, config.load_user_terms())
            # Recording again in a meeting that has audio (after an unplugged microphone, or to add
            # a second part) continues it: the new lines follow the transcript already there.
            earlier, start_s = None, 0.0
            if (folder / "audio.wav").exists():
                start_s = wavfile.repair(folder / "audio.wav")
                earlier = self.meetings.load_transcript(folder)
            self.live = LiveTranscriber(self.transcriber(), folder / "transcript.json",
                                        pipeline.transcription_options(meeting), earlier=earlier, start_s=start_s,
                                        correct=lambda t: vocabulary.correct(t)[0])
        except errors.GijirokuError as exc:
            self.show_error(messages.describe(exc, self.lang))
            return None
        self.record_panel.on_audio = self.live.feed
        self.transcript_view.set_transcript(earlier)
        has_minutes = (folder / "minutes.json").exists() or self.minutes_view.user_edited
        if self.settings.draft_while_recording and not has_minutes:
            # Minutes the clerk already has are never replaced behind their back: no draft then.
            self._draft_meeting = meeting
            self.draft = MinutesDraft(self.writer, self.live.transcript, lambda: self._draft_meeting,
                                      busy=lambda live=self.live: live.working)
        return folder

    def _recording_started(self, folder: Path) -> None:
        self.tabs.setCurrentWidget(self.transcript_view)
        self.live_poll.start()
        self.minutes_view.generate_button.setEnabled(False)

    def _poll_live(self) -> None:
        if self.live is None:
            return
        shown = len(self.transcript_view.transcript.segments) if self.transcript_view.transcript else 0
        new = self.live.segments[shown:]
        if new:
            self.transcript_view.append_segments(list(new))
        if self.draft is not None:
            self._draft_meeting = self.info.meeting()
            self.draft_label.setText(self.tr("Minutes draft: up to line %1").replace("%1", str(self.draft.drafted_lines)))

    def _recording_stopped(self, folder: Path) -> None:
        self.live_poll.stop()
        live, self.live = self.live, None
        self.minutes_view.generate_button.setEnabled(True)
        self._finish_draft = self.draft is not None

        def work(progress, cancel):
            transcript = live.finish() if live is not None else self.meetings.load_transcript(folder)
            self.meetings.save_transcript(folder, transcript)
            return transcript, audio.decode(folder / "audio.wav")

        self.jobs.start(self.tr("Finishing the transcript"), work)

    # ---- minutes -----------------------------------------------------------------------------------
    def _minutes_from_draft(self) -> None:
        """Right after Stop: the draft has asked most questions already; the rest take seconds."""
        draft, self.draft = self.draft, None
        self.draft_label.clear()
        transcript = self.transcript_view.transcript
        if draft is None or transcript is None or not transcript.segments:
            if draft is not None:
                draft.stop()
            return
        folder, meeting = self._ensure_folder(), self.info.meeting()

        def work(progress, cancel):
            minutes = draft.finish(transcript, meeting, self.writer, progress, cancel)
            self.meetings.save_minutes(folder, minutes)
            return minutes

        self.jobs.start(self.tr("Writing the minutes"), work)

    def generate_minutes(self) -> bool:
        transcript = self.transcript_view.transcript
        if self.jobs.busy or transcript is None or not transcript.segments:
            return False
        if self.minutes_view.user_edited and not self.confirm(
                self.tr("Re-create the minutes? Your edits to the current minutes will be replaced.")):
            return False
        folder = self._ensure_folder()
        meeting = self.info.meeting()

        def work(progress, cancel):
            minutes = self.writer().write(transcript, meeting, progress, cancel)
            self.meetings.save_minutes(folder, minutes)
            return minutes

        return self.jobs.start(self.tr("Writing the minutes"), work)

    def confirm(self, question: str) -> bool:
        return QMessageBox.question(self, self.tr("Confirm"), question) == QMessageBox.Yes

    def _jump(self, segment_id: int) -> None:
        self.tabs.setCurrentWidget(self.transcript_view)
        self.transcript_view.jump_to(segment_id)

    # ---- export --------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.folder is None:
            return
        dialog = ExportDialog(self.folder / "export", self)
        if dialog.exec():
            self.export_to(Path(dialog.folder.text()), dialog.formats(), dialog.options(), dialog.open_folder.isChecked())

    def export_to(self, folder: Path, formats: list[str], options, open_folder: bool = False) -> list[Path]:
        self.save_now()
        minutes = self.minutes_view.minutes() if self.minutes_view.base is not None else None
        transcript = self.transcript_view.transcript
        base = (self.info.meeting().title or "minutes").replace("/", "_")
        written = []
        try:
            for fmt in formats:
                stem = base if fmt not in ("srt", "vtt") else base + "_transcript"
                written.append(export(fmt, folder / f"{stem}.{fmt}", minutes, transcript, options))
        except (errors.GijirokuError, ValueError) as exc:
            self.show_error(messages.describe(exc, self.lang) if isinstance(exc, errors.GijirokuError)
                            else self.tr("Create the minutes before exporting this format."))
            return written
        if open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(folder)), 8000)
        return written

    # ---- settings ------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.catalog, self)
        if dialog.exec():
            new = dialog.result_settings()
            if (new.model_asr, new.cpu_threads) != (self.settings.model_asr, self.settings.cpu_threads):
                self._transcriber = None
            self.settings = new
            self.meetings = MeetingStore(new.meetings_dir())
            try:
                config.save_settings(new)
            except errors.GijirokuError as exc:
                self.show_error(messages.describe(exc, self.lang))
            self.refresh_recent()

    def open_dictionaries(self) -> None:
        from desktop.ui.vocabulary_dialog import VocabularyDialog

        VocabularyDialog(self).exec()

    # ---- jobs ------------------------------------------------------------------------------------------
    def _show_busy(self, busy: bool) -> None:
        for w in (self.job_label, self.progress, self.cancel_button):
            w.setVisible(busy)
        for w in (self.import_button, self.new_button, self.minutes_view.generate_button):
            w.setEnabled(not busy)
        self.progress.setValue(0)
        self.job_label.setText(self.jobs.label if busy else "")

    def _progress(self, label: str, fraction: float, left: float) -> None:
        self.progress.setValue(int(fraction * 1000))
        eta = f" — {self.tr('about')} {int(left) // 60}:{int(left) % 60:02d} {self.tr('left')}" if left >= 0 else ""
        self.job_label.setText(label + eta)

    def _job_finished(self, label: str, result) -> None:
        from desktop.core.types import Minutes, Transcript

        if isinstance(result, tuple) and isinstance(result[0], Transcript):
            transcript, samples = result
            self.transcript_view.set_transcript(transcript)
            self.transcript_view.set_audio(samples)
            self.tabs.setCurrentWidget(self.transcript_view)
            if self._finish_draft:
                self._finish_draft = False
                self._minutes_from_draft()
        elif isinstance(result, Minutes):
            self.minutes_view.set_minutes(result)
            self.tabs.setCurrentWidget(self.minutes_view)
        self.refresh_recent()

    def _job_failed(self, label: str, sentence: str, cancelled: bool) -> None:
        if self._finish_draft:  # the transcript did not finish: no minutes from it
            self._finish_draft = False
            draft, self.draft = self.draft, None
            draft.stop()
            self.draft_label.clear()
        if cancelled:
            self.statusBar().showMessage(sentence, 5000)
        else:
            self.show_error(sentence)

    def show_error(self, sentence: str) -> None:
        """A short dialog in the user's language; it does not block the window (details are in the log)."""
        box = QMessageBox(QMessageBox.Warning, self.tr("Gijiroku"), sentence, QMessageBox.Ok, self)
        box.setWindowModality(Qt.WindowModal)
        box.open()
        self.last_error = box

    def _load_audio_for_playback(self) -> None:
        path = self.meetings.audio_path(self.folder) if self.folder else None
        if path is None:
            self.transcript_view.set_audio(None)
            return
        holder = {}

        def decode():
            try:
                holder["samples"] = audio.decode(path)
            except errors.GijirokuError:
                holder["samples"] = None
        thread = threading.Thread(target=decode, daemon=True)
        thread.start()

        def check():
            if thread.is_alive():
                QTimer.singleShot(200, check)
            else:
                self.transcript_view.set_audio(holder.get("samples"))
        check()

    def offer_recovery(self) -> None:
        """At start-up: a recording that never stopped cleanly (crash, power cut) is offered back."""
        for folder in recorder.find_unfinished(self.settings.meetings_dir()):
            answer = QMessageBox.question(self, self.tr("Unfinished recording"), self.tr(
                "A recording was not stopped properly (the app or the computer stopped). Recover it now?"))
            if answer == QMessageBox.Yes:
                recorder.recover(folder)
                self.refresh_recent()
                self.open_meeting(folder)

    # ---- window state ------------------------------------------------------------------------------
    def _qsettings(self) -> QSettings:
        return QSettings(str(config.config_dir() / "window.ini"), QSettings.IniFormat)

    def _restore_layout(self) -> None:
        s = self._qsettings()
        if s.value("geometry"):
            self.restoreGeometry(s.value("geometry"))
        if s.value("splitter"):
            self.splitter.restoreState(s.value("splitter"))

    def closeEvent(self, event) -> None:
        if self.record_panel.recorder is not None:
            self.record_panel.stop()
        self.jobs.cancel()
        self.jobs.wait(10000)
        if self.draft is not None:
            self.draft.stop()
        self.save_now()
        s = self._qsettings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.splitter.saveState())
        super().closeEvent(event)
