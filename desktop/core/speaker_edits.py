"""The clerk's corrections of who said what: rename a speaker everywhere, merge two speakers,
give one line to another speaker, split a line where the voice changes; and each speaker's talk
time for the legend. Edits change the transcript in place and keep its speaker table in step: a
name the clerk gives is `confirmed`, and a merged voice leaves the table."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .types import Segment, SpeakerInfo, Transcript


@dataclass(frozen=True)
class TalkTime:
    speaker: str
    seconds: float
    lines: int
    info: SpeakerInfo | None


def talk_times(transcript: Transcript) -> list[TalkTime]:
    """Each speaker on the lines, in the order they first speak; lines without one are left out."""
    totals: dict[str, list[float]] = {}
    for s in transcript.segments:
        if s.speaker:
            t = totals.setdefault(s.speaker, [0.0, 0])
            t[0] += max(0.0, s.end - s.start)
            t[1] += 1
    info = {p.label: p for p in transcript.speakers}
    return [TalkTime(name, secs, int(n), info.get(name)) for name, (secs, n) in totals.items()]


def _info_for(transcript: Transcript, label: str) -> SpeakerInfo | None:
    return next((p for p in transcript.speakers if p.label == label), None)


def _relabel(transcript: Transcript, old: str, new: str) -> int:
    """Every line of `old` becomes `new`; returns how many."""
    lines = [s for s in transcript.segments if s.speaker == old]
    for s in lines:
        s.speaker = new
    return len(lines)


def rename(transcript: Transcript, old: str, new: str) -> int:
    """Every line of `old` becomes `new`; returns the lines changed. Renaming onto a name another
    speaker has is a merge."""
    new = new.strip()
    if not old or not new or old == new:
        return 0
    if any(s.speaker == new for s in transcript.segments):
        return merge(transcript, old, new)
    changed = _relabel(transcript, old, new)
    info = _info_for(transcript, old)
    if info is not None:
        info.name, info.confirmed = new, True
    return changed


def merge(transcript: Transcript, source: str, target: str) -> int:
    """One voice heard as two: the lines of `source` become `target`'s."""
    if not source or not target or source == target:
        return 0
    changed = _relabel(transcript, source, target)
    gone = _info_for(transcript, source)
    if gone is not None:
        transcript.speakers.remove(gone)
    kept = _info_for(transcript, target)
    if kept is not None:
        kept.confirmed = True
    return changed


def reassign(transcript: Transcript, segment_id: int, speaker: str) -> bool:
    seg = transcript.by_id().get(segment_id)
    if seg is None or seg.speaker == speaker.strip():
        return False
    seg.speaker = speaker.strip()
    return True


def split_line(transcript: Transcript, segment_id: int, at: float, punctuation_only: bool = False) -> Segment | None:
    """Cut a line at `at` seconds (the playback position where the voice changes). Without word
    times, the text is cut in proportion to the time, at the nearest punctuation or space within
    a few characters; the clerk moves words across if the cut is off. The new line takes the
    next free id and no speaker (the clerk gives it one). `punctuation_only`: cut only at a break
    (automatic cuts; the clerk's own cut goes where the clerk says)."""
    segs = transcript.segments
    index = next((i for i, s in enumerate(segs) if s.id == segment_id), None)
    if index is None:
        return None
    seg = segs[index]
    if not (seg.start + 0.2 < at < seg.end - 0.2) or len(seg.text) < 2:
        return None
    cut = round(len(seg.text) * (at - seg.start) / (seg.end - seg.start))
    cut = min(max(cut, 1), len(seg.text) - 1)
    near = [i + 1 for i, ch in enumerate(seg.text[:-1]) if ch in "、。，,！？!? 　" and abs(i + 1 - cut) <= 4]
    if near:
        cut = min(near, key=lambda i: abs(i - cut))
    elif punctuation_only:
        return None     # no break near the change: never cut a word in two on the strength of timing alone
    tail = replace(seg, id=max(s.id for s in segs) + 1, start=at, text=seg.text[cut:].strip(), speaker="")
    seg.text, seg.end = seg.text[:cut].strip(), at
    segs.insert(index + 1, tail)
    return tail
