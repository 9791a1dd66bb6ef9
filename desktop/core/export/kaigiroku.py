"""The assembly's verbatim record (会議録): who said what in full, in the form a 議会事務局 files it.

Particulars first (開会・閉会の日時, 場所, 出席委員, 説明のため出席した者, 事務局職員: the attendees
sorted by their titles), then the proceedings: the agenda items as headings where their discussion
starts, one paragraph per turn under a speaker header in the assembly's style (○委員長（藤田君）,
○長谷川委員, ○岡田土木課長), interjections from the floor in the standard form
（「異議なし」と呼ぶ者あり）, and the closing time. Fillers are always removed (a 会議録 is never
verbatim; the clerk's 素起こし lines stay as they are), numbers in Arabic numerals as 公用文 writes
them across the page. The public copy leaves out the lines the
clerk marked 秘密会 or 取消し; the official copy keeps them. Format-independent: Word and text
render the same `Record`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .. import japanese, wareki
from ..tidying import only_fillers, tidy
from ..types import Minutes, Transcript

CHAIRS = ("副委員長", "委員長", "副議長", "議長", "会長", "座長")
MEMBERS = ("委員", "議員")
CLERKS = ("事務局", "書記")
# What the floor calls out, as the record writes it: 「異議なし」, 「賛成」 ...
_FLOOR_CALL = re.compile(r"^(?:はい[、。]?)?(異議なし|異議ありません|なし|賛成|反対|異議あり)(?:です)?[。!！]*$")


@dataclass
class Paragraph:
    kind: str          # "heading" | "speech" | "floor" | "time"
    text: str
    speaker: str = ""
    lines: list[int] = field(default_factory=list)


@dataclass
class Record:
    title: str
    particulars: list[tuple[str, str]]
    body: list[Paragraph]


def _title_of(person: str) -> str:
    return next((t for t in CHAIRS + MEMBERS + CLERKS if t in person), "")


def _group(attendees: list[str]) -> tuple[list[str], list[str], list[str]]:
    members, officials, clerks = [], [], []
    for a in (x.split("\t")[0].strip() for x in attendees):
        if not a:
            continue
        title = _title_of(a)
        (members if title in CHAIRS + MEMBERS else clerks if title in CLERKS else officials).append(a)
    return members, officials, clerks


def speaker_header(speaker: str) -> str:
    """○委員長（藤田君） for a chair, ○長谷川委員 for a member, ○岡田土木課長 for an official."""
    if not speaker:
        return "○"
    for chair in CHAIRS:
        if speaker.endswith(chair) and len(speaker) > len(chair):
            return f"○{chair}（{speaker[:-len(chair)]}君）"
    return f"○{speaker}"


def spoken_time(hhmm: str) -> str:
    """10:05 -> 午前10時05分, 13:30 -> 午後1時30分 (as a record writes a time)."""
    m = re.match(r"^(\d{1,2}):(\d{2})$", hhmm.strip())
    if not m:
        return hhmm
    h, mi = int(m.group(1)), int(m.group(2))
    return f"{'午前' if h < 12 else '午後'}{h if h <= 12 else h - 12}時{mi:02d}分"


def official_numerals(text: str) -> str:
    """Numbers in Arabic numerals, as 公用文 writes them across the page (公用文作成の考え方, 2022):
    九月十三日 -> 9月13日, 百二十万円 -> 120万円; words with a numeral in them (一部, 一般, 統一)
    stay, by the dictionary's reading of the sentence."""
    from ..reading import numerals_in
    out = text
    for start, end in sorted(numerals_in(text), reverse=True):
        out = out[:start] + japanese.normalize_text(out[start:end]) + out[end:]
    return out


def build_record(minutes: Optional[Minutes], transcript: Transcript, public: bool = False,
                 text_level: str = "kebatori", seireki: bool = False) -> Record:
    m = minutes or Minutes()
    title = m.title if m.title.endswith("会議録") else f"{m.title}会議録"
    day = japanese.parse_iso_date(m.date)
    when = (wareki.format_seireki(day) if seireki else wareki.format_wareki(day)) if day else m.date
    rows = [("開会日時", f"{when}　{spoken_time(m.start_time)}".strip("　") if m.start_time else when)]
    if m.end_time:
        rows.append(("閉会日時", f"{when}　{spoken_time(m.end_time)}"))
    rows.append(("場所", m.place))
    members, officials, clerks = _group(m.attendees)
    if members or officials or clerks:
        rows += [("出席委員", "、".join(members)), ("説明のため出席した者", "、".join(officials)),
                 ("事務局職員", "、".join(clerks))]
    if m.absentees:
        rows.append(("欠席委員", "、".join(m.absentees)))
    if m.agenda:
        rows.append(("議題", "　".join(f"{i}　{a.title}" for i, a in enumerate(m.agenda, 1))))
    rows = [(k, v) for k, v in rows if v]

    level = text_level if text_level != "verbatim" else "kebatori"
    tidied, _ = tidy(transcript, level)
    starts = {min(a.refs): a.title for a in m.agenda if a.refs}
    body: list[Paragraph] = []
    if m.start_time:
        body.append(Paragraph("time", f"{spoken_time(m.start_time)}開会"))
    for seg in tidied.segments:
        if public and seg.withheld:
            continue
        if seg.id in starts:
            body.append(Paragraph("heading", starts[seg.id]))
        if only_fillers(seg.text):
            continue   # 「えー、」 alone: a record has no filler, and a speech of nothing is no speech
        call = _FLOOR_CALL.match(seg.text.strip())
        if call and _title_of(seg.speaker) not in CHAIRS:
            body.append(Paragraph("floor", f"（「{call.group(1).replace('異議ありません', '異議なし')}」と呼ぶ者あり）",
                                  lines=[seg.id]))
            continue
        text = official_numerals(seg.text)
        last = body[-1] if body else None
        if last is not None and last.kind == "speech" and last.speaker == seg.speaker:
            last.text += text
            last.lines.append(seg.id)
        else:
            body.append(Paragraph("speech", text, seg.speaker, [seg.id]))
    if m.end_time:
        body.append(Paragraph("time", f"{spoken_time(m.end_time)}閉会"))
    return Record(title, rows, body)


def render_text(record: Record) -> str:
    out = [f"　　{record.title}", ""]
    for i, (label, value) in enumerate(record.particulars, 1):
        out.append(f"{i}　{label}　{value}")
    out += ["", "　　　　　　会議の経過", ""]
    for p in record.body:
        if p.kind == "heading":
            out += ["", f"【{p.text}】"]
        elif p.kind == "speech":
            out.append(f"{speaker_header(p.speaker)}　{p.text}")
        else:
            out.append(f"　　　{p.text}")
    return "\n".join(out) + "\n"
