"""A request taken on in the reply, and a due said relative to the meeting (issue 16, item 1).
The lines here were written for these tests, not taken from a fixture meeting."""
from datetime import date

from desktop.core import cues, settling
from desktop.core.japanese import normalize_due, relative_due
from desktop.core.minutes import MinutesWriter
from desktop.core.wording import reply_to
from desktop.core.types import Meeting, Segment, Transcript
from test_draft import ScriptedChat

ACCEPTING = ["はい、やっておきます。", "承知しました。", "わかりました、対応します。", "はい、引き受けます。",
             "了解しました。月曜に送ります。", "はい、まとめてお送りします。"]
NOT_ACCEPTING = ["はい、質問があります。", "はい、それはいつまででしょうか。", "いえ、今週は手が空いておりません。",
                 "はい、そうですね。", "その件は課長に確認してください。", "分かりにくい資料でした。",
                 "はい、承知しましたか？"]


def test_an_answer_that_takes_a_request_on():
    assert all(cues.accepts(x) for x in ACCEPTING), [x for x in ACCEPTING if not cues.accepts(x)]
    assert not any(cues.accepts(x) for x in NOT_ACCEPTING), [x for x in NOT_ACCEPTING if cues.accepts(x)]


def test_a_request_may_end_in_can_you():
    assert cues.requests("山本さん、会場の予約をお願いできますか。")
    assert cues.requests("資料の修正をお願いできませんか。")
    assert not cues.requests("お願いできる業者が見つかりました。")


def test_a_due_relative_to_the_meeting_is_written_as_said_or_as_its_date():
    line = "来週の木曜日までに、私から業者に連絡しておきます。"
    assert relative_due(line) == "来週の木曜日"
    # Wednesday 2025-10-01: next week's Thursday is the 9th.
    assert relative_due(line, date(2025, 10, 1)) == "2025年10月9日（木）"
    assert relative_due("今週の金曜日までにまとめます。", date(2025, 10, 1)) == "2025年10月3日（金）"
    assert relative_due("今週中に回答いたします。") == "今週中"
    assert relative_due("月末までに提出します。") == "月末"
    assert relative_due("九月中に回答します。") == "9月中"
    assert relative_due("十二月末までに整理いたします。") == "12月末"
    assert relative_due("来月の十日までに、三つか四つまとめておきます。") == "来月10日"
    assert relative_due("来月の十日までにまとめます。", date(2025, 12, 3)) == "2026年1月10日"
    assert relative_due("次回一覧にしてお示しいたします。") == "次回"      # the comma not heard
    assert relative_due("再開発の進み具合を、三月の委員会で報告していただくようお願いします。") == "3月の委員会"
    # No まで, no 中に: a day mentioned is not a due.
    for said in ("来週は火曜日が祝日です。", "今月の会議は中止です。", "来週の水曜日に説明会があります。",
                 "毎月末に報告しています。", "来月の十日は祝日です。", "次回の資料は来週お示しします。",
                 "三月の委員会で議論が出ました。"):
        assert relative_due(said) == "", said
    # An explicit date still wins.
    assert normalize_due("", "十月二十日までに、来週の火曜日の分も含めて出します。") == "10月20日"


def write(lines, meeting, chat=None):
    """Minutes of lines said five seconds apart, by the scripted model."""
    t = Transcript([Segment(i + 1, i * 5.0, i * 5.0 + 4, x) for i, x in enumerate(lines)], duration=5.0 * len(lines))
    return MinutesWriter(chat or ScriptedChat()).write(t, meeting)


def seg(i, text, speaker=""):
    return Segment(i, float(i), i + 0.9, text, speaker=speaker)


def test_the_reply_is_the_accepting_line_and_what_the_same_voice_says_next():
    ask = seg(1, "石井さん、議事録の案をお願いできますか。", "話者1")
    yes, when = seg(2, "はい、やっておきます。", "話者2"), seg(3, "十月十日までに、皆さんにお送りします。", "話者2")
    assert reply_to(ask, [yes, when]) == [yes, when]
    assert reply_to(ask, [yes, seg(3, "十月十日でよろしいですか。", "話者2")]) == [yes]
    assert reply_to(ask, [yes, seg(3, "十月十日までにお願いします。", "話者1")]) == [yes]
    assert reply_to(ask, [seg(2, "その前に一点よろしいですか。", "話者2"), when]) == []
    assert reply_to(seg(1, "議事録の案は石井さんが作っています。", "話者1"), [yes, when]) == []
    # Whisper cut the reply's sentence at its commas: it is followed to its end, and no further.
    parts = [seg(3, "項目ごとに整理いたしまして、", "話者2"), seg(4, "様式も合わせまして、", "話者2"),
             seg(5, "十月十日までにお送りします。", "話者2"), seg(6, "なお、会場は三階です。", "話者2")]
    assert reply_to(ask, [yes, *parts]) == [yes, *parts[:3]]


