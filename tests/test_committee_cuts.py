"""A chair's formula Whisper cut in two (issue 16): 「起立全員であります。よって議案第13号のうち」 then
「…部分は原案のとおり可決すべきものと決しました」. The second line alone names no bill, and merged
with the decision on 議案第12号 it was lost; written whole from both lines it is its own decision.
The scripted chat of the draft tests stands in for the model (the formula needs no call)."""
from test_draft import ScriptedChat

from desktop.core.minutes import MinutesOptions, MinutesWriter
from desktop.core.types import Meeting, Segment, Transcript

MEETING = Meeting(title="総務常任委員会", attendees=["藤井委員長", "中川委員"])


def write(lines: list[tuple[str, str]]):
    t = Transcript([Segment(i, i * 5.0, i * 5.0 + 4, text, speaker=who)
                    for i, (who, text) in enumerate(lines, 1)], len(lines) * 5.0 + 5)
    return MinutesWriter(ScriptedChat(), MinutesOptions(summaries=False)).write(t, MEETING)


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
