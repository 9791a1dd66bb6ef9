"""Three levels of a transcript's text, as a 会議録 needs them: 素起こし (verbatim, as heard),
ケバ取り (fillers, false starts and stutters removed) and 整文 (light spoken-to-written rules on
top). Content words, numbers and names are never touched: a filler is removed only where the
dictionary tags it as one (Sudachi: 感動詞-フィラー) or where its wording leaves no doubt (えーと,
まあ and うーん set off by a comma), and あの / その stay where they point at something (あの資料).
Each change is kept with the line so that the app can show it and the clerk can undo it on one line
(Segment.verbatim).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .types import Segment, Transcript

LEVELS = ("verbatim", "kebatori", "seibun")

# Fillers by wording, when a comma or the line's start sets them off (not 「まあまあの出来」).
_FILLER_WORDS = ("えーっと", "えーと", "えっと", "ええと", "えー", "えーー", "あのー", "あのう", "そのー", "うーん",
                 "うーんと", "んー", "まあ", "まー", "あー", "あの", "その", "えと", "え")
# How Whisper writes a filler it mishears as a word (えー as 栄 or 英, え as 絵): only a line-opening
# token that reads as a filler, or is one of the characters Whisper picks for えー (read エイ, which
# the reading dictionary gives as a name), followed by a comma.
_FILLER_READINGS = {"エー", "エ", "エート", "エット", "アノー", "マー", "ウーン"}
_FILLER_SPELLINGS = {"栄", "英", "永", "衛", "絵", "江", "得", "A", "Ａ"}
# The letter A (read エイ) is a filler only alone: 「A、Bの二案」 lists options.
_LETTER_LIST = re.compile(r"^[A-ZＡ-Ｚ][、,]\s*[^。]{0,3}[A-Za-zＡ-Ｚａ-ｚ]")
_SET_OFF = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, _FILLER_WORDS), key=len, reverse=True)) +
                      r")ー*[、,]\s*")
# A stutter or false start: the same words twice, the first set off by a comma and ending in a
# particle (「予算が、予算が足りません」「この、この件」); 「東京、東京都」 and 「1、1」 are left alone.
_REPEAT = re.compile(r"([^\d、。,]{1,7}?[がはをにのでともへ])[、,]\s*\1")
# 整文: spoken forms with their written equivalents, each a whole word.
_WRITTEN = ((re.compile(r"じゃあ?(?=[、,])"), "では"), (re.compile(r"^じゃあ?"), "では"),
            (re.compile(r"っていう"), "という"), (re.compile(r"って言う"), "と言う"),
            (re.compile(r"けど(?=[。、,]|$)"), "けれども"), (re.compile(r"なんで(?=[、,])"), "なので"))


@dataclass(frozen=True)
class Change:
    segment: int
    before: str
    after: str


def _without_fillers(text: str) -> str:
    from .reading import fillers_in
    # Fillers by wording at the start of each clause (after the line's start or a comma) first:
    # 「えーと、」 whole, before the dictionary finds the えー inside it.
    pieces = re.split(r"(?<=[、,。])", text)
    out = "".join(_SET_OFF.sub("", p.lstrip()) if p.strip() else p for p in pieces)
    # Then the words the dictionary tags as fillers (えー, あのー, そのー), each with its comma.
    for start, end in sorted(fillers_in(out), reverse=True):
        tail = end + 1 if end < len(out) and out[end] in "、," else end
        out = out[:start] + out[tail:]
    return out


def _misheard_filler(text: str) -> str:
    """A sentence that opens with a word that sounds like a filler and a comma: 「栄、本日は」,
    「…と思います。A、本日は」 (Whisper joins sentences into one line)."""
    return "".join(_without_opening_filler(p) for p in re.split(r"(?<=。)", text))


def _without_opening_filler(sentence: str) -> str:
    from .reading import reading_of
    lead = len(sentence) - len(sentence.lstrip())
    text = sentence[lead:]
    m = re.match(r"^([^、,。]{1,3})[、,]\s*", text)
    if m and not _ANSWERING.match(text) and not _LETTER_LIST.match(text) and (
            m.group(1) in _FILLER_SPELLINGS or reading_of(m.group(1)) in _FILLER_READINGS):
        return sentence[:lead] + text[m.end():]
    return sentence


# Whisper writes a long えー as 「ええ」, often with no comma before the next word (「ええ本日は」), which
# the dictionary reads as the answer ええ (yes). No word of standard Japanese has ええ inside it, so
# anywhere but a line's start it is the filler; at the start it is kept where it answers
# (「ええ、そうです」「ええ。」).
_EE = re.compile(r"ええー*[、,]?\s*")
_ANSWERING = re.compile(r"^ええー*[、,。]?\s*(?:そう|はい|結構|大丈夫|その(?:通り|とおり)|おっしゃる|分かり|わかり"
                        r"|了解|承知|$)")


def _without_whisper_ee(text: str) -> str:
    keep = 2 if _ANSWERING.match(text) else 0
    return text[:keep] + _EE.sub("", text[keep:])


def kebatori(text: str) -> str:
    """Fillers, stutters and false starts removed; every other character kept."""
    out = _tidied(text)
    return out if out.strip("、。,. ") else text    # a line of nothing but fillers stays as it was


def only_fillers(text: str) -> bool:
    """A line that says nothing but fillers (「えー、」): kept in the transcript, never a record's speech."""
    return bool(text.strip()) and not _tidied(text).strip("、。,. ")


def _tidied(text: str) -> str:
    norm = unicodedata.normalize("NFC", text)
    out = _misheard_filler(_without_whisper_ee(_without_fillers(norm)))
    while True:
        collapsed = _REPEAT.sub(r"\1", out)
        if collapsed == out:
            break
        out = collapsed
    return re.sub(r"^[、,\s]+", "", out)


def seibun(text: str) -> str:
    out = kebatori(text)
    for pattern, written in _WRITTEN:
        out = pattern.sub(written, out)
    return out


def tidy(transcript: Transcript, level: str) -> tuple[Transcript, list[Change]]:
    """A copy of the transcript at `level`, and what changed line by line. Lines the clerk marked
    `verbatim` keep their words."""
    if level not in LEVELS:
        raise ValueError(f"unknown text level {level}")
    if level == "verbatim":
        return transcript, []
    rewrite = kebatori if level == "kebatori" else seibun
    segments: list[Segment] = []
    changes: list[Change] = []
    for s in transcript.segments:
        after = s.text if s.verbatim else rewrite(s.text)
        if after != s.text:
            changes.append(Change(s.id, s.text, after))
        segments.append(replace(s, text=after))
    return replace(transcript, segments=segments), changes
