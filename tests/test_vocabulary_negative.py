"""The correction step must not break ordinary words (issue 13): a negative corpus of administrative
Japanese written for this purpose (not from the fixture meetings), which it must leave unchanged,
with the built-in vocabulary and a typical list of attendees."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.core.vocabulary import Vocabulary, designator_number

CORPUS = Path(__file__).parent / "fixtures" / "negative" / "ordinary_admin.txt"
ATTENDEES = ["木村室長", "松本主任", "井上課長補佐", "佐々木税務課長", "田中委員", "高橋係長", "伊藤主査"]


def sentences() -> list[str]:
    return [line.strip() for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_the_corpus_is_big_enough_and_its_own():
    found = sentences()
    assert len(found) >= 200
    assert len(set(found)) == len(found)
    fixtures = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent / "fixtures").glob("*.ref.json"))
    copied = [s for s in found if s in fixtures]
    assert not copied, copied


def test_ordinary_sentences_are_left_unchanged():
    vocab = Vocabulary.for_meeting(ATTENDEES)
    changed = []
    for s in sentences():
        text, changes = vocab.correct_text(s)
        if text != s or changes:
            changed.append((s, text, changes))
    assert not changed, "\n".join(f"{a} -> {b} {c}" for a, b, c in changed)


@pytest.mark.parametrize("text", ["課題の解決策を三つ提示します。", "窓口は毎日定時に開きます。",
                                  "当店は土日定休となっております。",
                                  "ただいまから第二回庁内連絡会議を開催いたします。"])
def test_the_words_the_old_rules_broke(text):
    """解決策 -> 解決裁, 毎日定時 -> 毎日程時, 土日定休 -> 土日程休, 第二回庁内 -> 第二課長内."""
    assert Vocabulary.for_meeting(ATTENDEES).correct_text(text) == (text, [])


DESIGNATORS = Path(__file__).parent / "fixtures" / "negative" / "designators_said_right.txt"
AGENDA = ["議案第二十号", "議案第二十一号", "請願第三号", "陳情第五号"]


def test_numbers_said_whole_are_left_alone_when_the_agenda_is_given():
    """The 議事日程's designators as the meeting's terms mend a bill number Whisper heard wrong (議案第25
    for 議案第二十号); a number said whole (議案第25号, 第25回, 25万円) is another thing and stays."""
    vocab = Vocabulary.for_meeting(ATTENDEES, AGENDA)
    lines = [line.strip() for line in DESIGNATORS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) >= 30
    changed = []
    for s in lines:
        text, _changes = vocab.correct_text(s)
        if numbered(text) != numbered(s):
            changed.append((s, text))
    assert not changed, changed


def numbered(text: str) -> str:
    """議案第20号 may be written as the clerk listed it (議案第二十号): the same bill, not a change."""
    return re.sub(r"第([0-9]+|[〇一二三四五六七八九十百千]+)", lambda m: f"第{designator_number(m.group(0))}", text)
