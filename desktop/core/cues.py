"""What kind of statement a line is, from its wording alone: a decision, a deferral, a request,
the next meeting, a new agenda item. Only unambiguous wording decides here; everything else is
asked of the model (desktop.core.minutes) and checked again by these rules."""
from __future__ import annotations

import re
from typing import Optional

from .japanese import normalize_text

# A line that states a decision, and one that puts a matter off. A line with both
# ("次回改めて検討することとします") is a deferral: the matter stays open.
DECIDED = ("こととします", "ことといたします", "こととする", "ことにします", "ことに決定", "とします", "といたします",
           "決定します", "決定しました", "決定いたします", "承認", "了承", "決しました", "決まりました", "に決めます")
DEFERRED = ("保留", "継続審議", "継続して", "次回", "改めて", "持ち越", "見送", "未定", "待って", "検討します",
            "検討いたします", "検討を続け", "確認してから")


def states_decision(line: str) -> bool:
    return any(c in line for c in DECIDED) and not states_deferral(line)


def states_deferral(line: str) -> bool:
    return any(c in line for c in DEFERRED)


# ---- what kind of statement a line is, from the wording alone ----------------------------------
# A request: any verb's て-form asking (まとめてください, 送ってください, 出してもらえますか), ご〜ください,
# お願い. Whether it is an action item is decided later: it needs an attendee it is addressed to.
# The asking words after a て-form, as a whole line says them ...
ASKING = ("ください", "下さい", "くださるよう", "いただけますか", "いただきたい", "もらえますか", "ほしい")
# ... and as the first morpheme of each (pyopenjtalk splits いただけますか into いただけ + ます + か).
ASKING_STEMS = ("ください", "下さい", "くださる", "もらえ", "いただけ", "いただき", "ほしい")
PLEASE = ("します", "いたします", "したい")  # お願い〜
_REQUEST = re.compile(r"[てで](?:" + "|".join(ASKING) + r")|ご\w{1,6}(?:ください|下さい)"
                      r"|お願い(?:" + "|".join(PLEASE) + r")|するように")
# A request at the end of a task's text, replaced by する (「作成してください」->「作成する」).
REQUEST_TAIL = re.compile(r"(して(?:" + "|".join(ASKING) + r")|をお願い(?:" + "|".join(PLEASE[:2]) + r"))。?$")


def requests(line: str) -> bool:
    return bool(_REQUEST.search(line))


AGENDA = ("議題", "点目", "次の案件", "次に、", "続きまして", "続いて、")
NOT_DECIDED = ("提案", "でしょうか", "ますか", "考えております", "思います", "いかが", "予定です")
_TIME = re.compile(r"(\d{1,2})時|(\d{1,2})月(\d{1,2})日|[月火水木金土日]曜")

KINDS = ("decision", "action", "deferral", "next_meeting", "agenda", "proposal", "other")

def cue_kind(line: str) -> Optional[str]:
    """The kind the wording states unambiguously, or None when only a reader can tell."""
    norm = normalize_text(line)
    if "次回" in norm and _TIME.search(norm) and not requests(norm):
        return "next_meeting"
    if states_deferral(norm) and not requests(norm):
        return "deferral"
    if requests(norm):
        return "action"
    if any(c in norm for c in DECIDED) and not any(c in norm for c in NOT_DECIDED):
        return "decision"
    if any(c in norm for c in AGENDA):
        return "agenda"
    return None
