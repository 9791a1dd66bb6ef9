"""How a section settles things among colleagues (issue 16, item 1), found by wording on a meeting
of a kind the rules had not seen: 「…ということで進めます」, a line that decides and then asks, work
taken on in so many words (「それ、私のほうでやります。今月中に…連絡します」), a due of tomorrow or the
day after, the agenda counted before it is listed, and 「岡田さん、お願いします」 handing the floor.
The writer-level test uses the scripted chat of the draft tests (the wording settles these lines;
the real model runs in `make bench-minutes`)."""
from datetime import date

import pytest
from test_draft import ScriptedChat, write_minutes

from desktop.core import cues, japanese
from desktop.core.minutes import MinutesWriter
from desktop.core.topics import _counted_intro, _listed_intro
from desktop.core.types import Meeting, Segment, Transcript
from desktop.core.wording import own_task, without_due


@pytest.mark.parametrize("line", ["じゃあ、受付は来年の一月から始める、紙も当面は残す、ということで進めます。",
                                  "では、その方向でいきましょう。",
                                  "景品は地元の特産品を中心にそろえる方針で進めていきます。"])
def test_a_section_s_own_way_of_deciding_is_a_decision(line):
    assert cues.cue_kind(line) == "decision"


@pytest.mark.parametrize("line", ["説明資料に沿って進めます。", "この順番で進めていきます。",
                                  "前回の方向で進めますか。", "同じ方針で進めてよいか、確認させてください。",
                                  "議事は次第のとおり進めます。"])
def test_going_on_with_the_meeting_is_not_a_decision(line):
    assert cues.cue_kind(line) != "decision" and not cues.decided_sentences(line)


def test_a_line_that_decides_then_asks_has_its_decision_sentence():
    line = "では、研修は十月十六日の午後に決めます。課の全員が出られるように調整してください。"
    assert cues.cue_kind(line) == "action"
    assert cues.decided_sentences(line) == ["では、研修は十月十六日の午後に決めます。"]
    assert cues.decided_sentences("高橋係長は、案内文を送付してください。") == []


def test_tomorrow_and_the_day_after_are_dues_as_said_or_dated():
    assert japanese.relative_due("はい。あさってまでに確認しておきます。") == "あさって"
    assert japanese.relative_due("明日までにお送りします。", date(2025, 9, 29)) == "2025年9月30日（火）"
    assert japanese.relative_due("ありがとうございます。今後ともよろしく。") == ""
    assert without_due("あさってまでに確認する") == "確認する"
    assert without_due("周知文も今週中に作成する") == "周知文を作成する"


@pytest.mark.parametrize("line,following,task", [
    ("あ、それ、私のほうでやります。今月中に二団体に連絡して、説明の日程を決めます。", "",
     "二団体に連絡して、説明の日程を決める"),
    ("あ、それ、私の方でやります。", "今月中に二団体に連絡します。", "二団体に連絡する"),
    ("はい。講師の方への依頼は、私からしておきます。", "", "講師の方への依頼"),
    ("それは私がやります。", "ありがとうございます。", ""),
    ("では、私のほうで対応します。", "よろしくお願いします。", ""),
    ("チラシの作成は私が担当し、九月十日までに案を用意します。", "", ""),  # names its work: the line serves
])
def test_work_taken_on_in_so_many_words_is_what_the_speaker_names(line, following, task):
    assert own_task(line, following) == task


@pytest.mark.parametrize("line,floor", [("次は補助です。岡田さん、お願いします。", True),
                                        ("高橋係長、お願いします。", True),
                                        ("ポスターの件、池田さん、お願いできますか。", False),
                                        ("佐藤さんには、業者への連絡をお願いします。", False),
                                        # where to start, with or without the name (kankyo_room, shisetsu)
                                        ("杉山さん、アプリのほうからお願いします。", True),
                                        ("まず予約の件から、吉村さんお願いします。", True),
                                        ("明日から受付をお願いします。", False),
                                        ("来週から、田中さんお願いします。", False)])
def test_a_bare_please_after_a_name_hands_the_floor(line, floor):
    assert cues.gives_floor(line) is floor


