"""Every export format written and read back."""
import csv
import io
import json
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import ROOT, run_cli
from desktop.core.export import ExportOptions, export
from desktop.core.export.text import render_subtitles
from desktop.core.types import ActionItem, AgendaItem, Item, Minutes, Segment, Transcript
from desktop.core.wareki import format_wareki


def sample_minutes() -> Minutes:
    return Minutes(title="第2回 庁内ペーパーレス化推進会議", date="2026-01-23", place="第1会議室",
                   attendees=["木村室長", "松本主任"], start_time="14:00", end_time="15:00",
                   agenda=[AgendaItem("会議資料の電子化", "電子化の方針を確認した。", [1, 2])],
                   decisions=[Item("来年4月から会議資料を原則電子化する。", [2])],
                   action_items=[ActionItem("松本主任", "周知文を作成する", "12月12日", [3])],
                   open_issues=[Item("決裁の電子化は次回改めて検討する。", [4])],
                   next_meeting="1月30日(金) 午前10時から")


def sample_transcript() -> Transcript:
    return Transcript([Segment(1, 1.0, 3.5, "ただいまから会議を開催します。", "木村室長"),
                       Segment(2, 4.0, 7.25, "資料を電子化します。", "")], duration=10.0)


@pytest.mark.parametrize(
    "d,text",
    [
        (date(2019, 4, 30), "平成31年4月30日(火)"),
        (date(2019, 5, 1), "令和元年5月1日(水)"),
        (date(2026, 1, 23), "令和8年1月23日(金)"),
        (date(1989, 1, 7), "昭和64年1月7日(土)"),
    ],
)
def test_wareki_at_era_boundaries(d, text):
    assert format_wareki(d) == text


def test_docx_reads_back(tmp_path):
    out = export("docx", tmp_path / "m.docx", sample_minutes(), sample_transcript(), ExportOptions(appendix=True))
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert paragraphs[0] == "第2回 庁内ペーパーレス化推進会議　議事要旨"
    assert headings[:6] == ["議題", "議事概要", "1. 会議資料の電子化", "決定事項", "宿題事項", "継続審議事項"]
    info = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert info["日時"] == "令和8年1月23日(金) 14:00～15:00" and info["出席者"] == "木村室長、松本主任"
    actions = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert actions == [["担当", "内容", "期限"], ["松本主任", "周知文を作成する", "12月12日"]]
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "游明朝"
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and 'w:fldCharType="begin"' in footer_xml
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert any("ただいまから会議を開催します。" in p for p in paragraphs)  # the appendix


