"""The chair's formulas: the fixed sentences of assembly procedure, written back where Whisper heard
their sounds in other characters.

A committee decides in set words (ご異議なしと認めます。よって、議案第十二号は原案のとおり可決すべき
ものと決しました). Whisper base hears them sound by sound and spells them as it guesses: 認めます as
見止めます, 採択 as 最多く. A word list cannot mend that (見止めます has the right reading, 最多く is
two ordinary words), but the whole sentence is long and fixed, so a span of a line whose reading is
within a few sounds of a formula's is that formula. The list is resources/vocabulary/procedure.txt.

Guards, because an everyday sentence must never be rewritten into procedure:
- the span covers whole words and no figure (a bill's number is never inside a formula);
- the shorter the formula, the closer it must sound (a short one only by its exact reading);
- everyday sentences that sound close to a formula (これより再開いたします) are in the list as
  kept sentences: a span closer to one of them is left alone;
- a span about as close to two different formulas (可決 / 否決) is left alone.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from . import paths
from .reading import aligned, reading_of, word_bounds

KEPT_MARK = "= "
# The closeness a span needs, by the formula's length in sounds: 1 - edits / length.
_LONG, _MEDIUM = 12, 8
_LONG_SIMILARITY, _MEDIUM_SIMILARITY = 0.8, 0.88
_PREDICATE = 4        # a formula's last sounds, which must be heard exactly
_AMBIGUOUS = 0.04      # two formulas this close to the same span: which one was said is unknown
_SHARED_PAIRS = 0.5    # share of a formula's sound pairs a line must have to be searched for it


@dataclass(frozen=True)
class Formula:
    text: str
    reading: str
    kept: bool = False    # an everyday sentence: never written, it only keeps its sound-alikes as said


def load_formulas(path: Path) -> list[Formula]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kept = line.startswith(KEPT_MARK)
        text = line[len(KEPT_MARK):].strip() if kept else line
        out.append(Formula(text, reading_of(text), kept))
    return out


@functools.lru_cache(maxsize=1)
def builtin_formulas() -> tuple[Formula, ...]:
    return tuple(load_formulas(paths.resource("vocabulary", "procedure.txt")))


def edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _needed(formula: Formula) -> float:
    n = len(formula.reading)
    if n >= _LONG:
        return _LONG_SIMILARITY
    return _MEDIUM_SIMILARITY if n >= _MEDIUM else 1.0


def _pairs(reading: str) -> set[str]:
    return {reading[i:i + 2] for i in range(len(reading) - 1)}


@dataclass(frozen=True)
class _Hit:
    similarity: float
    start: int      # token index
    end: int
    formula: Formula


def restore_formulas(text: str, formulas: Iterable[Formula]) -> tuple[str, list[tuple[str, str]]]:
    """`text` with each span that sounds like a formula written as the formula; and the (heard,
    written) pairs replaced."""
    text, changes = _negation_restored(text)
    text, therefore = _therefore_restored(text)
    changes += therefore
    text, accepted = _accepted_restored(text)
    changes += accepted
    replaced = []
    for start, end, written in sorted(_replacements(text, formulas), reverse=True):
        replaced.append((text[start:end], written))
        text = text[:start] + written + text[end:]
    return text, changes + replaced[::-1]


# 「不採択とすべきものと決しました」 with its first short sound lost reads 「採択とすべきものと…」, one sound
# from the adopting formula too, so the sound match leaves it alone; but the verbs 採択する, 承認する,
# 認定する, 同意する take すべき directly, and only their negated nouns (不採択, 不承認, 不認定, 不同意) take
# 「とすべき」. Left as heard, the line reads as the opposite decision.
_NEGATION_LOST = re.compile(r"(?<![不非])(採択|承認|認定|同意)(とすべきものと決)")


def _negation_restored(text: str) -> tuple[str, list[tuple[str, str]]]:
    found = [m.group(1) + m.group(2) for m in _NEGATION_LOST.finditer(text)]
    return _NEGATION_LOST.sub(r"不\1\2", text), [(x, "不" + x) for x in found]


# The chair's 「よって、議案第六号は…決しました」 is heard as the verb 寄って (the tuning meeting fukushi, three
# times of three). Only where a sentence opens with it and the item decided follows: a verb there would be
# an order to drop in (寄って、議案第三号を…) that no one gives; 「帰りに寄って、議案書を…」 keeps its verb.
_THEREFORE_HEARD = re.compile(r"(?:^|(?<=[。？！\s]))寄って(?=、?\s?(?:(?:議案|陳情|請願|報告|認定|諮問|発議)第"
                              r"|本(?:案|件|陳情|請願)は))")


def _therefore_restored(text: str) -> tuple[str, list[tuple[str, str]]]:
    found = len(_THEREFORE_HEARD.findall(text))
    return _THEREFORE_HEARD.sub("よって", text), [("寄って", "よって")] * found


# The reply 「承知いたしました」 heard as 表示いたしました (toshi), 表示しました (kankyo_room), 標準いたしました
# (yosan): tuning meetings, three of them. Only where the verb is the whole sentence, after at most はい:
# something displayed is said with what and where (画面に表示しました), and 標準 takes に or と.
_ACCEPTED_HEARD = re.compile(r"(?:^|(?<=[。？！]))(?P<lead>\s*(?:(?:はい|ハイ)[、,]?\s?)?)(?:表示|標準)"
                             r"(?P<verb>(?:いた)?しました)(?=[。、,！!]|$)")


def _accepted_restored(text: str) -> tuple[str, list[tuple[str, str]]]:
    changes = [(m.group(0).strip(), (m.group("lead") + "承知" + m.group("verb")).strip())
               for m in _ACCEPTED_HEARD.finditer(text)]
    return _ACCEPTED_HEARD.sub(r"\g<lead>承知\g<verb>", text), changes


def restore_across(first: str, second: str, formulas: Iterable[Formula]) -> Optional[tuple[str, str, str, str]]:
    """A formula Whisper split over two lines said one after the other (「…可決すべきものと決する
    ことに」「ご意義ありませんか」): (the first line with the whole formula at its end, what is left of
    the second, heard, written), or None when no formula straddles them."""
    for start, end, written in _replacements(first + second, formulas):
        if start < len(first) < end:
            joined = first + second
            return first[:start] + written, joined[end:], joined[start:end], written
    return None


def _replacements(text: str, formulas: Iterable[Formula]) -> list[tuple[int, int, str]]:
    """(start, end, formula) for each span of `text` to write as a formula; spans already written so
    are left out."""
    tokens = aligned(text)
    line_pairs = _pairs("".join(t.reading for t in tokens))
    candidates = [f for f in formulas if len(f.reading) >= 2
                  and len(_pairs(f.reading) & line_pairs) >= _SHARED_PAIRS * len(_pairs(f.reading))]
    if not candidates:
        return []
    offsets = [0]
    for t in tokens:
        offsets.append(offsets[-1] + len(t.surface))
    bounds = word_bounds(text)
    hits = [h for f in candidates for h in _spans_like(tokens, offsets, bounds, f)]
    # The formula heard with the most of its sounds goes first: 「現案の通り下決すべき…」 is 原案のとおり
    # 可決すべき…, though 下決 alone is as near 否決 as 可決. An everyday sentence heard exactly goes first of all.
    hits.sort(key=lambda h: (not (h.formula.kept and h.similarity == 1.0),
                             -len(h.formula.reading) * h.similarity, -h.similarity, h.end - h.start))
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, str]] = []
    for hit in hits:
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue
        taken.append((hit.start, hit.end))
        rivals = [h for h in hits if h.formula.text != hit.formula.text and h.start < hit.end and hit.start < h.end
                  and h.similarity >= hit.similarity - _AMBIGUOUS
                  and len(h.formula.reading) >= 0.8 * len(hit.formula.reading)]
        if hit.formula.kept or (hit.similarity < 1.0 and rivals):
            continue
        if text[offsets[hit.start]:offsets[hit.end]] != hit.formula.text:
            out.append((offsets[hit.start], offsets[hit.end], hit.formula.text))
    return out


def _spans_like(tokens, offsets, bounds, formula: Formula) -> list[_Hit]:
    """Every run of whole words, free of figures and sentence ends, that sounds close enough to
    `formula`."""
    target, needed = formula.reading, _needed(formula)
    longest = int(len(target) * 1.25) + 1
    hits = []
    for i, first in enumerate(tokens):
        if not first.reading or offsets[i] not in bounds or first.pos == "助詞":
            continue  # no formula opens with a particle (は、議案の通り… is 議案の通り…)
        heard = ""
        for j in range(i, len(tokens)):
            t = tokens[j]
            if not t.reading and t.surface.strip(" 　、,"):
                break   # a figure, a sentence end or text that could not be read: a formula never spans it
            heard += t.reading
            if len(heard) > longest:
                break
            if not t.reading or offsets[j + 1] not in bounds or len(heard) < len(target) * 0.75:
                continue
            if not heard.endswith(target[-_PREDICATE:]):
                continue  # the end carries the meaning (決しました / 決することに): it must be heard as is
            similarity = 1 - edit_distance(heard, target) / max(len(heard), len(target))
            if similarity >= needed:
                hits.append(_Hit(similarity, i, j + 1, formula))
    return hits
