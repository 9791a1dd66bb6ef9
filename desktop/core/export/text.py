"""Markdown, plain text, JSON, SRT and WebVTT writers."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .. import store
from ..types import Minutes, Transcript
from .layout import Template, document_title, in_era, load_template, particulars, sections


def _header(m: Minutes, t: Template, seireki: bool) -> list[tuple[str, str]]:
    return particulars(m, t, seireki)


def render_markdown(m: Minutes, template: Optional[Template] = None, transcript: Optional[Transcript] = None,
                    seireki: bool = False) -> str:
    t = template or load_template()
    lines = [f"# {document_title(m, t)}", ""]
    lines += [f"- **{k}**: {v}" for k, v in _header(m, t, seireki) if v] + [""]
    for s in sections(m, t, transcript, seireki):
        lines += [f"## {s.heading}", ""]
        if s.key == "action_items" and m.action_items:
            lines += [f"| {t.labels['owner']} | {t.labels['task']} | {t.labels['due']} |", "|---|---|---|"]
            lines += [f"| {a.owner} | {a.task} | {in_era(a.due, seireki)} |" for a in m.action_items]
        elif s.items:
            for title, summary, said in s.items:
                lines += [f"### {title}", ""] + ([summary, ""] if summary else [])
                if said:
                    lines += [f"**{t.labels['remarks']}**", ""] + [f"- {x}" for x in said] + [""]
        else:
            lines += [x if s.key in ("agenda", "next_meeting") or x == t.labels["none"] else f"- {x}" for x in s.lines]
        lines.append("")
    return "\n".join(lines)


def render_plain(m: Minutes, template: Optional[Template] = None, transcript: Optional[Transcript] = None,
                 seireki: bool = False) -> str:
    t = template or load_template()
    lines = [document_title(m, t), ""]
    lines += [f"{k}：{v}" for k, v in _header(m, t, seireki) if v] + [""]
    for s in sections(m, t, transcript, seireki):
        lines.append(f"■{s.heading}")
        for title, summary, said in s.items:
            lines += [title] + ([f"　{summary}"] if summary else []) + [f"　{x}" for x in said]
        lines += [x if s.key in ("agenda", "next_meeting") or x == t.labels["none"] else f"・{x}" for x in s.lines]
        lines.append("")
    return "\n".join(lines)


def write_markdown(out: Path, m: Minutes, template: Optional[Template] = None,
                   transcript: Optional[Transcript] = None, seireki: bool = False) -> None:
    store.write_text(out, render_markdown(m, template, transcript, seireki))


def write_plain(out: Path, m: Minutes, template: Optional[Template] = None,
                transcript: Optional[Transcript] = None, seireki: bool = False) -> None:
    store.write_text(out, render_plain(m, template, transcript, seireki))


def write_minutes_json(out: Path, m: Minutes) -> None:
    store.write_json(out, m.to_json())


def write_transcript_json(out: Path, t: Transcript) -> None:
    store.write_json(out, t.to_json())


def write_transcript_txt(out: Path, t: Transcript) -> None:
    store.write_text(out, "".join(f"[{_clock(s.start)}] {s.speaker + '：' if s.speaker else ''}{s.text}\n"
                                  for s in t.segments))


def _clock(seconds: float, sep: str = ",", hours_always: bool = True) -> str:
    ms = int(round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def render_subtitles(t: Transcript, fmt: str) -> str:
    if fmt == "srt":
        blocks = [f"{i}\n{_clock(s.start)} --> {_clock(s.end)}\n{(s.speaker + '：') if s.speaker else ''}{s.text}\n"
                  for i, s in enumerate(t.segments, 1)]
        return "\n".join(blocks)
    blocks = ["WEBVTT\n"]
    for s in t.segments:
        voice = f"<v {s.speaker}>" if s.speaker else ""
        blocks.append(f"{_clock(s.start, '.')} --> {_clock(s.end, '.')}\n{voice}{s.text}\n")
    return "\n".join(blocks)


def write_subtitles(out: Path, t: Transcript, fmt: str) -> None:
    store.write_text(out, render_subtitles(t, fmt))
