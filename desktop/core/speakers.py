"""Speakers on transcript lines: each line gets the voice that speaks longest in it (話者1, 話者2 ...
in the order they first speak), and a voice gets an attendee's name only from what the meeting
says: a self-introduction (「税務課長の佐々木です」), the chair handing the floor to someone
(「佐々木課長、お願いします」, answered by the next voice), or the chair's own formulas (the one
委員長 on the list is the voice that takes up items and puts them to the vote). Each name keeps
the line it came from, so the clerk can see why and confirm or change it; a voice without evidence
keeps its number.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .diarization import Diarization
from .names import TITLES, strip_title
from .speaker_edits import split_line
from .types import Segment, SpeakerInfo, Transcript

VOICE_LABEL = "話者{n}"
# A reply to the floor being given comes within this many seconds, from another voice.
REPLY_WITHIN_S = 15.0
MIN_SIDE_S = 1.0        # a line is cut where the voice changes only if each side has this much speech
SOUND_MATCH = 0.75      # コンドー / コードー (近藤 heard as 行動): 0.75; イノウエ / イジョー (井上 / 以上): 0.25

_TITLE_RE = "|".join(sorted((t for t in TITLES if t not in ("さん", "様", "氏", "君")), key=len, reverse=True))
_KANJI_NAME = r"[一-龥々ヶ]{1,4}"
# 「事務局の松本です」「税務課長の佐々木でございます」「栄養士の山口です」, or the bare 「松本です」 when the
# line opens with it: the only places a meeting says who is speaking.
# Whisper also writes a name it does not know in kana (道路課長の増田です as 道路活長のますだです, on the
# tuning meeting toshi): such a name is taken only after a role, and only by its sound.
_KANA_NAME = r"[ぁ-ゖ]{2,5}|[ァ-ヺ]{2,6}"
_SELF_INTRO = re.compile(r"^(?:はい[、。]?|えー[、]?|あの[、]?)?(?:(?P<role>[一-龥々ヶァ-ヶー]{1,14}?)の)?"
                         r"(?P<name>" + _KANJI_NAME + "|" + _KANA_NAME + r")(?:" + _TITLE_RE + r")?"
                         r"(?:です|でございます)(?:[。、!！]|$)")
_ROLE_END = re.compile(r"(?:" + _TITLE_RE + r"|長|員)$")
# Handing the floor, or a request to someone: the line ends asking for it, and names who is asked.
_FLOOR_END = re.compile(r"(?:お願い(?:します|いたします|できますか|できますでしょうか)|どうぞ|求めます)[。.!！?？]?$")
_ADDRESSED = re.compile(r"(?P<name>[一-龥々ヶぁ-んァ-ヶー]{1,6}?)(?P<title>" + _TITLE_RE +
                        r"|さん|君|くん)[、,]?")
# The floor given by the address alone, as the whole sentence (「宮本さん。」「次、節電です。宮本さん。」), and
# a request that opens by addressing someone (「吉村さん、…調べてもらえますか」) when the next voice takes it on
# (「はい、わかりました」): both tuning meetings shisetsu and kankyo_room hand the floor so.
_BARE_ADDRESS = re.compile(r"^(?:では|じゃあ|それでは|次|次に)?[、,]?\s*(?P<name>[一-龥々ヶぁ-んァ-ヶー]{1,6}?)"
                           r"(?:" + _TITLE_RE + r"|さん|君|くん)[、,。.]?$")
_REQUEST_END = re.compile(r"(?:て|で)(?:もらえますか|もらえませんか|いただけますか|いただけませんか"
                          r"|ください|くれますか)|お願いできますか")
_TAKES_IT_ON = re.compile(r"^(?:はい|わかりました|分かりました|承知|了解|かしこまりました)")
# Words that stand where a name does in these patterns but are not names (「以上です」「本日です」).
_NOT_NAMES = {"以上", "私", "僕", "本日", "今日", "明日", "次", "以下", "同じ", "結構", "大丈夫", "当日", "予定",
              "事務局", "担当", "現在", "今回", "前回", "次回", "説明", "報告", "資料", "質問", "確認", "意見", "賛成",
              "反対"}


# The chair's own formulas: opening, taking up an item, putting it to the vote, asking for objections.
# Whisper often hears the を of 「を議題と」 as お, so 議題と alone is the cue.
_CHAIRING = re.compile(r"(?:開会|閉会|散会)(?:いた)?します|議題と(?:いた)?します|採決(?:いた)?します"
                       r"|お(?:諮|はか)り(?:いた)?します|ご?異議(?:は)?(?:ありませんか|ございませんか)"
                       r"|異議なしと(?:認|みと)めます")
_CHAIR_TITLES = ("委員長", "議長", "会長", "座長", "部会長", "分科会長")
MIN_CHAIRING_LINES = 3  # a voice must say the chair's formulas this often to be taken for the chair


@dataclass
class Proposal:
    voice: int
    name: str
    evidence: int       # the segment id the name came from
    reason: str         # "self_introduction" | "floor_given" | "chairs"


def voice_label(voice: int) -> str:
    return VOICE_LABEL.format(n=voice + 1)


def split_at_voice_changes(transcript: Transcript, diarization: Diarization) -> int:
    """A line two voices share is cut where the voice changes: each side at least MIN_SIDE_S long
    and a fifth of the line. Without word times the text is cut in proportion to the time, at the
    nearest punctuation within four characters (Whisper ends its sentences with 。, and a change of
    speaker mostly falls there); without one the line stays whole. Returns the number of cuts."""
    cuts = 0
    for seg in list(transcript.segments):
        inside = [t for t in diarization.turns if t.end > seg.start and t.start < seg.end]
        if len(inside) < 2:
            continue
        # The longest stretch of each side of the change that matters most: the first boundary
        # between two turns that both hold enough of the line.
        for left, right in zip(inside, inside[1:]):
            before = min(left.end, seg.end) - seg.start
            after = seg.end - max(right.start, seg.start)
            length = seg.end - seg.start
            if left.voice != right.voice and min(before, after) >= max(MIN_SIDE_S, 0.2 * length):
                if split_line(transcript, seg.id, (left.end + right.start) / 2, punctuation_only=True) is not None:
                    cuts += 1
                break
    return cuts


def assign_voices(transcript: Transcript, diarization: Diarization) -> dict[int, int]:
    """segment id -> voice number, the voice that speaks longest in each line."""
    out = {}
    for seg in transcript.segments:
        voice = diarization.voice_at(seg.start, seg.end)
        if voice is not None:
            out[seg.id] = voice
    return out


def _attendee_for(name: str, role: str, attendees: Sequence[str], by_sound: bool = False) -> Optional[str]:
    """The attendee a spoken surname (and role) means: the one whose name starts with it, or, where
    the wording leaves no doubt that a name stands there, the one it sounds like (近藤 heard as 行動)."""
    people = [a.split("\t")[0].strip() for a in attendees]
    matches = [a for a in people if strip_title(a).startswith(name) or a.startswith(name)]
    if len(matches) > 1 and role:
        matches = [a for a in matches if role in a] or matches
    if len(matches) == 1:
        return matches[0]
    if by_sound and not matches and len(name) >= 2:
        return _sounds_like(name, people)
    return None


def _sounds_like(name: str, people: Sequence[str]) -> Optional[str]:
    """The one attendee whose surname (the first two to four characters of the name without its
    title: 近藤都市計画課長 -> 近藤) reads like `name`, by at least SOUND_MATCH of the kana."""
    from .reading import reading_of
    heard = reading_of(name)
    scores = []
    for person in people:
        core = strip_title(person)
        lengths = {min(k, len(core)) for k in (2, 3, 4)}
        best = max(difflib.SequenceMatcher(None, heard, reading_of(core[:n])).ratio() for n in lengths)
        scores.append((best, person))
    scores.sort(reverse=True)
    if scores and scores[0][0] >= SOUND_MATCH and (len(scores) == 1 or scores[1][0] < scores[0][0]):
        return scores[0][1]
    return None


def _by_role(role: str, attendees: Sequence[str]) -> Optional[str]:
    """The one attendee whose role, as listed, ends the role said (議会事務局長 for 長谷川事務局長, on the
    tuning meeting giun, where the name was heard as 姿側). A bare title (課長) names nobody: the listed
    role must be three characters or more."""
    people = [a.split("\t")[0].strip() for a in attendees]
    fits = [p for p in people if any(len(p) - k >= 3 and role.endswith(p[k:]) for k in (1, 2, 3, 4) if k < len(p))]
    return fits[0] if len(fits) == 1 else None


def _spoken_name(name: str, role: str, attendees: Sequence[str]) -> Optional[str]:
    if name in _NOT_NAMES or not name:
        return None
    if not re.search(r"[一-龥々ヶ]", name):
        # A name in kana: after a role (課長の, or 活長の as Whisper heard it), to an attendee it sounds like.
        if not attendees or not _ROLE_END.search(role):
            return None
        return _sounds_like(name, [a.split("\t")[0].strip() for a in attendees]) or _by_role(role, attendees)
    if attendees:
        return _attendee_for(name, role, attendees, by_sound=bool(role)) or (
            _by_role(role, attendees) if _ROLE_END.search(role) else None)
    # Without a list of attendees only a name introduced with its role, and one the dictionary
    # knows as a surname, is trusted: 「税務課長の佐々木です」, not 「課長の判断です」.
    from .reading import is_surname
    if not role or not is_surname(name):
        return None
    return name + (role if len(role) <= 8 and re.search("(?:" + _TITLE_RE + ")$", role) else "")


def propose_names(segments: Sequence[Segment], voices: dict[int, int], attendees: Iterable[str] = ()) -> list[Proposal]:
    """Names for voices from self-introductions and from the floor being given, with their lines."""
    attendees = [a for a in attendees if a.strip()]
    found: list[Proposal] = []
    for i, seg in enumerate(segments):
        voice = voices.get(seg.id)
        text = unicodedata.normalize("NFKC", seg.text).strip()
        m = _SELF_INTRO.match(text)
        if m and voice is not None:
            who = _spoken_name(m.group("name"), (m.group("role") or "").strip(), attendees)
            if who:
                found.append(Proposal(voice, who, seg.id, "self_introduction"))
                continue
        if not attendees or i + 1 >= len(segments):
            continue
        reply = segments[i + 1]
        who = _asked(text, unicodedata.normalize("NFKC", reply.text).strip(), attendees)
        if who and reply.start - seg.end <= REPLY_WITHIN_S and voices.get(reply.id) not in (None, voice):
            found.append(Proposal(voices[reply.id], who, seg.id, "floor_given"))
    return found + _chair(segments, voices, attendees)


def _asked(text: str, reply: str, attendees: Sequence[str]) -> Optional[str]:
    """The attendee a line gives the floor to or asks for something, whose answer is the next line."""
    said = [x.strip(" 　、") for x in re.split(r"(?<=[。！？!?])", text) if x.strip(" 　、")]
    if _FLOOR_END.search(text):
        asked = [m for m in _ADDRESSED.finditer(text) if m.group("name") not in _NOT_NAMES]
    elif said and (bare := _BARE_ADDRESS.match(said[-1])):
        asked = [bare]
    elif said and _REQUEST_END.search(said[-1]) and _TAKES_IT_ON.match(reply):
        opening = _ADDRESSED.match(re.sub(r"^(?:では|じゃあ|それでは)[、,]?", "", said[-1]))
        asked = [opening] if opening and opening.group(0).endswith(("、", ",")) else []
    else:
        asked = []
    asked = [m for m in asked if m.group("name") not in _NOT_NAMES]
    return _attendee_for(asked[-1].group("name"), "", attendees, by_sound=True) if asked else None


def _chair(segments: Sequence[Segment], voices: dict[int, int], attendees: Sequence[str]) -> list[Proposal]:
    """The attendee who chairs (the one 委員長, 議長, 会長 ... on the list), for the voice that says
    the chair's formulas (開会いたします, …を議題といたします, ご異議ありませんか) most. A chair rarely
    introduces themselves: everyone knows who holds the gavel."""
    chairs = [a for a in attendees if a.strip().endswith(_CHAIR_TITLES)
              and not a.strip().endswith(tuple("副" + t for t in _CHAIR_TITLES))]
    if len(chairs) != 1:
        return []
    said: dict[int, list[int]] = {}
    for seg in segments:
        if seg.id in voices and _CHAIRING.search(unicodedata.normalize("NFKC", seg.text)):
            said.setdefault(voices[seg.id], []).append(seg.id)
    if not said:
        return []
    ranked = sorted(said, key=lambda v: -len(said[v]))
    voice = ranked[0]
    if len(said[voice]) < MIN_CHAIRING_LINES or (len(ranked) > 1 and len(said[ranked[1]]) * 2 > len(said[voice])):
        return []  # too little, or another voice says them nearly as often: no one clearly chairs
    return [Proposal(voice, chairs[0], said[voice][0], "chairs")]


def settle_names(proposals: Sequence[Proposal]) -> dict[int, Proposal]:
    """One name per voice and one voice per name: a self-introduction outweighs the floor being
    given, more evidence outweighs less, the earlier evidence breaks a tie."""
    weight = {"self_introduction": 3, "chairs": 2, "floor_given": 1}
    score: dict[tuple[int, str], int] = {}
    first: dict[tuple[int, str], Proposal] = {}
    for p in proposals:
        key = (p.voice, p.name)
        score[key] = score.get(key, 0) + weight[p.reason]
        if key not in first or (weight[p.reason] > weight[first[key].reason]):
            first[key] = p
    chosen: dict[int, Proposal] = {}
    taken: set[str] = set()
    for key in sorted(score, key=lambda k: (-score[k], first[k].evidence)):
        voice, name = key
        if voice in chosen or name in taken:
            continue
        chosen[voice] = first[key]
        taken.add(name)
    return chosen


@dataclass
class SpeakerLabels:
    """What labelling did, for the log and the note in the transcript."""
    voices: int = 0
    named: int = 0
    unlabelled_lines: int = 0
    proposals: list[Proposal] = field(default_factory=list)
    lines_cut: int = 0


def label_speakers(transcript: Transcript, diarization: Diarization, attendees: Iterable[str] = ()) -> SpeakerLabels:
    """Set every line's speaker (a name where the meeting gave one, else 話者N) and the transcript's
    speaker table, in place. A line two voices share is cut where the voice changes."""
    cuts = split_at_voice_changes(transcript, diarization)
    voices = assign_voices(transcript, diarization)
    chosen = settle_names(propose_names(transcript.segments, voices, attendees))
    table = []
    for v in range(diarization.voices):
        p = chosen.get(v)
        table.append(SpeakerInfo(voice=voice_label(v), name=p.name if p else "", evidence=p.evidence if p else None,
                                 reason=p.reason if p else ""))
    display = {v: (chosen[v].name if v in chosen else voice_label(v)) for v in range(diarization.voices)}
    unlabelled = 0
    for seg in transcript.segments:
        if seg.id in voices:
            seg.speaker = display[voices[seg.id]]
        else:
            unlabelled += 1
    transcript.speakers = table
    return SpeakerLabels(diarization.voices, len(chosen), unlabelled, list(chosen.values()), cuts)
