"""The assembly's verbatim record (会議録): particulars from the attendees' titles, a paragraph per
turn under the assembly's speaker headers, the floor's calls in standard form, no filler left, the
public copy without the lines marked 秘密会 or 取消し; Word read back. A held-out committee meeting
goes through the real transcription in the model layer."""
from __future__ import annotations

import json

import pytest
from docx import Document

from conftest import FIXTURES, run_cli
from desktop.core.export import ExportOptions, export
from desktop.core.export.kaigiroku import build_record, render_text, speaker_header, spoken_time
from desktop.core.types import AgendaItem, Minutes, Segment, Transcript

MINUTES = Minutes(title="建設常任委員会", date="2026-09-10", place="第1委員会室", start_time="10:00", end_time="13:05",
                  attendees=["藤田委員長", "長谷川委員", "岡田土木課長", "中島事務局主査"],
                  agenda=[AgendaItem("議案第12号 市道の路線認定について", "", [2])])


def transcript() -> Transcript:
    return Transcript([
        Segment(1, 0, 3, "えー、ただいまから建設常任委員会を開会いたします。", "藤田委員長"),
        Segment(2, 3, 6, "議案第12号を議題といたします。", "藤田委員長"),
        Segment(3, 6, 9, "あのー、延長は、延長は840メートルでございます。", "岡田土木課長"),
        Segment(4, 9, 11, "今の発言は取り消します。", "長谷川委員", withheld="struck"),
        Segment(5, 11, 14, "ご異議ありませんか。", "藤田委員長"),
        Segment(6, 14, 15, "異議なし。", "長谷川委員"),
        Segment(7, 15, 19, "ご異議なしと認めます。よって、議案第12号は原案のとおり可決すべきものと決しました。",
                "藤田委員長"),
    ], 19.0)


def test_headers_particulars_and_the_floor_in_standard_form():
    record = build_record(MINUTES, transcript())
    text = render_text(record)
    assert record.title == "建設常任委員会会議録"
    assert "開会日時　令和8年9月10日(木)　午前10時00分" in text and "閉会日時　令和8年9月10日(木)　午後1時05分" in text
    assert "出席委員　藤田委員長、長谷川委員" in text and "説明のため出席した者　岡田土木課長" in text
    assert "事務局職員　中島事務局主査" in text
    assert "○委員長（藤田君）　ただいまから建設常任委員会を開会いたします。" in text
    assert "【議案第12号 市道の路線認定について】" in text
    assert "○岡田土木課長　延長は840メートルでございます。" in text          # filler and stutter gone
    assert "（「異議なし」と呼ぶ者あり）" in text
    assert "議案第12号は原案のとおり可決すべきものと決しました" in text      # the chair's formula kept whole
    assert "えー" not in text and "あのー" not in text
    assert "今の発言は取り消します" in text                                  # the official copy keeps it
    assert "今の発言は取り消します" not in render_text(build_record(MINUTES, transcript(), public=True))


def test_a_line_of_nothing_but_a_filler_is_no_speech():
    """Whisper cuts 「えー、」 off as a line of its own (the tuning meeting toshi); the record has no filler,
    and the chair's turn around it stays one paragraph. The transcript keeps the line."""
    t = Transcript([
        Segment(1, 0, 3, "質疑はありませんか。", "藤田委員長"),
        Segment(2, 3, 4, "えー、", "長谷川委員"),
        Segment(3, 4, 8, "延長について伺います。", "長谷川委員"),
        Segment(4, 8, 9, "あのー。", "岡田土木課長"),
        Segment(5, 9, 12, "ええ、そのとおりです。", "岡田土木課長"),
    ], 12.0)
    record = build_record(MINUTES, t)
    text = render_text(record)
    assert "えー" not in text and "あのー" not in text
    assert "○長谷川委員　延長について伺います。" in text
    assert "○岡田土木課長　ええ、そのとおりです。" in text                     # the answer ええ is no filler
    assert [p.lines for p in record.body if p.kind == "speech"] == [[1], [3], [5]]


def test_speaker_headers_and_times():
    assert speaker_header("藤田委員長") == "○委員長（藤田君）" and speaker_header("長谷川委員") == "○長谷川委員"
    assert speaker_header("話者3") == "○話者3" and spoken_time("13:30") == "午後1時30分"
    assert spoken_time("12:00") == "午後12時00分" and spoken_time("9:05") == "午前9時05分"


