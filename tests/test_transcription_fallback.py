"""Speech the context-conditioned decode skipped is decoded again without the context (issue 13,
item 1). The real case is test_vocabulary.test_fixture_accuracy[bousai], where the context lost 6 s
of speech; here a scripted transcriber checks the rule itself."""
import numpy as np

from desktop.core import pipeline
from desktop.core.transcription import uncovered_speech
from desktop.core.types import Meeting, Segment, Transcript

MEETING = Meeting(title="第1回打合せ会", attendees=["高橋係長", "伊藤主査"])
SPANS = [(0.5, 4.0), (5.0, 9.0), (10.0, 14.0)]


def test_uncovered_speech_counts_spans_without_any_line():
    lines = [Segment(1, 0.4, 4.1, "a"), Segment(2, 10.2, 13.0, "c")]
    assert uncovered_speech(SPANS, lines) == 4.0
    assert uncovered_speech(SPANS, lines + [Segment(3, 8.5, 9.5, "b")]) == 0.0
    assert uncovered_speech([], lines) == 0.0


class ScriptedTranscriber:
    """With a prompt it skips the middle utterance; without, it hears all three."""

    def __init__(self, skip: bool = True):
        self.prompts = []
        self.skip = skip

    def transcribe(self, samples, options, on_progress=None, cancel=None, **kw):
        self.prompts.append(options.initial_prompt)
        spans = SPANS[::2] if options.initial_prompt and self.skip else SPANS
        return Transcript([Segment(i, a, b, f"発言{i}です。") for i, (a, b) in enumerate(spans, 1)], 15.0)


def test_speech_lost_to_the_context_is_decoded_again_without_it(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = ScriptedTranscriber()
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert t.prompts[0] and t.prompts[1] is None
    assert len(got.segments) == 3


def test_a_decode_that_covers_the_speech_is_kept(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = ScriptedTranscriber(skip=False)
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), MEETING)
    assert len(t.prompts) == 1 and len(got.segments) == 3
