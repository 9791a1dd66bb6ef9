"""Fill gijiroku_ja.ts from ja.json (English source text -> Japanese), adding the strings that
lupdate cannot see (built at run time), then `pyside6-lrelease` compiles the .qm.

    pyside6-lupdate desktop/ui/*.py -ts resources/i18n/gijiroku_ja.ts
    python resources/i18n/fill_ts.py
    pyside6-lrelease resources/i18n/gijiroku_ja.ts
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).parent
# Strings passed to tr() as variables, per class (context).
DYNAMIC = {"ExportDialog": ["Word (.docx)", "Markdown (.md)", "Text (.txt)", "JSON (.json)", "SRT (.srt)",
                            "WebVTT (.vtt)", "CSV (.csv)", "Q&A (一問一答, .docx)"],
           # desktop/ui/transcript_tools.py (the line's 秘密会 / 取消し mark)
           "TranscriptView": ["Public", "Closed session (秘密会)", "Struck out (取消し)"],
           "MainWindow": ["Audio/Video (*.wav *.mp3 *.m4a *.aac *.flac *.ogg *.mp4 *.mov *.webm)", "(untitled)",
                          # desktop/ui/menus.py translates these in the window's context
                          "&File", "New meeting", "Import audio/video file...", "Export...", "Quit", "&Recording",
                          "Record", "Pause / resume", "Stop", "Play / pause", "&Tools", "Dictionaries...",
                          "Settings...", "Meeting library and search...",
                          # desktop/ui/memory_offer.py
                          "Low memory", "Only %1 GB of memory is free: write these minutes with the light model "
                          "instead, so the computer does not slow to a halt?"]}
# Qt's own strings that the qtbase_ja.qm shipped with PySide6 lacks (its source texts changed since):
# our catalogue is searched first, so these fill the gaps of the file dialog.
QT_GAPS = {"QFileDialog": {"&Look in:": "場所(&L):", "Files of &type:": "ファイルの種類(&T):"}}


def main() -> int:
    ja = json.loads((HERE / "ja.json").read_text(encoding="utf-8"))
    path = HERE / "gijiroku_ja.ts"
    tree = ET.parse(path)
    root = tree.getroot()
    root.set("language", "ja_JP")
    missing = []
    for name, texts in QT_GAPS.items():
        ctx = next((c for c in root.findall("context") if c.findtext("name") == name), None)
        if ctx is None:
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = name
        DYNAMIC.setdefault(name, []).extend(texts)
        ja.update(texts)
    for ctx in root.findall("context"):
        name = ctx.findtext("name")
        have = {m.findtext("source") for m in ctx.findall("message")}
        for source in DYNAMIC.get(name, []):
            if source not in have:
                m = ET.SubElement(ctx, "message")
                ET.SubElement(m, "source").text = source
                ET.SubElement(m, "translation")
        for m in ctx.findall("message"):
            source = m.findtext("source")
            t = m.find("translation")
            if source in ja:
                t.text = ja[source]
                t.attrib.pop("type", None)
            else:
                missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    for s in missing:
        print("untranslated:", s)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
