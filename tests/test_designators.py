"""The 議事日程's numbered items written back where Whisper garbled their kind or heard their 号 twice
(desktop.core.designators). The lines are written for these tests, in the ways the tuning meeting
toshi was heard (審序第15号 for 陳情第十五号, 請願第65号 and 裁拓第65号 for 請願第六号)."""
from __future__ import annotations

import pytest

from desktop.core.designators import agenda_items, restore_designators
from desktop.core.types import Segment, Transcript
from desktop.core.vocabulary import Vocabulary

AGENDA = ["議案第三十一号", "議案第三十二号", "請願第二号", "陳情第七号"]


@pytest.mark.parametrize("heard, written", [
    ("次に、審序第7号、公園の遊具の更新を求める陳情を議題といたします。",
     "次に、陳情第七号、公園の遊具の更新を求める陳情を議題といたします。"),
    ("よって、審所第7号は、継続審査とすることに決しました。",
     "よって、陳情第七号は、継続審査とすることに決しました。"),
    ("請願第25号は、採択すべきものと決することにご異議ありませんか。",
     "請願第二号は、採択すべきものと決することにご異議ありませんか。"),
    ("よって、裁拓第25号は、不採択とすべきものと決しました。",
     "よって、請願第二号は、不採択とすべきものと決しました。"),
    ("議案第315号について説明を求めます。", "議案第三十一号について説明を求めます。"),
    # 第 written as another kanji of its sound, ダイ
    ("次に、議案大31号を議題といたします。", "次に、議案第三十一号を議題といたします。"),
    ("よって、審序台7号は、継続審査とすることに決しました。", "よって、陳情第七号は、継続審査とすることに決しました。"),
    ("請願代25号は、採択すべきものと決しました。", "請願第二号は、採択すべきものと決しました。"),
    ("次に、審査大7号を議題といたします。", "次に、陳情第七号を議題といたします。"),
    # 号 heard as 個, or as the digit ご with no 号 after it; a number heard piece by piece (30, 2)
    ("議案第31個について説明を求めます。", "議案第三十一号について説明を求めます。"),
    ("次に、陳情第75、公園の遊具の更新を求める陳情を議題といたします。",
     "次に、陳情第七号、公園の遊具の更新を求める陳情を議題といたします。"),
    ("よって、議案第3025は、原案のとおり可決すべきものと決しました。",
     "よって、議案第三十二号は、原案のとおり可決すべきものと決しました。"),
    ("議案第302号について説明を求めます。", "議案第三十二号について説明を求めます。"),
])
def test_a_garbled_agenda_item_is_written_as_the_item(heard, written):
    text, changes = Vocabulary.for_meeting([], AGENDA).correct_text(heard)
    assert text == written
    assert changes


@pytest.mark.parametrize("text", [
    "様式第2号により届け出てください。",         # a word that numbers its own things
    "国道第7号の拡幅工事が始まります。",
    "告示第31号で公表いたしました。",
    "議案第33号は、前回の委員会で可決されています。",   # a number said whole that no item explains
    "請願第4号は取り下げられました。",
    "第7回の委員会を開会いたします。",
    "請願第二号について、紹介議員から説明があります。",  # said right
    "市道昭和大7号線の補修を行います。",          # a kanji of 第's sound that is part of a word
    "消防ポンプ車は、5台7号車まで更新しました。",
    "台風7号の接近に備えて、各施設を点検します。",
    "市民会館の大31号倉庫を使います。",
    "議案第75回の委員会を開会いたします。",     # no 号 and a counter after the number
    "規則第25条を改正します。",
    "請願第5は取り下げられました。",            # no 号, and nothing heard for it
])
def test_numbers_that_are_no_garbled_agenda_item_stay(text):
    assert Vocabulary.for_meeting([], AGENDA).correct_text(text)[0] == text


def test_nothing_is_written_without_an_agenda():
    assert restore_designators("次に、審序第7号を議題といたします。", []) == ("次に、審序第7号を議題といたします。", [])


def test_a_number_two_items_share_is_left_to_the_clerk():
    agenda = agenda_items(["議案第七号", "陳情第七号"])
    assert restore_designators("次に、審序第7号を議題といたします。", agenda)[1] == []


def test_a_petition_said_whole_beside_the_agenda_item_heard_right_stays():
    """請願第25号 in a meeting where 請願第二号 was heard right is another petition, not 二号 heard twice."""
    lines = ["次に、請願第2号を議題といたします。", "なお、請願第25号は昨年度に採択されています。"]
    t = Transcript([Segment(i, i * 5.0, i * 5.0 + 4, x) for i, x in enumerate(lines, 1)], duration=20.0)
    fixed, _changes = Vocabulary.for_meeting([], AGENDA).correct(t)
    assert [s.text for s in fixed.segments][1] == lines[1]


def test_the_item_heard_twice_throughout_is_mended_in_a_transcript():
    lines = ["次に、請願第25号を議題といたします。", "よって、請願第25号は、採択すべきものと決しました。"]
    t = Transcript([Segment(i, i * 5.0, i * 5.0 + 4, x) for i, x in enumerate(lines, 1)], duration=20.0)
    fixed, changes = Vocabulary.for_meeting([], AGENDA).correct(t)
    assert all("請願第二号" in s.text and "25" not in s.text for s in fixed.segments)
    assert ("請願第25号", "請願第二号") in changes


def test_a_live_piece_knows_the_items_heard_right_in_the_pieces_before_it():
    """A recording corrects its live pieces one by one with one vocabulary (desktop.core.session)."""
    vocabulary = Vocabulary.for_meeting([], AGENDA)
    first = Transcript([Segment(1, 0.0, 4.0, "次に、請願第2号を議題といたします。")], duration=5.0)
    later = Transcript([Segment(2, 60.0, 64.0, "なお、請願第25号は昨年度に採択されています。")], duration=65.0)
    vocabulary.correct(first)
    assert vocabulary.correct(later)[0].segments[0].text == "なお、請願第25号は昨年度に採択されています。"
    fresh = Vocabulary.for_meeting([], AGENDA)
    assert "請願第二号" in fresh.correct(later)[0].segments[0].text   # alone, the piece cannot tell
