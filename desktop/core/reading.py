"""Japanese readings, offline, with pyopenjtalk (its dictionary ships in the wheel): the only
module that imports pyopenjtalk."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Morpheme:
    surface: str
    reading: str   # katakana as pronounced (は as ワ), without accent marks
    pos: str


@functools.lru_cache(maxsize=4096)
def morphemes(text: str) -> tuple[Morpheme, ...]:
    import pyopenjtalk

    out = []
    for m in pyopenjtalk.run_frontend(text):
        reading = m["pron"].replace("’", "").replace("'", "")
        out.append(Morpheme(m["string"], reading if reading != "、" else "", m["pos"]))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def reading_of(text: str) -> str:
    return "".join(m.reading for m in morphemes(unicodedata.normalize("NFKC", text)))
