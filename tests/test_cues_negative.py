"""Cues that generalise (issue 16): ordinary lines, written for this purpose (not from the fixture
meetings), that the wording rules must classify as neither decision nor deferral; and the model's
"decision" is not kept for procedure or a supposition."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import cues, settling
from desktop.core.wording import accept_model_kind

CORPUS = Path(__file__).parent / "fixtures" / "negative" / "not_decisions.txt"


def lines() -> list[str]:
    return [x.strip() for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]


def test_the_negative_set_is_big_enough_and_its_own():
    found = lines()
    assert len(found) >= 100 and len(set(found)) == len(found)
    fixtures = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent / "fixtures").glob("*.ref.json"))
    assert not [x for x in found if x in fixtures]


def test_ordinary_lines_are_neither_decisions_nor_deferrals():
    wrong = [(x, cues.cue_kind(x)) for x in lines()
             if cues.cue_kind(x) in ("decision", "deferral")
             or settling.states_decision(x) or settling.states_deferral(x)]
    assert not wrong, "\n".join(f"{k}: {x}" for x, k in wrong)


@pytest.mark.parametrize("line", ["これをもちまして閉会といたします。", "それでは休憩といたします。",
                                  "仮に参加者が百人だとします。",
                                  "例えば、雨が降ったとします。その場合の対応はどうなりますか。",
                                  "これより議案第五号を採決いたします。", "それでは、お諮りいたします。",
                                  "ただいまから質疑に入ります。", "以上で討論を終結いたします。",
                                  "以上で本委員会に付託された案件の審査は、すべて終了いたしました。",
                                  "議案第三号は、原案のとおり可決すべきものと決することに賛成の委員の起立を求めます。",
                                  "本件を採択とすることに賛成の方は挙手をお願いします。"])
def test_the_model_s_decision_is_not_kept_for_procedure_or_a_supposition(line):
    assert accept_model_kind("decision", line) != "decision"


@pytest.mark.parametrize("line", ["議案第二十号は、原案のとおり可決すべきものと決することに、",
                                  "陳情第四号は、不採択とすべきものと、",
                                  "本件は、次回まで継続審査とすることに",
                                  "ただいまの説明のとおり、受付を九時からとすることに、"])
def test_a_question_cut_before_the_room_answers_is_not_a_decision(line):
    # Whisper ended the chair's 「…ことにご異議ありませんか」 before the question; the room's answer
    # (「ご異議なしと認めます。よって…」) is the decision.
    assert accept_model_kind("decision", line) == "proposal"


@pytest.mark.parametrize("line", ["受付は九時からとします。", "この方針で進めることにします。",
                                  "よって、議案第二十号は原案のとおり可決すべきものと決しました。次に、陳情第四号は、",
                                  "では、来年度から実施することと、いたします。"])
def test_a_decision_said_to_its_end_stays_a_decision(line):
    assert accept_model_kind("decision", line) == "decision"


@pytest.mark.parametrize("line,kind", [
    ("受付時間は九時からとすることといたします。", "decision"),
    ("本案は原案のとおり可決されました。", "decision"),
    ("この件は持ち帰って、次回改めて判断します。", "deferral"),
    ("結論は次回に持ち越しとします。", "deferral"),
    ("本件は保留といたします。", "deferral"),
    ("詳細については、引き続き協議いたします。", "deferral"),
    ("次回は一月二十日火曜日の午後二時から開催しますので、よろしくお願いいたします。", "next_meeting"),
    ("次回の会議は三月五日の十時からです。どうぞよろしくお願いします。", "next_meeting"),
    ("次回の会議までに、二月三日の十時までに資料を出してください。", "action"),
])
def test_decisions_and_deferrals_in_other_words_are_still_found(line, kind):
    assert cues.cue_kind(line) == kind


TAKING_ON = Path(__file__).parent / "fixtures" / "negative" / "not_taking_on.txt"


@pytest.mark.parametrize("line", ["チラシの作成は私が担当し、九月十日までに案を用意します。",
                                  "十一月二十日までに、私の方からお出しします。", "私の方で業者に連絡しておきます。",
                                  "後日、私から報告いたします。", "はい、私がやります。"])
def test_a_task_someone_takes_on_is_an_action(line):
    assert cues.takes_on(line) and cues.cue_kind(line) == "action"


def test_first_person_lines_that_take_nothing_on_are_not_tasks():
    text = TAKING_ON.read_text(encoding="utf-8")
    said = [x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#")]
    # Written after the rule was last changed: the rule must hold on lines it was never fixed for.
    later = [x.strip() for x in (TAKING_ON.parent / "not_tasks_later.txt").read_text(encoding="utf-8").splitlines()
             if x.strip() and not x.startswith("#")]
    assert len(said) >= 30 and len(later) >= 20
    wrong = [x for x in said + later + lines() if cues.takes_on(x) or cues.cue_kind(x) in ("decision", "deferral")]
    assert not wrong, "\n".join(wrong)


def test_the_speaker_who_takes_a_task_on_owns_it():
    from desktop.core.minutes import MinutesWriter
    from desktop.core.types import Meeting, Segment, Transcript
    from test_draft import ScriptedChat

    meeting = Meeting(title="給食運営委員会", attendees=["中村委員長", "山口栄養士", "加藤委員"])
    t = Transcript([Segment(1, 0, 4, "献立表に産地を載せていただけると助かります。", "加藤委員"),
                    Segment(2, 4, 9, "産地の記載は私が担当して、十一月号から始めます。", "山口栄養士"),
                    Segment(3, 9, 12, "私はそう思います。", "話者3")], duration=12)
    minutes = MinutesWriter(ScriptedChat()).write(t, meeting)
    assert [(a.owner, a.refs) for a in minutes.action_items] == [("山口栄養士", [2])]
    # Without a name for the voice yet, the task still has an owner: the voice, for the clerk to name.
    t.segments[1].speaker = "話者2"
    minutes = MinutesWriter(ScriptedChat()).write(t, meeting)
    assert [(a.owner, a.refs) for a in minutes.action_items] == [("話者2", [2])]


@pytest.mark.parametrize("line,kind", [
    ("ご異議なしと認めます。よって、議案第12号は原案のとおり可決すべきものと決しました。", "decision"),
    ("議案第5号は否決されました。", "decision"),
    ("本件は閉会中の継続審査とすることに決しました。", "deferral"),       # kept open, not adopted
    ("陳情第3号は継続審査とすることにご異議ありませんか。", None),     # asked: the ruling that follows is the outcome
    ("ご異議なしと認めます。よって、陳情第3号は継続審査とすることに決しました。", "deferral"),
])
def test_assembly_procedure(line, kind):
    assert cues.cue_kind(line) == kind


# Lines about an agenda that take nothing up: the topic in hand stays where it is.
NOT_TAKEN_UP = ["本日の議題は三点です。", "この件は次回の議題とします。", "この件を次回の議題としたいと思います。",
                "議題の順番を入れ替えてもよろしいでしょうか。", "議題に入る前に、一点報告があります。",
                "先ほど議題となった件ですが、補足します。", "議題とするかどうかは、委員長にお任せします。",
                "以上で本日の議題は全て終了しました。"]


@pytest.mark.parametrize("line", NOT_TAKEN_UP)
def test_talk_about_the_agenda_takes_no_item_up(line):
    assert cues.taken_up(line) == ""


@pytest.mark.parametrize("line,title", [
    ("次に、報告第二号、指定管理者の評価についてを議題といたします。", "報告第二号、指定管理者の評価"),
    ("では、令和八年度の予算要求お議題といたします。", "令和八年度の予算要求"),
    ("最初に、議案第3号を議題とします。", "議案第3号"),
])
def test_an_item_taken_up_is_named_as_the_chair_said_it(line, title):
    assert cues.taken_up(line) == title


# Written for this test: the floor handed to someone is no task; a report asked for later is one.
FLOOR = ["佐野課長、ご説明をお願いします。", "では、総務課から現状の報告をお願いいたします。",
         "次に、広報班、進み具合をお願いします。", "林委員、ご意見をお願いできますか。",
         "まず事務局から、概要を説明していただけますか。", "続きまして、教育長からご挨拶をお願いします。"]
TASKS_TO_REPORT = ["結果は来月の会議で報告してください。", "調査の結果を、改めて報告をお願いします。",
                   "今週中に状況を書面で報告してください。", "説明資料を作成してください。",
                   "佐野課長、関係課への説明をお願いできますか、来週までに。"]


@pytest.mark.parametrize("line", FLOOR)
def test_handing_the_floor_is_not_a_task(line):
    assert cues.gives_floor(line) and cues.cue_kind(line) != "action"


@pytest.mark.parametrize("line", TASKS_TO_REPORT)
def test_a_report_asked_for_later_is_still_a_task(line):
    assert not cues.gives_floor(line) and cues.cue_kind(line) == "action"


# Written for this test: what the room is asked to do now, in the room, is no task; the same words
# with a time to do it by, or beside a real request, still are.
IN_THE_ROOM = ["お手元にお配りした資料をご覧ください。", "それでは、資料の三ページをお開きください。",
               "画面をご覧いただけますか。", "スクリーンをご覧ください。こちらが新しい配置図です。",
               "では皆さん、ご起立ください。", "賛成の方はご挙手をお願いします。",
               "えー、お手元の参考資料二をご覧いただきたいと思います。", "録音を少しお聞きください。"]
LOOK_LATER = ["来週までに報告書案をご覧いただき、ご意見をお寄せください。",
              "資料をご覧ください。それから、佐藤さんは議事録を作成してください。",
              "次回までに、各課で要綱をお目通しください。",
              "各委員は、資料を持ち帰ってご覧いただき、月末までにご意見をください。",
              "後日、録音をお聞きいただき、発言の確認をお願いします。"]


@pytest.mark.parametrize("line", IN_THE_ROOM)
def test_what_the_room_is_asked_to_do_now_is_not_a_task(line):
    assert cues.gives_floor(line) and cues.cue_kind(line) != "action"


@pytest.mark.parametrize("line", LOOK_LATER)
def test_looking_at_something_by_a_time_is_still_a_task(line):
    assert not cues.gives_floor(line)


@pytest.mark.parametrize("line, sentence", [
    ("ご異議なしと認めます。よって、議案第十二号は原案のとおり可決すべきものと決しました。",
     "議案第十二号は原案のとおり可決すべきものと決した。"),
    ("挙手少数であります。よって、請願第三号は、不採択とすべきものと決しました。",
     "請願第三号は、不採択とすべきものと決した。"),
    ("陳情第6号は、継続審査とすることに決しました。", "陳情第6号は、継続審査とすることに決した。"),
    # Whisper left out the 。 before よって: the decision is what follows it.
    ("ご異議なしと認めますよって議案第12号は原案のとおり可決すべきものと決しました。",
     "議案第12号は原案のとおり可決すべきものと決した。"),
])
def test_a_formal_decision_is_the_minutes_sentence_as_said(line, sentence):
    assert settling.formally_decided(line) == sentence


def test_only_the_formal_words_are_taken_as_said():
    # Decisions in ordinary words are rewritten by the model, and ordinary lines are no decision.
    for line in ("研修は二月に実施することといたします。", "会場は市民ホールに決めました。", *lines()):
        assert settling.formally_decided(line) == "", line


@pytest.mark.parametrize("line", ["文案は、本会議の前日までに、皆様にお送りします。",
                                  "文面の案は、二月の末までに、委員の皆様にお示しいたします。",
                                  "その内容を、速やかに本委員会にご報告いたします。",
                                  "後日、改めてご連絡いたします。"])
def test_a_promise_in_the_humble_form_with_its_when_is_taken_on(line):
    # Officials promise without 私: the humble form of their own act, and when it will be done.
    assert cues.takes_on(line)


def test_humble_lines_that_promise_nothing_are_not_tasks():
    text = (TAKING_ON.parent / "not_humble_promises.txt").read_text(encoding="utf-8")
    said = [x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#")]
    assert len(said) >= 20
    wrong = [x for x in said if cues.takes_on(x)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("line", ["継続審査を求めます。", "ただいま、継続審査の申し出がありました。",
                                  "本件は、継続審査とすることに、ご異議ありませんか。",
                                  "この件は、次回まで保留としてはいかがでしょうか。"])
def test_putting_off_asked_or_moved_is_not_yet_the_outcome(line):
    assert not settling.states_deferral(line)


def test_the_chair_ruling_it_off_is():
    assert settling.states_deferral("ご異議なしと認めます。よって、陳情第十一号は、継続審査とすることに決しました。")
    assert cues.taken_up("はじめに、議案第三十四号、介護保険条例の一部を改正する条例を議題といたします。") == \
        "議案第三十四号、介護保険条例の一部を改正する条例"


@pytest.mark.parametrize("line", ["財源の見通しが立たないので、現時点では不採択とすべきと考えます。",
                                  "本日は、継続審査とすべきと考えます。"])
def test_a_view_of_what_should_be_done_is_neither_decided_nor_put_off(line):
    # Seen on the held-out committees kyomin and sangyo after their blind measurement: the model's
    # "decision" was kept for the first, and the second was written as a matter put off.
    assert accept_model_kind("decision", line) == "proposal"
    assert not settling.states_deferral(line) and cues.cue_kind(line) is None


@pytest.mark.parametrize("line,task", [
    ("森本です。工事の時期はいつごろになるのか、教えてください。", False),
    ("設置の基準はどうなっているんですか、教えてください。", False),
    ("工事の時期がいつごろになるのか、来週までに教えてください。", True),
])
def test_a_question_to_be_answered_now_is_no_task(line, task):
    assert cues.gives_floor(line) is not task


def test_a_month_s_end_is_cut_from_the_task_with_its_month():
    from desktop.core.wording import without_due
    assert without_due("各地区の調査を、十二月末までにまとめる") == "各地区の調査をまとめる"
    assert without_due("10月末までに結果をまとめる") == "結果をまとめる"
    assert without_due("月末までに請求書を出す") == "請求書を出す"
    assert without_due("今月末までに資料を出す") == "資料を出す"
    assert without_due("来月末までに請求書をまとめる") == "請求書をまとめる"
