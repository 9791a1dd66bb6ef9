"""Unit tests of the rules that check the model's answers against what was said."""
from datetime import date

import pytest

from desktop.core import cues, grounding, japanese, names
from desktop.core.wording import (accept_model_kind, dedupe_actions, dedupe_items, describe_next_meeting,
                                  task_from_line, topic_starts)
from desktop.core.types import ActionItem, Item, Segment


@pytest.mark.parametrize("run,value", [("十二", 12), ("三十", 30), ("百二十万", 1_200_000), ("二〇二五", 2025),
                                       ("千五百", 1500), ("十", 10), ("三", 3)])
def test_kanji_numerals(run, value):
    assert japanese.kanji_to_int(run) == value


def test_normalize_text_keeps_words_with_one():
    assert japanese.normalize_text("一点目の統一について、十二月十二日まで") == "1点目の統一について、12月12日まで"


def test_find_dates():
    assert japanese.find_dates("一月十六日までに、また12/12にも") == [(None, 1, 16), (None, 12, 12)]
    assert japanese.find_dates("十三月四十日") == []


def test_due_comes_from_the_line_never_invented():
    line = "井上課長補佐は、見積もりが届き次第、一月十六日までに内容を報告してください。"
    assert japanese.normalize_due("1月16日", line, date(2025, 12, 1)) == "2026年1月16日"
    # The model's date is not in the line: the line's own deadline is used.
    assert japanese.normalize_due("1月20日", line) == "1月16日"
    # No date said at all: nothing, whatever the model proposed.
    assert japanese.normalize_due("12月12日", "松本主任は周知文を作成してください。") == ""


def test_owner_matches_the_attendee_list():
    attendees = ["木村室長", "松本主任", "井上課長補佐"]
    assert names.match_owner("松元主任", attendees) == "松本主任"
    assert names.match_owner("松本", attendees) == "松本主任"
    assert names.match_owner("佐藤係長", attendees) == "佐藤係長"  # nobody close: kept as said
    assert names.match_owner("", attendees, "松本主任は各部署への周知文を作成してください") == "松本主任"
    assert names.owner_in_line("松本主任は、周知文を作成してください。", attendees) == "松本主任"


@pytest.mark.parametrize("line,kind", [
    ("それでは、来年四月から会議資料を原則電子化することといたします。", "decision"),
    ("では、決裁の電子化については、見積もりを確認してから次回改めて検討します。", "deferral"),
    ("松本主任は、各部署への周知文を、十二月十二日までに作成してください。", "action"),
    ("次回の会議は、一月三十日金曜日の午前十時からとします。", "next_meeting"),
    ("本日の議題は、会議資料の電子化と、決裁の電子化の二点です。", "agenda"),
    ("資料を原則として電子データで配布することを提案いたします。", None),
    ("承知しました。", None),
    ("山田委員は、アンケートの集計結果を十一月五日までにまとめてください。", "action"),
    ("高橋さん、業者に見積もりを送ってもらえますか。", "action"),
    ("結果は事務局までご連絡ください。", "action"),
    ("配備率は八割です。", None),
])
def test_cue_kinds(line, kind):
    assert cues.cue_kind(line) == kind


def test_model_decision_without_decided_wording_is_a_proposal():
    assert accept_model_kind("decision", "この案で進めてはいかがでしょうか。") == "proposal"
    assert accept_model_kind("decision", "この案で進めます。") == "decision"
    assert accept_model_kind("next_meeting", "次回もよろしくお願いします。") == "other"


def test_support_and_similarity():
    line = "来年四月から会議資料を原則電子化することといたします。"
    assert grounding.support("来年4月から会議資料を原則電子化する。", line) > 0.8
    assert grounding.support("予算を増額する。", line) < 0.2


def test_decisions_on_two_bills_are_never_one_however_alike():
    # fukushi's script: 請願第七号 (its 七 not turned into a digit) and 陳情第十三号 were merged.
    seven, thirteen = "請願第七号は、採択すべきものと決した。", "陳情第十三号は、不採択とすべきものと決した。"
    assert grounding.similar(seven, thirteen) == 0
    assert grounding.similar("議案第四十五号は可決すべきものと決した。", "議案第四十六号は可決すべきものと決した。") \
        == 0
    assert grounding.similar("請願第七号は、採択すべきものと決した。", "請願第七号は採択すべきものと決しました。") > 0.6


def test_task_from_line():
    assert (
        task_from_line("松本主任は、各部署への周知文を、十二月十二日までに作成してください。")
        == "各部署への周知文を作成する"
    )


def test_next_meeting_description():
    text = describe_next_meeting("次回の会議は、一月三十日金曜日の午前十時からとします。", date(2025, 12, 1))
    assert text == "2026年1月30日(金) 午前10時から"


def test_dedupe_merges_refs():
    items = dedupe_items([Item("資料を電子化する。", [3]), Item("資料を電子化する。", [9]), Item("別の件。", [4])])
    assert [(i.text, i.refs) for i in items] == [("資料を電子化する。", [3, 9]), ("別の件。", [4])]
    acts = dedupe_actions([ActionItem("松本主任", "周知文を作成する", "", [10]),
                           ActionItem("松本主任", "周知文を作成する", "12月12日", [11])])
    assert len(acts) == 1 and acts[0].due == "12月12日" and acts[0].refs == [10, 11]


