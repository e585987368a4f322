"""The language of a provider's letters: its own choice, or the official language of the Member
State where it is established (Regulation No 1 of 1958, Art 3: a document sent to a person
subject to the jurisdiction of a Member State is drafted in the language of that State). Where a
State has several official languages the first listed is the default, and the provider may change
it; outside the EU, English. Pure."""

from __future__ import annotations

__all__ = ["COUNTRY_LANGUAGE", "default_language"]

#: ISO 3166 alpha-2 → the default official language (ISO 639-1) of each Member State.
COUNTRY_LANGUAGE = {
    "AT": "de",
    "BE": "nl",  # also fr, de
    "BG": "bg",
    "CY": "el",
    "CZ": "cs",
    "DE": "de",
    "DK": "da",
    "EE": "et",
    "ES": "es",
    "FI": "fi",  # also sv
    "FR": "fr",
    "GR": "el",
    "HR": "hr",
    "HU": "hu",
    "IE": "en",  # also ga
    "IT": "it",
    "LT": "lt",
    "LU": "fr",  # also de
    "LV": "lv",
    "MT": "mt",  # also en
    "NL": "nl",
    "PL": "pl",
    "PT": "pt",
    "RO": "ro",
    "SE": "sv",
    "SI": "sl",
    "SK": "sk",
}


def default_language(country: str) -> str:
    """The language a provider established in ``country`` is written to by default."""
    return COUNTRY_LANGUAGE.get(str(country or "").upper(), "en")
