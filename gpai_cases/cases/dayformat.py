"""Days in words, in English and independent of the process locale, for the rule texts of
:mod:`.deadlines` and the pages ("Mon 2 Mar 2026", "Monday 2 March 2026"). Pure functions."""

from __future__ import annotations

from datetime import date

__all__ = ["MONTH_NAMES", "count_words", "format_date", "format_day", "format_day_long"]

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NUMBER_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def format_day(d: date) -> str:
    """Short English form of a day: ``"Mon 2 Mar 2026"``."""
    return f"{_DAY_NAMES[d.weekday()][:3]} {d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"


def format_date(d: date) -> str:
    """A day without its weekday: ``"2 March 2026"``."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def format_day_long(d: date) -> str:
    """Long English form of a day: ``"Monday 2 March 2026"``."""
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def count_words(n: int, unit: str, *, capitalise: bool = False) -> str:
    """``2, "week"`` → ``"two weeks"``; numbers above ten in digits (``"14 days"``)."""
    number = _NUMBER_WORDS[n] if 0 < n < len(_NUMBER_WORDS) else str(n)
    if capitalise:
        number = number[:1].upper() + number[1:]
    return f"{number} {unit}{'' if n == 1 else 's'}"
