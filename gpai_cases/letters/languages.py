"""In which language a letter is written: the provider's letter language
(:attr:`Provider.letter_language`, providers/languages.py) when the letters are complete in it
(the catalogue of their templates and a wording row for every legal statement), English
otherwise, and then the caseworker is told before the letter is sent (:func:`fallback_warning`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language_info, gettext

__all__ = ["LETTER_CATALOGUES", "fallback_warning", "language_of_letters", "letters_complete_in"]

#: The languages whose catalogue (locale/<lang>/LC_MESSAGES) has every letter's text translated.
LETTER_CATALOGUES = ("en", "fr", "de")


def letters_complete_in(language: str) -> bool:
    """True when a letter can be written wholly in ``language``."""
    from .models import LetterWording, WordingKey

    if language == "en":
        return True
    if language not in LETTER_CATALOGUES:
        return False
    present = set(
        LetterWording.objects.filter(language=language).values_list("key", flat=True).distinct()
    )
    return present >= set(WordingKey.values)


def language_of_letters(provider: Any) -> str:
    """The language the provider's letters are written in."""
    wanted = (provider.letter_language or "en").split("-")[0]
    return wanted if letters_complete_in(wanted) else "en"


def fallback_warning(provider: Any) -> str | None:
    """What the caseworker is told when the provider's letters fall back to English."""
    wanted = (provider.letter_language or "en").split("-")[0]
    if language_of_letters(provider) == wanted:
        return None
    try:
        name = get_language_info(wanted)["name_translated"]
    except KeyError:
        name = wanted
    return gettext("This letter will be sent in English: no %(language)s translation.") % {
        "language": name
    }
