"""Japanese readings, offline, with pyopenjtalk (its dictionary ships in the wheel): the only
module that imports pyopenjtalk."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from .cues import ASKING_STEMS


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


def plain_request(text: str) -> str:
    """A request in the dictionary form a task list uses: 「結果をまとめてください」->「結果をまとめる」,
    「資料を送ってください」->「資料を送る」, 「事務局にご連絡ください」->「事務局に連絡する」.
    Text that does not end in a request is returned as it is."""
    import pyopenjtalk

    body = text.rstrip("。．.!！ 　")
    m = pyopenjtalk.run_frontend(body)
    for i in range(len(m) - 1, 0, -1):
        if not m[i]["string"].startswith(ASKING_STEMS):
            continue
        head = "".join(x["string"] for x in m[:i])
        if i >= 2 and m[i - 1]["string"] in ("て", "で") and m[i - 2]["pos"] == "動詞":
            verb = m[i - 2]
            stem = "".join(x["string"] for x in m[:i - 2])
            if verb["orig"] == "する" and stem:
                return stem + "する"  # 報告してください -> 報告する
            return stem + verb["orig"]
        if m[i - 1]["pos"] == "名詞" and i >= 2 and m[i - 2]["string"] in ("ご", "お"):
            return "".join(x["string"] for x in m[:i - 2]) + m[i - 1]["string"] + "する"
        return head
    return text


def preload() -> None:
    """Import pyopenjtalk now. Its first import holds the interpreter lock for 0.05-0.25 s; done in a
    worker thread in the middle of a job, that would freeze a window for as long."""
    import pyopenjtalk  # noqa: F401