def test_a_misheard_name_that_calls_on_someone_is_the_owner():
    """「村神部長、…」: the name as Whisper spelt it by sound, set off by a comma with its title."""
    meeting = Meeting(title="委員会", date="2025-11-20", attendees=["村上総務部長", "西田委員"])
    t = Transcript([seg(1, "村神部長、窓口の混雑の調査結果を、資料として出していただけますか。", "話者1"),
                    seg(2, "はい、承知いたしました。", "話者2"),
                    seg(3, "曜日別に整理いたしまして、", "話者2"),
                    seg(4, "十二月十日までに提出いたします。", "話者2")], 5.0)
    minutes = MinutesWriter(ScriptedChat()).write(t, meeting)
    found = [(a.owner, a.due, a.refs) for a in minutes.action_items]
    assert found == [("村上総務部長", "2025年12月10日", [1, 2, 3, 4])]


def test_a_request_gets_the_due_said_in_its_reply():
    meeting = Meeting(title="係内打合せ", date="2025-10-01", attendees=["石井主事", "西田係長"])
    t = Transcript([seg(1, "では石井さん、議事録の案の作成をお願いできますか。", "話者1"),
                    seg(2, "はい、やっておきます。", "話者2"),
                    seg(3, "来週の金曜日までに、皆さんにお送りします。", "話者2"),
                    seg(4, "よろしくお願いします。", "話者1")], 5.0)
    minutes = MinutesWriter(ScriptedChat()).write(t, meeting)
    assert [(a.owner, a.due, a.refs) for a in minutes.action_items] == [("石井主事", "2025年10月10日（金）", [1, 2, 3])]


def test_a_plain_request_is_settled_by_its_wording_without_a_call():
    """「〇〇は、…までに…してください。」 says owner, task and due; a messier request is asked."""
    meeting = Meeting(title="連絡会議", date="2025-10-01", attendees=["高橋係長", "山本主任"])
    lines = ["高橋係長は、自治会への案内文を、十月十日までに送付してください。",
             "山本主任、会場の件ですが、例の業者さんにも、確認をお願いできますか。"]
    chat = ScriptedChat()
    minutes = write(lines, meeting, chat)
    asked = [p for p in chat.prompts if "会議の中の依頼" in p]
    assert len(asked) == 1 and "山本主任" in asked[0]
    first = minutes.action_items[0]
    assert (first.owner, first.task, first.due) == ("高橋係長", "自治会への案内文を送付する", "2025年10月10日")


def test_an_announced_topic_the_recording_never_reaches_still_has_a_source():
    """A recording cut short after the agenda is announced: the second topic is never discussed. It is
    still on the agenda, sourced to the announcing line, and no summary is made up for it."""
    meeting = Meeting(title="推進会議", date="2025-10-01")
    lines = ["本日の議題は、会議資料の電子化と決裁の電子化の二点です。", "一点目の会議資料の電子化について説明します。"]
    minutes = write(lines, meeting)
    assert [(a.title, a.refs) for a in minutes.agenda] == [("会議資料の電子化", [2]), ("決裁の電子化", [1])]
    assert minutes.agenda[1].summary == ""


def test_the_addressee_named_before_the_request_is_the_owner_not_part_of_the_task():
    """「高田主査、…いただけますか。」: the name opens the line as a call, not as a topic with は."""
    meeting = Meeting(title="研修会打合せ", date="2025-10-01", attendees=["高田主査", "森係長"])
    lines = ["高田主査、来月の研修会の講師候補を、いくつか探しておいていただけますか。", "はい、承知しました。"]
    minutes = write(lines, meeting)
    found = [(a.owner, a.task) for a in minutes.action_items]
    assert found == [("高田主査", "来月の研修会の講師候補を、いくつか探しておく")]


