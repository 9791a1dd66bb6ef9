"""Checks that tie what the language model wrote back to what was said: how much of a sentence
the transcript lines support, and whether every number in it was said. The model proposes; these
rules (with desktop.core.cues, names and japanese) decide what reaches the minutes.
"""
from __future__ import annotations

import re

from .japanese import kanji_to_int, normalize_text

def bigrams(text: str) -> set[str]:
    t = re.sub(r"[\s、。，．,.!?！？「」『』（）()・:：]", "", normalize_text(text))
    return {t[i:i + 2] for i in range(len(t) - 1)} if len(t) > 1 else ({t} if t else set())


def support(claim: str, source_text: str) -> float:
    """Share of the claim's character bigrams that occur in the source (1.0 = all of it was said)."""
    claim_grams = bigrams(claim)
    if not claim_grams:
        return 0.0
    return len(claim_grams & bigrams(source_text)) / len(claim_grams)


def numbers_grounded(claim: str, source_text: str) -> bool:
    """Every number in the claim (dates, counts, amounts) is said in the source: nothing invented."""
    said = set(re.findall(r"\d+", normalize_text(source_text)))
    return all(n in said for n in re.findall(r"\d+", normalize_text(claim)))


def item_numbers_kept(claim: str, source_text: str) -> bool:
    """Every numbered item the source names (議案第13号, 陳情5号) is named in the claim too: a
    decision that lost its bill's number could be about any bill."""
    said = set(re.findall(r"(\d+)号", normalize_text(source_text)))
    return said <= set(re.findall(r"(\d+)号", normalize_text(claim)))


def _figures(text: str) -> set[str]:
    """The figures a sentence says, a designator's one-character kanji number too (請願第七号: the
    numeral step leaves 七 alone, and such a decision was merged with 陳情第十三号's on fukushi's script)."""
    norm = normalize_text(text)
    said = set(re.findall(r"\d+", norm))
    for run in re.findall(r"第([〇一二三四五六七八九十百千]+)[号条項回]", norm):
        if (value := kanji_to_int(run)) is not None:
            said.add(str(value))
    return said


def similar(a: str, b: str) -> float:
    """Symmetric bigram overlap, for de-duplication. Sentences that both say figures and say
    different ones are 0: 「議案第12号は可決すべきものと決しました」 and the same formula for 第13号
    are two decisions, however alike their wording."""
    na, nb = (_figures(x) for x in (a, b))
    if na and nb and na != nb:
        return 0.0
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))