def test_word_and_public_copy(tmp_path):
    for public in (False, True):
        out = tmp_path / f"record-{public}.docx"
        export("docx", out, MINUTES, transcript(), ExportOptions(template="kaigiroku", public=public))
        paragraphs = [p.text for p in Document(out).paragraphs]
        assert paragraphs[0] == "建設常任委員会会議録"
        assert "○委員長（藤田君）　ただいまから建設常任委員会を開会いたします。" in paragraphs
        assert any("取り消します" in p for p in paragraphs) is not public
    with pytest.raises(ValueError):
        export("docx", tmp_path / "x.docx", MINUTES, None, ExportOptions(template="kaigiroku"))


def test_questions_and_answers_are_paired(tmp_path):
    from desktop.core.export.qa import exchanges
    t = Transcript([
        Segment(1, 0, 3, "質疑はありませんか。", "藤田委員長"),
        Segment(2, 3, 7, "えー、三路線の延長の合計をお聞きします。", "長谷川委員"),
        Segment(3, 7, 8, "岡田土木課長。", "藤田委員長"),
        Segment(4, 8, 12, "延長は合計で840メートルでございます。", "岡田土木課長"),
        Segment(5, 12, 15, "街灯は市の負担になるのでしょうか。", "村上委員"),
        Segment(6, 15, 19, "街灯は自治会の管理となることで合意しております。", "近藤都市計画課長"),
        Segment(7, 19, 21, "ほかに質疑はありませんか。", "藤田委員長"),
    ], 21.0)
    pairs = exchanges(t)
    assert [(e.asker, e.question, e.answerer, e.answer) for e in pairs] == [
        ("長谷川委員", "三路線の延長の合計をお聞きします。", "岡田土木課長", "延長は合計で840メートルでございます。"),
        ("村上委員", "街灯は市の負担になるのでしょうか。", "近藤都市計画課長",
         "街灯は自治会の管理となることで合意しております。")]
    export("qa", tmp_path / "qa.md", MINUTES, t)
    md = (tmp_path / "qa.md").read_text(encoding="utf-8")
    assert "## 問2" in md and "**答**（近藤都市計画課長）" in md
    export("qa", tmp_path / "qa.docx", MINUTES, t)
    paragraphs = [p.text for p in Document(tmp_path / "qa.docx").paragraphs]
    assert paragraphs[0] == "建設常任委員会　一問一答"
    assert "問（長谷川委員）　三路線の延長の合計をお聞きします。" in paragraphs


@pytest.mark.models
def test_a_held_out_committee_as_a_record(tmp_path):
    """kensetsu (six voices, never tuned on): transcribed with its attendees, exported as 会議録."""
    ref = json.loads((FIXTURES / "heldout" / "kensetsu.ref.json").read_text(encoding="utf-8"))
    attendees = ",".join(dict.fromkeys(u["speaker"] for u in ref["utterances"]))
    folder = tmp_path / "meeting"
    folder.mkdir()
    r = run_cli("transcribe", str(FIXTURES / "heldout" / "kensetsu.wav"), "--out", str(folder / "transcript.json"),
                "--attendees", attendees)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "kaigiroku.docx"
    r = run_cli("export", str(folder), "--format", "docx", "--template", "kaigiroku", "--out", str(out))
    assert r.returncode == 0, r.stderr
    paragraphs = [p.text for p in Document(out).paragraphs]
    speeches = [p for p in paragraphs if p.startswith("○")]
    t = Transcript.from_json(json.loads((folder / "transcript.json").read_text(encoding="utf-8")))
    # Every line sits in a speaker's paragraph: at least 70% of the utterances (measured: all).
    placed = [u for u in ref["utterances"]
              if any(s.start < u["end"] and s.end > u["start"] and s.speaker for s in t.segments)]
    assert len(placed) >= 0.7 * len(ref["utterances"]) and len(speeches) >= 5
    body = "".join(speeches)
    assert "12号" in body and not any(f in body for f in ("えー、", "あのー", "えっと"))
    # Its 質疑 and 答弁 as 一問一答: the members' questions, answered by the officials.
    qa = tmp_path / "qa.md"
    assert run_cli("export", str(folder), "--format", "qa", "--out", str(qa)).returncode == 0
    assert qa.read_text(encoding="utf-8").count("## 問") >= 1


def test_numbers_as_official_documents_write_them():
    from desktop.core.export.kaigiroku import official_numerals
    said = "議案第十二号は、九月十三日に一部の部署で一時休憩のあと、百二十万円で統一します。一人一人に三割です。"
    written = "議案第12号は、9月13日に一部の部署で一時休憩のあと、120万円で統一します。一人一人に3割です。"
    assert official_numerals(said) == written
