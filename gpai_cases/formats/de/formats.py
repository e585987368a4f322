"""German as the AI Office writes it: Django's German formats, with the long forms of the
letters and pages (``1. Dezember 2026``, ``Dienstag, 1. Dezember 2026``)."""

from django.conf.locale.de.formats import *  # noqa: F403

#: A day in words (gpai_format ``longdate``).
LONG_DATE_FORMAT = "j. F Y"
#: A day with its weekday, where a deadline is meant (gpai_format ``deadline``).
DEADLINE_FORMAT = "l, j. F Y"
#: The short form of a day in lists (dayformat.format_day).
SHORT_DAY_FORMAT = "D, j. N Y"
#: A day in a list, month abbreviated (gpai_format ``shortdate``).
SHORT_WORDS_FORMAT = "j. N Y"
