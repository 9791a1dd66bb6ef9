"""The project's own data types, with their JSON forms (the CLI contract).

transcript.json: {"language", "duration", "segments": [{"id", "start", "end", "text", "speaker",
                  "confidence" ("low" | "ok", when Whisper's were kept), "score" (mean word probability)}],
                  "speakers": [{"voice" (話者N), "name", "evidence" (segment id), "reason", "confirmed"}]}
minutes.json:    {"title", "date", "place", "attendees", "agenda": [{"title", "summary", "refs"}],
                  "decisions": [{"text", "refs"}], "action_items": [{"owner", "task", "due", "refs"}],
                  "open_issues": [{"text", "refs"}], "next_meeting"}
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional


WITHHELD = ("secret", "struck")


@dataclass
class Segment:
    id: int
    start: float
    end: float
    text: str
    speaker: str = ""
    # How sure Whisper was: "low" marks a line for the clerk to check, "ok" a line heard clearly (or
    # checked by the clerk), "" unknown (an older transcript). `score`: mean probability of its words.
    confidence: str = ""
    score: Optional[float] = None
    # The clerk undid ケバ取り/整文 on this line: exports keep its words as heard.
    verbatim: bool = False
    # "secret" (秘密会) or "struck" (取消し): kept in the official record, left out of the public copy.
    withheld: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "start": round(self.start, 3), "end": round(self.end, 3),
                               "text": self.text, "speaker": self.speaker}
        if self.verbatim:
            out["verbatim"] = True
        if self.withheld:
            out["withheld"] = self.withheld
        if self.confidence:
            out["confidence"] = self.confidence
        if self.score is not None:
            out["score"] = round(self.score, 3)
        return out


@dataclass
class SpeakerInfo:
    """One voice diarization found; `name` only from evidence in the meeting (the segment id in
    `evidence`, `reason` self_introduction | floor_given | chairs) or from the clerk (`confirmed`)."""

    voice: str
    name: str = ""
    evidence: Optional[int] = None
    reason: str = ""
    confirmed: bool = False

    @property
    def label(self) -> str:
        return self.name or self.voice


@dataclass
class Transcript:
    segments: list[Segment]
    duration: float
    language: str = "ja"
    speakers: list[SpeakerInfo] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"language": self.language, "duration": round(self.duration, 3),
                               "segments": [s.to_json() for s in self.segments]}
        if self.speakers:
            out["speakers"] = [asdict(p) for p in self.speakers]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Transcript":
        """Build from parsed JSON; raises KeyError/TypeError/ValueError on a malformed document."""
        if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
            raise ValueError("not a transcript")
        segments = []
        for i, s in enumerate(data["segments"]):
            score = s.get("score")
            segments.append(Segment(id=int(s.get("id", i + 1)), start=float(s["start"]), end=float(s["end"]),
                                    text=str(s["text"]), speaker=str(s.get("speaker") or ""),
                                    confidence=str(s.get("confidence") or ""),
                                    score=float(score) if isinstance(score, (int, float)) else None,
                                    verbatim=bool(s.get("verbatim")),
                                    withheld=str(s.get("withheld") or "") if s.get("withheld") in WITHHELD else ""))
        duration = float(data.get("duration") or (segments[-1].end if segments else 0.0))
        speakers = [SpeakerInfo(voice=str(p["voice"]), name=str(p.get("name") or ""),
                                evidence=int(p["evidence"]) if isinstance(p.get("evidence"), int) else None,
                                reason=str(p.get("reason") or ""), confirmed=bool(p.get("confirmed")))
                    for p in data.get("speakers") or [] if isinstance(p, dict) and p.get("voice")]
        return cls(segments=segments, duration=duration, language=str(data.get("language") or "ja"), speakers=speakers)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    def by_id(self) -> dict[int, Segment]:
        return {s.id: s for s in self.segments}


@dataclass
class Meeting:
    """What the clerk knows before the meeting: it feeds transcription, minutes and export."""

    title: str = ""
    date: str = ""          # ISO YYYY-MM-DD, or empty
    start_time: str = ""    # HH:MM, or empty
    end_time: str = ""
    place: str = ""
    attendees: list[str] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)
    absentees: list[str] = field(default_factory=list)   # 欠席者
    materials: list[str] = field(default_factory=list)   # 配布資料
    recorder: str = ""                                   # 記録者

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Meeting":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class Item:
    """A decision, an open issue: a sentence and the transcript segments it came from."""

    text: str
    refs: list[int] = field(default_factory=list)


@dataclass
class AgendaItem:
    title: str
    summary: str = ""
    refs: list[int] = field(default_factory=list)


@dataclass
class ActionItem:
    owner: str
    task: str
    due: str = ""
    refs: list[int] = field(default_factory=list)


@dataclass
class Minutes:
    title: str = ""
    date: str = ""
    place: str = ""
    attendees: list[str] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    decisions: list[Item] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    open_issues: list[Item] = field(default_factory=list)
    next_meeting: str = ""
    start_time: str = ""
    end_time: str = ""
    absentees: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    recorder: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Minutes":
        """Build from parsed JSON; raises KeyError/TypeError/ValueError on a malformed document."""
        if not isinstance(data, dict):
            raise ValueError("not minutes")

        def refs(d: dict) -> list[int]:
            return [int(r) for r in d.get("refs") or []]

        return cls(
            title=str(data.get("title") or ""),
            date=str(data.get("date") or ""),
            place=str(data.get("place") or ""),
            attendees=[str(a) for a in data.get("attendees") or []],
            agenda=[
                AgendaItem(str(a["title"]), str(a.get("summary") or ""), refs(a)) for a in data.get("agenda") or []
            ],
            decisions=[Item(str(d["text"]), refs(d)) for d in data.get("decisions") or []],
            action_items=[
                ActionItem(str(a.get("owner") or ""), str(a["task"]), str(a.get("due") or ""), refs(a))
                for a in data.get("action_items") or []
            ],
            open_issues=[Item(str(d["text"]), refs(d)) for d in data.get("open_issues") or []],
            next_meeting=str(data.get("next_meeting") or ""),
            start_time=str(data.get("start_time") or ""),
            end_time=str(data.get("end_time") or ""),
            absentees=[str(a) for a in data.get("absentees") or []],
            materials=[str(a) for a in data.get("materials") or []],
            recorder=str(data.get("recorder") or ""),
        )
