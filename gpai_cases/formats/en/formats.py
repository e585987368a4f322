"""English as the AI Office writes it: the British formats (``2 December 2026``), for the one
English of ``LANGUAGES``."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
