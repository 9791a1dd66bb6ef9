"""Word minutes with python-docx: the only module that imports docx.

A4 portrait; Japanese fonts set through the eastAsia attribute (Word uses it, not the Latin
font, for kana and kanji); built-in Heading styles so Word's navigation pane shows the sections;
the action items as a 担当/内容/期限 table; a footer page number that is a real PAGE field
(「- 1 -」). A clerk's own .docx can supply the styles, margins and header instead.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Optional

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .. import store
from ..errors import InputUnreadable
from ..types import Minutes, Transcript
from .options import ExportOptions
from .layout import document_title, in_era, load_template, particulars, sections

FONTS = {"yu": ("游明朝", "游ゴシック"), "ms": ("ＭＳ 明朝", "ＭＳ ゴシック")}


def write_docx(out: Path, m: Minutes, transcript: Optional[Transcript] = None,
               options: ExportOptions = ExportOptions()) -> None:
    doc = build_document(m, transcript, options)
    buf = io.BytesIO()
    doc.save(buf)
    store.write_atomic(out, lambda f: f.write(buf.getvalue()), binary=True)


def write_record(out: Path, record, options: ExportOptions = ExportOptions()) -> None:
    """The 会議録 (desktop.core.export.kaigiroku.Record) as Word: particulars as a numbered list,
    each turn a paragraph with its speaker header in bold, interjections and times indented."""
    from .kaigiroku import speaker_header

    doc, office_styles = _open_base(options.style_docx)
    if not office_styles:
        _page_setup(doc)
        _styles(doc, *FONTS.get(options.fonts, FONTS["yu"]))
    if options.marking:
        doc.sections[0].header.paragraphs[0].text = options.marking
        doc.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _footer_page_number(doc)
    doc.add_paragraph(record.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _properties(doc, record.title, options.author)
    for i, (label, value) in enumerate(record.particulars, 1):
        doc.add_paragraph(f"{i}　{label}　{value}")
    doc.add_heading("会議の経過", level=1)
    for p in record.body:
        if p.kind == "heading":
            doc.add_heading(p.text, level=2).paragraph_format.keep_with_next = True
        elif p.kind == "speech":
            para = doc.add_paragraph()
            para.add_run(speaker_header(p.speaker)).bold = True
            para.add_run("　" + p.text)
        else:
            doc.add_paragraph(p.text).paragraph_format.left_indent = Mm(20)
    buf = io.BytesIO()
    doc.save(buf)
    store.write_atomic(out, lambda f: f.write(buf.getvalue()), binary=True)


def write_qa(out: Path, title: str, pairs, options: ExportOptions = ExportOptions()) -> None:
    """一問一答 (desktop.core.export.qa.Exchange list) as Word: 問n headings, 問 and 答 paragraphs."""
    doc, office_styles = _open_base(options.style_docx)
    if not office_styles:
        _page_setup(doc)
        _styles(doc, *FONTS.get(options.fonts, FONTS["yu"]))
    _footer_page_number(doc)
    heading = f"{title or '会議'}　一問一答"
    doc.add_paragraph(heading, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _properties(doc, heading, options.author)
    for n, e in enumerate(pairs, 1):
        doc.add_heading(f"問{n}", level=1).paragraph_format.keep_with_next = True
        for label, who, text in (("問", e.asker, e.question), ("答", e.answerer, e.answer)):
            para = doc.add_paragraph()
            para.add_run(f"{label}（{who}）").bold = True
            para.add_run("　" + text)
    if not pairs:
        doc.add_paragraph("質疑と答弁は見つかりませんでした。")
    buf = io.BytesIO()
    doc.save(buf)
    store.write_atomic(out, lambda f: f.write(buf.getvalue()), binary=True)


def _open_base(style_docx: Optional[str]):
    """A blank document, or the office's template emptied of its body (styles, sections, header kept)."""
    if not style_docx:
        return Document(), False
    try:
        doc = Document(style_docx)
    except (PackageNotFoundError, OSError, ValueError, KeyError) as exc:
        raise InputUnreadable(str(exc), path=str(style_docx)) from exc
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc, True


