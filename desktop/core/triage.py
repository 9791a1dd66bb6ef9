"""Which lines the model must read to find their kind, and which its answer could not change.

Every kind the model gives a line is checked before it is used (desktop.core.minutes and
wording.accept_model_kind): a next meeting needs a date said in the line, a task needs someone
named it is addressed to, a decision a sentence that ends deciding, a deferral a word for later,
a new topic a word that moves to one. A line with none of these ends as "other" whatever the model
says, and most of a meeting is such lines: explanations, figures, questions, answers, thanks.
Asking about them cost about two seconds a line on two cores, most of the minutes step.

These are the checks' own preconditions, written wide (a line that passes is only asked, never
classified here): words that can be read two ways let the line through. The tests check that
every fact of every fixture's script (tuning and held-out) keeps a line that is read, and that
most ordinary sentences written for the negative corpus are not.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from . import cues, japanese, names

# A date, a day or a time (次回, 期限, 開催): 十一月二十日, 来週の火曜日, 三時, 月末, 年度内 ...
_WHEN = re.compile(r"\d{1,2}月|\d{1,2}日(?!間)|\d{1,2}時(?!間)|[月火水木金土日]曜|来週|今週|再来週|来月|今月"
                   r"|月末|月中|年内|年度内|年度末|週明け|明日|明後日|後日|までに|中旬|上旬|下旬")
# Putting off, or coming back to it later.
_LATER = re.compile(r"検討|保留|見送|先送|持ち帰|持ち越|預か|継続|改めて|次回|今後|引き続き|追って|様子を見")
# A sentence that ends deciding or agreeing on a course (〜でいきましょう, 〜で進めます, 〜ことにします).
_DECIDING_END = re.compile(r"(?:ましょう|しよう|ようか|ことで|ことに\w*|決め\w*|決定\w*|決まり\w*|進め\w*|いきます"
                           r"|行きます|とします|にします|とする|にする|了承\w*|承認\w*|異議なし\w*|認め\w*|可決\w*"
                           r"|採択\w*|否決\w*)$")
# Leaving a matter to someone's judgement (「委員長にご一任いただくということで、よろしいでしょうか」):
# settled by assent, whatever the sentence ends with.
_ENTRUSTING = re.compile(r"一任")
# A move to a new matter (used for topics when no agenda is announced).
_MOVING_ON = re.compile(r"議題|案件|議案|陳情|請願|移り|移ります|次は|次に|最後に|続いて|続きまして")
# Someone a task could be given to, not among the attendees: an office, a name with an honorific.
_OFFICE = re.compile(r"\w(?:課|係|室|局|部|班|所|センター)(?:で|が|に|は|の方|のほう|から|として)")
_HONORIFIC = re.compile(r"(?<![皆客])\w(?:さん|様|君|氏)")


def needs_model(line: str, context: Sequence[str], attendees: Iterable[str]) -> bool:
    """Whether the model's reading of `line` (said after `context`, the line before it) could change
    the minutes. False only when no kind the model could give would survive its check."""
    norm = japanese.normalize_text(line)
    if (_WHEN.search(norm) or japanese.find_dates(norm) or _LATER.search(norm) or _MOVING_ON.search(norm)
            or _ENTRUSTING.search(norm)):
        return True
    if any(_DECIDING_END.search(x) for x in cues.sentences(norm)):
        return True
    return names_someone([*context, line], attendees, titles=False)


def names_someone(lines: Sequence[str], attendees: Iterable[str], titles: bool = True) -> bool:
    """Whether the lines name anyone a task could be given to: an attendee (by name, or as a request
    opens: 「〇〇さんは、」), a person by an honorific, an office (総務課の方で), or, with `titles`, a
    job title alone (課長, 事務局). An owner the model gives is kept only when said in the lines."""
    attendees = list(attendees)
    said = japanese.normalize_text("".join(lines))
    if _OFFICE.search(said) or _HONORIFIC.search(said) or any(names.owner_in_line(x, attendees) for x in lines):
        return True
    if any(names.strip_title(a) in said for a in attendees):
        return True
    # Without attendees a title is the only sign of a person; with them, titles alone are mostly
    # the floor being given (「委員長」「執行部」), so classification does not count them.
    return (titles or not attendees) and any(t in said for t in names.TITLES)
