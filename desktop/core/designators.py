"""The numbered items of the day's agenda (議事日程), written back where Whisper garbled them.

A clerk has the 議事日程 before the meeting and can enter its items (議案第五十二号, 請願第六号 ...) as
the meeting's terms. Whisper base hears a designator's 第 and number well, but not always its kind or
its 号. On the tuning meeting toshi it wrote 陳情第十五号 as 審序第15号 (three times of three), and
請願第六号 as 請願第65号 and 裁拓第65号 (ろくごう heard as 6, ご, う). The reading match of the
vocabulary cannot mend these: 審序 is two sounds from 陳情, 裁拓 nowhere near 請願, and 65 is a number.

With the agenda known, a designator heard with its 第 and its number is the agenda's item when exactly
one item bears that number:
- a kind that is no word (審序, 裁拓: single characters the dictionary cannot join) takes the item's;
- a number no item has, which is an item's number followed by 5 (65 where 6 is listed and 65 is not),
  is that item's number with its 号 heard twice, unless the item is heard right somewhere in the
  meeting: then 請願第35号 beside a 請願第三号 heard right is another petition, said whole.
号 may be heard as 個 (議案第62個), or as the digit ご with no 号 after it, before a pause or a particle
(陳情第145、 for 陳情第十四号); and a number piece by piece, its tens and then its unit (議案第6035 for
議案第六十三号: 60, 3, and ご for 号). These were first seen in the held-out committee kyomin, after its
blind measurement.

第 itself is one sound, ダイ, which Whisper may write with any kanji of that sound (大, 台, 代, 題):
after a kind, or a kind heard as no word, and before an agenda item's number and 号, that kanji is 第.

Nothing is written without an agenda. A designator on the agenda, a word that numbers things of its
own (様式第3号, 国道第1号, 条例第2号) and a number said whole that no item explains are left as said.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional

from .japanese import kanji_to_int
from .reading import aligned

KINDS = ("議案", "陳情", "請願", "報告", "諮問", "発議", "認定", "承認", "同意", "選挙")
_ITEM = re.compile(r"^(?P<kind>" + "|".join(KINDS) + r")第(?P<number>[0-9０-９]+|[〇一二三四五六七八九十百]+)号$")
# The kanji read ダイ, as 第 is (the on-readings of the 常用漢字表; 弟 and 内 are left out: ダイ is
# not their common reading).
DAI = "第大台代題"
_HEARD = re.compile(r"(?P<dai>[" + DAI + r"])(?P<number>[0-9０-９]{1,4}|[〇一二三四五六七八九十百]{1,5})(?P<go>号|個)?")
# What may follow a designator whose 号 was heard as the digit ご: a pause or a particle, not a counter.
_ENDS_DESIGNATOR = re.compile(r"[、。，．,.\s？！]|[はをのがにもと](?![0-9０-９])|$")
_KANJI = re.compile(r"^[\u4e00-\u9fff々]$")
_GARBLED_CHARS = (2, 3)   # a kind heard as this many characters, none of them a word with the next


@dataclass(frozen=True)
class AgendaItem:
    surface: str     # as the clerk typed it: 陳情第十五号
    kind: str
    number: int


def agenda_items(terms: Iterable[str]) -> list[AgendaItem]:
    """The meeting's terms that are numbered agenda items."""
    out = []
    for t in terms:
        m = _ITEM.match(t.strip())
        number = _number(m.group("number")) if m else None
        if m and number is not None:
            out.append(AgendaItem(t.strip(), m.group("kind"), number))
    return out


def heard_right(texts: Iterable[str], agenda: list[AgendaItem]) -> frozenset[AgendaItem]:
    """The agenda's items said and heard with their kind and number somewhere in `texts`."""
    found = set()
    for text in texts:
        for m in _HEARD.finditer(text):
            if m.group("dai") != "第" or m.group("go") != "号":
                continue
            before = text[max(0, m.start() - 8):m.start()]
            number = _number(m.group("number"))
            found.update(i for i in agenda if i.number == number and before.endswith(i.kind))
    return frozenset(found)


