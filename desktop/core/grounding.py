"""Checks that tie what the language model wrote back to what was said.

Pure functions over text: numeral normalisation, date and owner normalisation, how well a
sentence is supported by transcript lines, and whether a line states a decision or a deferral.
The model proposes; these rules decide what reaches the minutes.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from typing import Iterable, Optional

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "億": 100_000_000}
_NUMERAL_RUN = re.compile(r"[〇零一二三四五六七八九十百千万億]+")

# A line that states a decision, and one that puts a matter off. A line with both
# ("次回改めて検討することとします") is a deferral: the matter stays open.
DECIDED = ("こととします", "ことといたします", "こととする", "ことにします", "ことに決定", "とします", "といたします",
           "決定します", "決定しました", "決定いたします", "承認", "了承", "決しました", "決まりました", "に決めます")
DEFERRED = ("保留", "継続審議", "継続して", "次回", "改めて", "持ち越", "見送", "未定", "待って", "検討します",
            "検討いたします", "検討を続け", "確認してから")


def kanji_to_int(run: str) -> Optional[int]:
    """'百二十万' -> 1200000, '十二' -> 12, '二〇二五' -> 2025; None if not a number."""
    if not run:
        return None
    if all(c in _DIGITS for c in run):  # digit by digit, as in 二〇二五
        return int("".join(str(_DIGITS[c]) for c in run))
    total, section, current = 0, 0, 0
    for c in run:
        if c in _DIGITS:
            current = _DIGITS[c]
        elif c in _SMALL_UNITS:
            section += (current or 1) * _SMALL_UNITS[c]
            current = 0
        elif c in _BIG_UNITS:
            total += (section + current or 1) * _BIG_UNITS[c]
            section, current = 0, 0
        else:
            return None
    return total + section + current


def normalize_text(text: str) -> str:
    """NFKC and kanji numerals as digits: the form dates and numbers are compared in.

    万 and 億 stay as written units (百二十万 -> 120万), so that a number said in kanji and the
    same number written by the model in digits (120万) compare equal.
    """
    text = unicodedata.normalize("NFKC", text)

    def repl(m: re.Match) -> str:
        if not _is_numeric_context(m):
            return m.group(0)
        parts = re.split(r"([万億])", m.group(0))
        out = []
        for part in parts:
            if part in _BIG_UNITS or not part:
                out.append(part)
                continue
            value = kanji_to_int(part)
            out.append(str(value) if value is not None else part)
        return "".join(out)

    return _NUMERAL_RUN.sub(repl, text)


def _is_numeric_context(m: re.Match) -> bool:
    run = m.group(0)
    after = m.string[m.end():m.end() + 1]
    if run in _BIG_UNITS:
        return False  # a lone 万 is a unit after digits (120万) or part of a word (万一)
    if len(run) > 1:
        return True
    return after in "月日時分年台枚名人件回割円%点週"


_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_SLASH_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})(?!\d)")


def find_dates(text: str) -> list[tuple[Optional[int], int, int]]:
    """(year or None, month, day) for each date written in the text, in order."""
    norm = normalize_text(text)
    found = []
    for m in _DATE.finditer(norm):
        month, day = int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((int(m.group(1)) if m.group(1) else None, month, day))
    for m in _SLASH_DATE.finditer(norm):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((None, month, day))
    return found


def infer_year(month: int, meeting_date: Optional[date]) -> Optional[int]:
    """A due date named without a year lies on or after the meeting: December's meeting, January's due."""
    if meeting_date is None:
        return None
    return meeting_date.year + (1 if month < meeting_date.month else 0)


def format_date(year: Optional[int], month: int, day: int) -> str:
    return f"{year}年{month}月{day}日" if year else f"{month}月{day}日"


def normalize_due(proposed: str, source_text: str, meeting_date: Optional[date] = None) -> str:
    """The due date the source lines state, written as 12月12日 (with the year when known); never invented.

    The model's proposal is kept only if the same month and day are in the source; otherwise the
    date the source sets with 「まで」 is used; otherwise nothing.
    """
    source_dates = find_dates(source_text)
    if not source_dates:
        return ""
    keys = {(m, d) for _, m, d in source_dates}
    for y, m, d in find_dates(proposed):
        if (m, d) in keys:
            return format_date(y or infer_year(m, meeting_date), m, d)
    norm = normalize_text(source_text)
    for m in _DATE.finditer(norm):
        if "まで" in norm[m.end():m.end() + 4]:
            month, day = int(m.group(2)), int(m.group(3))
            return format_date(int(m.group(1)) if m.group(1) else infer_year(month, meeting_date), month, day)
    return ""


def parse_iso_date(value: str) -> Optional[date]:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


_TITLES = ("課長補佐", "課長", "部長", "室長", "係長", "主任", "主査", "主事", "委員長", "委員", "局長", "次長",
           "参事", "理事", "所長", "会長", "副会長", "事務局長", "事務局", "担当", "さん", "様", "氏", "君")


def strip_title(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).strip()
    for t in sorted(_TITLES, key=len, reverse=True):
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


def bigrams(text: str) -> set[str]:
    t = re.sub(r"[\s、。，．,.!?！？「」『』（）()・:：]", "", normalize_text(text))
    return {t[i:i + 2] for i in range(len(t) - 1)} if len(t) > 1 else ({t} if t else set())


def support(claim: str, source_text: str) -> float:
    """Share of the claim's character bigrams that occur in the source (1.0 = all of it was said)."""
    claim_grams = bigrams(claim)
    if not claim_grams:
        return 0.0
    return len(claim_grams & bigrams(source_text)) / len(claim_grams)


def numbers_grounded(claim: str, source_text: str) -> bool:
    """Every number in the claim (dates, counts, amounts) is said in the source: nothing invented."""
    said = set(re.findall(r"\d+", normalize_text(source_text)))
    return all(n in said for n in re.findall(r"\d+", normalize_text(claim)))


def similar(a: str, b: str) -> float:
    """Symmetric bigram overlap, for de-duplication."""
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


def states_decision(line: str) -> bool:
    return any(c in line for c in DECIDED) and not states_deferral(line)


def states_deferral(line: str) -> bool:
    return any(c in line for c in DEFERRED)


# ---- what kind of statement a line is, from the wording alone ----------------------------------
# A request: any verb's て-form asking (まとめてください, 送ってください, 出してもらえますか), ご〜ください,
# お願い. Whether it is an action item is decided later: it needs an attendee it is addressed to.
_REQUEST = re.compile(r"[てで](?:ください|下さい|くださるよう|いただけますか|いただきたい|もらえますか|ほしい)"
                      r"|ご\w{1,6}(?:ください|下さい)|お願い(?:します|いたします|したい)|するように")


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


_OWNER_LEAD = re.compile(r"^(?:それでは|では|じゃあ|また|あと)?[、,]?\s*(.{1,12}?)(?:さん|君|様)?(?:は|には|の方で|に)([、,]?)")


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
    named = [a for a in attendees if strip_title(a) and strip_title(a) in norm]
    return named[0] if len(named) == 1 else ""
