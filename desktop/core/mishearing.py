"""Words Whisper probably misheard: written so that no dictionary knows them.

Whisper writes a word it did not catch as kanji that sound right and mean nothing (討論 as 道論,
研修 as 検習, 閉会 as 編解, 請願 as 寝場), and is often sure of them (most such lines scored "ok").
Sudachi then finds no word there: it splits the garble into single kanji it reads as nouns one
after another, or leaves a kanji it does not know at all. Ordinary Japanese rarely does either:
a single-kanji noun is followed by a suffix (市内, 皆様, 点目, 係長) or a particle, not by another
single-kanji noun.

Measured (rules written from the tuning meetings' decodes only): of 1,161 correctly written lines
(the tuning meetings' scripts, the negative and positive corpora in tests/fixtures) none is flagged;
of 306 lines Whisper base wrote for the nine tuning meetings, 29 are, each holding a misheard word
(one of them a real word in the wrong place: 本案 heard as 法案). Katakana the dictionary lacks is
not flagged: it is as often a product or system name as a garble (イイラーニング for eラーニング).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .coverage import is_gap
from .reading import Word, tagged_words
from .types import Transcript

_KANJI = re.compile(r"[\u4e00-\u9fff]")
_COMMON_NOUN = ("名詞", "普通名詞")


@dataclass(frozen=True)
class Garble:
    start: int
    end: int
    surface: str
    # How it sounds, kanji by kanji, as the dictionary reads each alone (統論: トウ + ロン -> トーロン,
    # written long as pyopenjtalk pronounces); "" when a kanji has no reading there.
    sound: str


def garbles(text: str) -> list[Garble]:
    """The spans of `text` that read as no word (「道論」, 「検習」), in order."""
    words = tagged_words(text)
    starts = [0]
    for w in words:
        starts.append(starts[-1] + len(w.surface))
    found: list[Garble] = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and _single_kanji_noun(w) and _single_kanji_noun(nxt):
            found.append(Garble(starts[i], starts[i + 2], w.surface + nxt.surface, _sound((w, nxt))))
        elif (not w.known and w.pos[1] != "数詞" and _KANJI.search(w.surface)
              and not (found and found[-1].end > starts[i])):
            # (「検習」: 習 is both the second of two single-kanji nouns and a kanji Sudachi does not know.)
            found.append(Garble(starts[i], starts[i + 1], w.surface, ""))
    return found


def misheard_words(text: str) -> list[str]:
    """The garbles' spellings, each once."""
    return list(dict.fromkeys(g.surface for g in garbles(text)))


def quoted(words: list[str]) -> str:
    """The words as a sentence names them: 「道論」、「検習」."""
    return "、".join(f"「{w}」" for w in words)


def _sound(words: tuple[Word, ...]) -> str:
    if not words or not all(re.fullmatch(r"[ァ-ヴー]+", w.reading) for w in words):
        return ""
    return "".join(_pronounced(w.reading) for w in words)


def _pronounced(kana: str) -> str:
    """Kana spelling -> pronunciation, the form vocabulary readings are in: トウ -> トー, ヘイ -> ヘー
    (within one word: ウエ|イロ is not ウエーロ)."""
    kana = re.sub(r"(?<=[オコソトノホモヨロヲゴゾドボポョ])ウ", "ー", kana)
    return re.sub(r"(?<=[エケセテネヘメレゲゼデベペ])イ", "ー", kana)


def _single_kanji_noun(w: Word) -> bool:
    return len(w.surface) == 1 and bool(_KANJI.fullmatch(w.surface)) and w.pos[:2] == _COMMON_NOUN


def mark_misheard(transcript: Transcript) -> int:
    """Mark each line that holds a misheard word as one to check (confidence "low"), however sure
    Whisper was of it; returns how many lines were marked that were not already."""
    marked = 0
    for s in transcript.segments:
        if s.confidence != "low" and not is_gap(s) and misheard_words(s.text):
            s.confidence = "low"
            marked += 1
    return marked


def without_misheard(text: str) -> str:
    """`text` (a summary a model wrote from the transcript) without the sentences that copy a
    misheard word: such a sentence is left out, for the clerk to write, rather than passed on."""
    sentences = re.findall(r"[^。！？]*[。！？]|[^。！？]+$", text)
    return "".join(s for s in sentences if not misheard_words(s))
