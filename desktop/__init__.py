"""Gijiroku (議事録): offline Japanese meeting transcription and minutes."""

__version__ = "0.1.0"
