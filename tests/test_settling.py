"""How colleagues settle a matter by pointing back at it (issue 16, item 1), from the tuning meeting
johosei: 「作業は十二月の第二土曜日に行う案で考えています」 … 「じゃあ、その日程で進めましょう」, and
「…続けるということで、よろしいですね」「はい」「では、そうします」. The pointing sentence names nothing:
the minutes write what it settles, or nothing. Also from johosei: work taken on ending in ね, the
floor given with 「状況を教えてください」, a task due 「それまでに」 (the time the line before named), and
the agenda listed with 「この二つを相談したいと思います」. The writer-level tests use the scripted chat
of the draft tests (the wording settles these lines; the real model runs in `make bench-minutes`)."""
from datetime import date

import pytest
from test_draft import write_minutes

from desktop.core import cues, japanese, settling
from desktop.core.topics import _counted_intro
from desktop.core.types import Meeting, Segment
from desktop.core.wording import without_due

MEETING = Meeting(title="係内ミーティング", attendees=["藤田課長補佐", "森係長", "石井主査", "小林主事"])


def write(lines: list[tuple[str, str]]):
    return write_minutes(lines, MEETING)


@pytest.mark.parametrize("line", ["じゃあ、その日程で進めましょう。", "では、そうします。", "それでいきましょう。",
                                  "では、この案で進めます。", "そのようにしましょう。"])
def test_a_sentence_that_settles_what_was_said_before_is_a_decision_that_points_back(line):
    assert cues.cue_kind(line) == "decision" and settling.points_back(line) and settling.goes_with(line)


@pytest.mark.parametrize("line", ["この資料で説明を進めます。", "では、そうしますか。", "この会議室で進めます。",
                                  "はい、そうします。", "その案で進めるかどうかは、課長に相談します。"])
def test_going_on_or_answering_is_not_settling(line):
    assert not settling.goes_with(line)


def test_the_proposal_is_written_without_the_reply_s_opening_and_lead_in():
    assert settling.proposal("はい、業者と調整しまして、作業は12月の第2土曜日に行う案で考えています。") \
        == "作業は12月の第2土曜日に行う案"
    assert settling.proposal("来年度から受付を一本化する案で検討しております。") == "来年度から受付を一本化する案"
    assert settling.proposal("集合研修も組み合わせてはどうかと考えています。") == ""
    assert settling.proposal("この案でよいと思います。") == ""


def test_the_colleague_s_question_is_what_the_room_agreed_to():
    assert settling.question_put("ええ、イーラーニングは今年も続けるということで、よろしいですね。") \
        == "イーラーニングは今年も続けること"
    assert settling.question_put("説明は以上でよろしいですか。") == ""


def test_the_writer_writes_what_the_pointing_sentence_settles():
    m = write([("森係長", "はい。業者と調整しまして、作業は十二月の第二土曜日に行う案で考えています。"),
               ("石井主査", "土曜日なら窓口には影響ないですね。"),
               ("藤田課長補佐", "じゃあ、その日程で進めましょう。"),
               ("藤田課長補佐", "イーラーニングは今年も続けるということで、よろしいですね。"),
               ("森係長", "はい。"),
               ("藤田課長補佐", "では、そうします。")])
    texts = [d.text for d in m.decisions]
    assert texts == ["作業は12月の第二土曜日に行う案で進めることとした。",
                     "イーラーニングは今年も続けることに決定した。"]
    assert [d.refs for d in m.decisions] == [[1, 3], [4, 6]]


def test_settling_with_nothing_before_it_writes_no_decision():
    m = write([("藤田課長補佐", "資料は皆さんお持ちですね。"), ("藤田課長補佐", "では、そうします。")])
    assert m.decisions == []


def test_work_taken_on_ending_in_ne_is_taken_on():
    assert cues.takes_on("それなら、受講の案内も、私がお知らせと一緒に作っておきますね。")
    assert not cues.takes_on("私から見ると、少し高い気がしますね。")
    m = write([("小林主事", "それなら、受講の案内も、私がお知らせと一緒に作っておきますね。")])
    assert [a.owner for a in m.action_items] == ["小林主事"]


@pytest.mark.parametrize("line,floor", [("まず入れ替えのほうから。森さん、状況を教えてください。", True),
                                        ("石井さん、ご意見をお聞かせください。", True),
                                        ("森さん、状況を来週までに教えてください。", False),
                                        ("森さん、業者の連絡先を教えてください。", False)])
def test_being_asked_to_tell_now_is_the_floor(line, floor):
    assert cues.gives_floor(line) is floor


def test_a_task_due_by_then_is_due_when_the_line_before_said():
    before = "講師を呼ぶと費用もかかりますので、集合研修をやるかどうかは、次回決めましょう。"
    assert japanese.due_by_then("石井さん、それまでに講師の費用を聞いておいてもらえますか。", before) == "次回"
    assert japanese.due_by_then("それまでに資料をまとめてください。", "説明会は十二月三日です。",
                                date(2026, 11, 20)) == "2026年12月3日"
    assert japanese.due_by_then("それまでの経緯を教えてください。", before) == ""
    assert japanese.due_by_then("資料をまとめてください。", before) == ""
    assert without_due("それまでに講師の費用を聞いておく") == "講師の費用を聞いておく"
    assert without_due("それまでの経緯を説明する") == "それまでの経緯を説明する"
    m = write([("藤田課長補佐", before), ("藤田課長補佐", "石井さん、それまでに講師の費用を聞いておいてもらえますか。"),
               ("石井主査", "わかりました。")])
    assert [(a.owner, a.due) for a in m.action_items] == [("石井主査", "次回")]


def test_the_agenda_listed_then_counted_by_pointing_back_is_one_announcement():
    one = [Segment(1, 0, 1, "今日は、ネットワーク機器の入れ替えと、職員の研修、この二つを相談したいと思います。")]
    assert _counted_intro(one, {1: "other"}).id == 1
    # Whisper ended the line before the count: the list and the count are joined.
    split = [Segment(1, 0, 1, "それでは始めます。"), Segment(2, 1, 2, "今日はネットワークの入れ替えと、職員の研修。"),
             Segment(3, 2, 3, "この2つを相談したいと思います。")]
    intro = _counted_intro(split, {1: "other", 2: "other", 3: "other"})
    assert intro.text == "今日はネットワークの入れ替えと、職員の研修。この2つを相談したいと思います。"
    # A count that points back at anything else than today's matters lists nothing.
    other = [Segment(1, 0, 1, "課題は、費用と人手です。"), Segment(2, 1, 2, "この二つを検討したいと思います。")]
    assert _counted_intro(other, {1: "other", 2: "other"}) is None
