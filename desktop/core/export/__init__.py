"""Exports of a meeting: Word, Markdown, plain text, JSON, SRT, WebVTT, CSV, and 一問一答 (qa:
Word when the file ends in .docx, else Markdown).

Every writer renders in memory and the file is written atomically (desktop.core.store), so an
export never leaves a half-written file over an earlier good one.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

from ..types import Minutes, Transcript
from .options import ExportOptions

__all__ = ["FORMATS", "ExportOptions", "export"]

FORMATS = ("docx", "md", "txt", "json", "srt", "vtt", "csv", "qa")


def export(fmt: str, out: Path, minutes: Optional[Minutes], transcript: Optional[Transcript],
           options: ExportOptions = ExportOptions()) -> Path:
    """Write `fmt` to `out`; ValueError if the format is unknown or its source is missing."""
    from . import docx as docx_export, tables, text
    from .layout import load_template

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}")
    if fmt == "qa":
        if transcript is None:
            raise ValueError("transcript needed")
        from .qa import exchanges, render_markdown
        pairs = exchanges(_copy_for(transcript, options), options.text_level)
        title = minutes.title if minutes is not None else ""
        if out.suffix.lower() == ".docx":
            docx_export.write_qa(out, title, pairs, options)
        else:
            from .. import store
            store.write_text(out, render_markdown(title, pairs))
        return out
    if options.template == "kaigiroku" and fmt in ("docx", "txt", "md"):
        if transcript is None:
            raise ValueError("transcript needed")
        from .kaigiroku import build_record, render_text
        record = build_record(minutes, transcript, options.public, options.text_level, options.seireki)
        if fmt == "docx":
            docx_export.write_record(out, record, options)
        else:
            from .. import store
            store.write_text(out, render_text(record))
        return out
    if transcript is not None:
        from ..tidying import tidy
        transcript, _changes = tidy(_copy_for(transcript, options), options.text_level)   # ValueError: unknown level
    if fmt in ("srt", "vtt"):
        if transcript is None:
            raise ValueError("transcript needed")
        text.write_subtitles(out, transcript, fmt)
        return out
    if minutes is None and transcript is not None and fmt in ("json", "txt", "csv"):
        writer = {"json": text.write_transcript_json, "txt": text.write_transcript_txt,
                  "csv": tables.write_transcript_csv}[fmt]
        writer(out, transcript)
        return out
    if minutes is None:
        raise ValueError("minutes needed")
    if fmt == "docx":
        docx_export.write_docx(out, minutes, transcript, options)
    elif fmt == "md":
        text.write_markdown(out, minutes, load_template(options.template), transcript, options.seireki)
    elif fmt == "txt":
        text.write_plain(out, minutes, load_template(options.template), transcript, options.seireki)
    elif fmt == "json":
        text.write_minutes_json(out, minutes)
    elif fmt == "csv":
        tables.write_actions_csv(out, minutes)
    return out


def _copy_for(transcript: Transcript, options: ExportOptions) -> Transcript:
    """The public copy leaves out the lines marked 秘密会 or 取消し; the official copy keeps them."""
    if not options.public:
        return transcript
    return replace(transcript, segments=[s for s in transcript.segments if not s.withheld])
