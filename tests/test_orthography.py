"""The written form of official documents (desktop/core/orthography.py): the kana words of the Agency
for Cultural Affairs' rules for 公用文, and nothing else."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.core.orthography import respell, respell_minutes, to_official_spelling
from desktop.core.types import ActionItem, AgendaItem, Item, Minutes, Segment, Transcript

NEGATIVE = Path(__file__).parent / "fixtures" / "negative"


# The rules' own examples (「公用文における漢字使用等について」), as Whisper writes them in kanji, and the
# forms a meeting says most.
@pytest.mark.parametrize("heard, written", [
    ("次の通りである。", "次のとおりである。"),
    ("原案の通り可決すべきものと決しました。", "原案のとおり可決すべきものと決しました。"),
    ("ご指摘の通りでございます。", "ご指摘のとおりでございます。"),
    ("申し上げた通り、", "申し上げたとおり、"),
    ("これまで通り受け付けます。", "これまでどおり受け付けます。"),
    ("予定通り進めます。", "予定どおり進めます。"),
    ("報告して頂く。", "報告していただく。"),
    ("通知して置く。", "通知しておく。"),
    ("問題点を話して下さい。", "問題点を話してください。"),
    ("資料をお送り下さい。", "資料をお送りください。"),
    ("負担が増えて行く。", "負担が増えていく。"),
    ("寒くなって来る。", "寒くなってくる。"),
    ("見て見る。", "見てみる。"),
    ("早めに対応して欲しい。", "早めに対応してほしい。"),
    ("調査だけに過ぎない。", "調査だけにすぎない。"),
    ("間違いかも知れない。", "間違いかもしれない。"),
    ("説明すると共に意見を聞く。", "説明するとともに意見を聞く。"),
    ("許可しない事がある。", "許可しないことがある。"),
    ("現在の所差し支えない。", "現在のところ差し支えない。"),
    ("正しい物と認める。", "正しいものと認める。"),
    ("欠点が無い。", "欠点がない。"),
    ("誰でも利用が出来る。", "誰でも利用ができる。"),
    ("ご説明致します。", "ご説明いたします。"),
    ("承知致しました。", "承知いたしました。"),
    ("他に質疑はありませんか。", "ほかに質疑はありませんか。"),
    ("確認の為、", "確認のため、"),
    ("一割程減っております。", "一割ほど減っております。"),
    ("どの位かかりますか。", "どのくらいかかりますか。"),
    ("その様な事は無い。", "そのようなことはない。"),
    ("但し、期限は守ってください。", "ただし、期限は守ってください。"),
    ("尚、本日は全員出席です。", "なお、本日は全員出席です。"),
    ("従って、結論は次回とします。", "したがって、結論は次回とします。"),
])
def test_the_kana_words_of_official_documents(heard, written):
    assert to_official_spelling(heard) == written


def kept_sentences() -> list[str]:
    lines = (NEGATIVE / "kanji_kept.txt").read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def test_the_same_characters_in_other_words_keep_their_kanji():
    """A street (中央通り), a place (事務所), a main verb (見に行きます), その他, 他市, 一致: unchanged."""
    found = kept_sentences()
    assert len(found) >= 60
    changed = [(s, to_official_spelling(s)) for s in found if to_official_spelling(s) != s]
    assert not changed, changed


_RULE_KANJI = set("致下頂出来有無置行見貰上仕舞欲過知従但尚又且程位様他事物訳所為共通")


def test_only_the_rules_words_change_in_every_negative_corpus():
    """Over every sentence the other steps must leave alone: no number, name or other word changes;
    what changes is one of the rules' kanji into kana."""
    lines = [x.strip() for f in sorted(NEGATIVE.glob("*.txt")) for x in f.read_text(encoding="utf-8").splitlines()
             if x.strip() and not x.startswith("#")]
    assert len(lines) >= 600
    for s in lines:
        out = to_official_spelling(s)
        removed = set(s) - set(out)
        added = set(out) - set(s)
        assert removed <= _RULE_KANJI, (s, out)
        assert all(re.match(r"[ぁ-ゖ]", c) for c in added), (s, out)
        assert re.sub(r"\D", "", out) == re.sub(r"\D", "", s)


def test_a_transcript_is_respelled_line_by_line_keeping_its_timing():
    t = Transcript([Segment(1, 0.0, 2.0, "ご説明致します。", speaker="岡田課長", confidence="ok"),
                    Segment(2, 2.5, 4.0, "中央通りの件です。")], 4.0)
    assert respell(t) is t
    assert [s.text for s in t.segments] == ["ご説明いたします。", "中央通りの件です。"]
    assert (t.segments[0].start, t.segments[0].end, t.segments[0].speaker) == (0.0, 2.0, "岡田課長")


def test_the_minutes_sentences_are_respelled_and_their_names_and_dates_kept():
    m = Minutes(agenda=[AgendaItem("予約の受付", "窓口の予約は残して欲しいとの意見が出た。", [3])],
                decisions=[Item("原案の通り可決した。", [5])], open_issues=[Item("他に意見は無かった。", [6])],
                action_items=[ActionItem("中野課長", "各課へお知らせを送って置く", "金曜日", [7])])
    assert respell_minutes(m) is m
    assert m.agenda[0].summary == "窓口の予約は残してほしいとの意見が出た。" and m.agenda[0].refs == [3]
    assert m.decisions[0].text == "原案のとおり可決した。"
    assert m.open_issues[0].text == "ほかに意見はなかった。"
    assert (m.action_items[0].owner, m.action_items[0].task, m.action_items[0].due) == \
        ("中野課長", "各課へお知らせを送っておく", "金曜日")
