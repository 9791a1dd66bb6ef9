"""The models an open app keeps loaded between jobs.

Loading costs seconds (Whisper ~0.4 s, the 1.5B chat model ~2 s plus its read prompts), so the
window does not load them per job: file import and live transcription share one Whisper (never
at the same time: one job runs at a time), and the minutes writer of the open meeting is kept,
since it remembers the model's answers and re-creating the minutes after a few corrected lines
then asks only about those lines.
"""
from __future__ import annotations

import threading
from typing import Optional

from .minutes import MinutesWriter
from .models import ModelCatalog
from .pipeline import EngineSettings, open_chat
from .transcription import WhisperTranscriber


class ModelCache:
    def __init__(self, catalog: ModelCatalog, engine: EngineSettings):
        self.catalog, self.engine = catalog, engine
        self._transcriber: Optional[WhisperTranscriber] = None
        self._writer: Optional[MinutesWriter] = None
        self._lock = threading.Lock()   # jobs and the draft thread ask from their own threads

    def configure(self, engine: EngineSettings) -> None:
        """New settings: a model whose settings changed is loaded again when next asked for."""
        with self._lock:
            if (engine.model_asr, engine.cpu_threads) != (self.engine.model_asr, self.engine.cpu_threads):
                self._transcriber = None
            if (engine.model_llm, engine.cpu_threads, engine.llm_server) != \
                    (self.engine.model_llm, self.engine.cpu_threads, self.engine.llm_server):
                self._writer = None
            self.engine = engine

    def transcriber(self) -> WhisperTranscriber:
        with self._lock:
            if self._transcriber is None:
                _, path = self.catalog.resolve(self.engine.model_asr, "asr")
                self._transcriber = WhisperTranscriber(path, cpu_threads=self.engine.cpu_threads)
            return self._transcriber

    def writer(self) -> MinutesWriter:
        with self._lock:
            if self._writer is None:
                self._writer = MinutesWriter(open_chat(self.catalog, self.engine))
            return self._writer

    def forget_writer(self) -> None:
        """Another meeting: the answers kept belong to the one before."""
        with self._lock:
            self._writer = None
