"""People in a meeting: job titles, a name without its title, the attendee a misheard or
model-written name means (by spelling, then by sound), and the person a request is addressed to."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

TITLES = ("課長補佐", "課長", "部長", "室長", "係長", "主任", "主査", "主事", "委員長", "委員", "局長", "次長",
           "参事", "理事", "所長", "会長", "副会長", "事務局長", "事務局", "担当", "さん", "様", "氏", "君")


def strip_title(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).strip()
    for t in sorted(TITLES, key=len, reverse=True):
        if name.endswith(t) and len(name) > len(t):
            return name[: -len(t)].strip()
    return name


def match_owner(owner: str, attendees: Iterable[str], source_text: str = "") -> str:
    """The attendee the model meant (松元主任 -> 松本主任), or the owner as said when nobody matches."""
    owner = unicodedata.normalize("NFKC", owner).strip()
    attendees = [a.strip() for a in attendees if a.strip()]
    if not owner:
        # The model missed the owner: an attendee named in the source lines is the best evidence.
        named = [a for a in attendees if strip_title(a) and strip_title(a) in source_text]
        return named[0] if len(named) == 1 else ""
    if not attendees:
        return owner
    from .reading import reading_of  # names are misheard by sound: 松元 for 松本, 移動しさ for 伊藤主査

    def closeness(a: str) -> float:
        core_a, core_o = strip_title(a), strip_title(owner)
        if core_a and core_a in owner:
            return 1.0
        spelt = difflib.SequenceMatcher(None, core_a, core_o).ratio()
        heard = max(difflib.SequenceMatcher(None, reading_of(core_a), reading_of(core_o)).ratio(),
                    difflib.SequenceMatcher(None, reading_of(a), reading_of(owner)).ratio())
        return max(spelt if spelt >= 0.67 else 0.0, heard)

    score, best = max((closeness(a), a) for a in attendees)
    return best if score >= 0.6 and len(owner) >= 2 else owner


# The words a chair opens a request with before naming who is to do it (「では、松本さん、…」).
_OPENING = r"^(?:それでは|では|じゃあ|また|あと|なお|それから)?[、,]?\s*"
_OWNER_LEAD = re.compile(_OPENING + r"(.{1,12}?)(?:さん|君|様)?(?:は|には|の方で|に)([、,]?)")


# A request made of a group, not a person (「各課で、…取りまとめていただけますか」「各委員は、…提出願います」):
# the group is the owner as said, as a 宿題事項 table lists it. Only 各 + a kind of unit, or 各自, opening
# the line: 「庁内の各課に協力をお願いしました」 reports, it asks nothing of 各課.
_GROUP_LEAD = re.compile(_OPENING + r"(各(?:自|課|部|係|室|班|局|所属|委員|担当|団体|地区|学校|校|園))"
                         r"(?:(?:の方で|のほうで|におかれましては|には|は|で|から)、?|、)")


def group_in_line(line: str) -> str:
    """The group a request opens by addressing (各課, 各委員, 各自), or ""."""
    m = _GROUP_LEAD.match(unicodedata.normalize("NFKC", line).strip())
    return m.group(1) if m else ""


_CALLED = re.compile(_OPENING + r"([^、,。]{1,8}?(?:"
                     + "|".join(sorted(TITLES, key=len, reverse=True)) + r"))[、,]")


def owner_in_line(line: str, attendees: Iterable[str]) -> str:
    """The person a request is addressed to, when the line opens with「〇〇は、」or names an attendee.

    With an attendee list only an attendee is returned (「本日は」 opens lines too); without one,
    only a name set off by a comma."""
    attendees = list(attendees)
    norm = unicodedata.normalize("NFKC", line).strip()
    m = _OWNER_LEAD.match(norm)
    if m:
        who = match_owner(m.group(1), attendees)
        if who in attendees or (not attendees and m.group(2)):
            return who
    call = _CALLED.match(norm)
    if call and attendees:
        # 「村神部長、…いただけますか」: a name and title set off by a comma calls on someone; Whisper
        # spells the name by sound (村神 for 村上), so the attendee is matched as heard.
        who = match_owner(call.group(1), attendees)
        if who in attendees:
            return who
    named = [a for a in attendees if strip_title(a) and strip_title(a) in norm]
    return named[0] if len(named) == 1 else ""