def test_the_same_formula_for_two_bills_is_two_decisions():
    """Assembly decisions share their formula word for word; only the bill's number tells them apart."""
    items = dedupe_items([Item("議案第三十号は、原案のとおり可決すべきものと決しました。", [40]),
                          Item("議案第31号は、原案のとおり可決すべきものと決しました。", [77]),
                          Item("議案第30号は原案のとおり可決すべきものと決しました。", [41]),
                          Item("本案は原案のとおり可決すべきものと決しました。", [90])])
    assert [i.refs for i in items] == [[40, 41, 90], [77]]


def test_topic_starts_follow_ordinals():
    segs = [Segment(i, i, i + 1, t) for i, t in enumerate(
        ["本日の議題は、資料の電子化と決裁の電子化の二点です。", "一点目について説明します。", "賛成です。",
         "二点目の決裁について。", "以上です。"], 1)]
    assert topic_starts(["資料の電子化", "決裁の電子化"], segs, segs[0]) == [2, 4]


def test_a_topic_whose_title_was_misheard_starts_where_the_chair_moves_on():
    """節電 heard as 説明 (the tuning meeting shisetsu): the title is nowhere said; the chair's 「次、…です」
    places it. A 「次に」 that names the title wins over an earlier one that does not."""
    segs = [Segment(i, i, i + 1, t) for i, t in enumerate(
        ["今日の話は二つです。市民会館の予約と、夏の節電の取り組みです。", "まず予約の件から。", "窓口で受けています。",
         "次、説明です。", "去年の夏は電気料金が上がりました。"], 1)]
    assert topic_starts(["市民会館の予約", "夏の節電の取り組み"], segs, segs[0]) == [1, 4]
    segs = [Segment(i, i, i + 1, t) for i, t in enumerate(
        ["本日は、庁舎の清掃と研修の見直しについて協議します。", "清掃の委託先です。", "次に、費用です。",
         "百万円です。", "次に研修の見直しです。", "講師を変えます。"], 1)]
    assert topic_starts(["庁舎の清掃", "研修の見直し"], segs, segs[0]) == [1, 5]


def test_numbers_must_be_said():
    source = "昨年度の紙の使用量は、約百二十万枚でした。来年三月までに百台を配備します。"
    assert grounding.numbers_grounded("使用量は約120万枚、3月までに100台を配備する。", source)
    assert not grounding.numbers_grounded("2月2日の会議で、使用量は約120万枚と報告された。", source)


def test_big_units_stay_units():
    assert japanese.normalize_text("約百二十万枚") == "約120万枚"
    assert japanese.normalize_text("約120万枚") == "約120万枚"
    assert japanese.normalize_text("三億五千万円") == "3億5000万円"


def test_punctuation_of_whisper_text():
    from desktop.core.transcription import punctuate
    assert punctuate("来年4月から電子化することといたします 松本主任は作成してください") == \
        "来年4月から電子化することといたします。松本主任は作成してください。"
    assert punctuate("本日の議題は 会議資料です") == "本日の議題は、会議資料です。"
    assert punctuate("端末の配備状況はいかがでしょうか") == "端末の配備状況はいかがでしょうか？"
    assert punctuate("Microsoft Teams を使います") == "Microsoft Teams を使います。"
    assert punctuate("本日の議題は") == "本日の議題は"


def test_due_is_taken_out_of_the_task():
    from desktop.core.wording import without_due
    assert without_due("各部署への周知文を、12月12日までに作成する") == "各部署への周知文を作成する"
    assert without_due("見積もりが届き次第、一月十六日までに内容を報告する") == "見積もりが届き次第、内容を報告する"
    assert without_due("資料を作成する") == "資料を作成する"


def test_owner_heard_wrong_is_matched_by_reading():
    attendees = ["佐藤課長", "高橋係長", "伊藤主査"]
    assert names.match_owner("移動しさ", attendees) == "伊藤主査"
    assert names.match_owner("鈴木部長", attendees) == "鈴木部長"  # nobody sounds like that: kept as said


def test_task_loses_its_deadline_phrase():
    from desktop.core.wording import without_due
    assert without_due("実施会への案内部も7月31日までに総布する") == "実施会への案内部を総布する"


def test_task_without_comma_after_the_addressee():
    assert task_from_line("小林主任は要求資料を財政課へ提出してください。", "小林主任") == "要求資料を財政課へ提出する"


@pytest.mark.parametrize("line,task", [
    ("山田委員は、アンケートの集計結果を十一月五日までにまとめてください。", "アンケートの集計結果をまとめる"),
    ("高橋係長は、資料を財政課へ送ってください。", "資料を財政課へ送る"),
    ("伊藤主査は、協議結果を報告してください。", "協議結果を報告する"),
    ("小林主任は、結果を事務局にご連絡ください。", "結果を事務局に連絡する"),
])
def test_a_task_is_written_in_the_dictionary_form(line, task):
    assert task_from_line(line) == task


def test_a_decision_keeps_the_number_of_the_bill_it_decides():
    line = "よって、議案第二十一号は、原案のとおり可決すべきものと決しました。"
    assert grounding.item_numbers_kept("議案第21号は原案のとおり可決した。", line)
    assert not grounding.item_numbers_kept("本案は原案のとおり可決した。", line)
    assert grounding.item_numbers_kept("会議資料を電子化する。", "来年4月から会議資料を電子化します。")
