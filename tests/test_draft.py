"""The minutes drafted while recording: the same minutes as a run after the meeting, with only the
last lines' questions left for after Stop. A scripted chat stands in for the model here (the real
model is exercised by the end-to-end and live tests, and by `make bench-minutes`)."""
import json
import re
import threading
import time

from conftest import ROOT
from desktop.core.draft import MinutesDraft, YieldingToken
from desktop.core.errors import Cancelled
from desktop.core.minutes import MinutesOptions, MinutesWriter
from desktop.core.types import Meeting, Segment, Transcript

MEETING = Meeting(title="第2回 庁内ペーパーレス化推進会議", date="2025-12-01",
                  attendees=["木村室長", "松本主任", "井上課長補佐"])


class ScriptedChat:
    """Answers each step's schema from the prompt's own words, deterministically; counts the calls."""

    def __init__(self, delay_s: float = 0.0):
        self.prompts: list[str] = []
        self.delay_s = delay_s

    def count_tokens(self, text: str) -> int:
        return len(text) // 2 + 1

    def complete_json(self, messages, schema, max_tokens, cancel=None, temperature=0.0, lane=""):
        prompt = messages[-1]["content"]
        self.prompts.append(prompt)
        for _ in range(3):  # like the engine: the token checks the cancel flag while it generates
            time.sleep(self.delay_s / 3)
            if cancel is not None:
                cancel.raise_if_cancelled()
        said = [re.sub(r"^(発言: |\[\d+\] )", "", ln) for ln in prompt.splitlines()
                if ln.startswith("発言: ") or re.match(r"\[\d+\] ", ln)]
        keys = set(schema["properties"])
        if keys == {"kind"}:
            return {"kind": "proposal" if "提案" in said[-1] else "other"}
        if keys == {"text"}:
            return {"text": said[-1]}
        if keys == {"owner", "task", "due"}:
            return {"owner": "", "task": "", "due": ""}
        if keys == {"titles"}:
            return {"titles": ["会議資料の電子化", "決裁の電子化"]}  # as the sample's transcript says them
        if keys == {"title"}:
            return {"title": said[0][:10]}
        return {"summary": said[0]}


def write_minutes(lines: list[tuple[str, str]], meeting: Meeting):
    """The minutes of a meeting said as (speaker, text) lines five seconds apart, written with the
    scripted chat: what they find, the wording settles."""
    t = Transcript([Segment(i, i * 5.0, i * 5.0 + 4, text, speaker=who)
                    for i, (who, text) in enumerate(lines, 1)], len(lines) * 5.0 + 5)
    return MinutesWriter(ScriptedChat(), MinutesOptions(summaries=False)).write(t, meeting)


def sample() -> Transcript:
    data = json.loads((ROOT / "resources/samples/paperless.transcript.json").read_text(encoding="utf-8"))
    return Transcript.from_json(data)


def prefix(t: Transcript, n: int) -> Transcript:
    return Transcript(segments=t.segments[:n], duration=t.segments[n - 1].end if n else 0.0)


def test_prepared_answers_make_the_same_minutes_with_few_calls_after_stop():
    full = sample()
    batch_chat = ScriptedChat()
    expected = MinutesWriter(batch_chat).write(full, MEETING).to_json()

    chat = ScriptedChat()
    writer = MinutesWriter(chat)
    for n in range(3, len(full.segments), 3):  # the live transcript grows a piece at a time
        writer.prepare(prefix(full, n), MEETING)
    before_stop = len(chat.prompts)
    got = writer.write(full, MEETING).to_json()
    after_stop = len(chat.prompts) - before_stop

    assert got == expected
    assert before_stop > 0
    # After Stop: the lines of the last piece and the open topic's summary, not the whole meeting.
    assert after_stop <= 5 < len(batch_chat.prompts), (after_stop, len(batch_chat.prompts))
    # Drafting repeats little: every question about a line is asked once.
    assert len(chat.prompts) <= len(batch_chat.prompts) + 6


