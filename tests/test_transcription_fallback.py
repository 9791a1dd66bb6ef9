"""Speech the context-conditioned decode skipped is decoded again without the context (issue 13,
item 1), and a decode caught in a loop is decoded again conditioned on nothing. The real cases:
test_vocabulary.test_fixture_accuracy[bousai], where the context lost 6 s of speech, and a held-out
committee meeting where, conditioned on its own text, Whisper wrote one phrase over minutes of
speech; here a scripted transcriber checks the rules themselves."""
import numpy as np

from desktop.core import pipeline
from desktop.core.coverage import implausible, unheard_speech
from desktop.core.types import Meeting, Segment, Transcript

MEETING = Meeting(title="第1回打合せ会", attendees=["高橋係長", "伊藤主査"])
SPANS = [(0.5, 4.0), (5.0, 9.0), (10.0, 14.0)]


def test_unheard_speech_counts_spans_without_any_line():
    lines = [Segment(1, 0.4, 4.1, "a"), Segment(2, 10.2, 13.0, "c")]
    assert unheard_speech(SPANS, lines) == 4.0
    assert unheard_speech(SPANS, lines + [Segment(3, 8.5, 9.5, "b")]) == 0.0
    assert unheard_speech([], lines) == 0.0


def test_a_loop_over_speech_does_not_count_as_hearing_it():
    loop = Segment(3, 4.8, 14.5, "内訳は、")             # 4 characters over 10 s of speech
    assert implausible(loop)
    assert unheard_speech(SPANS, [Segment(1, 0.4, 4.1, "一つ目の発言です。"), loop]) == 8.0
    said = Segment(4, 4.8, 10.5, "二つ目の発言は、少し長めに話しています。")
    assert not implausible(said) and not implausible(Segment(5, 0.0, 3.0, "はい。"))


def heard_in(samples, offset, lines):
    """The lines a decode of `samples` (starting `offset` s into the meeting) hears: those said in it."""
    end = offset + len(samples) / 16000
    return [s for s in lines if offset <= (s.start + s.end) / 2 < end]


class ScriptedTranscriber:
    """With a prompt it skips the middle utterance; without, it hears all three."""

    def __init__(self, skip: bool = True):
        self.prompts = []
        self.skip = skip

    def transcribe(self, samples, options, on_progress=None, cancel=None, offset=0.0, **kw):
        self.prompts.append(options.initial_prompt)
        spans = SPANS[::2] if options.initial_prompt and self.skip else SPANS
        said = [Segment(i, a, b, f"発言{i}です。") for i, (a, b) in enumerate(spans, 1)]
        return Transcript(heard_in(samples, offset, said), 15.0)


def test_speech_lost_to_the_context_is_decoded_again_without_it(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = ScriptedTranscriber()
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert t.prompts[0] and t.prompts[1] is None
    assert len(got.segments) == 3


class ClipTranscriber:
    """With the context it skips the middle utterance; a clip of that stretch alone hears it or not
    (`clips_hear`); without the context the whole decode hears all three. Each line says which
    decode wrote it."""

    def __init__(self, clips_hear: bool):
        self.clips_hear = clips_hear
        self.asked = []

    def transcribe(self, samples, options, on_progress=None, cancel=None, offset=0.0, **kw):
        whole = len(samples) == 16000 * 15
        self.asked.append(("whole" if whole else "clip", options.initial_prompt))
        if not whole:
            said = [Segment(2, *SPANS[1], "発言2（切り出し）です。")] if self.clips_hear else []
        elif options.initial_prompt:
            said = [Segment(i, *SPANS[i - 1], f"発言{i}（文脈あり）です。") for i in (1, 3)]
        else:
            said = [Segment(i, a, b, f"発言{i}（文脈なし）です。") for i, (a, b) in enumerate(SPANS, 1)]
        return Transcript(heard_in(samples, offset, said), 15.0)


def test_the_context_is_kept_where_the_skipped_speech_is_heard_alone(monkeypatch):
    # A few seconds skipped and recovered by a clip are no reason to drop the context for the whole meeting.
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = ClipTranscriber(clips_hear=True)
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert t.asked[:2] == [("whole", MEETING.title + "。出席者：高橋係長、伊藤主査。"), ("whole", None)]
    assert [s.text for s in got.segments] == ["発言1（文脈あり）です。", "発言2（切り出し）です。",
                                              "発言3（文脈あり）です。"]


def test_the_decode_without_context_is_kept_where_it_leaves_less_without_text(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = ClipTranscriber(clips_hear=False)
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert [s.text for s in got.segments] == ["発言1（文脈なし）です。", "発言2（文脈なし）です。",
                                              "発言3（文脈なし）です。"]
    assert ("clip", None) in t.asked          # the context's skipped stretch was tried alone first


def test_a_decode_that_covers_the_speech_is_kept(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = ScriptedTranscriber(skip=False)
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert len(t.prompts) == 1 and len(got.segments) == 3


class LoopingTranscriber:
    """Conditioned on its previous windows it loops over the last two utterances; conditioned on
    nothing it hears all three."""

    def __init__(self):
        self.calls = []

    def transcribe(self, samples, options, on_progress=None, cancel=None, offset=0.0, **kw):
        self.calls.append((options.initial_prompt, options.condition_on_previous_text))
        if options.condition_on_previous_text:
            said = [Segment(1, 0.5, 4.0, "発言1です。"), Segment(2, 4.5, 14.5, "内訳は、")]
        else:
            said = [Segment(i, a, b, f"発言{i}です。") for i, (a, b) in enumerate(SPANS, 1)]
        return Transcript(heard_in(samples, offset, said), 15.0)


def test_a_decode_in_a_loop_is_decoded_again_without_context_or_previous_text(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = LoopingTranscriber()
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert t.calls[0] == (t.calls[0][0], True) and t.calls[0][0]
    assert t.calls[1] == (None, False) and len(t.calls) == 2
    assert [s.text for s in got.segments] == ["発言1です。", "発言2です。", "発言3です。"]


def test_a_loop_no_decode_escapes_is_kept_marked_for_the_clerk(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)

    class AlwaysLooping(LoopingTranscriber):
        def transcribe(self, samples, options, on_progress=None, cancel=None, offset=0.0, **kw):
            self.calls.append((options.initial_prompt, options.condition_on_previous_text))
            said = [Segment(1, 0.5, 4.0, "発言1です。"), Segment(2, 4.5, 14.5, "内訳は、")]
            return Transcript(heard_in(samples, offset, said), 15.0)

    t = AlwaysLooping()
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert t.calls[1] == (None, False) and len(t.calls) == 4  # the plain decode, then each stretch alone
    loop = next(s for s in got.segments if s.text == "内訳は、")
    assert loop.confidence == "low"
