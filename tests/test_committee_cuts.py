"""A chair's formula Whisper cut in two (issue 16): 「起立全員であります。よって議案第13号のうち」 then
「…部分は原案のとおり可決すべきものと決しました」. The second line alone names no bill, and merged
with the decision on 議案第12号 it was lost; written whole from both lines it is its own decision.
The scripted chat of the draft tests stands in for the model (the formula needs no call)."""
from test_draft import ScriptedChat, write_minutes

from desktop.core.minutes import MinutesOptions, MinutesWriter
from desktop.core.types import Meeting, Segment, Transcript

MEETING = Meeting(title="総務常任委員会", attendees=["藤井委員長", "中川委員"])


def write(lines: list[tuple[str, str]]):
    return write_minutes(lines, MEETING)


def test_a_formula_cut_from_its_bill_is_written_whole_and_kept_apart():
    m = write([("藤井委員長", "ご異議なしと認めます。よって議案第12号は原案のとおり可決すべきものと決しました。"),
               ("藤井委員長", "起立全員であります。よって議案第13号のうち"),
               ("藤井委員長", "当委員会所管部分は原案のとおり可決すべきものと決しました。")])
    texts = [d.text for d in m.decisions]
    assert "議案第12号は原案のとおり可決すべきものと決した。" in texts
    assert "議案第13号のうち当委員会所管部分は原案のとおり可決すべきものと決した。" in texts
    whole = next(d for d in m.decisions if "13号" in d.text)
    assert whole.refs == [2, 3]


def test_a_line_after_a_finished_sentence_is_not_joined():
    m = write([("藤井委員長", "議案第13号について採決いたします。"),
               ("藤井委員長", "本案は原案のとおり可決すべきものと決しました。")])
    assert [d.refs for d in m.decisions] == [[2]]


def timed(lines: list[tuple[str, float, float, str]]):
    t = Transcript([Segment(i, start, end, text, speaker=who) for i, (who, start, end, text) in enumerate(lines, 1)],
                   lines[-1][2] + 5)
    return MinutesWriter(ScriptedChat(), MinutesOptions(summaries=False)).write(t, MEETING)


def test_the_halves_of_a_sentence_said_without_a_pause_are_one_decision_whatever_voice_each_was_given():
    """A three-second piece is put to the wrong voice now and then (the tuning meeting toshi)."""
    m = timed([("藤井委員長", 0.0, 2.5, "ご異議なしと認めます。"),
               ("話者3", 2.6, 5.1, "よって、議案第52号は、"),
               ("藤井委員長", 5.6, 9.0, "原案のとおり可決すべきものと決しました。")])
    assert [(d.text, d.refs) for d in m.decisions] == [("議案第52号は、原案のとおり可決すべきものと決した。", [2, 3])]


def test_another_voice_after_a_pause_is_not_the_opening_of_the_chairs_sentence():
    m = timed([("中川委員", 0.0, 2.5, "議案第52号について、"),
               ("藤井委員長", 6.0, 9.5, "原案のとおり可決すべきものと決しました。")])
    assert [d.refs for d in m.decisions] == [[2]]
