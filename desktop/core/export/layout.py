"""What the minutes say, in order, independent of the file format: sections of headings and lines.

Word, Markdown and plain text all render this, so the content is decided once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import grounding, wareki
from ..types import Minutes


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)
    numbered: bool = False


def date_line(m: Minutes, seireki: bool = False) -> str:
    d = grounding.parse_iso_date(m.date)
    if d is None:
        return m.date
    text = wareki.format_seireki(d) if seireki else wareki.format_wareki(d)
    if m.start_time:
        text += f" {m.start_time}" + (f"～{m.end_time}" if m.end_time else "")
    return text


def sections(m: Minutes) -> list[Section]:
    out = [Section("議題", [a.title for a in m.agenda], numbered=True)]
    summary = Section("議事概要")
    for i, a in enumerate(m.agenda, 1):
        summary.lines.append(f"{i}. {a.title}")
        if a.summary:
            summary.lines.append(a.summary)
    out.append(summary)
    out.append(Section("決定事項", [d.text for d in m.decisions]))
    out.append(Section("宿題事項", [f"{a.owner or '（未定）'}：{a.task}（期限：{a.due or '未定'}）" for a in m.action_items]))
    out.append(Section("継続審議事項", [o.text for o in m.open_issues]))
    out.append(Section("次回予定", [m.next_meeting] if m.next_meeting else []))
    return out
