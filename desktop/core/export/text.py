"""Markdown, plain text, JSON, SRT and WebVTT writers."""
from __future__ import annotations

from pathlib import Path

from .. import store
from ..types import Minutes, Transcript
from .layout import date_line, sections


def _header(m: Minutes) -> list[tuple[str, str]]:
    return [("日時", date_line(m)), ("場所", m.place), ("出席者", "、".join(m.attendees))]


def render_markdown(m: Minutes) -> str:
    lines = [f"# {m.title or '議事録'}", ""]
    lines += [f"- **{k}**: {v}" for k, v in _header(m) if v] + [""]
    for s in sections(m):
        lines.append(f"## {s.heading}")
        if s.heading == "宿題事項" and m.action_items:
            lines += ["", "| 担当 | 内容 | 期限 |", "|---|---|---|"]
            lines += [f"| {a.owner} | {a.task} | {a.due} |" for a in m.action_items]
        elif not s.lines:
            lines.append("なし")
        else:
            lines += [f"{i}. {t}" if s.numbered else (t if s.heading == "議事概要" else f"- {t}")
                      for i, t in enumerate(s.lines, 1)]
        lines.append("")
    return "\n".join(lines)


def render_plain(m: Minutes) -> str:
    lines = [m.title or "議事録", ""]
    lines += [f"{k}：{v}" for k, v in _header(m) if v] + [""]
    for s in sections(m):
        lines.append(f"■{s.heading}")
        lines += ([f"{i}. {t}" if s.numbered else f"・{t}" if s.heading != "議事概要" else t
                   for i, t in enumerate(s.lines, 1)] or ["なし"])
        lines.append("")
    return "\n".join(lines)


def write_markdown(out: Path, m: Minutes) -> None:
    store.write_text(out, render_markdown(m))


def write_plain(out: Path, m: Minutes) -> None:
    store.write_text(out, render_plain(m))


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
