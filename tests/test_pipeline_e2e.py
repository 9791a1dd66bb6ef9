"""The sample meeting end to end through `gijiroku process`, with the real models, no network."""
import json

import jsonschema
import pytest
from docx import Document

from conftest import ROOT
from bench.evaluation import cer, score_facts
from desktop.core.types import Minutes

pytestmark = pytest.mark.models


def test_process_writes_all_files(processed_sample):
    for name in ("transcript.json", "minutes.json", "minutes.docx", "meeting.json"):
        assert (processed_sample / name).stat().st_size > 0, name


def test_transcript_contract_and_accuracy(processed_sample, sample_ref):
    data = json.loads((processed_sample / "transcript.json").read_text(encoding="utf-8"))
    assert data["language"] == "ja"
    assert abs(data["duration"] - sample_ref["duration"]) < 0.5
    ids = [s["id"] for s in data["segments"]]
    assert len(ids) == len(set(ids)) and len(ids) >= 10
    for s in data["segments"]:
        assert set(s) >= {"id", "start", "end", "text", "speaker"}
        assert 0 <= s["start"] <= s["end"] <= data["duration"]
    reference = "".join(u["text"] for u in sample_ref["utterances"])
    hypothesis = "".join(s["text"] for s in data["segments"])
    # The pipeline measured 0.039 on an AMD EPYC (raw faster-whisper 0.062). CTranslate2 gives a few
    # characters more or less on another CPU (one meeting: raw 0.110 on AMD, 0.160 on an Intel Xeon):
    # this ceiling keeps that margin and still fails if a stretch of speech is lost (40 s of this
    # 141 s meeting missing would be ~0.3). Accuracy itself is measured by `make bench-asr`.
    assert cer(reference, hypothesis) <= 0.12


def test_no_text_in_the_long_silence(processed_sample, sample_ref):
    """The sample has 15 s of silence after 承知しました: nothing may be transcribed there."""
    data = json.loads((processed_sample / "transcript.json").read_text(encoding="utf-8"))
    utt = sample_ref["utterances"]
    gaps = [(a["end"], b["start"]) for a, b in zip(utt, utt[1:]) if b["start"] - a["end"] > 5]
    assert gaps
    for lo, hi in gaps:
        inside = [s for s in data["segments"] if s["start"] > lo + 0.5 and s["end"] < hi - 0.5]
        assert not inside, inside


def test_minutes_validate_and_are_grounded(processed_sample, sample_ref):
    data = json.loads((processed_sample / "minutes.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "resources/schemas/minutes.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    transcript = json.loads((processed_sample / "transcript.json").read_text(encoding="utf-8"))
    ids = {s["id"] for s in transcript["segments"]}
    for key in ("agenda", "decisions", "action_items", "open_issues"):
        for item in data[key]:
            assert item["refs"] and set(item["refs"]) <= ids, (key, item)
    assert data["title"] == "第2回 庁内ペーパーレス化推進会議"
    assert data["attendees"] == ["木村室長", "松本主任", "井上課長補佐"]


def test_minutes_facts_regression(processed_sample, sample_ref):
    """What must hold on any CPU: nothing false, nothing invented, the facts the wording settles.

    The model's answers differ a little between CPUs (an Intel Xeon found one of the two action
    items where an AMD EPYC found both), so recall is measured by `make bench-minutes`, not here."""
    minutes = Minutes.from_json(json.loads((processed_sample / "minutes.json").read_text(encoding="utf-8")))
    score = score_facts(minutes, sample_ref["facts"])
    assert score["false_claims"] == []
    assert score["found"]["next_meeting"] == [True]
    assert any(score["found"]["agenda"])
    assert len(minutes.decisions) >= 1 and len(minutes.action_items) >= 1
    said = {"12月12日", "1月16日"}  # the only deadlines the meeting names: no other may appear
    assert all(any(d in a.due for d in said) for a in minutes.action_items if a.due)
    assert any(a.due for a in minutes.action_items)
    assert any("決裁" in o.text or "電子" in o.text for o in minutes.open_issues)


def test_docx_holds_title_and_decisions(processed_sample):
    minutes = json.loads((processed_sample / "minutes.json").read_text(encoding="utf-8"))
    doc = Document(str(processed_sample / "minutes.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert minutes["title"] in text
    for d in minutes["decisions"]:
        assert d["text"] in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "担当" in cells and "令和7年12月1日(月)" in cells


def test_each_line_keeps_whisper_s_confidence(processed_sample):
    """transcript.json carries a low/ok flag and the mean word probability on every line; a few lines,
    not most, are marked for the clerk to check (the sample's errors are few)."""
    segments = json.loads((processed_sample / "transcript.json").read_text(encoding="utf-8"))["segments"]
    assert all(s["confidence"] in ("low", "ok") and 0.0 <= s["score"] <= 1.0 for s in segments)
    low = [s for s in segments if s["confidence"] == "low"]
    assert 0 < len(low) <= len(segments) // 2, [s["text"] for s in low]
    ok = [s["score"] for s in segments if s["confidence"] == "ok"]
    assert sum(s["score"] for s in low) / len(low) < sum(ok) / len(ok)