def test_detailed_template_lists_who_said_what(tmp_path):
    opts = ExportOptions(template="gijiroku", seireki=True, marking="取扱注意")
    doc = Document(str(export("docx", tmp_path / "m.docx", sample_minutes(), sample_transcript(), opts)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "議事内容" in paragraphs and "主な発言" in paragraphs
    assert "○木村室長　ただいまから会議を開催します。" in paragraphs
    assert doc.sections[0].header.paragraphs[0].text == "取扱注意"
    assert doc.tables[0].rows[0].cells[1].text == "2026年1月23日(金) 14:00～15:00"


def test_office_style_template_is_used(tmp_path):
    from docx.shared import Mm
    office = Document()
    office.sections[0].left_margin = Mm(30)
    office.styles["Normal"].font.name = "Office Font"
    office.add_paragraph("テンプレートの本文（消えるべき）")
    office.save(str(tmp_path / "office.docx"))
    opts = ExportOptions(style_docx=str(tmp_path / "office.docx"))
    doc = Document(str(export("docx", tmp_path / "m.docx", sample_minutes(), None, opts)))
    assert round(doc.sections[0].left_margin.mm) == 30
    assert doc.styles["Normal"].font.name == "Office Font"
    assert "テンプレートの本文（消えるべき）" not in [p.text for p in doc.paragraphs]
    assert doc.paragraphs[0].text == "第2回 庁内ペーパーレス化推進会議　議事要旨"


def test_ms_fonts_option(tmp_path):
    doc = Document(str(export("docx", tmp_path / "m.docx", sample_minutes(), None, ExportOptions(fonts="ms"))))
    assert doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "ＭＳ ゴシック"


def test_edited_minutes_round_trip_through_word(tmp_path):
    m = sample_minutes()
    m.decisions[0].text = "令和8年4月から会議資料を原則電子化する。"
    m.action_items[0].due = "2026年2月6日"
    doc = Document(str(export("docx", tmp_path / "m.docx", m, None)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "・令和8年4月から会議資料を原則電子化する。" in paragraphs
    # The clerk's date, in the era the page uses.
    assert [c.text for c in doc.tables[1].rows[1].cells] == ["松本主任", "周知文を作成する", "令和8年2月6日"]
    assert "電子化の方針を確認した。" in paragraphs and "1月30日(金) 午前10時から" in paragraphs


def test_markdown_and_text(tmp_path):
    md = export("md", tmp_path / "m.md", sample_minutes(), None).read_text(encoding="utf-8")
    assert "# 第2回 庁内ペーパーレス化推進会議" in md and "| 松本主任 | 周知文を作成する | 12月12日 |" in md
    txt = export("txt", tmp_path / "m.txt", sample_minutes(), None).read_text(encoding="utf-8")
    assert "■決定事項" in txt and "・来年4月から会議資料を原則電子化する。" in txt


def test_json_round_trip(tmp_path):
    m = sample_minutes()
    m.action_items[0].task = "周知文を修正して再配布する"  # an edit by the clerk
    out = export("json", tmp_path / "m.json", m, None)
    assert Minutes.from_json(json.loads(out.read_text(encoding="utf-8"))) == m


def test_subtitles_parse():
    srt = render_subtitles(sample_transcript(), "srt")
    blocks = [b.splitlines() for b in srt.strip().split("\n\n")]
    assert blocks[0] == ["1", "00:00:01,000 --> 00:00:03,500", "木村室長：ただいまから会議を開催します。"]
    vtt = render_subtitles(sample_transcript(), "vtt")
    assert vtt.startswith("WEBVTT\n") and "00:00:04.000 --> 00:00:07.250\n資料を電子化します。" in vtt
    assert "<v 木村室長>" in vtt


def test_csv_opens_in_excel_encoding(tmp_path):
    raw = export("csv", tmp_path / "a.csv", sample_minutes(), None).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["担当", "内容", "期限", "根拠(行番号)"], ["松本主任", "周知文を作成する", "12月12日", "3"]]


def test_cli_export_every_format(tmp_path):
    src = tmp_path / "meeting"
    src.mkdir()
    (src / "minutes.json").write_text(json.dumps(sample_minutes().to_json(), ensure_ascii=False), encoding="utf-8")
    (src / "transcript.json").write_text(
        json.dumps(sample_transcript().to_json(), ensure_ascii=False), encoding="utf-8"
    )
    for fmt in ("docx", "md", "txt", "json", "srt", "vtt", "csv"):
        r = run_cli("export", str(src), "--format", fmt, "--out", str(tmp_path / f"out.{fmt}"))
        assert r.returncode == 0, r.stderr
        assert (tmp_path / f"out.{fmt}").stat().st_size > 0


def test_an_offices_own_headings_and_sections(tmp_path):
    """A template file of the office's own: headings renamed, a section left out, labels kept."""
    builtin = json.loads((ROOT / "resources/templates/gijiyoshi.json").read_text(encoding="utf-8"))
    own = {**builtin, "sections": [s if s["key"] != "summary" else {**s, "heading": "審議経過"}
                                   for s in builtin["sections"] if s["key"] != "open_issues"]}
    del own["labels"]  # an office's copy need only say what it changes
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    out = export("docx", tmp_path / "m.docx", sample_minutes(), None, ExportOptions(template=str(path)))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "審議経過" in text and "議事概要" not in text
    assert "継続審議" not in text and "次回改めて検討" not in text
    assert "決定事項" in text and "来年4月から会議資料を原則電子化する。" in text
    md = export("md", tmp_path / "m.md", sample_minutes(), None, ExportOptions(template=str(path)))
    assert "審議経過" in md.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    [
        "{",
        '{"name": "x", "sections": [{"key": "gossip", "heading": "噂"}]}',
        '{"name": "x", "sections": []}',
        '{"name": "x", "sections": [{"key": "agenda", "heading": " "}]}',
    ],
)
def test_a_broken_template_is_named_and_nothing_is_written(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    r = run_cli("export", str(ROOT / "resources/samples/paperless.minutes.json"), "--format", "docx",
                "--out", str(tmp_path / "m.docx"), "--template", str(path))
    assert r.returncode == 1
    assert r.stderr.strip() == f"議事録のひな形が見つからないか、形式が正しくありません: {path}"
    assert not (tmp_path / "m.docx").exists()


@pytest.mark.parametrize("line,kept", [("承知いたしました。", ""), ("はい、承知しました。", ""), ("はい。", ""),
                                       ("えー、資料を電子化します。", "資料を電子化します。"),
                                       ("承知しました。来週までに送ります。", "来週までに送ります。"),
                                       ("はい、配備率は8割です。", "はい、配備率は8割です。")])
def test_detailed_remarks_leave_out_acknowledgements_and_hesitations(line, kept):
    from desktop.core.export.layout import remark_text
    assert remark_text(line) == kept


def test_word_page_as_offices_file_it(tmp_path):
    """The kind of document in the title, every date in the chosen era, the particulars the clerk
    entered, headings kept with what they head, and the file's properties naming the clerk."""
    m = sample_minutes()
    m.action_items = [ActionItem("松本主任", "周知文を作成する", "2025年12月12日", [3]),
                      ActionItem("井上課長補佐", "見積りを取る", "2026年1月16日", [3])]
    m.next_meeting = "2026年1月30日(金) 午前10時から"
    m.absentees, m.materials, m.recorder = ["佐藤委員"], ["資料1 進捗報告", "資料2 予算案"], "総務課 山田"
    out = export("docx", tmp_path / "m.docx", m, None, ExportOptions(template="gijiroku", author="総務課 松本"))
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "第2回 庁内ペーパーレス化推進会議　議事録"
    info = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert info["欠席者"] == "佐藤委員" and info["配布資料"] == "資料1 進捗報告、資料2 予算案"
    assert info["作成者"] == "総務課 松本" and info["記録者"] == "総務課 山田"
    dues = [row.cells[2].text for row in doc.tables[1].rows[1:]]
    assert dues == ["令和7年12月12日", "令和8年1月16日"]
    assert "令和8年1月30日(金) 午前10時から" in paragraphs and not any("2026年" in p for p in paragraphs)
    assert all(p.paragraph_format.keep_with_next for p in doc.paragraphs if p.style.name.startswith("Heading"))
    props = doc.core_properties
    assert props.author == "総務課 松本" and props.title == paragraphs[0]
    assert props.created.year >= 2026 and props.last_modified_by == "総務課 松本"
    # 西暦 chosen: the same dates as written.
    seireki = Document(str(export("docx", tmp_path / "s.docx", m, None, ExportOptions(seireki=True))))
    assert [row.cells[2].text for row in seireki.tables[1].rows[1:]] == ["2025年12月12日", "2026年1月16日"]


def test_dates_in_text_exports_follow_the_era(tmp_path):
    m = sample_minutes()
    m.action_items[0].due = "2025年12月12日"
    text = export("txt", tmp_path / "m.txt", m, None, ExportOptions()).read_text(encoding="utf-8")
    assert "令和7年12月12日" in text and "2025年" not in text
    md = export("md", tmp_path / "m.md", m, None, ExportOptions(seireki=True)).read_text(encoding="utf-8")
    assert "2025年12月12日" in md and md.startswith("# 第2回 庁内ペーパーレス化推進会議　議事要旨")


def test_the_bundled_sample_is_grounded_in_its_own_transcript():
    """resources/samples/ is what a newcomer sees first (screenshots, `make run` without a display):
    its minutes must come from its transcript, as `make sample` writes them, never a stale or
    hand-edited copy with a date nobody said."""
    import re

    from desktop.core import japanese

    folder = ROOT / "resources" / "samples"
    transcript = Transcript.from_json(json.loads((folder / "paperless.transcript.json").read_text(encoding="utf-8")))
    minutes = Minutes.from_json(json.loads((folder / "paperless.minutes.json").read_text(encoding="utf-8")))
    said = japanese.normalize_text(transcript.text)
    ids = {s.id for s in transcript.segments}
    items = minutes.agenda + minutes.decisions + minutes.action_items + minutes.open_issues
    assert items and all(set(i.refs) <= ids for i in items)
    texts = [a.summary for a in minutes.agenda] + [d.text for d in minutes.decisions + minutes.open_issues]
    texts += [a.task + a.due for a in minutes.action_items] + [minutes.next_meeting]
    for text in texts:
        for month, day in re.findall(r"(\d{1,2})月(\d{1,2})日", japanese.normalize_text(text)):
            assert f"{month}月{day}日" in said, (text, f"{month}月{day}日")