def build_document(m: Minutes, transcript: Optional[Transcript] = None, options: ExportOptions = ExportOptions()):
    template = load_template(options.template)
    doc, office_styles = _open_base(options.style_docx)
    if not office_styles:
        _page_setup(doc)
        _styles(doc, *FONTS.get(options.fonts, FONTS["yu"]))
    if options.marking:
        hp = doc.sections[0].header.paragraphs[0]
        hp.text = options.marking
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _footer_page_number(doc)

    title = doc.add_paragraph(document_title(m, template), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _properties(doc, document_title(m, template), options.author)

    labels = template.labels
    info = particulars(m, template, options.seireki, options.author)
    table = doc.add_table(rows=0, cols=2)
    _grid(table)
    for k, v in info:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = k, v or ""
    _set_widths(table, (Mm(25), Mm(141)))

    for s in sections(m, template, transcript, options.seireki):
        # A heading never ends a page: it stays with what it heads (次回予定 alone on page 2).
        doc.add_heading(s.heading, level=1).paragraph_format.keep_with_next = True
        if s.key == "action_items" and m.action_items:
            t = doc.add_table(rows=1, cols=3)
            _grid(t)
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(t.rows[0].cells, (labels["owner"], labels["task"], labels["due"])):
                cell.text = text
                for r in cell.paragraphs[0].runs:
                    r.bold = True
            for a in m.action_items:
                cells = t.add_row().cells
                cells[0].text, cells[1].text = a.owner, a.task
                cells[2].text = in_era(a.due, options.seireki) or labels["undecided"]
            # 期限 wide enough for 「令和10年12月28日」 on one line (10.5 pt, 9-10 characters).
            _set_widths(t, (Mm(30), Mm(96), Mm(40)))
            continue
        for heading, summary, said in s.items:
            doc.add_heading(heading, level=2).paragraph_format.keep_with_next = True
            if summary:
                doc.add_paragraph(summary)
            if said:
                doc.add_paragraph(labels["remarks"]).runs[0].bold = True
                for line in said:
                    doc.add_paragraph(line)
        for line in s.lines:
            bullet = s.key in ("decisions", "open_issues") and line != labels["none"]
            doc.add_paragraph(f"・{line}" if bullet else line)

    if options.appendix and transcript is not None:
        doc.add_page_break()
        doc.add_heading(labels["appendix"], level=1)
        for seg in transcript.segments:
            mm, ss = divmod(int(seg.start), 60)
            hh, mm = divmod(mm, 60)
            who = f"{seg.speaker}：" if seg.speaker else ""
            doc.add_paragraph(f"[{hh:d}:{mm:02d}:{ss:02d}] {who}{seg.text}")
    return doc


def _properties(doc, title: str, author: str) -> None:
    """File > Properties: the minutes' title and the clerk, dated now (python-docx's blank document
    says author "python-docx", created 2013)."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    props = doc.core_properties
    props.title = title
    props.author = props.last_modified_by = author
    props.created = props.modified = now
    props.language = "ja-JP"
    props.comments = props.subject = props.keywords = ""
    props.revision = 1


def _page_setup(doc) -> None:
    for s in doc.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin = s.bottom_margin = Mm(25)
        s.left_margin = s.right_margin = Mm(22)


def set_east_asian_font(style, latin: str, east_asian: str) -> None:
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    # A theme font attribute would override the explicit one in Word: drop them.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(doc, mincho: str, gothic: str) -> None:
    normal = doc.styles["Normal"]
    set_east_asian_font(normal, mincho, mincho)
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 16), ("Heading 1", 12), ("Heading 2", 11)):
        st = doc.styles[name]
        set_east_asian_font(st, gothic, gothic)
        st.font.size = Pt(size)
        st.font.color.rgb = None
        st.font.bold = True
    _drop_border(doc.styles["Title"])
    _set_language(normal)


def _drop_border(style) -> None:
    """python-docx's Title style has a blue rule under it; Japanese minutes have a plain title."""
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _set_language(style) -> None:
    """Mark text as Japanese so Word's proofing and line breaking (禁則) treat it as such."""
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "ja-JP")


def _grid(table) -> None:
    try:
        table.style = "Table Grid"
    except KeyError:
        pass  # an office template without that style: plain table


def _footer_page_number(doc) -> None:
    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    run = p.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.extend([begin, instr, separate])
    shown = p.add_run("1")  # the cached value; Word and LibreOffice recompute it per page
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    shown._r.append(end)
    p.add_run(" -")


def _set_widths(table, widths) -> None:
    # Word reads the cell widths, LibreOffice the grid: set both, and stop autofit from undoing them.
    table.autofit = False
    for column, w in zip(table.columns, widths):
        column.width = w
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