def test_the_agenda_counted_on_one_line_and_listed_on_the_next_is_one_announcement():
    segs = [Segment(1, 0, 1, "はい、始めます。"), Segment(2, 1, 2, "今日は三つあります。"),
            Segment(3, 2, 3, "現況届のオンライン化、子ども食堂への補助、それから窓口の研修です。")]
    intro = _counted_intro(segs, {1: "other", 2: "other", 3: "other"})
    assert intro.id == 3 and intro.text.startswith("今日は三つあります。現況届")
    assert _counted_intro([Segment(1, 0, 1, "課題は三つあります。")], {1: "other"}) is None
    # 今日 misheard (影響, on the tuning meeting shisetsu): what is counted still says it lists the matters.
    assert _counted_intro([Segment(1, 0, 1, "影響の話は2つです。"), Segment(2, 1, 2, "予約の受け付けと節電です。")],
                          {1: "other", 2: "other"}).text == "影響の話は2つです。予約の受け付けと節電です。"
    # Counted after another sentence on the same line.
    assert _counted_intro([Segment(1, 0, 1, "では、始めます。今日は、ごみの分別アプリと、環境フェアの二つです。")],
                          {1: "other"}).id == 1


@pytest.mark.parametrize("line,listed", [
    ("本日は、会期日程、一般質問の順序、それから意見書案の取り扱いについて協議いたします。", True),
    ("本日は、システム更新費の要求額と、研修事業の見直しについて協議します。", True),
    ("今日は、窓口の混雑についてご報告をお願いします。", True),
    ("本日は、お忙しいところお集まりいただき、ありがとうございます。", False),
    ("その件については、本日は協議いたしません。", False),
    ("本日は、この点について協議したうえで決めたいと思います。", False),
])
def test_the_matters_listed_in_the_opening_without_a_count_are_the_agenda(line, listed):
    segs = [Segment(1, 0, 1, "ただいまから会議を開会いたします。"), Segment(2, 1, 2, line)]
    assert (_listed_intro(segs) is not None) is listed


def test_a_committee_that_takes_its_items_up_in_turn_keeps_them_after_a_listing_opening():
    lines = ["ただいまから委員会を開会いたします。", "本日は、付託された議案二件について審査いたします。",
             "はじめに、議案第八号、手数料条例の一部改正を議題といたします。", "執行部の説明を求めます。",
             "次に、議案第九号、公園条例の一部改正を議題といたします。", "質疑はありませんか。"]
    t = Transcript([Segment(i + 1, i * 5.0, i * 5.0 + 4, x) for i, x in enumerate(lines)], duration=30.0)
    minutes = MinutesWriter(ScriptedChat()).write(t, Meeting(title="総務委員会"))
    assert [a.title for a in minutes.agenda] == ["議案第八号、手数料条例の一部改正", "議案第九号、公園条例の一部改正"]


def test_the_writer_finds_the_decision_and_the_work_taken_on():
    meeting = Meeting(title="係長会議", attendees=["小池課長", "原田主査", "西村主事"])
    lines = [("小池課長", "では、研修は十月十六日の午後に決めます。課の全員が出られるように調整してください。"),
             ("西村主事", "はい。講師の方への依頼は、私からしておきます。"),
             ("原田主査", "あ、それ、私のほうでやります。"),
             ("原田主査", "あさってまでに二団体に連絡します。")]
    m = write_minutes(lines, meeting)
    assert [d.text for d in m.decisions] == ["研修は十月十六日の午後に決めます。"]
    tasks = {(a.owner, a.task, a.due) for a in m.action_items}
    assert ("西村主事", "講師の方への依頼", "") in tasks
    assert ("原田主査", "二団体に連絡する", "あさって") in tasks


def test_a_humble_promise_names_its_work_in_its_own_words():
    # Not the model's reading of the sentence before it (「そのようにさせる」).
    from desktop.core.wording import own_task
    task = own_task("では、そのようにさせていただきます。文案は、本会議の前日までに、皆様にお送りします。")
    assert task.startswith("文案は") and task.endswith("お送りする")
