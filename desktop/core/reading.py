"""Japanese readings and words, offline: pyopenjtalk for readings, Sudachi (its core dictionary
ships as a wheel) for where words begin and end. The only module that imports either."""
from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Optional

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


def aligned(text: str) -> list[Morpheme]:
    """pyopenjtalk's morphemes with their surfaces as written in `text`.

    pyopenjtalk rewrites numbers (1点目 -> 一点目) and widths and drops spaces, so digits, Latin
    letters and spaces are kept as plain tokens and only the runs between them are analysed (Whisper
    joins the pieces of a line with a space: 「よって議案第21号は、 議案の通り…」; read whole, the
    line could not be aligned and no word of it was corrected)."""
    out: list[Morpheme] = []
    for run in re.findall(r"[\s0-9０-９A-Za-zＡ-Ｚａ-ｚ.,%％/]+|[^\s0-9０-９A-Za-zＡ-Ｚａ-ｚ.,%％/]+", text):
        if re.match(r"[\s0-9０-９A-Za-zＡ-Ｚａ-ｚ.,%％/]", run):
            # The number of a designator (議案第25) is read, so that one the clerk listed (議案第二十号)
            # can be heard in it; other numbers (amounts, dates, times) are never matched by sound.
            designator = bool(out) and out[-1].surface.endswith("第") and re.fullmatch(r"[0-9０-９]+", run)
            out.append(Morpheme(run, reading_of(run) if designator else "", "名詞" if designator else "記号"))
            continue
        out.extend(_aligned_run(run))
    return out


def _aligned_run(text: str) -> list[Morpheme]:
    out, pos = [], 0
    for m in morphemes(text):
        target = unicodedata.normalize("NFKC", m.surface)
        start = pos
        while pos < len(text) and unicodedata.normalize("NFKC", text[start:pos]) != target:
            pos += 1
        if unicodedata.normalize("NFKC", text[start:pos]) != target:
            return [Morpheme(text, "", "")]  # could not align: leave this run alone
        out.append(Morpheme(text[start:pos], m.reading, m.pos))
    if pos < len(text):
        out.append(Morpheme(text[pos:], "", ""))
    return out


_SUDACHI_LOCK = threading.Lock()   # one tokenizer, shared: it is not safe across threads


@functools.lru_cache(maxsize=1)
def _sudachi():
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").create(SplitMode.C)


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[int, int, str, bool], ...]:
    with _SUDACHI_LOCK:
        return tuple((m.begin(), m.end(), m.normalized_form(), m.is_oov()) for m in _sudachi().tokenize(text))


@dataclass(frozen=True)
class Word:
    surface: str
    pos: tuple[str, str, str]   # Sudachi's first three levels: ("動詞", "非自立可能", "*")
    reading: str                # katakana as written in the dictionary (トオリ, not ドーリ)
    known: bool = True          # in the dictionary (False: Sudachi guessed the word, is_oov)


@functools.lru_cache(maxsize=4096)
def tagged_words(text: str) -> tuple[Word, ...]:
    """Sudachi's long units of `text`, in order, with their part of speech and reading; their
    surfaces joined give `text` back."""
    with _SUDACHI_LOCK:
        return tuple(Word(m.surface(), tuple(m.part_of_speech()[:3]), m.reading_form(), not m.is_oov())
                     for m in _sudachi().tokenize(text))


@functools.lru_cache(maxsize=4096)
def is_surname(text: str) -> bool:
    """Whether the dictionary knows `text` as one word, a person's name (佐々木 yes; 判断, 以上 no)."""
    with _SUDACHI_LOCK:
        words = list(_sudachi().tokenize(text))
    return len(words) == 1 and words[0].part_of_speech()[2] == "人名"


def fillers_in(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the words Sudachi tags as fillers (感動詞-フィラー: えー, あのー, そのー)."""
    with _SUDACHI_LOCK:
        words = [(m.begin(), m.end(), m.part_of_speech()[:2]) for m in _sudachi().tokenize(text)]
    return [(b, e) for b, e, pos in words if pos == ("感動詞", "フィラー")]


def numerals_in(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words Sudachi tags as numerals (数詞), written in kanji: 十三 in 九月十三日,
    百二十万 in 百二十万円; never part of a word (一部, 統一, 一人一人, 一時休憩 are words of their own)."""
    with _SUDACHI_LOCK:
        words = [(m.begin(), m.end(), m.part_of_speech()[:2], m.surface()) for m in _sudachi().tokenize(text)]
    return [(b, e) for b, e, pos, surface in words
            if pos == ("名詞", "数詞") and all(ch in "〇一二三四五六七八九十百千万億" for ch in surface)]


def word_bounds(text: str) -> frozenset[int]:
    """Character offsets where a word begins or ends in `text` (Sudachi's long units: 庁内, 解決策,
    毎日 and 定時 are words; a correction may only replace whole ones)."""
    return frozenset([0, len(text)] + [b for w in _words(text) for b in w[:2]])


def normalized_word(text: str) -> Optional[str]:
    """The dictionary form of `text` when it is exactly one known word (打ち合わせ and 打合せ give the
    same), else None."""
    words = _words(text)
    if len(words) != 1 or words[0][3]:
        return None
    return words[0][2]


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


def plain_promise(text: str) -> str:
    """A promise in the dictionary form a task list uses: 「日程を決めます」->「日程を決める」,
    「確認しておきます」->「確認しておく」, 「用意いたします」->「用意する」. Text that does not end in
    a verb's ます is returned as it is."""
    import pyopenjtalk

    body = text.rstrip("。．.!！ 　")
    m = pyopenjtalk.run_frontend(body)
    if len(m) >= 2 and m[-1]["string"] == "ます" and m[-2]["pos"] == "動詞":
        return "".join(x["string"] for x in m[:-2]) + m[-2]["orig"]
    return text


def preload() -> None:
    """Import pyopenjtalk now. Its first import holds the interpreter lock for 0.05-0.25 s; done in a
    worker thread in the middle of a job, that would freeze a window for as long."""
    import pyopenjtalk  # noqa: F401
