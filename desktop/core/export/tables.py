"""Action items, or the transcript with its speakers, as CSV that Excel opens with Japanese intact
(UTF-8 with BOM, CRLF)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import store
from ..types import Minutes, Transcript


def render_actions_csv(m: Minutes) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["担当", "内容", "期限", "根拠(行番号)"])
    for a in m.action_items:
        w.writerow([a.owner, a.task, a.due, " ".join(str(r) for r in a.refs)])
    return buf.getvalue()


def write_actions_csv(out: Path, m: Minutes) -> None:
    text = render_actions_csv(m)
    store.write_atomic(out, lambda f: f.write(text.encode("utf-8-sig")), binary=True)


def render_transcript_csv(t: Transcript) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["行番号", "開始(秒)", "終了(秒)", "話者", "発言", "要確認"])
    for s in t.segments:
        check = "要確認" if s.confidence == "low" else ""
        w.writerow([s.id, f"{s.start:.1f}", f"{s.end:.1f}", s.speaker, s.text, check])
    return buf.getvalue()


def write_transcript_csv(out: Path, t: Transcript) -> None:
    text = render_transcript_csv(t)
    store.write_atomic(out, lambda f: f.write(text.encode("utf-8-sig")), binary=True)
