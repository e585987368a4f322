"""French as the AI Office writes it: Django's French formats, with the long forms of the
letters and pages (``1er décembre 2026``, ``mardi 1 décembre 2026``) and a decimal comma."""

from django.conf.locale.fr.formats import *  # noqa: F403

#: A day in words (gpai_format ``longdate``); the first of the month is written "1er".
LONG_DATE_FORMAT = "j F Y"
#: A day with its weekday, where a deadline is meant (gpai_format ``deadline``).
DEADLINE_FORMAT = "l j F Y"
#: The short form of a day in lists (dayformat.format_day).
SHORT_DAY_FORMAT = "D j N Y"
#: "1er" for the first day of the month (le premier), digits for the others.
FIRST_OF_MONTH = "1er"
#: A day in a list, month abbreviated (gpai_format ``shortdate``).
SHORT_WORDS_FORMAT = "j N Y"
