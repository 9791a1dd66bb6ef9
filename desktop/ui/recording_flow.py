"""The window's side of a recording: the session it opens for the record panel, the live lines and
the draft's progress shown each second, and after Stop the final transcript and the minutes from
the draft. The work itself is desktop.core.session.RecordingSession, the same the CLI records with."""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop import config, messages
from desktop.core import audio, errors, pipeline, recorder, recovery
from desktop.core.meetings import AUDIO_FILE, MINUTES_FILE
from desktop.core.session import RecordingSession
from desktop.core.types import Meeting


class RecordingFlow(QObject):
    def __init__(self, window):
        """`window`: the MainWindow (not imported here: the window imports this module)."""
        super().__init__(window)
        self.w = window
        self.session: Optional[RecordingSession] = None
        self._meeting_now = Meeting()  # the meeting as the draft thread may read it (set in the UI thread)
        self.poll = QTimer(self)
        self.poll.setInterval(1000)
        self.poll.timeout.connect(self.show_progress)
        panel = window.record_panel
        panel.session_provider = self.open_session
        panel.started.connect(self._started)
        panel.stopped.connect(self._stopped)

    @property
    def drafting(self) -> bool:
        return self.session is not None and self.session.draft is not None

    def open_session(self, device) -> Optional[RecordingSession]:
        w = self.w
        if w.jobs.busy:
            return None
        if w.folder is not None and w.meetings.audio_path(w.folder) is not None \
                and not (w.folder / AUDIO_FILE).exists():
            w.new_meeting()  # an imported meeting: record into a new one
        folder = w.ensure_folder()
        if not (folder / AUDIO_FILE).exists():  # a new recording: the meeting is today, starting now
            w.info.stamp_date(datetime.datetime.now(), with_time=True)
        meeting = w.info.meeting()
        # Minutes the clerk already has are never replaced behind their back: no draft then.
        has_minutes = (folder / MINUTES_FILE).exists() or w.minutes_view.user_edited
        draft = w.settings.draft_while_recording and not has_minutes
        self._meeting_now = meeting
        try:
            # Recording again in a meeting that has audio (after an unplugged microphone, or to add a
            # second part) continues it: the new lines follow the transcript already there.
            session = RecordingSession(folder, meeting, device, transcriber=w.models.transcriber(),
                                       user_terms=config.load_user_terms(),
                                       open_writer=w.models.writer if draft else None,
                                       meeting_now=lambda: self._meeting_now,
                                       label=pipeline.live_voices(w.catalog, w.engine(), meeting))
        except errors.GijirokuError as exc:
            w.show_error(messages.describe(exc, w.lang))
            return None
        self.session = session
        w.transcript_view.set_transcript(session.earlier)
        return session

    def _started(self, folder: Path) -> None:
        self.w.tabs.setCurrentWidget(self.w.transcript_view)
        self.poll.start()
        self.w.minutes_view.generate_button.setEnabled(False)

    def show_progress(self) -> None:
        """Each second while recording: new live lines, and how far the minutes draft got."""
        session, w = self.session, self.w
        if session is None:
            return
        shown = len(w.transcript_view.transcript.segments) if w.transcript_view.transcript else 0
        new = session.segments[shown:]
        if new:
            w.transcript_view.append_segments(list(new))
        if session.draft is not None:
            self._meeting_now = w.info.meeting()
            w.draft_label.setText(self.tr("Minutes draft: up to line %1").replace("%1", str(session.drafted_lines)))

    def _stopped(self, folder: Path) -> None:
        self.poll.stop()
        self.show_progress()
        w, session = self.w, self.session
        w.minutes_view.generate_button.setEnabled(True)

        meeting = w.info.meeting()

        def work(progress, cancel):
            transcript = session.finish_transcript() if session is not None else None
            if transcript is None:
                transcript = w.meetings.load_transcript(folder)
            samples = audio.decode(folder / AUDIO_FILE)
            # Speakers over the whole recording, clustered once at Stop (seconds: 0.02x the audio).
            if transcript is not None and pipeline.label_speakers_of(w.catalog, w.engine(), samples, transcript,
                                                                     meeting, progress, cancel):
                w.meetings.save_transcript(folder, transcript)
            return transcript, samples

        w.jobs.start(self.tr("Finishing the transcript"), work, done=self._transcript_finished,
                     failed=lambda cancelled: self.abandon(), exclusive_models=False)

    def _transcript_finished(self, result) -> None:
        self.w.show_transcript(result)
        self._minutes_from_draft()

    def _minutes_from_draft(self) -> None:
        """Right after Stop: the draft has asked most questions already; the rest take seconds."""
        w, session, self.session = self.w, self.session, None
        w.draft_label.clear()
        transcript = w.transcript_view.transcript
        if session is None or session.draft is None:
            return
        if transcript is None or not transcript.segments:
            session.abandon_draft()
            return
        folder, meeting = w.ensure_folder(), w.info.meeting()

        def work(progress, cancel):
            minutes = session.finish_minutes(transcript, meeting, w.models.writer, progress, cancel)
            w.meetings.save_minutes(folder, minutes)
            return minutes

        w.jobs.start(self.tr("Writing the minutes"), work, done=w.show_minutes)

    def abandon(self) -> None:
        """No minutes from this recording (the transcript did not finish, or the window closes)."""
        session, self.session = self.session, None
        if session is not None:
            session.abandon_draft()
        self.w.draft_label.clear()

    # ---- after a crash -------------------------------------------------------------------------
    def offer_recovery(self) -> None:
        """At start-up: a recording that never stopped cleanly (crash, power cut) is offered back, its
        audio repaired and its transcript finished (the speech after the last live line)."""
        w = self.w
        for folder in recorder.find_unfinished(w.settings.meetings_dir()):
            answer = QMessageBox.question(w, self.tr("Unfinished recording"), self.tr(
                "A recording was not stopped properly (the app or the computer stopped). Recover it now?"))
            if answer != QMessageBox.Yes:
                continue
            recorder.recover(folder)
            w.refresh_recent()
            w.open_meeting(folder)
            if not w.jobs.busy:
                self._finish_recovered(folder)

    def _finish_recovered(self, folder: Path) -> None:
        w, meeting = self.w, self.w.info.meeting()

        def work(progress, cancel):
            transcript = recovery.finish_transcript(folder, w.models.transcriber(), meeting,
                                                    config.load_user_terms(), progress, cancel)
            return transcript, audio.decode(folder / AUDIO_FILE)

        w.jobs.start(self.tr("Finishing the transcript"), work, done=w.show_transcript)