def test_same_words_twice_are_two_questions():
    t = sample()
    twice = Transcript(segments=[*t.segments, *[type(s)(s.id + 100, s.start + 200, s.end + 200, s.text)
                                                for s in t.segments]], duration=400)
    chat = ScriptedChat()
    MinutesWriter(chat, MinutesOptions(summaries=False)).write(twice, MEETING)
    classify = [p for p in chat.prompts if "発言: 見積もりは来月中旬に届く" in p and '"kind"' in p]
    assert len(classify) >= 2


def test_a_closed_topic_is_summarised_during_the_meeting_the_open_one_after():
    full = sample()
    second = next(s.id for s in full.segments if "2点目" in s.text)  # where the second topic starts
    chat = ScriptedChat()
    writer = MinutesWriter(chat)
    writer.prepare(prefix(full, second + 1), MEETING)
    summaries = [p for p in chat.prompts if '"summary"' in p]
    assert any("[4] " in p for p in summaries), "the first topic is over: its summary is drafted"
    assert not any(f"[{second}] " in p for p in summaries), "the open topic waits for more lines"
    n = len(chat.prompts)
    writer.write(full, MEETING)
    assert any(f"[{second}] " in p for p in chat.prompts[n:] if '"summary"' in p)


def test_draft_thread_yields_to_live_transcription_and_finishes_with_the_full_minutes():
    full = sample()
    expected = MinutesWriter(ScriptedChat()).write(full, MEETING).to_json()
    shown = {"n": 4}
    busy = threading.Event()
    chat = ScriptedChat(delay_s=0.03)
    draft = MinutesDraft(lambda: MinutesWriter(chat), lambda: prefix(full, shown["n"]), lambda: MEETING,
                         busy=busy.is_set, interval_s=0.05)
    deadline = time.monotonic() + 20
    while shown["n"] < len(full.segments) and time.monotonic() < deadline:
        if draft.drafted_lines >= shown["n"]:
            shown["n"] = min(len(full.segments) - 2, shown["n"] + 4) if shown["n"] < len(full.segments) - 2 \
                else len(full.segments)
        time.sleep(0.02)
        if shown["n"] == len(full.segments) - 2 and draft.drafted_lines == shown["n"]:
            break
    assert draft.passes >= 3 and draft.error is None

    busy.set()  # live transcription is working: the model must not run
    calls = len(chat.prompts)
    shown["n"] = len(full.segments)
    time.sleep(0.4)
    assert len(chat.prompts) <= calls + 1  # at most the call that was already under way
    busy.clear()

    before = len(chat.prompts)
    got = draft.finish(full, MEETING, lambda: MinutesWriter(ScriptedChat()))
    assert got.to_json() == expected
    assert len(chat.prompts) - before <= 6


def test_yielding_token_waits_while_busy_and_still_cancels():
    busy = threading.Event()
    busy.set()
    token = YieldingToken(busy.is_set)
    threading.Timer(0.2, busy.clear).start()
    started = time.perf_counter()
    token.raise_if_cancelled()
    assert time.perf_counter() - started >= 0.15
    busy.set()
    threading.Timer(0.1, token.cancel).start()
    try:
        token.raise_if_cancelled()
    except Cancelled:
        pass
    else:
        raise AssertionError("a cancelled token must raise even while waiting")


def test_progress_moves_through_every_phase():
    """The bar used to stand at 50% through the items and the summaries (the longest calls)."""
    seen = []
    minutes = MinutesWriter(ScriptedChat()).write(sample(), MEETING, on_progress=lambda p: seen.append(p.fraction))
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert any(0.5 < f < 0.7 for f in seen)          # while the decisions and requests are written
    if len(minutes.agenda) > 1:
        assert any(0.75 < f < 1.0 for f in seen)     # between one topic's summary and the next


def test_an_estimate_from_the_first_report(qtbot):
    from desktop.core.jobs import report
    from desktop.ui.jobs import JobRunner

    runner = JobRunner()
    lefts = []
    runner.progressed.connect(lambda label, fraction, left: lefts.append(left))

    def work(progress, cancel):
        report(progress, "transcribe", 0.0, 600.0)   # ten minutes of audio, nothing decoded yet
        return None

    assert runner.start("文字起こし", work)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert lefts and 30 < lefts[0] < 120
