"""A topic's summary reads the whole of a short topic, and the gist of a long one within its token
budget: what was decided or asked late in an hour-long topic is read, not only its first minutes.
The scripted chat of the draft tests stands in for the model (this tests which lines are read)."""
from test_draft import MEETING, ScriptedChat

from desktop.core.minutes import MinutesOptions, MinutesWriter
from desktop.core.types import Segment, Transcript


def long_topic(n: int = 120) -> Transcript:
    lines = ["本日の議題は、庁舎の改修についての一点です。"]
    lines += [f"改修の説明の続きで、これは経緯を述べる長めの発言の第{i}番です。" for i in range(2, n)]
    lines[n * 3 // 4] = "では、改修は来年の夏に実施することといたします。"    # a decision late in the topic
    lines[n * 5 // 6] = "松本主任は、業者の見積もりを来月末までに取ってください。"
    return Transcript([Segment(i + 1, i * 10.0, i * 10.0 + 9, t) for i, t in enumerate(lines)], duration=n * 10.0)


def summary_prompts(chat: ScriptedChat) -> list[str]:
    return [p for p in chat.prompts if "議事概要" in p]


def test_a_long_topic_is_summarised_from_its_gist_within_the_budget():
    chat = ScriptedChat()
    writer = MinutesWriter(chat, MinutesOptions(summary_tokens=400))
    writer.write(long_topic(), MEETING)
    [prompt] = summary_prompts(chat)
    read = [line for line in prompt.splitlines() if line.startswith("[")]
    assert sum(chat.count_tokens(x) + 1 for x in read) <= 400
    assert 3 < len(read) < 119
    assert any("来年の夏に実施する" in x for x in read) and any("見積もり" in x for x in read)
    ids = [int(x[1:x.index("]")]) for x in read]
    assert ids == sorted(ids)  # in the order said


def test_a_short_topic_is_read_whole():
    chat = ScriptedChat()
    MinutesWriter(chat).write(long_topic(12), MEETING)
    [prompt] = summary_prompts(chat)
    assert len([x for x in prompt.splitlines() if x.startswith("[")]) == 11  # all but the agenda line
