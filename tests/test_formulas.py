"""The chair's formulas written back where Whisper heard their sounds in other characters (issue 15),
and the everyday sentences near them left alone. The misheard lines are written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.formulas import Formula, builtin_formulas, edit_distance, restore_formulas
from desktop.core.reading import reading_of
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
    ("では、賛成の委員の挙手を求めまする。", "では、賛成の委員の挙手を求めます。"),
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
