"""What the clerk chooses for an export (template, era, marking, fonts): shared by every writer."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class ExportOptions:
    template: str = "gijiyoshi"       # or "gijiroku" (detailed: who said what per agenda item), or
    #                                   "kaigiroku" (the assembly's verbatim record, desktop.core.export.kaigiroku)
    seireki: bool = False             # dates as 2026年1月23日 instead of 令和8年1月23日
    marking: str = ""                 # header marking, e.g. 取扱注意
    appendix: bool = False            # docx: the full transcript after the minutes
    style_docx: Optional[str] = None  # the office's own .docx whose styles, margins and header are used
    fonts: str = "yu"                 # "yu" (游明朝/游ゴシック) or "ms" (MS 明朝/MS ゴシック, older Word)
    author: str = ""                  # 作成者: the clerk's name (settings); also the document's author
    text_level: str = "verbatim"      # the transcript's words: verbatim, kebatori or seibun (desktop.core.tidying)
    public: bool = False              # the public copy: lines marked 秘密会 or 取消し left out
