"""Action items as CSV that Excel opens with Japanese intact (UTF-8 with BOM, CRLF)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import store
from ..types import Minutes


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
