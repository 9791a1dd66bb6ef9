"""A topic's summary as the model wrote it, tidied: each sentence once, no fragment (issue 16, item 2).
The sentences were written for these tests."""
import pytest

from desktop.core.wording import tidy_summary

TIDIED = [
    ("説明があった。土木課長の答弁です。土木課長の答弁です。安全対策の要望があった。",
     "説明があった。土木課長の答弁です。安全対策の要望があった。"),
    ("原案のとおり可決すべきものと決した。本委", "原案のとおり可決すべきものと決した。"),
    ("本日は、。会場の変更について報告があった。", "会場の変更について報告があった。"),
    ("会場の変更について報告があった", "会場の変更について報告があった。"),
    ("委員から、。", ""),
]

# Ordinary summaries a clerk would keep as written: the tidying leaves every character.
KEPT = [
    "総務課から、庁内ネットワークの更新について説明があった。委員から費用の内訳について質問があった。",
    "予算は百二十万円と報告された。次年度は百三十万円を見込む。",
    "質疑の後、採決を行い、原案のとおり可決した。",
    "防災訓練を十月に実施することとし、詳細は事務局が調整する。",
    "意見交換を行った。",
    "本件については継続して審議することとした！",
]


@pytest.mark.parametrize("raw,tidied", TIDIED)
def test_a_repeated_sentence_and_a_cut_off_one_are_dropped(raw, tidied):
    assert tidy_summary(raw) == tidied


@pytest.mark.parametrize("summary", KEPT)
def test_an_ordinary_summary_is_left_as_written(summary):
    assert tidy_summary(summary) == summary
