"""Words that read as no word: found in Whisper's garbles, never in ordinary Japanese."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.mishearing import mark_misheard, misheard_words, without_misheard
from desktop.core.types import Segment, Transcript

FIXTURES = Path(__file__).parent / "fixtures"


def _correct_lines() -> list[str]:
    """Japanese as it should be written: the tuning meetings' scripts and every line of the negative
    and positive corpora (written for their own tests, not for this one)."""
    lines = [u["text"] for p in sorted(FIXTURES.glob("*.ref.json"))
             for u in json.loads(p.read_text(encoding="utf-8"))["utterances"]]
    for p in sorted((FIXTURES / "negative").iterdir()) + sorted((FIXTURES / "positive").iterdir()):
        for raw in p.read_text(encoding="utf-8").splitlines():
            text = raw.split("\t")[0].strip()
            if text and not text.startswith("#"):
                lines.append(text)
    return lines


def test_no_correctly_written_line_holds_a_misheard_word():
    lines = _correct_lines()
    assert len(lines) > 1000
    flagged = {line: misheard_words(line) for line in lines if misheard_words(line)}
    assert flagged == {}


# Lines Whisper base wrote for the tuning meetings (tests/fixtures/*.ref.json), with the garble in each.
@pytest.mark.parametrize("line, garble", [
    ("ほかに道論はありませんか、道討論を終結いたします。", "道論"),              # 討論
    ("それで今年は、集合検習も組み合わせてはどうかと考えています。", "検習"),      # 研修
    ("これを持ちまして、福祉文教常任委員会を編解いたします。", "編解"),           # 閉会
    ("議会事務局長の姿側でございます。", "姿側"),
    ("プールは、市の直演に戻すべきだと考えます。", "直演"),                    # 直営
    ("ただ、救術出勤の人はメールが使えなくなります。", "救術"),                 # 休日
    ("今夜は、行線に頼むといくらくらいかかるでしょうか。", "行線"),
    ("次、設電です。", "設電"),                                                # 節電
    ("使用量は、昨年見直したばかりですので、今回は産請できません。", "産請"),
])
def test_a_garble_whisper_wrote_is_found(line, garble):
    assert garble in misheard_words(line)


def test_numbers_names_and_suffixed_words_are_words():
    for line in ("議案第十二号を議題といたします。", "本日は第3回目の会議となります。",
                 "皆様のご協力に感謝いたします。", "課内の業務分担を見直しました。",
                 "佐々木税務課長、ご説明をお願いします。", "参加者は約五十名です。"):
        assert misheard_words(line) == [], line


def test_a_line_with_a_misheard_word_is_marked_to_check_however_sure_whisper_was():
    t = Transcript([Segment(1, 0.0, 3.0, "集合検習だと、会場を抑えないといけないですよね。", confidence="ok"),
                    Segment(2, 3.0, 6.0, "受講の締め切りは2月末にしましょう。", confidence="ok"),
                    Segment(3, 6.0, 9.0, "道論はありませんか。", confidence="low")], 9.0)
    assert mark_misheard(t) == 1
    assert [s.confidence for s in t.segments] == ["low", "ok", "low"]


def test_a_summary_keeps_no_sentence_that_copies_a_misheard_word():
    summary = "研修の形式を検討した。集合検習も組み合わせる案が出された。eラーニングは継続する。"
    assert without_misheard(summary) == "研修の形式を検討した。eラーニングは継続する。"
    assert without_misheard("道論なしと認めた。") == ""


def test_a_garble_that_sounds_like_a_listed_term_is_mended():
    from desktop.core.vocabulary import Vocabulary

    v = Vocabulary.for_meeting()
    # Whisper base on the tuning committees toshi and fukushi: 討論 written in kanji of its sound.
    assert v.correct_text("統論はありませんか。")[0] == "討論はありませんか。"        # トウ+ロン: the same sound
    assert v.correct_text("ほかに道論はありませんか。")[0] == "ほかに討論はありませんか。"  # one sound off
    # ヘン+カイ is one sound from 閉会 and from 散会: which one is a guess, so it is left to the clerk.
    assert v.correct_text("委員会を編解いたします。")[0] == "委員会を編解いたします。"
    # A garble with no listed term of its sound and length stays as heard (and marked to check).
    assert v.correct_text("次、設電です。")[0] == "次、設電です。"


def test_the_command_line_names_the_misheard_words_in_one_sentence():
    import io

    from desktop.cli.inputs import say_misheard

    out = io.StringIO()
    t = Transcript([Segment(1, 0.0, 3.0, "集合検習も組み合わせます。"), Segment(2, 3.0, 6.0, "道論はありませんか。"),
                    Segment(3, 6.0, 9.0, "受講の締め切りは2月末にしましょう。")], 9.0)
    say_misheard(t, out)
    assert out.getvalue() == ("2 行に聞き違いの可能性がある語があります（「検習」、「道論」など）。"
                              "録音と照らして確認してください。\n")
    quiet = io.StringIO()
    say_misheard(Transcript(t.segments[2:], 9.0), quiet)
    assert quiet.getvalue() == ""
