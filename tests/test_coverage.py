"""Speech left without text gets a visible （聴取不能） line (issue 13, item 1): never lost unseen."""
import io
import json

import numpy as np

from conftest import ROOT
from desktop.core import audio, pipeline
from desktop.core.coverage import GAP_TEXT, gaps_of, heard, is_gap, mark_gaps, unheard_stretches
from desktop.core.minutes import MinutesWriter
from desktop.core.transcription import speech_spans
from desktop.core.types import Meeting, Segment, Transcript
from test_draft import ScriptedChat

SPANS = [(0.5, 4.0), (5.0, 9.0), (9.5, 10.4), (11.0, 14.0)]


def lines(*spans):
    return [Segment(i, a, b, f"発言{i}です。", confidence="ok") for i, (a, b) in enumerate(spans, 1)]


def test_speech_without_any_line_is_marked_where_it_was_said():
    t = Transcript(lines((0.4, 4.1), (11.2, 13.8)), 15.0)
    assert mark_gaps(t, SPANS) == 1
    assert [s.text for s in t.segments] == ["発言1です。", GAP_TEXT, "発言2です。"]
    gap = t.segments[1]
    assert (gap.start, gap.end, gap.confidence) == (5.0, 9.0, "low")   # among the lines the clerk checks
    assert [s.id for s in t.segments] == [1, 2, 3]
    assert gaps_of(t) == (1, 4.0)
    assert [s.text for s in heard(t.segments)] == ["発言1です。", "発言2です。"]


def test_short_stretches_and_covered_speech_are_left_alone():
    # 0.9 s of speech (a breath, a cough, VAD's padding) is not an utterance, nor the edges of a span
    # that its lines' word times leave out.
    t = Transcript(lines((0.4, 4.1), (5.6, 9.2), (11.2, 13.8)), 15.0)
    assert unheard_stretches(SPANS, t.segments) == []
    assert mark_gaps(t, SPANS) == 0
    assert not any(is_gap(s) for s in t.segments)


def test_a_sentence_skipped_inside_a_stretch_of_speech_is_found():
    # One span of speech holds three sentences; the decode wrote the first and the last.
    span = [(10.0, 30.0)]
    said = lines((10.1, 15.0), (24.8, 29.9))
    assert unheard_stretches(span, said) == [(15.0, 24.8)]
    assert unheard_stretches(span, said[:1]) == [(15.0, 30.0)]
    assert unheard_stretches(span, said[1:]) == [(10.0, 24.8)]
    assert unheard_stretches(span, said + lines((15.2, 24.5))) == []   # pauses under 1.5 s are breaths
    t = Transcript(said, 31.0)
    assert mark_gaps(t, span) == 1 and (t.segments[1].start, t.segments[1].text) == (15.0, GAP_TEXT)


class DeafTranscriber:
    """Hears the first and last utterances only, with or without the meeting's context."""

    def __init__(self):
        self.calls = 0

    def transcribe(self, samples, options, on_progress=None, cancel=None, offset=0.0, **kw):
        self.calls += 1
        end = offset + len(samples) / 16000
        return Transcript([s for s in lines(SPANS[0], SPANS[3]) if offset <= s.start < end], 15.0)


def test_the_pipeline_marks_what_no_decode_could_hear(monkeypatch):
    monkeypatch.setattr(pipeline, "speech_spans", lambda samples: SPANS)
    t = DeafTranscriber()
    meeting = Meeting(title="打合せ", attendees=["高橋係長"])
    got = pipeline.transcribe_samples(t, np.zeros(16000 * 15, np.float32), meeting)
    assert t.calls == 4                 # the decode without context, then the stretch alone (of each), were tried first
    assert [s.text for s in got.segments] == ["発言1です。", GAP_TEXT, "発言2です。"]


def test_the_minutes_never_read_a_gap_mark():
    chat = ScriptedChat()
    t = Transcript(lines((0.0, 3.0), (6.0, 9.0)), 10.0)
    t.segments.insert(1, Segment(2, 3.5, 5.5, GAP_TEXT, confidence="low"))
    MinutesWriter(chat).write(t, Meeting(title="打合せ"))
    assert chat.prompts and not any(GAP_TEXT in p for p in chat.prompts)


def test_the_command_line_says_it_in_one_sentence():
    from desktop.cli.inputs import say_gaps

    out = io.StringIO()
    t = Transcript(lines((0.0, 3.0)) + [Segment(2, 4.0, 7.5, GAP_TEXT, confidence="low")], 8.0)
    say_gaps(t, out)
    assert out.getvalue() == ("1 か所（計 4 秒）の発言を文字にできませんでした。文字起こしの「（聴取不能）」の行を"
                              "再生して確認してください。\n")
    quiet = io.StringIO()
    say_gaps(Transcript(lines((0.0, 3.0)), 8.0), quiet)
    assert quiet.getvalue() == ""


def test_a_line_missing_from_a_real_recording_is_found_by_the_real_vad():
    """The sample meeting's own transcript with one utterance taken out: Silero VAD on the real
    audio finds that speech without a line, and only there."""
    samples = audio.decode(ROOT / "tests" / "fixtures" / "paperless.wav")
    data = json.loads((ROOT / "resources" / "samples" / "paperless.transcript.json").read_text(encoding="utf-8"))
    t = Transcript.from_json(data)
    spans = speech_spans(samples)
    assert mark_gaps(Transcript(list(t.segments), t.duration), spans) == 0   # the whole meeting has lines
    # The longest line, and any other line in the same VAD span (a span is one stretch of speech).
    gone = max(t.segments, key=lambda s: s.end - s.start)
    span = next((a, b) for a, b in spans if min(b, gone.end) > max(a, gone.start))
    kept = [s for s in t.segments if not (min(span[1], s.end) > max(span[0], s.start))]
    partial = Transcript(kept, t.duration)
    assert mark_gaps(partial, spans) >= 1
    marks = [s for s in partial.segments if is_gap(s)]
    assert all(min(m.end, gone.end) > max(m.start, gone.start) for m in marks)
