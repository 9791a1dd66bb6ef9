"""The main window: recent meetings on the left; the meeting's info, recording, transcript and
minutes in tabs; long work in the status bar with progress, time left and cancel."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter, QTabWidget

from desktop import config, messages
from desktop.core import audio, campplus, errors, llm, pipeline, reading, transcription
from desktop.core.meetings import MINUTES_FILE, MeetingStore
from desktop.core.model_cache import ModelCache
from desktop.core.models import ModelCatalog
from desktop.core.types import Meeting, Minutes
from desktop.ui.export_dialog import ExportDialog, last_export_folder, write_exports
from desktop.ui.job_status import JobStatus
from desktop.ui.jobs import JobRunner
from desktop.ui.library_view import LibraryView
from desktop.ui.meeting_list import MeetingList
from desktop.ui.menus import add_menus
from desktop.ui.meeting_info import MeetingInfoPanel
from desktop.ui.memory_offer import model_for_minutes
from desktop.ui.minutes_view import MinutesView
from desktop.ui.record_panel import RecordPanel
from desktop.ui.recording_flow import RecordingFlow
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.vocabulary_dialog import VocabularyDialog

AUDIO_FILTER = "Audio/Video (*.wav *.mp3 *.m4a *.aac *.flac *.ogg *.mp4 *.mov *.webm)"
AUTOSAVE_MS = 3000


class MainWindow(QMainWindow):
    def __init__(self, settings: config.Settings, catalog: ModelCatalog):
        super().__init__()
        self.settings, self.catalog, self.lang = settings, catalog, settings.ui_language
        self.meetings = MeetingStore(settings.meetings_dir())
        self.jobs = JobRunner(self.lang, self, config.model_job_lock())
        self.folder: Optional[Path] = None
        self.models = ModelCache(catalog, self.engine())
        self.last_error: Optional[QMessageBox] = None
        self._dirty = False
        for engine in (campplus, llm, reading, transcription):
            engine.preload()  # before the window shows: a first import in a job would freeze it
        self._fit_screen()
        self._build()
        add_menus(self)
        self._wire()
        self.refresh_recent()
        self.record_panel.refresh_devices()
        self._restore_layout()

    # ---- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        left = self.meeting_list = MeetingList()
        self.recent, self.new_button, self.import_button = left.recent, left.new_button, left.import_button

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
        self.job_status = JobStatus(self.jobs)
        self.cancel_button = self.job_status.cancel_button
        bar.addPermanentWidget(self.job_status)
        self._show_busy(False)

    def _wire(self) -> None:
        self.new_button.clicked.connect(self.new_meeting)
        self.import_button.clicked.connect(self.choose_import)
        self.meeting_list.open_requested.connect(self.open_meeting)
        self.meeting_list.retry_requested.connect(self.retry_meeting)
        self.meeting_list.delete_requested.connect(self.delete_meeting)
        self.info.title.textChanged.connect(self._show_title)
        self.info.changed.connect(self._mark_dirty)
        self.transcript_view.edited.connect(self._mark_dirty)
        self.transcript_view.error.connect(self.show_error)
        self.minutes_view.edited.connect(self._mark_dirty)
        self.minutes_view.generate.connect(self.generate_minutes)
        self.minutes_view.jump.connect(self._jump)
        self.recording = RecordingFlow(self)
        self.record_panel.may_rescan = lambda: not self.jobs.busy and not (
            self.transcript_view.player is not None and self.transcript_view.player.playing)
        self.record_panel.error.connect(self.show_error)
        self.jobs.failed.connect(self._job_failed)
        self.jobs.busy_changed.connect(self._show_busy)
        self.autosave = QTimer(self, interval=AUTOSAVE_MS, timeout=self.save_now)
        self.autosave.start()

    # ---- meetings ------------------------------------------------------------------------------
    def refresh_recent(self) -> None:
        self.meeting_list.show_meetings(self.meetings.recent())
        self._show_title()

    def _show_title(self) -> None:
        """The open meeting in the title bar and highlighted in the list."""
        title = self.info.title.text().strip() or self.tr("(untitled)")
        self.setWindowTitle(title + " — " + self.tr("Gijiroku - meeting minutes"))
        self.meeting_list.highlight(self.folder)

    def new_meeting(self) -> None:
        self.save_now()
        self._forget_writer()
        self.folder = None
        self.info.set_meeting(Meeting())  # dated today
        self._show_title()
        self.transcript_view.set_transcript(None)
        self.transcript_view.set_audio(None)
        self.minutes_view.set_minutes(None)
        self.tabs.setCurrentWidget(self.info)

    def ensure_folder(self) -> Path:
        if self.folder is None:
            self.folder = self.meetings.create(self.info.meeting())
            self.refresh_recent()
        return self.folder

    def open_meeting(self, folder: Path) -> bool:
        if folder == self.folder:
            return True
        if self.record_panel.session is not None:
            self.show_error(self.tr("Stop the recording before opening another meeting."))
            self.meeting_list.highlight(self.folder)
            return False
        if self.jobs.busy:
            # Nothing happened here before: ask, instead of ignoring the click.
            if not self.confirm(self.tr("\"%1\" is still running. Cancel it and open the other meeting?")
                                .replace("%1", self.jobs.label)):
                self.meeting_list.highlight(self.folder)
                return False
            self.jobs.cancel()
            self.jobs.wait()
        self.save_now()
        self._forget_writer()
        try:
            meeting = self.meetings.load_meeting(folder)
            transcript = self.meetings.load_transcript(folder)
            minutes = self.meetings.load_minutes(folder)
        except errors.GijirokuError as exc:
            self.show_error(messages.describe(exc, self.lang))
            return False
        self.folder = folder
        self.info.set_meeting(meeting)
        self.transcript_view.set_transcript(transcript)
        self.minutes_view.set_minutes(minutes)
        self._dirty = False
        self.transcript_view.load_audio(self.meetings.audio_path(folder))
        self.tabs.setCurrentWidget(self.minutes_view if minutes else self.transcript_view if transcript else self.info)
        self._show_title()
        return True

    def retry_meeting(self, folder: Path) -> None:
        """Transcribe a meeting's audio again (an import that was cancelled or failed, say)."""
        path = self.meetings.audio_path(folder)
        if path is None:
            self.show_error(self.tr("This meeting has no audio to transcribe."))
            return
        if not self.open_meeting(folder):
            return
        if self.transcript_view.transcript is not None and not self.confirm(
                self.tr("Transcribe again? The current transcript will be replaced.")):
            return
        self._transcribe_into(folder, path)

    def delete_meeting(self, folder: Path) -> None:
        if self.record_panel.session is not None and folder == self.folder:
            return
        if not self.confirm(self.tr("Move this meeting to the trash?")):
            return
        if folder == self.folder:
            self.jobs.cancel()
            self.jobs.wait()
            self.new_meeting()
        try:
            self.meetings.trash(folder)
        except errors.GijirokuError as exc:
            self.show_error(messages.describe(exc, self.lang))
        self.refresh_recent()

    def save_now(self) -> None:
        if not self._dirty or self.folder is None:
            return
        try:
            self.meetings.save_meeting(self.folder, self.info.meeting())
            if self.transcript_view.transcript is not None and self.record_panel.session is None:
                self.meetings.save_transcript(self.folder, self.transcript_view.transcript)
            if self.minutes_view.base is not None and (self.minutes_view.user_edited or
                                                       (self.folder / MINUTES_FILE).exists()):
                self.meetings.save_minutes(self.folder, self.minutes_view.minutes())
            self._dirty = False
        except errors.GijirokuError as exc:
            self.show_error(messages.describe(exc, self.lang))

    def _mark_dirty(self) -> None:
        self._dirty = True

    # ---- models --------------------------------------------------------------------------------
    def engine(self) -> pipeline.EngineSettings:
        return pipeline.EngineSettings(self.settings.model_asr, self.settings.model_llm, self.settings.cpu_threads,
                                       llm_server=config.llm_server_if_valid(self.settings))

    def _forget_writer(self) -> None:
        if not self.recording.drafting:  # never under a drafting thread
            self.models.forget_writer()

    # ---- import and transcription ------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a meeting recording"), "", self.tr(AUDIO_FILTER))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        if self.jobs.busy or self.record_panel.session is not None:
            return False
        if self.folder is not None and self.transcript_view.transcript is not None:
            self.new_meeting()
        if not self.info.title.text().strip():  # a new meeting: named and dated after the file
            self.info.title.setText(path.stem)
            self.info.stamp_date(audio.recorded_at(path))
        folder = self.ensure_folder()
        self.meetings.set_source(folder, path)
        return self._transcribe_into(folder, path)

    def _transcribe_into(self, folder: Path, path: Path) -> bool:
        meeting = self.info.meeting()

        def work(progress, cancel):
            samples = audio.decode(path)
            transcript = pipeline.transcribe_samples(self.models.transcriber(), samples, meeting, progress, cancel,
                                                     config.load_user_terms())
            self.meetings.save_transcript(folder, transcript)   # kept even if the speakers fail
            if pipeline.label_speakers_of(self.catalog, self.engine(), samples, transcript, meeting, progress, cancel):
                self.meetings.save_transcript(folder, transcript)
            return transcript, samples

        return self.jobs.start(self.tr("Transcribing"), work, done=self.show_transcript)

    # ---- minutes -----------------------------------------------------------------------------------
    def generate_minutes(self) -> bool:
        transcript = self.transcript_view.transcript
        if self.jobs.busy or transcript is None or not transcript.segments:
            return False
        if self.minutes_view.user_edited and not self.confirm(
                self.tr("Re-create the minutes? Your edits to the current minutes will be replaced.")):
            return False
        folder = self.ensure_folder()
        meeting = self.info.meeting()
        self.models.configure(replace(self.engine(), model_llm=model_for_minutes(self)))

        def work(progress, cancel):
            minutes = self.models.writer().write(transcript, meeting, progress, cancel)
            self.meetings.save_minutes(folder, minutes)
            return minutes

        return self.jobs.start(self.tr("Writing the minutes"), work, done=self.show_minutes)

    def confirm(self, question: str) -> bool:
        return QMessageBox.question(self, self.tr("Confirm"), question) == QMessageBox.Yes

    def _jump(self, segment_id: int) -> None:
        self.tabs.setCurrentWidget(self.transcript_view)
        self.transcript_view.jump_to(segment_id)

    # ---- export --------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.folder is None:
            return
        dialog = ExportDialog(last_export_folder(self._qsettings()), self)
        if dialog.exec():
            self._qsettings().setValue("export_folder", dialog.folder.text())
            self.export_to(Path(dialog.folder.text()), dialog.formats(), dialog.options(),
                           dialog.open_folder.isChecked())

    def export_to(self, folder: Path, formats: list[str], options, open_folder: bool = False) -> list[Path]:
        self.save_now()
        minutes = self.minutes_view.minutes() if self.minutes_view.base is not None else None
        options = replace(options, author=options.author or self.settings.clerk_name)
        try:
            written = write_exports(folder, formats, options, minutes, self.transcript_view.transcript,
                                    self.info.meeting().title)
        except errors.GijirokuError as exc:
            self.show_error(messages.describe(exc, self.lang))
            return []
        except ValueError:
            self.show_error(self.tr("Create the minutes before exporting this format."))
            return []
        if open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(folder)), 8000)
        return written

    # ---- settings ------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.catalog, self)
        if dialog.exec():
            new = dialog.result_settings()
            self.settings = new
            self.models.configure(self.engine())
            self.meetings = MeetingStore(new.meetings_dir())
            try:
                config.save_settings(new)
            except errors.GijirokuError as exc:
                self.show_error(messages.describe(exc, self.lang))
            self.refresh_recent()

    def open_dictionaries(self) -> None:
        VocabularyDialog(self).exec()

    def open_library(self) -> LibraryView:
        self.save_now()  # what is on screen is what the search finds
        self.library_view = LibraryView(self, config.open_library(self.settings))
        self.library_view.show()
        return self.library_view

    # ---- jobs ------------------------------------------------------------------------------------------
    def _show_busy(self, busy: bool) -> None:
        for w in (self.import_button, self.new_button, self.minutes_view.generate_button):
            w.setEnabled(not busy)

    def show_transcript(self, result: tuple) -> None:
        transcript, samples = result
        self.transcript_view.set_transcript(transcript)
        self.transcript_view.set_audio(samples)
        self.tabs.setCurrentWidget(self.transcript_view)
        self.refresh_recent()

    def show_minutes(self, minutes: Minutes) -> None:
        self.minutes_view.set_minutes(minutes)
        self.tabs.setCurrentWidget(self.minutes_view)
        self.refresh_recent()

    def _job_failed(self, label: str, sentence: str, cancelled: bool) -> None:
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

    def offer_recovery(self) -> None:
        self.recording.offer_recovery()

    # ---- window state ------------------------------------------------------------------------------
    def _qsettings(self) -> QSettings:
        return QSettings(str(config.config_dir() / "window.ini"), QSettings.IniFormat)

    def _fit_screen(self) -> None:
        """1200x800 at most, and never more than the screen leaves: on a 1366x768 laptop the status
        bar with the progress and 中止 must stay visible."""
        screen = self.screen().availableGeometry() if self.screen() else None
        size = (1200, 800) if screen is None else (min(1200, screen.width() - 20), min(800, screen.height() - 60))
        self.resize(*size)

    def _restore_layout(self) -> None:
        s = self._qsettings()
        if s.value("geometry"):
            self.restoreGeometry(s.value("geometry"))
        if s.value("splitter"):
            self.splitter.restoreState(s.value("splitter"))

    def closeEvent(self, event) -> None:
        if self.record_panel.session is not None:
            self.record_panel.stop()
        # A worker thread still running when the window goes would abort the process ("QThread:
        # Destroyed while thread is still running"): cancel it and wait; cancel is checked between
        # segments and between tokens, so this takes at most a few seconds.
        self.jobs.cancel()
        self.jobs.wait()
        self.recording.abandon()
        self.save_now()
        s = self._qsettings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.splitter.saveState())
        super().closeEvent(event)
