"""Japanese era (和暦) dates, as Japanese offices write them: 令和8年1月23日(金)."""
from __future__ import annotations

from datetime import date

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
