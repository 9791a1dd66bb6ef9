"""Word minutes with python-docx: the only module that imports docx.

A4 portrait, Japanese fonts set through the eastAsia attribute (Word ignores the Latin font for
kana and kanji), built-in Heading styles so Word's navigation pane shows the sections, the
action items as a 担当/内容/期限 table, and a footer page number that is a real PAGE field.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .. import store
from ..types import Meeting, Minutes, Transcript
from .layout import date_line

MINCHO = "游明朝"
GOTHIC = "游ゴシック"


def write_docx(out: Path, m: Minutes, transcript: Optional[Transcript] = None,
               meeting: Optional[Meeting] = None, marking: str = "") -> None:
    doc = build_document(m, transcript, marking)
    buf = io.BytesIO()
    doc.save(buf)
    store.write_atomic(out, lambda f: f.write(buf.getvalue()), binary=True)


def build_document(m: Minutes, transcript: Optional[Transcript] = None, marking: str = ""):
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    if marking:
        hp = doc.sections[0].header.paragraphs[0]
        hp.text = marking
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _footer_page_number(doc)

    title = doc.add_paragraph(m.title or "議事録", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    info = [("日時", date_line(m)), ("場所", m.place), ("出席者", "、".join(m.attendees))]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in info:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = k, v or ""
    _set_widths(table, (Mm(25), Mm(140)))

    doc.add_heading("議題", level=1)
    for i, a in enumerate(m.agenda, 1):
        doc.add_paragraph(f"{i}. {a.title}")
    if not m.agenda:
        doc.add_paragraph("なし")

    doc.add_heading("議事概要", level=1)
    for i, a in enumerate(m.agenda, 1):
        doc.add_heading(f"{i}. {a.title}", level=2)
        doc.add_paragraph(a.summary or "")

    doc.add_heading("決定事項", level=1)
    _bullets(doc, [d.text for d in m.decisions])

    doc.add_heading("宿題事項", level=1)
    if m.action_items:
        t = doc.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(t.rows[0].cells, ("担当", "内容", "期限")):
            cell.text = text
            for r in cell.paragraphs[0].runs:
                r.bold = True
        for a in m.action_items:
            cells = t.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = a.owner, a.task, a.due or "未定"
        _set_widths(t, (Mm(35), Mm(100), Mm(30)))
    else:
        doc.add_paragraph("なし")

    doc.add_heading("継続審議事項", level=1)
    _bullets(doc, [o.text for o in m.open_issues])

    doc.add_heading("次回予定", level=1)
    doc.add_paragraph(m.next_meeting or "未定")

    if transcript is not None:
        doc.add_page_break()
        doc.add_heading("（別紙）発言記録", level=1)
        for s in transcript.segments:
            mm, ss = divmod(int(s.start), 60)
            doc.add_paragraph(f"[{mm:02d}:{ss:02d}] {s.speaker + '：' if s.speaker else ''}{s.text}")
    return doc


def _page_setup(doc) -> None:
    for s in doc.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin = s.bottom_margin = Mm(25)
        s.left_margin = s.right_margin = Mm(22)


def set_east_asian_font(style_or_run, latin: str, east_asian: str) -> None:
    style_or_run.font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_east_asian_font(normal, MINCHO, MINCHO)
    normal.font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        st = doc.styles[name]
        set_east_asian_font(st, GOTHIC, GOTHIC)
        st.font.color.rgb = None
    doc.styles["Title"].font.size = Pt(16)
    doc.styles["Heading 1"].font.size = Pt(12)
    doc.styles["Heading 2"].font.size = Pt(11)


def _bullets(doc, items: list[str]) -> None:
    if not items:
        doc.add_paragraph("なし")
    for text in items:
        doc.add_paragraph(f"・{text}")


def _footer_page_number(doc) -> None:
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    run = p.add_run()
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "separate")):
        el = OxmlElement(tag)
        if attr:
            el.set(qn("w:fldCharType"), attr)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        run._r.append(el)
    num = p.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    num._r.append(end)
    p.add_run(" -")


def _set_widths(table, widths) -> None:
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