def test_items_taken_up_in_turn_are_the_agenda_in_the_chairs_words():
    """A committee takes up each item with 「…を議題といたします」: no list is announced first."""
    meeting = Meeting(title="文教委員会", date="2025-12-01")
    lines = ["ただいまから文教委員会を開会いたします。",
             "それでは、議案第四十号、学校給食費の改定についてを議題といたします。",
             "教育総務課長から説明を申し上げます。",
             "次に、陳情第三号、通学路の安全対策を求める陳情お議題といたします。",
             "この陳情の扱いは、次回の議題とします。",
             "続きまして、請願第一号を議題とします。",
             "紹介議員から説明をお願いします。"]
    minutes = write(lines, meeting)
    assert [(a.title, a.refs) for a in minutes.agenda] == [
        ("議案第四十号、学校給食費の改定", [2, 3]), ("陳情第三号、通学路の安全対策を求める陳情", [4, 5]),
        ("請願第一号", [6, 7])]


def spoken(lines):
    """(speaker, text) pairs as a transcript with speaker labels."""
    return Transcript([Segment(i + 1, i * 5.0, i * 5.0 + 4, x, speaker=who) for i, (who, x) in enumerate(lines)],
                      duration=5.0 * len(lines))


COMMITTEE = Meeting(title="建設委員会", attendees=["木村委員", "小西建築課長", "大野委員長"])


def test_a_request_asked_of_nobody_by_name_is_owned_by_whoever_takes_it_on():
    t = spoken([("木村委員", "地区ごとの件数を、一覧にしていただけますか。"),
                ("小西建築課長", "はい、承知いたしました。今週中に、委員の皆様にお届けします。")])
    [item] = MinutesWriter(ScriptedChat()).write(t, COMMITTEE).action_items
    assert (item.owner, item.due, item.refs) == ("小西建築課長", "今週中", [1, 2])
    assert "一覧" in item.task


def test_a_report_asked_for_the_next_meeting_is_due_then():
    t = spoken([("木村委員", "改修の計画を、次回の委員会で説明してください。"),
                ("小西建築課長", "承知しました。次回の委員会までに取りまとめて、ご説明いたします。")])
    [item] = MinutesWriter(ScriptedChat()).write(t, COMMITTEE).action_items
    assert (item.owner, item.due) == ("小西建築課長", "次回の委員会")
    assert relative_due("次回までに修正案をお示しします。") == "次回"
    for said in ("次回の委員会は十日です。", "次回は会場を変えます。", "次回の議題で扱います。"):
        assert relative_due(said) == "", said


def test_a_request_nobody_takes_on_has_no_owner():
    for reply in [("小西建築課長", "その点は、まだ決まっておりません。"),   # answers, takes nothing on
                  ("木村委員", "はい、今週中にお願いします。")]:          # the one who asked goes on
        t = spoken([("木村委員", "地区ごとの件数を、一覧にしていただけますか。"), reply])
        assert MinutesWriter(ScriptedChat()).write(t, COMMITTEE).action_items == [], reply


def test_the_task_is_the_request_the_reply_takes_on():
    t = spoken([("木村委員", "えー、説明会は、あのー、夜にも開いていただきたいと思います。それから、参加者の、えー、"
                             "人数の見込みを、次回の委員会で報告してください。"),
                ("小西建築課長", "承知しました。次回の委員会までに、見込みを取りまとめて、ご報告いたします。")])
    [item] = MinutesWriter(ScriptedChat()).write(t, COMMITTEE).action_items
    assert item.owner == "小西建築課長"
    assert item.task.startswith("参加者の、人数の見込みを"), item.task   # no filler, no それから
    assert "夜" not in item.task


def test_a_promise_to_show_something_next_time_is_due_then():
    assert relative_due("事務局で取りまとめまして、次回、一覧にしてお示しいたします。") == "次回"
    for said in ("次回、改めて協議いたします。", "次回、会場を変えます。", "次回は、一覧の見方から始めます。"):
        assert relative_due(said) == "", said


def test_a_decision_that_points_back_is_written_as_what_was_put_to_the_room():
    """「ご異議なしと認め、そのように決定いたします」 names nothing: the minutes write the chair's question."""
    t = spoken([("大野委員長", "それでは、会期は三月二日から二十日までの十九日間とすることで、ご異議ありませんか。"),
                ("川口委員", "異議なし。"),
                ("大野委員長", "ご異議なしと認め、そのように決定いたします。")])
    [decision] = MinutesWriter(ScriptedChat()).write(t, COMMITTEE).decisions
    assert decision.text == "会期は三月二日から二十日までの十九日間とすることに決定した。"
    assert decision.refs == [1, 3]
    assert settling.question_put("では、視察先は事務局案のとおりとすることにご異議ありませんか。") == \
        "視察先は事務局案のとおりとすること"
    assert not settling.points_back("はい、その方向で進めます。")