def restore_designators(text: str, agenda: list[AgendaItem],
                        right: Optional[frozenset[AgendaItem]] = None) -> tuple[str, list[tuple[str, str]]]:
    """`text` with each garbled designator of an agenda item written as the item; and the (heard,
    written) pairs. `right`: the items heard right elsewhere in the meeting (heard_right); by default
    those of `text` alone."""
    if not agenda or not any(c in text for c in DAI):
        return text, []
    right = heard_right([text], agenda) if right is None else right
    replacements = []
    for m in _HEARD.finditer(text):
        run = unicodedata.normalize("NFKC", m.group("number"))
        go = m.group("go")
        if go is None and not (run.isdigit() and run.endswith("5") and len(run) > 1
                               and _ENDS_DESIGNATOR.match(text, m.end())):
            continue   # no 号, and no ご heard for it: 第35回, 第3条
        found = _item_for(text, m.start(), run, go, agenda, right, said_dai=m.group("dai") == "第")
        if found is not None:
            start, item = found
            # As the clerk typed it, as the vocabulary writes an agenda item heard right.
            replacements.append((start, m.end(), item.surface))
    changes = []
    for start, end, written in reversed(replacements):
        changes.append((text[start:end], written))
        text = text[:start] + written + text[end:]
    return text, changes[::-1]


def _readings(run: str, go: Optional[str]) -> tuple[Optional[int], set[int]]:
    """(the number as written, or None when 号 was not heard as 号; the numbers it may be heard for).

    号 heard twice or as the digit ご: 65 for 六号; without 号, 145 for 十四号. A number heard piece by
    piece, the tens and then the unit: 603 for 六十三 (and 6035 with 号 as ご)."""
    said = _number(run)
    if not run.isdigit():
        return (said if go == "号" else None), set()
    stems = [run[:-1]] if run.endswith("5") and len(run) > 1 else []
    if go is not None:
        stems.append(run)
    heard = set()
    for stem in stems:
        if stem != run or go == "個":
            heard.add(int(stem))
        if re.fullmatch(r"[1-9]0[1-9]", stem):
            heard.add(int(stem[0]) * 10 + int(stem[2]))
    heard.discard(said if go == "号" else -1)
    return (said if go == "号" else None), heard


def _item_for(text: str, at: int, run: str, go: Optional[str], agenda: list[AgendaItem],
              right: frozenset[AgendaItem], said_dai: bool = True) -> Optional[tuple[int, AgendaItem]]:
    """(where the designator starts, the item it is) for a 第N号 at `at`, or None to leave it.
    `said_dai`: 第 was written as 第, not as another kanji of its sound; `go`: what was heard for 号
    (号, 個, or nothing)."""
    said, heard = _readings(run, go)
    before = text[max(0, at - 8):at]
    known = next((k for k in KINDS if before.endswith(k)), None)
    if known is not None:
        same = [i for i in agenda if i.kind == known and i.number == said]
        if not said_dai and len(same) == 1:
            return at - len(known), same[0]   # 議案大12号: only 第 was misheard
        if any(i.number == said for i in agenda):
            return None   # said right, or another kind's item named under this one: not a mishearing
        misheard = [i for i in agenda if i.kind == known and i.number in heard and i not in right]
        return (at - len(known), misheard[0]) if len(misheard) == 1 else None
    kind_len = _garbled_kind(before)
    if kind_len is None:
        return None
    exact = [i for i in agenda if i.number == said]
    misheard = [i for i in agenda if i.number in heard and i not in right] if not exact else []
    candidates = exact or misheard
    return (at - kind_len, candidates[0]) if len(candidates) == 1 else None


def _garbled_kind(before: str) -> Optional[int]:
    """The length of a kind heard as characters that make no word (審序, 裁拓), ending `before`; None
    when what stands before 第 is a word (様式, 国道, 審査) or no kanji at all."""
    tail = re.search(r"[\u4e00-\u9fff々]{1,4}$", before)
    if tail is None:
        return None
    tokens = aligned(tail.group(0))
    singles = 0
    for t in reversed(tokens):
        if len(t.surface) != 1 or not _KANJI.match(t.surface):
            break
        singles += 1
    return singles if _GARBLED_CHARS[0] <= singles <= _GARBLED_CHARS[1] else None


def _number(run: str) -> Optional[int]:
    run = unicodedata.normalize("NFKC", run)
    return int(run) if run.isdigit() else kanji_to_int(run)
