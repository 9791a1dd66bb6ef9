"""What the minutes say, in order, independent of the file format.

A template (resources/templates/NAME.json: 議事要旨 or 議事録) names the sections, their
headings and order, and whether each agenda item lists who said what; Word, Markdown and plain
text all render the same `Section`s, so the content is decided once. An office's own headings
(「審議経過」 for 「議事内容」, sections left out or reordered) are a copy of a template's JSON,
given by path: the app keeps the clerk's edited copies in the config folder.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from pathlib import Path

from .. import japanese, paths, wareki
from ..errors import InvalidTemplate
from ..tidying import kebatori
from ..types import Minutes, Transcript

TEMPLATES = ("gijiyoshi", "gijiroku")
SECTION_KEYS = ("agenda", "summary", "decisions", "action_items", "open_issues", "next_meeting")


@dataclass(frozen=True)
class Template:
    name: str
    detail: bool
    sections: tuple[tuple[str, str], ...]   # (key, heading)
    labels: dict


def template_path(name: str) -> Path:
    """A built-in template's name (gijiyoshi, gijiroku) or the path of a template file."""
    return paths.resource("templates", f"{name}.json") if name in TEMPLATES else Path(name)


def load_template(name: str = "gijiyoshi") -> Template:
    path = template_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        labels = {**builtin_labels(), **data.get("labels", {})}
        sections = tuple((s["key"], str(s["heading"]).strip()) for s in data["sections"])
        if (not sections or any(k not in SECTION_KEYS or not h for k, h in sections)
                or not all(isinstance(v, str) for v in labels.values())):
            raise ValueError("unknown section or empty heading")
        return Template(name=str(data["name"]), detail=bool(data.get("detail")), sections=sections, labels=labels)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidTemplate(type(exc).__name__, path=str(path)) from exc


def builtin_labels() -> dict:
    """The labels a template may leave out (an office's copy need only rename what it changes)."""
    return json.loads(paths.resource("templates", "gijiyoshi.json").read_text(encoding="utf-8"))["labels"]


@dataclass
class Section:
    key: str
    heading: str
    lines: list[str] = field(default_factory=list)
    # For "summary": (agenda title, summary, remarks) per item; remarks only in detailed minutes.
    items: list[tuple[str, str, list[str]]] = field(default_factory=list)


def document_title(m: Minutes, t: Template) -> str:
    """「第2回推進会議　議事要旨」: the meeting and the kind of document, as offices title them."""
    if not m.title:
        return t.name
    return m.title if m.title.endswith(t.name) else f"{m.title}　{t.name}"


def particulars(m: Minutes, t: Template, seireki: bool = False, author: str = "") -> list[tuple[str, str]]:
    """The rows above the minutes: 日時, 場所, 出席者, and where known 欠席者, 配布資料, 作成者, 記録者."""
    rows = [(t.labels["date"], date_line(m, seireki)), (t.labels["place"], m.place),
            (t.labels["attendees"], "、".join(m.attendees))]
    optional = [(t.labels["absentees"], "、".join(m.absentees)), (t.labels["materials"], "、".join(m.materials)),
                (t.labels["author"], author), (t.labels["recorder"], m.recorder)]
    return rows + [(k, v) for k, v in optional if v]


_WESTERN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def in_era(text: str, seireki: bool = False) -> str:
    """Dates written 2026年1月16日 in a due date or the next meeting, in the era the clerk chose."""
    if seireki:
        return text

    def wa(m: re.Match) -> str:
        try:
            return wareki.format_wareki(date(int(m.group(1)), int(m.group(2)), int(m.group(3))), weekday=False)
        except ValueError:
            return m.group(0)

    return _WESTERN_DATE.sub(wa, text)


def date_line(m: Minutes, seireki: bool = False) -> str:
    d = japanese.parse_iso_date(m.date)
    if d is None:
        return m.date
    text = wareki.format_seireki(d) if seireki else wareki.format_wareki(d)
    if m.start_time:
        text += f" {m.start_time}" + (f"～{m.end_time}" if m.end_time else "")
    return text


# What a detailed 議事録 leaves out of 主な発言: replies that only acknowledge, and hesitations.
_ACKNOWLEDGEMENT = re.compile(r"^(はい|ええ|承知(いた)?しました|了解(いた)?しました|わかりました|分かりました|"
                              r"かしこまりました|ありがとうございます|ありがとうございました|よろしくお願いします)"
                              r"[、。.!！]*$")


def remark_text(text: str) -> str:
    """A line as 主な発言 gives it: without hesitations; empty when it only acknowledges."""
    parts = [p for p in re.split(r"(?<=。)", text.strip()) if p]
    kept = [p for p in parts if not _ACKNOWLEDGEMENT.match(re.sub(r"^(はい|ええ)、", "", p.strip()))]
    return kebatori("".join(kept)).strip() if kept else ""


def remarks(refs: list[int], transcript: Optional[Transcript]) -> list[str]:
    """Who said what, for the detailed 議事録 (speaker, or ○ when unknown), acknowledgements left out."""
    if transcript is None:
        return []
    by_id = transcript.by_id()
    out = []
    for r in refs:
        text = remark_text(by_id[r].text) if r in by_id else ""
        if text:
            out.append(f"○{by_id[r].speaker or ''}　{text}".replace("○　", "○"))
    return out


def sections(m: Minutes, template: Optional[Template] = None, transcript: Optional[Transcript] = None,
             seireki: bool = False) -> list[Section]:
    t = template or load_template()
    none, undecided = t.labels["none"], t.labels["undecided"]
    out = []
    for key, heading in t.sections:
        s = Section(key, heading)
        if key == "agenda":
            s.lines = [f"{i}. {a.title}" for i, a in enumerate(m.agenda, 1)]
        elif key == "summary":
            s.items = [(f"{i}. {a.title}", a.summary, remarks(a.refs, transcript) if t.detail else [])
                       for i, a in enumerate(m.agenda, 1)]
        elif key == "decisions":
            s.lines = [d.text for d in m.decisions]
        elif key == "action_items":
            s.lines = [
                f"{a.owner or undecided}：{a.task}（{t.labels['due']}：{in_era(a.due, seireki) or undecided}）"
                for a in m.action_items
            ]
        elif key == "open_issues":
            s.lines = [o.text for o in m.open_issues]
        elif key == "next_meeting":
            s.lines = [in_era(m.next_meeting, seireki)] if m.next_meeting else []
        if not s.lines and not s.items:
            s.lines = [none]
        out.append(s)
    return out
