"""Japanese text in the form numbers and dates are compared in: kanji numerals as digits, dates
said in a line (十二月十二日, 12/12), and due dates taken only from what was said."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Optional

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "億": 100_000_000}
_NUMERAL_RUN = re.compile(r"[〇零一二三四五六七八九十百千万億]+")


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
        return relative_due(source_text, meeting_date)
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


# A due said relative to the meeting, with まで or 中に: 来週の火曜日までに, 今週中に, 月末までに.
_WEEKDAYS = "月火水木金土日"
_RELATIVE_DAY = re.compile(r"(再来週|来週|今週)(?:の)?([月火水木金土日])曜(?:日)?(?=まで)")
_RELATIVE_SPAN = re.compile(r"(再来週|来週|今週|今月|来月|年度|\d{1,2}月|(?<![毎\d])月)(中|末)(?=に|まで)")
# A day of this or next month: 「来月の十日までに、まとめておきます」 (the tuning meeting shisetsu).
_MONTH_DAY = re.compile(r"(今月|来月|再来月)(?:の)?(\d{1,2})日(?=まで)")
_MONTHS_ON = {"今月": 0, "来月": 1, "再来月": 2}
# Said in other words (tests/fixtures/positive/dues.tsv, written for this purpose): a part of a month
# (十二月中旬までに, 来月上旬までに), a span named by its end (週明けまでに, 年内に, 本日中に), so many days
# from now (三日以内に). Kept as said: 上旬 is not a day.
_PART_OF_MONTH = re.compile(r"(\d{1,2}月|今月|来月|再来月)(?:の)?(上旬|中旬|下旬)(?=に|まで|中)")
_NAMED_SPAN = re.compile(r"(週明け|年明け|年内|月内|年度内|本日中|今日中)(?=に|まで)")
_WITHIN = re.compile(r"(\d{1,3}(?:日|週間|か月|カ月|ヶ月)以内)(?=に)")


# Tomorrow or the day after: 「あさってまでに確認しておきます」. Not inside a word (kana before it).
_NEAR_DAY = re.compile(r"(?<![ぁ-ゖァ-ヺ])(明日|あした|あす|明後日|あさって)(?=まで|中に|じゅうに)")
_NEAR_DAYS = {"明日": 1, "あした": 1, "あす": 1, "明後日": 2, "あさって": 2}


# By the next meeting: 「次回の委員会までに」, or what is to be reported at it (「次回の会議でご報告ください」).
# Said apart, with what will be shown then (「次回、一覧にしてお示しいたします」), it is a due too.
_NEXT_TIME = re.compile(r"次回(の(?:会議|委員会|会合|打合せ|打ち合わせ|定例会|協議会|研究会))?"
                        r"(?=まで|で(?:ご|お)?(?:報告|説明|提示|提出|示)"
                        # the comma after 次回 is often not heard (「次回一覧にしてお示しいたします」, giun)
                        r"|(?!の)[、,]?[^。]{0,12}?(?:ご|お)?(?:報告|説明|提示|提出|示し|配付|配布|配り))")


# The meeting of a month, by which or at which something is reported: 「三月の委員会で報告していただく」 (toshi).
_MEETING_OF_MONTH = re.compile(r"(\d{1,2}月|来月|再来月)の(会議|委員会|会合|打合せ|打ち合わせ|定例会|協議会)"
                               r"(?=まで|で(?:ご|お)?(?:報告|説明|提示|提出|示))")


_WEEK_DAY = re.compile(r"(再来週|来週|今週)(?:の)?([月火水木金土日])曜")


def day_of_week_said(source_text: str, meeting_date: Optional[date] = None) -> str:
    """A day named by its week (「次回は来週の火曜日、午後三時から」): 12月9日（火） when the meeting's date
    is known, else the words as said (来週の火曜日); "" when none is named."""
    m = _WEEK_DAY.search(normalize_text(source_text))
    if m is None:
        return ""
    if meeting_date is None:
        return f"{m.group(1)}の{m.group(2)}曜日"
    weeks = {"今週": 0, "来週": 1, "再来週": 2}[m.group(1)]
    day = meeting_date + timedelta(days=7 * weeks - meeting_date.weekday() + _WEEKDAYS.index(m.group(2)))
    return f"{format_date(day.year, day.month, day.day)}（{m.group(2)}）"


def relative_due(source_text: str, meeting_date: Optional[date] = None) -> str:
    """A due the source sets relative to the meeting: the date with its weekday when the meeting's date
    is known (来週の火曜日 -> 9月9日（火）), else the words as said (来週の火曜日, 今週中); never guessed."""
    norm = normalize_text(source_text)
    m = _RELATIVE_DAY.search(norm)
    if m:
        return day_of_week_said(m.group(0), meeting_date)
    m = _RELATIVE_SPAN.search(norm)
    if m:
        return m.group(1) + m.group(2)
    m = _PART_OF_MONTH.search(norm) or _NAMED_SPAN.search(norm) or _WITHIN.search(norm)
    if m:
        return "".join(m.groups())
    m = _MONTH_DAY.search(norm)
    if m:
        day = int(m.group(2))
        if meeting_date is None:
            return f"{m.group(1)}{day}日"
        year, month = divmod(meeting_date.year * 12 + meeting_date.month - 1 + _MONTHS_ON[m.group(1)], 12)
        try:
            due = date(year, month + 1, day)
        except ValueError:
            return f"{m.group(1)}{day}日"  # 来月の三十一日 of a shorter month: as said
        return format_date(due.year, due.month, due.day)
    m = _NEAR_DAY.search(norm)
    if m:
        if meeting_date is None:
            return m.group(1)
        due = meeting_date + timedelta(days=_NEAR_DAYS[m.group(1)])
        return f"{format_date(due.year, due.month, due.day)}（{_WEEKDAYS[due.weekday()]}）"
    m = _NEXT_TIME.search(norm)
    if m:
        return "次回" + (m.group(1) or "")
    m = _MEETING_OF_MONTH.search(norm)
    return f"{m.group(1)}の{m.group(2)}" if m else ""


# By the time the line before named: 「集合研修をやるかどうかは、次回決めましょう」「石井さん、それまでに講師の
# 費用を聞いておいてもらえますか」 (johosei). Only a date or the next meeting is taken from that line.
_BY_THEN = re.compile(r"(?:それ|その時|そのとき|その日)までに")
_THEN = re.compile(r"次回|次の(?:会議|委員会|会合|打合せ|打ち合わせ|定例会)")


def due_by_then(source_text: str, before_text: str, meeting_date: Optional[date] = None) -> str:
    """The due of a task to be done 「それまでに」: the date or the next meeting the line before names, or ""."""
    if not _BY_THEN.search(normalize_text(source_text)):
        return ""
    dates = find_dates(before_text)
    if dates:
        year, month, day = dates[-1]
        return format_date(year or infer_year(month, meeting_date), month, day)
    return "次回" if _THEN.search(normalize_text(before_text)) else ""


def parse_iso_date(value: str) -> Optional[date]:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
