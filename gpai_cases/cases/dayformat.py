"""Days in words in the active language, for the pages, e-mails and letters: English as before
("Mon 2 Mar 2026", "2 March 2026", "Monday 2 March 2026"), every other language through Django's
localisation with the forms of ``gpai_cases/formats/<lang>/formats.py`` ("1er décembre 2026",
"mardi 1 décembre 2026", "Dienstag, 1. Dezember 2026"). English stays hand-written so that it does
not depend on a catalogue; :mod:`.ruleparse` reads its month names back. Pure apart from the
active language."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats, translation

from gpai_cases.core.escaping import escaped

__all__ = [
    "MONTH_NAMES",
    "ShortDays",
    "count_words",
    "format_date",
    "format_date_short",
    "format_day",
    "format_day_long",
    "format_moment",
    "language_format",
]

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

#: The forms used when a language's format module does not name its own.
_FALLBACK = {
    "LONG_DATE_FORMAT": "DATE_FORMAT",
    "DEADLINE_FORMAT": "DATE_FORMAT",
    "SHORT_DAY_FORMAT": "SHORT_DATE_FORMAT",
    "SHORT_WORDS_FORMAT": "SHORT_DATE_FORMAT",
}


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0].lower()


def language_format(name: str, language: str | None = None) -> str | None:
    """A named format (``LONG_DATE_FORMAT``, ``DEADLINE_FORMAT``, ``FIRST_OF_MONTH``...) of a
    language's own format module (settings.FORMAT_MODULE_PATH), or ``None``."""
    lang = language or _language()
    for module in formats.get_format_modules(lang):
        if hasattr(module, name):
            return getattr(module, name)
    return None


def _localised(d: date, name: str) -> str:
    lang = _language()
    pattern = language_format(name, lang) or _FALLBACK[name]
    text = formats.date_format(d, pattern)
    first = language_format("FIRST_OF_MONTH", lang)
    if first and d.day == 1 and name == "LONG_DATE_FORMAT" and text.startswith("1 "):
        text = first + text[1:]
    return text


def format_day(d: date) -> str:
    """Short form of a day: ``"Mon 2 Mar 2026"`` (``"lun 2 mars 2026"``, ``"Mo, 2. März 2026"``)."""
    if _language() == "en":
        return f"{_DAY_NAMES[d.weekday()][:3]} {d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"
    return _localised(d, "SHORT_DAY_FORMAT")


class ShortDays(dict):
    """:func:`format_day` of each day, escaped for a template to print as it is, written once
    per render: the rows of a list share their days."""

    def __call__(self, d: date) -> str:
        if d not in self:
            self[d] = escaped(format_day(d))
        return self[d]


def format_date(d: date) -> str:
    """A day without its weekday: ``"2 March 2026"`` (``"1er décembre 2026"``, ``"1. Dezember 2026"``)."""
    if _language() == "en":
        return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
    return _localised(d, "LONG_DATE_FORMAT")


def format_date_short(d: date) -> str:
    """A day in a list, month abbreviated: ``"2 Mar 2026"`` (``"2 mars 2026"``, ``"2. März 2026"``)."""
    if _language() == "en":
        return f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"
    return _localised(d, "SHORT_WORDS_FORMAT")


def format_moment(moment: datetime) -> str:
    """A day and its time (already in local time): ``"2 March 2026, 14:05"`` (``"2 mars 2026,
    14:05"``, ``"2. März 2026, 14:05"``)."""
    return f"{format_date(moment.date())}, {moment:%H:%M}"


def format_day_long(d: date) -> str:
    """A day with its weekday: ``"Monday 2 March 2026"`` (``"mardi 1 décembre 2026"``,
    ``"Dienstag, 1. Dezember 2026"``)."""
    if _language() == "en":
        return f"{_DAY_NAMES[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
    return _localised(d, "DEADLINE_FORMAT")


def count_words(n: int, unit: str, *, capitalise: bool = False) -> str:
    """``2, "week"`` → ``"two weeks"``; numbers above ten in digits (``"14 days"``)."""
    number = _NUMBER_WORDS[n] if 0 < n < len(_NUMBER_WORDS) else str(n)
    if capitalise:
        number = number[:1].upper() + number[1:]
    return f"{number} {unit}{'' if n == 1 else 's'}"
