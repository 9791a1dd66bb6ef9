"""Japanese era (和暦) dates, as Japanese offices write them: 令和8年1月23日(金)."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Optional

# (first day of the era, name); the first year of an era is written 元年.
ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"), (date(1926, 12, 25), "昭和"),
        (date(1912, 7, 30), "大正"), (date(1868, 10, 23), "明治"))
WEEKDAYS = "月火水木金土日"


def era_year(d: date) -> tuple[str, int]:
    for start, name in ERAS:
        if d >= start:
            return name, d.year - start.year + 1
    raise ValueError(f"date before 明治: {d}")


def format_wareki(d: date, weekday: bool = True) -> str:
    name, year = era_year(d)
    y = "元" if year == 1 else str(year)
    text = f"{name}{y}年{d.month}月{d.day}日"
    return text + f"({WEEKDAYS[d.weekday()]})" if weekday else text


def format_seireki(d: date, weekday: bool = True) -> str:
    text = f"{d.year}年{d.month}月{d.day}日"
    return text + f"({WEEKDAYS[d.weekday()]})" if weekday else text


# ---- reading a date or a time range as a clerk types it ---------------------------------------------
_WESTERN = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_ERA = re.compile(r"^(令和|平成|昭和|大正|明治)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日$")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2})|時(?:(\d{1,2})分|(半))?)$")
_SEPARATORS = re.compile(r"[-~～〜－]")


def parse_date(text: str) -> Optional[date]:
    """2025-12-01, 2025/12/01, 2025年12月1日 or 令和7年12月1日 (元年 too; full-width digits too).
    None for an empty text; ValueError for anything else."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not text:
        return None
    m = _WESTERN.match(text)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _ERA.match(text)
    if m:
        start = next(s for s, name in ERAS if name == m.group(1))
        year = start.year + (1 if m.group(2) == "元" else int(m.group(2))) - 1
        d = date(year, int(m.group(3)), int(m.group(4)))
        if d < start:
            raise ValueError(f"{text}: before the era began")
        return d
    raise ValueError(f"not a date: {text}")


def parse_time_range(text: str) -> tuple[str, str]:
    """10:00-11:30, 10時～11時半, 10時30分 (the start only) -> ("10:00", "11:30"); ("", "") for an
    empty text; ValueError for anything else (a time that does not exist included)."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not text:
        return "", ""
    parts = _SEPARATORS.split(text)
    if len(parts) > 2 or not parts[0]:
        raise ValueError(f"not a time range: {text}")
    start, end = _clock(parts[0]), _clock(parts[1]) if len(parts) == 2 and parts[1] else ""
    return start, end


def _clock(text: str) -> str:
    m = _CLOCK.match(text)
    if not m:
        raise ValueError(f"not a time: {text}")
    hour, minute = int(m.group(1)), int(m.group(2) or m.group(3) or (30 if m.group(4) else 0))
    if hour > 24 or minute > 59:
        raise ValueError(f"not a time: {text}")
    return f"{hour:02d}:{minute:02d}"
