"""The chair's formulas written back where Whisper heard their sounds in other characters (issue 15),
and the everyday sentences near them left alone. The misheard lines are written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.formulas import Formula, builtin_formulas, edit_distance, restore_formulas
from desktop.core.reading import reading_of
from desktop.core.types import Segment, Transcript
from desktop.core.vocabulary import Vocabulary

NEGATIVE = Path(__file__).parent / "fixtures" / "negative" / "not_formulas.txt"


def ordinary() -> list[str]:
    return [line.strip() for line in NEGATIVE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("heard, written", [
    # the right sounds in the wrong characters
    ("ご異議なしと見止めます。", "ご異議なしと認めます。"),
    ("規律多数であります。", "起立多数であります。"),
    # a few sounds off
    ("よって、請願第2号は最多くすべきものと決しました。", "よって、請願第2号は採択すべきものと決しました。"),
    ("議案第7号は現案の通り下決すべきものと決しました。", "議案第7号は原案のとおり可決すべきものと決しました。"),
    ("陳情第4号は継続審査とすることにけっしました。", "陳情第4号は継続審査とすることに決しました。"),
    # the span starts after the particle, and 原案のとおり tells 可決 from 否決
    ("議案第4号は、現案の通りかけつすべきものと決しました。", "議案第4号は、原案のとおり可決すべきものと決しました。"),
    ("質疑なしと見止めます。", "質疑なしと認めます。"),
    ("では、賛成の委員の規律を求めます。", "では、賛成の委員の起立を求めます。"),
    ("賛成の委員の起種を求めます。", "賛成の委員の挙手を求めます。"),   # nearer 挙手 (キョシュ) than 起立
])
def test_a_misheard_formula_is_written_as_the_formula(heard, written):
    text, changes = restore_formulas(heard, builtin_formulas())
    assert text == written
    assert changes


@pytest.mark.parametrize("text", [
    "ご異議なしと認めます。よって、議案第12号は原案のとおり可決すべきものと決しました。",
    "請願第3号は不採択とすべきものと決しました。",
    "挙手少数であります。",
    "よって、議案第5号は否決すべきものと決しました。",
])
def test_a_formula_said_right_is_left_as_said(text):
    assert restore_formulas(text, builtin_formulas()) == (text, [])


def test_the_bill_number_is_never_inside_a_formula():
    text, _ = restore_formulas("議案第十二号は原案のとおり下決すべきものと決しました。", builtin_formulas())
    assert text.startswith("議案第十二号は")
    assert text.endswith("原案のとおり可決すべきものと決しました。")


def test_everyday_sentences_near_the_formulas_are_left_alone():
    found = ordinary()
    assert len(found) >= 50
    formulas = builtin_formulas()
    changed = [(s, restore_formulas(s, formulas)) for s in found]
    changed = [(s, out) for s, out in changed if out != (s, [])]
    assert not changed, changed


def test_the_end_of_a_formula_must_be_heard_as_is():
    """「…決することに」 asks the committee; 「…決しました」 records its answer: a near span never
    turns the one into the other."""
    heard = "議案第9号は、原案のとおり可決すべきものと決することに、"
    assert restore_formulas(heard, builtin_formulas()) == (heard, [])


def test_a_span_as_close_to_two_formulas_is_left_alone():
    """Heard halfway between 可決 and 否決: which was said is unknown, so nothing is written."""
    formulas = [Formula("可決すべきものと決しました", reading_of("可決すべきものと決しました")),
                Formula("否決すべきものと決しました", reading_of("否決すべきものと決しました"))]
    heard = "ア決すべきものと決しました"
    assert restore_formulas(heard, formulas) == (heard, [])


def test_a_kept_sentence_keeps_its_sound_alike_as_said():
    assert restore_formulas("これより再開いたします。", builtin_formulas())[0] == "これより再開いたします。"
    without_kept = [f for f in builtin_formulas() if not f.kept]
    # Without the kept sentence 再開 would sound close enough to 採決: the list is what guards it.
    assert restore_formulas("これより再開いたします。", without_kept)[0] == "これより採決いたします。"


def test_the_correction_step_restores_formulas_with_the_builtin_list_only():
    heard = "ご異議なしと見止めます。"
    assert Vocabulary.for_meeting([]).correct_text(heard)[0] == "ご異議なしと認めます。"
    assert Vocabulary.for_meeting([], builtin=False).correct_text(heard)[0] == heard


def test_edit_distance():
    assert edit_distance("サイタク", "サイオーク") == 2
    assert edit_distance("", "アイ") == 2
    assert edit_distance("カケツ", "カケツ") == 0


def split_lines(first, second, gap=0.3):
    return Transcript([Segment(1, 0.0, 4.0, first), Segment(2, 4.0 + gap, 7.0, second)], duration=8.0)


def test_a_formula_cut_in_two_lines_is_written_whole_where_it_began():
    t = split_lines("議案第9号は、現案の通りかけつすべきものと決することに", "ご意義ありませんか。今回は以上です。")
    fixed, changes = Vocabulary.for_meeting([]).correct(t)
    assert [s.text for s in fixed.segments] == [
        "議案第9号は、原案のとおり可決すべきものと決することにご異議ありませんか", "。今回は以上です。"]
    assert changes


def test_a_line_the_formula_used_up_joins_the_line_it_began_in():
    t = split_lines("ご異議なしと", "見止めます。")
    fixed, _ = Vocabulary.for_meeting([]).correct(t)
    assert [(s.text, s.start, s.end) for s in fixed.segments] == [("ご異議なしと認めます。", 0.0, 7.0)]


def test_lines_apart_in_time_are_not_one_sentence():
    t = split_lines("議案第9号は、現案の通りかけつすべきものと決することに", "ご意義ありませんか。", gap=3.0)
    fixed, _ = Vocabulary.for_meeting([]).correct(t)
    assert len(fixed.segments) == 2
    assert fixed.segments[1].text == "ご異議ありませんか。"   # the vocabulary's own term (異議 before ありませんか)


@pytest.mark.parametrize("heard, written", [
    ("居住消数であります。", "挙手少数であります。"),
    ("よって、請願第3号は、不裁拓とすべきものと決しました。", "よって、請願第3号は、不採択とすべきものと決しました。"),
    ("現時点での裁拓には反対いたします。", "現時点での採択には反対いたします。"),
])
def test_spellings_the_reading_cannot_find_are_written_back_before_the_formulas(heard, written):
    """消数 and 裁拓 are no words, and pyopenjtalk reads them ケシスー and タッタク: the sound match alone
    never finds 挙手少数 or 不採択 in them (heard so on the tuning meeting toshi)."""
    assert Vocabulary.for_meeting([]).correct_text(heard)[0] == written


def test_a_line_whisper_joined_with_a_space_is_corrected_too():
    """Whisper joins the pieces of a line with a space; the line must still be read (it was skipped whole)."""
    heard = "よって議案第6号は、 現案の通りかけつすべきものと決しました。"
    fixed, changes = Vocabulary.for_meeting([]).correct_text(heard)
    assert fixed == "よって議案第6号は、 原案のとおり可決すべきものと決しました。"
    assert ("かけつ", "可決") in changes


@pytest.mark.parametrize("heard, written", [
    ("よって、陳情第13号は、採択とすべきものと決しました。", "よって、陳情第13号は、不採択とすべきものと決しました。"),
    ("よって、報告第2号は、承認とすべきものと決しました。", "よって、報告第2号は、不承認とすべきものと決しました。"),
])
def test_a_rejection_heard_without_its_first_sound_is_not_read_as_adopted(heard, written):
    """Only 不採択 / 不承認 take 「とすべき」: the adopting formula is 「採択すべきものと決しました」."""
    assert restore_formulas(heard, builtin_formulas())[0] == written


@pytest.mark.parametrize("heard, written", [
    ("寄って、議案第8号は、原案のとおり可決すべきものと決しました。",
     "よって、議案第8号は、原案のとおり可決すべきものと決しました。"),
    ("ご異議なしと認めます。寄って陳情第2号は、継続審査とすることに決しました。",
     "ご異議なしと認めます。よって陳情第2号は、継続審査とすることに決しました。"),
    ("寄って、本案は原案のとおり可決すべきものと決しました。",
     "よって、本案は原案のとおり可決すべきものと決しました。"),
])
def test_the_chairs_therefore_heard_as_a_verb_is_written_back(heard, written):
    text, changes = restore_formulas(heard, builtin_formulas())
    assert text == written
    assert ("寄って", "よって") in changes


@pytest.mark.parametrize("heard, written", [
    ("表示しました。見積もりを取って発注します。", "承知しました。見積もりを取って発注します。"),
    ("表示いたしました、次回までにお示しします。", "承知いたしました、次回までにお示しします。"),
    ("はい、標準いたしました。", "はい、承知いたしました。"),
])
def test_the_reply_heard_as_another_word_is_written_back(heard, written):
    """「承知いたしました」 heard as 表示 / 標準 (three tuning meetings) where the verb is the whole sentence."""
    assert restore_formulas(heard, builtin_formulas())[0] == written


@pytest.mark.parametrize("text", ["よって、請願第7号は、採択すべきものと決しました。",
                                  "よって、陳情第13号は、不採択とすべきものと決しました。",
                                  "よって、報告第2号は、不承認とすべきものと決しました。",
                                  "よって、認定第1号は、不認定とすべきものと決しました。",
                                  "よって、議案第3号は、否決すべきものと決しました。",
                                  "採択とすべきかどうかは、次回に判断します。"])
def test_adoptions_and_whole_rejections_stay(text):
    """A rejection heard whole was once written as the approving formula (不承認とすべき… is two
    sounds from 承認すべき…): the negated formulas are in the list now."""
    assert restore_formulas(text, builtin_formulas())[0] == text
