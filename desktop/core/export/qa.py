"""一問一答: the questions asked in a meeting and the answers given, paired, as offices draft FAQs
and parliamentary answers from them. A question is a turn that asks (its last sentence ends
asking: か / でしょうか / お聞きします / 伺います / お尋ねします ...) by someone who is not the chair; its
answer is the next turn by another speaker who is not the chair either (the chair's 「岡田土木課長」
in between hands over the floor and is skipped). Fillers are removed as in the 会議録.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..tidying import tidy
from ..types import Transcript
from .kaigiroku import CHAIRS

_ASKS = re.compile(r"(?:か|でしょうか|ですか|ますか|お聞きします|お伺いします|伺います|お尋ねします|お聞かせください|"
                   r"教えてください|ご説明ください|お示しください|伺いたい(?:と思います)?)[。?？]*$")
# The chair's procedure is neither a question nor an answer (「質疑はありませんか」).
_PROCEDURE = re.compile(r"(?:質疑|ご意見|ご異議|ほかに|他に|発言)は?(?:ありませんか|ございませんか)")


@dataclass
class Exchange:
    asker: str
    question: str
    answerer: str
    answer: str
    lines: list[int] = field(default_factory=list)


def _is_chair(speaker: str) -> bool:
    return any(speaker.endswith(c) for c in CHAIRS)


def _turns(transcript: Transcript) -> list[tuple[str, str, list[int]]]:
    turns: list[tuple[str, str, list[int]]] = []
    for s in transcript.segments:
        if turns and turns[-1][0] == s.speaker:
            who, text, ids = turns[-1]
            turns[-1] = (who, text + s.text, ids + [s.id])
        else:
            turns.append((s.speaker, s.text, [s.id]))
    return turns


def exchanges(transcript: Transcript, text_level: str = "kebatori") -> list[Exchange]:
    tidied, _ = tidy(transcript, text_level if text_level != "verbatim" else "kebatori")
    turns = _turns(tidied)
    out: list[Exchange] = []
    for i, (who, text, ids) in enumerate(turns):
        if not who or _is_chair(who) or _PROCEDURE.search(text):
            continue
        last = [x for x in re.split(r"(?<=[。？?])", text) if x.strip()]
        if not last or not _ASKS.search(last[-1].strip()):
            continue
        reply = next((t for t in turns[i + 1:i + 4] if t[0] and t[0] != who and not _is_chair(t[0])), None)
        if reply is None or _ASKS.search(reply[1].strip()):
            continue
        out.append(Exchange(who, text, reply[0], reply[1], ids + reply[2]))
    return out


def render_markdown(title: str, pairs: list[Exchange]) -> str:
    lines = [f"# {title or '会議'}　一問一答", ""]
    for n, e in enumerate(pairs, 1):
        lines += [f"## 問{n}", "", f"**問**（{e.asker}）　{e.question}", "", f"**答**（{e.answerer}）　{e.answer}",
                  "", f"（発言 {', '.join(f'#{i}' for i in e.lines)}）", ""]
    if not pairs:
        lines.append("質疑と答弁は見つかりませんでした。")
    return "\n".join(lines) + "\n"
