"""Typed exceptions raised by the core.

Each carries structured fields instead of a sentence: the UI and the CLI turn them into a
message for a person (desktop/messages.py) in the user's language.
"""
from __future__ import annotations


class GijirokuError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, detail: str = "", **fields):
        super().__init__(detail or self.__class__.__name__)
        self.detail = detail
        self.fields = fields


class InputNotFound(GijirokuError):
    """An input file does not exist (fields: path)."""


class InputUnreadable(GijirokuError):
    """An input file exists but cannot be read (fields: path)."""


class AudioDecodeError(GijirokuError):
    """The file is not audio we can decode, or holds no audio (fields: path)."""


class ModelNotFound(GijirokuError):
    """A model is not installed or its path does not exist (fields: name, role)."""


class ModelCorrupt(GijirokuError):
    """A model's files exist but are damaged or of the wrong kind (fields: name, path)."""


class ModelNotChat(GijirokuError):
    """A GGUF loads but has no chat template, so it cannot follow instructions (fields: path)."""


class ModelPartsMissing(GijirokuError):
    """The PyPI packages holding a model's parts are not installed (fields: name, package)."""


class InvalidTranscript(GijirokuError):
    """A transcript JSON file is malformed (fields: path)."""


class InvalidMinutes(GijirokuError):
    """A minutes JSON file is malformed (fields: path)."""


class InvalidMeeting(GijirokuError):
    """A meeting.json file is malformed (fields: path)."""


class InvalidTemplate(GijirokuError):
    """A minutes template is unknown or malformed (fields: path)."""


class MinutesGenerationError(GijirokuError):
    """The language model did not produce valid minutes even after a retry."""


class OutputNotWritable(GijirokuError):
    """The output folder or file cannot be written (fields: path)."""


class DiskFull(GijirokuError):
    """Writing failed because the disk is full (fields: path)."""


class DeviceError(GijirokuError):
    """The input device cannot be opened, or failed while recording (fields: device)."""


class RecordingNotFound(GijirokuError):
    """A folder holds no recording to recover (fields: path)."""


class InvalidDate(GijirokuError):
    """A meeting date that cannot be read as one (fields: value)."""


class InvalidTime(GijirokuError):
    """A meeting time (range) that cannot be read as one (fields: value)."""


class CpuUnsupported(GijirokuError):
    """The processor lacks instructions the compiled engine needs (fields: features)."""


class NotAMeeting(GijirokuError):
    """A folder added to the library holds no meeting (no meeting, transcript or minutes file) (fields: path)."""


class LibraryUnavailable(GijirokuError):
    """The library database cannot be opened or written (locked, read-only) (fields: path)."""


class InvalidQuery(GijirokuError):
    """A search with no word to look for (fields: value)."""


class InvalidServerUrl(GijirokuError):
    """An inference server's address that is not an http(s) URL (fields: value)."""


class LlmServerUnavailable(GijirokuError):
    """The inference server cannot be reached, or kept failing after retries (fields: host)."""


class LlmServerRefused(GijirokuError):
    """The inference server refused the request: token, model name, path (fields: host, status)."""


class LlmServerUntrusted(GijirokuError):
    """The https server's certificate is not signed by a trusted authority (fields: host)."""


class Cancelled(GijirokuError):
    """The user cancelled a long-running job."""
